"""How text hides a word: the characters and spellings normalising undoes.

Shared by :mod:`anonymise.normalise`, which undoes them before analysis, and
:mod:`anonymise.residual`, which shows what is left of them after redaction.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import regex

#: Invisible characters: every format character (Cf: zero-width space, joiners,
#: soft hyphen, word joiner, byte-order mark, bidirectional marks, embeddings,
#: overrides and isolates, the Arabic letter mark), the combining grapheme joiner,
#: variation selectors and the Hangul fillers that render as nothing. Removing a
#: zero-width non-joiner inside a Persian word only joins the word for analysis;
#: the map keeps the original intact.
INVISIBLE = regex.compile(
    r"[\p{Cf}\u034f\u115f\u1160\u180b-\u180d\u3164\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef]+"
)
#: Bidirectional controls, which can reorder what a reader sees.
BIDI_CONTROL = regex.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
OVERRIDE = regex.compile(r"[\u202d\u202e]")
#: An override lasts until the next pop, embedding, override, isolate or line end.
OVERRIDE_END = regex.compile(r"[\u202a-\u202e\u2066-\u2069\n\r\u2029]")
CLUSTER = regex.compile(r"\X")
_LETTER = r"\p{L}\p{M}*"
_NOT_AFTER_WORD = r"(?<![\p{L}\p{M}\p{N}])"
_NOT_BEFORE_WORD = r"(?![\p{L}\p{M}\p{N}])"
#: At least three single letters with one space between them.
_SPACED_WORD = rf"{_LETTER}(?: {_LETTER}){{2,}}"
#: Two or more: a short word (el, de, bin) beside a longer one in a spaced-out name.
_SPACED_PAIR = rf"{_LETTER}(?: {_LETTER})+"
#: What separates letter-spaced words: two or more spaces, or a slash or bar.
_WIDE_GAP = r"(?: {2,}| ?[/|·•] ?)"
#: Letter-spaced words separated by wide gaps, at least one of three letters or more.
LETTER_SPACED = regex.compile(
    rf"{_NOT_AFTER_WORD}(?:{_SPACED_PAIR}{_WIDE_GAP})*{_SPACED_WORD}"
    rf"(?:{_WIDE_GAP}{_SPACED_PAIR})*{_NOT_BEFORE_WORD}"
)
#: Single letters joined by one repeated separator: K.h.a.l.i.d, K-H-A-L-I-D, K. h. a. l. i. d,
#: and several such words in a row (E.l H.a.d.d.o.u.t.i).
_SEPARATED_WORD = rf"{_LETTER}(?P=sep){_LETTER}(?:(?P=sep){_LETTER})*"
LETTER_SEPARATED = regex.compile(
    rf"{_NOT_AFTER_WORD}(?<![.\-_·‐‑])(?:{_LETTER}(?P<sep>\. )"
    rf"{_LETTER}(?:(?P=sep){_LETTER})+"
    rf"|{_LETTER}(?P<sep>[.\-_·‐‑]){_LETTER}(?:(?P=sep){_LETTER})*"
    rf"(?:\.? {_SEPARATED_WORD})*)"
    rf"{_NOT_BEFORE_WORD}(?![\-_·‐‑]\p{{L}})"
)
LETTERS = regex.compile(_LETTER)
WIDE_GAP_INSIDE = regex.compile(_WIDE_GAP)
#: Single-letter words of the languages of this work ("il y a à", "и в", "a I"):
#: a run made only of these is prose, not a spaced-out word.
_FUNCTION_LETTERS = frozenset("aàâäeéèêiíìoóòôuúùüyåøæ" + "аавикосужябіїє")
#: Decomposition tags whose compatibility form is the same letter, digit or space.
_SAFE_TAGS = frozenset(
    {
        "<wide>",
        "<narrow>",
        "<font>",
        "<circle>",
        "<noBreak>",
        "<small>",
        "<initial>",
        "<medial>",
        "<final>",
        "<isolated>",
        "<compat>",
    }
)
#: Blocks searched for foldable characters: Latin-1, spaces, letterlike symbols,
#: Roman numerals, enclosed letters, ligatures, Arabic presentation forms,
#: full-width and half-width forms, mathematical letters, Arabic mathematical letters.
_FOLD_BLOCKS = (
    (0x00A0, 0x0250),
    (0x2000, 0x200B),
    (0x202F, 0x2030),
    (0x205F, 0x2060),
    (0x2100, 0x2190),
    (0x2460, 0x2500),
    (0x3000, 0x3001),
    (0xFB00, 0xFE00),
    (0xFE50, 0xFF00),
    (0xFF01, 0xFFEF),
    (0x1D400, 0x1D800),
    (0x1EE00, 0x1EF00),
)
#: Folded to nothing safe: the micro sign would become Greek, the ellipsis is ordinary prose.
_KEEP = frozenset("\u00b5\u2024\u2025\u2026")
#: Cyrillic and Greek letters that look like Latin ones, folded inside Latin words only.
LOOK_ALIKES = {
    **dict(zip("аеорсухіјѕһԁԛԝӏ", "aeopcyxijshdqwl", strict=True)),
    **dict(zip("АВЕКМНОРСТХУІЈЅ", "ABEKMHOPCTXYIJS", strict=True)),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοαινρ", "ABEZHIKMNOPTYXoaivp", strict=True)),
}
MIXED_WORD = regex.compile(
    r"(?<![\p{L}\p{M}])(?=[\p{L}\p{M}]*\p{Latin})(?=[\p{L}\p{M}]*[\p{Cyrillic}\p{Greek}])"
    r"[\p{L}\p{M}]+"
)
#: Cheap first looks (the standard library's engine is faster at these) before the real search.
NON_ASCII = re.compile(r"[^\x00-\x7f]+")
CYRILLIC_OR_GREEK = re.compile("[\u0370-\u03ff\u0400-\u052f\u1f00-\u1fff]")
SINGLE_LETTERS = re.compile(r"(?<![^\W_])[^\W_][\W_]{1,3}[^\W_](?![^\W_])")
MIXED_HINT = regex.compile(r"\p{Latin}[\p{Cyrillic}\p{Greek}]|[\p{Cyrillic}\p{Greek}]\p{Latin}")


#: Joiners that belong inside words of scripts that use them (Persian, Indic), not hiding.
_JOINER_IN_WORD = r"(?<=[^\P{L}\p{Latin}]\p{M}*)[\u200c\u200d](?=[^\P{L}\p{Latin}])"
_HIDING = regex.compile(
    rf"(?P<joiner>{_JOINER_IN_WORD})|(?P<override>[\u202d\u202e][^\u202a-\u202e\u2066-\u2069\n\r\u2029]*\u202c?)"
    rf"|(?P<hidden>{INVISIBLE.pattern})"
    rf"|(?P<spaced>{LETTER_SPACED.pattern})|(?P<separated>{LETTER_SEPARATED.pattern})"
)
#: What :func:`hiding_places` reports.
BIDI = "bidirectional control"
INVISIBLE_CHARACTER = "invisible character"
SPACED_LETTERS = "letter-spaced word"
SEPARATED_LETTERS = "letters joined by dots or hyphens"


def hiding_places(text: str) -> Iterator[tuple[int, int, str]]:
    """Where characters hide a word from a reader or the analyser: ``(start, end, kind)``.

    One pass. A direction override is reported with the text it reorders. Joiners
    inside Persian or Indic words and a byte-order mark opening the text are
    ordinary; one-letter words of prose and abbreviations are not spaced-out words.
    """
    for match in _HIDING.finditer(text):
        if match.group("joiner") is not None:
            continue
        start, end = match.span()
        if match.group("override") is not None:
            yield start, end, BIDI
            continue
        if match.group("hidden") is not None:
            if start == 0 and match.group() == "\ufeff":
                continue
            kind = BIDI if BIDI_CONTROL.search(match.group()) else INVISIBLE_CHARACTER
            yield start, end, kind
            continue
        spaced = match.group("spaced") is not None
        letters = LETTERS.findall(match.group())
        if worth_joining(letters, match.group(), spaced):
            yield start, end, SPACED_LETTERS if spaced else SEPARATED_LETTERS


@lru_cache(maxsize=1)
def foldable() -> dict[str, str]:
    """Compatibility characters and the plain text they stand for."""
    table = {}
    for low, high in _FOLD_BLOCKS:
        for point in range(low, high):
            char = chr(point)
            tag = unicodedata.decomposition(char).split(" ", 1)[0]
            if tag not in _SAFE_TAGS or char in _KEEP:
                continue
            folded = unicodedata.normalize("NFKC", char)
            if folded == char or any(unicodedata.category(c).startswith("M") for c in folded):
                continue
            if len(folded) > 1 and " " in folded:
                continue
            # Symbols are kept unless they are one letter or digit in disguise (Ⓐ):
            # № and ™ mean something as they are, and "No" or "TM" would not.
            if unicodedata.category(char)[0] not in "LNZ" and not (
                len(folded) == 1 and folded.isalnum()
            ):
                continue
            table[char] = folded
    return table


def _is_prose(letters: list[str]) -> bool:
    return all(letter.casefold() in _FUNCTION_LETTERS for letter in letters)


def worth_joining(letters: list[str], surface: str, is_spaced: bool) -> bool:
    """False for prose made of one-letter words and for abbreviations such as U.S.A. or a.k.a."""
    if _is_prose(letters):
        return False
    gaps = LETTERS.split(surface)[1:-1]
    if is_spaced or "." not in gaps[0]:
        return True
    # The longest word decides: four letters or more, or three in mixed case (A.l.i).
    words: list[list[str]] = [[letters[0]]]
    for gap, letter in zip(gaps, letters[1:], strict=True):
        if " " in gap and gaps[0] != ". ":
            words.append([])
        words[-1].append(letter)
    longest = max(words, key=len)
    if len(longest) >= 4:
        return True
    return (
        len(longest) == 3
        and longest[0].isupper()
        and any(letter.islower() for letter in longest[1:])
    )
