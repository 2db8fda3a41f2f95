"""Modal lists for the review by entity: which entity this one is the same as, which type.

Typing narrows the list of entities to those whose line holds the words typed;
the arrows move, Enter chooses, Escape cancels. Entity lines hold testimony:
shown as plain content, never markup.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from anonymise.candidates import ENTITY_TYPES
from intake.app.screens.base import AppModal


class EntityChoiceScreen(AppModal[str | None]):
    """Choose an entity from a list narrowed by typing; returns its id."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="entity_choice.cancel"),
        Binding("down", "step(1)", "Next", id="entity_choice.next", priority=True),
        Binding("up", "step(-1)", "Previous", id="entity_choice.previous", priority=True),
    ]

    def __init__(self, title: str, rows: list[tuple[str, str]]) -> None:
        super().__init__(classes="modal")
        self._title = title
        self._rows = rows
        """(entity id, its line) for each entity offered."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box choice-box"):
            yield Static(Content(self._title), classes="modal-question")
            yield Input(placeholder="type to narrow the list", id="entity-choice-filter")
            choices = OptionList(id="entity-choice-list")
            choices.can_focus = False
            yield choices
            yield Static(
                Content("↑↓ move · Enter: same entity · Escape: cancel"), classes="field-help"
            )

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#entity-choice-filter", Input).focus()

    def _fill(self, words: str) -> None:
        wanted = words.casefold().split()
        choices = self.query_one("#entity-choice-list", OptionList)
        choices.clear_options()
        choices.add_options(
            Option(Content(line), id=entity_id)
            for entity_id, line in self._rows
            if all(word in line.casefold() for word in wanted)
        )
        choices.highlighted = 0 if choices.option_count else None

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        choices = self.query_one("#entity-choice-list", OptionList)
        if choices.highlighted is None:
            return
        self.dismiss(choices.get_option_at_index(choices.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_step(self, step: int) -> None:
        """Move the highlight through the list."""
        choices = self.query_one("#entity-choice-list", OptionList)
        if choices.option_count:
            current = choices.highlighted if choices.highlighted is not None else -step
            choices.highlighted = (current + step) % choices.option_count

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)


class TypeChoiceScreen(AppModal[str | None]):
    """Choose an entity type: the arrows or the first letters move, Enter chooses."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="type_choice.cancel"),
    ]

    def __init__(self, current: str, label: str) -> None:
        super().__init__(classes="modal")
        self._current = current
        self._label = label
        """The entity's fullest mention (testimony: shown, never markup)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box choice-box"):
            yield Static(
                Content(f"Type of “{self._label}” (now {type_label(self._current)})"),
                classes="modal-question",
            )
            yield OptionList(
                *(Option(Content(type_label(kind)), id=kind) for kind in ENTITY_TYPES),
                id="type-choice-list",
            )
            yield Static(
                Content("↑↓ or a first letter move · Enter: choose · Escape: cancel"),
                classes="field-help",
            )

    def on_mount(self) -> None:
        choices = self.query_one("#type-choice-list", OptionList)
        choices.highlighted = ENTITY_TYPES.index(self._current)
        choices.focus()

    def on_key(self, event: events.Key) -> None:
        """A letter jumps to the next type that begins with it."""
        character = event.character
        if not character or not character.isalpha():
            return
        choices = self.query_one("#type-choice-list", OptionList)
        start = (choices.highlighted or 0) + 1
        order = list(range(start, len(ENTITY_TYPES))) + list(range(start))
        for index in order:
            if ENTITY_TYPES[index].startswith(character.upper()):
                choices.highlighted = index
                return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without changing the type."""
        self.dismiss(None)


_LABELS = {"URL": "URL (web address)", "IBAN": "IBAN", "EMAIL": "E-mail"}


def type_label(kind: str) -> str:
    """An entity type as a person reads it: ``ID_NUMBER`` is "Id number"."""
    return _LABELS.get(kind, kind.replace("_", " ").capitalize())
