"""Reading finished records for a release: opening them, their consents, their pseudonyms.

The record document read here is the one ``intake/record.py`` builds; only the
parts a release may use are read (see :mod:`intake.release`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from intake.codec import RECORD_FORMAT, RECORD_VERSION
from intake.protocol import ConsentKind, Protocol
from intake.release.errors import ReleaseError
from intake.release.settings import Audience, Pseudonyms

if TYPE_CHECKING:
    from store.repository import Store

_STABLE_INFO = b"testimony-intake export respondent ids v1"
_CREATOR_INFO = b"testimony-intake export creator v1"


def open_record(store: Store, record_id: str, protocol: Protocol) -> dict[str, Any]:
    """A reviewed record of ``protocol``, opened and checked (its protocol read from its seal)."""
    opened = store.open_sealed(record_id)
    if (opened.protocol_id, opened.protocol_version) != (protocol.id, protocol.version):
        raise ReleaseError("the records follow different protocols; export one protocol at a time")
    document = opened.document
    if document.get("format") != RECORD_FORMAT or document.get("format_version") != RECORD_VERSION:
        raise ReleaseError(f"record {record_id} is not a finished interview record this tool reads")
    if document.get("reviewed") is not True:
        raise ReleaseError(f"record {record_id} was not reviewed; it cannot be exported")
    about = document.get("protocol")
    if not isinstance(about, dict) or about.get("fingerprint") != protocol.fingerprint:
        raise ReleaseError(
            f"record {record_id} was taken with a different text of protocol {protocol.key}"
        )
    for name in ("answers", "free_text"):
        if not isinstance(document.get(name, {}), dict):
            raise ReleaseError(f"record {record_id} is damaged ({name})")
    return document


def sealed_protocol(store: Store, record_id: str) -> tuple[str, str]:
    """(protocol id, version) of a record, read from its seal (or a legacy record's row)."""
    opened = store.open_sealed(record_id)
    return opened.protocol_id, opened.protocol_version


def consent_field(protocol: Protocol, kind: ConsentKind, audience: Audience) -> str | None:
    """The field whose answer an archive export must respect (``None`` for the project)."""
    if audience is Audience.PROJECT:
        return None
    field = protocol.consent_field(kind)
    if field is None:
        raise ReleaseError(
            f"protocol {protocol.key} asks no {kind.value.replace('_', '-')} consent, "
            "so its records cannot be exported for archiving"
        )
    return field.id


def agreed(record: Mapping[str, Any], field_id: str) -> bool:
    """Only an explicit yes counts as consent."""
    answers = record.get("answers", {})
    return isinstance(answers, dict) and answers.get(field_id) is True


def respondent_ids(store: Store, mode: Pseudonyms) -> Callable[[str], str]:
    if mode is Pseudonyms.STABLE:
        key = hmac.new(store.signing_key(), _STABLE_INFO, hashlib.sha256).digest()
    else:
        key = secrets.token_bytes(32)

    def respondent(record_id: str) -> str:
        digest = hmac.new(key, record_id.encode("ascii"), hashlib.sha256).hexdigest()
        return f"R{digest[:12].upper()}"

    return respondent


def log_entry(entry: object) -> dict[str, object]:
    if not isinstance(entry, dict):
        return {}
    return {
        "entity_type": str(entry.get("type", "")),
        "recogniser": str(entry.get("recogniser", "")),
        "action": str(entry.get("action", "")),
        "count": int(entry.get("count", 0)),
    }


def store_pseudonym(store: Store, mode: Pseudonyms) -> str:
    """Who made the export, as REFI-QDA's user: the store by a pseudonym, or a fresh one."""
    if mode is Pseudonyms.STABLE:
        digest = hmac.new(store.signing_key(), _CREATOR_INFO, hashlib.sha256).hexdigest()
    else:
        digest = secrets.token_hex(32)
    return f"steward-{digest[:12]}"
