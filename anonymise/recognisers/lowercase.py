"""Places and nationalities in hasty lower-case notes: "from almere", "uzbek", "in grozny".

The naming rules start from capitals; notes typed in a hurry have none. A
lower-case word the dictionary does not know is a place when the gazetteer has
it, and a nationality when the demonym list has it. After a word that places
someone ("from", "in", "near", "born"), a word no dictionary knows is proposed
as a place even when the gazetteer lacks it. Nationality words with "-man" or
"-woman" ("Englishman") count in any case.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

import regex

from anonymise.candidates import NATIONALITY, PLACE, Candidate
from anonymise.lexicon import FUNCTION_WORDS, MONTHS, data_lines, fold, in_dictionary
from anonymise.name_forms import skeleton
from anonymise.recognisers.people import FOREIGN
from anonymise.recognisers.words import Word, words

if TYPE_CHECKING:
    from anonymise.recognisers.naming import Lexicon

RECOGNISER = "lowercase"
#: What comes before a place: "from kulob", "born mayadin", "in roj", "istanbul -> gaziantep".
_PLACING = regex.compile(
    r"(?:\b(?:from|in|near|to|via|at|born|outside|around|towards?|through|then"
    # French: "à sidi bouzid", "originaire de kasserine", "jusqu'à tell abyad", "puis akçakale".
    r"|à|de|d['’]|en|vers|jusqu['’]à|depuis|près\s+de|puis|née?\s+à|au|aux|entre)|route\s*:"
    r"|->|→|=>)\s*$"
)
#: The next stop of a route after a place: "düsseldorf -> istanbul".
_ROUTE_AFTER = regex.compile(r"\s*(?:->|→|=>)")
#: A French elided article or pronoun: "d'un", "l'ancien".
_ELIDED = regex.compile(r"(?:[dlsjmntc]|qu)['’]")
#: Words that place a town's name but may as well come before anything else.
_LOOSE_PLACING = frozenset(
    ["to", "at", "then", "de", "d'", "d’", "en", "puis", "au", "aux", "entre"]
)
#: "Englishman", "Frenchwomen", "Dutchman": nationality nouns.
NATIONAL_NOUNS = regex.compile(
    r"\b(?i:english|french|dutch|irish|scots|welsh|swiss|danish|cornish|manx|"
    r"chinaman|frenchman|norse)(?:man|men|woman|women)\b",
)
_MONTHS = frozenset(MONTHS)
#: Streets and squares by their endings, in the languages of the towns respondents come
#: from: "Kroonstraat", "turnhoutsebaan", "De Coninckplein", "Längenfeldgasse".
STREETS = regex.compile(
    r"(?i:\b(?:de\s+|het\s+|rue\s+(?:de\s+|du\s+|des\s+)?)?[\p{L}-]+"
    r"(?:straat|laan|plein|steenweg|baan|kade|gracht|dreef|gasse|stra(?:ss|ß)e|platz|allee|"
    r"sokak|sokağı|caddesi|bulvarı|gatan|vägen|gade|vej|veien|gata|katu)\b)"
)
#: A lower-case name before a word for an area: "staropromyslovsky district".
AREA_AFTER = regex.compile(
    r"\b(?P<name>\p{Ll}[\p{Ll}'’-]{3,})\s+(?:district|province|governorate|region|quarter|"
    r"neighbourhood|neighborhood|suburb|village|camp|prison|mosque|checkpoint|road|street)\b"
)


def _lower_place_names(text: str, every: list[Word], lexicon: Lexicon) -> list[Candidate]:
    """Place names of two or three lower-case words: "sidi bouzid", "ras al ain"."""
    names = lexicon.gazetteer.names
    found = []
    for index in range(len(every) - 1):
        if every[index].capitalised or every[index].upper:
            continue
        for size in (3, 2):
            part = every[index : index + size]
            if len(part) < size or any(w.capitalised or w.upper for w in part):
                continue
            if any(text[a.end : b.start] not in (" ", "-") for a, b in pairwise(part)):
                continue
            key = fold(" ".join(w.bare for w in part))
            if key in names and not all(in_dictionary(k, lexicon.dictionary) for k in key.split()):
                end = part[-1].start + len(part[-1].bare)
                found.append(
                    Candidate(part[0].start, end, PLACE, 0.7, RECOGNISER, "place in lower case")
                )
                break
    return found


@lru_cache(maxsize=1)
def _conflict_skeletons() -> frozenset[str]:
    """Spelling-blind forms of the one-word towns of the conflict list (three consonants or
    more: shorter ones would match words by chance)."""
    found = set()
    for place in data_lines("conflict_places.txt"):
        key = fold(place)
        key = key[3:] if key.startswith(("al ", "el ")) else key
        if " " not in key and len(skeleton(key)) >= 3:
            found.add(skeleton(key))
    return frozenset(found)


@lru_cache(maxsize=1)
def _conflict_towns() -> frozenset[str]:
    """The one-word towns of the conflict list, folded, with and without their article."""
    found = set()
    for place in data_lines("conflict_places.txt"):
        key = fold(place)
        found.add(key)
        found.add(key[3:] if key.startswith(("al ", "el ")) else key)
    return frozenset(key for key in found if " " not in key)


def _conflict_town(key: str) -> bool:
    """A town of the conflict in a spelling the list lacks: "baghouz", "menbij", "mayadeen"."""
    return len(skeleton(key)) >= 3 and skeleton(key) in _conflict_skeletons()


def find_lowercase_places(text: str, lexicon: Lexicon) -> list[Candidate]:
    """Places and nationalities written without capitals."""
    found = [
        Candidate(m.start(), m.end(), NATIONALITY, 0.6, RECOGNISER, "nationality")
        for m in NATIONAL_NOUNS.finditer(text)
    ]
    found += [
        Candidate(m.start(), m.end(), PLACE, 0.7, RECOGNISER, "street or square")
        for m in STREETS.finditer(text)
    ]
    for match in AREA_AFTER.finditer(text):
        key = fold(match.group("name"))
        if _ELIDED.match(match.group("name")) or key in lexicon.function_words:
            continue  # "d'un village": an article, not a name
        if not in_dictionary(key, lexicon.dictionary) and key not in FUNCTION_WORDS:
            start, end = match.span("name")
            found.append(Candidate(start, end, PLACE, 0.55, RECOGNISER, "name before an area"))
    major = lexicon.gazetteer.major
    every = words(text)
    found += _lower_place_names(text, every, lexicon)
    for word in every:
        if word.capitalised or word.upper or not word.text[:1].isalpha():
            continue
        key = fold(word.bare)
        if len(key) < 3 or key in FUNCTION_WORDS or key in _MONTHS or key in FOREIGN:
            continue
        if key in lexicon.function_words:
            continue
        end = word.start + len(word.bare)
        common = in_dictionary(key, lexicon.dictionary)
        before = _PLACING.search(text, max(0, word.start - 12), word.start)
        placed = before is not None or bool(_ROUTE_AFTER.match(text, end))
        placed_firmly = before is not None and before.group().strip() not in _LOOSE_PLACING
        if key in lexicon.demonyms:
            found.append(Candidate(word.start, end, NATIONALITY, 0.6, RECOGNISER, "nationality"))
        elif len(key) >= 4 and key in _conflict_towns():
            # "kirkuk, 3 dec": the conflict's towns are places wherever they stand, even
            # when the model's word list holds their name.
            found.append(Candidate(word.start, end, PLACE, 0.7, RECOGNISER, "conflict town"))
        elif key in lexicon.gazetteer.names and not common and (placed or key in major):
            found.append(Candidate(word.start, end, PLACE, 0.7, RECOGNISER, "place in lower case"))
        elif key in major:
            # A city that is also in the dictionary ("grozny", "antakya"): a place after a
            # word that places someone, and otherwise proposed for review.
            score = 0.6 if placed else 0.45
            found.append(
                Candidate(word.start, end, PLACE, score, RECOGNISER, "place in lower case")
            )
        elif (
            not common and len(key) >= 5 and _conflict_town(key) and not lexicon.names.is_name(key)
        ):
            found.append(
                Candidate(word.start, end, PLACE, 0.7, RECOGNISER, "conflict town, other spelling")
            )
        elif key in lexicon.gazetteer.names and not common:
            # A town's name no dictionary knows, with nothing around it that places it:
            # proposed, never let through.
            found.append(Candidate(word.start, end, PLACE, 0.45, RECOGNISER, "place in lower case"))
        elif placed_firmly and not common and "-" not in word.text and len(key) >= 4:
            found.append(
                Candidate(word.start, end, PLACE, 0.5, RECOGNISER, "unknown word after from or in")
            )
    return found
