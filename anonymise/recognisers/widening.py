"""Words beside a name that belong to it: "the village of", "district", "national", "(gloss)".

A place or an organisation found by the naming rules takes in the words around
it that make it more precise: an area word before or after it, a compass
direction, an institution word after a place, the sub-unit before an
institution, a gloss in brackets after one; a nationality takes "nationals" or
"origin".
"""

from __future__ import annotations

import regex

from anonymise.candidates import NATIONALITY, ORGANISATION, PERSON, PLACE, Candidate, Evidence
from anonymise.recognisers.name_words import AREAS, INSTITUTIONS

RECOGNISER = "naming"
UNKNOWN_WORD = Evidence.UNKNOWN_WORD

_AREA_BEFORE = regex.compile(r"\b(?:" + "|".join(sorted(AREAS)) + r")\s+of\s+$", regex.IGNORECASE)
_AREA_AFTER = regex.compile(r"^\s(?:" + "|".join(sorted(AREAS)) + r")\b", regex.IGNORECASE)
#: A compass direction before a place narrows it down: "northern Syria", "rural Idlib".
_DIRECTION_BEFORE = regex.compile(
    r"\b(?:northern|southern|eastern|western|north-eastern|north-western|south-eastern|"
    r"south-western|northeastern|northwestern|southeastern|southwestern|central|rural)\s+$"
)
_CITIZEN_AFTER = regex.compile(r"^\s(?:nationals?|citizens?|origin|descent)\b")
#: Lower-case institution words after a place: "Salzburg municipal cemetery".
_INSTITUTION_AFTER = regex.compile(
    r"^(?:\s[\p{Ll}\p{Lu}][\p{L}-]*){0,2}?\s(?:"
    + "|".join(sorted(INSTITUTIONS))
    + r"|prosecutor|prosecutor’s office|cemetery|prison|hospital)s?\b"
)
#: The part of an institution before it: "the Ninth Chamber of", "3rd Battalion of the".
_SUBUNIT_BEFORE = regex.compile(
    r"(?:\p{Lu}\p{L}*|\d+(?:st|nd|rd|th)?)\s+(?:Chamber|Section|Division|Department|Branch|"
    r"Battalion|Brigade|Company|Unit|Platoon|Regiment|Bureau|Office|Directorate)\s+of\s+"
    r"(?:the\s+)?$"
)
#: A gloss in brackets after an institution: "Supreme Court (Oberster Gerichtshof)".
_GLOSS_AFTER = regex.compile(r"^\s?\((?:\p{Lu}[^()]{0,80}|[^()]{0,20})\)")


def widen(text: str, candidate: Candidate) -> Candidate:
    """Take in "the village of", "district" or "national" beside a place or nationality."""
    start, end = candidate.start, candidate.end
    kind = candidate.entity_type
    why = candidate.explanation
    # "the village of Kocho", "the municipality of Härjedalen": a place, in the
    # gazetteer or not.
    if (
        kind == PERSON
        and why == UNKNOWN_WORD
        and _AREA_BEFORE.search(text, max(0, start - 30), start)
    ):
        kind, why = PLACE, "name after a word for a place"
    if kind == PLACE:
        before = _AREA_BEFORE.search(text, max(0, start - 30), start)
        if before:
            start = before.start()
        direction = _DIRECTION_BEFORE.search(text, max(0, start - 20), start)
        if direction:
            start = direction.start()
        after = _AREA_AFTER.match(text[end : end + 20])
        if after:
            end += after.end()
        institution = _INSTITUTION_AFTER.match(text[end : end + 60])
        if institution:
            end += institution.end()
            kind = ORGANISATION
    if kind == ORGANISATION:
        subunit = _SUBUNIT_BEFORE.search(text, max(0, start - 60), start)
        if subunit:
            start = subunit.start()
        gloss = _GLOSS_AFTER.match(text[end : end + 90])
        if gloss:
            end += gloss.end()
    elif candidate.entity_type == NATIONALITY:
        after = _CITIZEN_AFTER.match(text[end : end + 20])
        if after:
            end += after.end()
    if (start, end, kind) == (candidate.start, candidate.end, candidate.entity_type):
        return candidate
    return Candidate(start, end, kind, candidate.score, RECOGNISER, why)
