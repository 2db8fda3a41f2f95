"""Known identifiers across scripts: a name given in Latin script found in Arabic script, and back.

An identity section may give "Abu Hamza al-Tunisi" while the testimony quotes
"أبو حمزة التونسي", or the other way round. Each word is matched through the
transliteration tables (``arabic_names.txt``, ``arabic_nisbas.txt``: Mohamed /
محمد, Abu / أبو, al-Tunisi / التونسي) or, for names the tables lack, by a
consonant skeleton both scripts share (قحطان and Qahtan both read ``khtn``);
Arabic words with their article and fused proclitics (وبأبي), Latin ones with
or without theirs (al-, el-). Every match carries the identifier it matched,
so the mentions of one person can be joined.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from anonymise.arabic import arabic_lexicon, fold_arabic, has_arabic, stems, without_article
from anonymise.candidates import Candidate, Evidence
from anonymise.known import KnownIdentifiers, skeleton
from anonymise.lexicon import NAME_PARTICLES, TITLES
from anonymise.recognisers.words import Piece, pieces, words

RECOGNISER = "known-identifiers"
WHOLE = "matches a known identifier, in another script"
PART = "matches part of a known identifier, in another script"
SAME_WHOLE = str(Evidence.KNOWN)
SAME_PART = "matches part of a known identifier"
#: Latin articles that stand before a name (al-Tunisi, el-Masri, ad-Dulaimi).
_LATIN_ARTICLES = frozenset(["al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "ez", "an"])
#: Shortest skeleton trusted on its own: shorter names need the tables.
_SKELETON_LENGTH = 3
#: Arabic letters as the consonants of :func:`anonymise.known.skeleton`.
_CONSONANTS = str.maketrans(
    {
        "ب": "b",
        "ت": "t",
        "ث": "t",
        "ج": "g",
        "ح": "h",
        "خ": "h",
        "د": "d",
        "ذ": "d",
        "ر": "r",
        "ز": "s",
        "س": "s",
        "ش": "s",
        "ص": "s",
        "ض": "d",
        "ط": "t",
        "ظ": "d",
        "غ": "g",
        "ف": "f",
        "ق": "k",
        "ك": "k",
        "ل": "l",
        "م": "m",
        "ن": "n",
        "ه": "h",
    }
)


@dataclass(frozen=True)
class CrossScriptMatch:
    """A mention of a known identifier written in the other script."""

    candidate: Candidate
    """Where it is, typed as the identifier is."""
    identifier: str
    """The known value (as the identity section gives it) that it is a form of."""
    words: tuple[str, ...]
    """The folded words of that value it matched: all of them, or one part."""


@lru_cache(maxsize=8192)
def arabic_skeleton(key: str) -> str:
    """The consonant skeleton of a folded Arabic word, comparable with a Latin one's."""
    word = without_article(key)
    if word.endswith("ه"):
        word = word[:-1]
    if not word:
        return ""
    head = {"ا": "V", "ع": "V", "و": "v", "ي": "y"}.get(word[0], word[0].translate(_CONSONANTS))
    tail = "".join(ch for ch in word[1:].translate(_CONSONANTS) if ch.isascii())
    return regex.sub(r"(.)\1+", r"\1", (head + tail).replace("g", "k"))


@lru_cache(maxsize=8192)
def latin_skeletons(key: str) -> frozenset[str]:
    """The skeletons of a folded Latin word, French spellings (ch, dj, ou) read too."""
    forms = {key, key.replace("ch", "sh").replace("dj", "j")}
    found = set()
    for form in forms:
        shape = skeleton(form)
        if shape:
            # ق is q, k or g in Latin spellings, ج is j or g: g and k are one letter here.
            found.add((shape[0] + shape[1:].replace("v", "")).replace("g", "k"))
    return frozenset(found)


@lru_cache(maxsize=1)
def _arabic_for_latin() -> dict[str, frozenset[str]]:
    """Folded Arabic words (without article) by Latin spelling."""
    index: dict[str, set[str]] = {}
    for arabic, spellings in arabic_lexicon().latin.items():
        for spelling in spellings:
            index.setdefault(spelling, set()).add(without_article(arabic))
    return {spelling: frozenset(words) for spelling, words in index.items()}


def _latin_words(value: str) -> list[str]:
    """The folded Latin words of a value, articles dropped."""
    keys = [p.key for p in _pieces(value)]
    return [key for key in keys if key not in _LATIN_ARTICLES]


def _pieces(value: str) -> list[Piece]:
    return pieces(words(value))


@lru_cache(maxsize=65536)
def _latin_matches_arabic(latin: str, arabic: str) -> bool:
    """True when a folded Latin word and a folded Arabic word (any article) are one name."""
    bare = without_article(arabic)
    if bare in _arabic_for_latin().get(latin, frozenset()):
        return True
    shape = arabic_skeleton(bare)
    return len(shape) >= _SKELETON_LENGTH and shape in latin_skeletons(latin)


def _significant(word: str) -> bool:
    """A word of a value that is matched alone: not a particle, title or common word."""
    if has_arabic(word):
        return _arabic_significant(word)
    return len(word) >= 3 and word not in NAME_PARTICLES and word not in TITLES


@lru_cache(maxsize=8192)
def _arabic_significant(key: str) -> bool:
    lexicon = arabic_lexicon()
    return (
        len(without_article(key)) >= 3
        and not lexicon.is_in(key, "kunya")
        and not lexicon.is_in(key, "nasab")
        and not lexicon.common(key)
    )


def find_across_scripts_in(text: str, known: KnownIdentifiers) -> list[CrossScriptMatch]:
    """Mentions in ``text`` of the known identifiers written in the other script."""
    return find_across_scripts(pieces(words(text)), known)


def find_across_scripts(stream: Sequence[Piece], known: KnownIdentifiers) -> list[CrossScriptMatch]:
    """Mentions in ``stream`` of the known identifiers written in the other script."""
    arabic = [p for p in stream if has_arabic(p.key)]
    keys = [fold_arabic(p.key) for p in arabic]
    latin = [p for p in stream if not has_arabic(p.key)]
    found: list[CrossScriptMatch] = []
    for value, kind in known.entries():
        if has_arabic(value):
            words = [fold_arabic(p.key) for p in _pieces(value)]
            found.extend(_in_latin(latin, value, kind, words))
            found.extend(_in_arabic(arabic, keys, value, kind, words, _same_arabic))
        else:
            words = _latin_words(value)
            if words and arabic:
                found.extend(_in_arabic(arabic, keys, value, kind, words, _latin_matches_arabic))
    return found


def _same_arabic(word: str, arabic: str) -> bool:
    """True when two folded Arabic words are one, with or without the article."""
    return without_article(word) == without_article(arabic)


def _in_arabic(
    arabic: Sequence[Piece],
    keys: Sequence[str],
    value: str,
    kind: str,
    words: list[str],
    same: Callable[[str, str], bool],
) -> list[CrossScriptMatch]:
    """A value's mentions among the Arabic-script pieces (``keys`` folded), with proclitics.

    ``same`` says whether a word of the value and an Arabic word are one name. A
    mention of several words is of neighbouring words.
    """
    starts = {
        word: [i for i, key in enumerate(keys) if any(same(word, stem) for stem in stems(key))]
        for word in set(words)
    }
    found: list[CrossScriptMatch] = []
    used: set[int] = set()
    whole, part = (WHOLE, PART) if same is _latin_matches_arabic else (SAME_WHOLE, SAME_PART)
    for size in range(len(words), 1 if len(words) > 1 else 0, -1):
        for first in range(len(words) - size + 1):
            form = words[first : first + size]
            for index in starts[form[0]]:
                last = index + size - 1
                if last >= len(keys) or any(i in used for i in range(index, last + 1)):
                    continue
                if all(
                    arabic[index + offset].start - arabic[index + offset - 1].end <= 1
                    and same(form[offset], keys[index + offset])
                    for offset in range(1, size)
                ):
                    found.append(
                        _match(arabic[index], arabic[last], kind, value, tuple(form), whole)
                    )
                    used.update(range(index, last + 1))
    for word in words:
        if not _significant(word):
            continue
        for index in starts[word]:
            if index not in used and _arabic_significant(keys[index]):
                found.append(_match(arabic[index], arabic[index], kind, value, (word,), part))
                used.add(index)
    return found


def _in_latin(
    latin: Sequence[Piece], value: str, kind: str, words: list[str]
) -> list[CrossScriptMatch]:
    """An Arabic value's mentions among the Latin-script pieces."""
    found: list[CrossScriptMatch] = []
    covered = -1
    for index, piece in enumerate(latin):
        if piece.key in _LATIN_ARTICLES or index <= covered:
            continue
        position = index
        for word in words:
            if position < len(latin) and latin[position].key in _LATIN_ARTICLES:
                position += 1
            if position >= len(latin) or not _latin_matches_arabic(latin[position].key, word):
                break
            position += 1
        else:
            found.append(_match(piece, latin[position - 1], kind, value, tuple(words), WHOLE))
            covered = position - 1
            continue
        for word in words:
            if _arabic_significant(word) and _latin_matches_arabic(piece.key, word):
                found.append(_match(piece, piece, kind, value, (word,), PART))
                break
    return found


def _match(
    first: Piece, last: Piece, kind: str, value: str, words: tuple[str, ...], why: str
) -> CrossScriptMatch:
    start = first.start + _set_off(first.key)
    score = 1.0 if why in (WHOLE, SAME_WHOLE) else 0.95
    return CrossScriptMatch(Candidate(start, last.end, kind, score, RECOGNISER, why), value, words)


def _set_off(key: str) -> int:
    """How many characters of a word a proclitic set off by a tatweel takes (بـ)."""
    match = regex.match(r"(?:و?[بلكفع]|و)\u0640+", key)
    return match.end() if match and match.end() < len(key) else 0
