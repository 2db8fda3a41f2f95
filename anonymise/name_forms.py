"""The forms of a name a careful reader compares: "Mr Benali", "BENALI's" and "Ben Ali" agree.

A mention's *tokens* are its name words, folded (case, diacritics, transliteration
marks), without titles, articles or a possessive ending; a kunya or nasab stays
one token with its head ("Abu Hamza" is one token, never "Hamza"), and a token is
written without spaces, so "Ben Ali" and "Benali" are the same token. Two tokens
are *variants* when their transliteration skeletons agree (Karim, Kareem).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from anonymise.lexicon import ARABIC_ARTICLES, FUNCTION_WORDS, TITLES, fold
from anonymise.names import name_lexicon

#: Heads of a kunya ("Abu Hamza", "Umm Khalid"), in their usual spellings.
KUNYA_HEADS = frozenset(["abu", "abou", "abo", "umm", "um", "om", "oum"])
#: Heads of a nasab ("bin Laden", "Ben Ali"), kept with the name that follows.
NASAB_HEADS = frozenset(["ibn", "bin", "bint", "binti", "ben"])
_ARTICLES = ARABIC_ARTICLES | frozenset(["an", "ez", "es", "ed", "el"])
_POSSESSIVE = regex.compile(r"(?<=\w)['’ʼ]s?(?=\s|$)|(?<=\w{2}s)['’ʼ](?=\s|$)")
#: Letters folding leaves alone, as the Latin letters transliterations use.
_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ð": "d"})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _spelt(letters: str, spellings: str) -> dict[str, str]:
    """Each letter of ``letters`` and its spelling, from a space-separated list."""
    return dict(zip(letters, spellings.split(" "), strict=True))


_CYRILLIC = _spelt(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяјљњћђџ",
    "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya j lj nj c d j",
)
#: Arabic letters as the consonants Latin spellings write (long vowels as vowels).
_ARABIC = _spelt(
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوىيةءأإآؤئ",
    "a b t th j h kh d dh r z s sh s d t z a gh f q k l m n h u a i a - a i a u i",
)
_ARABIC_WORDS = {
    "بن": "bin",
    "بنت": "bint",
    "ابن": "ibn",
    "ابو": "abu",
    "أبو": "abu",
    "ام": "umm",
    "أم": "umm",
    "عبد": "abd",
}
_SEPARATOR = "|"
#: "Eddine", "Uddin": the article written joined to "Din" ("Salah Eddine", صلاح الدين).
_GLUED_DIN = regex.compile(r"^[aeu]ddine?$")
#: Words a detected span may open with that are no part of the name ("kunya Abu Anas",
#: "Married Kevin LEMAIRE", "Write Victoria").
LEAD_WORDS = _words(
    "im i kunya alias aka married write wrote rang said called named met told asked now "
    "nicknamed known resp name friend cousin wife husband mother son daughter neighbour "
    "comrade colleague"
)
#: Words of a notes line a detected span may run on into ("Aizhan Toktosunova\nName").
TRAIL_WORDS = _words(
    "name kunya alias dob born phone tel email address nationality passport children arabic said"
)
#: Heads of compound given names written as one word or two: "Abdel-Rahman", "Abdulrahman".
COMPOUND_HEADS = frozenset(["abd", "abdel", "abdul", "abdal", "abdol", "abdi"])
_UNIFY = (
    ("xh", "j"),
    ("dj", "j"),
    ("ce", "se"),
    ("ci", "si"),
    ("ch", "sh"),
    ("ou", "u"),
    ("ee", "i"),
    ("oo", "u"),
    ("dh", "d"),
    ("th", "t"),
    ("kh", "h"),
    ("gh", "g"),
    ("sh", "s"),
    ("ph", "f"),
    ("p", "b"),
    ("q", "k"),
    ("c", "k"),
    ("j", "g"),
    ("w", "v"),
    ("z", "s"),
    ("x", "h"),
)


@dataclass(frozen=True)
class NameForm:
    """The tokens of one mention, as :func:`name_form` reads them."""

    tokens: tuple[str, ...]
    """Name tokens in text order, folded and without spaces."""
    titled: bool = False
    """The mention opened with a title ("Mr", "Sheikh")."""
    nisbas: frozenset[str] = frozenset()
    """Tokens written after an article ("al-Tunisi"): a nisba names a place or a tribe
    as much as the person."""

    @property
    def skeletons(self) -> tuple[str, ...]:
        """The transliteration skeleton of each token."""
        return tuple(skeleton(token) for token in self.tokens)

    @property
    def joined(self) -> str:
        """All tokens written together: "Karim Ben Ali" and "Karim Benali" agree."""
        return "".join(self.tokens)


@lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """A transliteration-blind form: Mohammed, Muhammad and Mohamed share one.

    Letters transliterations swap are unified, doubled letters collapsed, and
    vowels after the first letter dropped (a leading vowel is kept as a marker).
    A token spelt from another script unifies letter by letter ("|" between).
    """
    pieces = _without_article(token).split(_SEPARATOR)
    for number, piece in enumerate(pieces):
        for old, new in _UNIFY:
            piece = piece.replace(old, new)
        pieces[number] = piece
    word = regex.sub(r"(.)\1+", r"\1", "".join(pieces))
    if not word:
        return word
    head = "V" if word[0] in "aeiouy" else word[0]
    return head + regex.sub(r"[aeiouy]", "", word[1:])


_FINAL_H = regex.compile(r"(?<=[aeiou])h$")


def _ending(token: str) -> str:
    """How a name ends: "a" for a final a (the feminine of many names, and ta marbuta), "c"
    for a consonant (a French mute e after it too: "Amine"), "?" for another vowel or a
    Latin final h after a vowel, which may write either ("Fatimah", but "Abdallah")."""
    if _SEPARATOR not in token and regex.search(r"[aeiou]h$", token):
        return "?"
    letters = token.replace(_SEPARATOR, "")
    if letters.endswith("a"):
        return "a"
    if regex.search(r"(?:[^aeiouy]|[^aeiouy]e)$", letters):
        return "c"
    return "?"


def _without_article(token: str) -> str:
    """A compound given name without the article inside it: "Abderrahmane", "Abdul Rahman"
    and "عبد الرحمن" are "abd" and "rahman"; "Abdelkader" is "abd" and "kader"."""
    if not token.startswith("abd") or len(token) < 6:
        return token
    rest = regex.sub(r"^[aeiou]", "", token[3:])
    if rest.startswith("l") and not rest.startswith("l" + _SEPARATOR + "l"):
        rest = rest[1:]
    return "abd" + rest


def loose_skeleton(token: str) -> str:
    """A skeleton for comparing a Latin spelling with a spelling from Arabic script, which
    writes w and y as vowels or consonants as the Latin spelling may not ("Mezouar" and
    "مزوار"), and a final h after a vowel for ta marbuta ("Khawaldeh" and "الخوالدة")."""
    if _SEPARATOR not in token:
        token = regex.sub(r"(?<=[aeiou])h$", "", token)
    word = skeleton(token)
    return word[:1] + regex.sub(r"[vy]", "", word[1:])


def latin(word: str) -> list[str]:
    """A folded word in Latin letters: Cyrillic and Arabic script spelt letter by letter.

    Arabic name particles become their usual spellings ("بن" is "bin"), and the
    article is split off ("الطرابلسي" is "al" and the name).
    """
    word = word.translate(_LETTERS)
    if word.isascii():
        return [word]
    if word in _ARABIC_WORDS:
        return [_ARABIC_WORDS[word]]
    if word.startswith("ال") and len(word) > 3:
        return ["al", _spell(word[2:])]
    return [_spell(word)]


def _spell(word: str) -> str:
    letters = []
    for index, char in enumerate(word):
        if char in _CYRILLIC:
            letters.append(_CYRILLIC[char].strip("-"))
        elif char in _ARABIC:
            letter = _ARABIC[char].strip("-")
            if char in "وي" and (
                index == 0 or word[index + 1 : index + 2] == "ا" or word[index - 1] == "ا"
            ):
                letter = "w" if char == "و" else "y"
            letters.append(letter)
        else:
            letters.append(char)
    return _SEPARATOR.join(letter for letter in letters if letter)


@lru_cache(maxsize=16384)
def name_form(surface: str) -> NameForm:
    """The tokens of a mention's text (see the module docstring)."""
    words = [part for word in fold(_POSSESSIVE.sub("", surface)).split() for part in latin(word)]
    while len(words) > 1 and words[0] in LEAD_WORDS:
        words = words[1:]
    while len(words) > 1 and words[-1] in TRAIL_WORDS:
        words = words[:-1]
    titled = False
    while len(words) > 1 and words[0] in TITLES and words[0] not in KUNYA_HEADS | NASAB_HEADS:
        if len(words) == 2 and _given_name_title(surface, words[0]):
            break
        words = words[1:]
        titled = True
    tokens: list[str] = []
    nisbas: set[str] = set()
    index = 0
    while index < len(words):
        word = words[index]
        # A word of grammar names no one, unless it opens the name capitalised and is a
        # given name: "Will Mason", "Will said".
        grammar = word in FUNCTION_WORDS and not (
            index == 0 and surface.lstrip()[:1].isupper() and is_given(word)
        )
        if word in _ARTICLES or (grammar and word not in NASAB_HEADS):
            index += 1
            continue
        given_ben = word == "ben" and index == 0 and len(words) > 2
        headed = word in KUNYA_HEADS or word in NASAB_HEADS or word in COMPOUND_HEADS
        if headed and index + 1 < len(words) and not given_ben:
            following = index + 1
            if words[following] in _ARTICLES and following + 1 < len(words):
                following += 1
            if word in COMPOUND_HEADS:
                tokens.append("".join(words[index : following + 1]))
            else:
                head = "abu" if word in {"abu", "abou", "abo"} else word
                head = "umm" if word in {"umm", "um", "om", "oum"} else head
                tokens.append(head + words[following])
            index = following + 1
            continue
        if index > 0 and words[index - 1] in _ARTICLES:
            nisbas.add(word)
        tokens.append(_GLUED_DIN.sub("din", word))
        index += 1
    return NameForm(tuple(token for token in tokens if token), titled, frozenset(nisbas))


def _given_name_title(surface: str, word: str) -> bool:
    """A title that is a given name opening a two-word name: "Emir Hasanović"."""
    return surface[:1].isupper() and name_lexicon().is_given(word)


def _without_final_h(token: str) -> str:
    return token[:-1] if token.endswith("h") and token[-2:-1] in "aeiou" else token


def is_script(token: str) -> bool:
    """True for a token spelt from another script."""
    return _SEPARATOR in token


def is_given(token: str) -> bool:
    """True when the token is a given name in the name lists."""
    return name_lexicon().is_given(token)


#: Spellings of Muhammad that open a name before the name a person goes by ("Mohd Faiz").
MUHAMMAD = _words(
    "muhammad mohammed mohammad mohamed muhammed mohd md mohamad muhamed muhamad mouhamed "
    "mouhammad mhammed mohmad mehmet mehmed magomed magomet mukhammad mukhammed muhammet "
    "mamadou mohamet mahomed mukhamed mouhammed muhamet mohammod muhammadu mhmd mokhammed "
    "mokhammad mukhamad"
)
"""Spellings of Muhammad across languages and scripts: Russian writes Magomed, Turkish
Mehmet, West Africa Mamadou (a Cyrillic spelling compares once spelt in Latin letters).
Other spellings compare by their skeleton, as any name does; Mahmud, which shares its
consonants, is told apart."""
_MAHMUD = regex.compile(r"m[ae]h?m(?:u|ou|oo|o)[dt]")


def is_muhammad(token: str) -> bool:
    """True for a spelling of Muhammad, in Latin letters or spelt from another script."""
    return token.replace(_SEPARATOR, "") in MUHAMMAD


#: Arabic "and" and "in, with" as they are spelt, joined to the word they precede.
_PROCLITICS = ("w" + _SEPARATOR, "b" + _SEPARATOR)


def is_kunya(token: str) -> bool:
    """True for a kunya token ("abuhamza", "ummkhalid")."""
    return token.startswith(("abu", "umm")) and len(token) > 4


def same_token(one: str, other: str, *, article: bool = True) -> bool:
    """True when two tokens are the same name, or variants of it (Karim, Kareem, Elhag, Hag)."""
    if one == other:
        return True
    if is_muhammad(one) and is_muhammad(other):
        return True
    if {_ending(one), _ending(other)} == {"a", "c"}:
        return False  # Karim and Karima, Samir and Samira: two people
    if (is_muhammad(one) and _MAHMUD.fullmatch(other)) or (
        is_muhammad(other) and _MAHMUD.fullmatch(one)
    ):
        return False  # Mahmud shares every consonant with Muhammad, but is another name
    scripts = _SEPARATOR in one + other
    if is_kunya(one) and is_kunya(other) and not scripts:
        # A kunya's final letter tells two names apart (Abu Hanif, Abu Hanifa), but a
        # final "h" after a vowel is only a spelling (Umm Hiba, Um Hibah).
        one, other = _without_final_h(one), _without_final_h(other)
        if one[-1] != other[-1]:
            return False
    if min(len(one), len(other)) >= (3 if scripts else 4) and skeleton(one) == skeleton(other):
        return True
    # A final h after a vowel is only a spelling: Hamza and Hamzah, Sara and Sarah.
    unhed = skeleton(_FINAL_H.sub("", one)) == skeleton(_FINAL_H.sub("", other))
    if not scripts and min(len(one), len(other)) >= 4 and unhed:
        return True
    across = (_SEPARATOR in one) != (_SEPARATOR in other)
    if across and min(len(one), len(other)) >= 3 and loose_skeleton(one) == loose_skeleton(other):
        return True
    for glued, bare in ((one, other), (other, one)):
        # "And" and "in" are written joined to an Arabic word: "وصهيب" is "and Suhayb".
        proclitic = glued.startswith(_PROCLITICS) and len(bare.replace(_SEPARATOR, "")) >= 3
        if proclitic and same_token(glued[2:], bare, article=article):
            return True
    if not article:
        return False
    for glued, bare in ((one, other), (other, one)):
        if glued.startswith(("al", "el")) and len(glued) >= 5 and not bare.startswith(("al", "el")):
            return same_token(glued[2:], bare, article=False)
    return False
