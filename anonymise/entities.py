"""Entities: the people, places and things a record's candidates are mentions of.

After detection the candidates of every text of a record are grouped into
entities (:func:`link`, rules in :mod:`anonymise.linking`); each entity has one
pseudonym for the whole record, in every text, and one review decision covers it.

What a review screen can rely on:

- Every candidate passed to :func:`link` is a mention of exactly one entity, and
  an entity always has at least one mention. A :class:`Mention` is a text's key
  (a free-text field's id, ``""`` for a lone text) and the candidate itself, so
  ``entities.of(field_id, candidate)`` finds it from a review item.
- Entity ids (``"E1"``, ``"E2"``…) are numbered by first mention in record order
  when linked, and never reused: :meth:`Entities.merge` keeps the id of the entity
  mentioned first, :meth:`Entities.split` gives the split-off mention a new id,
  :meth:`Entities.retype` keeps the id. An id is stable for one linking of a record;
  a re-analysed text is linked again, so keep decisions on mentions (text, span).
- Pseudonyms (``"[PERSON 1]"``) are numbered per type in order of first mention,
  counting only entities that are masked and pseudonymised
  (:meth:`Entities.numbered`): the preview and the record number alike. An entity
  not masked, or whose type is generalised or removed, has the pseudonym ``""``.
- Everything is immutable: every edit returns new values; the pure functions
  :func:`merge`, :func:`split` and :func:`retype` work on single entities, the
  methods of :class:`Entities` on the whole record (and renumber pseudonyms).
- :mod:`anonymise.redact` replaces a span with the pseudonym of its entity
  (:meth:`Entities.pseudonyms` gives them by span for one text, and
  :meth:`Entities.typed` the spans with their entity's type, so a retyped entity
  is redacted as its new type); redacting a text without entities links its
  spans first, so ``[PERSON 1]`` is one person there too. A record is redacted
  with the review's entities by ``intake.record.build_record(entities=...)``.

Entities hold candidates, not words: the text of a mention is read from the text
it lies in, and nothing here prints it (``repr`` shows counts and ids only).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from anonymise.candidates import ENTITY_TYPES, Candidate
from anonymise.known import KnownIdentifiers
from anonymise.linking import link_mentions

MentionKey = tuple[str, int, int]
"""(text id, start, end): where a mention is, stable while its text is unchanged."""


@dataclass(frozen=True, order=True)
class Mention:
    """One candidate of one text of the record."""

    position: int
    """The text's place in the record (0 for the first text): orders mentions."""
    text_id: str
    """The text's key: a free-text field's id, or ``""`` for a lone text."""
    candidate: Candidate

    @property
    def key(self) -> MentionKey:
        """Where the mention is: (text id, start, end)."""
        return (self.text_id, self.candidate.start, self.candidate.end)


@dataclass(frozen=True)
class Entity:
    """One person, place or thing, with every mention of it in the record."""

    id: str
    """Stable within one linking of a record: ``"E1"``, ``"E2"``…"""
    entity_type: str
    """One of :data:`anonymise.candidates.ENTITY_TYPES`, from the strongest evidence."""
    mentions: tuple[Mention, ...] = field(repr=False)
    """In record order; never empty."""
    pseudonym: str = ""
    """``"[PERSON 1]"`` once numbered; ``""`` when not masked or not pseudonymised."""
    known: str = ""
    """Which known identifier it is: ``"interviewee"``, ``"relative"``, ``"place"``,
    ``"unit"``, ``"other"``, or ``""`` when only detected."""

    def __post_init__(self) -> None:
        if not self.mentions:
            raise ValueError("an entity needs at least one mention")
        if self.entity_type not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {self.entity_type!r}")

    @property
    def first(self) -> Mention:
        """The first mention in record order."""
        return self.mentions[0]


def merge(a: Entity, b: Entity) -> Entity:
    """One entity of both: ``a``'s id, type and knowledge (the one the reviewer keeps)."""
    mentions = tuple(sorted(set(a.mentions) | set(b.mentions)))
    return replace(a, mentions=mentions, known=a.known or b.known)


def split(entity: Entity, mention: Mention, new_id: str) -> tuple[Entity, Entity]:
    """``entity`` without ``mention``, and ``mention`` alone as entity ``new_id``."""
    if mention not in entity.mentions:
        raise ValueError("that mention is not part of this entity")
    if len(entity.mentions) == 1:
        raise ValueError("an entity of one mention cannot be split")
    rest = tuple(m for m in entity.mentions if m != mention)
    alone = Entity(new_id, entity.entity_type, (mention,))
    return replace(entity, mentions=rest), alone


def retype(entity: Entity, entity_type: str) -> Entity:
    """The same entity, of another type (the pseudonym is renumbered with the record)."""
    return replace(entity, entity_type=entity_type, pseudonym="")


@dataclass(frozen=True)
class Entities:
    """Every entity of one record, in order of first mention."""

    texts: tuple[str, ...]
    """The record's text ids, in record order."""
    entities: tuple[Entity, ...]
    issued: int = 0
    """The highest entity number given so far: a new id is never one used before."""

    def __repr__(self) -> str:
        return f"Entities({len(self.entities)} entities in {len(self.texts)} texts)"

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.entities)

    def __len__(self) -> int:
        return len(self.entities)

    def get(self, entity_id: str) -> Entity:
        """The entity with this id."""
        return self._by_id[entity_id]

    def of(self, text_id: str, candidate: Candidate) -> Entity | None:
        """The entity ``candidate`` of text ``text_id`` is a mention of, if any."""
        return self.at((text_id, candidate.start, candidate.end))

    def at(self, key: MentionKey) -> Entity | None:
        """The entity with a mention at ``key`` (the first in order, should two share it)."""
        return self._by_key.get(key)

    def index(self, entity_id: str) -> int:
        """The place of entity ``entity_id`` in the list (first mention order)."""
        return self._positions[entity_id]

    # Indexes, built once per value (everything is immutable) -------------------------

    @functools.cached_property
    def _by_id(self) -> dict[str, Entity]:
        found: dict[str, Entity] = {}
        for entity in self.entities:
            found.setdefault(entity.id, entity)
        return found

    @functools.cached_property
    def _positions(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for position, entity in enumerate(self.entities):
            found.setdefault(entity.id, position)
        return found

    @functools.cached_property
    def _by_key(self) -> dict[MentionKey, Entity]:
        found: dict[MentionKey, Entity] = {}
        for entity in self.entities:
            for mention in entity.mentions:
                found.setdefault(mention.key, entity)
        return found

    # Edits: each returns a new value with pseudonyms renumbered --------------------

    def merge(self, keep_id: str, other_id: str) -> Entities:
        """Entity ``other_id`` becomes part of ``keep_id`` (type and knowledge kept)."""
        if keep_id == other_id:
            raise ValueError("an entity cannot be merged with itself")
        keep, other = self.get(keep_id), self.get(other_id)
        joined = merge(keep, other)
        if other.first < keep.first:
            joined = replace(joined, id=other.id)
        rest = [e for e in self.entities if e.id not in (keep_id, other_id)]
        return self._renumbered([*rest, joined])

    def split(self, entity_id: str, mention: Mention) -> Entities:
        """``mention`` becomes an entity of its own, with a new id."""
        number = max(self.issued, *(_number(e.id) for e in self.entities), 0) + 1
        rest, alone = split(self.get(entity_id), mention, f"E{number}")
        others = [e for e in self.entities if e.id != entity_id]
        return replace(self._renumbered([*others, rest, alone]), issued=number)

    def retype(self, entity_id: str, entity_type: str) -> Entities:
        """Entity ``entity_id`` gets type ``entity_type``."""
        changed = retype(self.get(entity_id), entity_type)
        return self._renumbered([changed if e.id == entity_id else e for e in self.entities])

    # Pseudonyms ---------------------------------------------------------------------

    def numbered(
        self,
        masked: Callable[[Mention], bool] | None = None,
        pseudonymised: Callable[[str], bool] | None = None,
    ) -> Entities:
        """Pseudonyms per type, in order of first masked mention.

        ``masked`` says which mentions are masked (all, when not given);
        ``pseudonymised`` which types get a numbered pseudonym (all, when not given).
        """
        firsts: dict[str, Mention] = {}
        for entity in self.entities:
            shown = first_shown(entity, masked, pseudonymised)
            if shown is not None:
                firsts[entity.id] = shown
        return self.named(self.names(firsts))

    def names(self, firsts: Mapping[str, Mention]) -> dict[str, str]:
        """The pseudonym of each entity of ``firsts`` (id -> its first masked mention),
        numbered per type in the order of those mentions."""
        counts: Counter[str] = Counter()
        names: dict[str, str] = {}
        kinds = {entity.id: entity.entity_type for entity in self.entities}
        for entity_id in sorted(firsts, key=firsts.__getitem__):
            counts[kinds[entity_id]] += 1
            names[entity_id] = f"[{kinds[entity_id]} {counts[kinds[entity_id]]}]"
        return names

    def named(self, names: Mapping[str, str], like: Entities | None = None) -> Entities:
        """These entities with the pseudonyms ``names`` by id (``""`` for the others).

        ``like`` is these same entities as named before (by :meth:`numbered` or
        :meth:`named`): each entity whose pseudonym is unchanged is taken from it,
        so that one decision, which renames few entities, copies few.
        """
        earlier = like.entities if like is not None else self.entities
        return replace(
            self,
            entities=tuple(
                before
                if before.pseudonym == (name := names.get(entity.id, ""))
                else replace(entity, pseudonym=name)
                for entity, before in zip(self.entities, earlier, strict=True)
            ),
        )

    def typed(self, text_id: str, candidates: Sequence[Candidate]) -> list[Candidate]:
        """``candidates`` of text ``text_id`` with their entity's type (a retyped entity's
        mentions are redacted as its type)."""
        kinds = {
            (m.candidate.start, m.candidate.end): entity.entity_type
            for entity in self.entities
            for m in entity.mentions
            if m.text_id == text_id
        }
        return [
            replace(c, entity_type=kinds.get((c.start, c.end), c.entity_type)) for c in candidates
        ]

    def pseudonyms(self, text_id: str) -> dict[tuple[int, int], str]:
        """(start, end) -> pseudonym for the numbered mentions of text ``text_id``."""
        return {
            (m.candidate.start, m.candidate.end): entity.pseudonym
            for entity in self.entities
            if entity.pseudonym
            for m in entity.mentions
            if m.text_id == text_id
        }

    def _renumbered(self, entities: Sequence[Entity]) -> Entities:
        ordered = tuple(sorted(entities, key=lambda e: e.first))
        was_numbered = any(e.pseudonym for e in self.entities)
        result = Entities(self.texts, ordered, self.issued)
        return result.numbered() if was_numbered else result


def first_shown(
    entity: Entity,
    masked: Callable[[Mention], bool] | None = None,
    pseudonymised: Callable[[str], bool] | None = None,
) -> Mention | None:
    """The entity's first masked mention, ``None`` if none is or its type is not numbered."""
    if pseudonymised is not None and not pseudonymised(entity.entity_type):
        return None
    return next((m for m in entity.mentions if masked is None or masked(m)), None)


def _number(entity_id: str) -> int:
    return int(entity_id[1:]) if entity_id[1:].isdigit() else 0


def link(
    texts: Mapping[str, str],
    candidates: Mapping[str, Sequence[Candidate]],
    known: KnownIdentifiers | None = None,
) -> Entities:
    """Group every candidate of every text into entities, numbered by first mention.

    ``texts`` are the record's texts by id, in record order; ``candidates`` the
    candidates of each (any text may have none). ``known`` are the interview's
    identifiers: the interviewee's names, aliases and kunyas are one person, each
    relative another. Pseudonyms are numbered as if every mention were masked.
    """
    order = list(texts)
    mentions = [
        Mention(position, text_id, candidate)
        for position, text_id in enumerate(order)
        for candidate in sorted(candidates.get(text_id, ()))
    ]
    groups = link_mentions(
        [texts[text_id] for text_id in order], [(m.position, m.candidate) for m in mentions], known
    )
    built = [
        Entity(
            "",
            group.entity_type,
            tuple(sorted(mentions[i] for i in group.members)),
            "",
            group.known,
        )
        for group in groups
    ]
    built.sort(key=lambda e: e.first)
    numbered = tuple(replace(e, id=f"E{n}") for n, e in enumerate(built, start=1))
    return Entities(tuple(order), numbered, len(numbered)).numbered()
