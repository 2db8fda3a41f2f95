"""Re-review at the steward: decide what the analyser left undecided, then seal again.

The same keys and widgets as the interviewer's review (:class:`ReviewBase`:
``ReviewText``, the missed-words form, the redacted preview and leftovers),
over the reviews rebuilt from a sealed record rather than a draft. ctrl+f
seals the record again under its id as *reviewed* once every candidate is
decided; leaving, or the app locking, keeps the decisions taken so far in
the record, which stays unreviewed until sealed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from intake.app.screens.review_base import ReviewBase
from intake.app.screens.review_keys import review_bindings
from intake.app.screens.steward_home import STEWARD_CSS
from intake.app.widgets.entity_list import EntityList
from intake.app.widgets.key_footer import KeyFooter
from intake.app.widgets.review_text import ReviewText
from intake.errors import IntakeError
from intake.steward import OpenedRecord, policy_for, reseal_review
from store.errors import StoreError


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


class StewardReviewScreen(ReviewBase):
    """The re-review of one sealed record's free text."""

    HELP_TITLE = "Re-review"
    PURPOSE = (
        "Re-review the anonymisation of one record with the same keys as the "
        "interviewer's review; sealing it again as reviewed makes it exportable. Leaving "
        "keeps the decisions."
    )
    CSS_PATH = STEWARD_CSS
    WIDGET_PREFIX = "steward-review"
    BINDINGS: ClassVar[list[BindingType]] = [
        *review_bindings("steward_review", missed_tooltip="Mark missed words"),
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
            # As in the interviewer's review, Escape is in the help, not the footer:
            # at 80 columns the footer holds the review's own keys.
            show=False,
        ),
    ]

    def __init__(self, opened: OpenedRecord) -> None:
        super().__init__(
            opened.review, opened.protocol, policy_for(opened.protocol), id="steward-review"
        )
        self.opened = opened
        """The record as opened (holds testimony until the screen goes)."""

    def compose(self) -> ComposeResult:
        if self.interview_app.settings.demo:
            yield Static(Content("DEMO STORE · synthetic data · not secret"), classes="demo-banner")
        yield Static(Content("Re-review"), id="steward-review-title")
        yield from self.compose_review()
        yield KeyFooter()

    def on_mount(self) -> None:
        self._label_boxes()
        if not self.reviews:
            self.query_one("#steward-review-title", Static).update(
                Content(f"Re-review · record {self.opened.record_id[:8]} · no free text")
            )
            self._status("No free text in this record. ctrl+f seals it as reviewed.")
            return
        self._show_first()

    def _title_head(self) -> str:
        return f"Re-review {self.opened.record_id[:8]}"

    # Sealing and leaving

    def _seal_question(self) -> str:
        return f"Seal record {self.opened.record_id[:8]} as reviewed? It can then be exported."

    @work(thread=True, exclusive=True, exit_on_error=False, group="steward-seal")
    def seal(self) -> None:
        """Rebuild the record with the decisions and seal it again under its id."""
        state = self.state
        assert state is not None
        try:
            reviewed = reseal_review(
                self.interview_app.store,
                self.opened,
                dict(state.reviews),
                confirmed=True,
                edits=state.edits,
                entities=state.entities,
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

    def save_progress(self) -> bool:
        """Keep the decisions taken so far in the record (it stays unreviewed)."""
        state = self.state
        if not self._dirty or self._sealing or state is None:
            return False
        reseal_review(
            self.interview_app.store,
            self.opened,
            dict(state.reviews),
            confirmed=False,
            edits=state.edits,
            entities=state.entities,
        )
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
        self.state = None
        self.current = None
        self.query_one(ReviewText).clear_text()
        self.query_one("#steward-review-preview", Static).update(Content(""))
        self.query_one("#steward-review-leftovers", Static).update(Content(""))
        self.query_one(EntityList).forget()
