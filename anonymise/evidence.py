"""How much a candidate's evidence says about its type, from a guess to a known identifier.

The retyping rules and the linking rules read the same scale: a guess (the model,
the gazetteer, a capital letter) gives way; a title, a kunya, a country or a street's
head word settles a type; the interview's own identifiers settle it for good.
"""

from __future__ import annotations

from anonymise.candidates import Candidate, Evidence
from anonymise.known import RECOGNISER as KNOWN_RECOGNISER

#: Evidence that a span is a person, which no word around it overrules.
PERSON_EVIDENCE = frozenset(
    [
        Evidence.TITLE,
        Evidence.RELATIVE_AFTER,
        Evidence.RELATION_BEFORE,
        Evidence.ARABIC_NAMING,
        Evidence.NICKNAME,
        Evidence.NAMED,
    ]
)
#: Evidence that says no more than that something is a name.
WEAK_EVIDENCE = frozenset(
    [
        Evidence.UNKNOWN_WORD,
        Evidence.GAZETTEER,
        Evidence.ANOTHER_MENTION,
        Evidence.PART_OF_NAME,
        Evidence.NAME_LEXICON,
        "named entity found by the language model",
        "place the model tagged as an organisation",
    ]
)
#: Evidence that settles a name's type (a title, a kunya, a country, a street).
STRONG = PERSON_EVIDENCE | frozenset(
    [
        Evidence.PLACE_PREFIX,
        Evidence.COUNTRY,
        Evidence.PLACE_HEAD,
        Evidence.ORGANISATION_HEAD,
        "street or square",
        "named institution",
    ]
)
#: Evidence that says something of a name's type, short of settling it.
FAIR = frozenset(
    [Evidence.PLACE_CONTEXT, Evidence.GIVEN_NAME_FIRST, Evidence.NAME_LEXICON, Evidence.KNOWN]
)


def strength(candidate: Candidate) -> int:
    """How firmly a mention's evidence settles its type: 0 (a guess) to 3 (known)."""
    if candidate.recogniser == KNOWN_RECOGNISER:
        return 3
    if candidate.explanation in STRONG:
        return 2
    return 1 if candidate.explanation in FAIR else 0
