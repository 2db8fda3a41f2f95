"""The home screen: start an interview, resume a draft, see what waits for a bundle, lock."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from intake.app.screens.base import AppScreen
from intake.app.screens.confirm import ConfirmScreen
from intake.app.widgets.key_footer import KeyFooter
from intake.app.widgets.menu import Menu
from intake.app.widgets.model_status import ModelStatus
from intake.drafts import sealed_records_line
from store.models import DraftInfo

NEW = "new"
LOCK = "lock"


class HomeScreen(AppScreen):
    """What the interviewer sees after unlocking."""

    HELP_TITLE = "Home"
    PURPOSE = (
        "Start a new interview, resume a draft (drafts are listed by id and step, never "
        "by name) or delete one. Sealed records wait here for a bundle to the steward."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "New interview", id="home.new", tooltip="Start a new interview"),
        Binding(
            "delete",
            "discard",
            "Discard draft",
            id="home.discard",
            tooltip="Delete the highlighted draft for good",
        ),
    ]

    def __init__(self) -> None:
        super().__init__(id="home")
        self._drafts: dict[str, DraftInfo] = {}

    def compose(self) -> ComposeResult:
        app = self.interview_app
        with Vertical(id="home-box"):
            if app.settings.demo:
                yield Static(
                    Content("DEMO STORE · synthetic data · not secret"),
                    classes="demo-banner",
                )
            yield Static(Content(f"Testimony intake · store {app.store_label}"), id="home-title")
            yield Menu(id="home-menu")
            yield Static(Content(""), id="home-records")
            yield ModelStatus()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_lists()
        self.model_changed()
        self.query_one("#home-menu", OptionList).focus()

    def refresh_lists(self) -> None:
        """Read the drafts and records (ids and coarse status only) and list them."""
        app = self.interview_app
        menu = self.query_one("#home-menu", Menu)
        protocol = app.protocol
        options = [Option(Content(f"New interview  · {protocol.id} {protocol.version}"), id=NEW)]
        self._drafts = {}
        for draft in app.store.list_drafts():
            self._drafts[draft.draft_id] = draft
            status = app.draft_status(draft)
            text = (
                f"Resume draft {draft.draft_id[:8]}  {draft.protocol_id} {draft.protocol_version}"
            )
            options.append(Option(Content(f"{text}  · {status}"), id=draft.draft_id))
        options.append(Option(Content("Lock now"), id=LOCK))
        menu.show_lines(options)
        menu.highlighted = 0
        line = sealed_records_line(app.store)
        self.query_one("#home-records", Static).update(Content(line))

    def model_changed(self) -> None:
        app = self.interview_app
        self.query_one(ModelStatus).show(app.model_line(), app.model_loading)

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = event.option.id
        if choice == NEW:
            self.action_new()
        elif choice == LOCK:
            self.interview_app.lock_now()
        elif choice is not None:
            self.interview_app.resume_draft(choice)

    def action_new(self) -> None:
        """Start a new interview at its consent step."""
        self.interview_app.start_interview()

    def action_discard(self) -> None:
        """Ask, then delete the highlighted draft."""
        menu = self.query_one("#home-menu", OptionList)
        if menu.highlighted is None:
            return
        draft_id = menu.get_option_at_index(menu.highlighted).id
        if draft_id not in self._drafts:
            return

        def answered(sure: bool | None) -> None:
            if sure and draft_id is not None:
                self.interview_app.store.delete_draft(draft_id)
                self.refresh_lists()
                self.notify("The draft was deleted.")

        self.app.push_screen(
            ConfirmScreen(
                f"Delete draft {draft_id[:8]} for good? It cannot be brought back.",
                yes="Delete",
                no="Keep it",
            ),
            answered,
        )
