"""Text areas that stay responsive when one paragraph holds a whole narrative.

Textual's ``TextArea`` renders a soft-wrapped row by styling the *whole*
document line and dividing it at every wrap point, then keeping one piece: with
a 20,000-word paragraph that is thousands of pieces for each of the ~20 rows on
screen, on every key press. :class:`FastTextArea` renders only the piece a row
shows, and cuts a line into its wrapped pieces by slicing the string (Textual
builds and divides rich text for that too, on every cursor move). It keeps what
the interview app uses (cursor, selection, the cursor line, soft wrap) and
drops what it does not (line numbers, syntax highlighting, bracket matching,
suggestions).
"""

from __future__ import annotations

import itertools
from bisect import bisect_right

from rich.style import Style
from rich.text import Text
from textual._cells import cell_len
from textual.document._document import Location
from textual.document._wrapped_document import WrappedDocument
from textual.expand_tabs import expand_tabs_inline
from textual.geometry import Offset, clamp
from textual.strip import Strip
from textual.widgets import TextArea

from intake.app.widgets.safe_text import visible


class FastWrappedDocument(WrappedDocument):
    """Wrapped pieces of a line by slicing, not by building and dividing rich text."""

    def get_sections(self, line_index: int) -> list[str]:
        line = self.document[line_index]
        bounds = [0, *self._wrap_offsets[line_index], len(line)]
        return [line[low:high] for low, high in itertools.pairwise(bounds)]

    def location_to_offset(self, location: Location) -> Offset:
        """Where a location of the document is on screen, cutting out only its own piece
        of the line (Textual cuts the whole line into pieces first)."""
        line_index, column_index = location
        line_index = clamp(line_index, 0, len(self._line_index_to_offsets))
        wrap_offsets = self.get_offsets(line_index)
        section_index = bisect_right(wrap_offsets, column_index)
        y_offsets = self._line_index_to_offsets[line_index]
        line = self.document[line_index]
        start = wrap_offsets[section_index - 1] if section_index else 0
        end = wrap_offsets[section_index] if section_index < len(wrap_offsets) else len(line)
        section = line[start:end]
        x_offset = cell_len(expand_tabs_inline(section[: column_index - start], self._tab_width))
        return Offset(x_offset, y_offsets[section_index])


class FastTextArea(TextArea):
    """A plain-text area whose rows cost the same however long their paragraph is."""

    @property
    def wrapped_document(self) -> WrappedDocument:
        """The soft-wrapped view of the document (its pieces are cut by slicing)."""
        return self._fast_wrapped

    @wrapped_document.setter
    def wrapped_document(self, value: WrappedDocument) -> None:
        if type(value) is WrappedDocument:
            value.__class__ = FastWrappedDocument
        self._fast_wrapped = value

    def action_cut(self) -> None:
        """Cutting would delete text that no clipboard holds: refused."""
        self.notify("Cutting and copying are turned off: testimony stays in the app.")

    def stylize_piece(self, text: Text, line_index: int, start: int, end: int) -> None:
        """Add styles to the piece ``[start, end)`` of a document line (offsets of the line)."""

    def _render_line(self, y: int) -> Strip:
        theme = self._theme
        base_style = theme.base_style if theme and theme.base_style is not None else self.rich_style
        wrapped = self.wrapped_document
        _scroll_x, scroll_y = self.scroll_offset
        rows = wrapped._offset_to_line_info
        row = y + scroll_y
        info = rows[row] if 0 <= row < len(rows) else None
        if info is None:
            return Strip.blank(self.size.width, base_style)
        line_index, section = info
        plain = self.document.get_line(line_index)
        offsets = wrapped.get_offsets(line_index)
        bounds = [0, *offsets, len(plain)]
        start, end = bounds[section], bounds[section + 1]
        last = section == len(offsets)
        text = Text(visible(plain[start:end]), end="", no_wrap=True)
        if last:
            text.set_length(end - start + 1)
        cursor_row, cursor_column = self.selection.end
        on_cursor_line = self._has_cursor and cursor_row == line_index
        cursor_line_style = (
            theme.cursor_line_style if theme and self.highlight_cursor_line else None
        )
        if on_cursor_line and cursor_line_style:
            text.stylize(cursor_line_style)
        self.stylize_piece(text, line_index, start, end)
        self._stylize_selection(text, line_index, start, end)
        if (
            on_cursor_line
            and self._draw_cursor
            and theme
            and theme.cursor_style
            and (start <= cursor_column < end or (last and cursor_column == end))
        ):
            text.stylize(theme.cursor_style, cursor_column - start, cursor_column - start + 1)
        text.expand_tabs(self.indent_width)
        if self.soft_wrap:
            width = self.scrollable_content_region.size.width
        else:
            width = max(self.virtual_size.width, self.region.size.width)
        strip = Strip(text.render(self.app.console), cell_length=text.cell_len)
        if not self.soft_wrap:
            scroll_x = self.scroll_offset.x
            strip = strip.crop(scroll_x, scroll_x + self.virtual_size.width)
        row_style: Style | None = (
            cursor_line_style if on_cursor_line else (theme.base_style if theme else None)
        )
        return strip.extend_cell_length(width, row_style).apply_style(base_style)

    def _stylize_selection(self, text: Text, line_index: int, start: int, end: int) -> None:
        theme = self._theme
        selection = self.selection
        if selection.is_empty or theme is None or theme.selection_style is None:
            return
        (top_row, top_column), (bottom_row, bottom_column) = sorted(selection)
        if not top_row <= line_index <= bottom_row:
            return
        first = top_column if line_index == top_row else 0
        last = bottom_column if line_index == bottom_row else end + 1
        low, high = max(first, start), min(last, end + 1)
        if low < high:
            text.stylize(theme.selection_style, low - start, high - start)


class NarrativeEditor(FastTextArea):
    """The editor of long answers: soft-wrapped plain text, Tab leaves the field."""

    DEFAULT_CSS = """
    NarrativeEditor {
        height: 8;
    }
    """
