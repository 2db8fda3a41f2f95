"""After redaction, list what still looks like it could identify someone.

Capitalised words that are not English dictionary words (and not at the start
of a sentence), and runs of digits, are shown to the reviewer as possible
leftovers. Offsets are into the redacted text; the words themselves are for the
reviewer's screen only and must not be logged.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from anonymise.lexicon import FUNCTION_WORDS, MONTHS, fold, in_dictionary
from anonymise.recognisers.words import words

_PSEUDONYM = regex.compile(r"\[[^\[\]]{1,40}\]")
_DIGIT_RUN = regex.compile(r"\d[\d\s./-]*\d|\d")
_MONTHS = frozenset(MONTHS)


@dataclass(frozen=True)
class Leftover:
    """A place in the redacted text that the reviewer should look at."""

    start: int
    end: int
    reason: str
    """"capitalised word not in the dictionary" or "digits"."""


def leftovers(
    redacted: str, dictionary: frozenset[str], allow: frozenset[str] = frozenset()
) -> list[Leftover]:
    """Possible identifiers that survived redaction, in text order."""
    hidden = [(m.start(), m.end()) for m in _PSEUDONYM.finditer(redacted)]

    def inside(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in hidden)

    allowed = {fold(term) for term in allow}
    found: list[Leftover] = []
    for word in words(redacted):
        if not (word.capitalised or word.upper) or word.text[:1].isdigit():
            continue
        key = fold(word.bare)
        if (
            key in allowed
            or key in FUNCTION_WORDS
            or key in _MONTHS
            or inside(word.start, word.end)
        ):
            continue
        if not in_dictionary(key, dictionary):
            found.append(Leftover(word.start, word.end, "capitalised word not in the dictionary"))
    for match in _DIGIT_RUN.finditer(redacted):
        if not inside(match.start(), match.end()):
            found.append(Leftover(match.start(), match.end(), "digits"))
    return sorted(found, key=lambda item: (item.start, item.end))
