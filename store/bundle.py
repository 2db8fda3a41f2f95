"""Bundles: sealed records carried from a laptop to the steward, signed.

Layout (all lengths big-endian)::

    MAGIC | u32 n | manifest (n bytes of JSON) | u32 m | signature (m bytes) | records...

The manifest lists each record's id, protocol, status, length and SHA-256,
the ids withdrawn by consent withdrawal, the laptop's store id, its Ed25519
public key, a per-laptop sequence number, the project key fingerprint and
the laptop's audit head. The Ed25519 signature covers the manifest; the
digests cover the records. Nothing in a bundle is readable without the
project private key: records are sealed, and the manifest holds only ids.

The steward imports a bundle only if it verifies completely and its signer
is enrolled: either already, or in this import with the fingerprint the
interviewer read out (``enrol_fingerprint``). Importing is idempotent; a
bundle older than one already imported from the same laptop is refused as a
replay, because it could bring back records whose consent was withdrawn.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from store import audit, crypto, envelope
from store.database import scrub_log
from store.errors import BundleError, NotFoundError, StoreError
from store.files import write_private_file
from store.keys import device_fingerprint, normalise_fingerprint
from store.models import ExportReport, ImportReport, RecordStatus
from store.repository import Store

MAGIC = b"TESTIMONY-INTAKE-BUNDLE-V1\n"
MANIFEST_FORMAT = "testimony-intake bundle manifest"
MANIFEST_VERSION = 1
_SIGNATURE_DOMAIN = b"testimony-intake bundle manifest v1\0"
_MAX_MANIFEST = 64 * 1024 * 1024


@dataclass(frozen=True)
class BundleRecord:
    """One sealed record as listed in a manifest."""

    record_id: str
    """Random id of the record."""
    protocol_id: str
    """Protocol id (bound into the seal)."""
    protocol_version: str
    """Protocol version (bound into the seal)."""
    format: int
    """Record format version (bound into the seal)."""
    status: RecordStatus
    """Coarse status (sealed inside the record too)."""
    sealed: bytes
    """The HPKE ciphertext."""


@dataclass(frozen=True)
class VerifiedBundle:
    """A bundle whose signature and digests have been checked (signer not yet trusted)."""

    bundle_id: str
    """Random id of the bundle."""
    store_id: str
    """Id of the laptop store that made it."""
    device_key: bytes
    """The Ed25519 public key that signed the manifest."""
    sequence: int
    """The laptop's bundle counter."""
    project_fingerprint: str
    """Fingerprint of the project key the records are sealed to."""
    audit_head: str
    """The laptop's audit head, ``entries:hash``."""
    records: tuple[BundleRecord, ...]
    """The sealed records."""
    withdrawn: tuple[str, ...]
    """Record ids whose consent was withdrawn."""


# -- writing -----------------------------------------------------------------


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
            manifest_bytes = _canonical(manifest)
            signature = crypto.sign(signing_key, _SIGNATURE_DOMAIN + manifest_bytes)
            parts = [
                MAGIC,
                len(manifest_bytes).to_bytes(4, "big"),
                manifest_bytes,
                len(signature).to_bytes(4, "big"),
                signature,
                *(row[6] for row in rows),
            ]
            write_private_file(path, b"".join(parts))
    return ExportReport(bundle_id, sequence, len(entries), len(withdrawn))


# -- reading -----------------------------------------------------------------


def read_bundle(path: Path) -> VerifiedBundle:
    """Parse a bundle and check its signature and every digest; the error names the cause."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BundleError(f"no such bundle: {path}") from None
    if not data.startswith(MAGIC):
        if MAGIC.startswith(data):
            raise BundleError("bundle refused: it is truncated")
        raise BundleError("bundle refused: this file is not a testimony-intake bundle")
    view = memoryview(data)
    offset = len(MAGIC)
    manifest_bytes, offset = _chunk(view, offset, _MAX_MANIFEST, "manifest")
    signature, offset = _chunk(view, offset, 1024, "signature")
    manifest = _parse_manifest(manifest_bytes)
    if not signature:
        raise BundleError("bundle refused: it is unsigned")
    device_key = _b64(manifest["device_key"], "device key")
    try:
        crypto.verify(device_key, signature, _SIGNATURE_DOMAIN + manifest_bytes)
    except crypto.SignatureError:
        raise BundleError(
            "bundle refused: its signature does not verify (the manifest was altered, "
            "or it was signed by a different key)"
        ) from None
    records = []
    for entry in manifest["records"]:
        end = offset + entry["length"]
        if end > len(view):
            raise BundleError("bundle refused: it is truncated")
        sealed = bytes(view[offset:end])
        offset = end
        if crypto.sha256(sealed).hex() != entry["sha256"]:
            raise BundleError(
                f"bundle refused: record {entry['id']} does not match its signed digest (altered)"
            )
        records.append(
            BundleRecord(
                entry["id"],
                entry["protocol_id"],
                entry["protocol_version"],
                entry["format"],
                RecordStatus(entry["status"]),
                sealed,
            )
        )
    if offset != len(view):
        raise BundleError("bundle refused: it has unsigned data after its last record")
    return VerifiedBundle(
        bundle_id=manifest["bundle_id"],
        store_id=manifest["store_id"],
        device_key=device_key,
        sequence=manifest["sequence"],
        project_fingerprint=manifest["project_fingerprint"],
        audit_head=manifest["audit_head"],
        records=tuple(records),
        withdrawn=tuple(manifest["withdrawn"]),
    )


def _chunk(view: memoryview, offset: int, limit: int, what: str) -> tuple[bytes, int]:
    if offset + 4 > len(view):
        raise BundleError("bundle refused: it is truncated")
    length = int.from_bytes(view[offset : offset + 4], "big")
    if length > limit:
        raise BundleError(f"bundle refused: its {what} is malformed")
    start = offset + 4
    if start + length > len(view):
        raise BundleError("bundle refused: it is truncated")
    return bytes(view[start : start + length]), start + length


def _parse_manifest(raw: bytes) -> dict[str, Any]:
    bad = BundleError("bundle refused: its manifest is malformed")
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise bad from None
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise bad
    if manifest.get("version") != MANIFEST_VERSION:
        raise BundleError("bundle refused: made by an unknown version of testimony-intake")
    try:
        envelope.check_id(manifest["bundle_id"])
        envelope.check_id(manifest["store_id"])
        if type(manifest["sequence"]) is not int or manifest["sequence"] < 1:
            raise bad
        for key in ("device_key", "project_fingerprint", "audit_head"):
            if not isinstance(manifest[key], str):
                raise bad
        if not re.fullmatch(r"[0-9]{1,12}:[0-9a-f]{64}", manifest["audit_head"]):
            raise bad
        if not isinstance(manifest["records"], list) or not isinstance(manifest["withdrawn"], list):
            raise bad
        seen: set[str] = set()
        for entry in manifest["records"]:
            envelope.check_id(entry["id"])
            envelope.check_label(entry["protocol_id"], "protocol id")
            envelope.check_label(entry["protocol_version"], "protocol version")
            RecordStatus(entry["status"])
            if type(entry["format"]) is not int or type(entry["length"]) is not int:
                raise bad
            if entry["length"] < 0 or not isinstance(entry["sha256"], str):
                raise bad
            if entry["id"] in seen:
                raise bad
            seen.add(entry["id"])
        for record_id in manifest["withdrawn"]:
            envelope.check_id(record_id)
    except (KeyError, TypeError, ValueError, NotFoundError, StoreError):
        raise bad from None
    return manifest


# -- importing ---------------------------------------------------------------


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
                if existing[0] != digest:
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
                removed += max(cursor.rowcount, 0)
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


def _canonical(data: dict[str, Any]) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _b64(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except ValueError:
        raise BundleError(f"bundle refused: its {what} is malformed") from None
