"""Details that single a person out without naming them, proposed for the reviewer.

"The only Belgian nurse in the hospital", "a tattoo of an anchor on his neck",
"married four times", "I filmed the hanging at the roundabout": none is a named
entity, yet each may point to one person among the few who were there. They are
proposed below the masking threshold, so the reviewer decides.

Each rule finds the core of a phrase (a word of uniqueness, a mark on the body, a
family fact, an event someone took part in, a role in a named place) and the
phrase is then carried on word by word: through prepositional phrases ("on the
left side of his face"), or to the end of a short clause ("the one who drove the
ambulance that day"), stopping at punctuation, a conjunction or a new clause.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from anonymise.candidates import OTHER, Candidate
from anonymise.recognisers.uniqueness_rules import (
    NOT_A_PERSON,
    PHRASE_STOPS,
    PREPOSITIONS,
    ROLE_ENDINGS,
    ROLE_NOUNS,
    RULES,
    STOPS,
    VERBS_AFTER_CLAUSE,
    WORD,
)

RECOGNISER = "uniqueness"
#: Below the masking threshold: proposed, and the reviewer decides.
SCORE = 0.45

#: Which rules each trigger word wakes.
_RULES_OF: dict[str, tuple[int, ...]] = {
    word: tuple(number for number, rule in enumerate(RULES) if word in rule.triggers)
    for word in frozenset().union(*(rule.triggers for rule in RULES))
}
#: How far before and after a trigger word a rule's phrase may begin or end.
_BEFORE, _AFTER = 100, 200
#: Words, for finding the triggers (the standard library's engine is the quicker here).
_LETTERS = re.compile(r"[^\W\d_]+")
_NEXT = regex.compile(rf"[ \t]+({WORD})")
_FIRST_HEAD = regex.compile(rf"\s+({WORD})")


#: How many words a phrase is carried on by at most.
_CARRY_WORDS = 12


#: Words of a rule's trigger in their legal or abstract sense: "the execution of the
#: judgment", "maintained that", "ran contrary to".
_NOT_AN_EVENT = regex.compile(
    r"(?i)\bexecutions?\s+of\s+(?:the\s+|a\s+|an\s+|this\s+|that\s+|its\s+)?(?:final\s+)?"
    r"(?:judgments?|decisions?|orders?|sentences?|contracts?|warrants?|awards?|obligations?|"
    r"duties|functions|tasks?|plans?|measures?)"
    r"|^(?:maintained|maintaining|ran|running|giving|doing)\s+(?:that|contrary|counter|due|"
    r"it|this|these|those|them|evidence|notice|effect|rise|way|reasons?)\b"
)


def find_unique_details(text: str) -> list[Candidate]:
    """Phrases that may single someone out, proposed below the masking threshold."""
    spans = sorted(
        (start, end) for start, end in _spans(text) if not _NOT_AN_EVENT.search(text[start:end])
    )
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return [
        Candidate(start, end, OTHER, SCORE, RECOGNISER, "detail that may single someone out")
        for start, end in merged
    ]


def _spans(text: str) -> Iterator[tuple[int, int]]:
    """Each rule tried only in windows around its trigger words, in one pass for triggers."""
    lowered = text.replace("\u0130", "I").lower()  # the same length: İ is the one exception
    windows: dict[int, list[tuple[int, int]]] = {}
    for word in _LETTERS.finditer(lowered):
        rules = _RULES_OF.get(word.group())
        if rules is None:
            continue
        start = max(0, word.start() - _BEFORE)
        end = min(len(text), word.end() + _AFTER)
        for number in rules:
            found = windows.setdefault(number, [])
            if found and start <= found[-1][1]:
                found[-1] = (found[-1][0], end)
            else:
                found.append((start, end))
    for number, spans in windows.items():
        rule = RULES[number]
        subject = text if rule.cased else lowered
        for window_start, window_end in spans:
            for match in rule.pattern.finditer(subject, window_start, window_end):
                if match.groupdict().get("head") is not None and _not_about_a_person(
                    lowered, match
                ):
                    continue
                role = match.groupdict().get("role")
                if role is not None and not _names_a_role(role.lower()):
                    continue
                start, end = match.span("core")
                yield start, _carried(text, end, rule.carry)


def _names_a_role(noun: str) -> bool:
    """ "Driver", "sound editor", "anaesthetist": not "assessment" or "result"."""
    return noun in ROLE_NOUNS or (noun.endswith(ROLE_ENDINGS) and not noun.endswith("ment"))


def _not_about_a_person(text: str, match: regex.Match[str]) -> bool:
    """ "The only thing", "the first time", "the last few days": not a person's trait."""
    head = match.group("head")
    if head in NOT_A_PERSON or head[:1].isdigit():
        return True
    following = _FIRST_HEAD.match(text, match.end())
    return following is not None and following.group(1).lower() in NOT_A_PERSON - {"of"}


def _carried(text: str, end: int, carry: str) -> int:
    """Where the phrase ending at ``end`` ends once carried on."""
    if not carry:
        return end
    position = end
    words = 0
    in_phrase = carry == "clause"
    between = False
    while words < _CARRY_WORDS:
        step = _NEXT.match(text, position)
        if step is None:
            break
        word = step.group(1).lower()
        if word == "and" and between:
            between = False
        elif word in STOPS and text[position - 1 : position] not in ("-", "‐", "‑"):
            break
        if carry == "clause" and words >= 2 and word in VERBS_AFTER_CLAUSE:
            break
        if carry == "pp" and word in PHRASE_STOPS:
            break
        if carry == "pp" and word in PREPOSITIONS:
            in_phrase = True
            between = word == "between"
        elif carry == "pp" and not in_phrase:
            break
        position = step.end()
        words += 1
    return _trimmed(text, end, position)


def _trimmed(text: str, start: int, end: int) -> int:
    """Leave a dangling preposition or article off the end of a carried phrase."""
    while end > start:
        tail = regex.search(rf"[ \t]+({WORD})$", text[start:end])
        if tail is None or tail.group(1).lower() not in PREPOSITIONS | {"the", "a", "an"}:
            break
        end = start + tail.start()
    return end
