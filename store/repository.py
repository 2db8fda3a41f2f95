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
from pathlib import Path
from types import TracebackType

from store import audit, crypto, draft_index, envelope
from store.database import DATABASE_FILE, check_is_store, connect, migrate, scrub_log
from store.devices import DevicesMixin
from store.drafts import DraftsMixin
from store.errors import StoreFormatError, TamperedError
from store.files import create_empty_private_file, make_private_folder
from store.keys import (
    ProjectPrivateKey,
    ProjectPublicKey,
    device_fingerprint,
)
from store.models import AuditReport, StoreRole
from store.passphrase import STRONG, KdfParams, Vault, check_new_passphrase
from store.records import RecordsMixin

_DEVICE_KEY = "device_key"
_SIGNING_KEY = "signing_key"
_PROJECT_KEY = "project_key"
_METADATA_SIGNATURE = "metadata_signature"


class Store(DraftsMixin, RecordsMixin, DevicesMixin):
    """An open store; locked until :meth:`unlock` is given the passphrase.

    Make one with :meth:`create` (laptop), :meth:`create_steward` or
    :meth:`open`; close it with :meth:`close` or a ``with`` block. Drafts are
    in :class:`~store.drafts.DraftsMixin`, records in
    :class:`~store.records.RecordsMixin`, shared state in
    :class:`~store.base.StoreBase`.
    """

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
        role = StoreRole.LAPTOP if project_material is None else StoreRole.STEWARD
        try:
            vault = Vault.create(secrets, passphrase, params=kdf, purpose=_purpose(store_id))
            signature = crypto.sign(
                secrets[_SIGNING_KEY], _metadata(store_id, role, public, device_public)
            )
        finally:
            for secret in secrets.values():
                crypto.zero(secret)
        create_empty_private_file(folder / DATABASE_FILE)
        db = connect(folder / DATABASE_FILE)
        try:
            migrate(db)
            with db.atomic():
                db.table("meta").insert_all(
                    [
                        {"key": "store_id", "value": store_id},
                        {"key": "role", "value": role.value},
                        {"key": "project_public", "value": json.dumps(public.to_json())},
                        {"key": "device_public", "value": _b64(device_public)},
                        {"key": "vault", "value": json.dumps(vault.to_json())},
                        {"key": _METADATA_SIGNATURE, "value": _b64(signature)},
                        {"key": "bundle_sequence", "value": "0"},
                    ]
                )
                audit.append(db, "store.create", store_id)
        except BaseException:
            db.close()
            raise
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
    def device_fingerprint(self) -> str:
        """Fingerprint of this store's signing key, read to the steward at enrolment."""
        return device_fingerprint(self.device_public_key)

    @property
    def device_key_destroyed(self) -> bool:
        """Whether :meth:`destroy_device_key` was used on this store."""
        return _DEVICE_KEY not in self._vault().tokens

    def unlock(self, passphrase: str) -> None:
        """Unwrap the store's secrets; a wrong passphrase raises and changes nothing.

        The metadata the device key signed when the store was made (store id,
        role, project key, device key) is checked first: if someone changed
        it, for instance to make later records seal to their own key, the
        store stays locked and :class:`~store.errors.TamperedError` says so.
        """
        opened = self._vault().open(passphrase, purpose=_purpose(self.store_id))
        try:
            self._check_metadata(opened)
        except BaseException:
            for secret in opened.values():
                crypto.zero(secret)
            raise
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

    def _check_metadata(self, opened: dict[str, bytearray]) -> None:
        altered = TamperedError(
            "the store's metadata was altered (project key, role or device key); "
            "do not use this store, and tell the steward"
        )
        signing = opened.get(_SIGNING_KEY)
        raw_signature = self.meta(_METADATA_SIGNATURE)
        if signing is None or raw_signature is None:
            raise altered
        if crypto.signing_public_key(signing) != self.device_public_key:
            raise altered
        project = opened.get(_PROJECT_KEY)
        if project is not None and (
            self.role is not StoreRole.STEWARD
            or crypto.hybrid_public_key(project) != self.project_public_key.key
        ):
            raise altered
        message = _metadata(
            self.store_id, self.role, self.project_public_key, self.device_public_key
        )
        try:
            crypto.verify(self.device_public_key, base64.b64decode(raw_signature), message)
        except (crypto.SignatureError, ValueError):
            raise altered from None

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
        with self._lock:
            with self._db.atomic():
                self._set_meta("vault", json.dumps(vault.to_json()))
                audit.append(self._db, "passphrase.change")
            scrub_log(self._db)  # the wrapping under the old passphrase

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
                self._db.execute("DELETE FROM meta WHERE key = ?", [draft_index.INDEX_KEY])
                audit.append(self._db, "device_key.destroy")
            scrub_log(self._db)
            crypto.zero(self._device_key)
            crypto.zero(self._project_material)
            self._device_key = self._project_material = None
            if self._opener is not None:
                self._opener.forget()
            self._opener = None

    # -- audit and health ---------------------------------------------------

    def verify_audit(self, *, expected_head: str | None = None) -> AuditReport:
        """Verify the audit chain; :class:`~store.errors.AuditError` names the first bad entry.

        ``expected_head`` is a head kept elsewhere (``entries:hash``, as the
        steward records it from each bundle); the log must still hold it.
        """
        with self._lock:
            return audit.verify(self._db, store_id=self.store_id, expected_head=expected_head)

    def integrity_check(self) -> str:
        """SQLite's own ``PRAGMA integrity_check`` result (``"ok"`` when sound)."""
        with self._lock:
            rows = self._db.execute("PRAGMA integrity_check").fetchall()
        return "; ".join(str(row[0]) for row in rows)


def _metadata(
    store_id: str, role: StoreRole, public: ProjectPublicKey, device_public: bytes
) -> bytes:
    return envelope.metadata_binding(
        store_id, role.value, public.key.raw, public.label, device_public
    )


def _purpose(store_id: str) -> bytes:
    return b"store-secrets\0" + store_id.encode("ascii")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
