"""People's names from the name lists: a given name with a surname, or alone in a sentence.

"Grace Hope", "Thomas STORM", "SRI WAHYUNI binti KARTO", "I spoke to Autumn":
many names are English words, so the lists (:mod:`anonymise.names`) decide
where the dictionary cannot. In lower-case notes a given name no dictionary
knows starts a name, with the unknown words after it ("sanne visser").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from anonymise.candidates import Candidate, Evidence
from anonymise.lexicon import fold
from anonymise.recognisers.people import (
    MONTH_WORDS,
    NOT_AFTER,
    extend,
    gap,
    lower_name,
    person,
    plain,
    unknown,
    word_key,
)
from anonymise.recognisers.words import Word, words

if TYPE_CHECKING:
    from anonymise.recognisers.naming import Lexicon

RECOGNISER = "name-lists"


def _place_or_people(key: str, lexicon: Lexicon) -> bool:
    """ "Sierra Leone", "Sierra Leonean": a place or its people, not a person."""
    if key in lexicon.gazetteer.names or key in lexicon.demonyms:
        return True
    # "Sierra Leonean", "New Zealander": a place's name with its people's ending.
    places = lexicon.gazetteer.names
    return key.split()[-1] in lexicon.demonyms or any(key[:-cut] in places for cut in (1, 2, 3))


def _surname_like(word: Word, lexicon: Lexicon) -> bool:
    return lexicon.names.is_name(word_key(word)) or unknown(word, lexicon)


def _given_capitalised(found: Sequence[Word], index: int, lexicon: Lexicon) -> bool:
    """A capitalised given name; a month counts only before a capitalised word: "April Stone"."""
    word = found[index]
    key = word_key(word)
    if not (word.capitalised or word.upper) or not lexicon.names.is_given(key):
        return False
    if key in lexicon.demonyms:
        # "German Marks", "French Council": a nationality, not a given name.
        return False
    if key in MONTH_WORDS:
        # "April Stone", "June Fox": a month's full name before a surname.
        if len(key) <= 3:
            return False
        after = found[index + 1] if index + 1 < len(found) else None
        return after is not None and after.capitalised and lexicon.names.is_name(word_key(after))
    return key not in lexicon.function_words


#: Words before a capitalised word that make it a thing's name: "the Bill", "our Hope".
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "our",
        "their",
        "his",
        "her",
        "my",
        "your",
        "whose",
        "no",
        "every",
        "each",
    ]
)


def _alone_as_a_name(text: str, found: Sequence[Word], index: int, lexicon: Lexicon) -> bool:
    """A given name alone, capitalised inside a sentence: "I spoke to Will", "with Autumn".

    Inside a sentence only a name is capitalised, unless a determiner makes it a
    thing's name ("the Bill"), or it is a title, a month, a place or a people's name.
    """
    word = found[index]
    key = word_key(word)
    if word.sentence_initial or word.upper or key in lexicon.titles or key in MONTH_WORDS:
        return False
    if key in lexicon.gazetteer.major or key in lexicon.demonyms:
        return False
    before = found[index - 1] if index else None
    if before is not None and word_key(before) in _DETERMINERS:
        return False
    after = found[index + 1] if index + 1 < len(found) else None
    return not (after is not None and (after.capitalised or after.upper) and gap(text, word, after))


def _from_lists(text: str, found: Sequence[Word], lexicon: Lexicon) -> list[Candidate]:
    results = []
    index = 0
    while index < len(found):
        word = found[index]
        if _given_capitalised(found, index, lexicon):
            last = extend(text, found, index, lexicon)
            while last > index and not _surname_like(found[last], lexicon):
                last -= 1
            after = found[last + 1] if last + 1 < len(found) else None
            place_like = after is not None and word_key(after) in NOT_AFTER
            joined = fold(" ".join(w.bare for w in found[index : last + 1]))
            place_like = place_like or _place_or_people(joined, lexicon)
            if last > index and not place_like:
                # Below the naming rules' places (0.75 and up): "Deir Mar Musa" stays a place.
                results.append(person(word, found[last], Evidence.NAME_LEXICON, 0.7, RECOGNISER))
            elif last == index and _alone_as_a_name(text, found, index, lexicon):
                results.append(person(word, word, Evidence.NAME_LEXICON, 0.6, RECOGNISER))
            index = last + 1
            continue
        lower_start = lexicon.names.is_given(word_key(word)) and not (
            word.capitalised or word.upper
        )
        following = found[index + 1] if index + 1 < len(found) else None
        if lower_start and not plain(word, lexicon):
            # "rizki", or a given name that is also a word before one that is not:
            # "muhammad rizki".
            known = lower_name(word, lexicon)
            # A word that is also a given name before a capitalised name is the word
            # ("mon amie Ikram", "son mari Abou Jandal"): the capitalised name stands alone.
            if known or (
                following is not None
                and gap(text, word, following)
                and lower_name(following, lexicon)
                and not (following.capitalised or following.upper)
            ):
                last = extend(text, found, index, lexicon, lower=True)
                results.append(person(word, found[last], Evidence.NAME_LEXICON, 0.6, RECOGNISER))
                index = last + 1
                continue
        index += 1
    return results


def find_listed_names(text: str, lexicon: Lexicon) -> list[Candidate]:
    """Names that the name lists, with capitals and context, show to be people's."""
    return _from_lists(text, words(text), lexicon)
