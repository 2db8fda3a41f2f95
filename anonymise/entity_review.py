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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from anonymise.allowed import without_allowed
from anonymise.candidates import ENTITY_TYPES, Candidate
from anonymise.entities import Entities, Entity, Mention, MentionKey, first_shown, link
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
        statuses = {self._span_status(m.key) for m in entity.mentions}
        if statuses == {ACCEPTED}:
            return ACCEPTED
        if statuses == {REJECTED}:
            return REJECTED
        return PENDING

    @property
    def pending(self) -> list[Entity]:
        """The entities still to decide, in record order."""
        return list(self._pending)

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
        labels = self._labels
        if self._by_id.get(entity.id) is not entity:
            return self._label_of(entity)
        label = labels.get(entity.id)
        if label is None:
            label = labels[entity.id] = self._label_of(entity)
        return label

    def _label_of(self, entity: Entity) -> str:
        words = max((self.surface(m) for m in entity.mentions), key=len)
        return " ".join(words.split())

    def typed(self, text_id: str) -> Review:
        """The review of a text, each mention of its entity's type: what is shown and redacted."""
        typed = self._typed.get(text_id)
        if typed is None:
            typed = self.reviews[text_id].typed(self._retyped(text_id))
            self._typed[text_id] = typed
        return typed

    def _retyped(self, text_id: str) -> dict[tuple[int, int], str]:
        """The spans of a text whose candidate's type is not its entity's, with that type
        (decisions change no candidate, so this holds until the entities or spans change)."""
        found = self._retyped_spans.get(text_id)
        if found is None:
            types = self._types.get(text_id, {})
            found = {}
            for item in self.reviews[text_id].items:
                span = (item.candidate.start, item.candidate.end)
                kind = types.get(span)
                if kind and kind != item.candidate.entity_type:
                    found[span] = kind
            self._retyped_spans[text_id] = found
        return found

    def typed_reviews(self) -> dict[str, Review]:
        """:meth:`typed` for every text, by id."""
        return {text_id: self.typed(text_id) for text_id in self.reviews}

    def masked(self, text_id: str, policy: Policy) -> list[Candidate]:
        """The spans of a text that will be masked, each of its entity's type.

        The accepted mentions less those the policy's research terms leave readable.
        """
        review = self.reviews[text_id]
        key = (text_id, policy.allow)
        masked = self._masked.get(key)
        if masked is not None:
            return list(masked)
        readable = self.research.get(key)
        if readable is None:
            kept = without_allowed(review.text, review.candidates, policy.allow)
            spans = {(c.start, c.end) for c in kept}
            readable = frozenset((c.start, c.end) for c in review.candidates) - spans
            self.research[key] = readable
        masked = [c for c in self.typed(text_id).accepted() if (c.start, c.end) not in readable]
        self._masked[key] = masked
        return list(masked)

    def numbered(self, policy: Policy | None = None) -> Entities:
        """The entities with the pseudonyms their masked mentions get, as the record numbers them.

        The same numbering as :func:`intake.record.redact_consistently`: in record
        order, over the masked mentions the policy's research terms leave.
        """
        chosen = policy or Policy()
        key = _policy_key(chosen)
        if key in self._numbered:
            return self._numbered[key]
        firsts = self._firsts.get(key)
        if firsts is None:
            masked = {
                (text_id, span.start, span.end)
                for text_id in self.reviews
                for span in self.masked(text_id, chosen)
            }
            firsts = self._firsts[key] = (chosen, {})
            for entity in self.entities:
                shown = first_shown(entity, lambda m: m.key in masked, _numbers(chosen))
                if shown is not None:
                    firsts[1][entity.id] = shown
        numbered = self.entities.named(self.entities.names(firsts[1]), self._named.get(key))
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
        decided = EntityReview(reviews, self.entities, self.edits, self.known, self.research)
        changed = {
            (text_id, c.start, c.end) for text_id, candidates in by_text.items() for c in candidates
        }
        decided._carry(self, changed)
        return decided

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

    def _carry(self, before: EntityReview, changed: set[MentionKey]) -> None:
        """Take over what ``before`` worked out, where only the statuses at ``changed`` differ.

        A decision changes statuses, never entities, spans or texts: every index over
        those is kept, each text not decided on keeps its status map and typed review,
        and only the entities with a mention at ``changed`` have their status worked out
        again. The result equals what this review would work out from scratch.
        """
        assert before.entities is self.entities
        same = {t for t, review in self.reviews.items() if before.reviews.get(t) is review}
        cache = self.__dict__
        for name in ("_by_id", "_types", "_retyped_spans", "_labels", "_owners"):
            if name in before.__dict__:
                cache[name] = before.__dict__[name]
        self._typed.update((t, typed) for t, typed in before._typed.items() if t in same)
        self._masked.update((key, spans) for key, spans in before._masked.items() if key[0] in same)
        owners = {i for key in changed for i in self._owners.get(key, ())}
        if "_entity_statuses" in before.__dict__:
            statuses = dict(before._entity_statuses)
            for entity_id in owners:
                statuses[entity_id] = self._status_of(self._by_id[entity_id])
            cache["_entity_statuses"] = statuses
        self._named.update(before._numbered)
        for key, (policy, earlier) in before._firsts.items():
            firsts = dict(earlier)
            masked = self._masked_keys(policy)
            for entity_id in owners:
                shown = first_shown(self._by_id[entity_id], masked, _numbers(policy))
                if shown is None:
                    firsts.pop(entity_id, None)
                else:
                    firsts[entity_id] = shown
            self._firsts[key] = (policy, firsts)

    def _masked_keys(self, policy: Policy) -> Callable[[Mention], bool]:
        """Whether a mention is masked under ``policy`` (:meth:`masked`), text by text."""
        spans: dict[str, set[tuple[int, int]]] = {}

        def masked(mention: Mention) -> bool:
            text_spans = spans.get(mention.text_id)
            if text_spans is None:
                found = self.masked(mention.text_id, policy)
                text_spans = spans[mention.text_id] = {(c.start, c.end) for c in found}
            return (mention.key[1], mention.key[2]) in text_spans

        return masked

    def _span_status(self, key: MentionKey) -> str:
        """The status of the candidate at ``key`` (pending when there is none)."""
        text_id, start, end = key
        review = self.reviews.get(text_id)
        status = review.status_at(start, end) if review is not None else None
        return status or PENDING

    @functools.cached_property
    def _by_id(self) -> dict[str, Entity]:
        return {entity.id: entity for entity in self.entities}

    @functools.cached_property
    def _owners(self) -> dict[MentionKey, tuple[str, ...]]:
        """The ids of the entities with a mention at each place."""
        owners: dict[MentionKey, tuple[str, ...]] = {}
        for entity in self.entities:
            for mention in entity.mentions:
                owners[mention.key] = (*owners.get(mention.key, ()), entity.id)
        return owners

    @functools.cached_property
    def _entity_statuses(self) -> dict[str, str]:
        """:meth:`status` of every entity, by id."""
        return {entity.id: self._status_of(entity) for entity in self.entities}

    @functools.cached_property
    def _pending(self) -> tuple[Entity, ...]:
        statuses = self._entity_statuses
        return tuple(entity for entity in self.entities if statuses[entity.id] == PENDING)

    @functools.cached_property
    def _labels(self) -> dict[str, str]:
        """:meth:`label` of each entity asked for, by id."""
        return {}

    @functools.cached_property
    def _retyped_spans(self) -> dict[str, dict[tuple[int, int], str]]:
        """:meth:`_retyped` once per text."""
        return {}

    @functools.cached_property
    def _masked(self) -> dict[tuple[str, frozenset[str]], list[Candidate]]:
        """:meth:`masked` once per text and set of research terms."""
        return {}

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

    @functools.cached_property
    def _firsts(self) -> dict[tuple[object, ...], tuple[Policy, dict[str, Mention]]]:
        """Per policy, each numbered entity's first masked mention, by id."""
        return {}

    @functools.cached_property
    def _named(self) -> dict[tuple[object, ...], Entities]:
        """Per policy, the entities as numbered before a decision (lent to :meth:`numbered`)."""
        return {}

    def _research_but(
        self, text_id: str
    ) -> dict[tuple[str, frozenset[str]], frozenset[tuple[int, int]]]:
        return {key: spans for key, spans in self.research.items() if key[0] != text_id}


def _policy_key(policy: Policy) -> tuple[object, ...]:
    return (policy.allow, tuple(sorted(policy.actions.items())), policy.default)


def _numbers(policy: Policy) -> Callable[[str], bool]:
    """Whether ``policy`` gives a type numbered pseudonyms."""
    return lambda kind: policy.action(kind) == PSEUDONYM


def entity_at(entities: Entities, key: MentionKey) -> Entity | None:
    """The entity with a mention at ``key``."""
    return entities.at(key)


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
