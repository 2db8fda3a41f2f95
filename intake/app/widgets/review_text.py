"""The text under review, every candidate highlighted by its type and status.

Colours differ by entity type; the status shows in the form, not only the
colour: a candidate still to decide has a coloured background, an accepted one
(to be masked) is struck through as well, a rejected one (kept) is only
underlined. Every mention of the entity being decided is shown reversed; the
mention being looked at is also underlined and bold.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from rich.style import Style
from rich.text import Text

from anonymise.candidates import Candidate
from anonymise.review import ACCEPTED, REJECTED, Review
from intake.app.widgets.editor import FastTextArea

TYPE_COLOURS = {
    "PERSON": "#ffd700",
    "PLACE": "#00d7ff",
    "ORGANISATION": "#ff87ff",
    "NATIONALITY": "#ffaf5f",
    "DATE": "#87ff87",
    "AGE": "#87ff87",
    "PHONE": "#ff8787",
    "EMAIL": "#ff8787",
    "URL": "#ff8787",
    "IBAN": "#ff8787",
    "ID_NUMBER": "#ff8787",
    "CASE_NUMBER": "#ff8787",
    "AMOUNT": "#d7d7ff",
    "OCCUPATION": "#d7ff87",
    "OTHER": "#ffffff",
}
"""Background of each entity type (on the black high-contrast theme)."""


def candidate_style(entity_type: str, status: str, current: bool, related: bool = False) -> Style:
    """How a candidate of a type and status is drawn (``related``: of the entity decided)."""
    colour = TYPE_COLOURS.get(entity_type, "#ffffff")
    if status == REJECTED:
        style = Style(color=colour, underline=True)
    elif status == ACCEPTED:
        style = Style(color="#000000", bgcolor=colour, strike=True, bold=True)
    else:
        style = Style(color="#000000", bgcolor=colour, bold=True)
    if current:
        style += Style(reverse=True, underline=True, bold=True)
    elif related:
        style += Style(reverse=True)
    return style


class ReviewText(FastTextArea):
    """A read-only view of one free-text answer with its candidates marked."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", read_only=True, soft_wrap=True, id=id, tab_behavior="focus")
        self._review: Review | None = None
        self._current: Candidate | None = None
        self._related: frozenset[tuple[int, int]] = frozenset()
        self._line_starts: list[int] = [0]
        self._starts: list[int] = []
        self._longest = 0

    def show(
        self,
        review: Review,
        current: Candidate | None,
        related: frozenset[tuple[int, int]] = frozenset(),
    ) -> None:
        """Show a review (loading its text if it changed) with ``current`` selected.

        ``related`` are the spans of the other mentions of its entity in this text.
        """
        if self._review is None or self._review.text != review.text:
            self.load_text(review.text)
            self._line_starts = [0]
            for index, char in enumerate(review.text):
                if char == "\n":
                    self._line_starts.append(index + 1)
        if review is not self._review:
            self._starts = [item.candidate.start for item in review.items]
            self._longest = max(
                (item.candidate.end - item.candidate.start for item in review.items), default=0
            )
        self._review = review
        self._current = current
        self._related = related
        self._line_cache.clear()
        if current is not None:
            self.selection = self.selection.__class__(
                self.location(current.start), self.location(current.end)
            )
            self.scroll_cursor_visible(center=True)
        self.refresh()

    def clear_text(self) -> None:
        """Forget the text (used before the screen goes away)."""
        self._review = None
        self._current = None
        self._related = frozenset()
        self.load_text("")

    def location(self, index: int) -> tuple[int, int]:
        """(row, column) of a character offset of the text."""
        row = bisect_right(self._line_starts, index) - 1
        return row, index - self._line_starts[row]

    def stylize_piece(self, text: Text, line_index: int, start: int, end: int) -> None:
        review = self._review
        if review is None or line_index >= len(self._line_starts):
            return
        line_start = self._line_starts[line_index]
        low, high = line_start + start, line_start + end
        first = bisect_left(self._starts, low - self._longest)
        last = bisect_left(self._starts, high)
        current = (self._current.start, self._current.end) if self._current else None
        for item in review.items[first:last]:
            candidate = item.candidate
            if candidate.end <= low:
                continue
            style = candidate_style(
                candidate.entity_type,
                item.status,
                current is not None and (candidate.start, candidate.end) == current,
                (candidate.start, candidate.end) in self._related,
            )
            text.stylize(style, max(candidate.start, low) - low, min(candidate.end, high) - low)

    def _stylize_selection(self, text: Text, line_index: int, start: int, end: int) -> None:
        """The current candidate is drawn by :meth:`stylize_piece`, not as a selection."""
