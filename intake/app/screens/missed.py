"""A modal form to mark words the analyser missed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Checkbox, Input, Select, Static

from anonymise.candidates import ENTITY_TYPES, PERSON
from intake.app.screens.base import AppModal


@dataclass(frozen=True)
class MissedSpan:
    """Words to mask, as the interviewer typed them."""

    words: str
    """The exact words, found in the text case-insensitively."""
    entity_type: str
    """What they are."""
    every_occurrence: bool
    """Mask every mention, not just the next one."""


class MissedSpanScreen(AppModal[MissedSpan | None]):
    """Type the words, choose their type; Enter marks them, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="missed.cancel"),
        Binding("ctrl+s", "submit", "Mark", id="missed.submit"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="modal")

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box"):
            yield Static(Content("Mark words the analyser missed"), classes="modal-question")
            yield Input(placeholder="the exact words, e.g. Abu Hamza", id="missed-words")
            yield Select[str](
                [(Content(kind.title()), kind) for kind in ENTITY_TYPES],
                value=PERSON,
                allow_blank=False,
                id="missed-type",
            )
            yield Checkbox("Every occurrence in this text", value=True, id="missed-every")
            yield Static(Content("Enter or ctrl+s: mark · Escape: cancel"), classes="field-help")
            yield Static(Content(""), classes="field-error", id="missed-error")

    def on_mount(self) -> None:
        self.query_one("#missed-words", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        """Return the words to mark."""
        words = self.query_one("#missed-words", Input).value.strip()
        if not words:
            self.query_one("#missed-error", Static).update(Content("Type the words to mask."))
            return
        kind = self.query_one("#missed-type", Select).value
        every = self.query_one("#missed-every", Checkbox).value
        self.dismiss(MissedSpan(words, str(kind), every))

    def action_cancel(self) -> None:
        """Close without marking anything."""
        self.dismiss(None)
