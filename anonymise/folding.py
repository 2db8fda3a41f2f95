"""Fold a text for matching while keeping the way back to its offsets.

Names are matched without regard to case, diacritics, transliteration marks
(ʿ ʾ ’) or hyphens, but a match must be reported at its place in the original
text, so folding keeps, for every folded character, the index it came from.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from anonymise.lexicon import TRANSLITERATION_MARKS

_HYPHENS = "-‐‑–"


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """The folded form of one character: maybe empty, maybe several characters."""
    if char in TRANSLITERATION_MARKS:
        return ""
    if char in _HYPHENS:
        return " "
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class Folded:
    """A folded text and, per folded character, its index in the original."""

    text: str
    origin: tuple[int, ...]
    original_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of folded ``[start, end)``."""
        if start >= len(self.origin):
            return self.original_length, self.original_length
        return self.origin[start], self.origin[end - 1] + 1


def fold_text(text: str) -> Folded:
    """Fold ``text`` character by character (fast path for ASCII)."""
    if text.isascii() and not any(ch in text for ch in "-'`"):
        return Folded(text.lower(), tuple(range(len(text))), len(text))
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = char.lower() if char.isascii() and char not in "-'`" else fold_char(char)
        pieces.append(folded)
        origin.extend([index] * len(folded))
    return Folded("".join(pieces), tuple(origin), len(text))
