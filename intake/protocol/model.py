"""What a protocol is: steps and fields, with their vocabularies, hierarchies and conditions.

Everything here is a frozen dataclass built once by the loader; nothing here
reads files. The answers a field takes are plain Python values (``AnswerValue``).
Vocabularies, hierarchies and conditions have modules of their own and are
importable from here too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from enum import StrEnum

from intake.protocol.conditions import Condition, ConditionValue, Op
from intake.protocol.hierarchy import Category, Hierarchy, Level
from intake.protocol.values import AnswerValue
from intake.protocol.vocabulary import Choice, Vocabulary

__all__ = [
    "CHOICE_TYPES",
    "NUMERIC_TYPES",
    "TEXT_TYPES",
    "AnswerValue",
    "Category",
    "Choice",
    "Condition",
    "ConditionValue",
    "ConsentKind",
    "Field",
    "FieldType",
    "Hierarchy",
    "IdentityKind",
    "Level",
    "Op",
    "Protocol",
    "Step",
    "Vocabulary",
]


class FieldType(StrEnum):
    """The kinds of question a protocol can ask."""

    TEXT = "text"
    LONG_TEXT = "long_text"
    NUMBER = "number"
    YEAR = "year"
    DATE = "date"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    YES_NO = "yes_no"
    SCALE = "scale"


TEXT_TYPES = frozenset({FieldType.TEXT, FieldType.LONG_TEXT})
CHOICE_TYPES = frozenset({FieldType.SINGLE_CHOICE, FieldType.MULTIPLE_CHOICE})
NUMERIC_TYPES = frozenset({FieldType.NUMBER, FieldType.YEAR, FieldType.SCALE})


class IdentityKind(StrEnum):
    """What a protected identity field holds, so the anonymiser knows what to look for."""

    NAME = "name"
    ALIAS = "alias"
    KUNYA = "kunya"
    RELATIVE = "relative"
    PLACE = "place"
    UNIT = "unit"
    PHONE = "phone"
    OTHER = "other"


class ConsentKind(StrEnum):
    """The consents an interview asks for."""

    PARTICIPATION = "participation"
    QUOTATION = "quotation"
    ARCHIVING = "archiving"
    FOLLOW_UP = "follow_up"


@dataclasses.dataclass(frozen=True)
class Field:
    """One question, with its type, validation and its role in anonymisation and export."""

    id: str
    """Unique in the protocol; a valid variable name for R, SPSS and Stata (<= 32 chars)."""
    label: str
    """The question as the interviewer sees it."""
    type: FieldType
    """What kind of answer it takes."""
    line: int
    """The line of the protocol file it is defined on."""
    help: str = ""
    """Guidance for the interviewer."""
    required: bool = False
    """Whether the step cannot be left without an answer (only while the field is shown)."""
    when: Condition | None = None
    """Shown only when this holds over earlier answers."""
    vocabulary: Vocabulary | None = None
    """The choices of a choice field."""
    minimum: int | float | None = None
    """Smallest number, year or scale point accepted."""
    maximum: int | float | None = None
    """Largest number, year or scale point accepted."""
    earliest: date | None = None
    """Earliest date accepted."""
    latest: date | None = None
    """Latest date accepted."""
    integer: bool = False
    """For numbers: only whole numbers (years and scales always are)."""
    min_length: int | None = None
    """Fewest characters in a text answer."""
    max_length: int | None = None
    """Most characters in a text answer."""
    pattern: str | None = None
    """A regular expression a one-line text answer must match in full."""
    min_choices: int | None = None
    """Fewest choices of a multiple-choice answer."""
    max_choices: int | None = None
    """Most choices of a multiple-choice answer."""
    anchors: tuple[tuple[int, str], ...] = ()
    """Labels of scale points (e.g. 1 "not at all", 5 "completely")."""
    identity: IdentityKind | None = None
    """Set for protected identity fields: sealed, never exported, used as known identifiers."""
    hierarchy: Hierarchy | None = None
    """Set for quasi-identifiers: how the export generalises them."""
    sensitive: bool = False
    """A sensitive attribute, for l-diversity at export."""
    anonymise: bool = False
    """Free text the anonymiser must scrub before it leaves the record."""
    consent: ConsentKind | None = None
    """Set for the consent questions."""

    @property
    def quasi_identifier(self) -> bool:
        """Whether the export must treat this as a quasi-identifier."""
        return self.hierarchy is not None

    @property
    def protected(self) -> bool:
        """Whether this is a protected identity field."""
        return self.identity is not None

    def codebook(self) -> dict[int, str]:
        """Code to label for coded answers (choices, yes/no as 1/0, scale anchors)."""
        if self.vocabulary is not None:
            return self.vocabulary.codebook()
        if self.type is FieldType.YES_NO:
            return {1: "Yes", 0: "No"}
        return dict(self.anchors)


@dataclasses.dataclass(frozen=True)
class Step:
    """One screen of the interview."""

    id: str
    """Unique in the protocol."""
    title: str
    """The screen's heading."""
    fields: tuple[Field, ...]
    """Its questions, in order."""
    line: int
    """The line of the protocol file it is defined on."""
    intro: str = ""
    """Text shown above the questions: what this part is for and how to ask it."""
    when: Condition | None = None
    """Shown only when this holds over answers of earlier steps."""

    @property
    def protected(self) -> bool:
        """Whether the step holds protected identity fields (the app marks it)."""
        return any(field.protected for field in self.fields)


@dataclasses.dataclass(frozen=True)
class Protocol:
    """A loaded, validated interview protocol."""

    id: str
    """The protocol's identifier (e.g. ``defector-interview``)."""
    version: str
    """Its version; records and drafts name the id and version they follow."""
    title: str
    """Its human title."""
    language: str
    """The language of its labels, as a BCP 47 tag (e.g. ``en``)."""
    format: int
    """The version of the protocol file format it is written in."""
    steps: tuple[Step, ...]
    """The steps in order; the first holds the consent questions."""
    vocabularies: tuple[Vocabulary, ...]
    """Every named vocabulary (inline choices get one named after their field)."""
    hierarchies: tuple[Hierarchy, ...]
    """Every named hierarchy, then those written inline (named after their field)."""
    research_terms: Mapping[str, tuple[str, ...]]
    """Terms redaction must keep (armed groups, places, ideology), by group."""
    fingerprint: str
    """SHA-256 of the protocol's content, independent of layout and comments."""
    source: str = "<protocol>"
    """Where it was loaded from, for messages."""
    description: str = ""
    """What the protocol is for."""
    research_content: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """Kinds of research content the study codes in its questions ("dates", "ages",
    "nationality", "occupation") -> "mask" or "keep": their mentions in free text are
    settled by this policy rather than one by one in review."""
    translations: Mapping[str, Mapping[str, str]] = dataclasses.field(
        default_factory=dict, compare=False, hash=False
    )
    """Its texts in other languages: tag -> {text in :attr:`language`: translation}."""
    _fields: dict[str, Field] = dataclasses.field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        fields = {field.id: field for step in self.steps for field in step.fields}
        object.__setattr__(self, "_fields", fields)

    @property
    def key(self) -> str:
        """``id@version``: what a record or draft stores to name its protocol."""
        return f"{self.id}@{self.version}"

    @property
    def fields(self) -> tuple[Field, ...]:
        """Every field, in interview order."""
        return tuple(self._fields.values())

    def field(self, field_id: str) -> Field:
        """The field with this id (``KeyError`` if there is none)."""
        return self._fields[field_id]

    def step(self, step_id: str) -> Step:
        """The step with this id (``KeyError`` if there is none)."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def step_of(self, field_id: str) -> Step:
        """The step a field is on."""
        for step in self.steps:
            if any(field.id == field_id for field in step.fields):
                return step
        raise KeyError(field_id)

    def vocabulary(self, name: str) -> Vocabulary:
        """The vocabulary with this name (``KeyError`` if there is none)."""
        for vocabulary in self.vocabularies:
            if vocabulary.name == name:
                return vocabulary
        raise KeyError(name)

    def identity_fields(self) -> tuple[Field, ...]:
        """Protected identity fields: sealed, never exported, the anonymiser's deny list."""
        return tuple(field for field in self.fields if field.protected)

    def quasi_identifiers(self) -> tuple[Field, ...]:
        """Fields k-anonymity is computed over, each with its hierarchy."""
        return tuple(field for field in self.fields if field.quasi_identifier)

    def sensitive_fields(self) -> tuple[Field, ...]:
        """Sensitive attributes for l-diversity."""
        return tuple(field for field in self.fields if field.sensitive)

    def free_text_fields(self) -> tuple[Field, ...]:
        """Free text the anonymiser scrubs before anything leaves the record."""
        return tuple(field for field in self.fields if field.anonymise)

    def consent_field(self, kind: ConsentKind) -> Field | None:
        """The field asking for one kind of consent, if the protocol asks for it."""
        return next((field for field in self.fields if field.consent is kind), None)

    @property
    def participation_field(self) -> Field:
        """The participation consent; declining it ends the interview with nothing stored."""
        field = self.consent_field(ConsentKind.PARTICIPATION)
        assert field is not None, "the loader guarantees a participation consent field"
        return field

    def all_research_terms(self) -> tuple[str, ...]:
        """Every research term, in file order, for the anonymiser's allow list."""
        return tuple(term for terms in self.research_terms.values() for term in terms)

    def codebook(self) -> dict[str, dict[int, str]]:
        """For every coded, exportable field: code to label."""
        return {
            field.id: field.codebook()
            for field in self.fields
            if not field.protected and field.codebook()
        }
