"""What the store hands back: small frozen dataclasses, no secrets and no content."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


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
    """Id of the interview protocol a legacy record follows; empty when it is sealed inside."""
    protocol_version: str
    """Version of that protocol; empty when it is sealed inside."""
    status: RecordStatus
    """Coarse review status."""
    origin_store_id: str
    """Id of the store that sealed the record (bound into its seal)."""


@dataclass(frozen=True)
class OpenedRecord:
    """A record opened at the steward: its protocol, review status and document."""

    record_id: str
    """The id it is kept under here."""
    protocol_id: str
    """Id of the interview protocol it follows (from its seal, or a legacy record's row)."""
    protocol_version: str
    """Version of that protocol."""
    reviewed: bool
    """Whether its anonymisation review was complete when sealed."""
    document: dict[str, Any] = field(repr=False)
    """The finished document (testimony: never logged or shown whole)."""


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
    renamed: tuple[str, ...] = ()
    """Laptop ids of records kept under a new id, as another laptop had used theirs."""
    withdrawn_ids: tuple[str, ...] = ()
    """Ids of the records deleted here by this bundle's withdrawals."""
    unmatched_withdrawals: int = 0
    """New withdrawals naming no record of this laptop held here (never imported)."""
    unsent_withdrawals: tuple[str, ...] = ()
    """Records the laptop's log says were withdrawn there, but whose withdrawal it did not send."""


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
    unsigned_withdrawals: tuple[str, ...] = ()
    """Withdrawals in the store whose signature does not verify: left out of the bundle."""


@dataclass(frozen=True)
class SealedRecord:
    """A sealed record as a bundle carries it: ids, coarse status and ciphertext."""

    record_id: str
    """The id the laptop sealed it under (bound into the seal)."""
    protocol_id: str
    """A legacy record's protocol id (bound into the seal); empty when sealed inside."""
    protocol_version: str
    """A legacy record's protocol version (bound into the seal); empty when sealed inside."""
    format: int
    """Record format version (bound into the seal)."""
    status: RecordStatus
    """Coarse status (sealed inside the record too)."""
    digest: str
    """SHA-256 of the ciphertext, hex."""
    sealed: bytes
    """The HPKE ciphertext."""


@dataclass(frozen=True)
class ImportedCopy:
    """What a steward store holds of a record a laptop sealed."""

    local_id: str
    """The id it is kept under here (the laptop's, unless another laptop had used it)."""
    digest: str
    """SHA-256 of the copy held."""
    status: RecordStatus
    """Its coarse status here (reviewed once the steward re-reviewed it)."""
    laptop_copy: str | None
    """Digest of the laptop's copy a re-review replaced, if any."""
