"""The forms of a name a careful reader compares: "Mr Benali", "BENALI's" and "Ben Ali" agree.

A mention's *tokens* are its name words, folded (case, diacritics, transliteration
marks), without titles, articles or a possessive ending; a kunya or nasab stays
one token with its head ("Abu Hamza" is one token, never "Hamza"), and a token is
written without spaces, so "Ben Ali" and "Benali" are the same token. Two tokens
are *variants* when their transliteration skeletons agree (Karim, Kareem).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from anonymise.lexicon import ARABIC_ARTICLES, FUNCTION_WORDS, TITLES, fold

#: Heads of a kunya ("Abu Hamza", "Umm Khalid"), in their usual spellings.
KUNYA_HEADS = frozenset(["abu", "abou", "abo", "umm", "um", "om"])
#: Heads of a nasab ("bin Laden", "Ben Ali"), kept with the name that follows.
NASAB_HEADS = frozenset(["ibn", "bin", "bint", "ben"])
_ARTICLES = ARABIC_ARTICLES | frozenset(["an", "ez", "es", "ed", "el"])
_POSSESSIVE = regex.compile(r"(?<=\w)['’ʼ]s?(?=\s|$)|(?<=\w{2}s)['’ʼ](?=\s|$)")
_UNIFY = (
    ("ou", "u"),
    ("ee", "i"),
    ("oo", "u"),
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
)


@dataclass(frozen=True)
class NameForm:
    """The tokens of one mention, as :func:`name_form` reads them."""

    tokens: tuple[str, ...]
    """Name tokens in text order, folded and without spaces."""
    titled: bool = False
    """The mention opened with a title ("Mr", "Sheikh")."""

    @property
    def skeletons(self) -> tuple[str, ...]:
        """The transliteration skeleton of each token."""
        return tuple(skeleton(token) for token in self.tokens)

    @property
    def joined(self) -> str:
        """All tokens written together: "Karim Ben Ali" and "Karim Benali" agree."""
        return "".join(self.tokens)


def skeleton(token: str) -> str:
    """A transliteration-blind form: Mohammed, Muhammad and Mohamed share one.

    Letters transliterations swap are unified, doubled letters collapsed, and
    vowels after the first letter dropped (a leading vowel is kept as a marker).
    """
    word = token
    for old, new in _UNIFY:
        word = word.replace(old, new)
    word = regex.sub(r"(.)\1+", r"\1", word)
    if not word:
        return word
    head = "V" if word[0] in "aeiouy" else word[0]
    return head + regex.sub(r"[aeiouy]", "", word[1:])


def name_form(surface: str) -> NameForm:
    """The tokens of a mention's text (see the module docstring)."""
    words = fold(_POSSESSIVE.sub("", surface)).split()
    titled = False
    while len(words) > 1 and words[0] in TITLES and words[0] not in KUNYA_HEADS | NASAB_HEADS:
        words = words[1:]
        titled = True
    tokens: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word in _ARTICLES or (word in FUNCTION_WORDS and word not in NASAB_HEADS):
            index += 1
            continue
        given_ben = word == "ben" and index == 0 and len(words) > 2
        if (
            (word in KUNYA_HEADS or word in NASAB_HEADS)
            and index + 1 < len(words)
            and not given_ben
        ):
            following = index + 1
            if words[following] in _ARTICLES and following + 1 < len(words):
                following += 1
            head = "abu" if word in {"abu", "abou", "abo"} else word
            head = "umm" if word in {"umm", "um", "om"} else head
            tokens.append(head + words[following])
            index = following + 1
            continue
        tokens.append(word)
        index += 1
    return NameForm(tuple(token for token in tokens if token), titled)


def is_kunya(token: str) -> bool:
    """True for a kunya token ("abuhamza", "ummkhalid")."""
    return token.startswith(("abu", "umm")) and len(token) > 4


def same_token(one: str, other: str) -> bool:
    """True when two tokens are the same name, or variants of it (Karim, Kareem)."""
    if one == other:
        return True
    if min(len(one), len(other)) < 4:
        return False
    return skeleton(one) == skeleton(other)
