"""The narrative editor shows and edits exactly what Textual's own TextArea does.

The editor replaces how rows are drawn and how wrapped lines are cut (for speed
on long paragraphs); the same keys on the same text must give the same text,
cursor and screen as the stock widget. Control characters are the intended
difference: the editor shows them as symbols.
"""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import TextArea

from intake.app.widgets.editor import NarrativeEditor
from intake.app.widgets.safe_text import visible

pytestmark = pytest.mark.anyio


class EditorApp(App[None]):
    CSS = "TextArea { height: 10; }"

    def __init__(self, editor: TextArea) -> None:
        super().__init__()
        self.editor = editor

    def compose(self) -> ComposeResult:
        yield self.editor


def paragraph(words: int, every: int = 0) -> str:
    parts = []
    for index in range(words):
        parts.append(f"word{index % 31}" + ("," if index % 7 == 6 else ""))
        if every and index % every == every - 1:
            parts.append("\n")
    return " ".join(parts)


KEYS = [
    ["x", "y", "space", "z"],
    ["down", "down", "a", "end", "b", "up", "c"],
    ["shift+right", "shift+right", "shift+down", "q"],
    ["backspace", "backspace", "delete", "enter", "n"],
    ["pagedown", "m", "pageup", "home", "k"],
]


async def run(editor: TextArea, keys: list[str], start: tuple[int, int]) -> tuple[str, object, str]:
    app = EditorApp(editor)
    async with app.run_test(size=(60, 16)) as pilot:
        editor.focus()
        editor.move_cursor(start)
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        lines = [
            "".join(segment.text for segment in strip)
            for strip in app.screen._compositor.render_strips()
        ]
        return editor.text, editor.selection, "\n".join(lines)


@pytest.mark.parametrize("keys", KEYS)
@pytest.mark.parametrize(
    ("text", "start"),
    [(paragraph(600), (0, 1200)), (paragraph(300, every=40), (3, 20)), ("", (0, 0))],
)
async def test_editor_matches_the_stock_text_area(
    text: str, start: tuple[int, int], keys: list[str]
) -> None:
    ours = await run(NarrativeEditor(text, soft_wrap=True), keys, start)
    stock = await run(TextArea(text, soft_wrap=True), keys, start)
    assert ours == stock


async def test_control_characters_are_shown_as_symbols() -> None:
    text = "before \x1b[31mred\x1b[0m after"
    app = EditorApp(NarrativeEditor(text, soft_wrap=True))
    async with app.run_test(size=(60, 8)) as pilot:
        await pilot.pause()
        screen = "".join(
            segment.text for strip in app.screen._compositor.render_strips() for segment in strip
        )
        assert "\x1b" not in screen
        assert visible(text) in screen
        assert app.editor.text == text
