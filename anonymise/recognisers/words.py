"""Words of a text with the facts the recognisers ask about them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

#: A word: letters, digits and inner apostrophes, hyphens or transliteration marks.
WORD = regex.compile(r"[\p{L}\p{M}\p{N}ʿʾ](?:[\p{L}\p{M}\p{N}ʿʾ'’\-‐‑]*[\p{L}\p{M}\p{N}])?")
#: An initial: one capital letter and a full stop, possibly several ("Z.M.").
INITIALS = regex.compile(r"(?:\p{Lu}\.){1,3}")
#: A French elided article, pronoun or conjunction fused to the next word: "d'Ahmed",
#: "l'émir", "qu'Omar". It is not part of the word: names are matched and masked without it.
ELISION = regex.compile(
    r"(?:[dljmnstc]|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)['’](?=\p{L})", regex.IGNORECASE
)
#: Possessive endings that belong to the name before them for matching, not masking.
POSSESSIVE = ("'s", "’s", "s'", "s’")
_SENTENCE_END = set('.!?:;\n"“”«»()[]•–—')
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "no",
        "nos",
        "nr",
        "gen",
        "col",
        "capt",
        "lt",
        "sgt",
        "maj",
        "vs",
        "etc",
        "art",
    ]
)


@dataclass(frozen=True)
class Word:
    """One word of a text."""

    start: int
    end: int
    text: str
    capitalised: bool
    """Starts with an upper-case letter."""
    upper: bool
    """Two or more letters, all upper case."""
    sentence_initial: bool
    """First word of a sentence, line or quotation."""
    initial: bool = False
    """An initial such as "A." or "Z.M."."""

    @property
    def bare(self) -> str:
        """The word without a possessive ending."""
        for ending in POSSESSIVE:
            if self.text.endswith(ending) and len(self.text) > len(ending) + 1:
                return self.text[: -len(ending)]
        return self.text


def _sentence_initial(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index] in " \t":
        index -= 1
    if index < 0:
        return True
    char = text[index]
    if char == ".":
        # "Mr. Khalil": an abbreviation does not end a sentence.
        word_start = index
        while word_start > 0 and text[word_start - 1].isalpha():
            word_start -= 1
        previous = text[word_start:index].lower()
        return not (previous in _ABBREVIATIONS or len(previous) == 1)
    return char in _SENTENCE_END


def words(text: str) -> list[Word]:
    """Every word and initial of ``text``, in order."""
    return list(_words(text))


@lru_cache(maxsize=4)
def _words(text: str) -> tuple[Word, ...]:
    # Several recognisers read the words of the same text in turn: split it once.
    # Only the last few texts are kept, and only in memory.
    return tuple(_split(text))


def _split(text: str) -> list[Word]:
    found: list[Word] = []
    position = 0
    while True:
        match = WORD.search(text, position)
        if match is None:
            return found
        start = match.start()
        initials = INITIALS.match(text, start)
        end = initials.end() if initials else start
        if initials and (end >= len(text) or not text[end].isalnum()):
            found.append(
                Word(
                    start,
                    end,
                    initials.group(),
                    capitalised=True,
                    upper=False,
                    sentence_initial=_sentence_initial(text, start),
                    initial=True,
                )
            )
            position = end
            continue
        token = match.group()
        elided = ELISION.match(token) if "'" in token or "’" in token else None
        # "d'Ahmed", "L'émir"; but "D'Souza" and "M'hammed" are names whole.
        if elided and (
            token[0].islower() or (token[elided.end()].islower() and token[0] not in "MT")
        ):
            start += elided.end()
            token = token[elided.end() :]
        letters = [ch for ch in token if ch.isalpha()]
        found.append(
            Word(
                start,
                match.end(),
                token,
                capitalised=bool(letters) and letters[0].isupper(),
                upper=len(letters) >= 2 and all(ch.isupper() for ch in letters),
                sentence_initial=_sentence_initial(text, start),
            )
        )
        position = match.end()


@dataclass(frozen=True)
class Piece:
    """A word, or one part of a hyphenated word, folded for matching."""

    key: str
    """Folded: lower case, no diacritics or transliteration marks, no possessive."""
    start: int
    end: int
    capitalised: bool


_HYPHEN = regex.compile(r"[-‐‑]")


def pieces(found: list[Word]) -> list[Piece]:
    """Split words at hyphens and fold each part (``al-Britani's`` -> ``al``, ``britani``)."""
    from anonymise.lexicon import fold

    result: list[Piece] = []
    for word in found:
        bare = word.bare
        offset = word.start
        for part in _HYPHEN.split(bare):
            if part:
                key = fold(part)
                if key:
                    result.append(Piece(key, offset, offset + len(part), part[:1].isupper()))
            offset += len(part) + 1
    return result
