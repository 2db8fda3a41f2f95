"""What the interviewer's review and the steward's re-review share.

Both show one free-text answer at a time with its candidates highlighted, move
from candidate to candidate, accept (mask) or reject (keep) one or every
mention, move a candidate's ends by a word, mark missed words, and show the
redacted text and its possible leftovers around the current candidate. Each
screen adds where its reviews come from, what sealing does and what leaving
or locking does.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from anonymise.candidates import Candidate
from anonymise.redact import Policy
from anonymise.residual import leftovers
from anonymise.review import Review
from intake.app.screens.base import AppScreen
from intake.app.screens.confirm import ConfirmScreen
from intake.app.screens.missed import MissedSpan, MissedSpanScreen
from intake.app.widgets.review_text import ReviewText
from intake.app.widgets.safe_text import safe_content
from intake.protocol.model import Protocol
from intake.review_steps import (
    all_leftovers,
    mark_words,
    next_pending,
    preview,
    resize,
    step_candidate,
)

_STATUS = {"pending": "to decide", "accepted": "masked", "rejected": "kept"}


class ReviewBase(AppScreen):
    """A screen that reviews the free text of one interview or record, then seals it."""

    WIDGET_PREFIX: ClassVar[str]
    """How the ids of the screen's widgets begin (its stylesheet and tests use them)."""
    LEFTOVERS_LABEL: ClassVar[str] = "Leftovers"
    """The title of the leftovers box, before their count."""

    def __init__(
        self,
        reviews: dict[str, Review] | None,
        protocol: Protocol,
        policy: Policy,
        *,
        id: str,
    ) -> None:
        super().__init__(id=id)
        self.reviews: dict[str, Review] | None = reviews
        """One review per free-text field as the decisions change them; ``None`` until ready."""
        self.field_index = 0
        """Which free-text field is shown."""
        self.current: Candidate | None = None
        """The candidate being decided."""
        self._protocol = protocol
        self._policy = policy
        self._dirty = False
        self._sealing = False

    # What each screen adds

    def _title_head(self) -> str:
        """The start of the title, before the field shown."""
        raise NotImplementedError

    def _seal_question(self) -> str:
        """What to ask before sealing (after any warning about leftovers)."""
        raise NotImplementedError

    def seal(self) -> object:
        """Seal the decided reviews (a worker)."""
        raise NotImplementedError

    # Composing

    def _part(self, name: str) -> str:
        """The selector of one of the review's widgets."""
        return f"#{self.WIDGET_PREFIX}-{name}"

    def compose_review(self) -> ComposeResult:
        """The text, the redacted preview beside its leftovers, and the status line."""
        prefix = self.WIDGET_PREFIX
        yield ReviewText(id=f"{prefix}-text")
        with Horizontal(id=f"{prefix}-bottom"):
            with VerticalScroll(id=f"{prefix}-preview-box"):
                yield Static(Content(""), id=f"{prefix}-preview")
            with VerticalScroll(id=f"{prefix}-leftovers-box"):
                yield Static(Content(""), id=f"{prefix}-leftovers")
        yield Static(Content(""), id=f"{prefix}-status")

    def _label_boxes(self) -> None:
        self.query_one(self._part("preview-box")).border_title = "Redacted"
        self.query_one(self._part("leftovers-box")).border_title = "Leftovers"

    # Showing

    @property
    def field_ids(self) -> list[str]:
        """The reviewed fields, in interview (and protocol) order."""
        return list(self.reviews or {})

    @property
    def review(self) -> Review | None:
        """The review of the field shown."""
        if not self.reviews:
            return None
        return self.reviews[self.field_ids[self.field_index]]

    def _show_field(self) -> None:
        review = self.review
        if review is None:
            return
        pending = review.pending
        self.current = (
            pending[0] if pending else (review.items[0].candidate if review.items else None)
        )
        self._refresh_view()

    def _refresh_view(self) -> None:
        review = self.review
        if review is None or self.reviews is None:
            return
        label = self._protocol.field(self.field_ids[self.field_index]).label
        left = sum(len(r.pending) for r in self.reviews.values())
        # What must stay readable at 80 columns first; the question's label last, cut with "…".
        title = (
            f"{self._title_head()} · text {self.field_index + 1} of {len(self.reviews)}"
            f" · {left} to decide · {label}"
        )
        self.query_one(self._part("title"), Static).update(Content(title))
        self.query_one(ReviewText).show(review, self.current)
        shown = preview(
            review, self.current, self._policy, self.interview_app.analyser_dictionary()
        )
        self.query_one(self._part("preview"), Static).update(safe_content(shown.text))
        box = self.query_one(self._part("leftovers-box"))
        box.border_title = f"{self.LEFTOVERS_LABEL} ({len(shown.leftovers)})"
        box.border_subtitle = "l lists all"
        self.query_one(self._part("leftovers"), Static).update(
            safe_content("\n".join(shown.leftovers) if shown.leftovers else "none in this part")
        )
        self._describe_current()

    def _describe_current(self) -> None:
        review, current = self.review, self.current
        if review is None or current is None:
            self._status("Nothing was found in this text. m marks missed words; Tab: next text.")
            return
        candidates = [item.candidate for item in review.items]
        number = candidates.index(current) + 1 if current in candidates else 0
        status = _STATUS[review.status(current)]
        self._status(
            f"{number} of {len(candidates)}: {current.entity_type}, {status}"
            f" · {current.explanation}"
        )

    def _status(self, text: str) -> None:
        self.query_one(self._part("status"), Static).update(Content(text))

    # Moving

    def action_move(self, step: int) -> None:
        """Go to the next or previous candidate of this text."""
        review = self.review
        if review is None or not review.items:
            return
        self.current = step_candidate(review, self.current, step)
        self._refresh_view()

    def action_field(self, step: int) -> None:
        """Show the next or previous free-text field."""
        if not self.reviews:
            return
        self.field_index = (self.field_index + step) % len(self.reviews)
        self._show_field()

    # Deciding

    def _set_review(self, review: Review) -> None:
        assert self.reviews is not None
        self.reviews = {**self.reviews, self.field_ids[self.field_index]: review}
        self._dirty = True

    def action_decide(self, action: str, every: bool) -> None:
        """Accept (mask) or reject (keep) the current candidate, or every mention of it."""
        review, current = self.review, self.current
        if review is None or current is None:
            return
        if action == "accept":
            review = review.accept(current, every_occurrence=every)
        else:
            review = review.reject(current, every_occurrence=every)
        self._set_review(review)
        following = next_pending(review, current)
        if following is not None:
            self.current = following
        elif self._next_field_with_pending():
            return
        self._refresh_view()

    def _next_field_with_pending(self) -> bool:
        assert self.reviews is not None
        for index, field_id in enumerate(self.field_ids):
            if self.reviews[field_id].pending and index != self.field_index:
                self.field_index = index
                self._show_field()
                return True
        return False

    def action_resize(self, end: str, step: int) -> None:
        """Move one end of the current candidate by a word; its decision stays as it was."""
        review, current = self.review, self.current
        if review is None or current is None:
            return
        resized = resize(review, current, end, step)
        if resized is None:
            self._status("That end cannot move further.")
            return
        review, self.current = resized
        self._set_review(review)
        self._refresh_view()

    def action_missed(self) -> None:
        """Ask for words the analyser missed and mask them."""
        if self.review is None:
            return

        def marked(span: MissedSpan | None) -> None:
            if span is not None:
                self._mark(span)

        self.app.push_screen(MissedSpanScreen(), marked)

    def _mark(self, span: MissedSpan) -> None:
        review = self.review
        assert review is not None
        origin = self.current.start if self.current is not None else 0
        marked = mark_words(review, span.words, span.entity_type, span.every_occurrence, origin)
        if marked is None:
            self._status("Those words are not in this text.")
            return
        review, self.current = marked
        self._set_review(review)
        self._refresh_view()

    def action_leftovers(self) -> None:
        """List every possible leftover of every redacted text."""
        if not self.reviews:
            return
        from intake.app.screens.leftovers import LeftoversScreen

        dictionary = self.interview_app.analyser_dictionary()
        texts = [
            (
                self._protocol.field(field_id).label,
                all_leftovers([review], self._policy, dictionary),
            )
            for field_id, review in self.reviews.items()
        ]
        self.app.push_screen(LeftoversScreen([(label, found) for label, found in texts if found]))

    # Sealing

    def action_seal(self) -> None:
        """Seal once every candidate is decided and the screen's question is answered yes."""
        if self.reviews is None:
            self._status("Wait for the analysis to finish.")
            return
        left = sum(len(r.pending) for r in self.reviews.values())
        if left:
            self._status(f"{left} candidates still to decide before sealing.")
            return
        if self._sealing:
            return

        def answered(sure: bool | None) -> None:
            if sure:
                self._sealing = True
                self._status("Sealing…")
                self.seal()

        dictionary = self.interview_app.analyser_dictionary()
        remaining = sum(
            len(leftovers(r.preview(self._policy).text, dictionary, self._policy.allow))
            for r in self.reviews.values()
        )
        warning = (
            f"{remaining} possible leftovers (capitalised words, digits) remain in the "
            "redacted text: press n, then l to list them all. "
            if remaining
            else ""
        )
        self.app.push_screen(
            ConfirmScreen(f"{warning}{self._seal_question()}", yes="Seal", no="Not yet"), answered
        )

    def failed(self) -> None:
        """A worker of this screen failed (the app has said so)."""
        self._sealing = False
