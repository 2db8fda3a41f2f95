"""Span edges a careful reader draws: a name ends where its line's item ends.

A detector may run a span on across a line break into the next line's label
("Aizhan Toktosunova\\nName (Cyrillic): …", "Aarhus\\nPhone: …"), across a blank
line, or into the next item of a list ("utrecht\\n- route: …"); and it may open a
span with a pronoun and its verb ("I'm Laura", "You'll"). Such a span is cut:
the part before the break keeps the candidate, and what the next line holds
after its label stays a candidate of its own (fail closed: the words are still
masked); a label of common words ("Name", "Phone"), and a contraction, are no part of
any name; a label that may be a name ("Salma:" opening a transcript's line) stays a
candidate of its own. A person's name
that runs on over a lower-case "at", "in", "and"... ("haddad at jarabulus") is cut
there, each side a candidate of its own; so is a span that opens a bracket and does not
close it ("TRL 476,970,000 (approximately 292 euros"). A span
that is nothing but a contraction is no candidate at all.

A line break inside a name wrapped in notes ("dilnoza\\nkarimova", "Abu Khalil\\n
al-Filibini") is left alone: the next line opens with no label.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace

import regex

from anonymise.candidates import PERSON, Candidate
from anonymise.known import RECOGNISER as KNOWN_RECOGNISER
from anonymise.lexicon import fold

#: What opens a new item on the line after a break: a blank line, a list marker, or a
#: label of up to four words (an aside in brackets allowed) and a colon or "=".
_LABEL = (
    r"(?P<words>[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*){0,3})"
    r"(?:[ \t]*\([^()\n]{0,40}\))?[ \t]*[:=]"
)
_NEW_ITEM = regex.compile(
    r"\n[ \t]*(?P<blank>(?:\n[ \t]*)+)?(?P<marker>[-*•–—][ \t]+|\d{1,2}[.)][ \t]*)?"
    r"(?P<label>" + _LABEL + ")?"
)
#: A pronoun and a contracted verb: "I'm", "you'll", "she's", "they'd".
CONTRACTION = regex.compile(
    r"(?i:i|you|he|she|we|they|it|that|there|who)['’](?i:m|ll|re|ve|d|s)(?![\w'’])"
)
#: Lower-case words that end one person's name and start another's or a place's: "haddad
#: at jarabulus", "Karim and Salma".
_BETWEEN_PEOPLE = regex.compile(r"\s(?:at|in|from|to|with|near|and)\s")
_EDGES = " \t\r\n.,;:!?\"'“”‘’()[]{}«»—–-"


def tidy(
    text: str,
    candidates: Iterable[Candidate],
    common: Collection[str] | None = None,
    brackets: bool = True,
) -> list[Candidate]:
    """``candidates`` with their edges drawn as the module docstring says.

    A label is left out only when each of its words is in ``common`` (folded common
    words: "Name", "Phone"); a label that may be a name ("Salma:" in a transcript) stays
    a candidate of its own. Without ``common`` every label stays a candidate. With
    ``brackets`` false, spans are not cut at a bracket (the pieces of a bracketed phrase
    are not names to look for elsewhere).
    """
    result: list[Candidate] = []
    for candidate in candidates:
        pieces = _pieces(text, candidate, common or frozenset(), brackets)
        if candidate.recogniser == KNOWN_RECOGNISER or pieces == [(candidate.start, candidate.end)]:
            pieces = [(candidate.start, candidate.end)]
            if candidate.recogniser == KNOWN_RECOGNISER or not _contracted(text, candidate):
                result.append(candidate)
                continue
        for start, end in pieces:
            start, end = _trimmed(text, *_without_contraction(text, *_trimmed(text, start, end)))
            if start < end and any(ch.isalnum() for ch in text[start:end]):
                result.append(replace(candidate, start=start, end=end))
    return result


def _contracted(text: str, candidate: Candidate) -> bool:
    return (
        "'" in text[candidate.start : candidate.end] or "’" in text[candidate.start : candidate.end]
    )


def _pieces(
    text: str, candidate: Candidate, common: Collection[str], brackets: bool
) -> list[tuple[int, int]]:
    """The span cut before each new item it runs into (each label left out), and a
    person's name at a lower-case word that no name holds."""
    pieces = [
        part
        for start, end in _items(text, candidate.start, candidate.end, common)
        for part in (_bracketed(text, start, end) if brackets else [(start, end)])
    ]
    if candidate.entity_type != PERSON:
        return pieces
    pieces = [part for start, end in pieces for part in _place_before_kunya(text, start, end)]
    words: list[tuple[int, int]] = []
    for start, end in pieces:
        for between in _BETWEEN_PEOPLE.finditer(text, start, end):
            words.append((start, between.start()))
            start = between.end()
        words.append((start, end))
    return words


#: A place after a word that places it, then a kunya: "in Raqqa Abu Hamza".
_PLACED_KUNYA = regex.compile(r"(?P<place>[\p{L}'’-]+)\s+(?=(?i:abu|abou|abo|umm|oum|um)\s+\p{L})")
_PLACING = regex.compile(r"(?i:\b(?:in|from|to|near|at|of|à|de)\s+)$")


def _place_before_kunya(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A person's span that opens with a town after "in" and goes on with a kunya is two:
    the town, and the person ("in Raqqa Abu Hamza")."""
    opening = _PLACED_KUNYA.match(text, start, end)
    if opening is None or not _PLACING.search(text, max(0, start - 8), start):
        return [(start, end)]
    from anonymise.places import gazetteer

    if fold(opening.group("place")) not in gazetteer().major:
        return [(start, end)]
    return [(start, opening.end("place")), (opening.end(), end)]


def _bracketed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span cut at a bracket it opens and does not close, or closes and did not open:
    "TRL 476,970,000 (approximately 292 euros" is two sums."""
    depth = 0
    for position in range(start, end):
        char = text[position]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return [(start, position), (position + 1, end)]
    if depth <= 0:
        return [(start, end)]
    opening = text.rfind("(", start, end)
    return [(start, opening), (opening + 1, end)]


def _items(text: str, start: int, end: int, common: Collection[str]) -> list[tuple[int, int]]:
    if "\n" not in text[start:end]:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    position = start
    for line_break in regex.finditer(r"\n", text, pos=start, endpos=end):
        if line_break.start() < position:
            continue
        item = _NEW_ITEM.match(text, line_break.start())
        if item is None or not any(item.group("blank", "marker", "label")):
            continue
        pieces.append((position, line_break.start()))
        words = item.span("words") if item.group("words") else None
        if words is not None and words[0] < end and not _common(text[words[0] : words[1]], common):
            pieces.append((words[0], min(end, words[1])))
        position = min(end, item.end())
    pieces.append((position, end))
    return [(a, b) for a, b in pieces if a < b]


def _common(label: str, common: Collection[str]) -> bool:
    return all(fold(word) in common for word in label.split())


def _without_contraction(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without a pronoun and its verb at either edge."""
    while True:
        lead = CONTRACTION.match(text, start, end)
        if lead is None:
            break
        start = lead.end()
        while start < end and text[start].isspace():
            start += 1
    for trail in CONTRACTION.finditer(text, start, end):
        if trail.end() == end and (trail.start() == start or text[trail.start() - 1].isspace()):
            end = trail.start()
            break
    return start, end


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGES:
        start += 1
    while end > start and text[end - 1] in _EDGES:
        end -= 1
    return start, end
