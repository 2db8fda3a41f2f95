"""The help of a screen, on ``?`` or F1: what the screen is for and every key it takes."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from intake.app.screens.base import AppModal


def screen_keys(screen: Screen[Any]) -> list[tuple[str, str]]:
    """(keys, what they do) for every key of the screen and the app, hidden ones too."""
    rows: dict[str, tuple[list[str], str]] = {}
    for _node, binding, _enabled, tooltip in screen.active_bindings.values():
        if binding.id is None:
            continue
        keys, _what = rows.setdefault(binding.action, ([], tooltip or binding.description))
        keys.append(screen.app.get_key_display(binding))
    return [(" / ".join(keys), what) for keys, what in rows.values()]


class HelpScreen(AppModal[None]):
    """The keys of the screen below, and what it is for; any of Escape, ? or F1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "close", "Close", id="help.close"),
    ]

    def __init__(self, title: str, purpose: str, keys: list[tuple[str, str]]) -> None:
        super().__init__(classes="modal")
        self._title = title
        self._purpose = purpose
        self._keys = keys

    def compose(self) -> ComposeResult:
        width = max((len(keys) for keys, _what in self._keys), default=4)
        lines = [f"{keys.ljust(width)}  {what}" for keys, what in self._keys]
        with Vertical(classes="modal-box help-box"):
            yield Static(Content(f"Help · {self._title}  (Escape closes)"), classes="help-title")
            with VerticalScroll(classes="help-scroll"):
                yield Static(Content(self._purpose), classes="help-purpose")
                yield Static(Content("\n".join(lines)), classes="help-keys")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        """Back to the screen."""
        self.dismiss(None)
