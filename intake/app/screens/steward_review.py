"""Re-review at the steward: decide what the analyser left undecided, then seal again.

The same keys and widgets as the interviewer's review (``ReviewText``, the
missed-words form, the redacted preview and leftovers), over the reviews
rebuilt from a sealed record rather than a draft. ctrl+f seals the record
again under its id as *reviewed* once every candidate is decided; leaving,
or the app locking, keeps the decisions taken so far in the record, which
stays unreviewed until sealed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import regex
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Static

from anonymise.candidates import Candidate
from anonymise.redact import redact
from anonymise.residual import leftovers
from anonymise.review import Review
from intake.app.screens.base import AppScreen
from intake.app.screens.confirm import ConfirmScreen
from intake.app.screens.missed import MissedSpan, MissedSpanScreen
from intake.app.screens.steward_home import STEWARD_CSS
from intake.app.widgets.review_text import ReviewText
from intake.app.widgets.safe_text import safe_content
from intake.errors import IntakeError
from intake.steward import OpenedRecord, policy_for, reseal_review
from store.errors import StoreError

_WORD = regex.compile(r"\w+")
PREVIEW_BEFORE = 300
"""Characters of redacted text shown before the current candidate."""
PREVIEW_AFTER = 500
"""Characters of redacted text shown after it."""
_STATUS = {"pending": "to decide", "accepted": "masked", "rejected": "kept"}
_SHORT = {"capitalised word not in the dictionary": "name?", "digits": "digits"}


@dataclass
class RecordResealed(Message):
    """The re-reviewed record is sealed again under its id."""

    reviewed: bool
    """Whether it is now reviewed (and so exportable)."""


@dataclass
class ResealFailed(Message):
    """Sealing again was refused; one line, never testimony."""

    line: str
    """What to show."""


class StewardReviewScreen(AppScreen):
    """The re-review of one sealed record's free text."""

    CSS_PATH = STEWARD_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        # The arrows are priority bindings: the focused text view would take them
        # to move its cursor, and here they move between and resize candidates.
        Binding(
            "down,j",
            "move(1)",
            "Next",
            id="steward_review.next",
            tooltip="Next candidate",
            priority=True,
        ),
        Binding(
            "up,k",
            "move(-1)",
            "Prev",
            id="steward_review.previous",
            tooltip="Previous candidate",
            show=False,
            priority=True,
        ),
        Binding("a", "decide('accept', False)", "Mask", id="steward_review.accept"),
        Binding("r", "decide('reject', False)", "Keep", id="steward_review.reject"),
        Binding("A", "decide('accept', True)", "Mask all", id="steward_review.accept_all"),
        Binding(
            "R", "decide('reject', True)", "Keep all", id="steward_review.reject_all", show=False
        ),
        Binding(
            "right",
            "resize('end', 1)",
            "Longer",
            id="steward_review.extend",
            show=False,
            priority=True,
        ),
        Binding(
            "left",
            "resize('end', -1)",
            "Shorter",
            id="steward_review.shrink",
            show=False,
            priority=True,
        ),
        Binding(
            "shift+left",
            "resize('start', 1)",
            "Earlier",
            id="steward_review.earlier",
            show=False,
            priority=True,
        ),
        Binding(
            "shift+right",
            "resize('start', -1)",
            "Later",
            id="steward_review.later",
            show=False,
            priority=True,
        ),
        Binding("m", "missed", "Missed", id="steward_review.missed", tooltip="Mark missed words"),
        Binding("tab", "field(1)", "Next text", id="steward_review.next_text", show=False),
        Binding(
            "shift+tab", "field(-1)", "Prev text", id="steward_review.previous_text", show=False
        ),
        Binding(
            "ctrl+f",
            "seal",
            "Seal",
            id="steward_review.seal",
            tooltip="Seal the record again as reviewed, so it can be exported",
        ),
        Binding(
            "escape",
            "leave",
            "Back",
            id="steward_review.back",
            tooltip="Back to the records; decisions are kept, the record stays unreviewed",
        ),
    ]

    def __init__(self, opened: OpenedRecord) -> None:
        super().__init__(id="steward-review")
        self.opened = opened
        """The record as opened (holds testimony until the screen goes)."""
        self.reviews: dict[str, Review] = dict(opened.reviews)
        """The reviews as the steward's decisions change them."""
        self.field_index = 0
        """Which free-text field is shown."""
        self.current: Candidate | None = None
        """The candidate being decided."""
        self._policy = policy_for(opened.protocol)
        self._dirty = False
        self._sealing = False

    def compose(self) -> ComposeResult:
        if self.interview_app.settings.demo:
            yield Static(Content("DEMO STORE · synthetic data · not secret"), classes="demo-banner")
        yield Static(Content("Re-review"), id="steward-review-title")
        yield ReviewText(id="steward-review-text")
        with Horizontal(id="steward-review-bottom"):
            with VerticalScroll(id="steward-review-preview-box"):
                yield Static(Content(""), id="steward-review-preview")
            with VerticalScroll(id="steward-review-leftovers-box"):
                yield Static(Content(""), id="steward-review-leftovers")
        yield Static(Content(""), id="steward-review-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#steward-review-preview-box").border_title = "Redacted"
        self.query_one("#steward-review-leftovers-box").border_title = "Leftovers"
        if not self.reviews:
            self.query_one("#steward-review-title", Static).update(
                Content(f"Re-review · record {self.opened.record_id[:8]} · no free text")
            )
            self._status("No free text in this record. ctrl+f seals it as reviewed.")
            return
        self._show_field()

    # Showing

    @property
    def field_ids(self) -> list[str]:
        """The reviewed fields in the protocol's order."""
        return list(self.reviews)

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
        if review is None:
            return
        label = self.opened.protocol.field(self.field_ids[self.field_index]).label
        left = sum(len(r.pending) for r in self.reviews.values())
        self.query_one("#steward-review-title", Static).update(
            Content(
                f"Re-review {self.opened.record_id[:8]} · {label} "
                f"({self.field_index + 1} of {len(self.reviews)}) · {left} to decide"
            )
        )
        self.query_one(ReviewText).show(review, self.current)
        redaction = review.preview(self._policy)
        origin = self.current.start if self.current is not None else 0
        before = [c for c in review.accepted() if c.end <= origin]
        here = len(redact(review.text[:origin], before, self._policy).text)
        low, high = _window(redaction.text, here)
        shown = redaction.text[low:high]
        preview = ("…" if low > 0 else "") + shown + ("…" if high < len(redaction.text) else "")
        self.query_one("#steward-review-preview", Static).update(safe_content(preview))
        found = leftovers(shown, self.interview_app.analyser_dictionary(), self._policy.allow)
        lines = [
            f"{shown[item.start : item.end]}  · {_SHORT.get(item.reason, item.reason)}"
            for item in found
        ]
        self.query_one("#steward-review-leftovers-box").border_title = f"Leftovers ({len(found)})"
        self.query_one("#steward-review-leftovers", Static).update(
            safe_content("\n".join(lines) if lines else "none in this part")
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

    # Moving

    def action_move(self, step: int) -> None:
        """Go to the next or previous candidate of this text."""
        review = self.review
        if review is None or not review.items:
            return
        candidates = [item.candidate for item in review.items]
        index = candidates.index(self.current) if self.current in candidates else -1
        self.current = candidates[(index + step) % len(candidates)]
        self._refresh_view()

    def action_field(self, step: int) -> None:
        """Show the next or previous free-text field."""
        if not self.reviews:
            return
        self.field_index = (self.field_index + step) % len(self.reviews)
        self._show_field()

    # Deciding

    def _set_review(self, review: Review) -> None:
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
        pending = review.pending
        later = [c for c in pending if c.start >= current.start and c != current]
        if later or pending:
            self.current = (later or pending)[0]
        elif self._next_field_with_pending():
            return
        self._refresh_view()

    def _next_field_with_pending(self) -> bool:
        for index, field_id in enumerate(self.field_ids):
            if self.reviews[field_id].pending and index != self.field_index:
                self.field_index = index
                self._show_field()
                return True
        return False

    def action_resize(self, end: str, step: int) -> None:
        """Move one end of the current candidate by a word (the result is masked)."""
        review, current = self.review, self.current
        if review is None or current is None:
            return
        start, stop = _moved(review.text, current.start, current.end, end, step)
        if (start, stop) == (current.start, current.end):
            self._status("That end cannot move further.")
            return
        review = review.resize(current, start, stop)
        self._set_review(review)
        self.current = next(
            (
                i.candidate
                for i in review.items
                if (i.candidate.start, i.candidate.end) == (start, stop)
            ),
            None,
        )
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
        folded = review.text.casefold()
        needle = span.words.casefold()
        origin = self.current.start if self.current is not None else 0
        position = folded.find(needle, origin)
        if position < 0:
            position = folded.find(needle)
        if position < 0 or len(folded) != len(review.text):
            self._status("Those words are not in this text.")
            return
        review = review.add(
            position, position + len(span.words), span.entity_type, span.every_occurrence
        )
        self._set_review(review)
        self.current = next(
            (i.candidate for i in review.items if i.candidate.start == position), self.current
        )
        self._refresh_view()

    # Sealing and leaving

    def action_seal(self) -> None:
        """Seal the record again as reviewed, once every candidate is decided."""
        left = sum(len(r.pending) for r in self.reviews.values())
        if left:
            self._status(f"{left} candidates still to decide before sealing.")
            return
        if self._sealing:
            return
        dictionary = self.interview_app.analyser_dictionary()
        remaining = sum(
            len(leftovers(r.preview(self._policy).text, dictionary, self._policy.allow))
            for r in self.reviews.values()
        )
        warning = (
            f"{remaining} possible leftovers (capitalised words, digits) remain in the "
            "redacted text: check them first if unsure. "
            if remaining
            else ""
        )

        def answered(sure: bool | None) -> None:
            if sure:
                self._sealing = True
                self._status("Sealing…")
                self.seal()

        self.app.push_screen(
            ConfirmScreen(
                f"{warning}Seal record {self.opened.record_id[:8]} as reviewed? "
                "It can then be exported."
            ),
            answered,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="steward-seal")
    def seal(self) -> None:
        """Rebuild the record with the decisions and seal it again under its id."""
        try:
            reviewed = reseal_review(
                self.interview_app.store, self.opened, self.reviews, confirmed=True
            )
        except (IntakeError, StoreError) as problem:
            self.post_message(ResealFailed(str(problem)))
            return
        self.post_message(RecordResealed(reviewed))

    def on_record_resealed(self, message: RecordResealed) -> None:
        self._dirty = False
        record = self.opened.record_id[:8]
        line = (
            f"Record {record} is reviewed: it can now be exported."
            if message.reviewed
            else f"Record {record} was sealed again, still unreviewed."
        )
        self._close()
        self.notify(line, timeout=6)

    def on_reseal_failed(self, message: ResealFailed) -> None:
        self._sealing = False
        self._status(message.line)

    def failed(self) -> None:
        """A worker of this screen failed (the app has said so)."""
        self._sealing = False

    def save_progress(self) -> bool:
        """Keep the decisions taken so far in the record (it stays unreviewed)."""
        if not self._dirty or self._sealing:
            return False
        reseal_review(self.interview_app.store, self.opened, self.reviews, confirmed=False)
        self._dirty = False
        return True

    def action_leave(self) -> None:
        """Back to the records, keeping the decisions taken so far."""
        try:
            saved = self.save_progress()
        except (IntakeError, StoreError) as problem:
            self._status(str(problem))
            return
        self._close()
        if saved:
            self.notify(
                f"Decisions kept; record {self.opened.record_id[:8]} stays unreviewed "
                "until it is sealed with ctrl+f.",
                timeout=6,
            )

    def before_lock(self) -> None:
        try:
            self.save_progress()
        except (IntakeError, StoreError):
            # Locking must go ahead whatever happens; the record keeps its sealed version.
            self.notify("The decisions could not be kept before locking.", severity="error")
        self._forget()

    def _close(self) -> None:
        self._forget()
        self.dismiss()

    def _forget(self) -> None:
        self.reviews = {}
        self.current = None
        self.query_one(ReviewText).clear_text()
        self.query_one("#steward-review-preview", Static).update(Content(""))
        self.query_one("#steward-review-leftovers", Static).update(Content(""))

    def _status(self, text: str) -> None:
        self.query_one("#steward-review-status", Static).update(Content(text))


def _moved(text: str, start: int, stop: int, end: str, step: int) -> tuple[int, int]:
    """A span with one end moved by a word."""
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


def _window(text: str, position: int) -> tuple[int, int]:
    """The part of a long text to preview around ``position``, cut at spaces."""
    low = max(0, position - PREVIEW_BEFORE)
    high = min(len(text), position + PREVIEW_AFTER)
    if low > 0:
        space = text.find(" ", low, position)
        low = space + 1 if space >= 0 else low
    if high < len(text):
        space = text.rfind(" ", position, high)
        high = space if space > position else high
    return low, high
