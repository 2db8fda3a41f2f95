"""People's names that capitalisation and the dictionary alone miss.

Many names are English words (Hope, Storm, Price, Will), and hasty notes are
written in lower case. Neither is a reason to let a name through. A word is
taken for a name from its context:

* after a relation word: "my daughter Lina", "our aunt, Zohra", "his brother
  Christian", "brother rahmat";
* inside quotes after a verb of naming: they called him "the Professor";
* as a kunya in any case: "abu yahya", "umm hamza al-tajikiya";
* from the name lists (:mod:`anonymise.names`): a given name followed by a
  surname ("Grace Hope", "Thomas STORM", "SRI WAHYUNI binti KARTO"), or, in
  lower case, a given name no dictionary knows with the unknown words after it
  ("sanne visser", "rizki").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import regex

from anonymise.candidates import PERSON, Candidate, Evidence
from anonymise.lexicon import FUNCTION_WORDS, MONTHS, TITLES, data_lines, fold, in_dictionary
from anonymise.recognisers.name_words import AREAS, INSTITUTIONS
from anonymise.recognisers.words import Word, words

if TYPE_CHECKING:
    from anonymise.recognisers.naming import Lexicon

RECOGNISER = "people"
_RELATION = (
    r"(?:(?:half|step|grand|great[-\s]grand)[-\s]?)?"
    r"(?:brother|sister|son|daughter|wife|husband|mother|father|mum|mom|mama|dad|papa|uncle|"
    r"aunt|auntie|cousin|nephew|niece|grandson|granddaughter|grandmother|grandfather|grandma|"
    r"grandpa|fianc[ée]e?|girlfriend|boyfriend|friend|widow|widower|neighbou?r|colleague|"
    r"classmate|cellmate|roommate|comrade|companion|twin|child|baby|boy|girl|relative|co-wife|"
    r"partner|spouse|in-laws?|kid|stepchild|emir|recruiter|handler|smuggler|contact)"
    r"(?:[-\s]in[-\s]law)?s?"
)
#: A relation word with its determiner: "my daughter", "our late uncle", "brother".
RELATIONS = regex.compile(
    r"(?i:\b(?:(?:my|his|her|our|their|your|whose|the|a|an|and|with|to|of)\s+)?"
    r"(?:(?:elder|older|younger|little|big|eldest|youngest|late|first|second|third|new|"
    rf"former|only|oldest|baby|dear)\s+)*{_RELATION})\b(?P<gap>\s*[,:(=]?\s*)"
)
#: A name in quotes after a verb of naming: called him "the Professor", 'le Marseillais'.
NICKNAMES = regex.compile(
    r"(?i:\b(?:call(?:ed|s|ing)?|kn(?:own|ew)(?:\s+\w+){0,3}\s+as|nicknamed?|nickname\s+(?:is|was)|"
    r"dubbed|named|name\s+(?:is|was)|a\.?k\.?a\.?|alias|went\s+by|go(?:es)?\s+by)\b"
    r"(?:\s+(?!as\b)[\p{L}'’-]+){0,2})\s*[,:]?\s*"
    r"[\"“'‘«‹]\s*(?P<name>[^\"”'’»›\n]{1,40}?)\s*[\"”'’»›]"
)
#: A kunya in any case: "abu yahya", "Umm Safiya al-Hollandiya", "ABU SAYF".
KUNYAS = regex.compile(
    r"(?<![\p{L}-])(?i:abu|abou|umm)[\s\u00a0]+[\p{L}ʿʾ'’]{2,}"
    r"(?:[\s\u00a0-]+(?i:al|el|ul|ad|ar|as|ash|at|az|ez|an|bin|ibn|bint)[-\s\u00a0]+[\p{L}ʿʾ'’]{2,})*"
)
#: Particles that join the words of one name.
_PARTICLES = frozenset(
    [
        "al",
        "el",
        "ul",
        "ad",
        "ar",
        "as",
        "ash",
        "at",
        "az",
        "ez",
        "an",
        "bin",
        "binti",
        "binte",
        "bint",
        "ibn",
        "ben",
        "de",
        "del",
        "da",
        "di",
        "du",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "le",
        "la",
        "bte",
    ]
)
#: Words after a name that make the run a place or a body, not a person.
_NOT_AFTER = (
    AREAS
    | INSTITUTIONS
    | frozenset(
        [
            "street",
            "road",
            "avenue",
            "lane",
            "square",
            "park",
            "bridge",
            "gate",
            "hall",
            "house",
            "estate",
        ]
    )
)
_MONTHS = frozenset(MONTHS)
#: Words never taken for a name in lower case: Latin phrases ("inter alia") and the
#: function words of other languages in glosses (``data/not_names.txt``).
FOREIGN = frozenset(word for line in data_lines("not_names.txt") for word in line.split())


def _gap(text: str, left: Word, right: Word) -> bool:
    """True when two words sit side by side in one name.

    A space joins them; a line break only in lower-case notes, where a name wraps.
    """
    if left.text.endswith(("'s", "’s")):
        return False
    gap = text[left.end : right.start]
    if gap == "\n":
        return not (right.capitalised or right.upper)
    return gap in (" ", "\u00a0", "-")


def _key(word: Word) -> str:
    return fold(word.bare)


def _plain(word: Word, lexicon: Lexicon) -> bool:
    """A word that is never part of a name: a function word or a month."""
    key = _key(word)
    return key in FUNCTION_WORDS or key in _MONTHS or not any(ch.isalpha() for ch in key)


def _unknown(word: Word, lexicon: Lexicon) -> bool:
    key = _key(word)
    return not in_dictionary(key, lexicon.dictionary) and not _plain(word, lexicon)


def _lower_name(word: Word, lexicon: Lexicon) -> bool:
    """A lower-case word that is a name in the lists and no English word."""
    key = _key(word)
    return lexicon.names.is_name(key) and _unknown(word, lexicon) and key not in FOREIGN


def _name_word(word: Word, lexicon: Lexicon) -> bool:
    """A word that may continue a name: capitalised, or a name no dictionary knows."""
    if _plain(word, lexicon):
        return False
    return word.capitalised or word.upper or _lower_name(word, lexicon)


def _extend(
    text: str, found: Sequence[Word], index: int, lexicon: Lexicon, lower: bool = False
) -> int:
    """The index of the last word of the name that starts at ``index``.

    In lower-case notes (``lower``) any word no dictionary knows continues the name:
    "sanne visser", "ahmed xalaf".
    """
    last = index
    probe = index + 1
    while probe < len(found) and probe - index <= 4 and _gap(text, found[probe - 1], found[probe]):
        word = found[probe]
        joins = _name_word(word, lexicon) or (lower and _unknown(word, lexicon))
        if joins and _key(word) not in _NOT_AFTER:
            last = probe
            probe += 1
            continue
        if _key(word) in _PARTICLES and probe + 1 < len(found):
            following = found[probe + 1]
            joins = _name_word(following, lexicon) or (lower and _unknown(following, lexicon))
            if _gap(text, word, following) and joins:
                last = probe + 1
                probe += 2
                continue
        break
    return last


def _after_relations(text: str, found: Sequence[Word], lexicon: Lexicon) -> list[Candidate]:
    starts = {word.start: index for index, word in enumerate(found)}
    results = []
    for match in RELATIONS.finditer(text):
        index = starts.get(match.end())
        if index is None:
            continue
        word = found[index]
        if match.group("gap") == "" and match.end() != word.start:
            continue
        if not (word.capitalised or word.upper) and not _lower_name(word, lexicon):
            continue
        relation = match.group().split()
        if relation and any(ch.isupper() for ch in relation[-1]):
            # "Child Benefit", "the Child Abduction Convention": a capitalised relation
            # word heads a name of its own.
            continue
        if _plain(word, lexicon) or _key(word) in _NOT_AFTER:
            continue
        last = _extend(text, found, index, lexicon)
        results.append(
            Candidate(
                word.start,
                found[last].start + len(found[last].bare),
                PERSON,
                0.85,
                RECOGNISER,
                Evidence.RELATION_BEFORE,
            )
        )
    return results


#: Notes define who someone is with "=": "r = madina", "girlfriend = victoria".
_DEFINED = regex.compile(r"(?<=[\p{L}\p{N})\]]\s?)=\s*(?=\p{L})")


def _defined(text: str, found: Sequence[Word], lexicon: Lexicon) -> list[Candidate]:
    """Words after "=" in notes, when one of them is a name: "= mo el khatib"."""
    if "=" not in text:
        return []
    starts = {word.start: index for index, word in enumerate(found)}
    results = []
    for match in _DEFINED.finditer(text):
        index = starts.get(match.end())
        if index is None:
            continue
        last = index
        while (
            last + 1 < len(found)
            and last - index < 3
            and text[found[last].end : found[last + 1].start] in (" ", "-")
            and not _plain(found[last + 1], lexicon)
        ):
            last += 1
        taken = found[index : last + 1]
        named = [i for i, w in enumerate(taken) if lexicon.names.is_name(_key(w))]
        if not named or _plain(taken[0], lexicon):
            continue
        close = max(named)
        results.append(_person(taken[0], taken[close], Evidence.NAME_LEXICON, 0.7))
    return results


#: Verbs whose object is a person: "met zhaksylyk", "told yerlan".
_BEFORE_PERSON = regex.compile(
    r"(?i:\b(?:met|meet|meeting|saw|told|asked|married|marry|visited|phoned|rang|texted|"
    r"messaged|recruited|introduced|followed|contacted|called)\s+)$"
)
#: Verbs whose subject is a person: "zhaksylyk said", "yerlan was killed".
_AFTER_PERSON = regex.compile(
    r"\s+(?i:said|says|told|asked|wrote|replied|answered|explained|promised|recruited|"
    r"married|was\s+killed|was\s+arrested|died|was\s+born)\b"
)


def _by_verbs(text: str, found: Sequence[Word], lexicon: Lexicon) -> list[Candidate]:
    """Lower-case words no dictionary knows, as the object or subject of a verb of people."""
    results = []
    for index, word in enumerate(found):
        if word.capitalised or word.upper or not _unknown(word, lexicon):
            continue
        if _key(word) in FOREIGN or len(_key(word)) < 3:
            continue
        before = _BEFORE_PERSON.search(text, max(0, word.start - 16), word.start)
        after = _AFTER_PERSON.match(text, word.start + len(word.bare))
        if before or after:
            last = _extend(text, found, index, lexicon, lower=True)
            results.append(_person(word, found[last], Evidence.PERSON_VERB, 0.5))
    return results


def _nicknames(text: str) -> list[Candidate]:
    results = []
    for match in NICKNAMES.finditer(text):
        name = match.group("name")
        # "known as 'pepper spray'" names a thing; a name has a capital, or is what
        # someone is called.
        called = regex.match(r"(?i)call|nickname|dub|alias|a\.?k\.?a", match.group())
        capital = any(word[:1].isupper() for word in name.split())
        if (called or capital) and any(ch.isalpha() for ch in name) and len(name.split()) <= 5:
            results.append(
                Candidate(
                    match.start("name"),
                    match.end("name"),
                    PERSON,
                    0.8,
                    RECOGNISER,
                    Evidence.NICKNAME,
                )
            )
    return results


def _kunyas(text: str) -> list[Candidate]:
    return [
        Candidate(m.start(), m.end(), PERSON, 0.85, RECOGNISER, Evidence.ARABIC_NAMING)
        for m in KUNYAS.finditer(text)
    ]


def _place_or_people(key: str, lexicon: Lexicon) -> bool:
    """ "Sierra Leone", "Sierra Leonean": a place or its people, not a person."""
    if key in lexicon.gazetteer.names or key in lexicon.demonyms:
        return True
    # "Sierra Leonean", "New Zealander": a place's name with its people's ending.
    places = lexicon.gazetteer.names
    return key.split()[-1] in lexicon.demonyms or any(key[:-cut] in places for cut in (1, 2, 3))


def _surname_like(word: Word, lexicon: Lexicon) -> bool:
    return lexicon.names.is_name(_key(word)) or _unknown(word, lexicon)


def _given_capitalised(found: Sequence[Word], index: int, lexicon: Lexicon) -> bool:
    """A capitalised given name; a month counts only before a capitalised word: "April Stone"."""
    word = found[index]
    key = _key(word)
    if not (word.capitalised or word.upper) or not lexicon.names.is_given(key):
        return False
    if key in lexicon.demonyms:
        # "German Marks", "French Council": a nationality, not a given name.
        return False
    if key in _MONTHS:
        # "April Stone", "June Fox": a month's full name before a surname.
        if len(key) <= 3:
            return False
        after = found[index + 1] if index + 1 < len(found) else None
        return after is not None and after.capitalised and lexicon.names.is_name(_key(after))
    return key not in FUNCTION_WORDS


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
    key = _key(word)
    if word.sentence_initial or word.upper or key in TITLES or key in _MONTHS:
        return False
    if key in lexicon.gazetteer.major or key in lexicon.demonyms:
        return False
    before = found[index - 1] if index else None
    if before is not None and _key(before) in _DETERMINERS:
        return False
    after = found[index + 1] if index + 1 < len(found) else None
    return not (
        after is not None and (after.capitalised or after.upper) and _gap(text, word, after)
    )


def _from_lists(text: str, found: Sequence[Word], lexicon: Lexicon) -> list[Candidate]:
    results = []
    index = 0
    while index < len(found):
        word = found[index]
        if _given_capitalised(found, index, lexicon):
            last = _extend(text, found, index, lexicon)
            while last > index and not _surname_like(found[last], lexicon):
                last -= 1
            after = found[last + 1] if last + 1 < len(found) else None
            place_like = after is not None and _key(after) in _NOT_AFTER
            joined = fold(" ".join(w.bare for w in found[index : last + 1]))
            place_like = place_like or _place_or_people(joined, lexicon)
            if last > index and not place_like:
                # Below the naming rules' places (0.75 and up): "Deir Mar Musa" stays a place.
                results.append(_person(word, found[last], Evidence.NAME_LEXICON, 0.7))
            elif last == index and _alone_as_a_name(text, found, index, lexicon):
                results.append(_person(word, word, Evidence.NAME_LEXICON, 0.6))
            index = last + 1
            continue
        lower_start = lexicon.names.is_given(_key(word)) and not (word.capitalised or word.upper)
        following = found[index + 1] if index + 1 < len(found) else None
        if lower_start and not _plain(word, lexicon):
            # "rizki", or a given name that is also a word before one that is not:
            # "muhammad rizki".
            known = _lower_name(word, lexicon)
            if known or (
                following is not None
                and _gap(text, word, following)
                and _lower_name(following, lexicon)
            ):
                last = _extend(text, found, index, lexicon, lower=True)
                results.append(_person(word, found[last], Evidence.NAME_LEXICON, 0.6))
                index = last + 1
                continue
        index += 1
    return results


def _person(first: Word, last: Word, why: Evidence, score: float) -> Candidate:
    return Candidate(first.start, last.start + len(last.bare), PERSON, score, RECOGNISER, why)


def find_people(text: str, lexicon: Lexicon) -> list[Candidate]:
    """Names that context shows to be people's, whatever their case or dictionary status."""
    found = words(text)
    return (
        _after_relations(text, found, lexicon)
        + _defined(text, found, lexicon)
        + _by_verbs(text, found, lexicon)
        + _nicknames(text)
        + _kunyas(text)
        + _from_lists(text, found, lexicon)
    )
