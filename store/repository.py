"""The ``Store``: an encrypted SQLite store of drafts and sealed records.

A laptop store holds the project *public* key: it encrypts drafts under its
own device key and seals finished records to the project, after which it can
no longer read them. A steward store also holds the project *private* key and
can open every record. Both are unlocked with a passphrase (Argon2id), which
unwraps the store's secrets: the device key (drafts), the Ed25519 device
signing key (bundles) and, at the steward, the project private key.

Every change is one SQLite transaction together with its audit entry.
Methods are safe to call from worker threads (one lock guards the store).
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

import sqlite_utils

from store import audit, crypto, envelope
from store.database import DATABASE_FILE, check_is_store, connect, migrate
from store.errors import (
    CannotOpenRecordError,
    DeviceKeyDestroyedError,
    NotFoundError,
    StoreError,
    StoreFormatError,
    StoreLockedError,
    TamperedError,
)
from store.files import make_private_folder, write_private_file
from store.keys import (
    ProjectPrivateKey,
    ProjectPublicKey,
    device_fingerprint,
    device_key_document,
)
from store.models import AuditReport, DraftInfo, RecordInfo, RecordStatus, StoreRole
from store.passphrase import STRONG, KdfParams, Vault, check_new_passphrase

DEVICE_PUBLIC_FILE = "device.pub"
_DEVICE_KEY = "device_key"
_SIGNING_KEY = "signing_key"
_PROJECT_KEY = "project_key"


class Store:
    """An open store; locked until :meth:`unlock` is given the passphrase.

    Make one with :meth:`create` (laptop), :meth:`create_steward` or
    :meth:`open`; close it with :meth:`close` or a ``with`` block.
    """

    def __init__(self, folder: Path, db: sqlite_utils.Database) -> None:
        self.folder = folder
        """The store's folder."""
        self._db = db
        self._lock = threading.RLock()
        self._device_key: bytearray | None = None
        self._signing_key: bytearray | None = None
        self._project_material: bytearray | None = None
        self._opener: crypto.SealOpener | None = None
        self._unlocked = False
        meta = {row["key"]: row["value"] for row in db.table("meta").rows}
        try:
            self.store_id: str = envelope.check_id(meta["store_id"])
            """Random id of this store, bound into every ciphertext it makes."""
            self.role = StoreRole(meta["role"])
            """Laptop or steward."""
            self.project_public_key = ProjectPublicKey.from_json(json.loads(meta["project_public"]))
            """The key finished records are sealed to."""
            self.device_public_key: bytes = base64.b64decode(meta["device_public"])
            """The Ed25519 key that signs this store's bundles."""
        except (KeyError, ValueError, StoreError):
            raise StoreFormatError("the store's metadata is damaged") from None

    # -- making and opening -------------------------------------------------

    @classmethod
    def create(
        cls,
        folder: Path,
        *,
        project_public_key: ProjectPublicKey,
        passphrase: str,
        kdf: KdfParams = STRONG,
    ) -> Store:
        """Make a laptop store in a new or empty folder; it is returned unlocked."""
        return cls._create(folder, project_public_key, None, passphrase, kdf)

    @classmethod
    def create_steward(
        cls,
        folder: Path,
        *,
        project_private_key: ProjectPrivateKey,
        passphrase: str,
        kdf: KdfParams = STRONG,
    ) -> Store:
        """Make a steward store that keeps the project private key (wrapped by ``passphrase``)."""
        return cls._create(
            folder, project_private_key.public, project_private_key.material, passphrase, kdf
        )

    @classmethod
    def _create(
        cls,
        folder: Path,
        public: ProjectPublicKey,
        project_material: bytearray | None,
        passphrase: str,
        kdf: KdfParams,
    ) -> Store:
        check_new_passphrase(passphrase)
        make_private_folder(folder)
        store_id = envelope.new_id()
        secrets = {_DEVICE_KEY: crypto.new_key(), _SIGNING_KEY: crypto.new_signing_key()}
        if project_material is not None:
            secrets[_PROJECT_KEY] = bytearray(project_material)
        device_public = crypto.signing_public_key(secrets[_SIGNING_KEY])
        try:
            vault = Vault.create(secrets, passphrase, params=kdf, purpose=_purpose(store_id))
        finally:
            for secret in secrets.values():
                crypto.zero(secret)
        db = connect(folder / DATABASE_FILE)
        try:
            migrate(db)
            role = StoreRole.LAPTOP if project_material is None else StoreRole.STEWARD
            with db.atomic():
                db.table("meta").insert_all(
                    [
                        {"key": "store_id", "value": store_id},
                        {"key": "role", "value": role.value},
                        {"key": "project_public", "value": json.dumps(public.to_json())},
                        {"key": "device_public", "value": _b64(device_public)},
                        {"key": "vault", "value": json.dumps(vault.to_json())},
                        {"key": "bundle_sequence", "value": "0"},
                    ]
                )
                audit.append(db, "store.create", store_id)
        except BaseException:
            db.close()
            raise
        write_private_file(
            folder / DEVICE_PUBLIC_FILE,
            json.dumps(device_key_document(device_public, store_id), indent=2).encode() + b"\n",
        )
        store = cls(folder, db)
        store.unlock(passphrase)
        return store

    @classmethod
    def open(cls, folder: Path) -> Store:
        """Open an existing store, locked."""
        path = folder / DATABASE_FILE
        if not path.is_file():
            raise StoreFormatError(f"no store in {folder}")
        db = connect(path)
        try:
            check_is_store(db)
            return cls(folder, db)
        except BaseException:
            db.close()
            raise

    def close(self) -> None:
        """Lock and close the database."""
        self.lock()
        with self._lock:
            self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- locking ------------------------------------------------------------

    @property
    def is_unlocked(self) -> bool:
        """Whether the store's secrets are in memory."""
        return self._unlocked

    @property
    def device_fingerprint(self) -> str:
        """Fingerprint of this store's signing key, read to the steward at enrolment."""
        return device_fingerprint(self.device_public_key)

    @property
    def device_key_destroyed(self) -> bool:
        """Whether :meth:`destroy_device_key` was used on this store."""
        return _DEVICE_KEY not in self._vault().tokens

    def unlock(self, passphrase: str) -> None:
        """Unwrap the store's secrets; a wrong passphrase raises and changes nothing."""
        opened = self._vault().open(passphrase, purpose=_purpose(self.store_id))
        with self._lock:
            self.lock()
            self._signing_key = opened.pop(_SIGNING_KEY)
            self._device_key = opened.pop(_DEVICE_KEY, None)
            self._project_material = opened.pop(_PROJECT_KEY, None)
            for leftover in opened.values():
                crypto.zero(leftover)
            if self._project_material is not None:
                self._opener = crypto.SealOpener(self._project_material)
            self._unlocked = True

    def lock(self) -> None:
        """Zero every key in memory (as far as Python allows) and forget the opener."""
        with self._lock:
            for secret in (self._device_key, self._signing_key, self._project_material):
                crypto.zero(secret)
            self._device_key = self._signing_key = self._project_material = None
            if self._opener is not None:
                self._opener.forget()
            self._opener = None
            self._unlocked = False

    def change_passphrase(self, old: str, new: str, *, kdf: KdfParams = STRONG) -> None:
        """Re-wrap the store's secrets under a new passphrase; nothing else is touched."""
        check_new_passphrase(new)
        opened = self._vault().open(old, purpose=_purpose(self.store_id))
        try:
            vault = Vault.create(opened, new, params=kdf, purpose=_purpose(self.store_id))
        finally:
            for secret in opened.values():
                crypto.zero(secret)
        with self._lock, self._db.atomic():
            self._set_meta("vault", json.dumps(vault.to_json()))
            audit.append(self._db, "passphrase.change")

    def destroy_device_key(self) -> None:
        """Emergency: destroy the wrapped device key (and any project private key copy).

        Works while locked and needs no passphrase. Drafts become unrecoverable
        and are deleted; sealed records stay sealed for the steward, and the
        signing key stays so they can still be exported.
        """
        with self._lock:
            vault = self._vault().without(_DEVICE_KEY).without(_PROJECT_KEY)
            with self._db.atomic():
                self._set_meta("vault", json.dumps(vault.to_json()))
                self._db.execute("DELETE FROM drafts")
                audit.append(self._db, "device_key.destroy")
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            crypto.zero(self._device_key)
            crypto.zero(self._project_material)
            self._device_key = self._project_material = None
            if self._opener is not None:
                self._opener.forget()
            self._opener = None

    # -- drafts -------------------------------------------------------------

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

    # -- records ------------------------------------------------------------

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

    # -- audit and health ---------------------------------------------------

    def verify_audit(self) -> AuditReport:
        """Verify the audit chain; :class:`~store.errors.AuditError` names the first bad entry."""
        with self._lock:
            return audit.verify(self._db)

    def integrity_check(self) -> str:
        """SQLite's own ``PRAGMA integrity_check`` result (``"ok"`` when sound)."""
        with self._lock:
            rows = self._db.execute("PRAGMA integrity_check").fetchall()
        return "; ".join(str(row[0]) for row in rows)

    # -- internals shared with the bundle code ------------------------------

    @property
    def db(self) -> sqlite_utils.Database:
        """The database (for the bundle and audit modules; not for the app)."""
        return self._db

    @property
    def mutex(self) -> threading.RLock:
        """The lock that serialises access to the store."""
        return self._lock

    def signing_key(self) -> bytearray:
        """The device signing key (store must be unlocked)."""
        self._require_unlocked()
        assert self._signing_key is not None
        return self._signing_key

    def opener(self) -> crypto.SealOpener:
        """The project private key's opener (steward store, unlocked)."""
        if self.role is not StoreRole.STEWARD:
            raise CannotOpenRecordError("only a steward store can import bundles")
        self._require_unlocked()
        if self._opener is None:
            raise DeviceKeyDestroyedError("the project private key was destroyed in this store")
        return self._opener

    @contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """One locked transaction."""
        with self._lock, self._db.atomic():
            yield self._db

    def _set_meta(self, key: str, value: str) -> None:
        self._db.table("meta").upsert({"key": key, "value": value}, pk="key")

    def meta(self, key: str) -> str | None:
        """A metadata value, or None."""
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        """Set a metadata value (inside :meth:`transaction`)."""
        self._set_meta(key, value)

    def _vault(self) -> Vault:
        with self._lock:
            raw = self.meta("vault")
        if raw is None:
            raise StoreFormatError("the store's metadata is damaged")
        return Vault.from_json(json.loads(raw))

    def _require_unlocked(self) -> None:
        if not self._unlocked:
            raise StoreLockedError("the store is locked; unlock it with its passphrase")

    def _require_device_key(self) -> bytearray:
        self._require_unlocked()
        if self._device_key is None:
            raise DeviceKeyDestroyedError(
                "the device key was destroyed; drafts can no longer be saved or read"
            )
        return self._device_key

    def _draft_row(self, draft_id: str) -> dict[str, Any]:
        envelope.check_id(draft_id, "draft id")
        row = self._db.execute(
            "SELECT protocol_id, protocol_version, format, revision, ciphertext "
            "FROM drafts WHERE id = ?",
            [draft_id],
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no draft {draft_id}")
        keys = ("protocol_id", "protocol_version", "format", "revision", "ciphertext")
        return dict(zip(keys, row, strict=True))

    def _record_row(self, record_id: str) -> dict[str, Any]:
        envelope.check_id(record_id, "record id")
        row = self._db.execute(
            "SELECT origin_store, protocol_id, protocol_version, format, status, ciphertext "
            "FROM records WHERE id = ?",
            [record_id],
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no record {record_id}")
        keys = ("origin_store", "protocol_id", "protocol_version", "format", "status", "ciphertext")
        return dict(zip(keys, row, strict=True))


def _purpose(store_id: str) -> bytes:
    return b"store-secrets\0" + store_id.encode("ascii")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
