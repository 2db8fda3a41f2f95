"""The rules that decide which mentions are one entity, as a careful reader decides.

The interview's known identifiers define entities first: the interviewee's names,
aliases and kunyas are one person, each relative one person, each home place and
unit one. A detected name then joins an entity through its full name or through
its parts (given name, surname, title + surname, capitals, possessive, spacing
and transliteration variants, kunya or nisba), compared as :mod:`anonymise.name_forms`
reads them. When a part fits more than one entity (a bare "Benali" where Karim
Benali and Yusuf Benali are both named in full) it joins neither: its mentions
become an entity of their own, still masked. Other candidates (dates, numbers,
addresses) are one entity per type and written form.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields

import regex

from anonymise.candidates import ORGANISATION, PERSON, PLACE, Candidate
from anonymise.known import KnownIdentifiers
from anonymise.lexicon import fold
from anonymise.name_forms import NameForm, name_form, same_token

#: Types whose mentions are linked by name rather than by written form.
NAME_TYPES = frozenset({PERSON, PLACE, ORGANISATION})
_KNOWN_KINDS = {
    "names": ("interviewee", PERSON),
    "aliases": ("interviewee", PERSON),
    "kunyas": ("interviewee", PERSON),
    "relatives": ("relative", PERSON),
    "places": ("place", PLACE),
    "units": ("unit", ORGANISATION),
    "other": ("other", ""),
}
_NOT_WORD = regex.compile(r"[\W_]+")


@dataclass(frozen=True)
class Group:
    """The mentions (indices into what :func:`link_mentions` was given) of one entity."""

    members: tuple[int, ...]
    entity_type: str
    known: str = ""


@dataclass
class _Building:
    """An entity while mentions join it."""

    entity_type: str
    known: str = ""
    fulls: list[tuple[str, ...]] = field(default_factory=list)
    parts: set[str] = field(default_factory=set)
    members: list[int] = field(default_factory=list)
    ambiguous: bool = False

    def learn(self, form: NameForm) -> None:
        if form.tokens and form.tokens not in self.fulls:
            self.fulls.append(form.tokens)
        self.parts.update(form.tokens)

    def full_match(self, form: NameForm) -> bool:
        return any(_same_name(form.tokens, full) for full in self.fulls) or any(
            form.joined == "".join(full) for full in self.fulls
        )

    def part_match(self, form: NameForm) -> bool:
        return all(any(same_token(token, part) for part in self.parts) for token in form.tokens)


def _same_name(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    return len(one) == len(other) and all(same_token(a, b) for a, b in zip(one, other, strict=True))


def _seeds(known: KnownIdentifiers | None) -> list[_Building]:
    """One entity per person, place and unit the identity section names."""
    if known is None:
        return []
    seeds: list[_Building] = []
    interviewee: _Building | None = None
    for section in fields(known):
        label, kind = _KNOWN_KINDS.get(section.name, ("other", ""))
        for value in getattr(known, section.name):
            form = name_form(value)
            if not form.tokens:
                continue
            if label == "interviewee":
                if interviewee is None:
                    interviewee = _Building(kind, label)
                    seeds.append(interviewee)
                interviewee.learn(form)
                continue
            seed = _Building(kind, label)
            seed.learn(form)
            seeds.append(seed)
    return seeds


def _written_form(surface: str, candidate: Candidate) -> tuple[str, str]:
    """The key under which non-name mentions are one entity: type and written form."""
    key = fold(surface)
    if any(ch.isdigit() for ch in key):
        key = _NOT_WORD.sub("", key)
    return (candidate.entity_type, key)


def link_mentions(
    items: Sequence[tuple[str, Candidate]], known: KnownIdentifiers | None = None
) -> list[Group]:
    """Group ``items`` (each a mention's text and its candidate), in record order."""
    building = _seeds(known)
    forms: dict[int, NameForm] = {}
    by_written: dict[tuple[str, str], _Building] = {}
    for index, (surface, candidate) in enumerate(items):
        form = name_form(surface) if candidate.entity_type in NAME_TYPES else NameForm(())
        if form.tokens:
            forms[index] = form
            continue
        key = _written_form(surface, candidate)
        entity = by_written.get(key)
        if entity is None:
            entity = by_written[key] = _Building(candidate.entity_type)
            building.append(entity)
        entity.members.append(index)
    # Full names first, so that a bare part meets every person it could be.
    order = sorted(forms, key=lambda i: (len(forms[i].tokens) < 2, i))
    for index in order:
        _join(building, index, forms[index], items[index][1])
    groups = [
        Group(tuple(sorted(entity.members)), _final_type(entity, items), entity.known)
        for entity in building
        if entity.members
    ]
    return sorted(groups, key=lambda group: group.members[0])


def _eligible(entity: _Building, candidate: Candidate) -> bool:
    """A name joins an entity of its own type, or any of the interview's known ones."""
    if entity.ambiguous:
        return False
    if entity.known:
        return True
    return entity.entity_type == candidate.entity_type and entity.entity_type in NAME_TYPES


def _join(building: list[_Building], index: int, form: NameForm, candidate: Candidate) -> None:
    eligible = [e for e in building if _eligible(e, candidate)]
    full = [e for e in eligible if e.full_match(form)]
    chosen = full or [e for e in eligible if e.part_match(form)]
    if len(chosen) > 1:
        chosen = _exact(chosen, form) or chosen
    if len(chosen) == 1:
        chosen[0].members.append(index)
        chosen[0].learn(form)
        return
    if len(chosen) > 1:
        _ambiguous(building, index, form, candidate)
        return
    entity = _Building(candidate.entity_type)
    entity.learn(form)
    entity.members.append(index)
    building.append(entity)


def _exact(chosen: list[_Building], form: NameForm) -> list[_Building]:
    """Of several fitting entities, those with the very same spelling of every part."""
    exact = [e for e in chosen if all(token in e.parts for token in form.tokens)]
    return exact if len(exact) == 1 else []


def _ambiguous(building: list[_Building], index: int, form: NameForm, candidate: Candidate) -> None:
    """A part shared by several people: an entity of its own, shared by its other mentions."""
    for entity in building:
        same_kind = entity.ambiguous and entity.entity_type == candidate.entity_type
        if same_kind and entity.full_match(form):
            entity.members.append(index)
            return
    entity = _Building(candidate.entity_type, ambiguous=True)
    entity.learn(form)
    entity.members.append(index)
    building.append(entity)


def _final_type(entity: _Building, items: Sequence[tuple[str, Candidate]]) -> str:
    """A known identifier's type, else the type its mentions have most often."""
    if entity.entity_type:
        return entity.entity_type
    kinds = [items[i][1].entity_type for i in entity.members]
    return max(kinds, key=kinds.count)
