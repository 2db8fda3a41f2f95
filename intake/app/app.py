"""The interview app: a Textual front end over a store, an anonymiser and a protocol.

The back end is injected: the app takes an open (locked) :class:`store.Store`,
a factory that builds the anonymiser (slow: it runs in a worker at start-up
while the unlock screen is already usable), a protocol and its settings.

Nothing typed ever reaches a log, the clipboard or an exception message:
copying is turned off, the app writes no log, and every worker failure is
reported by :meth:`InterviewApp.worker_changed` as one fixed line.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import events, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.theme import Theme
from textual.worker import Worker, WorkerState

from anonymise.entity_review import EntityEdit
from anonymise.review import Review
from intake.analysis import Analyser, AnalyserFactory
from intake.app.messages import ModelFailed, ModelReady
from intake.app.screens.base import AppScreen
from intake.drafts import KeptReview, draft_progress, read_draft
from intake.flow import FlowError, Interview, Stage
from intake.protocol.model import Protocol
from intake.settings import Settings
from store.errors import StoreError
from store.models import DraftInfo, StoreRole
from store.repository import Store

HIGH_CONTRAST = Theme(
    name="testimony-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#00ffff",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#202020",
    boost="#303030",
    warning="#ffaf00",
    error="#ff5f5f",
    success="#5fff5f",
    dark=True,
    variables={
        "footer-key-foreground": "#ffff00",
        "footer-description-foreground": "#ffffff",
        "input-selection-background": "#ffff00 40%",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#ffff00",
    },
)
"""White and bright colours on black: readable in bad light."""

_INPUT_EVENTS = (
    events.Key,
    events.MouseDown,
    events.MouseScrollDown,
    events.MouseScrollUp,
    events.Paste,
)

_TABS = frozenset({"tab", "shift+tab"})
_ALWAYS_AT_ONCE = frozenset({"ctrl+l", "ctrl+q"})
"""Keys that act at once, even while a step is being replaced."""

FAILURES = {
    "model": "The language model could not be loaded: review is not possible in this session.",
    "unlock": "The store could not be unlocked. Try again.",
    "analysis": "The analysis of the free text failed. Go back and forward to try again.",
    "seal": "The record could not be sealed; the draft is kept.",
    "steward-open": "The record could not be opened for review.",
    "steward-seal": "The reviewed record could not be sealed; it stays as it was.",
    "steward-plan": "The disclosure check failed; nothing was written.",
    "steward-export": "The export failed; nothing of it was kept.",
}
"""The one line shown when a worker of a group fails (never the error's own text)."""
CRASH_LINE = (
    "testimony: the interview app stopped after an unexpected error. The last saved "
    "draft is kept. The error is not shown: it could hold testimony."
)
"""What is printed when the app stops on an unexpected error."""


class InterviewApp(App[None]):
    """The interviewer's app."""

    CSS_PATH = "app.tcss"
    TITLE = "Testimony intake"
    ENABLE_COMMAND_PALETTE = False
    ALLOW_SELECT = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+l",
            "lock",
            "Lock",
            priority=True,
            id="app.lock",
            tooltip="Save the draft, clear the screen and lock the store",
        ),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit", tooltip="Save and quit"),
        Binding(
            "f1,question_mark",
            "help",
            "Help",
            id="app.help",
            tooltip="What this screen is for and every key it takes",
        ),
    ]

    def __init__(
        self,
        store: Store,
        analyser_factory: AnalyserFactory,
        protocol: Protocol,
        settings: Settings | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.store = store
        """The open store; locked until the passphrase is given."""
        self.protocol = protocol
        """The protocol new interviews follow."""
        self.settings = settings or Settings()
        """How the app behaves."""
        self.analyser: Analyser | None = None
        """The anonymiser, once built."""
        self.model_failed = False
        """Whether building the anonymiser failed."""
        self.reopen_after_unlock: str | None = None
        """The draft that was open when the app locked; it reopens after unlocking."""
        self._factory = analyser_factory
        self._clock = clock
        self._model_started = clock()
        self._model_seconds: float | None = None
        self._last_input = clock()

    # Start-up

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        self.theme = HIGH_CONTRAST.name
        from intake.app.screens.unlock import UnlockScreen

        self.push_screen(UnlockScreen())
        self.load_model()
        if self.settings.idle_lock_seconds:
            self.set_interval(1.0, self.lock_if_idle)

    @property
    def store_label(self) -> str:
        """How the store is named on screen: its folder's name."""
        return Path(self.store.folder).name

    @work(thread=True, exclusive=True, exit_on_error=False, group="model")
    def load_model(self) -> None:
        """Build the anonymiser in a thread: the app is usable meanwhile."""
        started = self._clock()
        analyser = self._factory()
        self.call_from_thread(self._model_ready, analyser, self._clock() - started)

    def _model_ready(self, analyser: Analyser, seconds: float) -> None:
        self.analyser = analyser
        self._model_seconds = seconds
        self.post_message(ModelReady(seconds))

    def on_model_ready(self, _message: ModelReady) -> None:
        self._tell_screens()

    def on_model_failed(self, _message: ModelFailed) -> None:
        self._tell_screens()

    def _tell_screens(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, AppScreen):
                screen.model_changed()

    @property
    def model_loading(self) -> bool:
        """Whether the anonymiser is still being built."""
        return self.analyser is None and not self.model_failed

    def model_line(self) -> str:
        """One line about the language model, for the screens that show it."""
        if self.analyser is not None:
            return f"Language model ready (loaded in {self._model_seconds or 0:.1f} s)."
        if self.model_failed:
            return FAILURES["model"]
        return "Language model loading in the background; it is needed only for the review."

    def analyser_dictionary(self) -> frozenset[str]:
        """The dictionary the leftovers check uses (empty before the model is loaded)."""
        return self.analyser.dictionary if self.analyser is not None else frozenset()

    # Failures: one handler for every worker

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.worker_changed(event)

    def worker_changed(self, event: Worker.StateChanged) -> None:
        """Report a failed worker with one fixed line; its error text is never shown."""
        if event.state is not WorkerState.ERROR:
            return
        group = event.worker.group
        if group == "model":
            self.model_failed = True
            self.post_message(ModelFailed(FAILURES["model"]))
        self.notify(FAILURES.get(group, "Something went wrong."), severity="error", timeout=8)
        screen = event.worker.node
        failed = getattr(screen, "failed", None)
        if callable(failed):
            failed()

    # Privacy

    def _fatal_error(self) -> None:
        """An unexpected error: one fixed line, never Textual's traceback with its locals."""
        self.bell()
        self._exit_renderables.append(Text(CRASH_LINE))
        self._close_messages_no_wait()

    def panic(self, *renderables: RenderableType) -> None:
        """Stop with the fixed line: Textual panics with errors that render themselves
        and with the terminal driver's tracebacks, whose messages could quote testimony."""
        self._fatal_error()

    def copy_to_clipboard(self, text: str) -> None:
        """Copying is turned off: testimony must not reach the clipboard (OSC 52)."""
        self._clipboard = ""
        self.notify("Cutting and copying are turned off: testimony stays in the app.", timeout=3)

    # Help

    def action_help(self) -> None:
        """Show the help of the screen in front (not over another question)."""
        from intake.app.screens.help import HelpScreen, screen_keys

        screen = self.screen
        if isinstance(screen, AppScreen):
            self.push_screen(HelpScreen(screen.HELP_TITLE, screen.PURPOSE, screen_keys(screen)))

    # Idle lock and lock

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, _INPUT_EVENTS):
            self._last_input = self._clock()
        if isinstance(event, events.Key) and event.key not in _ALWAYS_AT_ONCE:
            screen = self.screen
            if isinstance(screen, AppScreen) and screen.moving:
                screen.hold_key(event)
                return
            if isinstance(screen, AppScreen) and screen.TAB_AT_ONCE and event.key in _TABS:
                # Move focus now: keys typed right after Tab belong to the next question,
                # and would otherwise reach the one that still had focus when they arrived.
                screen.focus_next() if event.key == "tab" else screen.focus_previous()
                return
        await super().on_event(event)

    def lock_if_idle(self) -> None:
        """Lock when nothing was typed or clicked for the configured time."""
        limit = self.settings.idle_lock_seconds
        if not limit or not self.store.is_unlocked:
            return
        if self._clock() - self._last_input >= limit:
            minutes = limit / 60
            when = f"{minutes:g} minutes" if limit >= 60 else f"{limit:g} seconds"
            self.lock_now(f"Locked after {when} without input.")

    def action_lock(self) -> None:
        """Lock at once."""
        self.lock_now("Locked.")

    def lock_now(self, reason: str = "Locked.") -> None:
        """Save the draft, remove every screen that shows testimony, then lock the store."""
        from intake.app.screens.unlock import UnlockScreen

        if not self.store.is_unlocked:
            return
        for screen in reversed(self.screen_stack):
            if isinstance(screen, AppScreen):
                try:
                    screen.before_lock()
                except (StoreError, FlowError):
                    self.notify("The draft could not be saved before locking.", severity="error")
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(UnlockScreen(reason))
        self.store.lock()

    async def action_quit(self) -> None:
        """Save the draft and quit."""
        if self.store.is_unlocked:
            for screen in self.screen_stack:
                if isinstance(screen, AppScreen):
                    try:
                        screen.before_lock()
                    except (StoreError, FlowError):
                        self.notify("The draft could not be saved.", severity="error")
                        return
            self.store.lock()
        self.exit()

    # Navigation

    def after_unlock(self) -> None:
        """Unlocked: reopen the draft that was open at locking, or go home."""
        self._last_input = self._clock()
        draft_id, self.reopen_after_unlock = self.reopen_after_unlock, None
        if draft_id is not None and any(d.draft_id == draft_id for d in self.store.list_drafts()):
            self.resume_draft(draft_id)
        else:
            self.go_home()

    def go_home(self, message: str = "") -> None:
        """Show the home screen."""
        from intake.app.screens.home import HomeScreen
        from intake.app.screens.steward_home import StewardHomeScreen

        while len(self.screen_stack) > 2:
            self.pop_screen()
        steward = self.store.role is StoreRole.STEWARD
        self.switch_screen(StewardHomeScreen() if steward else HomeScreen())
        if message:
            self.notify(message, timeout=6)

    def start_interview(self) -> None:
        """A new interview, at consent."""
        self.open_interview(Interview.start(self.protocol), None)

    def open_interview(
        self,
        interview: Interview,
        draft_id: str | None,
        kept: KeptReview | None = None,
    ) -> None:
        """Show an interview at its current step (or its review), keeping its review so far."""
        if interview.stage is Stage.REVIEW:
            self.start_review(interview, draft_id, kept)
            return
        from intake.app.screens.interview import InterviewScreen

        self.switch_screen(InterviewScreen(interview, draft_id, kept))

    def start_review(
        self,
        interview: Interview,
        draft_id: str | None,
        kept: KeptReview | None = None,
    ) -> None:
        """Show the review of a finished interview (analysed unless ``kept`` is current)."""
        from intake.app.screens.review import ReviewScreen

        self.switch_screen(ReviewScreen(interview, draft_id, kept, self.settings.display_language))

    def resume_draft(self, draft_id: str) -> None:
        """Decrypt a draft and continue it where it was left."""
        info = next((d for d in self.store.list_drafts() if d.draft_id == draft_id), None)
        if info is None:
            self.notify("That draft is gone.", severity="error")
            return
        if (info.protocol_id, info.protocol_version) != (self.protocol.id, self.protocol.version):
            self.notify(
                f"That draft follows {info.protocol_id} {info.protocol_version}; "
                "open the app with that protocol to continue it.",
                severity="warning",
            )
            return
        try:
            interview, kept = read_draft(self.protocol, self.store.load_draft(draft_id))
        except (StoreError, FlowError):
            self.notify("That draft cannot be read.", severity="error")
            return
        self.open_interview(interview, draft_id, kept)

    def save_draft(
        self,
        interview: Interview,
        draft_id: str | None,
        reviews: Mapping[str, Review] | None = None,
        *,
        current: bool = False,
        edits: tuple[EntityEdit, ...] = (),
    ) -> str | None:
        """Encrypt and save a draft; on failure say so in one line and keep going."""
        from intake.drafts import save_draft

        try:
            return save_draft(
                self.store, interview, draft_id, reviews, current=current, edits=edits
            )
        except (StoreError, FlowError):
            self.notify("The draft could not be saved.", severity="error")
            return draft_id

    def draft_status(self, draft: DraftInfo) -> str:
        """A coarse status of a draft for the home screen: where it is, no content."""
        return draft_progress(self.store, draft, self.protocol)
