"""What the interviewer's review and the steward's re-review share.

Both list the record's entities (a person, place or thing with every mention of
it in every text) beside the text of the mention being looked at
(:class:`~intake.app.screens.review_view.ReviewView` shows them and moves between
them). One decision masks or keeps an entity; the reviewer can merge two
entities, split a mention off into an entity of its own, change an entity's
type, move a mention's ends by a word, mark missed words, and see the redacted
text and its possible leftovers around the mention. Each screen adds where its
reviews come from, what sealing does and what leaving or locking does.
"""

from __future__ import annotations

from textual.widgets import Static

from anonymise.entities import Mention
from anonymise.entity_review import EntityReview, entity_at
from anonymise.redact import Policy
from anonymise.residual import leftovers
from intake.app.screens.confirm import ConfirmScreen
from intake.app.screens.entity_choice import EntityChoiceScreen, TypeChoiceScreen
from intake.app.screens.missed import MissedSpan, MissedSpanScreen
from intake.app.screens.review_view import ReviewView
from intake.protocol.model import Protocol
from intake.review_steps import (
    all_leftovers,
    entity_row,
    mark_words,
    mention_in,
    next_pending_entity,
    resize,
)


class ReviewBase(ReviewView):
    """A screen that reviews the free text of one interview or record, then seals it."""

    def __init__(
        self, state: EntityReview | None, protocol: Protocol, policy: Policy, *, id: str
    ) -> None:
        super().__init__(state, protocol, policy, id=id)
        self._dirty = False
        self._sealing = False

    # What each screen adds

    def _seal_question(self) -> str:
        """What to ask before sealing (after any warning about leftovers)."""
        raise NotImplementedError

    def seal(self) -> object:
        """Seal the decided reviews (a worker)."""
        raise NotImplementedError

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
