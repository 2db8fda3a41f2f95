"""Testimony on screen: never markup, and never a terminal control sequence.

An answer may hold control characters (a pasted ANSI colour code, an escape
that would set the terminal's title or clipboard). They are kept in the answer
as typed, but shown as visible symbols (ESC as ␛), one character for one, so
offsets and cursor positions do not move.
"""

from __future__ import annotations

from rich.highlighter import Highlighter
from rich.text import Text
from textual.content import Content

_KEEP = {"\n", "\t"}
CONTROL_PICTURES = {
    code: (0x2400 + code if code < 0x20 else 0x2421 if code == 0x7F else 0xFFFD)
    for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]
    if chr(code) not in _KEEP
}
"""Control character -> a visible symbol (C0: the Control Pictures block; C1: U+FFFD)."""
_WITH_TAB = {**CONTROL_PICTURES, 0x09: 0x2409}


def visible(text: str, *, tabs: bool = False) -> str:
    """``text`` with every control character (and tabs, if asked) replaced by a symbol."""
    return text.translate(_WITH_TAB if tabs else CONTROL_PICTURES)


def safe_content(text: str) -> Content:
    """Testimony as content: plain text, control characters shown as symbols."""
    return Content(visible(text))


class VisibleControls(Highlighter):
    """For ``Input``: shows control characters of the value as symbols."""

    def __call__(self, text: str | Text) -> Text:
        plain = text.plain if isinstance(text, Text) else text
        shown = Text(visible(plain, tabs=True), no_wrap=True, overflow="ignore", end="")
        if isinstance(text, Text):
            for span in text.spans:
                shown.stylize(span.style, span.start, span.end)
        return shown

    def highlight(self, text: Text) -> None:
        """Nothing to colour: the work is done in ``__call__``."""
