"""Drafts: interviews in progress, encrypted under the device key.

AES-256-GCM with a fresh random nonce for every save; the associated data
binds the store id, draft id, protocol id and version, the format version and
the revision, so a ciphertext moved to another row does not open. The
protocol id and version are kept encrypted under the same key beside the
draft (``label``), never in clear; a draft saved by an earlier version keeps
them in clear until its next save. Each draft
is padded to a size bucket before encryption. An index of the live drafts and
their revisions, encrypted under the same key, is rewritten in the same
transaction as every save and deletion: an older copy of a draft put back
into the file, or a deleted or declined one brought back, does not match it
and is refused.

Drafts leave no audit entry: a declined interview whose draft had been saved
leaves nothing dated behind once it is deleted (the log records what was
sealed, withdrawn, carried and exported).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from store import crypto, draft_index, envelope
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
        plaintext = envelope.pad_json(envelope.encode_document(document))
        with self._lock:
            key = self._require_device_key()
            index = draft_index.read(self._db, key, self.store_id)
            if draft_id is None:
                draft_id, revision = envelope.new_id(), 1
            else:
                row = self._draft_row(draft_id)
                draft_index.check_live(index, draft_id, row["revision"])
                self._draft_protocol(key, draft_id, row)  # a swapped label is refused
                revision = row["revision"] + 1
            ad = envelope.draft_associated_data(
                self.store_id,
                draft_id,
                protocol_id,
                protocol_version,
                envelope.DRAFT_FORMAT,
                revision,
            )
            row = {
                "id": draft_id,
                "protocol_id": "",
                "protocol_version": "",
                "label": envelope.seal_protocol_label(
                    key, self.store_id, draft_id, protocol_id, protocol_version
                ),
                "format": envelope.DRAFT_FORMAT,
                "revision": revision,
                "ciphertext": crypto.encrypt(key, plaintext, ad),
            }
            index[draft_id] = revision
            with self._db.atomic():
                self._db.table("drafts").upsert(row, pk="id")
                draft_index.write(self._db, key, self.store_id, index)
        return draft_id

    def load_draft(self, draft_id: str) -> dict[str, Any]:
        """Decrypt a draft; a damaged, moved or rolled-back one raises :class:`TamperedError`."""
        with self._lock:
            key = self._require_device_key()
            row = self._draft_row(draft_id)
            index = draft_index.read(self._db, key, self.store_id)
            draft_index.check_live(index, draft_id, row["revision"])
            protocol_id, protocol_version = self._draft_protocol(key, draft_id, row)
            ad = envelope.draft_associated_data(
                self.store_id,
                draft_id,
                protocol_id,
                protocol_version,
                row["format"],
                row["revision"],
            )
            try:
                plaintext = crypto.decrypt(key, row["ciphertext"], ad)
            except crypto.DecryptionError:
                raise TamperedError(f"draft {draft_id} failed its integrity check") from None
        return envelope.decode_document(plaintext)

    def list_drafts(self) -> list[DraftInfo]:
        """Every draft, without content (the store must be unlocked to read their protocols)."""
        with self._lock:
            self._require_unlocked()
            key = self._device_key
            if key is None:
                return []  # destroying the device key deleted every draft
            rows = self._db.execute(
                "SELECT id, protocol_id, protocol_version, revision, label "
                "FROM drafts ORDER BY rowid"
            ).fetchall()
            listed = []
            for draft_id, protocol_id, protocol_version, revision, label in rows:
                row = {"protocol_id": protocol_id, "protocol_version": protocol_version}
                protocol = self._draft_protocol(key, draft_id, {**row, "label": label})
                listed.append(DraftInfo(draft_id, *protocol, revision))
        return listed

    def _draft_protocol(
        self, key: bytearray, draft_id: str, row: Mapping[str, Any]
    ) -> tuple[str, str]:
        """A draft's protocol: from its encrypted label, or an earlier version's clear row."""
        if row["label"] is None:
            return str(row["protocol_id"]), str(row["protocol_version"])
        return envelope.open_protocol_label(key, self.store_id, draft_id, bytes(row["label"]))

    def delete_draft(self, draft_id: str) -> None:
        """Delete a draft (its bytes are overwritten in the file)."""
        with self._lock:
            self._require_unlocked()
            self._draft_row(draft_id)
            with self._db.atomic():
                self._db.execute("DELETE FROM drafts WHERE id = ?", [draft_id])
                draft_index.forget(self._db, self._device_key, self.store_id, draft_id)
            scrub_log(self._db)
