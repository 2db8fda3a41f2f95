"""What the analyser proposes for masking, in plain frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

#: The project's entity types.
PERSON = "PERSON"
PLACE = "PLACE"
ORGANISATION = "ORGANISATION"
NATIONALITY = "NATIONALITY"
DATE = "DATE"
AGE = "AGE"
PHONE = "PHONE"
EMAIL = "EMAIL"
URL = "URL"
IBAN = "IBAN"
HANDLE = "HANDLE"
ID_NUMBER = "ID_NUMBER"
CASE_NUMBER = "CASE_NUMBER"
AMOUNT = "AMOUNT"
OCCUPATION = "OCCUPATION"
OTHER = "OTHER"

ENTITY_TYPES: tuple[str, ...] = (
    PERSON,
    PLACE,
    ORGANISATION,
    NATIONALITY,
    DATE,
    AGE,
    PHONE,
    EMAIL,
    URL,
    IBAN,
    HANDLE,
    ID_NUMBER,
    CASE_NUMBER,
    AMOUNT,
    OCCUPATION,
    OTHER,
)


class Evidence(StrEnum):
    """Why a span was proposed, where later stages decide by it.

    Each value is the explanation the review screen shows; the analyser compares
    members, so rewording a sentence here changes no decision.
    """

    TITLE = "name after a title"
    RELATIVE_AFTER = "name before a relative"
    RELATION_BEFORE = "name after a relation word"
    ARABIC_NAMING = "Arabic naming: kunya, nasab or nisba"
    NAME_LEXICON = "given name or surname in the name lists"
    NICKNAME = "name in quotes after a word for naming"
    NAMED = "name after a word for naming"
    ARABIZI = "name in Arabic written with Latin letters and digits"
    ARABIZI_WORD = "Arabic written with Latin letters and digits"
    PERSON_VERB = "unknown word beside a verb of people"
    UNKNOWN_WORD = "capitalised word not in the dictionary"
    GAZETTEER = "place name in the gazetteer"
    PLACE_PREFIX = "place name after Tel, Deir, Kafr, Jisr, Maarat or Ras al-"
    ANOTHER_MENTION = "another mention of a detected name"
    PART_OF_NAME = "part of a detected name"
    KNOWN = "matches a known identifier of this interview"
    ARABIC_SCRIPT_NAME = "name in Arabic script"
    ARABIC_SCRIPT_TEXT = "Arabic-script text"
    COUNTRY = "name of a country"
    PLACE_HEAD = "place name by its head word (street, quarter, camp, school)"
    ORGANISATION_HEAD = "name of a court, unit or institution by its head word"
    PLACE_CONTEXT = "name after a word that places it (in, near, from)"
    GIVEN_NAME_FIRST = "given name opening a name"
    ADDRESS_FORM = "address by its form"


@dataclass(frozen=True, order=True)
class Candidate:
    """A span of text the analyser proposes to mask."""

    start: int
    """Offset of the first code point (Python ``str`` index)."""
    end: int
    """Offset just past the last code point."""
    entity_type: str
    """One of :data:`ENTITY_TYPES`."""
    score: float
    """Confidence between 0 and 1."""
    recogniser: str
    """The name of the recogniser that found it."""
    explanation: str
    """Why it was proposed, in a few words, for the review screen; never holds the text."""

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError("a candidate needs 0 <= start < end")
        if self.entity_type not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {self.entity_type!r}")

    def overlaps(self, other: Candidate) -> bool:
        """True when the two spans share at least one code point."""
        return self.start < other.end and other.start < self.end

    def shifted(self, offset: int) -> Candidate:
        """The same candidate ``offset`` code points further on (a chunk's or field's place)."""
        if not offset:
            return self
        return replace(self, start=self.start + offset, end=self.end + offset)
