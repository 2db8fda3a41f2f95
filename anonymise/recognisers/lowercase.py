"""Places and nationalities in hasty lower-case notes: "from almere", "uzbek", "in grozny".

The naming rules start from capitals; notes typed in a hurry have none. A
lower-case word the dictionary does not know is a place when the gazetteer has
it, and a nationality when the demonym list has it. After a word that places
someone ("from", "in", "near", "born"), a word no dictionary knows is proposed
as a place even when the gazetteer lacks it. Nationality words with "-man" or
"-woman" ("Englishman") count in any case.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from anonymise.candidates import NATIONALITY, PLACE, Candidate
from anonymise.lexicon import FUNCTION_WORDS, MONTHS, fold, in_dictionary
from anonymise.recognisers.people import LATIN
from anonymise.recognisers.words import words

if TYPE_CHECKING:
    from anonymise.recognisers.naming import Lexicon

RECOGNISER = "lowercase"
#: Words after which a place is named: "from kulob", "born mayadin", "in roj".
_PLACING = frozenset(
    ["from", "in", "near", "to", "via", "at", "born", "outside", "around", "towards", "toward"]
)
#: "Englishman", "Frenchwomen", "Dutchman": nationality nouns.
NATIONAL_NOUNS = regex.compile(
    r"\b(?i:english|french|dutch|irish|scots|welsh|swiss|danish|cornish|manx|"
    r"chinaman|frenchman|norse)(?:man|men|woman|women)\b",
)
_MONTHS = frozenset(MONTHS)


def find_lowercase_places(text: str, lexicon: Lexicon) -> list[Candidate]:
    """Places and nationalities written without capitals."""
    found = [
        Candidate(m.start(), m.end(), NATIONALITY, 0.6, RECOGNISER, "nationality")
        for m in NATIONAL_NOUNS.finditer(text)
    ]
    every = words(text)
    for index, word in enumerate(every):
        if word.capitalised or word.upper or not word.text[:1].isalpha():
            continue
        key = fold(word.bare)
        if len(key) < 3 or key in FUNCTION_WORDS or key in _MONTHS or key in LATIN:
            continue
        if in_dictionary(key, lexicon.dictionary):
            continue
        end = word.start + len(word.bare)
        if key in lexicon.gazetteer.names:
            found.append(Candidate(word.start, end, PLACE, 0.7, RECOGNISER, "place in lower case"))
        elif key in lexicon.demonyms:
            found.append(Candidate(word.start, end, NATIONALITY, 0.6, RECOGNISER, "nationality"))
        elif index and fold(every[index - 1].text) in _PLACING and "-" not in word.text:
            found.append(
                Candidate(word.start, end, PLACE, 0.5, RECOGNISER, "unknown word after from or in")
            )
    return found
