"""What the analyser proposes for masking, in plain frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, replace

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
    ID_NUMBER,
    CASE_NUMBER,
    AMOUNT,
    OCCUPATION,
    OTHER,
)


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
