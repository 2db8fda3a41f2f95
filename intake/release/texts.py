"""Disclosure control the texts cannot undo: years and ages in a text at the table's level.

The redactor leaves a year as ``[2017]`` and an age as ``[AGE 30-39]``. When
disclosure control coarsens the join and leave years to eras, a narrative in
the same row saying "I left in [2019]" makes the row unique again. So every
year marker in an exported text is rendered through the year
quasi-identifiers' levels as the plan chose them (``[2017–2019]``, or
``[YEAR]`` once suppressed), and every age marker through the age
quasi-identifiers' levels (``[AGE 40 or older]``, or ``[AGE]``). Where a
row's year or age cell was suppressed, every year or age in its texts is
suppressed too. When several quasi-identifiers apply, the coarsest wins.

Age quasi-identifiers are the choice questions whose every answer that is not
a declared missing one reads as an age range ("Under 18", "18–24", "50 or
older"); year quasi-identifiers are the year and date questions.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from anonymise.disclosure import Value
from intake.protocol import Field, FieldType, Level, Protocol

YEAR_MARKER = re.compile(r"\[(1[89]\d\d|20\d\d)\]")
"""A year the redactor left (a date generalised to its year)."""
AGE_MARKER = re.compile(r"\[AGE (\d{1,3})-(\d{1,3})\]")
"""An age band the redactor left."""
SUPPRESSED_YEAR = "[YEAR]"
SUPPRESSED_AGE = "[AGE]"
_OPEN_END = 200
_RANGE = re.compile(r"(\d{1,3})\s*[–-]\s*(\d{1,3})")
_UNDER = re.compile(r"(?:under|younger than)\s+(\d{1,3})", re.IGNORECASE)
_OLDER = re.compile(r"(\d{1,3})\s*(?:or older|or over|and older|and over|\+)", re.IGNORECASE)

Span = tuple[int, int]
"""An inclusive range of years or ages."""
Marker = tuple[str, int, int]
"""A marker found in a text: ``("year", 2019, 2019)`` or ``("age", 30, 39)``."""


def markers(text: str) -> list[Marker]:
    """The year and age markers of a text, to count what control will change without it."""
    found: list[Marker] = [("year", int(m[1]), int(m[1])) for m in YEAR_MARKER.finditer(text)]
    found += [("age", int(m[1]), int(m[2])) for m in AGE_MARKER.finditer(text)]
    return found


def age_range(label: str) -> Span | None:
    """The ages a label such as "18–24", "Under 18" or "50 or older" names (else ``None``)."""
    text = label.strip()
    if match := _RANGE.fullmatch(text):
        return int(match[1]), int(match[2])
    if match := _UNDER.fullmatch(text):
        return 0, int(match[1]) - 1
    if match := _OLDER.fullmatch(text):
        return int(match[1]), _OPEN_END
    return None


def is_age_question(field: Field) -> bool:
    """Whether every answer of a choice question, missing ones aside, is an age range."""
    if field.vocabulary is None or field.type is not FieldType.SINGLE_CHOICE:
        return False
    answers = [c for c in field.vocabulary.choices if not c.missing]
    return len(answers) >= 2 and all(age_range(c.label) is not None for c in answers)


@dataclass(frozen=True)
class TextFigures:
    """How many markers control changed in the exported texts (counts only, never values)."""

    years_generalised: int = 0
    years_suppressed: int = 0
    ages_generalised: int = 0
    ages_suppressed: int = 0

    def to_json(self) -> dict[str, int]:
        return {
            "years_generalised": self.years_generalised,
            "years_suppressed": self.years_suppressed,
            "ages_generalised": self.ages_generalised,
            "ages_suppressed": self.ages_suppressed,
        }

    def line(self) -> str:
        """One line for the report."""
        return (
            f"in the texts: {self.years_generalised} year(s) generalised, "
            f"{self.years_suppressed} suppressed; {self.ages_generalised} age(s) generalised, "
            f"{self.ages_suppressed} suppressed"
        )


class TextControl:
    """Rewrites the year and age markers of one protocol's texts at the chosen levels."""

    def __init__(self, protocol: Protocol, depths: Mapping[str, int]) -> None:
        qis = protocol.quasi_identifiers()
        self.year_fields = [
            f for f in qis if f.type in (FieldType.YEAR, FieldType.DATE) and f.hierarchy
        ]
        self.age_fields = [f for f in qis if f.hierarchy and is_age_question(f)]
        self.depths = dict(depths)
        self.counts: Counter[str] = Counter()

    def figures(self) -> TextFigures:
        """What rewriting changes, over every row tallied so far."""
        return TextFigures(
            self.counts["years_generalised"],
            self.counts["years_suppressed"],
            self.counts["ages_generalised"],
            self.counts["ages_suppressed"],
        )

    def rewriter(
        self, original: Mapping[str, Value], controlled: Mapping[str, Value]
    ) -> Callable[[str], str]:
        """The rewriting of one row's texts; a cell suppressed in the row suppresses its kind."""
        return self.rewriting(*self._suppressed(original, controlled))

    def rewriting(self, no_years: bool, no_ages: bool) -> Callable[[str], str]:
        """The rewriting of a row's texts, given whether its years and its ages are suppressed."""

        def rewrite(text: str) -> str:
            text = YEAR_MARKER.sub(lambda m: self._year(int(m[1]), no_years)[0], text)
            return AGE_MARKER.sub(lambda m: self._age((int(m[1]), int(m[2])), no_ages)[0], text)

        return rewrite

    def suppressed_rows(
        self,
        original: Mapping[str, Sequence[Value]],
        controlled: Mapping[str, Sequence[Value]],
        size: int,
    ) -> tuple[np.ndarray, np.ndarray]:
        """For each row of a table held by column: whether its years, and its ages, are suppressed.

        A row's kind is suppressed when a cell of that kind held a value before
        control and none after (as :meth:`rewriter` decides for one row).
        """

        def suppressed(fields: list[Field]) -> np.ndarray:
            out = np.zeros(size, dtype=bool)
            for f in fields:
                after = controlled.get(f.id)
                if f.id not in original or after is None:
                    continue  # never held, or left as it was
                before = np.fromiter((v is not None for v in original[f.id]), bool, size)
                out |= before & np.fromiter((v is None for v in after), bool, size)
            return out

        return suppressed(self.year_fields), suppressed(self.age_fields)

    def tally_all(self, found: Iterable[tuple[Marker, bool, bool]]) -> None:
        """Count what rewriting changes, for markers each with its row's suppressed kinds."""
        for (marker, no_years, no_ages), count in Counter(found).items():
            kind, low, high = marker
            if kind == "year":
                outcome = self._year(low, no_years)[1]
                self.counts[f"years_{outcome}"] += count * (outcome != "kept")
            else:
                outcome = self._age((low, high), no_ages)[1]
                self.counts[f"ages_{outcome}"] += count * (outcome != "kept")

    def tally(
        self,
        markers: Sequence[Marker],
        original: Mapping[str, Value],
        controlled: Mapping[str, Value],
    ) -> None:
        """Count what rewriting a row's texts, holding these markers, changes."""
        no_years, no_ages = self._suppressed(original, controlled)
        for kind, low, high in markers:
            if kind == "year":
                outcome = self._year(low, no_years)[1]
                self.counts[f"years_{outcome}"] += outcome != "kept"
            else:
                outcome = self._age((low, high), no_ages)[1]
                self.counts[f"ages_{outcome}"] += outcome != "kept"

    def _suppressed(
        self, original: Mapping[str, Value], controlled: Mapping[str, Value]
    ) -> tuple[bool, bool]:
        def suppressed(fields: list[Field]) -> bool:
            return any(
                original.get(f.id) is not None and controlled.get(f.id) is None for f in fields
            )

        return suppressed(self.year_fields), suppressed(self.age_fields)

    def _year(self, year: int, suppress: bool) -> tuple[str, str]:
        spans = [] if suppress else self._spans(self.year_fields, (year, year), _year_span)
        if spans is None or suppress:
            return SUPPRESSED_YEAR, "suppressed"
        if not spans:
            return f"[{year}]", "kept"
        low, high = max(spans, key=lambda s: s[1] - s[0])
        return (f"[{low}]" if low == high else f"[{low}–{high}]"), "generalised"

    def _age(self, band: Span, suppress: bool) -> tuple[str, str]:
        spans = [] if suppress else self._spans(self.age_fields, band, _age_span)
        if spans is None or suppress:
            return SUPPRESSED_AGE, "suppressed"
        if not spans:
            return f"[AGE {band[0]}-{band[1]}]", "kept"
        low, high = max(spans, key=lambda s: s[1] - s[0])
        if high >= _OPEN_END:
            return f"[AGE {low} or older]", "generalised"
        return (f"[AGE under {high + 1}]" if low == 0 else f"[AGE {low}-{high}]"), "generalised"

    def _spans(
        self,
        fields: list[Field],
        value: Span,
        span_of: Callable[[Level, Span], Span | None],
    ) -> list[Span] | None:
        """The span each generalised field gives the value; ``None`` if any suppresses it."""
        spans: list[Span] = []
        for f in fields:
            assert f.hierarchy is not None
            depth = self.depths.get(f.id, 0)
            if depth == 0:
                continue
            if depth >= f.hierarchy.suppressed_depth:
                return None
            span = span_of(f.hierarchy.levels[depth - 1], value)
            if span is None:
                return None
            spans.append(span)
        return spans


def _year_span(level: Level, value: Span) -> Span | None:
    category = level.generalise(value[0])
    if category is None or category.low is None or category.high is None:
        return None
    return category.low, category.high


def _age_span(level: Level, band: Span) -> Span | None:
    """The smallest run of the level's age categories covering the band."""
    ranges = [r for r in (age_range(c.label) for c in level.categories) if r is not None]
    touched = [r for r in ranges if r[0] <= band[1] and band[0] <= r[1]]
    if not touched:
        return None
    return min(r[0] for r in touched), max(r[1] for r in touched)
