"""Review by entity: one decision covers every mention of a person, place or thing.

Each text of a record keeps its :class:`~anonymise.review.Review`: the status of
every mention and the decisions taken, by (text, span), which is what survives a
text analysed again. Over them :func:`anonymise.entities.link` groups the
mentions of all the texts into entities. The reviewer's merges, splits and type
changes are kept as :class:`EntityEdit` values that name mentions, not entity
ids, and are replayed whenever the record is linked again (a missed word
marked, a span resized, an answer changed), so none of them is lost.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from anonymise.allowed import without_allowed
from anonymise.candidates import ENTITY_TYPES, Candidate
from anonymise.entities import Entities, Entity, Mention, MentionKey, link
from anonymise.known import KnownIdentifiers
from anonymise.redact import PSEUDONYM, Policy
from anonymise.review import ACCEPTED, PENDING, REJECTED, Review

MERGE = "merge"
SPLIT = "split"
RETYPE = "retype"
EDITS = frozenset({MERGE, SPLIT, RETYPE})
"""What an :class:`EntityEdit` may do."""


@dataclass(frozen=True)
class EntityEdit:
    """A reviewer's change to the entities, by the mentions it is about."""

    action: str
    """``"merge"``, ``"split"`` or ``"retype"``."""
    mention: MentionKey
    """merge: a mention of the entity that is kept; split: the mention split off;
    retype: a mention of the entity retyped."""
    other: MentionKey | None = None
    """merge: a mention of the entity joined to it."""
    entity_type: str = ""
    """retype: the new type."""

    def __post_init__(self) -> None:
        if self.action not in EDITS:
            raise ValueError(f"unknown entity edit {self.action!r}")
        if (self.action == MERGE) != (self.other is not None):
            raise ValueError("a merge, and only a merge, names a second mention")
        if (self.action == RETYPE) != (self.entity_type in ENTITY_TYPES):
            raise ValueError("a type change, and only a type change, names a known type")

    def texts(self) -> set[str]:
        """The ids of the texts it is about."""
        return {key[0] for key in (self.mention, self.other) if key is not None}


@dataclass(frozen=True)
class EntityReview:
    """The review of one record's texts, entity by entity."""

    reviews: Mapping[str, Review] = field(repr=False)
    """One review per text, by text id, in record order."""
    entities: Entities
    """The mentions of every text grouped into entities, edits applied."""
    edits: tuple[EntityEdit, ...] = ()
    """The reviewer's merges, splits and type changes, in the order made."""
    known: KnownIdentifiers | None = field(default=None, repr=False)
    """The interview's identifiers, which linking uses."""

    @classmethod
    def link(
        cls,
        reviews: Mapping[str, Review],
        known: KnownIdentifiers | None = None,
        edits: Iterable[EntityEdit] = (),
    ) -> EntityReview:
        """Link the candidates of every text into entities and replay ``edits`` on them.

        An edit whose mentions are gone (their text changed) is dropped.
        """
        texts = {text_id: review.text for text_id, review in reviews.items()}
        candidates = {text_id: review.candidates for text_id, review in reviews.items()}
        entities = link(texts, candidates, known)
        kept: list[EntityEdit] = []
        for edit in edits:
            changed = _replay(entities, edit)
            if changed is not None:
                entities = changed
                kept.append(edit)
        return cls(dict(reviews), entities, tuple(kept), known)

    def with_review(
        self, text_id: str, review: Review, moved: tuple[MentionKey, MentionKey] | None = None
    ) -> EntityReview:
        """Text ``text_id`` reviewed as ``review`` (a span resized or added), linked again.

        ``moved`` is (old, new) for a mention resized, so edits naming it follow it.
        """
        edits = self.edits
        if moved is not None:
            edits = tuple(_moved_edit(edit, *moved) for edit in edits)
        return EntityReview.link({**self.reviews, text_id: review}, self.known, edits)

    # Reading -------------------------------------------------------------------

    @property
    def text_ids(self) -> list[str]:
        """The texts, in record order."""
        return list(self.reviews)

    def candidate(self, mention: Mention) -> Candidate:
        """The mention's candidate as the review holds it now (a type change included)."""
        review = self.reviews[mention.text_id]
        _text, start, end = mention.key
        for candidate in review.candidates:
            if (candidate.start, candidate.end) == (start, end):
                return candidate
        return mention.candidate

    def entity_of(self, text_id: str, candidate: Candidate) -> Entity | None:
        """The entity a candidate of a text is a mention of."""
        return self.entities.of(text_id, candidate)

    def status(self, entity: Entity) -> str:
        """``accepted`` when every mention is masked, ``rejected`` when every one is kept,
        else ``pending`` (to decide: some mention has no decision, or they differ)."""
        statuses = {self._mention_status(mention) for mention in entity.mentions}
        if statuses == {ACCEPTED}:
            return ACCEPTED
        if statuses == {REJECTED}:
            return REJECTED
        return PENDING

    @property
    def pending(self) -> list[Entity]:
        """The entities still to decide, in record order."""
        return [entity for entity in self.entities if self.status(entity) == PENDING]

    @property
    def is_complete(self) -> bool:
        """True when every mention of every entity is decided."""
        return all(review.is_complete for review in self.reviews.values())

    def surface(self, mention: Mention) -> str:
        """The words of a mention, as typed (testimony: show it, never log it)."""
        _text, start, end = mention.key
        return self.reviews[mention.text_id].text[start:end]

    def label(self, entity: Entity) -> str:
        """The entity's fullest mention, one line (testimony: show it, never log it)."""
        words = max((self.surface(m) for m in entity.mentions), key=len)
        return " ".join(words.split())

    def numbered(self, policy: Policy | None = None) -> Entities:
        """The entities with the pseudonyms their masked mentions get, as the record numbers them.

        The same numbering as :func:`intake.record.redact_consistently`: in record
        order, over the masked mentions the policy's research terms leave.
        """
        chosen = policy or Policy()
        masked = {
            (text_id, span.start, span.end)
            for text_id, review in self.reviews.items()
            for span in without_allowed(review.text, review.accepted(), chosen.allow)
        }
        return self.entities.numbered(
            masked=lambda mention: mention.key in masked,
            pseudonymised=lambda kind: chosen.action(kind) == PSEUDONYM,
        )

    # Deciding ------------------------------------------------------------------

    def decide(self, entity_id: str, accept: bool) -> EntityReview:
        """Mask (``accept``) or keep every mention of an entity: one decision for all of them."""
        reviews = dict(self.reviews)
        for mention in self.entities.get(entity_id).mentions:
            review = reviews[mention.text_id]
            candidate = self.candidate(mention)
            if review.status(candidate) != (ACCEPTED if accept else REJECTED):
                review = review.accept(candidate) if accept else review.reject(candidate)
            reviews[mention.text_id] = review
        return EntityReview(reviews, self.entities, self.edits, self.known)

    def merge(self, keep_id: str, other_id: str) -> EntityReview:
        """Entity ``other_id`` is the same as ``keep_id``: one entity, ``keep_id``'s type."""
        keep, other = self.entities.get(keep_id), self.entities.get(other_id)
        edit = EntityEdit(MERGE, keep.first.key, other.first.key)
        merged = self.entities.merge(keep_id, other_id)
        joined = merged.of(keep.first.text_id, keep.first.candidate)
        assert joined is not None
        reviews = self._retyped(joined, keep.entity_type)
        return EntityReview(reviews, merged, (*self.edits, edit), self.known)

    def split(self, entity_id: str, key: MentionKey) -> EntityReview:
        """The mention at ``key`` becomes an entity of its own (its decision kept)."""
        entity = self.entities.get(entity_id)
        mention = next((m for m in entity.mentions if m.key == key), None)
        if mention is None:
            raise ValueError("that mention is not part of this entity")
        split = self.entities.split(entity_id, mention)
        return EntityReview(self.reviews, split, (*self.edits, EntityEdit(SPLIT, key)), self.known)

    def retype(self, entity_id: str, entity_type: str) -> EntityReview:
        """Every mention of the entity becomes of type ``entity_type``."""
        entity = self.entities.get(entity_id)
        edit = EntityEdit(RETYPE, entity.first.key, entity_type=entity_type)
        retyped = self.entities.retype(entity_id, entity_type)
        reviews = self._retyped(entity, entity_type)
        return EntityReview(reviews, retyped, (*self.edits, edit), self.known)

    # Helpers -------------------------------------------------------------------

    def _mention_status(self, mention: Mention) -> str:
        return self.reviews[mention.text_id].status(self.candidate(mention))

    def _retyped(self, entity: Entity, entity_type: str) -> dict[str, Review]:
        reviews = dict(self.reviews)
        for mention in entity.mentions:
            candidate = self.candidate(mention)
            if candidate.entity_type != entity_type:
                reviews[mention.text_id] = reviews[mention.text_id].retype(candidate, entity_type)
        return reviews


def entity_at(entities: Entities, key: MentionKey) -> Entity | None:
    """The entity with a mention at ``key``."""
    for entity in entities:
        if any(m.key == key for m in entity.mentions):
            return entity
    return None


def _replay(entities: Entities, edit: EntityEdit) -> Entities | None:
    """``edit`` applied to ``entities``; ``None`` when it no longer applies."""
    entity = entity_at(entities, edit.mention)
    if entity is None:
        return None
    if edit.action == MERGE:
        assert edit.other is not None
        other = entity_at(entities, edit.other)
        if other is None or other.id == entity.id:
            return None
        return entities.merge(entity.id, other.id)
    if edit.action == SPLIT:
        if len(entity.mentions) < 2:
            return None
        mention = next(m for m in entity.mentions if m.key == edit.mention)
        return entities.split(entity.id, mention)
    return entities.retype(entity.id, edit.entity_type)


def _moved_edit(edit: EntityEdit, old: MentionKey, new: MentionKey) -> EntityEdit:
    return EntityEdit(
        edit.action,
        new if edit.mention == old else edit.mention,
        new if edit.other == old else edit.other,
        edit.entity_type,
    )


def edits_over(
    edits: Iterable[EntityEdit], before: Mapping[str, Review], now: Mapping[str, Review]
) -> tuple[EntityEdit, ...]:
    """The edits about texts unchanged between ``before`` and ``now`` (the others are dropped)."""
    same = {
        text_id
        for text_id, review in now.items()
        if text_id in before and before[text_id].text == review.text
    }
    return tuple(edit for edit in edits if edit.texts() <= same)
