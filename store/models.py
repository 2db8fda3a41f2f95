"""What the store hands back: small frozen dataclasses, no secrets and no content."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class StoreRole(enum.StrEnum):
    """Whether a store can open finished records."""

    LAPTOP = "laptop"
    """An interviewer's store: holds the project public key only."""
    STEWARD = "steward"
    """The steward's store: also holds the project private key."""


class RecordStatus(enum.StrEnum):
    """A record's coarse status, the only thing about it stored unencrypted."""

    UNREVIEWED = "unreviewed"
    """Sealed, but the anonymisation review was not completed."""
    REVIEWED = "reviewed"
    """Sealed after the anonymisation review was completed."""


@dataclass(frozen=True)
class DraftInfo:
    """A draft as listed: no content."""

    draft_id: str
    """Random id of the draft."""
    protocol_id: str
    """Id of the interview protocol the draft follows."""
    protocol_version: str
    """Version of that protocol."""
    revision: int
    """How many times the draft has been saved (1 after the first save)."""


@dataclass(frozen=True)
class RecordInfo:
    """A finished record as listed: no content."""

    record_id: str
    """Random id of the record."""
    protocol_id: str
    """Id of the interview protocol the record follows."""
    protocol_version: str
    """Version of that protocol."""
    status: RecordStatus
    """Coarse review status."""
    origin_store_id: str
    """Id of the store that sealed the record (bound into its seal)."""


@dataclass(frozen=True)
class AuditReport:
    """The result of verifying a store's audit log."""

    entries: int
    """How many entries were checked."""
    head: str
    """Hash of the last entry (hex), to compare with a copy kept elsewhere."""


@dataclass(frozen=True)
class ImportReport:
    """What importing one bundle did at the steward."""

    bundle_id: str
    """Random id of the bundle."""
    device_fingerprint: str
    """Fingerprint of the device key that signed it."""
    added: int
    """Records new to this store."""
    already_present: int
    """Records this store already had (importing is idempotent)."""
    withdrawn: int
    """Records deleted here because consent was withdrawn on the laptop."""
    enrolled: bool
    """Whether this import enrolled the device."""
    audit_head: str = ""
    """The laptop's audit head (``entries:hash``), to check its log against later."""
    sequence: int = 0
    """The laptop's bundle counter, as ``bundle export`` printed it there."""


@dataclass(frozen=True)
class ExportReport:
    """What exporting one bundle from a store wrote."""

    bundle_id: str
    """Random id of the bundle."""
    sequence: int
    """This store's bundle counter; the steward refuses older bundles than it has seen."""
    records: int
    """Sealed records carried."""
    withdrawn: int
    """Record ids carried as withdrawn (consent withdrawal)."""
