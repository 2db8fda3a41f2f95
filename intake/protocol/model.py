"""What a protocol is: steps, fields, vocabularies, hierarchies and conditions.

Everything here is a frozen dataclass built once by the loader; nothing here
reads files. The answers a field takes are plain Python values (``AnswerValue``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from enum import StrEnum

AnswerValue = str | int | float | bool | date | tuple[int, ...]
"""A validated answer: text, a number or year, a yes/no, a date, a code or sorted codes."""


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
class Choice:
    """One entry of a controlled vocabulary."""

    code: int
    """The integer stored and exported (value labels in SPSS and Stata)."""
    label: str
    """What the interviewer sees and the codebook prints."""
    help: str = ""
    """An optional explanation of when this choice applies."""
    other: bool = False
    """True for the catch-all "other" entry, usually followed by a "please say" field."""
    exclusive: bool = False
    """True when this choice cannot be combined with others (e.g. "prefers not to say")."""
    missing: bool = False
    """True for a non-answer ("prefers not to say", "does not know"): exported as a
    declared missing value (SPSS user-missing, Stata extended missing, the data
    package's missing values), never counted as an answer."""


@dataclasses.dataclass(frozen=True)
class Vocabulary:
    """A named, reusable list of choices with unique integer codes and labels."""

    name: str
    """How fields and hierarchies refer to it."""
    choices: tuple[Choice, ...]
    """The choices in the order they are shown."""
    _by_code: dict[int, Choice] = dataclasses.field(
        init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {choice.code: choice for choice in self.choices})

    @property
    def codes(self) -> frozenset[int]:
        """Every code of the vocabulary."""
        return frozenset(self._by_code)

    def choice(self, code: int) -> Choice:
        """The choice with this code (``KeyError`` if there is none)."""
        return self._by_code[code]

    def codebook(self) -> dict[int, str]:
        """Code to label, in display order."""
        return {choice.code: choice.label for choice in self.choices}


@dataclasses.dataclass(frozen=True)
class Category:
    """One cell of a generalisation level: a group of codes or a range of numbers."""

    code: int
    """The integer exported for values generalised into this category."""
    label: str
    """Its label in the export's codebook (e.g. "Western countries", "2014–2016")."""
    members: frozenset[int] = frozenset()
    """For a group: the field's codes that fall into it."""
    low: int | None = None
    """For a range: the smallest value in it (inclusive)."""
    high: int | None = None
    """For a range: the largest value in it (inclusive)."""

    def contains(self, value: AnswerValue) -> bool:
        """Whether an answer falls into this category."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        if self.low is not None and self.high is not None:
            return self.low <= value <= self.high
        return value in self.members


@dataclasses.dataclass(frozen=True)
class Level:
    """One step of a generalisation hierarchy, coarser than the one before it."""

    name: str
    """The level's name (e.g. ``region_of_origin``, ``period``)."""
    categories: tuple[Category, ...]
    """The cells every value of the field falls into exactly one of."""

    def generalise(self, value: AnswerValue) -> Category | None:
        """The category a value falls into (``None`` if it is outside every one)."""
        return next((c for c in self.categories if c.contains(value)), None)

    def codebook(self) -> dict[int, str]:
        """Code to label for this level's categories."""
        return {category.code: category.label for category in self.categories}


@dataclasses.dataclass(frozen=True)
class Hierarchy:
    """How a quasi-identifier is coarsened for export, from most to least detailed.

    Depth 0 is the answer itself, depth ``1..len(levels)`` the levels in turn, and
    the last depth, :attr:`suppressed_depth`, removes the value altogether.
    """

    name: str
    """The hierarchy's name (a field id for one written inline)."""
    levels: tuple[Level, ...]
    """The intermediate levels; suppression always follows the last one."""

    @property
    def suppressed_depth(self) -> int:
        """The depth at which the value is suppressed."""
        return len(self.levels) + 1

    def level_names(self, field_id: str) -> tuple[str, ...]:
        """Names of every depth, e.g. ``("country", "region_of_origin", "suppressed")``."""
        return (field_id, *(level.name for level in self.levels), "suppressed")

    def generalise(self, value: AnswerValue, depth: int) -> AnswerValue | Category | None:
        """The value at a depth: itself, its category, or ``None`` once suppressed."""
        if depth < 0 or depth > self.suppressed_depth:
            raise ValueError(f"depth {depth} outside 0..{self.suppressed_depth}")
        if depth == 0:
            return value
        if depth == self.suppressed_depth:
            return None
        return self.levels[depth - 1].generalise(value)


class Op(StrEnum):
    """The operators of the condition language (no expressions are ever evaluated)."""

    EQUALS = "equals"
    NOT_EQUALS = "not_equals"
    IN = "in"
    INCLUDES = "includes"
    ANSWERED = "answered"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    ALL = "all"
    ANY = "any"
    NOT = "not"


ConditionValue = bool | int | float | tuple[int, ...] | None


@dataclasses.dataclass(frozen=True)
class Condition:
    """When a step or field is relevant, as a small tree over earlier answers.

    A comparison (``{field: x, equals: 1}``) names a field and a value; ``all``,
    ``any`` and ``not`` combine conditions. A comparison on an unanswered field is
    false, except ``answered: false``.
    """

    op: Op
    """The operator."""
    field: str | None = None
    """The earlier field a comparison looks at."""
    value: ConditionValue = None
    """The value compared with (a code, codes, a yes/no or a number)."""
    terms: tuple[Condition, ...] = ()
    """The combined conditions, for ``all``, ``any`` and ``not``."""

    def fields(self) -> frozenset[str]:
        """Every field the condition looks at."""
        own = frozenset({self.field}) if self.field is not None else frozenset()
        return own.union(*(term.fields() for term in self.terms))

    def holds(self, answers: Mapping[str, AnswerValue]) -> bool:
        """Evaluate over the relevant answers so far."""
        if self.op is Op.ALL:
            return all(term.holds(answers) for term in self.terms)
        if self.op is Op.ANY:
            return any(term.holds(answers) for term in self.terms)
        if self.op is Op.NOT:
            return not self.terms[0].holds(answers)
        assert self.field is not None
        answer = answers.get(self.field)
        if self.op is Op.ANSWERED:
            return (answer is not None) == self.value
        if answer is None:
            return False
        if self.op is Op.EQUALS:
            return _same(answer, self.value)
        if self.op is Op.NOT_EQUALS:
            return not _same(answer, self.value)
        if self.op is Op.IN:
            return isinstance(self.value, tuple) and any(_same(answer, v) for v in self.value)
        if self.op is Op.INCLUDES:
            return isinstance(answer, tuple) and self.value in answer
        number = _number(answer)
        limit = _number(self.value)
        if number is None or limit is None:
            return False
        return number >= limit if self.op is Op.AT_LEAST else number <= limit


def _same(answer: AnswerValue, value: ConditionValue) -> bool:
    return answer == value and isinstance(answer, bool) == isinstance(value, bool)


def _number(value: object) -> int | float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


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
