"""Arabic written in Latin letters and digits ("Arabizi"): "7amza", "3ali", "abu 5aled".

Messages and notes typed on phones spell Arabic with digits for the letters Latin
script lacks: 2 for hamza, 3 for ʿayn, 5 for kh, 6 for ṭ, 7 for ḥ, 8 for q or gh, 9
for ṣ or q. Such a word is read back into letters in every way the digits allow;
when one reading is a name of the name lists, or the word follows a kunya or a
nasab particle ("abu 5aled", "bin 7amad"), it is a person's name and masked. Any
other such word is proposed for review: it is Arabic the model cannot read, and may
be part of a name no list has ("al-7alabi").

Digits as units, ordinals and codes are not Arabizi: "3rd", "5km", "7pm", "AK47".
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product
from typing import TYPE_CHECKING

import regex

from anonymise.candidates import OTHER, PERSON, Candidate, Evidence
from anonymise.lexicon import fold
from anonymise.recognisers.words import words

if TYPE_CHECKING:
    from anonymise.recognisers.naming import Lexicon

RECOGNISER = "arabizi"
#: The letters each digit stands for in Arabizi.
_READINGS: dict[str, tuple[str, ...]] = {
    "2": ("", "a", "e"),
    "3": ("", "a", "e", "aa"),
    "5": ("kh",),
    "6": ("t",),
    "7": ("h",),
    "8": ("q", "gh"),
    "9": ("s", "q"),
}
#: A word in Arabizi: letters with at least one of its digits, two letters or more.
_ARABIZI = regex.compile(r"(?=(?:[^\p{L}]*\p{L}){2})[\p{L}'’-]*[235-9][\p{L}\d'’-]*")
#: Numbers with a unit or an ending, and codes: "3rd", "25km", "7pm", "9mm", "b52".
_NOT_ARABIZI = regex.compile(
    r"(?i:\d+(?:st|nd|rd|th|s|am|pm|km|kms|kg|kgs|mm|cm|m|g|h|hr|hrs|min|mins|yo|ml|mg|gb|mb|"
    r"kb|k|x|d|l|ft|mph|kmh|ish)|\p{L}{1,2}\d+)"
)
#: A kunya or nasab particle before a name: "abu 5aled", "umm 3umar", "bin 7amad".
_PARTICLE = regex.compile(r"(?i:\b(?:abu|abou|abo|umm|om|ibn|bin|bint|al|el)[\s-]+)$")
#: Two digits in a row, or digits alone between hyphens: numbers, not letters.
_NUMBER_IN_WORD = regex.compile(r"\d\d|(?:^|-)\d+(?:-|$)")
#: The article fused to a family name or nisba: "al-7alabi", "el-3ezzi".
_ARTICLE = regex.compile(r"(?i:[ae]l-)")
_MAX_READINGS = 64


def readings(word: str) -> Iterator[str]:
    """Every folded spelling in letters of an Arabizi word ("7amza" -> "hamza")."""
    parts = [_READINGS.get(ch, (ch,)) for ch in fold(word)]
    for count, letters in enumerate(product(*parts)):
        if count >= _MAX_READINGS:
            return
        yield "".join(letters)


def find_arabizi(text: str, lexicon: Lexicon) -> list[Candidate]:
    """Names written in Arabizi, masked; other Arabizi words, proposed for review."""
    found: list[Candidate] = []
    for word in words(text):
        token = word.bare
        if not _ARABIZI.fullmatch(token) or _NOT_ARABIZI.fullmatch(token):
            continue
        if word.upper or token.isupper():
            continue  # "AK47", "B52": codes, for the code rules
        if _NUMBER_IN_WORD.search(token):
            continue  # "mid-2014", "60-day", "brooks94": a digit stands for one letter
        named = any(
            lexicon.names.is_name(part)
            for reading in readings(token)
            for part in reading.split("-")
            if part
        )
        particle = _PARTICLE.search(text, max(0, word.start - 8), word.start)
        end = word.start + len(token)
        if particle is not None:
            # The kunya or nasab is masked with the name, as the kunya rule does.
            found.append(
                Candidate(particle.start(), end, PERSON, 0.85, RECOGNISER, Evidence.ARABIZI)
            )
        elif named or _ARTICLE.match(token):
            found.append(Candidate(word.start, end, PERSON, 0.85, RECOGNISER, Evidence.ARABIZI))
        else:
            found.append(Candidate(word.start, end, OTHER, 0.45, RECOGNISER, Evidence.ARABIZI_WORD))
    return found
