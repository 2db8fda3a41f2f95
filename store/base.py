"""The state every part of a ``Store`` shares: the database, the lock and the keys in memory.

:class:`StoreBase` reads the store's metadata and holds the unwrapped secrets
while the store is unlocked; the drafts and records methods build on it
(:mod:`store.drafts`, :mod:`store.records`), and :class:`store.repository.Store`
adds making, opening, unlocking and locking. The internals near the end
(``db``, ``mutex``, ``transaction``, ``meta``, ``signing_key``, ``opener``) are
for the bundle, audit and export code, not for the app.
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils

from store import crypto, envelope
from store.errors import (
    CannotOpenRecordError,
    DeviceKeyDestroyedError,
    NotFoundError,
    StoreError,
    StoreFormatError,
    StoreLockedError,
)
from store.keys import ProjectPublicKey
from store.models import StoreRole
from store.passphrase import Vault


class StoreBase:
    """The database, the lock that serialises access to it, and the secrets in memory."""

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

    @property
    def is_unlocked(self) -> bool:
        """Whether the store's secrets are in memory."""
        return self._unlocked

    # -- internals shared with the bundle and export code --------------------

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

    def meta(self, key: str) -> str | None:
        """A metadata value, or None."""
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        """Set a metadata value (inside :meth:`transaction`)."""
        self._set_meta(key, value)

    # -- helpers ---------------------------------------------------------------

    def _set_meta(self, key: str, value: str) -> None:
        self._db.table("meta").upsert({"key": key, "value": value}, pk="key")

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
            "SELECT protocol_id, protocol_version, format, revision, ciphertext, label "
            "FROM drafts WHERE id = ?",
            [draft_id],
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no draft {draft_id}")
        keys = ("protocol_id", "protocol_version", "format", "revision", "ciphertext", "label")
        return dict(zip(keys, row, strict=True))

    def _record_row(self, record_id: str) -> dict[str, Any]:
        envelope.check_id(record_id, "record id")
        row = self._db.execute(
            "SELECT origin_store, sealed_id, protocol_id, protocol_version, format, status, "
            "ciphertext FROM records WHERE id = ?",
            [record_id],
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no record {record_id}")
        keys = (
            "origin_store",
            "sealed_id",
            "protocol_id",
            "protocol_version",
            "format",
            "status",
            "ciphertext",
        )
        return dict(zip(keys, row, strict=True))
