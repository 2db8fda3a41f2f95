"""The bundle file format: a signed manifest, then the sealed parts it lists, read as a stream.

Layout, version 2 (all lengths big-endian)::

    MAGIC | device key (32 bytes) | u32 n | manifest (n bytes of JSON)
          | u32 m | signature (m bytes) | sealed audit log | records...

The Ed25519 signature covers the device key and the manifest's bytes, and is
checked before any JSON is parsed; the signer's key comes first so that the
steward can refuse a device it never enrolled before reading further. The
manifest lists each record's id, format, status, length and SHA-256 (and, for a
record sealed before record format 2 only, its protocol id and version), the ids
withdrawn by consent withdrawal, the laptop's store id, a per-laptop sequence
number, the project key fingerprint, the laptop's audit head and the length
and digest of its audit log (sealed to the project key). Records are read one
at a time and each digest checked as it is read: a bundle of any size needs
memory for one record only. A bundle larger than the limit the steward set is
refused before anything is read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from store import crypto, envelope
from store.errors import BundleError, NotFoundError, StoreError
from store.models import RecordStatus, SealedRecord

MAGIC = b"TESTIMONY-INTAKE-BUNDLE-V2\n"
OLD_MAGIC = b"TESTIMONY-INTAKE-BUNDLE-V1\n"
MANIFEST_FORMAT = "testimony-intake bundle manifest"
MANIFEST_VERSION = 3
"""3: a record's protocol is sealed inside it and named in the manifest only for legacy records."""
READABLE_MANIFEST_VERSIONS = frozenset({2, MANIFEST_VERSION})
"""Manifest versions this version imports (2 lists a protocol for every record)."""
SIGNATURE_DOMAIN = b"testimony-intake bundle manifest v2\0"
DEFAULT_MAX_BYTES = 1024 * 1024 * 1024
"""The largest bundle the steward reads unless told otherwise (1 GiB)."""
_MAX_MANIFEST = 16 * 1024 * 1024
_MAX_PART = 256 * 1024 * 1024
_MAX_SEQUENCE = 2**62


@dataclass(frozen=True)
class RecordEntry:
    """One record as its manifest lists it."""

    record_id: str
    """The id the laptop sealed it under."""
    protocol_id: str
    """A legacy record's protocol id (bound into its seal); empty when sealed inside."""
    protocol_version: str
    """A legacy record's protocol version (bound into its seal); empty when sealed inside."""
    format: int
    """Record format version (bound into the seal)."""
    status: RecordStatus
    """Coarse status (sealed inside the record too)."""
    length: int
    """Length of the sealed bytes."""
    sha256: str
    """Their SHA-256, hex."""


@dataclass(frozen=True)
class Manifest:
    """A manifest whose signature verified (whether its signer is trusted is for the caller)."""

    bundle_id: str
    """Random id of the bundle."""
    store_id: str
    """Id of the laptop store that made it."""
    sequence: int
    """The laptop's bundle counter."""
    project_fingerprint: str
    """Fingerprint of the project key the records are sealed to."""
    audit_head: str
    """The laptop's audit head, ``entries:hash``."""
    audit_length: int
    """Length of the sealed audit log."""
    audit_sha256: str
    """Its SHA-256."""
    records: tuple[RecordEntry, ...]
    """The records, in the order they follow."""
    withdrawn: tuple[str, ...]
    """Record ids whose consent was withdrawn on the laptop."""


def encode_bundle(
    manifest: dict[str, Any],
    signing_key: bytearray,
    device_key: bytes,
    audit_log: bytes,
    sealed: Iterable[bytes],
) -> Iterator[bytes]:
    """The bundle's bytes in order: key, manifest, its signature, the parts as they come."""
    manifest_bytes = canonical(manifest)
    signature = crypto.sign(signing_key, SIGNATURE_DOMAIN + device_key + manifest_bytes)
    yield MAGIC + device_key + len(manifest_bytes).to_bytes(4, "big")
    yield manifest_bytes
    yield len(signature).to_bytes(4, "big") + signature
    yield audit_log
    yield from sealed


class BundleReader:
    """A bundle file read in the order the steward checks it; every error names the cause."""

    def __init__(self, path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        try:
            self._file: IO[bytes] = path.open("rb")
        except FileNotFoundError:
            raise BundleError(f"no such bundle: {path}") from None
        except IsADirectoryError:
            raise BundleError(f"{path} is a folder, not a bundle") from None
        try:
            self._size = self._file.seek(0, 2)
            self._file.seek(0)
            if self._size > max_bytes:
                raise BundleError(
                    f"bundle refused: it is {_mib(self._size)} MiB, larger than the limit of "
                    f"{_mib(max_bytes)} MiB (raise it with --max-size if you expect it)"
                )
            head = self._file.read(len(MAGIC))
            if head == OLD_MAGIC:
                raise BundleError(
                    "bundle refused: made by an older version of testimony-intake (bundle "
                    "format 1); update the laptop and export a new bundle"
                )
            if head != MAGIC:
                if MAGIC.startswith(head) or OLD_MAGIC.startswith(head):
                    raise BundleError("bundle refused: it is truncated")
                raise BundleError("bundle refused: this file is not a testimony-intake bundle")
            self.device_key = self._read(crypto.ED25519_PUBLIC_BYTES)
            """The Ed25519 key that says it signed the manifest (checked by :meth:`manifest`)."""
        except BaseException:
            self._file.close()
            raise

    def close(self) -> None:
        """Close the file."""
        self._file.close()

    def __enter__(self) -> BundleReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def manifest(self) -> Manifest:
        """Read the manifest, verify its signature, then parse it."""
        manifest_bytes = self._chunk(_MAX_MANIFEST, "manifest")
        signature = self._chunk(1024, "signature")
        if not signature:
            raise BundleError("bundle refused: it is unsigned")
        try:
            crypto.verify(
                self.device_key, signature, SIGNATURE_DOMAIN + self.device_key + manifest_bytes
            )
        except crypto.SignatureError:
            raise BundleError(
                "bundle refused: its signature does not verify (the manifest was altered, "
                "or it was signed by a different key)"
            ) from None
        manifest = parse_manifest(manifest_bytes)
        remaining = self._size - self._file.tell()
        listed = manifest.audit_length + sum(entry.length for entry in manifest.records)
        if listed > remaining:
            raise BundleError("bundle refused: it is truncated")
        if listed < remaining:
            raise BundleError("bundle refused: it has unsigned data after its last record")
        return manifest

    def audit_log(self, manifest: Manifest) -> bytes:
        """The sealed audit log, checked against its signed digest."""
        sealed = self._read(manifest.audit_length)
        if crypto.sha256(sealed).hex() != manifest.audit_sha256:
            raise BundleError("bundle refused: its audit log does not match its signed digest")
        return sealed

    def records(self, manifest: Manifest) -> Iterator[SealedRecord]:
        """Each record in turn, its digest checked as it is read."""
        for entry in manifest.records:
            sealed = self._read(entry.length)
            if crypto.sha256(sealed).hex() != entry.sha256:
                raise BundleError(
                    f"bundle refused: record {entry.record_id} does not match its signed "
                    "digest (altered)"
                )
            yield SealedRecord(
                entry.record_id,
                entry.protocol_id,
                entry.protocol_version,
                entry.format,
                entry.status,
                entry.sha256,
                sealed,
            )

    def _read(self, length: int) -> bytes:
        data = self._file.read(length)
        if len(data) != length:
            raise BundleError("bundle refused: it is truncated")
        return data

    def _chunk(self, limit: int, what: str) -> bytes:
        length = int.from_bytes(self._read(4), "big")
        if length > limit:
            raise BundleError(f"bundle refused: its {what} is malformed")
        return self._read(length)


def parse_manifest(raw: bytes) -> Manifest:
    """Check every field's shape and bounds; anything odd is one "malformed" error."""
    bad = BundleError("bundle refused: its manifest is malformed")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise bad from None
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        raise bad
    version = data.get("version")
    if type(version) is not int or version not in READABLE_MANIFEST_VERSIONS:
        raise BundleError("bundle refused: made by an unknown version of testimony-intake")
    try:
        sequence = data["sequence"]
        if type(sequence) is not int or not 1 <= sequence < _MAX_SEQUENCE:
            raise bad
        head = data["audit_head"]
        if not isinstance(head, str) or not re.fullmatch(r"[0-9]{1,12}:[0-9a-f]{64}", head):
            raise bad
        if not isinstance(data["project_fingerprint"], str):
            raise bad
        audit_length, audit_sha256 = _part(data["audit_log"], bad)
        if not isinstance(data["records"], list) or not isinstance(data["withdrawn"], list):
            raise bad
        records = tuple(_entry(entry, version, bad) for entry in data["records"])
        if len({entry.record_id for entry in records}) != len(records):
            raise bad
        withdrawn = tuple(envelope.check_id(record_id) for record_id in data["withdrawn"])
        return Manifest(
            bundle_id=envelope.check_id(data["bundle_id"]),
            store_id=envelope.check_id(data["store_id"]),
            sequence=sequence,
            project_fingerprint=data["project_fingerprint"],
            audit_head=head,
            audit_length=audit_length,
            audit_sha256=audit_sha256,
            records=records,
            withdrawn=withdrawn,
        )
    except (KeyError, TypeError, ValueError, NotFoundError, StoreError):
        raise bad from None


def _part(data: Any, bad: BundleError) -> tuple[int, str]:
    length, digest = data["length"], data["sha256"]
    if type(length) is not int or not 0 <= length <= _MAX_PART:
        raise bad
    if not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{64}", digest):
        raise bad
    return length, digest


def _entry(data: Any, version: int, bad: BundleError) -> RecordEntry:
    length, digest = _part(data, bad)
    record_format = data["format"]
    if type(record_format) is not int or not 0 <= record_format < 1000:
        raise bad
    legacy = record_format == envelope.LEGACY_RECORD_FORMAT
    if version == 2 and not legacy:
        raise bad
    named = "protocol_id" in data or "protocol_version" in data
    if named is not legacy:
        raise bad  # a protocol is named for legacy records only
    return RecordEntry(
        record_id=envelope.check_id(data["id"]),
        protocol_id=envelope.check_label(data["protocol_id"], "protocol id") if legacy else "",
        protocol_version=(
            envelope.check_label(data["protocol_version"], "protocol version") if legacy else ""
        ),
        format=record_format,
        status=RecordStatus(data["status"]),
        length=length,
        sha256=digest,
    )


def canonical(data: dict[str, Any]) -> bytes:
    """The manifest's canonical JSON bytes (what is signed)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}" if size >= 1024 * 1024 else f"{size / (1024 * 1024):.2f}"
