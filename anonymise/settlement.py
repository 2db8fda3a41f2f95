"""Entities a rule can decide, so the reviewer decides only what needs a person.

Some entities need no judgement: a known identifier of the interview and an
e-mail address, phone number, IBAN or document number found by its form are
masked; and what the protocol declares
research content (years of joining and leaving, nationality when the study codes
it, occupations its questions code) is settled by the protocol's policy. Each
settlement carries the sentence the review screen shows; the reviewer can still
change it. A rule only ever settles towards masking, except where the protocol
itself says a kind of content stays readable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from anonymise.candidates import (
    AGE,
    CASE_NUMBER,
    DATE,
    EMAIL,
    HANDLE,
    IBAN,
    ID_NUMBER,
    NATIONALITY,
    OCCUPATION,
    PHONE,
    URL,
)
from anonymise.entities import Entity

_NAMES = {
    EMAIL: "an e-mail address",
    PHONE: "a phone number",
    IBAN: "an IBAN",
    URL: "a web address",
    HANDLE: "a user name",
    ID_NUMBER: "a document or ID number",
    CASE_NUMBER: "a case or file number",
}
MASK = "mask"
KEEP = "keep"
#: The kinds of research content a protocol can declare, and the type of each.
RESEARCH_KINDS: Mapping[str, str] = {
    "dates": DATE,
    "ages": AGE,
    "nationality": NATIONALITY,
    "occupation": OCCUPATION,
}
_SAYS = {
    DATE: "a date (shown as its year)",
    AGE: "an age (shown as a band)",
    NATIONALITY: "a nationality",
    OCCUPATION: "an occupation",
}
#: Types a pattern recogniser finds by their form: masked without asking.
BY_FORM = frozenset({EMAIL, PHONE, IBAN, URL, HANDLE, ID_NUMBER, CASE_NUMBER})
#: The recognisers that find them by their form or by the word naming them ("passport
#: FH8274130"); a bare long number is not among them.
_FORM_RECOGNISERS = frozenset(
    [
        "EmailRecognizer",
        "UrlRecognizer",
        "IbanRecognizer",
        "phones",
        "handles",
        "ibans",
        "anchored-codes",
        "documents",
        "codes",
    ]
)


@dataclass(frozen=True)
class Settlement:
    """A decision taken by a rule: whether the entity is masked, and why."""

    mask: bool
    reason: str
    """The sentence the review screen shows."""


@dataclass(frozen=True)
class ResearchContent:
    """The protocol's policy for research content: entity type -> ``mask`` or ``keep``."""

    actions: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, data: Mapping[str, str]) -> ResearchContent:
        """From the protocol's ``research_content``: kind (``dates``, ``ages``,
        ``nationality``, ``occupation``) -> ``mask`` or ``keep``."""
        actions: dict[str, str] = {}
        for kind, action in data.items():
            if kind not in RESEARCH_KINDS:
                known = ", ".join(RESEARCH_KINDS)
                raise ValueError(f"unknown kind of research content {kind!r} (the kinds: {known})")
            if action not in (MASK, KEEP):
                raise ValueError(f"research content {kind} must be 'mask' or 'keep'")
            actions[RESEARCH_KINDS[kind]] = action
        return cls(actions)


def settle(entity: Entity, research: ResearchContent | None = None) -> Settlement | None:
    """The rule's decision for ``entity``, or ``None`` when a person must decide."""
    if entity.known:
        return Settlement(True, "a known identifier of this interview")
    recognisers = {m.candidate.recogniser for m in entity.mentions}
    if entity.entity_type in BY_FORM and recognisers <= _FORM_RECOGNISERS:
        return Settlement(True, f"{_NAMES[entity.entity_type]} found by its form")
    action = (research or ResearchContent()).actions.get(entity.entity_type)
    if action is None:
        return None
    what = _SAYS[entity.entity_type]
    if action == KEEP and may_keep(entity):
        return Settlement(False, f"{what}: research content the protocol keeps readable")
    return Settlement(True, f"{what}: research content the protocol settles as masked")


def may_keep(entity: Entity) -> bool:
    """Whether a rule may leave ``entity`` readable: only research content, every mention
    of it found as such, never a known identifier (a rule never unmasks a name or code)."""
    research = set(RESEARCH_KINDS.values())
    return (
        not entity.known
        and entity.entity_type in research
        and all(m.candidate.entity_type in research for m in entity.mentions)
    )
