"""The interview's protected identity answers as the anonymiser's known identifiers.

Each identity field of a protocol has a ``kind`` (name, alias, kunya, relative,
place, unit, phone, other); its answer may list several values separated by
commas, semicolons or line breaks ("Khalid, Fatima; Umm Ali").
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from anonymise.known import KnownIdentifiers
from intake.protocol.model import AnswerValue, IdentityKind, Protocol

_SEPARATORS = re.compile(r"[,;\n\u2028\u2029]+")
_SLOT = {
    IdentityKind.NAME: "names",
    IdentityKind.ALIAS: "aliases",
    IdentityKind.KUNYA: "kunyas",
    IdentityKind.RELATIVE: "relatives",
    IdentityKind.PLACE: "places",
    IdentityKind.UNIT: "units",
    IdentityKind.PHONE: "other",
    IdentityKind.OTHER: "other",
}


def split_values(answer: str) -> tuple[str, ...]:
    """The separate values of one identity answer, trimmed, without empty ones."""
    return tuple(part.strip() for part in _SEPARATORS.split(answer) if part.strip())


def known_identifiers(protocol: Protocol, answers: Mapping[str, AnswerValue]) -> KnownIdentifiers:
    """Every identity answer, grouped by what it names."""
    slots: dict[str, list[str]] = {slot: [] for slot in set(_SLOT.values())}
    for field in protocol.identity_fields():
        value = answers.get(field.id)
        if not isinstance(value, str) or field.identity is None:
            continue
        slots[_SLOT[field.identity]].extend(split_values(value))
    return KnownIdentifiers(**{slot: tuple(values) for slot, values in slots.items()})
