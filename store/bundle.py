"""Bundles: sealed records carried from a laptop to the steward, signed.

The file format is in :mod:`store.bundle_format`. Nothing in a bundle is
readable without the project private key: records and the laptop's audit log
are sealed (each with its protocol id and version inside), and the manifest
holds only ids, sizes and coarse statuses.

Import follows the protocol step by step (:func:`import_bundle`): the signer
must be enrolled, already or in this import with the fingerprint the
interviewer read out; the signature is checked before the manifest is parsed;
a bundle older than one already imported from the same laptop is refused as a
replay (it could bring back withdrawn records); the laptop's whole audit
chain must still hold the head seen in its previous bundle; withdrawals are
shown and, for records already reviewed here, confirmed; then records are
streamed in, each checked to open under the ids its manifest gives, in one
transaction. Records and withdrawals are keyed by the laptop that sealed
them, so one laptop can neither delete nor block another's records.
Importing is idempotent (a record re-reviewed at the steward keeps its
reviewed version when the laptop sends its old copy again, see
:mod:`store.records`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from store import audit, crypto, envelope
from store.bundle_format import (
    DEFAULT_MAX_BYTES,
    MANIFEST_FORMAT,
    MANIFEST_VERSION,
    BundleReader,
    Manifest,
    RecordEntry,
    encode_bundle,
)
from store.database import scrub_log
from store.devices import EnrolledDevice
from store.errors import AuditError, BundleError, StoreError
from store.files import write_private_parts
from store.keys import device_fingerprint, normalise_fingerprint
from store.models import ExportReport, ImportReport, RecordStatus, SealedRecord
from store.repository import Store


@dataclass(frozen=True)
class Withdrawal:
    """A record a bundle withdraws, as the steward is shown it before anything is deleted."""

    record_id: str
    """The id the steward keeps it under."""
    status: RecordStatus
    """Its status here: a reviewed record holds the steward's own work."""


ConfirmWithdrawals = Callable[[Sequence[Withdrawal]], bool]
"""Asked with the records a bundle would delete; False refuses the whole import."""


def export_bundle(store: Store, path: Path) -> ExportReport:
    """Write every record this store sealed, and its signed withdrawals, to a new signed bundle.

    A withdrawal whose signature does not verify (planted by someone without
    the passphrase, or kept unsigned by a previous version) is left out and
    named in the report.
    """
    with store.mutex:
        signing_key = store.signing_key()
        entries = store.bundle_entries()
        withdrawn, unsigned = store.withdrawals_to_send()
        bundle_id = envelope.new_id()
        with store.transaction() as db:
            sequence = store.next_bundle_sequence()
            audit.append(db, "bundle.export", bundle_id)
            count, head_hash = audit.head(db)
            audit_log = crypto.seal(
                envelope.pad_json(json.dumps(audit.entries(db)).encode("utf-8")),
                store.project_public_key.key,
                envelope.bundle_audit_info(store.store_id, bundle_id),
            )
            manifest = {
                "format": MANIFEST_FORMAT,
                "version": MANIFEST_VERSION,
                "bundle_id": bundle_id,
                "store_id": store.store_id,
                "sequence": sequence,
                "project_fingerprint": store.project_public_key.fingerprint,
                "audit_head": f"{count}:{head_hash}",
                "audit_log": {"length": len(audit_log), "sha256": crypto.sha256(audit_log).hex()},
                "records": [_entry(entry) for entry in entries],
                "withdrawn": withdrawn,
            }
            # Records are read and written one at a time; a damaged one raises
            # mid-way, which leaves no file and rolls the bundle's number back.
            parts = encode_bundle(
                manifest,
                signing_key,
                store.device_public_key,
                audit_log,
                (store.sealed_bytes(entry) for entry in entries),
            )
            write_private_parts(path, parts)
    return ExportReport(bundle_id, sequence, len(entries), len(withdrawn), tuple(unsigned))


def import_bundle(
    store: Store,
    path: Path,
    *,
    enrol_fingerprint: str | None = None,
    confirm_withdrawals: ConfirmWithdrawals | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ImportReport:
    """Verify a bundle and merge it into a steward store; see the module docstring.

    Without ``confirm_withdrawals``, a bundle that would delete a record
    already reviewed here is refused.
    """
    with BundleReader(path, max_bytes=max_bytes) as reader, store.mutex:
        opener = store.opener()
        manifest = reader.manifest()
        if manifest.project_fingerprint != store.project_public_key.fingerprint:
            raise BundleError("bundle refused: its records are sealed to another project key")
        device, fingerprint = _trusted_signer(store, reader.device_key, enrol_fingerprint)
        _check_fits(store, device, manifest)
        logged = _check_audit_chain(opener, device, manifest, reader.audit_log(manifest))
        _confirm_withdrawals(_planned_withdrawals(store, manifest), confirm_withdrawals)
        known = store.withdrawn_from(manifest.store_id)
        new_withdrawals = set(manifest.withdrawn) - known
        unsent = sorted(logged - set(manifest.withdrawn) - known)
        with store.transaction() as db:
            if device is None:
                store.enrol_device(reader.device_key, manifest.store_id, fingerprint)
                audit.append(db, "device.enrol", manifest.store_id)
            added, present, renamed = _merge_records(store, opener, manifest, reader)
            removed = [
                local_id
                for sealed_id in manifest.withdrawn
                if (local_id := store.withdraw_imported(manifest.store_id, sealed_id))
            ]
            store.note_bundle_imported(
                reader.device_key, manifest.sequence, manifest.bundle_id, manifest.audit_head
            )
            audit.append(db, "bundle.import", manifest.bundle_id)
        if removed:
            scrub_log(store.db)  # the withdrawn records' earlier frames
    return ImportReport(
        bundle_id=manifest.bundle_id,
        device_fingerprint=fingerprint,
        added=added,
        already_present=present,
        withdrawn=len(removed),
        enrolled=device is None,
        audit_head=manifest.audit_head,
        sequence=manifest.sequence,
        renamed=tuple(renamed),
        withdrawn_ids=tuple(removed),
        unmatched_withdrawals=len(new_withdrawals) - len(removed),
        unsent_withdrawals=tuple(unsent),
    )


# -- the steps of an import ----------------------------------------------------


def _trusted_signer(
    store: Store, device_key: bytes, enrol_fingerprint: str | None
) -> tuple[EnrolledDevice | None, str]:
    """The enrolled device that signed, or None when this import enrols it as asked.

    The refusal of an unknown signer never prints its fingerprint: a steward
    who copied it from the error would enrol whoever made the bundle.
    """
    fingerprint = device_fingerprint(device_key)
    device = store.enrolled_device(device_key)
    if device is not None:
        return device, fingerprint
    if enrol_fingerprint is None:
        raise BundleError(
            "bundle refused: it is signed by a device that is not enrolled; to enrol a laptop, "
            "ask its interviewer for the device fingerprint (testimony keys fingerprint "
            "--store on the laptop) over a call or in person, and import with --enrol-device"
        )
    if normalise_fingerprint(enrol_fingerprint) != fingerprint:
        raise BundleError(
            "bundle refused: it is signed by a device whose fingerprint is not the "
            "one given for enrolment"
        )
    return None, fingerprint


def _check_fits(store: Store, device: EnrolledDevice | None, manifest: Manifest) -> None:
    """The laptop it names, and not older than what was imported from it."""
    if device is None:
        if store.store_has_device(manifest.store_id):
            raise BundleError(
                "bundle refused: another device key is already enrolled for its store"
            )
        return
    if device.store_id != manifest.store_id:
        raise BundleError("bundle refused: it names a store its device is not enrolled for")
    if manifest.sequence < device.last_sequence or (
        manifest.sequence == device.last_sequence and manifest.bundle_id != device.last_bundle
    ):
        raise BundleError(
            f"bundle refused: it is replayed (bundle {manifest.sequence} of this device, "
            f"but bundle {device.last_sequence} was already imported)"
        )


def _check_audit_chain(
    opener: crypto.SealOpener, device: EnrolledDevice | None, manifest: Manifest, sealed: bytes
) -> set[str]:
    """The laptop's whole audit log, opened and chained to the head kept from its last bundle.

    Returns the record ids its log says were withdrawn there: one the bundle
    does not carry had its withdrawal removed from the laptop (or made by the
    previous version, unsigned), which the steward must hear about.
    """
    info = envelope.bundle_audit_info(manifest.store_id, manifest.bundle_id)
    try:
        carried = json.loads(opener.open(sealed, info))
    except (crypto.UnsealError, ValueError, RecursionError):
        raise BundleError(
            "bundle refused: its audit log does not open with the project key"
        ) from None
    kept = device.audit_head if device is not None and device.audit_head else None
    try:
        audit.check_carried(
            carried, store_id=manifest.store_id, head=manifest.audit_head, kept_head=kept
        )
    except AuditError as problem:
        raise BundleError(f"bundle refused: {problem}") from None
    return {str(entry[3]) for entry in carried if entry[2] == "record.delete"}


def _planned_withdrawals(store: Store, manifest: Manifest) -> list[Withdrawal]:
    """The records of this laptop (and of no other) that the bundle's withdrawals would delete."""
    copies = [store.imported_copy(manifest.store_id, sealed_id) for sealed_id in manifest.withdrawn]
    return [Withdrawal(copy.local_id, copy.status) for copy in copies if copy is not None]


def _confirm_withdrawals(
    withdrawals: Sequence[Withdrawal], confirm: ConfirmWithdrawals | None
) -> None:
    """Deleting a record the steward already reviewed needs a yes; otherwise nothing is imported."""
    if not any(w.status is RecordStatus.REVIEWED for w in withdrawals):
        return
    if confirm is None or not confirm(withdrawals):
        raise BundleError(
            f"bundle refused: it withdraws consent for {len(withdrawals)} record(s), "
            "some already reviewed here, and deleting them was not confirmed; "
            "nothing was imported"
        )


def _merge_records(
    store: Store, opener: crypto.SealOpener, manifest: Manifest, reader: BundleReader
) -> tuple[int, int, list[str]]:
    """Stream the records in: (added, already present, laptop ids kept under a new id)."""
    withdrawn = store.withdrawn_from(manifest.store_id) | set(manifest.withdrawn)
    added, present, renamed = 0, 0, []
    for record in reader.records(manifest):
        if record.record_id in withdrawn:
            continue
        copy = store.imported_copy(manifest.store_id, record.record_id)
        if copy is not None:
            # A record re-reviewed here replaced the laptop's copy: that copy is
            # already imported, and never overwrites the reviewed version.
            if record.digest not in (copy.digest, copy.laptop_copy):
                raise BundleError(
                    f"bundle refused: record {record.record_id} differs from the copy "
                    "already imported"
                )
            present += 1
            continue
        _check_opens(opener, manifest.store_id, record)
        if store.add_imported_record(manifest.store_id, record) != record.record_id:
            renamed.append(record.record_id)
        added += 1
    return added, present, renamed


def _check_opens(opener: crypto.SealOpener, store_id: str, record: SealedRecord) -> None:
    """A record must open with the project key under the ids the manifest gives it."""
    info = envelope.record_info(
        store_id, record.record_id, record.protocol_id, record.protocol_version, record.format
    )
    try:
        payload = opener.open(record.sealed, info)
        reviewed = envelope.decode_record_payload(payload, record.format).reviewed
    except (crypto.UnsealError, StoreError):
        raise BundleError(
            f"bundle refused: record {record.record_id} does not open with the project key "
            "under the ids its manifest gives"
        ) from None
    if reviewed is not (record.status is RecordStatus.REVIEWED):
        raise BundleError(f"bundle refused: record {record.record_id} has a wrong status")


def _entry(entry: RecordEntry) -> dict[str, object]:
    """A manifest entry: a protocol is named only for a legacy record, whose seal binds it."""
    named: dict[str, object] = {}
    if entry.format == envelope.LEGACY_RECORD_FORMAT:
        named = {"protocol_id": entry.protocol_id, "protocol_version": entry.protocol_version}
    return {
        "id": entry.record_id,
        **named,
        "format": entry.format,
        "status": entry.status.value,
        "length": entry.length,
        "sha256": entry.sha256,
    }
