"""What the interviewer's review and the steward's re-review share.

Both list the record's entities (a person, place or thing with every mention of
it in every text) beside the text of the mention being looked at. One decision
masks or keeps an entity; the reviewer can merge two entities, split a mention
off into an entity of its own, change an entity's type, move a mention's ends
by a word, mark missed words, and see the redacted text and its possible
leftovers around the mention. Each screen adds where its reviews come from,
what sealing does and what leaving or locking does.
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
from anonymise.residual import leftovers
from anonymise.review import Review
from anonymise.settlement import settle
from intake.analysis import research_content
from intake.app.screens.base import AppScreen
from intake.app.screens.confirm import ConfirmScreen
from intake.app.screens.entity_choice import EntityChoiceScreen, TypeChoiceScreen
from intake.app.screens.missed import MissedSpan, MissedSpanScreen
from intake.app.widgets.entity_list import EntityList
from intake.app.widgets.lazy_static import LazyStatic
from intake.app.widgets.review_text import ReviewText
from intake.app.widgets.safe_text import safe_content
from intake.protocol.model import Protocol
from intake.review_steps import (
    all_leftovers,
    entity_line,
    entity_row,
    mark_words,
    mention_in,
    next_pending_entity,
    preview,
    resize,
    step_entity,
    step_mention,
)


class ReviewBase(AppScreen):
    """A screen that reviews the free text of one interview or record, then seals it."""

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
        self._dirty = False
        self._sealing = False

    # What each screen adds

    def _title_head(self) -> str:
        """The start of the title, before the field shown."""
        raise NotImplementedError

    def _seal_question(self) -> str:
        """What to ask before sealing (after any warning about leftovers)."""
        raise NotImplementedError

    def seal(self) -> object:
        """Seal the decided reviews (a worker)."""
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

    # Deciding

    def _set_state(self, state: EntityReview, at: Mention | None = None) -> None:
        """Take the changed review; show ``at`` (else the current mention, wherever it went)."""
        self.state = state
        self._dirty = True
        if at is None and self.current is not None:
            key = (self.field_ids[self.field_index], self.current.start, self.current.end)
            entity = entity_at(state.entities, key)
            at = next((m for m in entity.mentions if m.key == key), None) if entity else None
        if at is not None:
            self._go_to(at)
        else:
            self._refresh_view()

    def action_decide(self, action: str) -> None:
        """Mask (accept) or keep (reject) the entity: every mention of it, in every text."""
        state, entity = self.state, self.entity
        if state is None or entity is None:
            return
        decided = state.decide(entity.id, accept=action == "accept")
        following = next_pending_entity(decided, entity.id)
        field_id = self.field_ids[self.field_index]
        self._set_state(decided, mention_in(following, field_id) if following else None)

    def action_split(self) -> None:
        """Make the mention shown an entity of its own (it keeps its decision)."""
        state, entity, current = self.state, self.entity, self.current
        if state is None or entity is None or current is None:
            return
        if len(entity.mentions) < 2:
            self._status("This entity has one mention: nothing to split off.")
            return
        key = (self.field_ids[self.field_index], current.start, current.end)
        self._set_state(state.split(entity.id, key))
        self._status("Split off as an entity of its own. " + self._status_text())

    def action_retype(self) -> None:
        """Choose another type for the entity (or for a mention split off)."""
        entity = self.entity
        if self.state is None or entity is None:
            return

        def chosen(entity_type: str | None) -> None:
            if self.state is not None and entity_type not in (None, entity.entity_type):
                assert entity_type is not None
                self._set_state(self.state.retype(entity.id, entity_type))

        self.app.push_screen(TypeChoiceScreen(entity.entity_type, self.state.label(entity)), chosen)

    def action_merge(self) -> None:
        """Choose the entity this one is the same as; they become one, with that one's type."""
        state, entity = self.state, self.entity
        if state is None or entity is None:
            return
        others = [e for e in state.entities if e.id != entity.id]
        if not others:
            self._status("There is no other entity to merge with.")
            return
        rows = [(e.id, entity_row(state, e)) for e in others]
        rows.sort(key=lambda row: state.entities.get(row[0]).entity_type != entity.entity_type)

        def chosen(other_id: str | None) -> None:
            if other_id is not None and self.state is not None:
                self._set_state(self.state.merge(other_id, entity.id))

        title = f"Same as which entity? ({entity_row(state, entity)})"
        self.app.push_screen(EntityChoiceScreen(title, rows), chosen)

    def _status_text(self) -> str:
        return str(self.query_one(self._part("status"), Static).render())

    def action_resize(self, end: str, step: int) -> None:
        """Move one end of the mention shown by a word; its decision stays as it was."""
        state, review, current = self.state, self.review, self.current
        if state is None or review is None or current is None:
            return
        resized = resize(review, current, end, step)
        if resized is None:
            self._status("That end cannot move further.")
            return
        review, moved = resized
        field_id = self.field_ids[self.field_index]
        old, new = (field_id, current.start, current.end), (field_id, moved.start, moved.end)
        self.current = moved
        self._set_state(state.with_resized(field_id, review, old, new))

    def action_missed(self) -> None:
        """Ask for words the analyser missed and mask them."""
        if self.review is None:
            return

        def marked(span: MissedSpan | None) -> None:
            if span is not None:
                self._mark(span)

        self.app.push_screen(MissedSpanScreen(), marked)

    def _mark(self, span: MissedSpan) -> None:
        state, review = self.state, self.review
        assert state is not None and review is not None
        origin = self.current.start if self.current is not None else 0
        marked = mark_words(review, span.words, span.entity_type, span.every_occurrence, origin)
        if marked is None:
            self._status("Those words are not in this text.")
            return
        review, self.current = marked
        self._set_state(state.with_marked(self.field_ids[self.field_index], review))

    def action_leftovers(self) -> None:
        """List every possible leftover of every redacted text."""
        if not self.state or not self.state.reviews:
            return
        from intake.app.screens.leftovers import LeftoversScreen

        reviews = self.state.typed_reviews()
        dictionary = self.interview_app.analyser_dictionary()
        texts = [
            (
                self._protocol.field(field_id).label,
                all_leftovers([review], self._policy, dictionary),
            )
            for field_id, review in reviews.items()
        ]
        self.app.push_screen(LeftoversScreen([(label, found) for label, found in texts if found]))

    # Sealing

    def action_seal(self) -> None:
        """Seal once every entity is decided and the screen's question is answered yes."""
        state = self.state
        if state is None:
            self._status("Wait for the analysis to finish.")
            return
        left = len(state.pending)
        if left:
            self._status(f"{left} entities still to decide before sealing.")
            return
        if self._sealing:
            return

        def answered(sure: bool | None) -> None:
            if sure:
                self._sealing = True
                self._status("Sealing…")
                self.seal()

        dictionary = self.interview_app.analyser_dictionary()
        remaining = sum(
            len(leftovers(r.preview(self._policy).text, dictionary, self._policy.allow))
            for r in state.typed_reviews().values()
        )
        warning = (
            f"{remaining} possible leftovers (capitalised words, digits) remain in the "
            "redacted text: press n, then l to list them all. "
            if remaining
            else ""
        )
        self.app.push_screen(
            ConfirmScreen(f"{warning}{self._seal_question()}", yes="Seal", no="Not yet"), answered
        )

    def failed(self) -> None:
        """A worker of this screen failed (the app has said so)."""
        self._sealing = False
