"""Choosing answers without colour, at any width, and by typing the first letters.

Every choice question with more than yes and no is a :class:`ChoiceList`: the
answers always in view (scrolling past about ten), each on its own line so a
long label wraps instead of being cut. What is chosen reads without colour,
``(•)`` against ``( )`` for one answer and ``[x]`` against ``[ ]`` for several,
chosen lines end in "✓ chosen", and the line under the cursor starts with ``›``.
Typing letters jumps to the first answer that starts with them (or has a word
that does); a letter that matches nothing there starts a new search. A scale
takes its digits at once.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList, RadioButton
from textual.widgets.option_list import Option

CURSOR = "› "
"""Starts the line under the cursor."""
CHOSEN = "  ✓ chosen"
"""Ends a chosen line."""


def fold(text: str) -> str:
    """Text for matching typed letters: no case, no accents, no ʿ ʾ marks."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum() or c.isspace())


def find_answer(labels: Sequence[str], typed: str) -> int | None:
    """The first label starting with ``typed``, else the first with a word that does."""
    wanted = fold(typed)
    if not wanted:
        return None
    folded = [fold(label) for label in labels]
    for index, label in enumerate(folded):
        if label.startswith(wanted):
            return index
    for index, label in enumerate(folded):
        if any(word.startswith(wanted) for word in label.split()):
            return index
    return None


async def run_own_binding(widget: Widget, event: events.Key) -> bool:
    """Run the widget's own binding for ``event`` here, where the key was sent.

    Textual resolves a binding when the key has bubbled up to the app, from
    whatever has focus *then*: after a fast Tab, a "y" or a Space meant for
    one question would answer the next. A control that runs its own keys
    as it receives them answers the question that had focus when the key
    was pressed.
    """
    for binding in widget._bindings.key_to_bindings.get(event.key, ()):
        if not binding.priority:
            event.stop()
            event.prevent_default()
            await widget.run_action(binding.action)
            return True
    return False


class ChoiceButton(RadioButton):
    """A yes/no button whose state reads without colour: ``(•)`` chosen, ``( )`` not."""

    @property
    def _button(self) -> Content:
        return Content.styled("(•)" if self.value else "( )", "bold" if self.value else "")


class ChoiceList(OptionList):
    """The answers of one question; one or several chosen (see the module docstring)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "select", "Choose", show=False),
    ]

    @dataclass
    class Changed(Message):
        """What is chosen changed."""

        choices: ChoiceList
        """The list whose answer changed."""

    @dataclass
    class Finding(Message):
        """The letters typed so far, and whether they found an answer."""

        choices: ChoiceList
        typed: str
        found: bool

    def __init__(
        self,
        answers: Sequence[tuple[str, int]],
        chosen: Sequence[int],
        *,
        multiple: bool,
        digits_choose: bool = False,
        id: str | None = None,
    ) -> None:
        self._labels = [label for label, _value in answers]
        self._values = [value for _label, value in answers]
        self._chosen = {value for value in chosen if value in self._values}
        self.multiple = multiple
        """Whether several answers can be chosen."""
        self._digits_choose = digits_choose
        self._typed = ""
        super().__init__(*[Option(self._prompt(i, False)) for i in range(len(answers))], id=id)

    # What is chosen

    @property
    def chosen(self) -> list[int]:
        """The chosen values, in the order of the answers."""
        return [value for value in self._values if value in self._chosen]

    def chosen_labels(self) -> list[str]:
        """The labels of the chosen answers, in order."""
        return [
            label
            for label, value in zip(self._labels, self._values, strict=True)
            if value in self._chosen
        ]

    def label_at(self, index: int) -> str:
        """The label of the answer at ``index``."""
        return self._labels[index]

    def choose(self, index: int) -> None:
        """Choose the answer at ``index`` (for several: choose or unchoose it)."""
        value = self._values[index]
        if self.multiple:
            self._chosen ^= {value}
        else:
            self._chosen = {value}
        self._redraw()
        self.post_message(self.Changed(self))

    # Drawing

    def _prompt(self, index: int, under_cursor: bool) -> Table:
        """One answer: cursor and mark in a column of their own, so a long label hangs."""
        chosen = self._values[index] in self._chosen
        marks = ("[x] ", "[ ] ") if self.multiple else ("(•) ", "( ) ")
        mark = (CURSOR if under_cursor else "  ") + (marks[0] if chosen else marks[1])
        label = Text(self._labels[index], style="bold" if chosen else "")
        if chosen:
            label.append(CHOSEN, style="italic")
        grid = Table.grid(padding=0)
        grid.add_column(no_wrap=True, width=len(mark))
        grid.add_column(overflow="fold")
        grid.add_row(Text(mark, style="bold" if chosen else ""), label)
        return grid

    def _redraw(self) -> None:
        for index in range(self.option_count):
            under_cursor = self.has_focus and index == self.highlighted
            self.replace_option_prompt_at_index(index, self._prompt(index, under_cursor))

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if self.option_count == len(self._labels):
            self._redraw()

    def on_mount(self) -> None:
        first = next((i for i, v in enumerate(self._values) if v in self._chosen), 0)
        self.highlighted = first if self._values else None

    def _on_focus(self, event: events.Focus) -> None:
        self.call_later(self._redraw)

    def _on_blur(self, event: events.Blur) -> None:
        self._typed = ""
        self.call_later(self._redraw)

    # Keys

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list is self:
            event.stop()
            self._typed = ""
            self.choose(event.option_index)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list is self:
            event.stop()

    async def _on_key(self, event: events.Key) -> None:
        if event.key in ("up", "down", "pageup", "pagedown", "home", "end"):
            self._typed = ""
        if await run_own_binding(self, event):
            return
        if event.key == "backspace" and self._typed:
            self._find(self._typed[:-1], restart=False)
        elif event.key == "escape" and self._typed:
            self._find("", restart=False)
        elif event.is_printable and event.character and event.character not in " ?":
            character = event.character
            if self._digits_choose and character.isdigit():
                index = next(
                    (i for i, label in enumerate(self._labels) if label.split()[0] == character),
                    None,
                )
                if index is not None:
                    self.highlighted = index
                    self.choose(index)
            else:
                self._find(self._typed + character, restart=True)
        else:
            return
        event.stop()
        event.prevent_default()

    def _find(self, typed: str, *, restart: bool) -> None:
        found = find_answer(self._labels, typed)
        if found is None and restart and len(typed) > 1:
            typed = typed[-1]
            found = find_answer(self._labels, typed)
        self._typed = typed
        if found is not None:
            self.highlighted = found
        self.post_message(self.Finding(self, typed, found is not None))
