"""One question of a step, rendered for its field type, with its error beside it.

Every label and help text is shown as plain content, never as markup; answers
are shown as typed. A :class:`FieldBox` knows how to read its control back into
the raw value :meth:`intake.flow.Interview.set_answer` takes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, RadioButton, RadioSet, Static

from intake.app.widgets.choices import ChoiceButton, ChoiceList, run_own_binding
from intake.app.widgets.editor import NarrativeEditor
from intake.app.widgets.safe_text import VisibleControls
from intake.protocol.model import Field, FieldType

FIND_HINT = 10
"""Lists longer than this say that typing finds an answer."""


@dataclass
class FieldChanged(Message):
    """The interviewer changed an answer."""

    field_id: str
    """The field whose control changed."""


def choices_of(field: Field) -> list[tuple[str, int | bool]]:
    """(label, value) of every answer a choice-like field offers, in order."""
    if field.type is FieldType.YES_NO:
        return [("Yes", True), ("No", False)]
    if field.type is FieldType.SCALE:
        low = int(field.minimum if field.minimum is not None else 1)
        high = int(field.maximum if field.maximum is not None else 5)
        anchors = dict(field.anchors)
        return [
            (f"{point}  {anchors[point]}" if point in anchors else str(point), point)
            for point in range(low, high + 1)
        ]
    assert field.vocabulary is not None
    return [(choice.label, choice.code) for choice in field.vocabulary.choices]


def shown_value(raw: object) -> str:
    """How a stored answer or rejected input reads back into a text box."""
    if raw is None:
        return ""
    return raw if isinstance(raw, str) else str(raw)


class AnswerInput(Input):
    """A one-line answer: control characters shown as symbols, no cutting."""

    def action_cut(self) -> None:
        """Cutting would delete text that no clipboard holds: refused."""
        self.notify("Cutting and copying are turned off: testimony stays in the app.")


class YesNoSet(RadioSet):
    """A yes/no question: ``y`` and ``n`` answer it at once."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "y", "pick(0)", "Yes", id="field.yes", show=False, tooltip="Answer Yes to this question"
        ),
        Binding(
            "n", "pick(1)", "No", id="field.no", show=False, tooltip="Answer No to this question"
        ),
    ]

    async def _on_key(self, event: events.Key) -> None:
        await run_own_binding(self, event)

    picked: int | None = None
    """The button pressed, known at once: the radio set learns it only from a message,
    and an answer read in between (ctrl+n right after y or n) would be the old one."""

    def action_pick(self, index: int) -> None:
        """Press the button at ``index``."""
        buttons = list(self.query(RadioButton))
        if 0 <= index < len(buttons):
            self.picked = index
            buttons[index].value = True

    def _on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self.picked = event.index


class FieldBox(Vertical):
    """A question: its label, help, control and the line for its error."""

    def __init__(self, field: Field, raw: object, *, tall: bool = False) -> None:
        classes = "field-box"
        if field.protected:
            classes += " protected"
        if tall:
            classes += " tall"
        super().__init__(classes=classes, id=f"box-{field.id}")
        self.field = field
        """The question."""
        self._raw = raw
        self.control = self._make_control(field, raw)
        """The input widget of the question."""

    def compose(self) -> object:  # type: ignore[override]
        field = self.field
        label = Content(field.label)
        if field.required:
            label = label + Content.styled(" (required)", "italic")
        if field.type is FieldType.YES_NO:
            label = label + Content.styled("  · keys y / n", "italic")
        if field.protected:
            label = Content.styled("PROTECTED  ", "bold") + label
        yield Static(label, classes="field-label")
        if field.help:
            yield Static(Content(field.help), classes="field-help")
        yield self.control
        if isinstance(self.control, ChoiceList):
            yield Static(self._chosen_line(), classes="field-chosen")
        error = Static(Content(""), classes="field-error")
        error.display = False
        yield error

    def _make_control(self, field: Field, raw: object) -> Widget:
        name = f"field-{field.id}"
        if field.type is FieldType.LONG_TEXT:
            editor = NarrativeEditor(
                shown_value(raw), id=name, soft_wrap=True, tab_behavior="focus"
            )
            return editor
        if field.type in (FieldType.TEXT, FieldType.NUMBER, FieldType.YEAR, FieldType.DATE):
            placeholder = {
                FieldType.DATE: "YYYY-MM-DD",
                FieldType.YEAR: "e.g. 2015",
                FieldType.NUMBER: "a number",
            }.get(field.type, "")
            return AnswerInput(
                shown_value(raw),
                placeholder=placeholder,
                id=name,
                select_on_focus=False,
                highlighter=VisibleControls(),
            )
        options = choices_of(field)
        if field.type is FieldType.YES_NO:
            buttons = [
                ChoiceButton(Content(label), value=_same(raw, value), id=f"{name}-{index}")
                for index, (label, value) in enumerate(options)
            ]
            yes_no = YesNoSet(*buttons, id=name, classes="inline")
            yes_no.picked = next((i for i, (_l, v) in enumerate(options) if _same(raw, v)), None)
            return yes_no
        if isinstance(raw, list | tuple):
            chosen = [int(v) for v in raw if isinstance(v, int)]
        elif isinstance(raw, int) and not isinstance(raw, bool):
            chosen = [raw]
        else:
            chosen = []
        return ChoiceList(
            [(label, int(value)) for label, value in options],
            chosen,
            multiple=field.type is FieldType.MULTIPLE_CHOICE,
            digits_choose=field.type is FieldType.SCALE,
            id=name,
        )

    def value(self) -> object:
        """The raw answer the control holds now (``None`` when nothing is chosen)."""
        control = self.control
        if isinstance(control, NarrativeEditor):
            return control.text
        if isinstance(control, Input):
            return control.value
        if isinstance(control, ChoiceList):
            chosen = control.chosen
            if control.multiple:
                return chosen
            return chosen[0] if chosen else None
        if isinstance(control, YesNoSet):
            return None if control.picked is None else choices_of(self.field)[control.picked][1]
        if isinstance(control, RadioSet):
            pressed = [i for i, button in enumerate(control.query(RadioButton)) if button.value]
            return choices_of(self.field)[pressed[0]][1] if pressed else None
        raise TypeError("unknown control")

    def show_error(self, message: str | None) -> None:
        """Show the question's error next to it, or clear it."""
        error = self.query_one(".field-error", Static)
        error.update(Content(message or ""))
        error.display = bool(message)
        self.set_class(bool(message), "has-error")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(FieldChanged(self.field.id))

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.post_message(FieldChanged(self.field.id))

    def on_choice_list_changed(self, event: ChoiceList.Changed) -> None:
        event.stop()
        self.query_one(".field-chosen", Static).update(self._chosen_line())
        self.post_message(FieldChanged(self.field.id))

    def on_choice_list_finding(self, event: ChoiceList.Finding) -> None:
        event.stop()
        if not event.typed:
            line = self._chosen_line()
        elif event.found:
            line = Content.from_markup(
                "Finding: $typed  · Enter or Space chooses", typed=event.typed
            )
        else:
            line = Content.from_markup("No answer starts with $typed", typed=event.typed)
        self.query_one(".field-chosen", Static).update(line)

    def _chosen_line(self) -> Content:
        """What is chosen, in words (a long list may have it scrolled out of view)."""
        control = self.control
        assert isinstance(control, ChoiceList)
        labels = control.chosen_labels()
        hint = "type letters to find, " if control.option_count > FIND_HINT else ""
        key = "Space or Enter chooses" if not control.multiple else "Space or Enter ticks"
        if not labels:
            return Content(f"Nothing chosen yet · {hint}{key}")
        return Content("Chosen: ") + Content("; ".join(labels)).stylize("bold")


def _same(raw: object, value: object) -> bool:
    return raw == value and isinstance(raw, bool) == isinstance(value, bool)
