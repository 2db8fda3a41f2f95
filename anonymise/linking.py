"""The rules that decide which mentions are one entity, as a careful reader decides.

The interview's known identifiers define entities first: the interviewee's names,
aliases and kunyas are one person, each relative one person, each home place and
unit one. The text's own declarations come next (:mod:`anonymise.aliases`: "X,
alias Y", "My name is X"): the speaker's names join the interviewee. A detected
name then joins an entity through its full name or its parts (given name,
surname, title + surname, capitals, possessive, spacing, transliteration and
script variants, kunya or nisba), compared as :mod:`anonymise.name_forms` reads
them. When a part fits more than one entity (a bare "Benali" where Karim Benali
and Yusuf Benali are both named in full) it joins neither: its mentions become an
entity of their own, still masked, unless the text's own words tell them apart: "Mrs
Cross" is the woman of the Crosses ("Faith Cross, mother of …"), or the one the text
does not make a man. A lone word that is the first letters of one person's given name
and an ending, and no name of its own ("Dzhaba" of Dzhabrail), is that person. A name
whose type only the model, the gazetteer or a capital letter gave may join an entity of
another type (with the very same spelling only); an entity's type is its strongest
mention's. A word only the model took for a nationality or a month that is written as a
person's name is that person ("His brother Christian … Christian now works"), and a
guessed nationality in quotes is a nickname ('"the Dutchman"'). Other candidates
(dates, numbers, addresses) are one entity per type and written form.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import lru_cache

import regex

from anonymise.adoption import DIMINUTIVE_END, adoptable, nickname, shortened
from anonymise.aliases import declared
from anonymise.candidates import (
    DATE,
    NATIONALITY,
    OCCUPATION,
    ORGANISATION,
    PERSON,
    PLACE,
    Candidate,
)
from anonymise.evidence import strength
from anonymise.gender_cues import gender
from anonymise.known import KnownIdentifiers
from anonymise.lexicon import fold
from anonymise.name_forms import (
    NameForm,
    is_given,
    is_kunya,
    is_muhammad,
    is_script,
    name_form,
    same_token,
)
from anonymise.recognisers.arabic_script import RECOGNISER as ARABIC_RECOGNISER
from anonymise.recognisers.scripts import RECOGNISER as SCRIPTS_RECOGNISER

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
#: What a mention's evidence weighs in its entity's type, by strength: a settled type
#: outweighs a few guesses.
_WEIGHTS = (1, 2, 5, 100)
_NOT_WORD = regex.compile(r"[\W_]+")
#: Types whose plural is the same entity: "cleaner" and "cleaners", "Chechen" and "Chechens".
_PLURALS = frozenset({NATIONALITY, OCCUPATION})
#: Recognisers of words in a script the analyser cannot read: names, for linking.
_SCRIPT_RECOGNISERS = frozenset([SCRIPTS_RECOGNISER, ARABIC_RECOGNISER])
Item = tuple[int, Candidate]
"""A mention: the index of its text, and its candidate."""


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
    joined: set[str] = field(default_factory=set)
    """Each of ``fulls`` written together (what :attr:`NameForm.joined` is compared with)."""
    parts: set[str] = field(default_factory=set)
    edges: set[str] = field(default_factory=set)
    """First and last words of its names, and kunyas: what a lone word may be."""
    nisbas: set[str] = field(default_factory=set)
    """Words of its names written after an article: a lone word only with its article."""
    members: list[int] = field(default_factory=list)
    ambiguous: bool = False
    absorbed: bool = False
    """Merged into another entity: no mention joins it any more."""
    firmness: int = 0
    """The strongest evidence of its type so far (3 for a known identifier)."""
    sexes: set[str] = field(default_factory=set)
    """What titles and relation words beside its mentions say of the person's sex."""

    def learn(self, form: NameForm) -> None:
        if form.tokens and form.tokens not in self.fulls:
            self.fulls.append(form.tokens)
            self.joined.add(form.joined)
        self.parts.update(form.tokens)
        self.edges.update(_edges(form.tokens) - form.nisbas)
        self.nisbas |= form.nisbas

    def full_match(self, form: NameForm, exact: bool = False) -> bool:
        if exact and len(form.tokens) == 1 and not is_script(form.tokens[0]):
            return form.tokens in self.fulls or form.joined in self.joined
        return form.joined in self.joined or any(_same_name(form.tokens, f) for f in self.fulls)

    def part_match(self, form: NameForm, exact: bool = False) -> bool:
        """Every token is a part of its names; a lone word must be a first or last name."""
        if self.entity_type not in (PERSON, ""):
            return False
        pool = self.parts
        if len(form.tokens) == 1:
            pool = self.edges | self.nisbas if form.nisbas else self.edges
        if exact:
            # Across types only the very same spelling: the place "الأردن" (Jordan) is not
            # the nisba "الأردني" (the Jordanian) of a person.
            return all(token in pool for token in form.tokens)
        return all(any(_same(token, part) for part in pool) for token in form.tokens)

    def extends(self, form: NameForm) -> bool:
        """The mention is a longer form of a full name of two or more words."""
        if self.entity_type not in (PERSON, ""):
            return False
        return any(len(full) >= 2 and _within(full, form.tokens) for full in self.fulls)

    def shortens(self, form: NameForm) -> bool:
        """A lone word is a short form of the given name of one of its full names: the
        given name's first letters and an ending ("Dzhaba" of Dzhabrail, "Zela" of
        Zelimkhan). A word that is a name of its own in the name lists is not."""
        if self.entity_type not in (PERSON, "") or len(form.tokens) != 1 or form.nisbas:
            return False
        word = form.tokens[0]
        if is_script(word) or len(word) < 4 or is_given(word) or is_kunya(word):
            return False
        stem = DIMINUTIVE_END.sub("", word)
        return len(stem) >= 3 and any(
            len(full) >= 2 and not is_script(full[0]) and shortened(stem, full[0])
            for full in self.fulls
        )

    def absorb(self, other: _Building) -> None:
        self.members.extend(other.members)
        for full in other.fulls:
            if full not in self.fulls:
                self.fulls.append(full)
                self.joined.add("".join(full))
        self.parts |= other.parts
        self.edges |= other.edges
        self.nisbas |= other.nisbas
        self.known = self.known or other.known
        self.sexes |= other.sexes
        if other.firmness > self.firmness:
            self.entity_type, self.firmness = other.entity_type, other.firmness
        other.members = []
        other.absorbed = True


def _edges(tokens: tuple[str, ...]) -> set[str]:
    """The words of a name a lone word may be: the first and last, a kunya, the name after
    "Muhammad", and a middle word that is no given name (a father's given name is not
    the person's: "Osman" in "Rania Osman Elhag")."""
    if not tokens:
        return set()
    edges = {tokens[0], tokens[-1]}
    edges.update(token for token in tokens if is_kunya(token))
    if len(tokens) > 2 and is_muhammad(tokens[0]):
        edges.add(tokens[1])
    edges.update(token for token in tokens[1:-1] if not is_given(token) and not is_script(token))
    return edges


@lru_cache(maxsize=1 << 16)
def _same(one: str, other: str) -> bool:
    """:func:`same_token`, remembered: linking compares the same few words again and again."""
    return same_token(one, other)


def _same_name(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    return len(one) == len(other) and all(map(_same, one, other))


def _within(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Every token of ``short`` in ``long``, in order."""
    position = 0
    for token in short:
        while position < len(long) and not _same(token, long[position]):
            position += 1
        if position == len(long):
            return False
        position += 1
    return True


def _seeds(known: KnownIdentifiers | None) -> tuple[list[_Building], _Building | None]:
    """One entity per person, place and unit the identity section names; the interviewee."""
    if known is None:
        return [], None
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
                    interviewee = _Building(kind, label, firmness=3)
                    seeds.append(interviewee)
                interviewee.learn(form)
                continue
            seed = _Building(kind, label, firmness=3)
            seed.learn(form)
            seeds.append(seed)
    return seeds, interviewee


def _written_form(surface: str, candidate: Candidate) -> tuple[str, str]:
    """The key under which non-name mentions are one entity: type and written form."""
    key = fold(surface)
    if any(ch.isdigit() for ch in key):
        key = _NOT_WORD.sub("", key)
    elif candidate.entity_type in _PLURALS and key.endswith("s") and len(key) > 4:
        key = key[:-1]
    return (candidate.entity_type, key)


def link_mentions(
    texts: Sequence[str], items: Sequence[Item], known: KnownIdentifiers | None = None
) -> list[Group]:
    """Group ``items`` (each a text's index and a candidate of it) into entities."""
    building, interviewee = _seeds(known)
    forms: dict[int, NameForm] = {}
    by_written: dict[tuple[str, str], _Building] = {}
    for index, (number, candidate) in enumerate(items):
        surface = texts[number][candidate.start : candidate.end]
        named = (
            candidate.entity_type in NAME_TYPES
            or candidate.recogniser in _SCRIPT_RECOGNISERS
            or nickname(texts[number], candidate)
        )
        form = name_form(surface) if named else NameForm(())
        if form.tokens:
            forms[index] = form
            continue
        key = _written_form(surface, candidate)
        entity = by_written.get(key)
        if entity is None:
            entity = by_written[key] = _Building(candidate.entity_type, firmness=2)
            building.append(entity)
        entity.members.append(index)
    same, speaker = _declared(texts, items, forms)
    owner: dict[int, _Building] = {}
    # Full names first, so that a bare part meets every person it could be; firm evidence
    # before guesses, so that a guessed type gives way.
    order = sorted(
        forms, key=lambda i: (len(forms[i].tokens) < 2, -strength(items[i][1]), items[i][0], i)
    )
    singles_from = next((n for n, i in enumerate(order) if len(forms[i].tokens) < 2), len(order))
    for position, index in enumerate(order):
        if position == singles_from:
            interviewee = _unite(building, owner, same, speaker, interviewee)
        number, candidate = items[index]
        sex = gender(texts[number], candidate.start, candidate.end)
        owner[index] = _join(building, index, forms[index], candidate, sex)
    _unite(building, owner, same, speaker, interviewee)
    _adopt(texts, items, building)
    groups = [
        Group(tuple(sorted(entity.members)), _final_type(entity, items, forms), entity.known)
        for entity in building
        if entity.members
    ]
    return sorted(groups, key=lambda group: group.members[0])


def _adopt(texts: Sequence[str], items: Sequence[Item], building: list[_Building]) -> None:
    """A word only the model took for a nationality or a month that is written as a
    person's name is that person: "His brother Christian … Christian now works", "April
    Stone … "April in April"" (but "in April" stays a month)."""
    people = [e for e in building if e.members and e.entity_type == PERSON and not e.ambiguous]
    if not people:
        return
    names = [_given_names(person, texts, items) for person in people]
    for entity in building:
        if entity.entity_type not in (NATIONALITY, DATE) or entity.firmness > 2:
            continue
        for index in list(entity.members):
            number, candidate = items[index]
            word = adoptable(texts[number], candidate)
            if not word:
                continue
            owners = [p for p, given in zip(people, names, strict=True) if word in given]
            if len(owners) == 1:
                entity.members.remove(index)
                owners[0].members.append(index)


def _given_names(entity: _Building, texts: Sequence[str], items: Sequence[Item]) -> set[str]:
    """The words a person is called by alone: the first word of a full name, a word they
    are called by alone, and, when their type is settled, the words of their names."""
    names = {full[0] for full in entity.fulls if len(full) >= 2}
    for index in entity.members:
        number, candidate = items[index]
        surface = texts[number][candidate.start : candidate.end]
        if candidate.entity_type == PERSON and surface.isalpha():
            names.add(fold(surface))
    if entity.firmness >= 2 or entity.known:
        names |= entity.edges
    return names


def _declared(
    texts: Sequence[str], items: Sequence[Item], forms: dict[int, NameForm]
) -> tuple[list[tuple[int, int]], set[int]]:
    """Pairs of mentions each text declares one person, and the speaker's mentions."""
    same: list[tuple[int, int]] = []
    speaker: set[int] = set()
    for number, text in enumerate(texts):
        people = [
            i
            for i in forms
            if items[i][0] == number
            and (items[i][1].entity_type == PERSON or strength(items[i][1]) == 0)
        ]
        people.sort(key=lambda i: items[i][1].start)
        found = declared(text, [items[i][1] for i in people])
        same.extend((people[a], people[b]) for a, b in found.same)
        speaker.update(people[a] for a in found.speaker)
    return same, speaker


def _unite(
    building: list[_Building],
    owner: dict[int, _Building],
    same: list[tuple[int, int]],
    speaker: set[int],
    interviewee: _Building | None,
) -> _Building | None:
    """Merge the entities the text declares one person; returns the speaker's entity."""
    for one, other in same:
        first, second = owner.get(one), owner.get(other)
        if first is not None and second is not None and first is not second:
            _merge_into(first, second, owner)
    for index in sorted(speaker):
        entity = owner.get(index)
        if entity is None:
            continue
        if interviewee is None:
            interviewee = entity
        elif entity is not interviewee:
            _merge_into(interviewee, entity, owner)
    return interviewee


def _merge_into(keep: _Building, other: _Building, owner: dict[int, _Building]) -> None:
    if other.ambiguous and not keep.ambiguous:
        return
    for index in other.members:
        owner[index] = keep
    keep.absorb(other)


def _eligible(entity: _Building, candidate: Candidate) -> bool:
    """A name joins an entity of its own type, or of another when only guessed at."""
    if entity.ambiguous or entity.absorbed or entity.entity_type not in NAME_TYPES | {""}:
        return False
    if entity.known or entity.entity_type == candidate.entity_type:
        return True
    return strength(candidate) < 2


def _join(
    building: list[_Building], index: int, form: NameForm, candidate: Candidate, sex: str = ""
) -> _Building:
    eligible = [e for e in building if _eligible(e, candidate)]

    def across(entity: _Building) -> bool:
        """Across types only the very same spelling joins."""
        return entity.entity_type != candidate.entity_type and not entity.known

    chosen = [e for e in eligible if e.full_match(form, across(e))]
    if not chosen:
        chosen = [e for e in eligible if e.part_match(form, across(e))]
    if not chosen and len(form.tokens) >= 2:
        chosen = [e for e in eligible if not across(e) and e.extends(form)]
    if not chosen and len(form.tokens) == 1:
        short = [e for e in eligible if not across(e) and e.shortens(form)]
        chosen = short if len(short) == 1 else []
    by_sex = False
    if len(chosen) > 1:
        chosen = _exact(chosen, form) or _named(chosen, form) or chosen
        by_sex = len(chosen) > 1 and len(_of_sex(chosen, sex)) == 1
        chosen = _of_sex(chosen, sex) or chosen
    if len(chosen) == 1:
        entity = chosen[0]
    elif chosen:
        return _ambiguous(building, index, form, candidate)
    else:
        entity = _Building(candidate.entity_type)
        building.append(entity)
    entity.members.append(index)
    if not by_sex:
        # A surname the title told apart ("Mrs Cross") is not the person's alone: a bare
        # "Cross" later may still be any of the family.
        entity.learn(form)
    if sex:
        entity.sexes.add(sex)
    firmness = strength(candidate)
    if firmness > entity.firmness and not entity.known:
        entity.entity_type, entity.firmness = candidate.entity_type, firmness
    elif not entity.entity_type:
        entity.entity_type = candidate.entity_type
    return entity


def _exact(chosen: list[_Building], form: NameForm) -> list[_Building]:
    """Of several fitting entities, the one with the very same spelling of every part."""
    exact = [e for e in chosen if all(token in e.parts for token in form.tokens)]
    return exact if len(exact) == 1 else []


def _of_sex(chosen: list[_Building], sex: str) -> list[_Building]:
    """Of several people sharing a surname, the one the text makes a woman for "Mrs",
    a man for "Mr" ("Faith Cross, mother of Kieran Cross … Mrs Cross"), or else the one
    the text does not make a man, or a woman."""
    if not sex:
        return []
    fitting = [e for e in chosen if e.sexes == {sex}]
    if len(fitting) != 1:
        # "Mr Kevin Willis … married Marlene Willis … Mrs Willis": not the man.
        fitting = [e for e in chosen if not e.sexes - {sex}]
    return fitting if len(fitting) == 1 else []


def _named(chosen: list[_Building], form: NameForm) -> list[_Building]:
    """Of several fitting entities, the one person named in full, for a lone word."""
    named = [e for e in chosen if any(len(full) >= 2 for full in e.fulls)]
    return named if len(form.tokens) == 1 and len(named) == 1 else []


def _ambiguous(
    building: list[_Building], index: int, form: NameForm, candidate: Candidate
) -> _Building:
    """A part shared by several people: an entity of its own, shared by its other mentions."""
    for entity in building:
        if entity.ambiguous and entity.full_match(form):
            entity.members.append(index)
            return entity
    entity = _Building(candidate.entity_type, ambiguous=True)
    entity.learn(form)
    entity.members.append(index)
    building.append(entity)
    return entity


def _final_type(entity: _Building, items: Sequence[Item], forms: Mapping[int, NameForm]) -> str:
    """A known identifier's own type, else the type its mentions' evidence weighs most for
    (a name of two or more words counting once more than a bare word)."""
    if entity.known and entity.entity_type:
        return entity.entity_type
    weight: dict[str, int] = {}
    for index in entity.members:
        candidate = items[index][1]
        full = index in forms and len(forms[index].tokens) >= 2
        weight[candidate.entity_type] = (
            weight.get(candidate.entity_type, 0) + _WEIGHTS[strength(candidate)] + full
        )
    return max(weight, key=lambda kind: (weight[kind], kind == PERSON))
