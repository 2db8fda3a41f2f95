"""A candidate's type from the strongest evidence, not from the model's guess.

An address's form settles it: an e-mail address is an e-mail address whatever
found it. A country is a place. For a name only the model, the gazetteer or a
capital letter proposed, the words say more: a head word ("Rue", "Kampung",
"Straße", "airport", "School"; "Court", "Tribunal", "Jamaat"), a place word before
it ("in", "near", "outside"), or a given name opening two or more name words.
Evidence of a person (a title, a relation word, a kunya) and the interview's own
identifiers are never overruled, except by an address's form.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import regex

from anonymise.candidates import (
    CASE_NUMBER,
    DATE,
    EMAIL,
    ID_NUMBER,
    ORGANISATION,
    PERSON,
    PLACE,
    URL,
    Candidate,
    Evidence,
)
from anonymise.evidence import PERSON_EVIDENCE, WEAK_EVIDENCE
from anonymise.known import RECOGNISER as KNOWN_RECOGNISER
from anonymise.lexicon import fold
from anonymise.name_forms import NASAB_HEADS
from anonymise.names import name_lexicon
from anonymise.places import Gazetteer
from anonymise.recognisers.lowercase import STREETS

_EMAIL = regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = regex.compile(r"(?:https?://|www\.)\S+", regex.IGNORECASE)
_DAY_MONTH = regex.compile(r"(\d{1,2})[/.](\d{1,2})(?:[/.](?:\d{4}|\d{2}))?")
_CLOCK = regex.compile(r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?")
_YEAR_PHRASE = regex.compile(r"(?i:mid|early|late)-?\s*(?:19|20)\d\d")


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Words that open or close the name of a place (the benchmark counts schools,
#: hospitals, mosques and prisons as places).
PLACE_HEADS = _word_set(
    "rue place avenue boulevard street road lane square kampung barangay masjid mosque "
    "souq souk hay bab ras ain camp airport prison sokak sokagi caddesi strasse fængsel "
    "fengsel gefängnis district quarter hospital school schule berufsschule high college "
    "instituut institute village town city province governorate region checkpoint bridge "
    "station borough county municipality canton oblast prefecture tal tel deir kafr kfar "
    "jisr maarat bir beit khirbet"
)
ORGANISATION_HEADS = _word_set(
    "court tribunal rechtbank pengadilan gjykata jamaat jamaah brigade battalion katiba "
    "ministry police army council committee party company foundation"
)
_ORGANISATION_ENDINGS = ("gericht", "hof")
_PLACE_ENDINGS = ("stan", "town", "ville", "burg", "abad")
#: Words that place what follows: "in Molenbeek", "near Patikul".
PLACING = _word_set("in near outside inside via into towards toward through around")
#: Words that often place what follows, but also come before people ("a letter from Omar").
PLACING_WEAKLY = _word_set("from to at reached crossed")
_NAME_TYPES = frozenset({PERSON, PLACE, ORGANISATION})
#: Evidence worth recording even when the type stays: it settles the type for linking.
_SETTLING = frozenset(
    [Evidence.COUNTRY, Evidence.PLACE_HEAD, Evidence.ORGANISATION_HEAD, Evidence.ADDRESS_FORM]
)
_NASAB = NASAB_HEADS | {"binti"}


def retyped(text: str, candidates: Iterable[Candidate], gazetteer: Gazetteer) -> list[Candidate]:
    """``candidates`` with the type their strongest evidence gives."""
    return [_retype(text, candidate, gazetteer) for candidate in candidates]


Typed = tuple[str, str]
"""A type and the evidence for it."""


def _retype(text: str, candidate: Candidate, gazetteer: Gazetteer) -> Candidate:
    surface = text[candidate.start : candidate.end]
    found = _by_form(surface, candidate)
    if found is None and candidate.entity_type in _NAME_TYPES:
        found = _by_words(text, surface, candidate, gazetteer)
    if found is None or found == (candidate.entity_type, candidate.explanation):
        return candidate
    if found[0] == candidate.entity_type and found[1] not in _SETTLING:
        return candidate
    return replace(candidate, entity_type=found[0], explanation=found[1])


def _by_form(surface: str, candidate: Candidate) -> Typed | None:
    """Types an address's or a date's form settles."""
    if _EMAIL.fullmatch(surface.strip()):
        return EMAIL, Evidence.ADDRESS_FORM
    if _URL.fullmatch(surface.strip()):
        return URL, Evidence.ADDRESS_FORM
    if candidate.entity_type == CASE_NUMBER and (match := _DAY_MONTH.fullmatch(surface)):
        day, month = int(match.group(1)), int(match.group(2))
        return (DATE, "day and month") if 1 <= day <= 31 and 1 <= month <= 12 else None
    if candidate.entity_type == ID_NUMBER and _YEAR_PHRASE.fullmatch(surface):
        return DATE, "part of a year"
    if candidate.entity_type in (PERSON, ORGANISATION) and not any(ch.isalpha() for ch in surface):
        # The model's name with no letter in it ("00:12:35"): a time or a number.
        if _CLOCK.fullmatch(surface.strip()):
            return DATE, "time by its form"
        return ID_NUMBER, "number by its form"
    return None


def _by_words(text: str, surface: str, candidate: Candidate, gazetteer: Gazetteer) -> Typed | None:
    """The type of a name from its own words and the word before it."""
    if candidate.recogniser == KNOWN_RECOGNISER:
        return None
    folded = fold(surface)
    words = folded.split()
    if not words:
        return None
    bare = " ".join(words[1:]) if words[0] in ("al", "el") and len(words) > 1 else folded
    if folded in gazetteer.countries or bare in gazetteer.countries:
        return PLACE, Evidence.COUNTRY
    if candidate.explanation in PERSON_EVIDENCE - {Evidence.ARABIC_NAMING}:
        return None
    head = _head(words, surface)
    if head is not None or candidate.explanation in PERSON_EVIDENCE:
        return head
    if candidate.explanation not in WEAK_EVIDENCE:
        return None
    given = name_lexicon().is_given
    opens = candidate.entity_type != PERSON and len(words) >= 2 and given(words[0])
    if opens and (folded not in gazetteer.names or any(w in _NASAB for w in words)):
        return PERSON, Evidence.GIVEN_NAME_FIRST
    before = _word_before(text, candidate.start)
    if candidate.entity_type == PERSON and _possessive_after(text, candidate.end):
        return None
    if before in PLACING and not (len(words) == 1 and given(words[0])):
        return PLACE, Evidence.PLACE_CONTEXT
    if before in PLACING_WEAKLY and len(surface.split()) == 1 and not given(words[0]):
        return (PLACE, Evidence.PLACE_CONTEXT) if candidate.entity_type == PERSON else None
    return None


def _head(words: list[str], surface: str) -> Typed | None:
    if words[0] in ORGANISATION_HEADS or words[-1] in ORGANISATION_HEADS:
        return ORGANISATION, Evidence.ORGANISATION_HEAD
    if words[0].endswith(_ORGANISATION_ENDINGS) and len(words[0]) > 8:
        return ORGANISATION, Evidence.ORGANISATION_HEAD
    if len(words) > 1 and (words[0] in PLACE_HEADS or words[-1] in PLACE_HEADS):
        return PLACE, Evidence.PLACE_HEAD
    if STREETS.fullmatch(surface) or (len(words) == 1 and words[0].endswith(_PLACE_ENDINGS)):
        return PLACE, Evidence.PLACE_HEAD
    return None


def _word_before(text: str, start: int) -> str:
    """The word just before ``start`` on the same line, lower case, skipping "the"."""
    line = text[max(0, start - 40) : start].rsplit("\n", 1)[-1]
    found = regex.findall(r"[\p{L}']+", line)
    if found and found[-1].lower() == "the":
        found = found[:-1]
    return found[-1].lower() if found else ""


def _possessive_after(text: str, end: int) -> bool:
    return text[end : end + 2] in ("'s", "’s")
