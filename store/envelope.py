"""The byte formats inside the ciphertexts, and what each ciphertext is bound to.

Documents are JSON-compatible dictionaries; the store does not know a
protocol's structure. A draft's associated data and a record's HPKE ``info``
bind the ciphertext to its row (store id, id, format version and, for a
draft, its protocol id and version and its revision), so a ciphertext copied
or moved to another row no longer opens. A record of format 2 carries its
protocol id and version inside the seal; a draft's are kept encrypted beside
it (:func:`seal_protocol_label`), so neither is in the file in clear.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from store import crypto
from store.errors import DocumentError, NotFoundError, TamperedError

DRAFT_FORMAT = 2
"""Version of a draft ciphertext's layout and binding (2: the revision is bound, size padded)."""
RECORD_FORMAT = 2
"""Version of a sealed record's layout and binding (2: the protocol id and version are sealed
inside it, not bound from its row; its padding is JSON whitespace)."""
LEGACY_RECORD_FORMAT = 1
"""Records sealed before this version: the protocol id and version are in their row, in clear,
and bound into the HPKE ``info``."""

_MIN_PADDED = 1024

_ID = re.compile(r"[0-9a-f]{32}")
_LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,99}")


def new_id() -> str:
    """A random 128-bit identifier as 32 lowercase hex digits; it says nothing about content."""
    return secrets.token_hex(16)


def check_id(value: object, what: str = "id") -> str:
    """Refuse anything that is not an id this store makes (so ids are safe to print)."""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise NotFoundError(f"not a valid {what}")
    return value


def check_label(value: object, what: str) -> str:
    """Protocol ids and versions are short plain labels (safe to print once decrypted)."""
    if not isinstance(value, str) or not _LABEL.fullmatch(value):
        raise DocumentError(
            f"the {what} must be 1-100 letters, digits, dots, dashes, colons or underscores"
        )
    return value


def encode_document(document: Mapping[str, Any]) -> bytes:
    """Canonical UTF-8 JSON of a document; anything not JSON-compatible is refused."""
    if not isinstance(document, Mapping):
        raise DocumentError("a document must be a dictionary")
    try:
        text = json.dumps(
            document, ensure_ascii=False, allow_nan=False, sort_keys=True, separators=(",", ":")
        )
        return text.encode("utf-8")
    except (TypeError, ValueError, UnicodeEncodeError, RecursionError):
        raise DocumentError(
            "the document holds something that is not JSON (or a non-finite number)"
        ) from None


def decode_document(data: bytes) -> dict[str, Any]:
    """The dictionary :func:`encode_document` encoded."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise TamperedError("decrypted data is not a document") from None
    if not isinstance(document, dict):
        raise TamperedError("decrypted data is not a document")
    return document


def padded_length(length: int) -> int:
    """Padmé (as the PURBs paper defines it): the length rounded up to a size bucket.

    At most about 12% larger; a padded length reveals at most O(log log L) bits
    of the true length, so a record or draft's exact size is not on disk.
    """
    length = max(length, _MIN_PADDED)
    exponent = length.bit_length() - 1
    mantissa_bits = exponent.bit_length()
    mask = (1 << (exponent - mantissa_bits)) - 1
    return (length + mask) & ~mask


def pad_json(data: bytes) -> bytes:
    """JSON padded with trailing spaces to its :func:`padded_length` (readers ignore them)."""
    return data + b" " * (padded_length(len(data)) - len(data))


@dataclass(frozen=True)
class RecordPayload:
    """What a sealed record holds once opened."""

    document: dict[str, Any] = field(repr=False)
    """The finished document (testimony: never logged)."""
    reviewed: bool
    """Whether its anonymisation review was complete."""
    protocol_id: str | None
    """The protocol id sealed with it (``None`` for a record of the legacy format)."""
    protocol_version: str | None
    """The protocol version sealed with it (``None`` for a record of the legacy format)."""


def encode_record_payload(
    document: Mapping[str, Any], *, reviewed: bool, protocol_id: str, protocol_version: str
) -> bytes:
    """What a sealed record holds: its protocol, whether its review was complete, the document."""
    check_label(protocol_id, "protocol id")
    check_label(protocol_version, "protocol version")
    body = encode_document(document)
    head = b'{"format":%d,"protocol":[%s,%s],"reviewed":%s,"document":' % (
        RECORD_FORMAT,
        json.dumps(protocol_id).encode("ascii"),
        json.dumps(protocol_version).encode("ascii"),
        b"true" if reviewed else b"false",
    )
    return pad_json(head + body + b"}")


def decode_record_payload(data: bytes, format_version: int) -> RecordPayload:
    """The payload :func:`encode_record_payload` (or the legacy format) sealed."""
    payload = decode_document(data)
    document = payload.get("document")
    reviewed = payload.get("reviewed")
    if payload.get("format") != format_version or not isinstance(document, dict):
        raise TamperedError("sealed record has an unknown layout")
    if not isinstance(reviewed, bool):
        raise TamperedError("sealed record has an unknown layout")
    if format_version == LEGACY_RECORD_FORMAT and "protocol" not in payload:
        return RecordPayload(document, reviewed, None, None)
    protocol = payload.get("protocol")
    if format_version != RECORD_FORMAT or not isinstance(protocol, list) or len(protocol) != 2:
        raise TamperedError("sealed record has an unknown layout")
    try:
        protocol_id = check_label(protocol[0], "protocol id")
        protocol_version = check_label(protocol[1], "protocol version")
    except DocumentError:
        raise TamperedError("sealed record has an unknown layout") from None
    return RecordPayload(document, reviewed, protocol_id, protocol_version)


def seal_protocol_label(
    key: bytearray, store_id: str, draft_id: str, protocol_id: str, protocol_version: str
) -> bytes:
    """A draft's protocol id and version, encrypted under the device key and bound to its row."""
    check_label(protocol_id, "protocol id")
    check_label(protocol_version, "protocol version")
    plaintext = f"{protocol_id}\n{protocol_version}".encode("ascii")
    return crypto.encrypt(key, plaintext, _bind(b"draft protocol", store_id, draft_id))


def open_protocol_label(
    key: bytearray, store_id: str, draft_id: str, token: bytes
) -> tuple[str, str]:
    """(protocol id, version) from :func:`seal_protocol_label`; a moved or altered one raises."""
    try:
        plaintext = crypto.decrypt(key, token, _bind(b"draft protocol", store_id, draft_id))
        protocol_id, protocol_version = plaintext.decode("ascii").split("\n")
        return check_label(protocol_id, "protocol id"), check_label(
            protocol_version, "protocol version"
        )
    except (crypto.DecryptionError, UnicodeDecodeError, ValueError, DocumentError):
        raise TamperedError(
            f"draft {draft_id} failed its integrity check (its protocol label)"
        ) from None


def _bind(label: bytes, *fields: str) -> bytes:
    out = bytearray(b"testimony-intake " + label + b"\0")
    for value in fields:
        encoded = value.encode("utf-8")
        out += len(encoded).to_bytes(4, "big") + encoded
    return bytes(out)


def draft_associated_data(
    store_id: str,
    draft_id: str,
    protocol_id: str,
    protocol_version: str,
    format_version: int,
    revision: int = 0,
) -> bytes:
    """AES-GCM associated data of a draft: the row it belongs to and (format 2) its revision."""
    fields = [store_id, draft_id, protocol_id, protocol_version, str(format_version)]
    if format_version >= 2:
        fields.append(str(revision))
    return _bind(b"draft", *fields)


def draft_index_associated_data(store_id: str) -> bytes:
    """Associated data of the encrypted index of live drafts and their revisions."""
    return _bind(b"draft index", store_id)


def withdrawal_binding(signer_store_id: str, origin_store_id: str, record_id: str) -> bytes:
    """What a store's device key signs when consent for a record is withdrawn there."""
    return _bind(b"withdrawal", signer_store_id, origin_store_id, record_id)


def bundle_audit_info(store_id: str, bundle_id: str) -> bytes:
    """HPKE ``info`` of the laptop's audit log sealed inside a bundle."""
    return _bind(b"bundle audit log", store_id, bundle_id)


def record_info(
    store_id: str, record_id: str, protocol_id: str, protocol_version: str, format_version: int
) -> bytes:
    """HPKE ``info`` of a sealed record: the store that sealed it and the row it belongs to.

    For a record of the current format the protocol id and version are sealed
    inside it, and both are empty here; a legacy record binds them here.
    """
    return _bind(b"record", store_id, record_id, protocol_id, protocol_version, str(format_version))


def secret_associated_data(store_id: str, name: str) -> bytes:
    """Associated data of a key kept encrypted in the store's metadata."""
    return _bind(b"store secret", store_id, name)


def metadata_binding(
    store_id: str, role: str, project_key: bytes, project_label: str, device_public: bytes
) -> bytes:
    """What the device key signs at creation: the store's unencrypted, security-relevant metadata.

    Checked at every unlock, so that someone who can write the file cannot
    swap the project key that later records are sealed to.
    """
    return _bind(
        b"store metadata", store_id, role, project_key.hex(), project_label, device_public.hex()
    )
