"""A menu whose highlighted line shows without colour: it starts with ``›``.

The lines are plain text (ids, counts and statuses, never testimony).
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from intake.app.widgets.choices import CURSOR


class Menu(OptionList):
    """An option list of plain-content lines; the highlighted one is marked ``›``."""

    def show_lines(self, options: list[Option]) -> None:
        """Replace the lines (each option's prompt must be :class:`Content`)."""
        self._plain = [option.prompt for option in options]
        self.clear_options()
        self.add_options(
            [Option(self._line(index, False), id=option.id) for index, option in enumerate(options)]
        )

    def line_text(self, index: int) -> str:
        """The line at ``index`` as shown, its marker included."""
        prompt = self._plain[index]
        assert isinstance(prompt, Content)
        return (CURSOR if index == self.highlighted else "") + prompt.plain

    def _line(self, index: int, marked: bool) -> Table:
        """The marker in a column of its own, so a long line wraps under its text."""
        prompt = self._plain[index]
        assert isinstance(prompt, Content)
        grid = Table.grid(padding=0)
        grid.add_column(no_wrap=True, width=len(CURSOR))
        grid.add_column(overflow="fold")
        grid.add_row(CURSOR if marked else "", Text(prompt.plain))
        return grid

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        plain = getattr(self, "_plain", [])
        if len(plain) == self.option_count:
            for index in range(self.option_count):
                self.replace_option_prompt_at_index(index, self._line(index, index == highlighted))
