"""The anonymisation review: decide on every candidate in every free-text answer.

The analyser runs in a worker (after the model has loaded). The text is shown
with every candidate highlighted by type; the interviewer moves from candidate
to candidate with the keyboard, accepts (mask) or rejects (keep) each one, for
one or every mention, moves its ends by a word, marks missed words, and sees
the redacted text and the possible leftovers change as they go. Sealing builds
the record and seals it; the laptop can no longer read it afterwards.
"""

from __future__ import annotations

from typing import ClassVar

import regex
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, ProgressBar, Static
from textual.worker import get_current_worker

from anonymise.candidates import Candidate
from anonymise.redact import redact
from anonymise.residual import leftovers
from anonymise.review import Review
from intake.app.messages import AnalysisDone, AnalysisProgress, RecordSealed
from intake.app.screens.base import AppScreen
from intake.app.screens.confirm import ConfirmScreen
from intake.app.screens.missed import MissedSpan, MissedSpanScreen
from intake.app.widgets.review_text import ReviewText
from intake.app.widgets.safe_text import safe_content
from intake.app.work import analyse_with_progress, seal_interview
from intake.flow import FlowError, Interview
from intake.record import redaction_policy

_WORD = regex.compile(r"\w+")
PREVIEW_BEFORE = 300
"""Characters of redacted text shown before the current candidate."""
PREVIEW_AFTER = 500
"""Characters of redacted text shown after it."""
_SHORT = {"capitalised word not in the dictionary": "name?", "digits": "digits"}


class ReviewScreen(AppScreen):
    """Review of the free text of one interview, then sealing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # The arrows are priority bindings: the focused text view would take them
        # to move its cursor, and here they move between and resize candidates.
        Binding(
            "down,j",
            "move(1)",
            "Next",
            id="review.next",
            tooltip="Next candidate",
            priority=True,
        ),
        Binding(
            "up,k",
            "move(-1)",
            "Prev",
            id="review.previous",
            tooltip="Previous candidate",
            show=False,
            priority=True,
        ),
        Binding("a", "decide('accept', False)", "Mask", id="review.accept"),
        Binding("r", "decide('reject', False)", "Keep", id="review.reject"),
        Binding("A", "decide('accept', True)", "Mask all", id="review.accept_all"),
        Binding("R", "decide('reject', True)", "Keep all", id="review.reject_all", show=False),
        Binding(
            "right", "resize('end', 1)", "Longer", id="review.extend", show=False, priority=True
        ),
        Binding(
            "left", "resize('end', -1)", "Shorter", id="review.shrink", show=False, priority=True
        ),
        Binding(
            "shift+left",
            "resize('start', 1)",
            "Earlier",
            id="review.earlier",
            show=False,
            priority=True,
        ),
        Binding(
            "shift+right",
            "resize('start', -1)",
            "Later",
            id="review.later",
            show=False,
            priority=True,
        ),
        Binding("m", "missed", "Missed", id="review.missed", tooltip="Mark words it missed"),
        Binding("tab", "field(1)", "Next text", id="review.next_text", show=False),
        Binding("shift+tab", "field(-1)", "Prev text", id="review.previous_text", show=False),
        Binding("ctrl+f", "seal", "Seal", id="review.seal", tooltip="Seal the record"),
        Binding(
            "ctrl+b",
            "back",
            "Back",
            id="review.back",
            tooltip="Back to the last step",
            show=False,
        ),
        Binding("escape", "home", "Home", id="review.home", show=False),
    ]

    def __init__(
        self,
        interview: Interview,
        draft_id: str | None,
        reviews: dict[str, Review] | None = None,
    ) -> None:
        super().__init__(id="review")
        self.interview = interview
        """The interview, at its review stage."""
        self.draft_id = draft_id
        """Its draft."""
        self.reviews: dict[str, Review] | None = reviews
        """One review per answered free-text field, once analysed (or as resumed)."""
        self.field_index = 0
        """Which free-text answer is shown."""
        self.current: Candidate | None = None
        """The candidate being decided."""
        self._policy = redaction_policy(interview)
        self._sealing = False
        self._dirty = False

    def compose(self) -> ComposeResult:
        if self.interview_app.settings.demo:
            yield Static(Content("DEMO STORE - never real testimony"), classes="demo-banner")
        yield Static(Content("Review"), id="review-title")
        progress = ProgressBar(show_eta=False, id="review-progress")
        progress.display = False
        yield progress
        yield ReviewText(id="review-text")
        with Horizontal(id="review-bottom"):
            with VerticalScroll(id="review-preview-box"):
                yield Static(Content(""), id="review-preview")
            with VerticalScroll(id="review-leftovers-box"):
                yield Static(Content(""), id="review-leftovers")
        yield Static(Content(""), id="review-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#review-preview-box").border_title = "Redacted"
        self.query_one("#review-leftovers-box").border_title = "Leftovers"
        self.set_interval(self.interview_app.settings.autosave_seconds, self.autosave)
        if self.reviews is not None:
            self._show_reviews()
        else:
            self.model_changed()

    # Analysis

    def model_changed(self) -> None:
        if self.reviews is not None:
            if self.review is not None:
                self._refresh_view()
            return
        app = self.interview_app
        if app.analyser is not None:
            self._status("Looking for names, places and dates…")
            self.analyse()
        else:
            self._status(app.model_line())

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis")
    def analyse(self) -> None:
        """Run the analyser over every free-text answer, reporting progress."""
        analyser = self.interview_app.analyser
        assert analyser is not None
        worker = get_current_worker()

        def progress(done: int, total: int) -> bool:
            if worker.is_cancelled:
                return False
            self.post_message(AnalysisProgress(done, total))
            return True

        reviews = analyse_with_progress(analyser, self.interview, progress)
        if reviews is not None and not worker.is_cancelled:
            self.post_message(AnalysisDone(reviews))

    def on_analysis_progress(self, message: AnalysisProgress) -> None:
        bar = self.query_one("#review-progress", ProgressBar)
        bar.display = message.done < message.total
        bar.update(total=message.total, progress=message.done)
        self._status(
            f"Looking for names, places and dates: text {message.done + 1} of {message.total}…"
        )

    def on_analysis_done(self, message: AnalysisDone) -> None:
        self.reviews = message.reviews
        self._dirty = True
        self.save()
        self._show_reviews()

    def _show_reviews(self) -> None:
        self.field_index = 0
        if not self.reviews:
            self._status("No free text to review. ctrl+f seals the record.")
            self.query_one("#review-title", Static).update(Content("Review · no free text"))
            return
        self._show_field()

    # Showing

    @property
    def field_ids(self) -> list[str]:
        """The reviewed fields in interview order."""
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
        field = self.interview.protocol.field(self.field_ids[self.field_index])
        left = sum(len(r.pending) for r in self.reviews.values())
        title = (
            f"Review · {field.label} ({self.field_index + 1} of {len(self.reviews)})"
            f" · {left} to decide"
        )
        self.query_one("#review-title", Static).update(Content(title))
        self.query_one(ReviewText).show(review, self.current)
        redaction = review.preview(self._policy)
        accepted = review.accepted()
        origin = self.current.start if self.current is not None else 0
        before = [c for c in accepted if c.end <= origin]
        here = len(redact(review.text[:origin], before, self._policy).text)
        low, high = _window(redaction.text, here)
        shown = redaction.text[low:high]
        preview = ("…" if low > 0 else "") + shown + ("…" if high < len(redaction.text) else "")
        self.query_one("#review-preview", Static).update(safe_content(preview))
        dictionary = self.interview_app.analyser_dictionary()
        found = leftovers(shown, dictionary, self._policy.allow)
        lines = [
            f"{shown[item.start : item.end]}  · {_SHORT.get(item.reason, item.reason)}"
            for item in found
        ]
        self.query_one("#review-leftovers-box").border_title = f"Leftovers here ({len(found)})"
        self.query_one("#review-leftovers", Static).update(
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
        status = {"pending": "to decide", "accepted": "masked", "rejected": "kept"}[
            review.status(current)
        ]
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
        """Show the next or previous free-text answer."""
        if not self.reviews:
            return
        self.field_index = (self.field_index + step) % len(self.reviews)
        self._show_field()

    # Deciding

    def _set_review(self, review: Review) -> None:
        assert self.reviews is not None
        self.reviews = {**self.reviews, self.field_ids[self.field_index]: review}
        self._dirty = True

    def save(self) -> None:
        """Save the draft with the review as it stands (encrypted)."""
        if self._dirty and self.reviews is not None and not self._sealing:
            self.draft_id = self.interview_app.save_draft(
                self.interview, self.draft_id, self.reviews
            )
            self._dirty = False

    def autosave(self) -> None:
        """Save changed decisions (called every few seconds)."""
        self.save()

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
        self._advance(review, current)

    def _advance(self, review: Review, after: Candidate) -> None:
        pending = review.pending
        later = [c for c in pending if c.start >= after.start and c != after]
        if later or pending:
            self.current = (later or pending)[0]
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
        """Move one end of the current candidate by a word (the result is masked)."""
        review, current = self.review, self.current
        if review is None or current is None:
            return
        start, stop = current.start, current.end
        text = review.text
        if end == "end" and step > 0:
            found = _WORD.search(text, stop)
            stop = found.end() if found else stop
        elif end == "end":
            words = list(_WORD.finditer(text, start, stop))
            stop = words[-2].end() if len(words) > 1 else stop
        elif step > 0:
            words = list(_WORD.finditer(text, 0, start))
            start = words[-1].start() if words else start
        else:
            words = list(_WORD.finditer(text, start, stop))
            start = words[1].start() if len(words) > 1 else start
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
            (i.candidate for i in review.items if i.candidate.start == position),
            self.current,
        )
        self._refresh_view()

    # Leaving

    def action_back(self) -> None:
        """Back to the last step; the decisions taken here are dropped, so ask first."""
        taken = sum(len(r.decisions) for r in (self.reviews or {}).values())
        if not taken:
            self._go_back()
            return

        def answered(sure: bool | None) -> None:
            if sure:
                self._go_back()

        self.app.push_screen(
            ConfirmScreen(
                f"Going back drops the {taken} review decisions taken so far; the text "
                "will be analysed again. Go back?"
            ),
            answered,
        )

    def _go_back(self) -> None:
        try:
            moved = self.interview.back()
        except FlowError:
            return
        self.reviews = None
        self.interview_app.open_interview(moved, self.draft_id)

    async def action_home(self) -> None:
        """Go home; the draft stays in review, with the decisions taken so far."""
        self.save()
        self.interview_app.go_home()

    def action_seal(self) -> None:
        """Seal the record once every candidate is decided."""
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
            len(leftovers(review.preview(self._policy).text, dictionary, self._policy.allow))
            for review in self.reviews.values()
        )
        warning = (
            f"{remaining} possible leftovers (capitalised words, digits) remain in the "
            "redacted text: check them first if unsure. "
            if remaining
            else ""
        )
        self.app.push_screen(
            ConfirmScreen(
                f"{warning}Seal this record now? Once sealed, this laptop can no longer "
                "read it; only the project's data steward can."
            ),
            answered,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="seal")
    def seal(self) -> None:
        """Build and seal the record, deleting the draft."""
        assert self.reviews is not None
        record_id, reviewed = seal_interview(
            self.interview_app.store, self.interview, self.reviews, self.draft_id
        )
        self.post_message(RecordSealed(record_id, reviewed))

    async def on_record_sealed(self, message: RecordSealed) -> None:
        self.reviews = None
        self.query_one(ReviewText).clear_text()
        self.interview_app.go_home(
            f"Record {message.record_id[:8]} sealed. This laptop can no longer read it."
        )

    def failed(self) -> None:
        """A worker of this screen failed."""
        self._sealing = False

    def before_lock(self) -> None:
        self.save()
        self.interview_app.reopen_after_unlock = self.draft_id

    def _status(self, text: str) -> None:
        self.query_one("#review-status", Static).update(Content(text))


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
