"""Details that single someone out in French without naming them, proposed for review.

"la seule soignante francophone de la maternité", "une tache de naissance sur
la joue droite", "trois doigts de la main gauche", "remariée deux fois",
"mariée de force", "la lapidation d'une voisine", "un casier judiciaire pour
trafic". They are proposed (below the masking threshold), never masked by
default: whether such a detail identifies someone depends on the story, which
the reviewer knows.
"""

from __future__ import annotations

import regex

from anonymise.candidates import OTHER, Candidate

RECOGNISER = "french-details"
#: Below the masking threshold: shown for review, not masked by default.
SCORE = 0.45
_REST = r"[^.,;:!?()«»\"\n]"
DETAILS = regex.compile(
    r"(?i:"
    # Being the only one: "la seule soignante francophone de la maternité".
    rf"\b(?:le|la|les|l['’])\s*(?:seule?s?|unique)\s+{_REST}{{3,60}}"
    # Marks on the body: "une tache de naissance sur la joue droite", "un tatouage de l'OL".
    rf"|\b(?:un|une|des|sa|son|ses|deux|trois)?\s*(?:tatouages?|cicatrices?|tache\s+de\s+naissance|"
    rf"taches?\s+de\s+vin|brûlures?|balafres?|prothèses?|moignons?|boiterie|grain\s+de\s+beauté)"
    rf"\b{_REST}{{0,50}}"
    # A missing or damaged limb: "trois doigts de la main gauche", "l'œil droit".
    rf"|\b(?:\w+\s+){{0,2}}(?:doigts?|orteils?|jambe|bras|main|pied|œil|oeil|oreille)\s+"
    rf"(?:de\s+la\s+main\s+|du\s+pied\s+)?(?:gauche|droite|droit)\b"
    # Marriages that few have: "remariée deux fois en un an", "mariée de force à un émir".
    rf"|\b(?:re)?mariée?s?\s+(?:de\s+force|\w+\s+fois|à\s+(?:un|une|son|sa)\s+\w+){_REST}{{0,40}}"
    # Events that few saw or did: "la lapidation d'une voisine", "l'exécution publique de ...".
    rf"|\b(?:la|l['’]|une|une\s+scène\s+de)\s*(?:lapidation|exécution|execution|décapitation|"
    rf"crucifixion|flagellation|amputation)\b{_REST}{{0,60}}"
    # A record: "un casier judiciaire pour trafic de cannabis".
    rf"|\b(?:un\s+)?casier\s+judiciaire{_REST}{{0,50}}"
    r")"
)


def find_french_details(text: str) -> list[Candidate]:
    """Rare details, proposed for review."""
    found = []
    for match in DETAILS.finditer(text):
        start, end = match.start(), match.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        found.append(Candidate(start, end, OTHER, SCORE, RECOGNISER, "rare detail"))
    return found
