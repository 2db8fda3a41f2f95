"""After redaction, list what still looks like it could identify someone.

Capitalised words that are not English dictionary words, runs of digits,
invisible and bidirectional control characters, and letter-spaced or dot-separated
words (``S a m i r``, ``K.h.a.l.i.d``) are shown to the reviewer as possible
leftovers. Only the exact pseudonyms the redactor writes (``[PERSON 1]``,
``[PLACE]``, ``[2014]``, ``[AGE 30-39]``) and the words of allowed research terms
are passed over: a name typed in brackets, ``[Abu Bakr]``, is still a leftover. One
pass over the words, one over the digits and one over hiding characters, so a long
record is checked in linear time. Offsets are into the redacted text; the words
themselves are for the reviewer's screen only and must not be logged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from anonymise.allowed import occurrences
from anonymise.candidates import ENTITY_TYPES
from anonymise.hiding import hiding_places
from anonymise.lexicon import FUNCTION_WORDS, MONTHS, fold, in_dictionary
from anonymise.recognisers.words import pieces, words

#: Exactly what :func:`anonymise.redact.redact` writes: ``[PERSON 3]`` (pseudonym),
#: ``[PLACE]`` (removed), ``[2014]`` or ``[DATE]`` (a generalised date) and
#: ``[AGE 30-39]`` or ``[AGE]`` (a generalised age).
PSEUDONYM = regex.compile(
    r"\[(?:(?:"
    + "|".join(ENTITY_TYPES)
    + r")(?: [1-9]\d*)?|AGE \d{1,3}-\d{1,3}|1[89]\d\d|20\d\d)\]"
)
_DIGIT_RUN = regex.compile(r"\d[\d\s./-]*\d|\d")
_MONTHS = frozenset(MONTHS)


@dataclass(frozen=True)
class Leftover:
    """A place in the redacted text that the reviewer should look at."""

    start: int
    end: int
    reason: str
    """Why it is shown: "capitalised word not in the dictionary", "digits", or what hides a
    word: "invisible character", "bidirectional control", "letter-spaced word",
    "letters joined by dots or hyphens"."""


def leftovers(
    redacted: str, dictionary: frozenset[str], allow: frozenset[str] = frozenset()
) -> list[Leftover]:
    """Possible identifiers that survived redaction, in text order."""
    hidden = [(m.start(), m.end()) for m in PSEUDONYM.finditer(redacted)]
    in_pseudonym = _Cover(hidden)
    every_word = words(redacted)
    in_term = _Cover(occurrences(redacted, allow, pieces(every_word)) if allow else [])
    allowed = {fold(term) for term in allow}
    found: list[Leftover] = []
    for word in every_word:
        if not (word.capitalised or word.upper) or word.text[:1].isdigit():
            continue
        key = fold(word.bare)
        if key in allowed or key in FUNCTION_WORDS or key in _MONTHS:
            continue
        if in_pseudonym.covers(word.start, word.end) or in_term.covers(word.start, word.end):
            continue
        if not in_dictionary(key, dictionary):
            found.append(Leftover(word.start, word.end, "capitalised word not in the dictionary"))
    in_pseudonym = _Cover(hidden)
    for match in _DIGIT_RUN.finditer(redacted):
        if not in_pseudonym.covers(match.start(), match.end()):
            found.append(Leftover(match.start(), match.end(), "digits"))
    found.extend(Leftover(start, end, kind) for start, end, kind in hiding_places(redacted))
    return sorted(found, key=lambda item: (item.start, item.end))


class _Cover:
    """Asks whether spans, given in order of their starts, lie inside sorted disjoint spans.

    A cursor moves forward only, so a whole pass costs the number of spans plus the
    number of questions.
    """

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self._spans = spans
        self._at = 0

    def covers(self, start: int, end: int) -> bool:
        spans = self._spans
        while self._at < len(spans) and spans[self._at][1] <= start:
            self._at += 1
        return self._at < len(spans) and spans[self._at][0] <= start and end <= spans[self._at][1]
