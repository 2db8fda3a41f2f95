"""The steward's home: the records by status, re-review of unreviewed ones, export, lock.

Only ids, protocols and coarse statuses are listed; opening a record for
re-review decrypts it in a worker and shows it on
:class:`~intake.app.screens.steward_review.StewardReviewScreen`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from intake.app.screens.base import AppScreen
from intake.app.widgets.key_footer import KeyFooter
from intake.app.widgets.menu import Menu
from intake.errors import IntakeError
from intake.steward import OpenedRecord, open_for_review, protocol_source, records_overview
from store.errors import StoreError
from store.models import RecordStatus

EXPORT = "export"
LOCK = "lock"
STEWARD_CSS = "../steward.tcss"
"""The steward screens' styles, relative to this folder."""


@dataclass
class RecordOpened(Message):
    """A record was opened for re-review."""

    opened: OpenedRecord = field(repr=False)
    """The record and its rebuilt reviews (holds testimony)."""


@dataclass
class StewardProblem(Message):
    """Something the steward can act on went wrong; one line, never testimony."""

    line: str
    """What to show."""


class StewardHomeScreen(AppScreen):
    """What the steward sees after unlocking a steward store."""

    HELP_TITLE = "Data steward"
    PURPOSE = (
        "The records in this store by status. Unreviewed records must be reviewed here "
        "before they can be exported."
    )
    CSS_PATH = STEWARD_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "e",
            "export",
            "Export",
            id="steward.export",
            tooltip="Check the disclosure report, then export reviewed records",
        ),
        Binding(
            "u",
            "next_unreviewed",
            "Next unreviewed",
            id="steward.next_unreviewed",
            tooltip="Open the first record waiting for review",
        ),
    ]

    def __init__(self) -> None:
        super().__init__(id="steward-home")
        self._opening = False

    def compose(self) -> ComposeResult:
        app = self.interview_app
        with Vertical(id="steward-home-box"):
            if app.settings.demo:
                yield Static(
                    Content("DEMO STORE · synthetic data · not secret"),
                    classes="demo-banner",
                )
            yield Static(Content(f"Data steward · store {app.store_label}"), id="steward-title")
            yield Static(Content(""), id="steward-overview")
            yield Menu(id="steward-menu")
            yield Static(
                Content("Enter on a record re-reviews it; unreviewed records cannot be exported."),
                id="steward-help",
            )
            yield Static(Content(""), id="steward-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_lists()
        self.query_one("#steward-menu", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_lists()

    def refresh_lists(self) -> None:
        """List the records (ids and coarse status only) and count them."""
        overview = records_overview(self.interview_app.store)
        self.query_one("#steward-overview", Static).update(Content(overview.line()))
        menu = self.query_one("#steward-menu", Menu)
        highlighted = menu.highlighted
        options = [
            Option(Content(f"Export reviewed records ({overview.reviewed})"), id=EXPORT),
        ]
        for info in overview.records:
            status = "waiting for review" if info.status is RecordStatus.UNREVIEWED else "reviewed"
            verb = "Review" if info.status is RecordStatus.UNREVIEWED else "Re-review"
            options.append(
                Option(
                    Content(f"{verb} record {info.record_id[:8]}  · {status}"),
                    id=info.record_id,
                )
            )
        options.append(Option(Content("Lock now"), id=LOCK))
        menu.show_lines(options)
        count = len(options)
        menu.highlighted = min(highlighted, count - 1) if highlighted is not None else 0

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = event.option.id
        if choice == EXPORT:
            self.action_export()
        elif choice == LOCK:
            self.interview_app.lock_now()
        elif choice is not None:
            self.open_record(choice)

    def action_export(self) -> None:
        """Show the export form."""
        from intake.app.screens.steward_export import StewardExportScreen

        self.app.push_screen(StewardExportScreen())

    def action_next_unreviewed(self) -> None:
        """Open the first record that waits for review."""
        overview = records_overview(self.interview_app.store)
        waiting = [i for i in overview.records if i.status is RecordStatus.UNREVIEWED]
        if not waiting:
            self._status("No record is waiting for review.")
            return
        self.open_record(waiting[0].record_id)

    def open_record(self, record_id: str) -> None:
        """Decrypt a record and show its review (in a worker)."""
        if self._opening:
            return
        self._opening = True
        self._status(f"Opening record {record_id[:8]}…")
        self.open_in_worker(record_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="steward-open")
    def open_in_worker(self, record_id: str) -> None:
        """Open the record and rebuild its reviews off the interface thread."""
        app = self.interview_app
        try:
            opened = open_for_review(app.store, record_id, protocol_source(app.protocol))
        except (IntakeError, StoreError) as problem:
            self.post_message(StewardProblem(str(problem)))
            return
        self.post_message(RecordOpened(opened))

    def on_record_opened(self, message: RecordOpened) -> None:
        from intake.app.screens.steward_review import StewardReviewScreen

        self._opening = False
        self._status("")
        self.app.push_screen(StewardReviewScreen(message.opened))

    def on_steward_problem(self, message: StewardProblem) -> None:
        self._opening = False
        self._status(message.line)

    def failed(self) -> None:
        """A worker of this screen failed (the app has said so)."""
        self._opening = False
        self._status("")

    def _status(self, text: str) -> None:
        self.query_one("#steward-status", Static).update(Content(text))
