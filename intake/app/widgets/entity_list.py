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
                    self.replace_option_prompt(row_id, Content(row))
        self._rows = rows
        self.border_title = f"Entities ({len(rows)})"
        if entity_id is not None:
            self.highlighted = self.get_option_index(entity_id)

    def forget(self) -> None:
        """Drop every line (before the screen goes away or the app locks)."""
        self.clear_options()
        self._rows = []
