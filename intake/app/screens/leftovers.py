"""Every possible leftover of every redacted text, with the words around it.

The seal question counts what may have survived redaction (capitalised words
not in the dictionary, digits); this lists them all, so the reviewer can check
each before sealing. The excerpts hold testimony: shown, never markup, and the
screen goes away when the app locks.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from intake.app.screens.base import AppModal
from intake.app.widgets.safe_text import safe_content


class LeftoversScreen(AppModal[None]):
    """The leftovers of every text, one a line; Escape or l closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,l,q", "close", "Close", id="leftovers.close"),
    ]

    def __init__(self, texts: list[tuple[str, list[str]]]) -> None:
        super().__init__(classes="modal")
        self._texts = texts
        """(the question's label, its leftovers) for each text that has any."""

    def compose(self) -> ComposeResult:
        count = sum(len(found) for _label, found in self._texts)
        with Vertical(classes="modal-box help-box"):
            yield Static(
                Content(f"Possible leftovers in the redacted texts: {count}  (Escape closes)"),
                classes="help-title",
            )
            with VerticalScroll(classes="help-scroll"):
                if not self._texts:
                    yield Static(Content("None: nothing looks left over."))
                for label, found in self._texts:
                    yield Static(Content(label), classes="leftovers-text")
                    yield Static(safe_content("\n".join(found)), classes="help-purpose")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        """Back to the review."""
        self.dismiss(None)
