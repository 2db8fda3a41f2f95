"""The anonymisation review: decide on every entity the free-text answers mention.

The analyser runs in a worker (after the model has loaded); its candidates are
linked into entities across every text of the interview. The interviewer moves
from entity to entity with the keyboard, masks or keeps each one (every mention
at once), merges, splits and retypes entities, moves a mention's ends by a
word, marks missed words, and sees the redacted text and the possible
leftovers change as they go (all of which :class:`ReviewBase` provides).
Going back to change an answer keeps the review, whose decisions over the
unchanged texts the next analysis keeps. Sealing builds the record and seals
it; the laptop can no longer read it afterwards.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import ProgressBar, Static
from textual.worker import get_current_worker

from anonymise.entity_review import EntityReview, edits_over
from intake.analysis import analyse_with_progress, reviews_cover, settled_review
from intake.app.messages import AnalysisDone, AnalysisProgress, RecordSealed
from intake.app.screens.review_base import ReviewBase
from intake.app.screens.review_keys import review_bindings
from intake.app.widgets.key_footer import KeyFooter
from intake.app.widgets.review_text import ReviewText
from intake.drafts import KeptReview, seal_interview
from intake.flow import FlowError, Interview
from intake.known_from_answers import known_identifiers
from intake.protocol.translate import in_language
from intake.record import redaction_policy


class ReviewScreen(ReviewBase):
    """Review of the free text of one interview, then sealing."""

    HELP_TITLE = "Review"
    PURPOSE = (
        "Decide on every person, place and date the analyser found, entity by entity: one"
        " decision masks or keeps every mention, in every text. Merge two entities that are"
        " one, split off a mention that is another, change a type. The redacted text and "
        "possible leftovers update as you go. Sealing makes the record unreadable on this "
        "laptop."
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
        kept: KeptReview | None = None,
        display_language: str | None = None,
    ) -> None:
        # The questions' labels in the language the app shows.
        shown = in_language(interview.protocol, display_language)
        super().__init__(None, shown, redaction_policy(interview), id="review")
        self.interview = interview
        """The interview, at its review stage."""
        self.draft_id = draft_id
        """Its draft."""
        self.earlier = kept if kept is not None else KeptReview({}, current=False)
        """The review kept in the draft: as it was left (``current``), or taken before an
        answer was changed, whose decisions (and merges, splits, type changes) the
        analysis keeps over every text left as it was."""
        self._resume = self.earlier.current and reviews_cover(interview, self.earlier.reviews)
        self._known = known_identifiers(interview.protocol, interview.relevant_answers())

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
        if self._resume:
            self._status("Opening the review as it was left…")
            self.link_kept()
        else:
            self.model_changed()

    def _title_head(self) -> str:
        return "Review"

    # Analysis

    def model_changed(self) -> None:
        if self.state is not None or self._resume:
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

        earlier = self.earlier
        reviews = analyse_with_progress(analyser, self.interview, progress, earlier.reviews)
        if reviews is None or worker.is_cancelled:
            return
        edits = edits_over(earlier.edits, earlier.reviews, reviews)
        linked = EntityReview.link(reviews, self._known, edits)
        self.post_message(AnalysisDone(settled_review(linked, self.interview.protocol)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis")
    def link_kept(self) -> None:
        """Link the review kept in the draft into entities (slow on a long text)."""
        kept = self.earlier
        review = EntityReview.link(kept.reviews, self._known, kept.edits)
        if not get_current_worker().is_cancelled:
            self.post_message(AnalysisDone(review, analysed=False))

    def on_analysis_progress(self, message: AnalysisProgress) -> None:
        bar = self.query_one("#review-progress", ProgressBar)
        bar.display = message.done < message.total
        bar.update(total=message.total, progress=message.done)
        if message.done < message.total:
            self._status(
                f"Looking for names, places and dates: text {message.done + 1} of {message.total}…"
            )
        else:
            self._status("Linking every mention of one person, place or date…")

    def on_analysis_done(self, message: AnalysisDone) -> None:
        self.state = message.review
        self._resume = False
        if message.analysed:
            self._dirty = True
            self.save()
        self._show_reviews()

    def _show_reviews(self) -> None:
        self.field_index = 0
        if not self.reviews:
            self._status("No free text to review. ctrl+f seals the record.")
            self.query_one("#review-title", Static).update(Content("Review · no free text"))
            return
        self._show_first()

    # Saving

    def save(self) -> None:
        """Save the draft with the review as it stands (encrypted)."""
        if self._dirty and self.state is not None and not self._sealing:
            self.draft_id = self.interview_app.save_draft(
                self.interview, self.draft_id, self.reviews, current=True, edits=self.state.edits
            )
            self._dirty = False

    def autosave(self) -> None:
        """Save changed decisions (called every few seconds)."""
        self.save()

    # Sealing and leaving

    def action_back(self) -> None:
        """Back to the last step, keeping the decisions: a text left unchanged keeps them all."""
        try:
            moved = self.interview.back()
        except FlowError:
            return
        state = self.state
        kept = (
            KeptReview(dict(state.reviews), current=False, edits=state.edits)
            if state is not None
            else dataclasses.replace(self.earlier, current=False)
        )
        self.state = None
        self.interview_app.open_interview(moved, self.draft_id, kept)

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
        state = self.state
        assert state is not None
        record_id, reviewed = seal_interview(
            self.interview_app.store,
            self.interview,
            dict(state.reviews),
            self.draft_id,
            state.edits,
            state.entities,
        )
        self.post_message(RecordSealed(record_id, reviewed))

    async def on_record_sealed(self, message: RecordSealed) -> None:
        self.state = None
        self.query_one(ReviewText).clear_text()
        self.interview_app.go_home(
            f"Record {message.record_id[:8]} sealed. This laptop can no longer read it."
        )

    def before_lock(self) -> None:
        self.save()
        self.interview_app.reopen_after_unlock = self.draft_id
