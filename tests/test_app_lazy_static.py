"""The review's scrolling boxes show exactly what a ``Static`` of the same text shows.

``LazyStatic`` draws only the rows its box shows; side by side with a ``Static``
in the same kind of box, after the same updates, every row of both (scrolled
through to the end) and the boxes' scrollable heights must be the same.
"""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Static

from intake.app.widgets.lazy_static import LazyStatic


class Boxes(App[None]):
    CSS = """
    Horizontal { height: 8; }
    VerticalScroll { width: 1fr; border: solid $secondary; }
    .wide { width: 2fr; }
    """

    def __init__(self, wide: bool) -> None:
        super().__init__()
        self.wide = wide

    def compose(self) -> ComposeResult:
        first, second = ("wide", "") if self.wide else ("", "wide")
        with Horizontal():
            with VerticalScroll(classes=first):
                yield Static(Content(""), id="stock")
            with VerticalScroll(classes=second):
                yield Static(Content("balance"))
        with Horizontal():
            with VerticalScroll(classes=first):
                yield LazyStatic(Content(""), id="lazy")
            with VerticalScroll(classes=second):
                yield Static(Content("balance"))


def drawn(strips: list[Strip]) -> list[list[tuple[str, object]]]:
    """What a row shows: its text and colours (not the mouse metadata)."""
    return [
        [(text, style.clear_meta_and_links() if style else None) for text, style, _ in strip]
        for strip in (Strip(Segment.simplify(list(strip))) for strip in strips)
    ]


async def compare(texts: list[str], width: int, wide: bool) -> None:
    app = Boxes(wide)
    async with app.run_test(size=(width, 20)) as pilot:
        stock, lazy = app.query_one("#stock", Static), app.query_one("#lazy", LazyStatic)
        # Each text, then the same text in other letters: as many rows, so no new layout.
        for text in [shown for given in texts for shown in (given, given.swapcase())]:
            stock.update(Content(text))
            lazy.update(Content(text))
            await pilot.pause()
            assert lazy.size == stock.size
            stock_box, lazy_box = stock.parent, lazy.parent
            assert isinstance(stock_box, VerticalScroll) and isinstance(lazy_box, VerticalScroll)
            assert lazy_box.virtual_size == stock_box.virtual_size
            whole = Region(0, 0, stock.outer_size.width, stock.outer_size.height)
            assert drawn(lazy.render_lines(whole)) == drawn(stock.render_lines(whole))
            for top in (0, 3, 2):  # scrolled down and back: rows drawn again from the cache
                stock_box.scroll_to(y=top, animate=False)
                lazy_box.scroll_to(y=top, animate=False)
                await pilot.pause()
                assert screen_rows(app, 8, 16) == screen_rows(app, 0, 8)
            assert str(lazy.render()) == str(stock.render()) == text


def screen_rows(app: App[None], low: int, high: int) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()[low:high]]


WORDS = ["Karim", "word17", "  ", "\t", "a", "عربي", "日本語", "supercalifragilistic" * 2, "·", ""]
lines = st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join)
texts = st.lists(lines, max_size=12).map("\n".join)


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(st.lists(texts, min_size=1, max_size=3), st.integers(30, 90), st.booleans())
def test_a_lazy_static_shows_what_a_static_shows(
    updates: list[str], width: int, wide: bool
) -> None:
    asyncio.run(compare(updates, width, wide))
