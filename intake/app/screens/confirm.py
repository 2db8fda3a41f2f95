"""A yes/no question in a modal: the keyboard answers it (y / n / Escape / Enter).

The safe answer is the default: Enter (and Escape) answer No, so a tired
interviewer who presses Enter by habit loses nothing. Only ``y`` or the Yes
button says yes.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from intake.app.screens.base import AppModal


class ConfirmScreen(AppModal[bool]):
    """Dismisses with ``True`` for yes and ``False`` for no (the default)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__(classes="modal")
        self.question = question
        self._yes = yes
        self._no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box"):
            yield Static(Content(self.question), classes="modal-question")
            with Horizontal(classes="modal-buttons"):
                yield Button(Content(f"{self._no} (n, Enter)"), id="no", variant="primary")
                yield Button(Content(f"{self._yes} (y)"), id="yes", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """Answer the question."""
        self.dismiss(answer)
