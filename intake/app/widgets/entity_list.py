"""The list of a review's entities: status, type, fullest mention and number of mentions.

It never takes the focus (the review's keys move through it) and rewrites only
the lines that changed, so a decision on a long record stays quick. Its lines
hold testimony: shown as plain content, never markup, and forgotten by
:meth:`EntityList.forget`.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from anonymise.entity_review import EntityReview
from intake.review_steps import entity_row


class EntityList(OptionList):
    """Every entity of a review, one a line, the one being decided highlighted."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.can_focus = False
        self._rows: list[tuple[str, str]] = []

    def show(self, state: EntityReview, entity_id: str | None) -> None:
        """Show the entities of ``state``, ``entity_id`` highlighted."""
        rows = [(entity.id, entity_row(state, entity)) for entity in state.entities]
        if [entity_id for entity_id, _row in rows] != [i for i, _row in self._rows]:
            self.set_options(Option(Content(row), id=row_id) for row_id, row in rows)
        else:
            for index, (row_id, row) in enumerate(rows):
                if row != self._rows[index][1]:
                    self._rewrite(row_id, Content(row))
        self._rows = rows
        self.border_title = f"Entities ({len(rows)})"
        if entity_id is not None:
            self.highlighted = self.get_option_index(entity_id)

    def _rewrite(self, row_id: str, row: Content) -> None:
        """Give one line new words, drawing only that line again.

        ``replace_option_prompt`` measures the height of every option again, which
        on a long record costs more than the rest of a decision; an entity's line is
        one line high whatever it says (the list never wraps), so only the line
        itself needs drawing again.
        """
        option = self.get_option(row_id)
        option._set_prompt(row)
        cache = self._option_render_cache
        rendered = cache.keys()  # the cache has no iterator of its own
        for key in [key for key in rendered if key[0] is option]:
            cache.discard(key)
        self.refresh()

    def forget(self) -> None:
        """Drop every line (before the screen goes away or the app locks)."""
        self.clear_options()
        self._rows = []
