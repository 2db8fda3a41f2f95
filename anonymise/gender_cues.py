"""What the words around a name say of the person's sex, for telling apart two people who
share a surname: "Mrs Cross" is the one named "Faith Cross, mother of …", not her sons.

Only the text's own words count: a title before the name ("Mrs", "Mr", "Mme"), and a
relation word set beside it ("Faith Cross, mother of …", "his wife Amal Haddad"). A
given name alone says nothing here.
"""

from __future__ import annotations

import regex

FEMALE = "f"
MALE = "m"

_FEMALE_WORDS = (
    "mother|wife|sister|daughter|widow|grandmother|aunt|niece|mère|épouse|femme|soeur|sœur|fille"
)
_MALE_WORDS = "father|husband|brother|son|widower|grandfather|uncle|nephew|père|mari|frère|fils"
_FEMALE_TITLE = regex.compile(
    r"(?i:\b(?:mrs|ms|miss|mme|madame|mlle|mademoiselle|lady)\.?|\bSister)\s+$"
)
_MALE_TITLE = regex.compile(r"(?i:\b(?:mr|monsieur|sir)\.?|\bM\.)\s+$")
_FEMALE_OPENING = regex.compile(r"(?i:mrs|ms|miss|mme|madame|mlle|mademoiselle|lady)\.?\s")
_MALE_OPENING = regex.compile(r"(?i:mr|monsieur|sir)\.?\s|M\.\s")
_AFTER = regex.compile(
    r"\s*,\s*(?:the\s+|his\s+|her\s+|their\s+)?(?P<word>\w+)\s+(?:of|to|de|d['’])\b",
    regex.IGNORECASE,
)
_BEFORE = regex.compile(
    r"\b(?:his|her|my|their|your|sa|son)\s+(?P<word>\w+)\s*,?\s*$", regex.IGNORECASE
)
_FEMALE = regex.compile(rf"(?i:{_FEMALE_WORDS})")
_MALE = regex.compile(rf"(?i:{_MALE_WORDS})")


def gender(text: str, start: int, end: int) -> str:
    """``FEMALE``, ``MALE``, or ``""`` for the name ``text[start:end]``."""
    before = text[max(0, start - 30) : start]
    if _FEMALE_TITLE.search(before) or _FEMALE_OPENING.match(text, start, end):
        return FEMALE
    if _MALE_TITLE.search(before) or _MALE_OPENING.match(text, start, end):
        return MALE
    for found in (_AFTER.match(text, end), _BEFORE.search(before)):
        if found is None:
            continue
        word = found.group("word")
        if _FEMALE.fullmatch(word):
            return FEMALE
        if _MALE.fullmatch(word):
            return MALE
    return ""
