"""The bundle file format: a signed manifest and the sealed records it lists.

Layout (all lengths big-endian)::

    MAGIC | u32 n | manifest (n bytes of JSON) | u32 m | signature (m bytes) | records...

The manifest lists each record's id, protocol, status, length and SHA-256,
the ids withdrawn by consent withdrawal, the laptop's store id, its Ed25519
public key, a per-laptop sequence number, the project key fingerprint and
the laptop's audit head. The Ed25519 signature covers the manifest; the
digests cover the records. :func:`read_bundle` checks both and every field's
shape; whether the signer is trusted is for :mod:`store.bundle` to decide.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from store import crypto, envelope
from store.errors import BundleError, NotFoundError, StoreError
from store.models import RecordStatus

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


def encode_bundle(
    manifest: dict[str, Any], signing_key: bytearray, sealed: Iterable[bytes]
) -> bytes:
    """The bundle's bytes: the manifest, its signature with ``signing_key``, the records."""
    manifest_bytes = _canonical(manifest)
    signature = crypto.sign(signing_key, _SIGNATURE_DOMAIN + manifest_bytes)
    parts = [
        MAGIC,
        len(manifest_bytes).to_bytes(4, "big"),
        manifest_bytes,
        len(signature).to_bytes(4, "big"),
        signature,
        *sealed,
    ]
    return b"".join(parts)


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


def _canonical(data: dict[str, Any]) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _b64(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except ValueError:
        raise BundleError(f"bundle refused: its {what} is malformed") from None
