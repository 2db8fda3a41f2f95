"""Finished records: sealed with HPKE to the project key, opened only at the steward.

The HPKE ``info`` binds the store that sealed a record, its id, protocol id
and version and the format version. Deleting a record (consent withdrawal)
remembers its id, so the steward deletes its copy too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from store import audit, crypto, envelope
from store.base import StoreBase
from store.database import scrub_log
from store.errors import CannotOpenRecordError, DeviceKeyDestroyedError, TamperedError
from store.models import RecordInfo, RecordStatus, StoreRole


class RecordsMixin(StoreBase):
    """Finalise, list, open and delete records (part of :class:`store.repository.Store`)."""

    def finalise(
        self,
        document: Mapping[str, Any],
        *,
        draft_id: str | None = None,
        protocol_id: str,
        protocol_version: str,
        reviewed: bool = False,
    ) -> str:
        """Seal a finished document to the project key; returns the new record id.

        The draft ``draft_id`` (if given) is deleted in the same transaction.
        ``reviewed`` says whether the anonymisation review was completed; it is
        sealed inside the record and mirrored as the coarse status.
        """
        envelope.check_label(protocol_id, "protocol id")
        envelope.check_label(protocol_version, "protocol version")
        payload = envelope.encode_record_payload(document, reviewed=reviewed)
        record_id = envelope.new_id()
        info = envelope.record_info(
            self.store_id, record_id, protocol_id, protocol_version, envelope.RECORD_FORMAT
        )
        sealed = crypto.seal(payload, self.project_public_key.key, info)
        status = RecordStatus.REVIEWED if reviewed else RecordStatus.UNREVIEWED
        with self._lock:
            self._require_unlocked()
            if draft_id is not None:
                self._draft_row(draft_id)
            with self._db.atomic():
                self._db.table("records").insert(
                    {
                        "id": record_id,
                        "origin_store": self.store_id,
                        "protocol_id": protocol_id,
                        "protocol_version": protocol_version,
                        "format": envelope.RECORD_FORMAT,
                        "status": status.value,
                        "digest": crypto.sha256(sealed).hex(),
                        "ciphertext": sealed,
                    }
                )
                if draft_id is not None:
                    self._db.execute("DELETE FROM drafts WHERE id = ?", [draft_id])
                audit.append(self._db, "record.seal", record_id)
            if draft_id is not None:
                scrub_log(self._db)  # the draft's earlier frames
        return record_id

    def list_records(self) -> list[RecordInfo]:
        """Every finished record, without content."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, protocol_id, protocol_version, status, origin_store "
                "FROM records ORDER BY rowid"
            ).fetchall()
        return [RecordInfo(r[0], r[1], r[2], RecordStatus(r[3]), r[4]) for r in rows]

    def open_record(self, record_id: str) -> dict[str, Any]:
        """Open a sealed record: only a steward store (with the project private key) can."""
        with self._lock:
            if self.role is not StoreRole.STEWARD:
                raise CannotOpenRecordError(
                    "this laptop store cannot open finished records; "
                    "only the steward's project private key can"
                )
            self._require_unlocked()
            if self._opener is None:
                raise DeviceKeyDestroyedError("the project private key was destroyed in this store")
            row = self._record_row(record_id)
            info = envelope.record_info(
                row["origin_store"],
                record_id,
                row["protocol_id"],
                row["protocol_version"],
                row["format"],
            )
            try:
                payload = self._opener.open(row["ciphertext"], info)
            except crypto.UnsealError:
                raise TamperedError(f"record {record_id} failed its integrity check") from None
        document, reviewed = envelope.decode_record_payload(payload)
        if (row["status"] == RecordStatus.REVIEWED.value) is not reviewed:
            raise TamperedError(f"record {record_id} has a status that does not match its seal")
        return document

    def delete_record(self, record_id: str) -> None:
        """Consent withdrawal: delete the record and everything derived from it.

        The id is remembered as withdrawn, so the next bundle tells the
        steward to delete its copy too, and an old bundle cannot bring it back.
        The sealed bytes are zeroed in the file and the write-ahead log emptied.
        """
        with self._lock:
            self._require_unlocked()
            row = self._record_row(record_id)
            with self._db.atomic():
                self._db.execute("DELETE FROM records WHERE id = ?", [record_id])
                self._db.table("withdrawals").upsert(
                    {"record_id": record_id, "origin_store": row["origin_store"]}, pk="record_id"
                )
                audit.append(self._db, "record.delete", record_id)
            scrub_log(self._db)
