"""The unlock screen: the passphrase opens the store; nothing else is shown."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widgets import Input, Static

from intake.app.messages import Unlocked, UnlockRefused
from intake.app.screens.base import AppScreen
from intake.app.widgets.key_footer import KeyFooter
from intake.app.widgets.model_status import ModelStatus
from intake.drafts import unlock_store

WRONG = "That passphrase did not open the store. Try again."


class UnlockScreen(AppScreen):
    """Asks for the passphrase; the Argon2 check runs in a worker."""

    HELP_TITLE = "Unlock"
    PURPOSE = (
        "Type the store's passphrase and press Enter. Nothing in the store can be read "
        "until then; the language model loads meanwhile."
    )

    def __init__(self, reason: str = "") -> None:
        super().__init__(id="unlock")
        self.reason = reason
        """Why the app is locked (e.g. "Locked after 3 minutes without input.")."""

    def compose(self) -> ComposeResult:
        settings = self.interview_app.settings
        with Center(), Vertical(id="unlock-box"):
            if settings.demo:
                yield Static(
                    Content("DEMO STORE · synthetic data · not secret"),
                    classes="demo-banner",
                )
            yield Static(Content("Testimony intake"), id="unlock-title")
            yield Static(Content(f"Store: {self.interview_app.store_label}"), id="unlock-store")
            if self.reason:
                yield Static(Content(self.reason), id="unlock-reason")
            yield Static(Content("Passphrase"), classes="field-label")
            yield Input(password=True, id="passphrase", placeholder="type the passphrase")
            if settings.demo_passphrase:
                yield Static(
                    Content(f"Demo passphrase (published): {settings.demo_passphrase}"),
                    id="unlock-demo-passphrase",
                )
            yield Static(Content(""), id="unlock-status")
            yield ModelStatus()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()
        self.model_changed()

    def model_changed(self) -> None:
        app = self.interview_app
        self.query_one(ModelStatus).show(app.model_line(), app.model_loading)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        passphrase = event.value
        field = self.query_one("#passphrase", Input)
        field.value = ""
        if not passphrase:
            return
        field.disabled = True
        self.query_one("#unlock-status", Static).update(Content("Unlocking…"))
        self.unlock(passphrase)

    @work(thread=True, exclusive=True, exit_on_error=False, group="unlock")
    def unlock(self, passphrase: str) -> None:
        """Check the passphrase off the interface thread."""
        if unlock_store(self.interview_app.store, passphrase):
            self.post_message(Unlocked())
        else:
            self.post_message(UnlockRefused())

    def on_unlock_refused(self, _message: UnlockRefused) -> None:
        field = self.query_one("#passphrase", Input)
        field.disabled = False
        field.focus()
        self.query_one("#unlock-status", Static).update(Content(WRONG))

    async def on_unlocked(self, _message: Unlocked) -> None:
        self.interview_app.after_unlock()

    def failed(self) -> None:
        """The unlock worker failed: let the interviewer try again."""
        self.on_unlock_refused(UnlockRefused())
