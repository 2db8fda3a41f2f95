"""Replace accepted spans with consistent bracketed pseudonyms, and log what was done.

Social-science archives replace a name with a bracketed pseudonym that stays the
same throughout a record (``[PERSON 1]`` is always the same person), generalise
dates to their year and ages to a band, and keep a log of replacements. The
mapping from real value to pseudonym identifies people: it is returned for
sealing inside the record and never printed, logged or shown by ``repr``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import regex

from anonymise.allowed import without_allowed
from anonymise.arabic import DIGITS
from anonymise.candidates import AGE, DATE, Candidate
from anonymise.entities import link
from anonymise.lexicon import fold

#: What to do with a span of a type.
PSEUDONYM = "pseudonym"
GENERALISE = "generalise"
REMOVE = "remove"
KEEP = "keep"
ACTIONS = frozenset({PSEUDONYM, GENERALISE, REMOVE, KEEP})

_YEAR = regex.compile(r"\b(?:1[89]\d\d|20\d\d)\b")
_DIGITS = regex.compile(r"\d+")
_AGE_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "teens": 10,
    "twenties": 20,
    "thirties": 30,
    "forties": 40,
    "fifties": 50,
    "sixties": 60,
    "seventies": 70,
    "eighties": 80,
}


@dataclass(frozen=True)
class Policy:
    """How each entity type is replaced; types not named get ``default``."""

    actions: Mapping[str, str] = field(default_factory=lambda: {DATE: GENERALISE, AGE: GENERALISE})
    """Entity type -> one of ``pseudonym``, ``generalise``, ``remove``, ``keep``."""
    default: str = PSEUDONYM
    allow: frozenset[str] = frozenset()
    """Research terms the protocol names (armed groups, ideology terms): a span lying
    wholly inside an occurrence of one (whole words, any case) is left readable, unless
    it is a known identifier or the reviewer's own span; a span reaching beyond the term
    is masked whole (the rule of :mod:`anonymise.allowed`, shared with the analyser)."""
    age_band: int = 10
    """Width of the age bands, in years."""

    def action(self, entity_type: str) -> str:
        chosen = self.actions.get(entity_type, self.default)
        if chosen not in ACTIONS:
            raise ValueError(f"unknown redaction action {chosen!r}")
        return chosen


class SealedMapping(dict[str, str]):
    """Real value -> pseudonym. Its repr never shows the real values."""

    def __repr__(self) -> str:
        return f"<mapping of {len(self)} values, sealed>"

    __str__ = __repr__


@dataclass(frozen=True)
class Redaction:
    """The redacted text, the mapping to seal, and a log without raw values."""

    text: str
    mapping: SealedMapping = field(repr=False)
    """Real value -> pseudonym; identifying: seal it, never print it."""
    log: tuple[tuple[str, str, str, int], ...]
    """(entity type, recogniser, action, count) for every kind of replacement."""
    replacements: tuple[tuple[int, int, str], ...] = ()
    """(start, end, replacement) for every masked span, in text order: no real values."""

    def log_lines(self) -> list[str]:
        """The log as lines a person reads."""
        return [
            f"{kind}\t{recogniser}\t{action}\t{count}"
            for kind, recogniser, action, count in self.log
        ]


def generalise_date(surface: str) -> str:
    """A date becomes its year (in Western digits), or ``[DATE]`` when it names none."""
    year = _YEAR.search(surface.translate(DIGITS))
    return f"[{year.group()}]" if year else "[DATE]"


def generalise_age(surface: str, band: int = 10) -> str:
    """An age becomes a band such as ``[AGE 30-39]``."""
    digits = _DIGITS.search(surface)
    value = int(digits.group()) if digits else None
    if value is None:
        for word in regex.findall(r"[a-z]+", surface.lower()):
            number = _AGE_WORDS.get(word)
            if number is not None:
                value = number if value is None else max(value, number)
    if value is None:
        return "[AGE]"
    low = value // band * band
    return f"[AGE {low}-{low + band - 1}]"


def _linked(
    text: str, spans: list[Candidate], policy: Policy
) -> tuple[list[Candidate], dict[tuple[int, int], str]]:
    """The spans typed as their entities, linked within this text alone, and their pseudonyms."""
    entities = link({"": text}, {"": spans}).numbered(
        pseudonymised=lambda kind: policy.action(kind) == PSEUDONYM
    )
    return entities.typed("", spans), entities.pseudonyms("")


def _unlinked(
    span: Candidate,
    surface: str,
    names: Mapping[tuple[int, int], str],
    numbers: Counter[str],
    by_key: dict[tuple[str, str], str],
) -> str:
    """A pseudonym for a span the entities do not cover: numbered after theirs."""
    key = (span.entity_type, fold(surface))
    if key not in by_key:
        if not numbers:
            for name in names.values():
                kind, _space, number = name[1:-1].rpartition(" ")
                if number.isdigit():
                    numbers[kind] = max(numbers[kind], int(number))
        numbers[span.entity_type] += 1
        by_key[key] = f"[{span.entity_type} {numbers[span.entity_type]}]"
    return by_key[key]


def _merge(spans: Iterable[Candidate]) -> list[Candidate]:
    ordered = sorted(spans, key=lambda c: (c.start, -c.end))
    merged: list[Candidate] = []
    for span in ordered:
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            if span.end > last.end:
                merged[-1] = Candidate(
                    last.start,
                    span.end,
                    last.entity_type,
                    last.score,
                    last.recogniser,
                    last.explanation,
                )
            continue
        merged.append(span)
    return merged


def redact(
    text: str,
    spans: Iterable[Candidate],
    policy: Policy | None = None,
    pseudonyms: Mapping[tuple[int, int], str] | None = None,
) -> Redaction:
    """Replace ``spans`` in ``text`` according to ``policy``.

    ``pseudonyms`` gives the pseudonym of each span by (start, end), from the
    record's entities (:meth:`anonymise.entities.Entities.pseudonyms`); without
    them the spans are linked into entities here, so each entity of the text
    has one pseudonym.
    """
    chosen = policy or Policy()
    mapping = SealedMapping()
    log: Counter[tuple[str, str, str]] = Counter()
    pieces: list[str] = []
    position = 0
    masked = _merge(without_allowed(text, spans, chosen.allow))
    if pseudonyms is None:
        masked, names = _linked(text, masked, chosen)
    else:
        names = dict(pseudonyms)
    numbers: Counter[str] = Counter()
    by_key: dict[tuple[str, str], str] = {}
    done: list[tuple[int, int, str]] = []
    for span in masked:
        surface = text[span.start : span.end]
        action = chosen.action(span.entity_type)
        if action == KEEP:
            continue
        if action == REMOVE:
            replacement = f"[{span.entity_type}]"
        elif action == GENERALISE and span.entity_type == DATE:
            replacement = generalise_date(surface)
        elif action == GENERALISE and span.entity_type == AGE:
            replacement = generalise_age(surface, chosen.age_band)
        else:
            replacement = names.get((span.start, span.end), "")
            if not replacement:
                replacement = _unlinked(span, surface, names, numbers, by_key)
            mapping[surface] = replacement
        pieces.append(text[position : span.start])
        pieces.append(replacement)
        done.append((span.start, span.end, replacement))
        position = span.end
        log[(span.entity_type, span.recogniser, action)] += 1
    pieces.append(text[position:])
    entries = tuple(sorted((kind, rec, act, count) for (kind, rec, act), count in log.items()))
    return Redaction("".join(pieces), mapping, entries, tuple(done))
