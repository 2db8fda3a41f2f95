"""Which guesses a careful reader takes for a person's name, whatever the model's type.

A nationality or occupation only the model guessed, set in quotes after a name, is a
nickname ('Redouan, "the Dutchman", from Arnhem'). A capitalised word only the model
took for a nationality or a month may be a person's name ("His brother Christian …
Christian now works"), unless a number or a word of dates stands next to it ("in April",
"3 June"). A short form of a given name is its first letters and an ending ("Dzhaba" of
Dzhabrail).
"""

from __future__ import annotations

import regex

from anonymise.candidates import DATE, NATIONALITY, OCCUPATION, Candidate
from anonymise.evidence import strength
from anonymise.lexicon import fold

#: A quoted word, "the" allowed after the opening quote: what marks a nickname.
_OPENING_QUOTE = regex.compile(r"""["“‘']\s*(?:(?i:the)\s+)?$""")
_CLOSING_QUOTE = regex.compile(r"""["”’']""")
#: Words before a month that make it a month: "in April", "since May".
_NUMBER_BEFORE = regex.compile(r"\d[\s,.]*$")
_NUMBER_AFTER = regex.compile(r"[\s,.]*\d")
_MONTH_WORDS = regex.compile(
    r"(?i:\b(?:in|on|since|until|till|by|from|of|to|early|late|mid|last|next|this|every)\s+)$"
)


def nickname(text: str, candidate: Candidate) -> bool:
    """A nationality or occupation only the model guessed, in quotes, is a nickname:
    'Redouan, "the Dutchman", from Arnhem'."""
    if candidate.entity_type not in (NATIONALITY, OCCUPATION) or strength(candidate) > 0:
        return False
    opening = _OPENING_QUOTE.search(text, max(0, candidate.start - 8), candidate.start)
    return opening is not None and bool(_CLOSING_QUOTE.match(text, candidate.end))


def adoptable(text: str, candidate: Candidate) -> str:
    """The folded word of a one-word capitalised guess, or "" (a month after "in" is a month,
    and a word next to a number is a date)."""
    surface = text[candidate.start : candidate.end]
    if strength(candidate) > 0 or not surface.isalpha() or not surface[:1].isupper():
        return ""
    if candidate.entity_type == DATE:
        if _NUMBER_BEFORE.search(text, max(0, candidate.start - 6), candidate.start):
            return ""
        if _NUMBER_AFTER.match(text, candidate.end) or _MONTH_WORDS.search(
            text, max(0, candidate.start - 12), candidate.start
        ):
            return ""
    return fold(surface)


#: Endings of a short form of a given name: "Danny", "Dzhaba", "Zela", "Sasha".
DIMINUTIVE_END = regex.compile(r"(?:ie|y|i|a|o|e|ka|ik|ush|cho|ko)$")


def shortened(stem: str, given: str) -> bool:
    """The stem is the given name's opening letters (a doubled letter read once), shorter
    than the given name by at least two letters."""
    given = regex.sub(r"(.)\1", r"\1", given)
    stem = regex.sub(r"(.)\1", r"\1", stem)
    return len(given) - len(stem) >= 2 and given.startswith(stem)
