"""Health conditions, injuries and disabilities: special-category data about a person.

A war injury, an amputation or a diagnosis, with a place and a date, can single
out one person among the few who share it, so conditions are proposed for
masking like occupations are.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from anonymise.candidates import OTHER, Candidate
from anonymise.lexicon import data_lines

RECOGNISER = "health"
#: Adjectives that belong to the condition after them: "paranoid schizophrenia".
_QUALIFIER = (
    r"(?:paranoid|chronic|acute|severe|mild|degenerative|calcifying|pulmonary|"
    r"progressive|partial|permanent|total|lumbar|cervical|spinal|traumatic|"
    r"cervico[-‑]brachial|post[-‑]traumatic)"
)


@lru_cache(maxsize=1)
def _pattern() -> regex.Pattern[str]:
    names = data_lines("conditions.txt")
    alternatives = "|".join(
        regex.escape(name).replace(r"\-", "[-‑ ]").replace(r"\ ", r"\s+")
        for name in sorted(names, key=len, reverse=True)
    )
    return regex.compile(
        rf"\b(?:{_QUALIFIER}\s+)?(?:{alternatives})\b", regex.IGNORECASE | regex.VERSION1
    )


#: A limb or an eye lost: "lost his left leg", "lost an eye", "lost two fingers".
LOST_LIMBS = regex.compile(
    r"(?i:\blost\s+(?:his|her|my|their|your|one|an?|both|two|three|the)\s+"
    r"(?:(?:left|right|lower|upper)\s+)?(?:legs?|arms?|hands?|feet|foot|eyes?|fingers?|"
    r"thumbs?|toes?|ears?|sight|hearing)\b)"
)


def find_conditions(text: str) -> list[Candidate]:
    """Health conditions, with the qualifier in front of them, and limbs lost."""
    return [
        Candidate(match.start(), match.end(), OTHER, 0.55, RECOGNISER, "health condition")
        for pattern in (_pattern(), LOST_LIMBS)
        for match in pattern.finditer(text)
    ]
