"""Who someone was before: a trade named in a frame, a field of study, a convert's status.

The occupation list (:mod:`anonymise.recognisers.roles`) cannot hold every
trade. The sentence often says that a noun is one: "I worked as a scaffolder",
"by trade a mason", "I was a care worker", "a convert at 17", "studied
mechatronics". Together with a town and a year these single a person out, so
they are masked like occupations.
"""

from __future__ import annotations

import regex

from anonymise.candidates import OCCUPATION, OTHER, Candidate

RECOGNISER = "background"
#: Endings and head nouns of words for a trade or a job.
_TRADE_HEAD = (
    r"(?:[\p{L}-]*(?:er|or|ist|ian|man|woman|men|eer|ant|ent|smith|wright|maker|worker|hand|"
    r"keeper|teacher|driver|cook|chef|nurse|doctor|guard|vendor|seller|trader|labou?rer|clerk|"
    r"assistant|attendant|apprentice|student|helper|instructor|trainer|cutter|technician|"
    r"mechanic|porter|tailor|mason|butcher|barber|imam|soldier|officer|agent|sorter|"
    r"nanny|maid|courier|medic|pharmacist|secretary|journalist|translator|interpreter)s?)"
)
#: A frame that says the noun phrase after it is a trade: "worked as a", "by trade a".
_FRAME = (
    r"(?:work(?:ed|s|ing)?\s+as|employed\s+as|job\s+as|jobs\s+as|trained\s+as|training\s+as|"
    r"qualified\s+as|career\s+as|by\s+trade|by\s+profession|profession(?:\s+is|\s+was)?|"
    r"occupation(?:\s+is|\s+was)?|trade(?:\s+is|\s+was)?)\b"
)
#: Up to three modifiers and the head: "pizza delivery driver", "Royal Mail sorter".
_PHRASE = rf"(?P<job>(?:[\p{{L}}-]+\s+){{0,3}}?{_TRADE_HEAD})\b"
TRADES = regex.compile(rf"(?i:\b{_FRAME}\s*[:,]?\s*(?:an?\s+|the\s+)?){_PHRASE}")
#: "I was a care worker", "Mason was a boxer", "former Royal Mail sorter".
WAS_A = regex.compile(
    rf"(?i:\b(?:was|is|am|were|i'm|became|become|becoming)\s+an?\s+)"
    rf"(?:(?:trained|qualified|former|self-employed|part-time|full-time)\s+)?{_PHRASE}"
    r"(?=\s*(?:[.,;:)—–\n]|$|\s(?:in|at|from|for|with|on|and|until|before|when|who|by|near|"
    r"of)\b))"
)
#: A trade set beside a name, or after "former": "Danny Fox, a roofer from our estate",
#: "(Abu Layth), a personal trainer from", "LITTLE, 34, gym instructor;", "former Royal
#: Mail sorter".
_LOWER_PHRASE = r"(?P<job>(?:\p{Ll}[\p{L}-]*\s+){0,3}?(?-i:(?=\p{Ll}))" + _TRADE_HEAD + r")\b"
BESIDE_A_NAME = regex.compile(
    r"(?:(?<=\p{Lu}[\p{L}'’-]*|\))\s*,\s+(?:an?\s+|[1-9]\d?,\s+)(?:former\s+)?"
    + _LOWER_PHRASE
    + r"|(?i:\b(?:former|ex-|retired|trainee|unemployed)\s*)"
    + _PHRASE
    + ")"
    r"(?=\s*(?:[.,;:)—–\n]|$|\s(?:in|at|from|for|with|on|and|until|before|when|who|by|near|"
    r"of)\b))"
)
#: Fields of study: "studied mechatronics", "a student in petroleum engineering".
STUDIES = regex.compile(
    r"(?i:\b(?:studied|studying|studies|study|student\s+(?:in|of)|degree\s+in|diploma\s+in|"
    r"graduated\s+in|graduate\s+in|major(?:ed)?\s+in|course\s+in|training\s+in)\s+)"
    r"(?P<field>(?!(?:at|in|for|with|the|a|an|to|from|abroad|there|here|hard)\b)"
    r"(?:[\p{L}-]+\s+){0,2}?[\p{L}-]+)"
    r"(?=\s*(?:[.,;:)—–\n]|$|\s(?:in|at|from|for|with|on|and|until|before|when|but)\b))"
)
#: A convert's status, as a noun: "a convert", "convert at 16", "Balik-Islam convert".
CONVERTS = regex.compile(
    r"(?i:(?:\b[\p{L}]+-Islam\s+)?\b(?:re)?converts?\b)"
    r"(?=\s*(?:[.,;:)\n]|$|\s(?:at|since|from|to\s+islam|in|of|and|who|raised|married|with)\b))"
    r"|(?<=\b(?:an?|the|former|young|recent|new)\s+)(?i:(?:re)?converts?\b)"
)
#: Words that end like a trade but name no job.
_NOT_TRADES = frozenset(
    [
        "other",
        "another",
        "mother",
        "father",
        "brother",
        "sister",
        "daughter",
        "member",
        "number",
        "part",
        "order",
        "winter",
        "summer",
        "later",
        "after",
        "over",
        "under",
        "never",
        "ever",
        "either",
        "neither",
        "water",
        "paper",
        "letter",
        "matter",
        "manner",
        "power",
        "corner",
        "border",
        "center",
        "centre",
        "danger",
        "murder",
        "prayer",
        "answer",
        "woman",
        "women",
        "person",
        "human",
    ]
)


def _job(text: str, start: int, end: int) -> bool:
    head = text[start:end].split()[-1].lower().rstrip("s")
    return head not in _NOT_TRADES and len(head) > 3


def find_background(text: str) -> list[Candidate]:
    """Trades named by their frame, fields of study, and convert status."""
    found = []
    for pattern in (TRADES, WAS_A, BESIDE_A_NAME):
        for match in pattern.finditer(text):
            start, end = match.span("job")
            if _job(text, start, end):
                found.append(Candidate(start, end, OCCUPATION, 0.55, RECOGNISER, "occupation"))
    for match in STUDIES.finditer(text):
        start, end = match.span("field")
        found.append(Candidate(start, end, OCCUPATION, 0.55, RECOGNISER, "field of study"))
    for match in CONVERTS.finditer(text):
        found.append(
            Candidate(match.start(), match.end(), OTHER, 0.55, RECOGNISER, "convert to Islam")
        )
    return found
