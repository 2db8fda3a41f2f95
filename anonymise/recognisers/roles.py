"""Occupations: with a place and a date they narrow down who someone is."""

from __future__ import annotations

from functools import lru_cache

import regex

from anonymise.candidates import OCCUPATION, Candidate
from anonymise.lexicon import FUNCTION_WORDS, data_lines

RECOGNISER = "occupations"


@lru_cache(maxsize=1)
def _pattern() -> regex.Pattern[str]:
    names = data_lines("occupations.txt")
    alternatives = "|".join(regex.escape(name) for name in sorted(names, key=len, reverse=True))
    # One modifier before the occupation is part of it: "ballet dancer", "lorry driver".
    return regex.compile(
        rf"(?:(?<![\p{{L}}'’])([\p{{L}}‐‑-]+)\s+)?\b(?:{alternatives})(?:s|es)?\b", regex.IGNORECASE
    )


def find_occupations(text: str) -> list[Candidate]:
    """Occupation words, with the modifier in front of them."""
    found = []
    for match in _pattern().finditer(text):
        start = match.start()
        modifier = match.group(1)
        if modifier and (modifier.lower() in FUNCTION_WORDS or modifier[:1].isupper()):
            start = match.start() + match.group().lower().rfind(
                match.group()[len(modifier) :].strip().lower()
            )
        found.append(Candidate(start, match.end(), OCCUPATION, 0.5, RECOGNISER, "occupation"))
    return found
