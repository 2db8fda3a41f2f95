"""Corrections to the French model's entities, by the way French writes names.

The small French model tags a span too wide as often as it misses one: "aéroport
de Charleroi" (the place is Charleroi), "Paris pour association" (Paris), "la
Meinau" (Meinau), or a participle that opens a sentence ("Passée par al-Hol").
Spans are cut back to their capitalised words; a single common word opening a
sentence is proposed for review instead of masked, never dropped.
"""

from __future__ import annotations

from dataclasses import replace

from anonymise.candidates import DATE, PERSON, PLACE, Candidate
from anonymise.french import NOT_NAMES
from anonymise.lexicon import fold, in_dictionary
from anonymise.recognisers.naming import Lexicon
from anonymise.recognisers.words import Word, words

#: Words that join the common noun before a place to its name: "aéroport de Charleroi".
_LINKS = frozenset(["de", "d", "du", "des", "la", "le", "les", "l"])
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
    if not inside:
        return None
    if all(fold(w.bare) in NOT_NAMES for w in inside):
        return None
    named = [i for i, w in enumerate(inside) if w.capitalised or w.upper or w.initial]
    if not named:
        return candidate
    first, last = named[0], named[-1]
    # Leading lower-case words ("aéroport de", "la") and trailing ones ("pour association").
    lead = inside[:first]
    if lead and all(_common(w, lexicon) or fold(w.bare) in _LINKS for w in lead):
        start = candidate.start + inside[first].start
    else:
        start = candidate.start
    tail = inside[last + 1 :]
    if tail and all(_common(w, lexicon) for w in tail):
        end = candidate.start + inside[last].end
    else:
        end = candidate.end
    moved = replace(candidate, start=start, end=end)
    kept = words(text[start:end])
    if (
        len(kept) == 1
        and candidate.entity_type in (PERSON, PLACE)
        and _opens_sentence(text, start)
        and _common(kept[0], lexicon)
        and fold(kept[0].bare) not in lexicon.gazetteer.major
    ):
        return replace(moved, score=min(moved.score, PROPOSED))
    return moved


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in '.!?:;«»"“”\n'
