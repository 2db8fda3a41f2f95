"""The interview's own identifiers, and every variant of them in a text.

The protected identity section of an interview (real name, aliases, kunya,
relatives, home places, unit) becomes a deny list. A mention is found whatever
its transliteration (Mohammed, Muhammad, Mohamed), article (al-, el-, ul- or
none), diacritics, ʿ ʾ marks, case or possessive, whole or in part, and in the
other script (Abu Hamza / أبو حمزة, :mod:`anonymise.known_scripts`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields

from anonymise.candidates import ORGANISATION, PERSON, PLACE, Candidate, Evidence
from anonymise.lexicon import FUNCTION_WORDS, NAME_PARTICLES, TITLES, fold, in_dictionary
from anonymise.propagate import FormIndex
from anonymise.recognisers.words import Piece

RECOGNISER = "known-identifiers"
_ARTICLES = frozenset(["al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "ez", "an"])


@dataclass(frozen=True)
class KnownIdentifiers:
    """What the interview's identity section says about who the testimony is about."""

    names: tuple[str, ...] = ()
    """Real names of the interviewee."""
    aliases: tuple[str, ...] = ()
    """Other names, noms de guerre, nicknames."""
    kunyas: tuple[str, ...] = ()
    """Kunyas such as "Abu Omar" or "Umm Khalid"."""
    relatives: tuple[str, ...] = ()
    """Names of family members."""
    places: tuple[str, ...] = ()
    """Home town, village, district, places lived."""
    units: tuple[str, ...] = ()
    """Units, brigades, groups, employers."""
    other: tuple[str, ...] = ()
    """Anything else that identifies: numbers, schools, nicknames of places."""

    def __repr__(self) -> str:
        counts = ", ".join(f"{f.name}={len(getattr(self, f.name))}" for f in fields(self))
        return f"KnownIdentifiers({counts})"

    @classmethod
    def from_mapping(cls, data: object) -> KnownIdentifiers:
        """Build from a parsed YAML or JSON mapping of field -> string or list of strings."""
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ValueError("known identifiers must be a mapping of field to names")
        names = {f.name for f in fields(cls)}
        values: dict[str, tuple[str, ...]] = {}
        for key, value in data.items():
            field = str(key).strip().lower().replace(" ", "_")
            field = {
                "name": "names",
                "alias": "aliases",
                "kunya": "kunyas",
                "unit": "units",
                "relative": "relatives",
                "place": "places",
                "home": "places",
            }.get(field, field)
            if field not in names:
                # Never the key itself: a misplaced name would be printed.
                known = ", ".join(f.name for f in fields(cls))
                raise ValueError(f"unknown field in known identifiers (the fields are {known})")
            items = [value] if isinstance(value, str) else list(value or [])
            if not all(isinstance(item, str) for item in items):
                raise ValueError(f"field {key} must hold strings")
            values[field] = values.get(field, ()) + tuple(i.strip() for i in items if i.strip())
        return cls(**values)

    def entries(self) -> list[tuple[str, str]]:
        """(value, entity type) for every identifier."""
        kinds = {"places": PLACE, "units": ORGANISATION}
        return [
            (value, kinds.get(f.name, PERSON))
            for f in fields(self)
            for value in getattr(self, f.name)
        ]


def skeleton(key: str) -> str:
    """A transliteration-blind form: Mohammed, Muhammad and Mohamed share one.

    Letters that transliterations swap are unified, doubled letters collapsed,
    and vowels inside the word dropped (a leading vowel is kept as a marker).
    """
    word = key.replace("ou", "u").replace("ee", "i").replace("oo", "u")
    for old, new in (
        ("dh", "d"),
        ("th", "t"),
        ("kh", "h"),
        ("gh", "g"),
        ("sh", "s"),
        ("ph", "f"),
        ("q", "k"),
        ("c", "k"),
        ("j", "g"),
        ("w", "v"),
        ("z", "s"),
    ):
        word = word.replace(old, new)
    word = re.sub(r"(.)\1+", r"\1", word)
    if not word:
        return word
    head = "V" if word[0] in "aeiouy" else word[0]
    tail = re.sub(r"[aeiouy]", "", word[1:])
    return head + tail


def variants(value: str) -> list[tuple[str, ...]]:
    """Folded word tuples for a value, its article variants and its parts."""
    words = fold(value).split()
    if not words:
        return []
    forms = {tuple(words)}
    no_article = tuple(w for w in words if w not in _ARTICLES)
    if no_article:
        forms.add(no_article)
    for index, word in enumerate(words):
        if word in _ARTICLES:
            for article in ("al", "el", "ul", "ad", "as", "ash", "az", "ar", "at", "an", "ez"):
                swapped = list(words)
                swapped[index] = article
                forms.add(tuple(swapped))
    return sorted(forms, key=len, reverse=True)


def _parts(value: str) -> list[str]:
    return [
        w
        for w in fold(value).split()
        if len(w) >= 3 and w not in TITLES and w not in NAME_PARTICLES and w not in FUNCTION_WORDS
    ]


def find_known(
    stream: Sequence[Piece], known: KnownIdentifiers, dictionary: frozenset[str]
) -> list[Candidate]:
    """Every mention in ``stream`` of the known identifiers or their variants."""
    index = FormIndex()
    skeletons: dict[str, str] = {}
    for value, kind in known.entries():
        for form in variants(value):
            index.add(form, kind, Evidence.KNOWN)
        for part in _parts(value):
            index.add((part,), kind, "matches part of a known identifier")
            skeletons.setdefault(skeleton(part), kind)
    found = index.find(stream, dictionary, RECOGNISER, 1.0)
    for piece in stream:
        kind_of = skeletons.get(skeleton(piece.key)) if len(piece.key) >= 3 else None
        if kind_of is None:
            continue
        if in_dictionary(piece.key, dictionary) and not piece.capitalised:
            continue
        found.append(_variant(piece, kind_of, "spelling variant of a known identifier"))
    found.extend(_inside_words(stream, known, dictionary))
    from anonymise.known_scripts import find_across_scripts

    found.extend(match.candidate for match in find_across_scripts(stream, known))
    return found


def _variant(piece: Piece, kind: str, why: str) -> Candidate:
    """A mention of a known identifier written otherwise than the interview gave it."""
    return Candidate(piece.start, piece.end, kind, 0.95, RECOGNISER, why)


#: The shortest part of a known name looked for inside a longer word: five letters, so
#: that "Omar" is not found in "Omarket" but "Benali" is found in "kbenali92".
_SHORTEST_INSIDE = 5


def _inside_words(
    stream: Sequence[Piece], known: KnownIdentifiers, dictionary: frozenset[str]
) -> list[Candidate]:
    """Words that hold a known name or part of one with other letters: "karimbenali",
    "kbenali92", "salmatrabelsi_88" (user names, e-mail parts, names written together)."""
    wanted: dict[str, str] = {}
    for value, kind in known.entries():
        parts = _parts(value)
        if len(parts) >= 2:
            wanted.setdefault("".join(parts), kind)
        for part in parts:
            if len(part) >= _SHORTEST_INSIDE:
                wanted.setdefault(part, kind)
    if not wanted:
        return []
    found = []
    for piece in stream:
        key = piece.key.replace("_", "").replace(".", "")
        if len(key) < _SHORTEST_INSIDE or in_dictionary(piece.key, dictionary):
            continue
        kind_of = next((kind for part, kind in wanted.items() if part in key), None)
        if kind_of is not None:
            found.append(_variant(piece, kind_of, "holds a known identifier inside a longer word"))
    return found


def known_values(known: KnownIdentifiers) -> Iterable[str]:
    """Every raw value (for tests and the residual check)."""
    return (value for value, _kind in known.entries())
