"""Drafts: interviews in progress, encrypted under the device key.

AES-256-GCM with a fresh random nonce for every save; the associated data
binds the store id, draft id, protocol id and version and the format
version, so a ciphertext moved to another row does not open.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from store import audit, crypto, envelope
from store.base import StoreBase
from store.database import scrub_log
from store.errors import TamperedError
from store.models import DraftInfo


class DraftsMixin(StoreBase):
    """Save, load, list and delete drafts (part of :class:`store.repository.Store`)."""

    def save_draft(
        self,
        document: Mapping[str, Any],
        *,
        draft_id: str | None = None,
        protocol_id: str,
        protocol_version: str,
    ) -> str:
        """Encrypt and save a draft (new if ``draft_id`` is None); returns its id."""
        envelope.check_label(protocol_id, "protocol id")
        envelope.check_label(protocol_version, "protocol version")
        plaintext = envelope.encode_document(document)
        with self._lock:
            key = self._require_device_key()
            if draft_id is None:
                draft_id, revision = envelope.new_id(), 1
            else:
                revision = self._draft_row(draft_id)["revision"] + 1
            ad = envelope.draft_associated_data(
                self.store_id, draft_id, protocol_id, protocol_version, envelope.DRAFT_FORMAT
            )
            row = {
                "id": draft_id,
                "protocol_id": protocol_id,
                "protocol_version": protocol_version,
                "format": envelope.DRAFT_FORMAT,
                "revision": revision,
                "ciphertext": crypto.encrypt(key, plaintext, ad),
            }
            with self._db.atomic():
                self._db.table("drafts").upsert(row, pk="id")
                if revision == 1:
                    audit.append(self._db, "draft.create", draft_id)
        return draft_id

    def load_draft(self, draft_id: str) -> dict[str, Any]:
        """Decrypt a draft; a damaged or moved ciphertext raises :class:`TamperedError`."""
        with self._lock:
            key = self._require_device_key()
            row = self._draft_row(draft_id)
            ad = envelope.draft_associated_data(
                self.store_id, draft_id, row["protocol_id"], row["protocol_version"], row["format"]
            )
            try:
                plaintext = crypto.decrypt(key, row["ciphertext"], ad)
            except crypto.DecryptionError:
                raise TamperedError(f"draft {draft_id} failed its integrity check") from None
        return envelope.decode_document(plaintext)

    def list_drafts(self) -> list[DraftInfo]:
        """Every draft, without content."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, protocol_id, protocol_version, revision FROM drafts ORDER BY rowid"
            ).fetchall()
        return [DraftInfo(*row) for row in rows]

    def delete_draft(self, draft_id: str) -> None:
        """Delete a draft (its bytes are overwritten in the file)."""
        with self._lock:
            self._require_unlocked()
            self._draft_row(draft_id)
            with self._db.atomic():
                self._db.execute("DELETE FROM drafts WHERE id = ?", [draft_id])
                audit.append(self._db, "draft.delete", draft_id)
            scrub_log(self._db)
