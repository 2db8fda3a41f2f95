"""Research terms the protocol allows: where they occur, and which candidates they cover.

A protocol names research terms (armed groups, ideology terms, places studied)
that stay readable. An occurrence of an allowed term is matched on whole words,
ignoring case, diacritics, transliteration marks, hyphens and possessives
("Islamic State", "islamic state's", "Islamic-State"), and in Arabic script
tatweel, letter variants (أ إ آ, ى, ة), the article and fused proclitics
("الدولة الإسلامية", "بالدولـة الاسلامية", "والشريعة"). The rule, shared by the
analyser and the redactor so that what is proposed and what is masked agree:

* a candidate that lies wholly inside an occurrence of an allowed term is not
  proposed or masked ("Islamic", tagged as a nationality, inside "Islamic
  State");
* a candidate that reaches beyond the occurrence ("Raqqa Brigade" when
  "Raqqa" is allowed, "Abu Bakr al-Baghdadi" when "Baghdadi" is) is kept whole:
  the words around the term may identify someone, and cutting the term out of
  the span would leave it readable beside the pseudonym;
* a capitalised mention of a person already named in full ("Jihad" after "Jihad
  Haddad", when "jihad" is a research term) stays masked: a research term that is
  also someone's given name is that person's name there;
* a known identifier of the interview (:class:`anonymise.known.KnownIdentifiers`)
  and a span a reviewer marked or resized always win, even when they lie inside
  an allowed term: allowing "Raqqa" as a research place never unmasks "Raqqa"
  when it is the interviewee's home town.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections.abc import Collection, Iterable, Sequence

from anonymise.arabic import fold_arabic, has_arabic, stems, without_article
from anonymise.candidates import PERSON, Candidate
from anonymise.recognisers.words import Piece, pieces, words

#: Recognisers whose spans an allowed term never removes.
ALWAYS_MASKED = frozenset({"known-identifiers", "reviewer"})


def term_keys(term: str) -> tuple[str, ...]:
    """The folded words of a term, split as the text is (hyphens, possessives).

    Arabic-script words are folded further (:func:`_arabic_key`): "الدولة
    الإسلامية" is one term with "الدولـة الاسلامية" and "دولة إسلامية".
    """
    return tuple(_arabic_key(piece.key) for piece in pieces(words(term)))


def _arabic_key(key: str) -> str:
    """An Arabic-script word without diacritics, tatweel, letter variants or article."""
    if not has_arabic(key):
        return key
    return without_article(fold_arabic(key))


def _first_keys(key: str) -> tuple[str, ...]:
    """The keys a text's word may start a term with: Arabic words also without proclitics.

    "والدولة" and "بالشريعة" start the terms "الدولة" and "الشريعة"; the proclitic
    stays inside the occurrence.
    """
    if not has_arabic(key):
        return (key,)
    return tuple(dict.fromkeys(without_article(stem) for stem in stems(fold_arabic(key))))


@functools.lru_cache(maxsize=32)
def _forms(allow: frozenset[str]) -> dict[str, frozenset[tuple[str, ...]]]:
    """The keys of each allowed term, by the key of its first word (one protocol's terms
    are split once, not on every text)."""
    forms: dict[str, set[tuple[str, ...]]] = {}
    for term in allow:
        keys = term_keys(term)
        if keys:
            forms.setdefault(keys[0], set()).add(keys)
    return {first: frozenset(keys) for first, keys in forms.items()}


def occurrences(
    text: str, allow: Collection[str], stream: Sequence[Piece] | None = None
) -> list[tuple[int, int]]:
    """Sorted ``(start, end)`` spans of every whole-word occurrence of an allowed term.

    One pass over the words of ``text``; ``stream`` may pass them when already split.
    Overlapping occurrences are merged.
    """
    forms = _forms(allow if isinstance(allow, frozenset) else frozenset(allow))
    if not forms:
        return []
    parts = pieces(words(text)) if stream is None else stream
    found: list[tuple[int, int]] = []
    for index, piece in enumerate(parts):
        for first in _first_keys(piece.key):
            for form in forms.get(first, ()):
                end = index + len(form)
                if end <= len(parts) and all(
                    _arabic_key(parts[index + offset].key) == key
                    for offset, key in enumerate(form[1:], start=1)
                ):
                    found.append((piece.start, parts[end - 1].end))
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def covered(candidate: Candidate, spans: Sequence[tuple[int, int]], starts: Sequence[int]) -> bool:
    """True when ``candidate`` lies wholly inside one of ``spans`` (sorted, disjoint).

    ``starts`` are the spans' starts, for the binary search.
    """
    index = bisect_right(starts, candidate.start) - 1
    return index >= 0 and candidate.end <= spans[index][1]


def without_allowed(
    text: str,
    candidates: Iterable[Candidate],
    allow: Collection[str],
    stream: Sequence[Piece] | None = None,
) -> list[Candidate]:
    """``candidates`` less those an allowed term covers (see the module's rule)."""
    kept = list(candidates)
    spans = occurrences(text, allow, stream) if allow else []
    if not spans:
        return kept
    starts = [start for start, _end in spans]
    return [
        c
        for c in kept
        if c.recogniser in ALWAYS_MASKED or _named_person(text, c) or not covered(c, spans, starts)
    ]


def _named_person(text: str, candidate: Candidate) -> bool:
    """A capitalised mention of a person already named in full: "Jihad", "Emir", "Islam".

    A research term that is also someone's given name stays masked where it is that
    person's name, whatever the protocol allows.
    """
    return (
        candidate.recogniser == "propagation"
        and candidate.entity_type == PERSON
        and text[candidate.start : candidate.start + 1].isupper()
    )
