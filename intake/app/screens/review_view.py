"""The review as shown: entities, the text of a mention, the redacted excerpt, moving.

The interviewer's review and the steward's re-review list the record's entities
(a person, place or thing with every mention of it in every text) beside the
text of the mention being looked at, with the redacted text around it and its
possible leftovers below. This part shows them and moves between entities,
mentions and texts; :mod:`intake.app.screens.review_base` adds deciding,
changing entities and sealing. A decision draws again only what it changed:
lines and boxes that show the same words are left as they are.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from anonymise.candidates import Candidate
from anonymise.entities import Entity, Mention
from anonymise.entity_review import EntityReview, entity_at
from anonymise.redact import Policy
from anonymise.review import Review
from anonymise.settlement import settle
from intake.analysis import research_content
from intake.app.screens.base import AppScreen
from intake.app.widgets.entity_list import EntityList
from intake.app.widgets.lazy_static import LazyStatic
from intake.app.widgets.review_text import ReviewText
from intake.app.widgets.safe_text import safe_content
from intake.protocol.model import Protocol
from intake.review_steps import entity_line, mention_in, preview, step_entity, step_mention


class ReviewView(AppScreen):
    """The entities beside the text of the mention looked at, the redacted excerpt and its
    leftovers below, and moving from entity to entity, mention to mention, text to text."""

    WIDGET_PREFIX: ClassVar[str]
    """How the ids of the screen's widgets begin (its stylesheet and tests use them)."""
    LEFTOVERS_LABEL: ClassVar[str] = "Leftovers"
    """The title of the leftovers box, before their count."""

    def __init__(
        self, state: EntityReview | None, protocol: Protocol, policy: Policy, *, id: str
    ) -> None:
        super().__init__(id=id)
        self.state: EntityReview | None = state
        """The review of every text, by entity; ``None`` until ready."""
        self.field_index = 0
        """Which free-text field is shown."""
        self.entity_id: str | None = None
        """The entity being decided."""
        self.current: Candidate | None = None
        """The mention of it shown (a candidate of the text shown)."""
        self._protocol = protocol
        self._policy = policy

    # What each screen adds

    def _title_head(self) -> str:
        """The start of the title, before the field shown."""
        raise NotImplementedError

    # Composing

    def _part(self, name: str) -> str:
        """The selector of one of the review's widgets."""
        return f"#{self.WIDGET_PREFIX}-{name}"

    def compose_review(self) -> ComposeResult:
        """The entities beside the text, the redacted preview beside its leftovers, the status."""
        prefix = self.WIDGET_PREFIX
        with Horizontal(id=f"{prefix}-main", classes="review-main"):
            yield EntityList(id=f"{prefix}-entities", classes="review-entities")
            yield ReviewText(id=f"{prefix}-text")
        with Horizontal(id=f"{prefix}-bottom"):
            with VerticalScroll(id=f"{prefix}-preview-box"):
                yield LazyStatic(Content(""), id=f"{prefix}-preview")
            with VerticalScroll(id=f"{prefix}-leftovers-box"):
                yield LazyStatic(Content(""), id=f"{prefix}-leftovers")
        yield Static(Content(""), id=f"{prefix}-status")

    def _label_boxes(self) -> None:
        self.query_one(self._part("preview-box")).border_title = "Redacted"
        self.query_one(self._part("leftovers-box")).border_title = "Leftovers"
        self.query_one(self._part("entities")).border_title = "Entities"

    # Showing

    @property
    def reviews(self) -> dict[str, Review] | None:
        """One review per free-text field as the decisions change them; ``None`` until ready."""
        return dict(self.state.reviews) if self.state is not None else None

    @property
    def field_ids(self) -> list[str]:
        """The reviewed fields, in interview (and protocol) order."""
        return self.state.text_ids if self.state is not None else []

    @property
    def review(self) -> Review | None:
        """The review of the field shown."""
        if not self.state or not self.state.reviews:
            return None
        return self.state.reviews[self.field_ids[self.field_index]]

    @property
    def entity(self) -> Entity | None:
        """The entity being decided."""
        if self.state is None or self.entity_id is None:
            return None
        try:
            return self.state.entities.get(self.entity_id)
        except KeyError:
            return None

    def _show_first(self) -> None:
        """Start at the first entity to decide (else the first entity)."""
        state = self.state
        if state is None:
            return
        chosen = state.pending[0] if state.pending else next(iter(state.entities), None)
        if chosen is None:
            self.entity_id, self.current = None, None
            self.field_index = 0
            self._refresh_view()
            return
        self._go_to(chosen.first)

    def _go_to(self, mention: Mention) -> None:
        """Show a mention: its text, its entity selected."""
        assert self.state is not None
        entity = entity_at(self.state.entities, mention.key)
        self.entity_id = entity.id if entity is not None else None
        self.field_index = self.field_ids.index(mention.text_id)
        self.current = self.state.candidate(mention)
        self._refresh_view()

    def _refresh_view(self) -> None:
        state, review = self.state, self.review
        if state is None or review is None:
            return
        field_id = self.field_ids[self.field_index]
        label = self._protocol.field(field_id).label
        left = len(state.pending)
        # What must stay readable at 80 columns first; the question's label last, cut with "…".
        title = (
            f"{self._title_head()} · {left} to decide · text {self.field_index + 1} of "
            f"{len(state.reviews)} · {label}"
        )
        self._put("title", Content(title), layout=False)
        entity = self.entity
        related = frozenset(
            (m.candidate.start, m.candidate.end)
            for m in (entity.mentions if entity is not None else ())
            if m.text_id == field_id
        )
        typed = state.typed(field_id)
        self.query_one(ReviewText).show(typed, self.current, related)
        self.query_one(EntityList).show(state, self.entity_id)
        shown = preview(
            typed,
            self.current,
            self._policy,
            self.interview_app.analyser_dictionary(),
            state.numbered(self._policy).pseudonyms(field_id),
            state.masked(field_id, self._policy),
        )
        self._put("preview", safe_content(shown.text))
        box = self.query_one(self._part("leftovers-box"))
        box.border_title = f"{self.LEFTOVERS_LABEL} ({len(shown.leftovers)})"
        box.border_subtitle = "l lists all"
        self._put(
            "leftovers",
            safe_content("\n".join(shown.leftovers) if shown.leftovers else "none in this part"),
        )
        self._describe_current()

    def _describe_current(self) -> None:
        state, entity, current = self.state, self.entity, self.current
        if state is None or entity is None or current is None:
            self._status("Nothing was found in this text. m marks missed words; Tab: next text.")
            return
        field_id = self.field_ids[self.field_index]
        settled = settle(entity, research_content(self._protocol))
        self._status(entity_line(state, entity, field_id, current, self._policy, settled))

    def _status(self, text: str) -> None:
        self._put("status", Content(text), layout=False)

    def _put(self, part: str, content: Content, *, layout: bool = True) -> None:
        """Show plain ``content`` in one of the review's lines or boxes, unless it is shown.

        The title and the status line are one line high whatever they hold, so they
        change without a new layout of the screen (``layout=False``).
        """
        static = self.query_one(self._part(part), Static)
        shown = static.content
        if isinstance(shown, Content) and not shown.spans and shown.plain == content.plain:
            return
        static.update(content, layout=layout)

    # Moving

    def action_move(self, step: int) -> None:
        """Go to the next or previous entity."""
        if self.state is None:
            return
        chosen = step_entity(self.state, self.entity_id, step)
        if chosen is not None:
            self._go_to(mention_in(chosen, self.field_ids[self.field_index]))

    def action_mention(self, step: int) -> None:
        """Show the entity's next or previous mention, in whichever text it is."""
        entity = self.entity
        if entity is None:
            return
        self._go_to(step_mention(entity, self.current, self.field_ids[self.field_index], step))

    def action_field(self, step: int) -> None:
        """Show the next or previous free-text field, at its first mention."""
        state = self.state
        if not state or not state.reviews:
            return
        self.field_index = (self.field_index + step) % len(state.reviews)
        field_id = self.field_ids[self.field_index]
        entity = self.entity
        mine = [m for m in (entity.mentions if entity else ()) if m.text_id == field_id]
        firsts = [m for e in state.entities for m in e.mentions if m.text_id == field_id]
        chosen = mine or sorted(firsts)
        if chosen:
            self._go_to(chosen[0])
            return
        self.entity_id, self.current = None, None
        self._refresh_view()
