"""Names from capitalisation, titles, Arabic naming and word lists.

A run of capitalised words (with the particles that sit inside names: al-,
bin, Abu, de, von...) is classified in this order: a place in the gazetteer, a
nationality, a person after a title or with a kunya, nasab or nisba, an
organisation when it ends in an institution word, and otherwise a name when
any of its words is missing from the English dictionary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from anonymise.candidates import (
    NATIONALITY,
    ORGANISATION,
    PERSON,
    PLACE,
    Candidate,
    Evidence,
)
from anonymise.lexicon import (
    CONNECTORS,
    FUNCTION_WORDS,
    KINSHIP,
    MONTHS,
    TITLES,
    fold,
    in_dictionary,
)
from anonymise.names import NameLexicon, name_lexicon
from anonymise.places import Gazetteer
from anonymise.recognisers.name_words import (
    ARABIC_UNITS,
    AREAS,
    ARTICLE_PLACE_PREFIXES,
    COURTESY_TITLES,
    INSTITUTION_CONNECTORS,
    INSTITUTIONS,
    KUNYA,
    NASAB,
    PLACE_ARTICLES,
    PLACE_PREFIXES,
    PREFIXED,
)
from anonymise.recognisers.widening import widen
from anonymise.recognisers.words import Word, words

RECOGNISER = "naming"
UNKNOWN_WORD = Evidence.UNKNOWN_WORD
IN_GAZETTEER = Evidence.GAZETTEER
AFTER_PLACE_PREFIX = Evidence.PLACE_PREFIX
_ROMAN = regex.compile(r"^[IVXLCDM]+$")
_MONTHS = frozenset(MONTHS)


@dataclass(frozen=True)
class Lexicon:
    """The word lists the naming recogniser consults."""

    dictionary: frozenset[str]
    """Common English words, folded."""
    gazetteer: Gazetteer
    demonyms: frozenset[str]
    names: NameLexicon = field(default_factory=name_lexicon)
    """Given names and surnames of many countries."""
    function_words: frozenset[str] = FUNCTION_WORDS
    """Words of the text's language that never name anyone on their own ("the", "il")."""
    titles: frozenset[str] = TITLES
    """Titles and ranks before a name in the text's language ("Mr", "Mme", "Me")."""
    language: str = "en"
    """The language whose texts these lists are for: English rules of wording apply in "en"."""


def _name_like(word: Word) -> bool:
    return word.capitalised or word.initial or bool(PREFIXED.match(word.text))


def _joinable(text: str, left: Word, right: Word) -> bool:
    gap = text[left.end : right.start]
    if gap == ". " and left.text.lower() in TITLES:
        return True
    return gap in (" ", "-", "\u00a0") and not left.text.endswith(("'s", "’s"))


def _runs(text: str, found: Sequence[Word]) -> list[list[Word]]:
    """Runs of name-like words, with connectors inside them."""
    runs: list[list[Word]] = []
    index = 0
    while index < len(found):
        if not _name_like(found[index]):
            index += 1
            continue
        run = [found[index]]
        index += 1
        while index < len(found) and _joinable(text, run[-1], found[index]):
            word = found[index]
            if _name_like(word):
                run.append(word)
                index += 1
                continue
            following = found[index + 1] if index + 1 < len(found) else None
            if (
                word.text.lower() in CONNECTORS | INSTITUTION_CONNECTORS
                and word.text not in _ENGLISH_WORDS
                and following is not None
                and _name_like(following)
                and _joinable(text, word, following)
            ):
                run.extend((word, following))
                index += 2
                continue
            break
        runs.append(run)
    return runs


#: Connectors that are also English words: written apart in lower case, "at", "as" and
#: "an" are the English words ("detainee no. 17 at Ghwayran"), not an article; the
#: article is written joined ("at-Tall").
_ENGLISH_WORDS = frozenset(["at", "as", "an"])


def _key(word: Word) -> str:
    return fold(word.bare)


def _common(word: Word, lexicon: Lexicon) -> bool:
    key = _key(word)
    if word.initial:
        return False
    if key in lexicon.function_words or key in _MONTHS or _ROMAN.match(word.bare):
        return True
    if word.text[:1].isdigit():
        return True
    return in_dictionary(key, lexicon.dictionary) and not PREFIXED.match(word.text)


def _span(run: Sequence[Word], first: int, last: int) -> tuple[int, int]:
    end_word = run[last]
    return run[first].start, end_word.start + len(end_word.bare)


def _prefixed_place(run: Sequence[Word], index: int) -> int:
    """The index of the last word of a place name that a place prefix starts, or -1.

    "Tel Abyad", "Deir Mawzun", "Kafr Takharim", "Jisr al-Shughur", "Ras al-Ayn",
    "Deir ez Zor": the prefix, an optional article, and the name. A sentence that
    starts "Tell Omar..." is an order, not a place.
    """
    prefix = run[index]
    key = _key(prefix)
    if key not in PLACE_PREFIXES | ARTICLE_PLACE_PREFIXES or index + 1 >= len(run):
        return -1
    if key == "tell" and prefix.sentence_initial:
        return -1
    following = fold(run[index + 1].bare).split()
    if not following or following[0] in FUNCTION_WORDS - PLACE_ARTICLES:
        return -1
    if key in ARTICLE_PLACE_PREFIXES and following[0] not in PLACE_ARTICLES:
        return -1
    last = index + 1
    if following == following[:1] and following[0] in PLACE_ARTICLES:
        # A separate article: "Ras al Ain", "Deir ez Zor".
        last += 1
        if last >= len(run):
            return -1
    # The name may have more words ("Deir Mar Musa"), up to a word for an area or an
    # institution, which the rules for those take in.
    while last + 1 < len(run) and _key(run[last + 1]) not in AREAS | INSTITUTIONS | FUNCTION_WORDS:
        last += 1
    return last


def _places(run: Sequence[Word], lexicon: Lexicon) -> list[tuple[int, int]]:
    """Index ranges (inclusive) of the longest place names inside ``run``.

    Names in the gazetteer, and names a place prefix starts (:func:`_prefixed_place`).
    """
    matches: list[tuple[int, int]] = []
    index = 0
    names = lexicon.gazetteer.names
    while index < len(run):
        best = -1
        for size in range(min(lexicon.gazetteer.longest, len(run) - index), 0, -1):
            if fold(" ".join(w.bare for w in run[index : index + size])) in names:
                best = index + size - 1
                break
        if best < 0:
            best = _prefixed_place(run, index)
        if best >= 0:
            first = run[index]
            single_common = best == index and _common(first, lexicon)
            trusted = _key(first) in lexicon.gazetteer.major and not (
                first.sentence_initial or first.upper
            )
            if (not single_common or trusted) and first.text.lower() not in CONNECTORS:
                matches.append((index, best))
            index = best + 1
        else:
            index += 1
    return matches


def _place_why(run: Sequence[Word], first: int, last: int, lexicon: Lexicon) -> str:
    words_of = " ".join(w.bare for w in run[first : last + 1])
    return IN_GAZETTEER if fold(words_of) in lexicon.gazetteer.names else AFTER_PLACE_PREFIX


def _candidate(
    run: Sequence[Word], first: int, last: int, kind: str, score: float, why: str
) -> Candidate:
    start, end = _span(run, first, last)
    return Candidate(start, end, kind, score, RECOGNISER, why)


def _institution(keys: Sequence[str]) -> bool:
    """An institution's name: "Supreme Court", "Ministry of Defence", "Office for X"."""
    if len(keys) < 2:
        return False
    if keys[-1] in INSTITUTIONS:
        return True
    # "Ministry of Defence", "Office for Veterans", "State Security Court of Izmir".
    return any(
        key in INSTITUTIONS and keys[index + 1] in ("of", "for")
        for index, key in enumerate(keys[:-2])
    )


def _split(run: list[Word]) -> list[list[Word]]:
    """Cut a run at "and" and "for", which join only the words of an institution's name."""
    parts: list[list[Word]] = [[]]
    for word in run:
        if word.text.lower() in INSTITUTION_CONNECTORS:
            parts.append([])
        else:
            parts[-1].append(word)
    return [part for part in parts if part]


def _institution_run(run: list[Word]) -> bool:
    keys = [_key(word) for word in run if _key(word) not in ("the", "a", "an")]
    return _institution(keys)


def _classify(run: list[Word], lexicon: Lexicon) -> list[Candidate]:
    titled = False
    first = 0
    # A sentence may start with a function word or an adverb: "Then Mr Khalil".
    while first < len(run) - 1 and (
        _key(run[first]) in lexicon.function_words
        or (
            run[first].sentence_initial
            and _common(run[first], lexicon)
            and fold(run[first + 1].text.rstrip(".")) in lexicon.titles
        )
    ):
        first += 1
    lead = first
    while first < len(run) and fold(run[first].text.rstrip(".")) in lexicon.titles - KUNYA - NASAB:
        titled = True
        first += 1
    # Ranks and roles (Dr, Sheikh, Commander) say who someone is: they are masked too.
    title_start = first
    while title_start > lead and fold(run[title_start - 1].text.rstrip(".")) not in COURTESY_TITLES:
        title_start -= 1
    while (
        first < len(run)
        and _key(run[first]) in lexicon.function_words | CONNECTORS
        and _key(run[first]) not in KUNYA
    ):
        first += 1
    last = len(run) - 1
    while last >= first and _key(run[last]) in CONNECTORS | lexicon.function_words:
        last -= 1
    if first > last:
        return []
    body = run[first : last + 1]
    keys = [_key(word) for word in body]
    if all(word.initial for word in body) and not titled:
        if sum(ch.isalpha() for word in body for ch in word.text) < 2 or body[0].sentence_initial:
            return []
        return [_candidate(run, first, last, PERSON, 0.6, "initials")]
    if len(body) > 1 and keys[0] in ARABIC_UNITS:
        return [_candidate(run, first, last, ORGANISATION, 0.85, "armed group or office")]
    if titled and not (run[lead].text.lower() in KINSHIP and run[lead].sentence_initial):
        return [_candidate(run, title_start, last, PERSON, 0.9, Evidence.TITLE)]
    if any(key in KUNYA or key in NASAB for key in keys[:-1]) or any(
        PREFIXED.match(word.text) for word in body[1:]
    ):
        places = _places(body, lexicon)
        # "Abu Kamal", "Umm Qasr": a kunya unless the gazetteer trusts the whole name.
        if (places and places[0] == (0, len(body) - 1)) or " ".join(
            keys
        ) in lexicon.gazetteer.major:
            why = _place_why(body, 0, len(body) - 1, lexicon)
            return [_candidate(run, first, last, PLACE, 0.85, why)]
        return [_candidate(run, first, last, PERSON, 0.85, Evidence.ARABIC_NAMING)]
    if len(body) == 1 and keys[0] in lexicon.demonyms:
        return [_candidate(run, first, last, NATIONALITY, 0.6, "nationality or group name")]
    if _institution(keys):
        specific = any(not _common(word, lexicon) for word in body) or any(
            key in lexicon.gazetteer.names or key in lexicon.demonyms for key in keys[:-1]
        )
        if specific:
            return [_candidate(run, first, last, ORGANISATION, 0.7, "named institution")]
        # Named in common words only ("Constitutional Council", "Ministry of Defence"):
        # still one particular body, which with a date or a place points to a case.
        return [_candidate(run, first, last, ORGANISATION, 0.45, "named institution")]
    results: list[Candidate] = []
    covered: set[int] = set()
    for place_first, place_last in _places(body, lexicon):
        why = _place_why(body, place_first, place_last, lexicon)
        if place_first >= 2 and keys[place_first - 1] == "of" and keys[place_first - 2] in AREAS:
            place_first -= 2
        elif place_first >= 1 and keys[place_first - 1] in AREAS:
            place_first -= 1
        if place_last + 1 < len(body) and keys[place_last + 1] in AREAS:
            place_last += 1
        results.append(_candidate(run, first + place_first, first + place_last, PLACE, 0.75, why))
        covered.update(range(place_first, place_last + 1))
    rest = [i for i in range(len(body)) if i not in covered]
    unknown = [i for i in rest if not _common(body[i], lexicon)]
    if unknown:
        lo, hi = min(unknown), max(unknown)
        # Extend over adjacent name-like words that are part of the same name.
        while lo - 1 in rest and lo - 1 >= 0 and _key(body[lo - 1]) not in lexicon.function_words:
            lo -= 1
        while hi + 1 in rest and _key(body[hi + 1]) not in lexicon.function_words:
            hi += 1
        word = body[lo]
        if hi == lo and word.upper and len(word.bare) <= 4:
            results.append(_candidate(run, first + lo, first + hi, ORGANISATION, 0.4, "acronym"))
        else:
            results.append(
                _candidate(
                    run,
                    first + lo,
                    first + hi,
                    PERSON,
                    0.6,
                    UNKNOWN_WORD,
                )
            )
    return results


#: A possessive and a relative or companion after a word: "Khalil's brother" is a person.
_KIN_AFTER = regex.compile(
    r"['’]s\s+(?:brother|sister|wife|husband|son|daughter|father|mother|cousin|uncle|aunt|"
    r"nephew|niece|widow|friend|children|family|parents|grandfather|grandmother)s?\b",
    regex.IGNORECASE,
)


def _person_by_kin(text: str, candidate: Candidate) -> Candidate:
    if candidate.entity_type == PLACE and _KIN_AFTER.match(text, candidate.end):
        return Candidate(
            candidate.start,
            candidate.end,
            PERSON,
            candidate.score,
            RECOGNISER,
            Evidence.RELATIVE_AFTER,
        )
    return candidate


def find_names(text: str, lexicon: Lexicon, found: Sequence[Word] | None = None) -> list[Candidate]:
    """Candidate names, places, nationalities and institutions in ``text``."""
    results: list[Candidate] = []
    for whole in _runs(text, words(text) if found is None else found):
        joined = any(word.text.lower() in INSTITUTION_CONNECTORS for word in whole)
        for run in _split(whole) if joined and not _institution_run(whole) else [whole]:
            results.extend(
                widen(text, _person_by_kin(text, candidate))
                if lexicon.language == "en"
                else candidate
                for candidate in _classify(run, lexicon)
            )
    return results
