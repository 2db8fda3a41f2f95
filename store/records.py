"""Finished records: sealed with HPKE to the project key, opened only at the steward.

The HPKE ``info`` binds the store that sealed a record, its id and the
format version; the protocol id and version are sealed inside the record, so
the file and the bundles show neither (records sealed before format 2 keep
them in their row, in clear and bound into the ``info``, until the steward
re-reviews them). Records are known by the store that
sealed them and the id they were sealed under (``sealed_id``); the steward
keeps one under another local id only when another laptop already used that
id. Deleting a record (consent withdrawal) remembers the withdrawal, signed
with the device key, so the steward deletes its copy too. The methods near
the end are what bundles need (:mod:`store.bundle`).

At the steward, a record that arrived unreviewed is re-reviewed and sealed
again under the same id (:meth:`RecordsMixin.reseal_record`). The digest of
the copy it replaced is remembered (``laptop_copy:<record id>`` in the
metadata), so a later bundle carrying that same laptop copy is recognised as
already imported instead of overwriting, or clashing with, the reviewed one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from store import audit, crypto, draft_index, envelope
from store.base import StoreBase
from store.bundle_format import RecordEntry
from store.database import scrub_log
from store.errors import CannotOpenRecordError, DeviceKeyDestroyedError, StoreError, TamperedError
from store.models import (
    ImportedCopy,
    OpenedRecord,
    RecordInfo,
    RecordStatus,
    SealedRecord,
    StoreRole,
)

LAPTOP_COPY = "laptop_copy:"
"""Metadata key prefix: the digest of the copy a re-reviewed record replaced."""


def laptop_copy_key(record_id: str) -> str:
    """The metadata key remembering the copy a re-reviewed record replaced."""
    return LAPTOP_COPY + record_id


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
        payload = envelope.encode_record_payload(
            document,
            reviewed=reviewed,
            protocol_id=protocol_id,
            protocol_version=protocol_version,
        )
        record_id = envelope.new_id()
        info = envelope.record_info(self.store_id, record_id, "", "", envelope.RECORD_FORMAT)
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
                        "sealed_id": record_id,
                        "origin_store": self.store_id,
                        "protocol_id": "",
                        "protocol_version": "",
                        "format": envelope.RECORD_FORMAT,
                        "status": status.value,
                        "digest": crypto.sha256(sealed).hex(),
                        "ciphertext": sealed,
                    }
                )
                if draft_id is not None:
                    self._db.execute("DELETE FROM drafts WHERE id = ?", [draft_id])
                    draft_index.forget(self._db, self._device_key, self.store_id, draft_id)
                audit.append(self._db, "record.seal", record_id)
            if draft_id is not None:
                scrub_log(self._db)  # the draft's earlier frames
        return record_id

    def list_records(self) -> list[RecordInfo]:
        """Every finished record, without content.

        The protocol is empty for a record that seals it (:meth:`open_sealed`
        reads it at the steward); only a legacy record's row names it.
        """
        with self._lock:
            rows = self._db.execute(
                "SELECT id, protocol_id, protocol_version, status, origin_store "
                "FROM records ORDER BY rowid"
            ).fetchall()
        return [RecordInfo(r[0], r[1], r[2], RecordStatus(r[3]), r[4]) for r in rows]

    def open_record(self, record_id: str) -> dict[str, Any]:
        """Open a sealed record: only a steward store (with the project private key) can."""
        return self.open_sealed(record_id).document

    def open_sealed(self, record_id: str) -> OpenedRecord:
        """Open a sealed record with its protocol and review status (steward only)."""
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
                row["sealed_id"],
                row["protocol_id"],
                row["protocol_version"],
                row["format"],
            )
            try:
                payload = self._opener.open(row["ciphertext"], info)
            except crypto.UnsealError:
                raise TamperedError(f"record {record_id} failed its integrity check") from None
        opened = envelope.decode_record_payload(payload, row["format"])
        if (row["status"] == RecordStatus.REVIEWED.value) is not opened.reviewed:
            raise TamperedError(f"record {record_id} has a status that does not match its seal")
        return OpenedRecord(
            record_id,
            opened.protocol_id or row["protocol_id"],
            opened.protocol_version or row["protocol_version"],
            opened.reviewed,
            opened.document,
        )

    def reseal_record(self, record_id: str, document: Mapping[str, Any], *, reviewed: bool) -> None:
        """Steward only: replace a record with its re-reviewed version under the same id.

        The new version is sealed to the project key in the current format,
        bound to the store that first sealed it and the record id, with the
        protocol the old version was sealed with inside it (a legacy record's
        protocol leaves its row), the coarse status follows ``reviewed``, and the change is
        one transaction with its audit entry. The digest of the replaced copy
        is remembered so that the laptop re-sending it changes nothing; the
        write-ahead log is emptied afterwards, as the old version's frames
        must not outlive it.
        """
        with self._lock:
            if self.role is not StoreRole.STEWARD:
                raise CannotOpenRecordError(
                    "this laptop store cannot re-review finished records; only the steward can"
                )
            old = self.open_sealed(record_id)
            payload = envelope.encode_record_payload(
                document,
                reviewed=reviewed,
                protocol_id=old.protocol_id,
                protocol_version=old.protocol_version,
            )
            row = self._record_row(record_id)
            old_digest = self._db.execute(
                "SELECT digest FROM records WHERE id = ?", [record_id]
            ).fetchone()[0]
            info = envelope.record_info(
                row["origin_store"], row["sealed_id"], "", "", envelope.RECORD_FORMAT
            )
            sealed = crypto.seal(payload, self.project_public_key.key, info)
            status = RecordStatus.REVIEWED if reviewed else RecordStatus.UNREVIEWED
            with self._db.atomic():
                self._db.execute(
                    "UPDATE records SET format = ?, status = ?, digest = ?, ciphertext = ?, "
                    "protocol_id = '', protocol_version = '' WHERE id = ?",
                    [
                        envelope.RECORD_FORMAT,
                        status.value,
                        crypto.sha256(sealed).hex(),
                        sealed,
                        record_id,
                    ],
                )
                if row["origin_store"] != self.store_id:
                    self._db.execute(
                        "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
                        [laptop_copy_key(record_id), old_digest],
                    )
                audit.append(self._db, "record.review", record_id)
            scrub_log(self._db)  # the replaced version's frames

    def delete_record(self, record_id: str) -> None:
        """Consent withdrawal: delete the record and everything derived from it.

        The withdrawal is remembered, signed with this store's device key, so
        the next bundle tells the steward to delete its copy too and an old
        bundle cannot bring it back; only withdrawals whose signature verifies
        are ever sent. The sealed bytes are zeroed in the file and the
        write-ahead log emptied.
        """
        with self._lock:
            signing_key = self.signing_key()
            row = self._record_row(record_id)
            origin, sealed_id = row["origin_store"], row["sealed_id"]
            binding = envelope.withdrawal_binding(self.store_id, origin, sealed_id)
            signature = crypto.sign(signing_key, binding).hex()
            with self._db.atomic():
                self._db.execute("DELETE FROM records WHERE id = ?", [record_id])
                self._db.execute("DELETE FROM meta WHERE key = ?", [laptop_copy_key(record_id)])
                self._db.table("withdrawals").upsert(
                    {"origin_store": origin, "record_id": sealed_id, "signature": signature},
                    pk=("origin_store", "record_id"),
                )
                audit.append(self._db, "record.delete", record_id)
            scrub_log(self._db)

    # -- what bundles need ------------------------------------------------------

    def bundle_entries(self) -> list[RecordEntry]:
        """Every record this store sealed, in the order sealed, as a manifest lists it."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, protocol_id, protocol_version, format, status, length(ciphertext), "
                "digest FROM records WHERE origin_store = ? ORDER BY rowid",
                [self.store_id],
            ).fetchall()
        return [
            RecordEntry(r[0], r[1], r[2], int(r[3]), RecordStatus(r[4]), int(r[5]), str(r[6]))
            for r in rows
        ]

    def sealed_bytes(self, entry: RecordEntry) -> bytes:
        """A record's ciphertext, checked against its digest (a damaged one raises)."""
        with self._lock:
            row = self._db.execute(
                "SELECT ciphertext FROM records WHERE id = ?", [entry.record_id]
            ).fetchone()
        sealed = b"" if row is None else bytes(row[0])
        if crypto.sha256(sealed).hex() != entry.sha256 or len(sealed) != entry.length:
            raise StoreError(f"record {entry.record_id} is damaged in this store; nothing exported")
        return sealed

    def withdrawals_to_send(self) -> tuple[list[str], list[str]]:
        """(ids withdrawn here whose signature verifies, ids whose signature does not).

        The second list is what someone with the disk but not the passphrase
        planted, or what a previous version recorded unsigned: never sent.
        """
        with self._lock:
            rows = self._db.execute(
                "SELECT record_id, signature FROM withdrawals WHERE origin_store = ? "
                "ORDER BY record_id",
                [self.store_id],
            ).fetchall()
        signed, unsigned = [], []
        for record_id, signature in rows:
            binding = envelope.withdrawal_binding(self.store_id, self.store_id, str(record_id))
            try:
                crypto.verify(self.device_public_key, bytes.fromhex(str(signature)), binding)
            except (ValueError, crypto.SignatureError):
                unsigned.append(str(record_id))
                continue
            signed.append(str(record_id))
        return signed, unsigned

    def withdrawn_from(self, origin_store: str) -> set[str]:
        """Ids withdrawn for records sealed by ``origin_store`` (by its bundles or here)."""
        rows = self._db.execute(
            "SELECT record_id FROM withdrawals WHERE origin_store = ?", [origin_store]
        )
        return {str(r[0]) for r in rows}

    def imported_copy(self, origin_store: str, sealed_id: str) -> ImportedCopy | None:
        """The record ``origin_store`` sealed as ``sealed_id``, if this store holds it."""
        row = self._db.execute(
            "SELECT id, digest, status FROM records WHERE origin_store = ? AND sealed_id = ?",
            [origin_store, sealed_id],
        ).fetchone()
        if row is None:
            return None
        laptop_copy = self.meta(laptop_copy_key(str(row[0])))
        return ImportedCopy(str(row[0]), str(row[1]), RecordStatus(row[2]), laptop_copy)

    def add_imported_record(self, origin_store: str, record: SealedRecord) -> str:
        """Insert a record from a bundle (inside a transaction); returns the id it is kept under.

        That is the laptop's id, unless another laptop's record already holds
        it: then a fresh id, so that no laptop can block or replace another's
        record by sealing something under its id.
        """
        local_id = record.record_id
        if self._db.execute("SELECT 1 FROM records WHERE id = ?", [local_id]).fetchone():
            local_id = envelope.new_id()
        self._db.table("records").insert(
            {
                "id": local_id,
                "sealed_id": record.record_id,
                "origin_store": origin_store,
                "protocol_id": record.protocol_id,
                "protocol_version": record.protocol_version,
                "format": record.format,
                "status": record.status.value,
                "digest": record.digest,
                "ciphertext": record.sealed,
            }
        )
        return local_id

    def withdraw_imported(self, origin_store: str, sealed_id: str) -> str | None:
        """Apply a withdrawal a bundle carried (inside a transaction); the id deleted, if any."""
        copy = self.imported_copy(origin_store, sealed_id)
        if copy is not None:
            self._db.execute("DELETE FROM records WHERE id = ?", [copy.local_id])
            self._db.execute("DELETE FROM meta WHERE key = ?", [laptop_copy_key(copy.local_id)])
        self._db.execute(
            "INSERT OR IGNORE INTO withdrawals (origin_store, record_id, signature) "
            "VALUES (?, ?, '')",
            [origin_store, sealed_id],
        )
        return None if copy is None else copy.local_id
