"""The steps of a review as plain functions: moving, resizing, marking, previewing.

The interviewer's review and the steward's re-review call these; the screens
only show what they return. Resizing a span keeps its decision (a pending
candidate stays pending): only accept or reject decide. The review moves entity
by entity (:class:`~anonymise.entity_review.EntityReview`), and within an
entity from mention to mention across the record's texts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import regex

from anonymise.candidates import Candidate
from anonymise.entities import Entity, Mention
from anonymise.entity_review import EntityReview
from anonymise.redact import Policy, redact
from anonymise.residual import PSEUDONYM, Leftover, leftovers
from anonymise.review import ACCEPTED, PENDING, REJECTED, REVIEWER, Review, ReviewItem
from anonymise.settlement import Settlement

_WORD = regex.compile(r"\w+")
PREVIEW_BEFORE = 300
"""Characters of redacted text shown before the current candidate."""
PREVIEW_AFTER = 500
"""Characters of redacted text shown after it."""


def step_candidate(review: Review, current: Candidate | None, step: int) -> Candidate | None:
    """The candidate ``step`` places after ``current``, wrapping around the text."""
    candidates = [item.candidate for item in review.items]
    if not candidates:
        return None
    index = candidates.index(current) if current in candidates else -1
    return candidates[(index + step) % len(candidates)]


def next_pending(review: Review, after: Candidate) -> Candidate | None:
    """The first undecided candidate from ``after`` on, else the first undecided one."""
    pending = review.pending
    later = [c for c in pending if c.start >= after.start and c != after]
    chosen = later or pending
    return chosen[0] if chosen else None


def moved_span(text: str, start: int, stop: int, end: str, step: int) -> tuple[int, int]:
    """A span with one ``end`` ("start" or "end") moved by a word: ``step`` 1 widens."""
    if end == "end" and step > 0:
        found = _WORD.search(text, stop)
        return start, found.end() if found else stop
    if end == "end":
        words = list(_WORD.finditer(text, start, stop))
        return start, words[-2].end() if len(words) > 1 else stop
    if step > 0:
        words = list(_WORD.finditer(text, 0, start))
        return words[-1].start() if words else start, stop
    words = list(_WORD.finditer(text, start, stop))
    return words[1].start() if len(words) > 1 else start, stop


def resize(
    review: Review, current: Candidate, end: str, step: int
) -> tuple[Review, Candidate] | None:
    """Move one end of ``current`` by a word, keeping its decision; ``None`` if it cannot."""
    start, stop = moved_span(review.text, current.start, current.end, end, step)
    if (start, stop) == (current.start, current.end):
        return None
    status = review.status(current)
    resized = review.resize(current, start, stop)
    items = list(resized.items)
    for index, item in enumerate(items):
        if (item.candidate.start, item.candidate.end) == (
            start,
            stop,
        ) and item.candidate.recogniser == REVIEWER:
            items[index] = ReviewItem(item.candidate, status)
            return Review(resized.text, tuple(items), resized.decisions), item.candidate
    return None


def mark_words(
    review: Review, words: str, entity_type: str, every_occurrence: bool, origin: int
) -> tuple[Review, Candidate] | None:
    """Mask ``words`` found from ``origin`` on (else from the start); ``None`` if absent."""
    folded = review.text.casefold()
    needle = words.casefold()
    if not needle or len(folded) != len(review.text):
        return None
    position = folded.find(needle, origin)
    if position < 0:
        position = folded.find(needle)
    if position < 0:
        return None
    marked = review.add(position, position + len(words), entity_type, every_occurrence)
    found = next((i.candidate for i in marked.items if i.candidate.start == position), None)
    return (marked, found) if found is not None else None


SHORT_TYPES = {
    "ORGANISATION": "ORG",
    "NATIONALITY": "NATION",
    "ID_NUMBER": "ID",
    "CASE_NUMBER": "CASE",
    "OCCUPATION": "JOB",
}
"""Types longer than six letters, as the list of entities shows them."""
ENTITY_MARKS = {PENDING: "?", ACCEPTED: "M", "rejected": "K"}
"""How the list of entities shows a status without colour: to decide, masked, kept."""


def entity_row(state: EntityReview, entity: Entity) -> str:
    """One line of the list of entities: status, type, fullest mention, mentions if more."""
    kind = SHORT_TYPES.get(entity.entity_type, entity.entity_type)
    count = f" ×{len(entity.mentions)}" if len(entity.mentions) > 1 else ""
    return f"{ENTITY_MARKS[state.status(entity)]} {kind:<6} {state.label(entity)}{count}"


def step_entity(state: EntityReview, entity_id: str | None, step: int) -> Entity | None:
    """The entity ``step`` places after ``entity_id`` in the list, wrapping around."""
    entities = state.entities
    if not entities:
        return None
    index = _place(state, entity_id, -1 if step > 0 else 0)
    return entities.entities[(index + step) % len(entities)]


def next_pending_entity(state: EntityReview, entity_id: str) -> Entity | None:
    """The first entity to decide after ``entity_id`` in the list, else the first one to decide."""
    after = _place(state, entity_id, -1)
    pending = state.pending
    index = state.entities.index
    later = next((e for e in pending if index(e.id) > after), None)
    return later or (pending[0] if pending else None)


def _place(state: EntityReview, entity_id: str | None, absent: int) -> int:
    """Where entity ``entity_id`` is in the list, ``absent`` if it is not there."""
    if entity_id is None:
        return absent
    try:
        return state.entities.index(entity_id)
    except KeyError:
        return absent


def step_mention(entity: Entity, current: Candidate | None, text_id: str, step: int) -> Mention:
    """The mention of ``entity`` ``step`` places after the one at ``current``, wrapping."""
    keys = [m.key for m in entity.mentions]
    here = (text_id, current.start, current.end) if current is not None else None
    index = keys.index(here) if here in keys else (-1 if step > 0 else 0)
    return entity.mentions[(index + step) % len(entity.mentions)]


def mention_in(entity: Entity, text_id: str) -> Mention:
    """The entity's first mention in text ``text_id``, else its first mention."""
    return next((m for m in entity.mentions if m.text_id == text_id), entity.first)


_STATUS_WORDS = {PENDING: "to decide", ACCEPTED: "masked", REJECTED: "kept"}


def entity_line(
    state: EntityReview,
    entity: Entity,
    text_id: str,
    current: Candidate,
    policy: Policy,
    settled: Settlement | None = None,
) -> str:
    """The status line of an entity: type, decision, pseudonym, which mention, why found;
    or, while it stands as the rule ``settled`` it, the rule's reason."""
    status = state.status(entity)
    keys = [m.key for m in entity.mentions]
    here = (text_id, current.start, current.end)
    number = keys.index(here) + 1 if here in keys else 0
    texts = len({m.text_id for m in entity.mentions})
    where = f" in {texts} texts" if texts > 1 else ""
    numbered = state.numbered(policy)
    pseudonym = next((e.pseudonym for e in numbered if e.id == entity.id), "")
    decided = (
        f"masked as {pseudonym}" if status == ACCEPTED and pseudonym else _STATUS_WORDS[status]
    )
    if settled is not None and status == (ACCEPTED if settled.mask else REJECTED):
        # The rule's reason replaces the mention count, so the line fits 80 columns.
        return f"{entity.entity_type}, {decided} · settled: {settled.reason.split(': ')[-1]}"
    return (
        f"{entity.entity_type}, {decided} · mention {number} of {len(keys)}{where}"
        f" · {current.explanation}"
    )


@dataclass(frozen=True)
class Preview:
    """The redacted text around the current candidate, and what may have survived in it."""

    text: str
    """The excerpt, with "…" where it was cut."""
    leftovers: tuple[str, ...]
    """Each leftover inside the excerpt with its reason, in text order."""


def preview(
    review: Review,
    current: Candidate | None,
    policy: Policy,
    dictionary: frozenset[str],
    pseudonyms: Mapping[tuple[int, int], str] | None = None,
    masked: Sequence[Candidate] | None = None,
) -> Preview:
    """The redacted text around ``current``, cut between words and never inside a pseudonym.

    ``pseudonyms`` by span are the record's, and ``masked`` the spans it masks, the
    research terms already left out (:meth:`EntityReview.numbered`, ``masked``).
    """
    origin = current.start if current is not None else 0
    if masked is None:
        text, spans, chosen, offset = review.text, review.accepted(), policy, 0
    else:
        chosen = dataclasses.replace(policy, allow=frozenset())
        text, spans, offset = _around(review.text, masked, origin)
        if pseudonyms is not None:
            pseudonyms = {(s - offset, e - offset): name for (s, e), name in pseudonyms.items()}
    redaction = redact(text, spans, chosen, pseudonyms)
    before = [c for c in spans if c.end <= origin - offset]
    here = len(redact(text[: origin - offset], before, chosen, pseudonyms).text)
    low, high = preview_window(redaction.text, here)
    shown = redaction.text[low:high]
    cut_before = low > 0 or offset > 0
    cut_after = high < len(redaction.text) or offset + len(text) < len(review.text)
    text = ("…" if cut_before else "") + shown + ("…" if cut_after else "")
    # The excerpt is never cut inside a pseudonym, so its own leftovers are the text's.
    found = leftovers(shown, dictionary, policy.allow)
    return Preview(text, tuple(leftover_line(shown, item) for item in found))


def _around(text: str, spans: Sequence[Candidate], origin: int) -> tuple[str, list[Candidate], int]:
    """A part of ``text`` wide enough for any preview around ``origin``, and its spans.

    Redacting a long text whole for every decision is slow; the preview shows
    only ``PREVIEW_BEFORE`` and ``PREVIEW_AFTER`` characters of redacted text, and a
    replacement is never longer than what it replaces by more than a pseudonym,
    so three times as much original text around ``origin`` always suffices. The
    part is cut at spaces and never inside a span.
    """
    low, high = max(0, origin - 3 * PREVIEW_BEFORE), min(len(text), origin + 3 * PREVIEW_AFTER)
    if low > 0:
        space = text.rfind(" ", 0, low)
        low = space + 1 if space >= 0 else 0
    if high < len(text):
        space = text.find(" ", high)
        high = space if space >= 0 else len(text)
    moved = True
    while moved:
        moved = False
        for span in spans:
            if span.start < low < span.end:
                low, moved = span.start, True
            if span.start < high < span.end:
                high, moved = span.end, True
    inside = [s.shifted(-low) for s in spans if low <= s.start and s.end <= high]
    return text[low:high], inside, low


def all_leftovers(
    reviews: Sequence[Review], policy: Policy, dictionary: frozenset[str]
) -> list[str]:
    """Every leftover of every redacted text, each with a short excerpt around it."""
    lines: list[str] = []
    for review in reviews:
        # Pseudonyms are never leftovers, so the record's numbering changes nothing here.
        text = review.preview(policy).text
        lines.extend(
            leftover_line(text, item, context=30)
            for item in leftovers(text, dictionary, policy.allow)
        )
    return lines


_SHORT = {"capitalised word not in the dictionary": "name?", "digits": "digits"}


def leftover_line(text: str, item: Leftover, *, context: int = 0) -> str:
    """A leftover, its reason, and (with ``context``) the words around it."""
    word = text[item.start : item.end]
    reason = _SHORT.get(item.reason, item.reason)
    if not context:
        return f"{word}  · {reason}"
    low, high = _cut(text, item.start - context, item.end + context, item.start, item.end)
    excerpt = ("…" if low > 0 else "") + text[low:high] + ("…" if high < len(text) else "")
    return f"{word}  · {reason}  · {' '.join(excerpt.split())}"


def preview_window(text: str, position: int) -> tuple[int, int]:
    """The part of a long text to preview around ``position``, cut at spaces outside pseudonyms."""
    return _cut(text, position - PREVIEW_BEFORE, position + PREVIEW_AFTER, position, position)


def _cut(text: str, low: int, high: int, first: int, last: int) -> tuple[int, int]:
    """Widen nothing past ``low``..``high``; cut between words, never inside a pseudonym."""
    low, high = max(0, low), min(len(text), high)
    if low > 0:
        space = text.find(" ", low, first)
        low = space + 1 if space >= 0 else low
    if high < len(text):
        space = text.rfind(" ", last, high)
        high = space if space > last else high
    for match in PSEUDONYM.finditer(text, max(0, low - 40), min(len(text), high + 40)):
        if match.start() < low < match.end():
            low = match.end()
            while low < len(text) and text[low] == " ":
                low += 1
        if match.start() < high < match.end():
            high = match.start()
    return min(low, first), max(high, last)
