"""What every screen of the app shares: worker failures go to the app's one handler."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import events
from textual.screen import ModalScreen, Screen
from textual.worker import Worker

if TYPE_CHECKING:
    from intake.app.app import InterviewApp

ResultType = TypeVar("ResultType")


class AppScreen(Screen[None]):
    """A full screen of the interview app."""

    HELP_TITLE: ClassVar[str] = "Testimony intake"
    """The screen's name in its help."""
    PURPOSE: ClassVar[str] = ""
    """What the screen is for, in a sentence or two, for its help."""
    TAB_AT_ONCE: ClassVar[bool] = False
    """Whether Tab and Shift+Tab move focus as they arrive, before the keys that follow."""

    @property
    def interview_app(self) -> InterviewApp:
        """The app, typed."""
        from intake.app.app import InterviewApp

        assert isinstance(self.app, InterviewApp)
        return self.app

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.interview_app.worker_changed(event)

    @property
    def moving(self) -> bool:
        """Whether the screen is replacing its content; keys wait until it is done."""
        return False

    def hold_key(self, event: events.Key) -> None:
        """Keep a key pressed while :attr:`moving`, to apply it afterwards."""

    def before_lock(self) -> None:
        """Save what must be kept before the app locks (the draft, if any)."""

    def model_changed(self) -> None:
        """The language model finished loading, or failed to."""


class AppModal(ModalScreen[ResultType]):
    """A modal form of the interview app."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        from intake.app.app import InterviewApp

        if isinstance(self.app, InterviewApp):
            self.app.worker_changed(event)


def ignore(*_args: Any) -> None:
    """A callback that does nothing."""
