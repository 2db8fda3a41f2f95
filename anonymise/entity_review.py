"""Review by entity: one decision covers every mention of a person, place or thing.

Each text of a record keeps its :class:`~anonymise.review.Review`: the status of
every mention and the decisions taken, by (text, span), which is what survives a
text analysed again. Over them :func:`anonymise.entities.link` groups the
mentions of all the texts into entities. The reviewer's merges, splits and type
changes are kept as :class:`EntityEdit` values that name mentions, not entity
ids, and are replayed whenever the record is linked again (a missed word
marked, a span resized, an answer changed), so none of them is lost.

The reviews keep each candidate's type as the analyser gave it, so that a text
analysed again links as before; a mention takes its entity's type when it is
shown and redacted (:meth:`EntityReview.typed`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

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
    research: dict[tuple[str, frozenset[str]], frozenset[tuple[int, int]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    """Per text and set of research terms, the spans of candidates those terms leave
    readable (:func:`anonymise.allowed.without_allowed`): finding the terms in a long
    text is slow, and decisions never change which candidates there are."""

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
            if not all(_exists(reviews, key) for key in (edit.mention, edit.other) if key):
                continue
            entities = _replay(entities, edit)
            kept.append(edit)
        return cls(dict(reviews), entities, tuple(kept), known)

    def with_marked(self, text_id: str, review: Review) -> EntityReview:
        """Text ``text_id`` reviewed as ``review``, with spans the reviewer added: linked again."""
        linked = EntityReview.link({**self.reviews, text_id: review}, self.known, self.edits)
        linked.research.update(self._research_but(text_id))
        return linked

    def with_resized(
        self, text_id: str, review: Review, old: MentionKey, new: MentionKey
    ) -> EntityReview:
        """The mention at ``old`` resized to ``new`` in ``review``: still of the same entity.

        Edits naming it follow it, and a merge edit keeps it with the entity's
        other mentions whenever the record is linked again.
        """
        _text, start, end = new
        moved = review.at(start, end)
        entity = entity_at(self.entities, old)
        if moved is None or entity is None:
            raise ValueError("that mention is not part of this review")
        edits = tuple(_moved_edit(edit, old, new) for edit in self.edits)
        others = [m.key for m in entity.mentions if m.key != old]
        if others:
            edits = (*edits, EntityEdit(MERGE, others[0], new))
        mentions = tuple(
            sorted(
                Mention(m.position, m.text_id, moved) if m.key == old else m
                for m in entity.mentions
            )
        )
        changed = [replace(e, mentions=mentions) if e.id == entity.id else e for e in self.entities]
        entities = Entities(self.entities.texts, tuple(sorted(changed, key=lambda e: e.first)))
        return EntityReview(
            {**self.reviews, text_id: review},
            entities,
            edits,
            self.known,
            self._research_but(text_id),
        )

    # Reading -------------------------------------------------------------------

    @property
    def text_ids(self) -> list[str]:
        """The texts, in record order."""
        return list(self.reviews)

    def candidate(self, mention: Mention) -> Candidate:
        """The mention's candidate as the review holds it now (of the analyser's type)."""
        _text, start, end = mention.key
        return self.reviews[mention.text_id].at(start, end) or mention.candidate

    def entity_of(self, text_id: str, candidate: Candidate) -> Entity | None:
        """The entity a candidate of a text is a mention of."""
        return self.entities.of(text_id, candidate)

    def status(self, entity: Entity) -> str:
        """``accepted`` when every mention is masked, ``rejected`` when every one is kept,
        else ``pending`` (to decide: some mention has no decision, or they differ)."""
        known = self._entity_statuses.get(entity.id)
        if known is not None and self._by_id.get(entity.id) is entity:
            return known
        return self._status_of(entity)

    def _status_of(self, entity: Entity) -> str:
        by_span = self._span_statuses
        statuses = {by_span.get(m.key, PENDING) for m in entity.mentions}
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

    def typed(self, text_id: str) -> Review:
        """The review of a text, each mention of its entity's type: what is shown and redacted."""
        typed = self._typed.get(text_id)
        if typed is None:
            typed = self.reviews[text_id].typed(self._types.get(text_id, {}))
            self._typed[text_id] = typed
        return typed

    def typed_reviews(self) -> dict[str, Review]:
        """:meth:`typed` for every text, by id."""
        return {text_id: self.typed(text_id) for text_id in self.reviews}

    def masked(self, text_id: str, policy: Policy) -> list[Candidate]:
        """The spans of a text that will be masked, each of its entity's type.

        The accepted mentions less those the policy's research terms leave readable.
        """
        review = self.reviews[text_id]
        key = (text_id, policy.allow)
        readable = self.research.get(key)
        if readable is None:
            kept = without_allowed(review.text, review.candidates, policy.allow)
            spans = {(c.start, c.end) for c in kept}
            readable = frozenset((c.start, c.end) for c in review.candidates) - spans
            self.research[key] = readable
        return [c for c in self.typed(text_id).accepted() if (c.start, c.end) not in readable]

    def numbered(self, policy: Policy | None = None) -> Entities:
        """The entities with the pseudonyms their masked mentions get, as the record numbers them.

        The same numbering as :func:`intake.record.redact_consistently`: in record
        order, over the masked mentions the policy's research terms leave.
        """
        chosen = policy or Policy()
        key = (chosen.allow, tuple(sorted(chosen.actions.items())), chosen.default)
        if key in self._numbered:
            return self._numbered[key]
        masked = {
            (text_id, span.start, span.end)
            for text_id in self.reviews
            for span in self.masked(text_id, chosen)
        }
        numbered = self.entities.numbered(
            masked=lambda mention: mention.key in masked,
            pseudonymised=lambda kind: chosen.action(kind) == PSEUDONYM,
        )
        self._numbered[key] = numbered
        return numbered

    # Deciding ------------------------------------------------------------------

    def decide(self, entity_id: str, accept: bool) -> EntityReview:
        """Mask (``accept``) or keep every mention of an entity: one decision for all of them."""
        by_text: dict[str, list[Candidate]] = {}
        for mention in self.entities.get(entity_id).mentions:
            by_text.setdefault(mention.text_id, []).append(self.candidate(mention))
        reviews = dict(self.reviews)
        for text_id, candidates in by_text.items():
            reviews[text_id] = reviews[text_id].decide_all(candidates, accept)
        return EntityReview(reviews, self.entities, self.edits, self.known, self.research)

    def merge(self, keep_id: str, other_id: str) -> EntityReview:
        """Entity ``other_id`` is the same as ``keep_id``: one entity, ``keep_id``'s type."""
        keep, other = self.entities.get(keep_id), self.entities.get(other_id)
        edit = EntityEdit(MERGE, keep.first.key, other.first.key)
        merged = self.entities.merge(keep_id, other_id)
        return EntityReview(self.reviews, merged, (*self.edits, edit), self.known, self.research)

    def split(self, entity_id: str, key: MentionKey) -> EntityReview:
        """The mention at ``key`` becomes an entity of its own (its decision kept)."""
        entity = self.entities.get(entity_id)
        mention = next((m for m in entity.mentions if m.key == key), None)
        if mention is None:
            raise ValueError("that mention is not part of this entity")
        split = self.entities.split(entity_id, mention)
        return EntityReview(self.reviews, split, (*self.edits, EntityEdit(SPLIT, key)), self.known)

    def retype(self, entity_id: str, entity_type: str) -> EntityReview:
        """The entity (every mention of it) becomes of type ``entity_type``."""
        entity = self.entities.get(entity_id)
        edit = EntityEdit(RETYPE, entity.first.key, entity_type=entity_type)
        retyped = self.entities.retype(entity_id, entity_type)
        return EntityReview(self.reviews, retyped, (*self.edits, edit), self.known, self.research)

    # Helpers -------------------------------------------------------------------

    @functools.cached_property
    def _span_statuses(self) -> dict[MentionKey, str]:
        """The status of every candidate of every text, by (text, start, end)."""
        return {
            (text_id, item.candidate.start, item.candidate.end): item.status
            for text_id, review in self.reviews.items()
            for item in review.items
        }

    @functools.cached_property
    def _by_id(self) -> dict[str, Entity]:
        return {entity.id: entity for entity in self.entities}

    @functools.cached_property
    def _entity_statuses(self) -> dict[str, str]:
        """:meth:`status` of every entity, by id."""
        return {entity.id: self._status_of(entity) for entity in self.entities}

    @functools.cached_property
    def _types(self) -> dict[str, dict[tuple[int, int], str]]:
        """Per text, the type of each mention's entity, by span."""
        types: dict[str, dict[tuple[int, int], str]] = {}
        for entity in self.entities:
            for m in entity.mentions:
                types.setdefault(m.text_id, {})[(m.key[1], m.key[2])] = entity.entity_type
        return types

    @functools.cached_property
    def _typed(self) -> dict[str, Review]:
        """:meth:`typed` once per text."""
        return {}

    @functools.cached_property
    def _numbered(self) -> dict[tuple[object, ...], Entities]:
        """:meth:`numbered` once per policy."""
        return {}

    def _research_but(
        self, text_id: str
    ) -> dict[tuple[str, frozenset[str]], frozenset[tuple[int, int]]]:
        return {key: spans for key, spans in self.research.items() if key[0] != text_id}


def entity_at(entities: Entities, key: MentionKey) -> Entity | None:
    """The entity with a mention at ``key``."""
    for entity in entities:
        if any(m.key == key for m in entity.mentions):
            return entity
    return None


def _exists(reviews: Mapping[str, Review], key: MentionKey) -> bool:
    """Whether a text of ``reviews`` has a candidate at ``key``."""
    text_id, start, end = key
    review = reviews.get(text_id)
    return review is not None and review.at(start, end) is not None


def _replay(entities: Entities, edit: EntityEdit) -> Entities:
    """``edit`` applied to ``entities`` (unchanged when it changes nothing any more)."""
    entity = entity_at(entities, edit.mention)
    if entity is None:
        return entities
    if edit.action == MERGE:
        assert edit.other is not None
        other = entity_at(entities, edit.other)
        if other is None or other.id == entity.id:
            return entities
        return entities.merge(entity.id, other.id)
    if edit.action == SPLIT:
        if len(entity.mentions) < 2:
            return entities
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
