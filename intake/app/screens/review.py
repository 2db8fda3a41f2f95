"""The anonymisation review: decide on every candidate in every free-text answer.

The analyser runs in a worker (after the model has loaded). The text is shown
with every candidate highlighted by type; the interviewer moves from candidate
to candidate with the keyboard, accepts (mask) or rejects (keep) each one, for
one or every mention, moves its ends by a word, marks missed words, and sees
the redacted text and the possible leftovers change as they go (all of which
:class:`ReviewBase` provides). Sealing builds the record and seals it; the
laptop can no longer read it afterwards.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import ProgressBar, Static
from textual.worker import get_current_worker

from anonymise.review import Review
from intake.analysis import analyse_with_progress
from intake.app.messages import AnalysisDone, AnalysisProgress, RecordSealed
from intake.app.screens.confirm import ConfirmScreen
from intake.app.screens.review_base import ReviewBase
from intake.app.screens.review_keys import review_bindings
from intake.app.widgets.key_footer import KeyFooter
from intake.app.widgets.review_text import ReviewText
from intake.drafts import seal_interview
from intake.flow import FlowError, Interview
from intake.protocol.translate import in_language
from intake.record import redaction_policy


class ReviewScreen(ReviewBase):
    """Review of the free text of one interview, then sealing."""

    HELP_TITLE = "Review"
    PURPOSE = (
        "Decide on every name, place and date the analyser found: mask it or keep it, for"
        " this mention or every one. The redacted text and possible leftovers update as "
        "you go. Sealing makes the record unreadable on this laptop."
    )
    WIDGET_PREFIX = "review"
    LEFTOVERS_LABEL = "Leftovers here"
    BINDINGS: ClassVar[list[BindingType]] = [
        *review_bindings("review", missed_tooltip="Mark words it missed"),
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
        display_language: str | None = None,
    ) -> None:
        # The questions' labels in the language the app shows.
        shown = in_language(interview.protocol, display_language)
        super().__init__(reviews, shown, redaction_policy(interview), id="review")
        self.interview = interview
        """The interview, at its review stage."""
        self.draft_id = draft_id
        """Its draft."""

    def compose(self) -> ComposeResult:
        if self.interview_app.settings.demo:
            yield Static(Content("DEMO STORE - never real testimony"), classes="demo-banner")
        yield Static(Content("Review"), id="review-title")
        progress = ProgressBar(show_eta=False, id="review-progress")
        progress.display = False
        yield progress
        yield from self.compose_review()
        yield KeyFooter()

    def on_mount(self) -> None:
        self._label_boxes()
        self.set_interval(self.interview_app.settings.autosave_seconds, self.autosave)
        if self.reviews is not None:
            self._show_reviews()
        else:
            self.model_changed()

    def _title_head(self) -> str:
        return "Review"

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

    # Saving

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

    # Sealing and leaving

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
                "will be analysed again. Go back?",
                yes="Go back",
                no="Stay",
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

    def _seal_question(self) -> str:
        return (
            "Seal this record now? Once sealed, this laptop can no longer "
            "read it; only the project's data steward can."
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

    def before_lock(self) -> None:
        self.save()
        self.interview_app.reopen_after_unlock = self.draft_id
