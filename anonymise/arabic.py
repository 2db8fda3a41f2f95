"""Arabic-script words for the rules that read them: folded, with their proclitics known.

No model reads Arabic script here, so the rules work on words: each is folded
(diacritics and tatweel dropped; أ إ آ ٱ as ا, ى as ي, ة as ه; Persian and
dialect letters as their Arabic ones) and read with and without a fused
proclitic (و ف ب ل ك, the dialects' ع and ف, ``لل`` for ``ل`` + ``ال``). A
proclitic written fused to the word belongs to its span (``بالموصل``); one set
off by a tatweel does not (``بـ`` + ``أورفة``), so the word starts after it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import regex

from anonymise.lexicon import data_lines

#: Harakat, Quranic marks and the superscript alef: dropped when folding.
_MARKS = regex.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ی": "ي",
        "ئ": "ي",
        "ؤ": "و",
        "ک": "ك",
        "چ": "ك",
        "گ": "ك",
        "ڤ": "ف",
        "پ": "ب",
        "ۀ": "ه",
    }
)
#: An Arabic-script word: Arabic letters with their marks and tatweel (no digits).
WORD = regex.compile(
    r"[\p{Script=Arabic}&&\p{L}][\p{M}\u0640[\p{Script=Arabic}&&\p{L}]]*", regex.V1
)
#: A proclitic set off by a tatweel at the start of a word: "بـ", "عـ", "لـ", "وبـ".
_SET_OFF = regex.compile(r"^(?:و?[بلكفع]|و)\u0640+")
#: Eastern Arabic and Persian digits, as ASCII digits.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
#: Proclitics that may be fused to a word, outermost first.
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك", "ع")


def fold_arabic(text: str) -> str:
    """``text`` without diacritics or tatweel, its letter variants unified."""
    return _MARKS.sub("", text).translate(_LETTERS)


def has_arabic(text: str) -> bool:
    """True when ``text`` holds an Arabic-script letter."""
    return max(text, default="") >= "\u0600" and WORD.search(text) is not None


@lru_cache(maxsize=8192)
def stems(key: str, dialect: bool = True) -> tuple[str, ...]:
    """A folded word and its readings without fused proclitics, the whole word first.

    ``وبالموصل`` reads as itself, ``بالموصل`` and ``الموصل``; ``للرقه`` as ``الرقه``;
    ``عالحدود`` as ``الحدود``. A stem keeps at least two letters. ``dialect`` reads
    the dialects' ``ع`` (على) too: a place's proclitic (``عتدمر``), never a name's.
    """
    found = [key]
    heads = [""]
    for conjunction in _CONJUNCTIONS:
        if key.startswith(conjunction):
            heads.append(conjunction)
    for head in list(heads):
        for preposition in _PREPOSITIONS if dialect else _PREPOSITIONS[:-1]:
            if key.startswith(head + preposition):
                heads.append(head + preposition)
    for head in heads[1:]:
        rest = key[len(head) :]
        if head.endswith("ع") and not rest.startswith("ال") and len(rest) < 4:
            continue
        readings = [rest]
        if head.endswith("ل") and rest.startswith("ل"):
            # للرقة is ل + الرقة; لليبيا is ل + ليبيا.
            readings.insert(0, "ا" + rest)
        found.extend(r for r in readings if len(r) >= 2 and r not in found)
    return tuple(found)


def without_article(key: str) -> str:
    """``key`` without a leading ``ال`` (if a word is left)."""
    return key[2:] if key.startswith("ال") and len(key) > 3 else key


@dataclass(frozen=True)
class ArabicWord:
    """One Arabic-script word of a text."""

    start: int
    """Where the word starts: after a proclitic set off by a tatweel."""
    end: int
    key: str
    """The folded word, fused proclitics included."""

    @property
    def stems(self) -> tuple[str, ...]:
        """The word and its readings without fused proclitics."""
        return stems(self.key)


def arabic_words(text: str) -> list[ArabicWord]:
    """The Arabic-script words of ``text``, in order."""
    found = []
    for match in WORD.finditer(text):
        start, word = match.start(), match.group()
        set_off = _SET_OFF.match(word)
        if set_off and set_off.end() < len(word):
            start += set_off.end()
            word = word[set_off.end() :]
        key = fold_arabic(word)
        if key:
            found.append(ArabicWord(start, match.end(), key))
    return found


#: Between two words of one phrase: spaces (one line break among them at most, as a
#: name may be broken over two lines), and a proclitic set off by a tatweel.
_JOIN = regex.compile(r"[ \u00a0\t]*\n?[ \u00a0\t]*(?<=\s)(?:و?[بلكفع]\u0640+|و\u0640+)?")


def joined(text: str, left: ArabicWord, right: ArabicWord) -> bool:
    """True when ``right`` follows ``left`` in the same phrase (no punctuation between)."""
    return _JOIN.fullmatch(text, left.end, right.start) is not None


def written(text: str, word: ArabicWord) -> str:
    """The word as written, without diacritics or tatweel but with its letters (ى stays ى)."""
    return _MARKS.sub("", text[word.start : word.end])


@dataclass(frozen=True)
class ArabicLexicon:
    """The word lists the Arabic-script rules read, folded."""

    groups: dict[str, frozenset[str]]
    """Words of ``arabic_words.txt`` by group."""
    given: frozenset[str]
    """Given names that are names wherever they stand."""
    ambiguous: frozenset[str]
    """Given names that are also common words: names only in a name position."""
    latin: dict[str, frozenset[str]]
    """Latin spellings of each name, nisba and kunya word, by folded Arabic word."""
    places: frozenset[str]
    """Folded place names: the gazetteer's Arabic names and the curated list."""
    places_longest: int
    """The most words a place name has."""
    tribes: frozenset[str]
    """Folded tribe names."""
    countries: frozenset[str]
    """Folded country names."""
    curated: frozenset[str]
    """Folded names of the curated list of places: trusted wherever they stand."""

    def group(self, name: str) -> frozenset[str]:
        """The folded words of one group."""
        return self.groups.get(name, frozenset())

    def is_in(self, word: ArabicWord | str, name: str) -> bool:
        """True when the word, or its reading without proclitics, is in group ``name``."""
        key = word if isinstance(word, str) else word.key
        words = self.group(name)
        return any(stem in words for stem in stems(key))

    def common(self, word: ArabicWord | str) -> bool:
        """True when the word is a common word of any group (never a name by itself)."""
        key = word if isinstance(word, str) else word.key
        return any(
            stem in self.groups.get("common", frozenset()) or stem in self._readable
            for stem in stems(key)
        )

    @property
    def _readable(self) -> frozenset[str]:
        return self.groups.get("*readable", frozenset())

    def name(self, word: ArabicWord | str) -> str | None:
        """The folded given name the word is (maybe after a proclitic), if any."""
        key = word if isinstance(word, str) else word.key
        for stem in stems(key, dialect=False):
            if stem in self.given or stem in self.ambiguous:
                return stem
        return None


def _folded_words(lines: Iterable[str]) -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for line in lines:
        group, _, words = line.partition(":")
        separator = "|" if "|" in words else None
        groups.setdefault(group.strip(), set()).update(
            fold_arabic(word.strip()) for word in words.split(separator) if word.strip()
        )
    return {group: frozenset(words) for group, words in groups.items()}


@lru_cache(maxsize=1)
def arabic_lexicon() -> ArabicLexicon:
    """The Arabic word lists, names and places, built once per process."""
    from anonymise.places import arabic_place_names

    groups = _folded_words(data_lines("arabic_words.txt"))
    readable: set[str] = set()
    for group in ("relation", "relation-adjective", "naming", "self", "kunya", "nasab", "title"):
        readable |= groups.get(group, frozenset())
    for group in ("person-verb",):
        readable |= groups.get(group, frozenset())
    for group in (
        "place-word",
        "camp",
        "prison",
        "quarter",
        "tribe",
        "institution",
        "time-unit",
        "time-dual",
    ):
        readable |= groups.get(group, frozenset())
    for group in (
        "age",
        "currency",
        "children",
        "number",
        "season",
        "occupation",
        "workplace",
        "number-label",
    ):
        readable |= groups.get(group, frozenset())
    groups["*readable"] = frozenset(readable)
    given: set[str] = set()
    ambiguous: set[str] = set()
    latin: dict[str, set[str]] = {}
    for line in data_lines("arabic_names.txt"):
        name, _, spellings = line.partition("=")
        name = name.strip()
        target = ambiguous if name.startswith("?") else given
        key = fold_arabic(name.lstrip("?").strip())
        target.add(key)
        latin.setdefault(key, set()).update(s.strip("?") for s in spellings.split())
    for line in data_lines("arabic_nisbas.txt"):
        name, _, spellings = line.partition("=")
        latin.setdefault(fold_arabic(name.strip()), set()).update(spellings.split())
    places, longest, countries = arabic_place_names()
    tribes = frozenset(fold_arabic(line) for line in data_lines("arabic_tribes.txt"))
    return ArabicLexicon(
        groups,
        frozenset(given - ambiguous),
        frozenset(ambiguous),
        {key: frozenset(values) for key, values in latin.items()},
        places,
        longest,
        tribes,
        countries,
        frozenset(" ".join(fold_arabic(line).split()) for line in data_lines("arabic_places.txt")),
    )


def and_another(word: str) -> bool:
    """A given name with "and" fused to it ("وسامر": and Samer), which is no name of its
    own: "وليد" and "وسام" are names."""
    key = fold_arabic(word)
    given = arabic_lexicon().given
    return key.startswith("و") and key[1:] in given and key not in given
