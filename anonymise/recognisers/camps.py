"""Sections of a displacement camp: "Phase 4", "section 3", "the Annex", "secteur 2".

Where in a camp someone lives narrows them down to a few hundred people: al-Hol's
phases and its annex for foreign women, Roj's sections. Such words name a place
only in a text about a camp, so they are looked for only when the text speaks of
one (a camp, a tent, a caravan, al-Hol, Roj); "section 3" of an act stays readable.
"""

from __future__ import annotations

import regex

from anonymise.candidates import PLACE, Candidate

RECOGNISER = "camps"
#: A text about a camp: the word, its dwellings, or the camps of north-east Syria.
CAMP_CUES = regex.compile(
    r"(?i:\b(?:camps?|camp's|tents?|caravans?|al[-\s]?hol|hol|roj|ain\s+issa|mukhayyam|"
    r"campement)\b|مخيم)"
)
#: A numbered part of a camp: "Phase 4", "section 3", "block C", "secteur 2".
SECTIONS = regex.compile(
    r"(?i:\b(?:phase|section|sector|secteur|block|bloc|zone|quartier)\s+"
    r"(?:\d{1,2}|[a-z]\d{0,2}|[ivx]{1,4})\b(?![.,]\d))"
)
#: The annex of a camp, where foreign women were held.
ANNEX = regex.compile(r"(?i:\b(?:the\s+|l['’])?(?P<name>annex(?:e)?)\b)")


def find_camp_sections(text: str) -> list[Candidate]:
    """Sections and annexes of a camp, in a text that speaks of a camp."""
    if not CAMP_CUES.search(text):
        return []
    found = [
        Candidate(m.start(), m.end(), PLACE, 0.6, RECOGNISER, "section of a camp")
        for m in SECTIONS.finditer(text)
    ]
    found += [
        Candidate(m.start("name"), m.end("name"), PLACE, 0.6, RECOGNISER, "annex of a camp")
        for m in ANNEX.finditer(text)
    ]
    return found
