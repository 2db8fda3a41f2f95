"""Bundles: sealed records carried from a laptop to the steward, signed.

The file format is in :mod:`store.bundle_format`. Nothing in a bundle is
readable without the project private key: records are sealed, and the
manifest holds only ids.

The steward imports a bundle only if it verifies completely and its signer
is enrolled: either already, or in this import with the fingerprint the
interviewer read out (``enrol_fingerprint``). Importing is idempotent (a record
re-reviewed at the steward keeps its reviewed version when the laptop sends
its old copy again, see :mod:`store.records`); a bundle older than one already
imported from the same laptop is refused as a replay, because it could bring
back records whose consent was withdrawn.
"""

from __future__ import annotations

import base64
from pathlib import Path

from store import audit, crypto, envelope
from store.bundle_format import MAGIC as MAGIC
from store.bundle_format import MANIFEST_FORMAT, MANIFEST_VERSION, BundleRecord, encode_bundle
from store.bundle_format import VerifiedBundle as VerifiedBundle
from store.bundle_format import read_bundle as read_bundle
from store.database import scrub_log
from store.errors import BundleError, StoreError
from store.files import write_private_file
from store.keys import device_fingerprint, normalise_fingerprint
from store.models import ExportReport, ImportReport, RecordStatus
from store.records import laptop_copy_key
from store.repository import Store


def export_bundle(store: Store, path: Path) -> ExportReport:
    """Write every record this store sealed, and its withdrawals, to a new signed bundle."""
    with store.mutex:
        signing_key = store.signing_key()
        rows = store.db.execute(
            "SELECT id, protocol_id, protocol_version, format, status, digest, ciphertext "
            "FROM records WHERE origin_store = ? ORDER BY rowid",
            [store.store_id],
        ).fetchall()
        withdrawn = [
            str(r[0])
            for r in store.db.execute(
                "SELECT record_id FROM withdrawals WHERE origin_store = ? ORDER BY record_id",
                [store.store_id],
            )
        ]
        bundle_id = envelope.new_id()
        entries = []
        for record_id, protocol_id, protocol_version, fmt, status, digest, sealed in rows:
            if crypto.sha256(sealed).hex() != digest:
                raise StoreError(f"record {record_id} is damaged in this store; nothing exported")
            entries.append(
                {
                    "id": record_id,
                    "protocol_id": protocol_id,
                    "protocol_version": protocol_version,
                    "format": fmt,
                    "status": status,
                    "length": len(sealed),
                    "sha256": digest,
                }
            )
        with store.transaction() as db:
            sequence = int(store.meta("bundle_sequence") or "0") + 1
            store.set_meta("bundle_sequence", str(sequence))
            audit.append(db, "bundle.export", bundle_id)
            count, head_hash = audit.head(db)
            manifest = {
                "format": MANIFEST_FORMAT,
                "version": MANIFEST_VERSION,
                "bundle_id": bundle_id,
                "store_id": store.store_id,
                "device_key": base64.b64encode(store.device_public_key).decode("ascii"),
                "sequence": sequence,
                "project_fingerprint": store.project_public_key.fingerprint,
                "audit_head": f"{count}:{head_hash}",
                "records": entries,
                "withdrawn": withdrawn,
            }
            sealed = (row[6] for row in rows)
            write_private_file(path, encode_bundle(manifest, signing_key, sealed))
    return ExportReport(bundle_id, sequence, len(entries), len(withdrawn))


def import_bundle(
    store: Store, path: Path, *, enrol_fingerprint: str | None = None
) -> ImportReport:
    """Verify a bundle and merge it into a steward store; see the module docstring."""
    bundle = read_bundle(path)
    fingerprint = device_fingerprint(bundle.device_key)
    with store.mutex:
        opener = store.opener()
        if bundle.project_fingerprint != store.project_public_key.fingerprint:
            raise BundleError("bundle refused: its records are sealed to another project key")
        device_b64 = base64.b64encode(bundle.device_key).decode("ascii")
        device = store.db.execute(
            "SELECT store_id, last_sequence, last_bundle, audit_head FROM devices "
            "WHERE public_key = ?",
            [device_b64],
        ).fetchone()
        enrolling = device is None
        if enrolling:
            if enrol_fingerprint is None:
                raise BundleError(
                    f"bundle refused: it is signed by a device that is not enrolled "
                    f"(device fingerprint {fingerprint}); check that fingerprint with the "
                    "interviewer and import again with it to enrol the device"
                )
            if normalise_fingerprint(enrol_fingerprint) != fingerprint:
                raise BundleError(
                    "bundle refused: it is signed by a device whose fingerprint is not the "
                    "one given for enrolment"
                )
            if store.db.execute(
                "SELECT 1 FROM devices WHERE store_id = ?", [bundle.store_id]
            ).fetchone():
                raise BundleError(
                    "bundle refused: another device key is already enrolled for its store"
                )
        else:
            enrolled_store, last_sequence, last_bundle, last_head = device
            if enrolled_store != bundle.store_id:
                raise BundleError("bundle refused: it names a store its device is not enrolled for")
            if bundle.sequence < last_sequence or (
                bundle.sequence == last_sequence and bundle.bundle_id != last_bundle
            ):
                raise BundleError(
                    f"bundle refused: it is replayed (bundle {bundle.sequence} of this device, "
                    f"but bundle {last_sequence} was already imported)"
                )
            if _head_entries(bundle.audit_head) < _head_entries(str(last_head or "")):
                raise BundleError(
                    "bundle refused: the laptop's audit log is shorter than in its last bundle "
                    f"({bundle.audit_head.split(':')[0]} entries, was "
                    f"{str(last_head).split(':')[0]}); its log was cut or rewritten"
                )
        # Every withdrawal known here counts, whoever reported it: ids are random,
        # so a match is the same record, and no bundle can undo a withdrawal.
        withdrawn_here = {
            str(r[0]) for r in store.db.execute("SELECT record_id FROM withdrawals")
        } | set(bundle.withdrawn)
        new_records = []
        present = 0
        for record in bundle.records:
            if record.record_id in withdrawn_here:
                continue
            existing = store.db.execute(
                "SELECT digest FROM records WHERE id = ?", [record.record_id]
            ).fetchone()
            digest = crypto.sha256(record.sealed).hex()
            if existing is not None:
                # A record re-reviewed here replaced the laptop's copy: that copy is
                # already imported, and never overwrites the reviewed version.
                if (
                    existing[0] != digest
                    and store.meta(laptop_copy_key(record.record_id)) != digest
                ):
                    raise BundleError(
                        f"bundle refused: record {record.record_id} differs from the copy "
                        "already imported"
                    )
                present += 1
                continue
            _check_opens(opener, bundle.store_id, record)
            new_records.append((record, digest))
        with store.transaction() as db:
            if enrolling:
                db.table("devices").insert(
                    {
                        "public_key": device_b64,
                        "store_id": bundle.store_id,
                        "fingerprint": fingerprint,
                        "last_sequence": 0,
                        "last_bundle": "",
                        "audit_head": "",
                    }
                )
                audit.append(db, "device.enrol", bundle.store_id)
            for record, digest in new_records:
                db.table("records").insert(
                    {
                        "id": record.record_id,
                        "origin_store": bundle.store_id,
                        "protocol_id": record.protocol_id,
                        "protocol_version": record.protocol_version,
                        "format": record.format,
                        "status": record.status.value,
                        "digest": digest,
                        "ciphertext": record.sealed,
                    }
                )
            removed = 0
            for record_id in bundle.withdrawn:
                cursor = db.execute(
                    "DELETE FROM records WHERE id = ? AND origin_store = ?",
                    [record_id, bundle.store_id],
                )
                if cursor.rowcount > 0:
                    removed += cursor.rowcount
                    db.execute("DELETE FROM meta WHERE key = ?", [laptop_copy_key(record_id)])
                db.execute(
                    "INSERT OR IGNORE INTO withdrawals (record_id, origin_store) VALUES (?, ?)",
                    [record_id, bundle.store_id],
                )
            db.execute(
                "UPDATE devices SET last_sequence = ?, last_bundle = ?, audit_head = ? "
                "WHERE public_key = ?",
                [bundle.sequence, bundle.bundle_id, bundle.audit_head, device_b64],
            )
            audit.append(db, "bundle.import", bundle.bundle_id)
        if removed:
            scrub_log(store.db)  # the withdrawn records' earlier frames
    return ImportReport(
        bundle_id=bundle.bundle_id,
        device_fingerprint=fingerprint,
        added=len(new_records),
        already_present=present,
        withdrawn=removed,
        enrolled=enrolling,
        audit_head=bundle.audit_head,
        sequence=bundle.sequence,
    )


def _check_opens(opener: crypto.SealOpener, store_id: str, record: BundleRecord) -> None:
    """A record must open with the project key under the ids the manifest gives it."""
    info = envelope.record_info(
        store_id, record.record_id, record.protocol_id, record.protocol_version, record.format
    )
    try:
        payload = opener.open(record.sealed, info)
        _document, reviewed = envelope.decode_record_payload(payload)
    except (crypto.UnsealError, StoreError):
        raise BundleError(
            f"bundle refused: record {record.record_id} does not open with the project key "
            "under the ids its manifest gives"
        ) from None
    if reviewed is not (record.status is RecordStatus.REVIEWED):
        raise BundleError(f"bundle refused: record {record.record_id} has a wrong status")


def _head_entries(head: str) -> int:
    """The entry count of an audit head ``entries:hash`` (0 if there is none)."""
    count = head.partition(":")[0]
    return int(count) if count.isdigit() else 0
