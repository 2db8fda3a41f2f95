"""Human review of the candidates: accept, reject, resize, add, for one or every mention.

A :class:`Review` is a plain immutable value: each decision returns a new review,
so a screen can keep the history for undo, and the same logic serves the
interview app and the command line. Export refuses a record whose review is not
complete.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import regex

from anonymise.candidates import ENTITY_TYPES, Candidate
from anonymise.redact import Policy, Redaction, redact

PENDING = "pending"
ACCEPTED = "accepted"
REJECTED = "rejected"
REVIEWER = "reviewer"


@dataclass(frozen=True)
class ReviewDecision:
    """One decision a reviewer took."""

    action: str
    """"accept", "reject", "resize" or "add"."""
    start: int
    """Span the decision is about (after resizing, the new span)."""
    end: int
    entity_type: str
    every_occurrence: bool = False
    """Applied to every mention of the same text."""


@dataclass(frozen=True)
class ReviewItem:
    """A candidate and what the reviewer decided about it."""

    candidate: Candidate
    status: str = PENDING


@dataclass(frozen=True)
class Review:
    """A text, its candidates and the decisions taken so far."""

    text: str = dataclasses.field(repr=False)
    items: tuple[ReviewItem, ...]
    decisions: tuple[ReviewDecision, ...] = ()

    @classmethod
    def start(cls, text: str, candidates: list[Candidate]) -> Review:
        """A review with every candidate pending."""
        return cls(text, tuple(ReviewItem(c) for c in sorted(candidates)))

    def __repr__(self) -> str:
        return f"Review({len(self.items)} items, {len(self.decisions)} decisions)"

    # Decisions -----------------------------------------------------------------

    def accept(self, candidate: Candidate, every_occurrence: bool = False) -> Review:
        """Mask this candidate (and every candidate with the same text)."""
        return self._set(candidate, ACCEPTED, "accept", every_occurrence)

    def reject(self, candidate: Candidate, every_occurrence: bool = False) -> Review:
        """Leave this candidate unmasked (and every candidate with the same text)."""
        return self._set(candidate, REJECTED, "reject", every_occurrence)

    def resize(self, candidate: Candidate, start: int, end: int) -> Review:
        """Extend or shrink a candidate's span; the result is accepted."""
        self._check_span(start, end)
        resized = dataclasses.replace(
            candidate,
            start=start,
            end=end,
            recogniser=REVIEWER,
            explanation="span set by the reviewer",
        )
        items = tuple(
            ReviewItem(resized, ACCEPTED) if item.candidate == candidate else item
            for item in self.items
        )
        if items == self.items:
            raise ValueError("that candidate is not part of this review")
        decision = ReviewDecision("resize", start, end, candidate.entity_type)
        return self._with(items, decision)

    def add(self, start: int, end: int, entity_type: str, every_occurrence: bool = False) -> Review:
        """Mask a span the analyser missed (and every other mention of its text)."""
        self._check_span(start, end)
        if entity_type not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {entity_type!r}")
        spans = self._occurrences(start, end) if every_occurrence else [(start, end)]
        items = list(self.items)
        for span_start, span_end in spans:
            if any(
                item.candidate.start < span_end
                and span_start < item.candidate.end
                and item.status == ACCEPTED
                for item in items
            ):
                continue
            added = Candidate(
                span_start, span_end, entity_type, 1.0, REVIEWER, "added by the reviewer"
            )
            items.append(ReviewItem(added, ACCEPTED))
        decision = ReviewDecision("add", start, end, entity_type, every_occurrence)
        return self._with(tuple(sorted(items, key=lambda i: i.candidate)), decision)

    def typed(self, types: Mapping[tuple[int, int], str]) -> Review:
        """The same review with the candidates at these spans of these types (their entity's)."""
        if not types or all(
            types.get((item.candidate.start, item.candidate.end), item.candidate.entity_type)
            == item.candidate.entity_type
            for item in self.items
        ):
            return self
        items = tuple(
            ReviewItem(dataclasses.replace(item.candidate, entity_type=kind), item.status)
            if (kind := types.get((item.candidate.start, item.candidate.end)))
            and kind != item.candidate.entity_type
            else item
            for item in self.items
        )
        return Review(self.text, items, self.decisions)

    def carried_into(self, fresh: Review) -> Review:
        """This review's decisions over ``fresh``, a new analysis of the same text.

        Every candidate and decision of this review is kept; what the new analysis
        adds (a name the identity answers now give) joins as pending, unless it lies
        on a span already masked or still to decide. Over another text nothing can
        be kept, and ``fresh`` is returned as it is.
        """
        if fresh.text != self.text:
            return fresh
        kept = list(self.items)
        for item in fresh.items:
            new = item.candidate
            if any(
                old.candidate.overlaps(new)
                and (
                    old.status != REJECTED
                    or (old.candidate.start, old.candidate.end) == (new.start, new.end)
                )
                for old in self.items
            ):
                continue
            kept.append(ReviewItem(new))
        return Review(self.text, tuple(sorted(kept, key=lambda i: i.candidate)), self.decisions)

    # Reading -------------------------------------------------------------------

    @property
    def candidates(self) -> list[Candidate]:
        """Every candidate, in text order."""
        return [item.candidate for item in self.items]

    def at(self, start: int, end: int) -> Candidate | None:
        """The candidate with exactly this span, if any."""
        return self._by_span.get((start, end))

    def status_at(self, start: int, end: int) -> str | None:
        """The status of the candidate with exactly this span (the last, should two share
        it), or ``None`` when no candidate has it."""
        index = self._last_at.get((start, end))
        return None if index is None else self.items[index].status

    @property
    def is_complete(self) -> bool:
        """True when no candidate is pending."""
        return all(item.status != PENDING for item in self.items)

    @property
    def pending(self) -> list[Candidate]:
        """Candidates still waiting for a decision."""
        return [item.candidate for item in self.items if item.status == PENDING]

    def status(self, candidate: Candidate) -> str:
        """``pending``, ``accepted`` or ``rejected``."""
        places = self._positions.get(candidate)
        if places is None:
            raise ValueError("that candidate is not part of this review")
        return self.items[places[-1]].status

    def decide_all(self, candidates: Collection[Candidate], accept: bool) -> Review:
        """Mask (``accept``) or keep each of ``candidates``: one decision each.

        Only the items decided are replaced; the new review keeps this one's indexes
        of the candidates, which a decision does not change.
        """
        wanted = set(candidates)
        positions = self._positions
        if not wanted <= positions.keys():
            raise ValueError("that candidate is not part of this review")
        status, action = (ACCEPTED, "accept") if accept else (REJECTED, "reject")
        changed = sorted(c for c in wanted if self.items[positions[c][-1]].status != status)
        if not changed:
            return self
        items = list(self.items)
        for candidate in wanted:
            for index in positions[candidate]:
                items[index] = ReviewItem(items[index].candidate, status)
        decisions = tuple(ReviewDecision(action, c.start, c.end, c.entity_type) for c in changed)
        decided = Review(self.text, tuple(items), (*self.decisions, *decisions))
        for name in ("_positions", "_by_span", "_last_at"):
            if name in self.__dict__:
                decided.__dict__[name] = self.__dict__[name]
        return decided

    def accepted(self) -> list[Candidate]:
        """The spans that will be masked."""
        return [item.candidate for item in self.items if item.status == ACCEPTED]

    def preview(
        self,
        policy: Policy | None = None,
        pseudonyms: Mapping[tuple[int, int], str] | None = None,
    ) -> Redaction:
        """The redacted text as it stands (accepted spans only).

        ``pseudonyms`` by span come from the record's entities, so that the preview
        numbers them as the record will; without them this text alone is linked.
        """
        return redact(self.text, self.accepted(), policy, pseudonyms)

    # Helpers -------------------------------------------------------------------

    @functools.cached_property
    def _positions(self) -> dict[Candidate, list[int]]:
        """Where each candidate is among the items (every place, should it be there twice)."""
        places: dict[Candidate, list[int]] = {}
        for index, item in enumerate(self.items):
            places.setdefault(item.candidate, []).append(index)
        return places

    @functools.cached_property
    def _last_at(self) -> dict[tuple[int, int], int]:
        """The place of the last item with each span."""
        return {(item.candidate.start, item.candidate.end): i for i, item in enumerate(self.items)}

    @functools.cached_property
    def _by_span(self) -> dict[tuple[int, int], Candidate]:
        spans: dict[tuple[int, int], Candidate] = {}
        for item in self.items:
            spans.setdefault((item.candidate.start, item.candidate.end), item.candidate)
        return spans

    def _check_span(self, start: int, end: int) -> None:
        if not 0 <= start < end <= len(self.text):
            raise ValueError("the span must lie inside the text and not be empty")

    def _surface(self, candidate: Candidate) -> str:
        return self.text[candidate.start : candidate.end].casefold()

    def _set(self, candidate: Candidate, status: str, action: str, every: bool) -> Review:
        surface = self._surface(candidate)
        found = False
        items = []
        for item in self.items:
            same = item.candidate == candidate
            found = found or same
            if same or (every and self._surface(item.candidate) == surface):
                items.append(ReviewItem(item.candidate, status))
            else:
                items.append(item)
        if not found:
            raise ValueError("that candidate is not part of this review")
        decision = ReviewDecision(
            action, candidate.start, candidate.end, candidate.entity_type, every
        )
        return self._with(tuple(items), decision)

    def _occurrences(self, start: int, end: int) -> list[tuple[int, int]]:
        needle = regex.escape(self.text[start:end])
        pattern = regex.compile(rf"(?<!\w){needle}(?!\w)", regex.IGNORECASE)
        spans = [(m.start(), m.end()) for m in pattern.finditer(self.text)]
        return spans or [(start, end)]

    def _with(self, items: tuple[ReviewItem, ...], decision: ReviewDecision) -> Review:
        return Review(self.text, items, (*self.decisions, decision))
