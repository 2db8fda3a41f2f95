"""Corrections to the French model's entities, by the way French writes names.

The small French model tags a span too wide as often as it misses one: "aéroport
de Charleroi" (the place is Charleroi), "Paris pour association" (Paris), "la
Meinau" (Meinau), or a participle that opens a sentence ("Passée par al-Hol").
Spans are cut back to their capitalised words; a single common word opening a
sentence, or a "MISC" entity in common words only ("Coran", "zakat"), is proposed
for review instead of masked, never dropped; a span of words that name no one
("l'État", "Facebook") is dropped.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from anonymise.candidates import DATE, OTHER, Candidate
from anonymise.french import NOT_NAMES
from anonymise.lexicon import fold, in_dictionary
from anonymise.recognisers.name_words import COURTESY_TITLES
from anonymise.recognisers.naming import Lexicon
from anonymise.recognisers.words import Word, words

#: Words that join the common noun before a place to its name: "aéroport de Charleroi".
_LINKS = frozenset(["de", "d", "du", "des", "la", "le", "les", "l"])
#: A name written with its article or particle in lower case: "al-Hol", "el-Oued".
_PARTICLE_NAME = regex.compile(
    r"(?:al|el|ad|ar|as|ash|at|az|an|ben|bin|ibn|abu|abou|oum|umm)-\p{Lu}"
)
#: Below the masking threshold: shown for review, not masked by default.
PROPOSED = 0.45


def _common(word: Word, lexicon: Lexicon) -> bool:
    key = fold(word.bare)
    return key in lexicon.function_words or in_dictionary(key, lexicon.dictionary)


def check_french_entity(text: str, candidate: Candidate, lexicon: Lexicon) -> Candidate | None:
    """The candidate cut to its name, proposed only, or None when it names nothing."""
    if candidate.entity_type == DATE:
        return candidate
    inside = words(text[candidate.start : candidate.end])
    named = [
        i
        for i, w in enumerate(inside)
        if (w.capitalised or w.upper or w.initial or _PARTICLE_NAME.match(w.text))
        and not (i == 0 and len(inside) > 1 and _opener(text, candidate.start, w, lexicon))
    ]
    if not named:
        if inside and all(_common(w, lexicon) for w in inside):
            return replace(candidate, score=min(candidate.score, PROPOSED))
        return candidate if inside else None
    # A courtesy title ("M.", "Mme") stays readable: the name after it is masked.
    while len(named) > 1 and fold(inside[named[0]].text.rstrip(".")) in COURTESY_TITLES:
        named.pop(0)
    first, last = named[0], named[-1]
    # Leading lower-case words ("aéroport de", "la") and trailing ones ("pour association").
    lead = inside[:first]
    start = candidate.start
    if lead and all(
        _common(w, lexicon) or fold(w.bare) in _LINKS or fold(w.text.rstrip(".")) in COURTESY_TITLES
        for w in lead
    ):
        start += inside[first].start
    tail = inside[last + 1 :]
    end = candidate.end
    if tail and all(_common(w, lexicon) for w in tail):
        end = candidate.start + inside[last].end
    kept = words(text[start:end])
    if all(fold(w.bare) in NOT_NAMES or fold(w.bare) in lexicon.function_words for w in kept):
        return None
    moved = replace(candidate, start=start, end=end)
    common = all(_common(w, lexicon) for w in kept)
    single = len(kept) == 1 and _opens_sentence(text, start)
    major = fold(kept[0].bare) in lexicon.gazetteer.major
    if common and (candidate.entity_type == OTHER or single) and not major:
        return replace(moved, score=min(moved.score, PROPOSED))
    return moved


def _opener(text: str, offset: int, word: Word, lexicon: Lexicon) -> bool:
    """A common word capitalised only because it opens the sentence: "Transférée d'al-Hol"."""
    return _opens_sentence(text, offset + word.start) and _common(word, lexicon)


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in '.!?:;«»"“”\n'
