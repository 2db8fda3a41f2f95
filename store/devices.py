"""Enrolled laptops, as a steward store knows them: key, store, last bundle, audit head.

A laptop is enrolled by the fingerprint its interviewer reads out; from then
on its bundles are checked against what the steward recorded from the last
one: the bundle counter (no replays) and the audit head (the laptop's log
must still hold it).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from store.base import StoreBase


@dataclass(frozen=True)
class EnrolledDevice:
    """One enrolled laptop."""

    store_id: str
    """The laptop store's id, bound into its records' seals."""
    fingerprint: str
    """The device fingerprint it was enrolled with."""
    last_sequence: int
    """The bundle counter of its last imported bundle (0 before the first)."""
    last_bundle: str
    """The id of that bundle."""
    audit_head: str
    """Its audit head at that bundle, ``entries:hash`` (empty before the first)."""


class DevicesMixin(StoreBase):
    """The steward's table of enrolled laptops (part of :class:`store.repository.Store`)."""

    def enrolled_device(self, public_key: bytes) -> EnrolledDevice | None:
        """The enrolled laptop with this signing key, if any."""
        row = self._db.execute(
            "SELECT store_id, fingerprint, last_sequence, last_bundle, audit_head FROM devices "
            "WHERE public_key = ?",
            [_b64(public_key)],
        ).fetchone()
        if row is None:
            return None
        return EnrolledDevice(
            str(row[0]), str(row[1]), int(row[2]), str(row[3] or ""), str(row[4] or "")
        )

    def store_has_device(self, store_id: str) -> bool:
        """Whether some device key is already enrolled for this laptop store."""
        row = self._db.execute("SELECT 1 FROM devices WHERE store_id = ?", [store_id]).fetchone()
        return row is not None

    def enrol_device(self, public_key: bytes, store_id: str, fingerprint: str) -> None:
        """Enrol a laptop (inside a transaction)."""
        self._db.table("devices").insert(
            {
                "public_key": _b64(public_key),
                "store_id": store_id,
                "fingerprint": fingerprint,
                "last_sequence": 0,
                "last_bundle": "",
                "audit_head": "",
            }
        )

    def note_bundle_imported(
        self, public_key: bytes, sequence: int, bundle_id: str, audit_head: str
    ) -> None:
        """Remember a laptop's last imported bundle and audit head (inside a transaction)."""
        self._db.execute(
            "UPDATE devices SET last_sequence = ?, last_bundle = ?, audit_head = ? "
            "WHERE public_key = ?",
            [sequence, bundle_id, audit_head, _b64(public_key)],
        )

    def next_bundle_sequence(self) -> int:
        """Count one more bundle made by this store (inside a transaction); returns its number."""
        sequence = int(self.meta("bundle_sequence") or "0") + 1
        self._set_meta("bundle_sequence", str(sequence))
        return sequence


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
