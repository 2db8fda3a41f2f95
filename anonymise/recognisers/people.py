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

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import regex

from anonymise.candidates import PERSON, Candidate, Evidence
from anonymise.lexicon import MONTHS, data_lines, fold, in_dictionary
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
    r"(?<![\p{L}-])(?i:abu|abou|umm|oum)[\s\u00a0]+[\p{L}ʿʾ'’]{2,}"
    r"(?:[\s\u00a0-]+(?:(?i:al|el|ul|bin|ibn|bint)[-\s\u00a0]+"
    r"|(?i:ad|ar|as|ash|at|az|ez|an)(?:-|[\s\u00a0]+(?=\p{Lu})))[\p{L}ʿʾ'’]{2,})*"
)
#: Particles that are also English words: written apart in lower case they are the English
#: words ("Omar Haddad at Kobani"); the article is written joined ("at-Tunisi").
_ENGLISH_PARTICLES = frozenset(["at", "as", "an"])
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
NOT_AFTER = (
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
MONTH_WORDS = frozenset(MONTHS)
#: Words never taken for a name in lower case: Latin phrases ("inter alia") and the
#: function words of other languages in glosses (``data/not_names.txt``).
FOREIGN = frozenset(word for line in data_lines("not_names.txt") for word in line.split())


def gap(text: str, left: Word, right: Word) -> bool:
    """True when two words sit side by side in one name.

    A space joins them; a line break only in lower-case notes, where a name wraps.
    """
    if left.text.endswith(("'s", "’s")):
        return False
    gap = text[left.end : right.start]
    if gap == "\n":
        return not (right.capitalised or right.upper)
    return gap in (" ", "\u00a0", "-")


def word_key(word: Word) -> str:
    return fold(word.bare)


def plain(word: Word, lexicon: Lexicon) -> bool:
    """A word that is never part of a name: a function word or a month."""
    key = word_key(word)
    return (
        key in lexicon.function_words or key in MONTH_WORDS or not any(ch.isalpha() for ch in key)
    )


def unknown(word: Word, lexicon: Lexicon) -> bool:
    key = word_key(word)
    return not in_dictionary(key, lexicon.dictionary) and not plain(word, lexicon)


def lower_name(word: Word, lexicon: Lexicon) -> bool:
    """A lower-case word that is a name in the lists and no English word."""
    key = word_key(word)
    return lexicon.names.is_name(key) and unknown(word, lexicon) and key not in FOREIGN


def name_word(word: Word, lexicon: Lexicon) -> bool:
    """A word that may continue a name: capitalised, or a name no dictionary knows."""
    if plain(word, lexicon):
        return False
    return word.capitalised or word.upper or lower_name(word, lexicon)


def extend(
    text: str, found: Sequence[Word], index: int, lexicon: Lexicon, lower: bool = False
) -> int:
    """The index of the last word of the name that starts at ``index``.

    In lower-case notes (``lower``) any word no dictionary knows continues the name:
    "sanne visser", "ahmed xalaf".
    """
    last = index
    probe = index + 1
    while probe < len(found) and probe - index <= 4 and gap(text, found[probe - 1], found[probe]):
        word = found[probe]
        joins = name_word(word, lexicon) or (lower and unknown(word, lexicon))
        if joins and word_key(word) not in NOT_AFTER:
            last = probe
            probe += 1
            continue
        english = word.text in _ENGLISH_PARTICLES
        if word_key(word) in _PARTICLES and not english and probe + 1 < len(found):
            following = found[probe + 1]
            joins = name_word(following, lexicon) or (lower and unknown(following, lexicon))
            if gap(text, word, following) and joins:
                last = probe + 1
                probe += 2
                continue
        break
    return last


def _right_after(
    pattern: regex.Pattern[str], text: str, found: Sequence[Word]
) -> Iterator[tuple[regex.Match[str], int]]:
    """Each match of ``pattern`` with the index of the word that starts where it ends."""
    starts = {word.start: index for index, word in enumerate(found)}
    for match in pattern.finditer(text):
        index = starts.get(match.end())
        if index is not None:
            yield match, index


def _after_relations(text: str, found: Sequence[Word], lexicon: Lexicon) -> list[Candidate]:
    results = []
    for match, index in _right_after(RELATIONS, text, found):
        word = found[index]
        if match.group("gap") == "" and match.end() != word.start:
            continue
        spelt_unknown = False
        if not (word.capitalised or word.upper) and not lower_name(word, lexicon):
            # "wife: roukaya": in notes, a word no dictionary knows after a relation word
            # is that relative's name, even when no list has its spelling.
            key = word_key(word)
            if not unknown(word, lexicon) or key in FOREIGN or len(key) < 3:
                continue
            spelt_unknown = True
        relation = match.group().split()
        if relation and any(ch.isupper() for ch in relation[-1]):
            # "Child Benefit", "the Child Abduction Convention": a capitalised relation
            # word heads a name of its own.
            continue
        if plain(word, lexicon) or word_key(word) in NOT_AFTER:
            continue
        last = extend(text, found, index, lexicon, lower=spelt_unknown)
        results.append(
            Candidate(
                word.start,
                found[last].start + len(found[last].bare),
                PERSON,
                0.7 if spelt_unknown else 0.85,
                RECOGNISER,
                Evidence.RELATION_BEFORE,
            )
        )
    return results


#: Titles that only ever stand before a name: "mr smith", "Mrs hope", "dr. khalil", "Mme dupont".
#: ("Miss" is also a verb, "Sheikh" and "Doctor" also nouns: they are left to the rules that
#: want a capital or a name from the lists.)
_NAME_TITLES = frozenset(["mr", "mrs", "ms", "mx", "dr", "mme", "mlle"])
_DETERMINERS = frozenset(["the", "a", "an", "this", "that", "our", "my", "his", "her", "their"])
_TITLE_GAP = regex.compile(r"\.?[ \u00a0]?|\.?\n")


def _after_titles(text: str, found: Sequence[Word], lexicon: Lexicon) -> list[Candidate]:
    """The word after a title that only stands before a name, whatever its case.

    "Mr smith" and "mr. benali" in hasty notes: neither a lower-case initial nor a word
    the dictionary knows keeps a name after "Mr" readable.
    """
    results = []
    for index, title in enumerate(found[:-1]):
        french_m = lexicon.language == "fr" and title.text == "M."  # "M. dupont"
        if not french_m and (title.initial or word_key(title) not in _NAME_TITLES):
            continue
        previous = found[index - 1] if index else None
        if previous is not None and (
            (previous.text[:1].isdigit() and title.text.lower() == "ms")  # "200 ms"
            or word_key(previous) in _DETERMINERS  # "the dr said": a noun, not a title
        ):
            continue
        word = found[index + 1]
        if not _TITLE_GAP.fullmatch(text[title.end : word.start]) or word.capitalised:
            continue  # a capitalised name after a title is the naming rule's
        if plain(word, lexicon) or word_key(word) in NOT_AFTER | _NAME_TITLES:
            continue
        last = extend(text, found, index + 1, lexicon, lower=True)
        results.append(person(word, found[last], Evidence.TITLE, 0.85))
    return results


_PERSON_NOUN = (
    r"(?:some(?:one|body)|any(?:one|body)|a\s+(?:\w+\s+)?(?:man|woman|guy|girl|boy|person|"
    r"brother|sister|fighter|commander|friend|kid|child|teenager|student|doctor|nurse|judge|"
    r"officer|soldier|guard|driver|smuggler|recruiter|preacher|sheikh|cousin|neighbou?r)"
    r"|an\s+(?:\w+\s+)?(?:emir|imam|officer|uncle|aunt|old\s+man|older\s+man))"
)
#: Words after which the next word is what someone is called: "a man named yusuf",
#: "someone called ali", "known as hamza", "he called himself tariq", "her name was lina".
_NAMING = regex.compile(
    rf"(?i:\b(?:(?:re)?named|nicknamed|{_PERSON_NOUN}\s+called|known\s+as|"
    r"(?:goes|went|going)\s+by(?:\s+the\s+name(?:\s+of)?)?|by\s+the\s+name\s+of|"
    r"call(?:s|ed)?\s+(?:him|her)sel(?:f|ves)|(?:his|her|whose|their)\s+(?:real\s+|first\s+|"
    r"given\s+|full\s+|family\s+|last\s+)?name\s+(?:is|was|being))\s+)"
)


def _after_naming(text: str, found: Sequence[Word], lexicon: Lexicon) -> list[Candidate]:
    """The word a naming phrase introduces, whatever its case or dictionary status.

    "someone called ali", "a man named hope": the phrase says a name follows, so a word
    the dictionary knows is no reason to leave it.
    """
    results = []
    for _match, index in _right_after(_NAMING, text, found):
        word = found[index]
        if plain(word, lexicon) or word_key(word) in NOT_AFTER or len(word_key(word)) < 2:
            continue
        last = extend(text, found, index, lexicon, lower=True)
        results.append(person(word, found[last], Evidence.NAMED, 0.8))
    return results


#: Notes define who someone is with "=": "r = madina", "girlfriend = victoria".
_DEFINED = regex.compile(r"(?<=[\p{L}\p{N})\]]\s?)=\s*(?=\p{L})")


def _defined(text: str, found: Sequence[Word], lexicon: Lexicon) -> list[Candidate]:
    """Words after "=" in notes, when one of them is a name: "= mo el khatib"."""
    if "=" not in text:
        return []
    results = []
    for _match, index in _right_after(_DEFINED, text, found):
        last = index
        while (
            last + 1 < len(found)
            and last - index < 3
            and text[found[last].end : found[last + 1].start] in (" ", "-")
            and not plain(found[last + 1], lexicon)
        ):
            last += 1
        taken = found[index : last + 1]
        named = [i for i, w in enumerate(taken) if lexicon.names.is_name(word_key(w))]
        if not named or plain(taken[0], lexicon):
            continue
        close = max(named)
        results.append(person(taken[0], taken[close], Evidence.NAME_LEXICON, 0.7))
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
        if word.capitalised or word.upper or not unknown(word, lexicon):
            continue
        if word_key(word) in FOREIGN or len(word_key(word)) < 3:
            continue
        before = _BEFORE_PERSON.search(text, max(0, word.start - 16), word.start)
        after = _AFTER_PERSON.match(text, word.start + len(word.bare))
        if before or after:
            last = extend(text, found, index, lexicon, lower=True)
            results.append(person(word, found[last], Evidence.PERSON_VERB, 0.5))
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


def person(
    first: Word, last: Word, why: Evidence, score: float, recogniser: str = RECOGNISER
) -> Candidate:
    """A person's name from ``first`` to ``last`` (without a possessive ending)."""
    return Candidate(first.start, last.start + len(last.bare), PERSON, score, recogniser, why)


def find_people(text: str, lexicon: Lexicon) -> list[Candidate]:
    """Names that context shows to be people's, whatever their case or dictionary status."""
    found = words(text)
    return (
        _after_relations(text, found, lexicon)
        + _after_titles(text, found, lexicon)
        + _after_naming(text, found, lexicon)
        + _defined(text, found, lexicon)
        + _by_verbs(text, found, lexicon)
        + _nicknames(text)
        + _kunyas(text)
    )
