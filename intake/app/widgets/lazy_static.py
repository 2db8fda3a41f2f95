"""Plain text in a scrolling box, drawn only where the box shows it.

A ``Static`` draws all of its text whenever it changes, and draws it again when
its height changes (its new size is a second refresh): a box of 5 rows holding
a hundred possible leftovers wrapped and styled every line twice for each review
decision. :class:`LazyStatic` looks and measures exactly as a ``Static`` of the
same plain text, but draws a line of text only when a row of it is shown,
keeping it until the text, the width or the styles change. It measures its
height by wrapping only the lines wider than the box, and new text that takes
as many rows as the old asks for no new layout of the screen.

Only what the review shows takes this path: plain text (no markup spans), left
aligned, wrapped and folded as a ``Static`` is by default. Anything else is
drawn as ``Static`` draws it. The rows carry no text selection offsets of their
own; the app allows no selection of testimony.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Self

from rich.cells import cell_len
from textual.content import Content
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.visual import Visual, VisualType
from textual.widgets import Static


class LazyStatic(Static):
    """A ``Static`` of plain text that draws only the rows shown."""

    def __init__(self, content: Content, *, id: str | None = None) -> None:
        self._lines: list[str] | None = None
        self._drawn: dict[tuple[int, int], list[Strip]] = {}
        self._starts: tuple[int, list[int]] | None = None
        super().__init__(content, id=id)
        self._lines = _plain_lines(content)

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        """Show new text (as ``Static.update``); no new layout when it takes as many rows."""
        self._lines = _plain_lines(content)
        self._forget()
        width, height = self.size
        starts = self._row_starts(width)
        if starts is not None and starts[-1] == height:
            layout = False
        measured, drawn = self._starts, dict(self._drawn)
        super().update(content, layout=layout)
        # The refresh forgot what was just measured and drawn of this very text.
        self._starts, self._drawn = measured, drawn

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        """As ``Widget.refresh``; a repaint also forgets the rows drawn (styles may differ)."""
        if repaint:
            self._forget()
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        starts = self._row_starts(width)
        if starts is None:
            return super().get_content_height(container, viewport, width)
        return starts[-1]

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        starts = self._row_starts(width)
        lines = self._lines
        if starts is None or lines is None or self.text_selection is not None:
            return super().render_line(y)
        index = bisect_right(starts, y) - 1
        if not 0 <= index < len(lines) or not width:
            return Strip.blank(width, self.visual_style.rich_style)
        rows = self._rows(index, width)
        row = y - starts[index]
        return rows[row] if row < len(rows) else Strip.blank(width, self.visual_style.rich_style)

    # Helpers -----------------------------------------------------------------------

    def _forget(self) -> None:
        self._drawn.clear()
        self._starts = None

    def _simple(self) -> bool:
        """Whether the styles wrap, fold and align as the lazy path assumes."""
        styles = self.styles
        return (
            styles.text_wrap == "wrap"
            and styles.text_overflow == "fold"
            and styles.text_align in ("left", "start")
            and tuple(styles.content_align) == ("left", "top")
            and not styles.line_pad
        )

    def _row_starts(self, width: int) -> list[int] | None:
        """The first row of each line at ``width``, and the number of rows last."""
        if self._lines is None or not width or not self._simple():
            return None
        if self._starts is not None and self._starts[0] == width:
            return self._starts[1]
        starts = [0]
        for index, line in enumerate(self._lines):
            fits = "\t" not in line and cell_len(line) <= width
            starts.append(starts[-1] + (1 if fits else len(self._rows(index, width))))
        self._starts = (width, starts)
        return starts

    def _rows(self, index: int, width: int) -> list[Strip]:
        """The rows of line ``index`` at ``width``, drawn as ``Static`` draws them."""
        key = (index, width)
        rows = self._drawn.get(key)
        if rows is None:
            assert self._lines is not None
            content = Content(self._lines[index])
            rows = Visual.to_strips(self, content, width, None, self.visual_style)
            self._drawn[key] = rows
        return rows


def _plain_lines(content: VisualType) -> list[str] | None:
    """The lines of plain content, or ``None`` for anything else."""
    if isinstance(content, Content) and not content.spans:
        return content.plain.split("\n")
    return None
