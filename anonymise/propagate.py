"""Find every other mention of a name once one mention of it is found.

A name detected once ("Mr Karl Strobel") is masked wherever it recurs, whole or
in part ("Strobel", "STROBEL", "Strobel's"), whatever the case, diacritics or
transliteration marks. A part that is also an English word ("Rose") is only
taken where it is capitalised.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence

from anonymise.candidates import ORGANISATION, PERSON, PLACE, Candidate, Evidence
from anonymise.lexicon import FUNCTION_WORDS, NAME_PARTICLES, TITLES, in_dictionary
from anonymise.names import name_lexicon
from anonymise.recognisers.words import Piece

#: Types whose mentions are propagated.
PROPAGATED = frozenset({PERSON, PLACE, ORGANISATION})
RECOGNISER = "propagation"


class FormIndex:
    """Name forms (tuples of folded keys) indexed by their first key."""

    def __init__(self) -> None:
        self._forms: dict[str, dict[tuple[str, ...], tuple[str, str]]] = {}

    def add(self, form: tuple[str, ...], entity_type: str, why: str) -> None:
        """Remember ``form``; a longer or earlier entry for the same form wins."""
        if form:
            self._forms.setdefault(form[0], {}).setdefault(form, (entity_type, why))

    def __len__(self) -> int:
        return sum(len(forms) for forms in self._forms.values())

    def find(
        self,
        stream: Sequence[Piece],
        dictionary: frozenset[str],
        recogniser: str,
        score: float,
    ) -> list[Candidate]:
        """Every place in ``stream`` where a remembered form occurs."""
        found: list[Candidate] = []
        for index, piece in enumerate(stream):
            forms = self._forms.get(piece.key)
            if not forms:
                continue
            for form in sorted(forms, key=len, reverse=True):
                end = index + len(form)
                if end > len(stream):
                    continue
                if tuple(p.key for p in stream[index:end]) != form:
                    continue
                if len(form) == 1 and not piece.capitalised and in_dictionary(form[0], dictionary):
                    continue
                if len(form) == 1 and form[0] in FUNCTION_WORDS and _auxiliary(stream, index):
                    continue
                entity_type, why = forms[form]
                found.append(
                    Candidate(piece.start, stream[end - 1].end, entity_type, score, recogniser, why)
                )
                break
        return found


#: Subjects after a modal that opens a question: "Will you …", "May I …".
_SUBJECTS = frozenset(["i", "you", "he", "she", "it", "we", "they", "this", "that", "there"])


def _auxiliary(stream: Sequence[Piece], index: int) -> bool:
    """A given name that is also a word of grammar, used as the word: in lower case, or
    before a subject as in a question ("Will you come?")."""
    if not stream[index].capitalised:
        return True
    following = stream[index + 1].key if index + 1 < len(stream) else ""
    return following in _SUBJECTS


def pieces_within(
    stream: Sequence[Piece], starts: Sequence[int], candidate: Candidate
) -> list[Piece]:
    """The pieces that lie inside ``candidate`` (``starts`` are the pieces' starts)."""
    index = bisect_left(starts, candidate.start)
    result = []
    while index < len(stream) and stream[index].end <= candidate.end:
        result.append(stream[index])
        index += 1
    return result


def name_parts(parts: Iterable[Piece]) -> list[tuple[str, ...]]:
    """The single-word parts of a name worth searching for on their own.

    A title is no part of a name ("Sheikh"), except a title that is also a given
    name and begins the name: "Emir Hasanović", "Amir Kadić".
    """
    result: list[tuple[str, ...]] = []
    given = name_lexicon().is_given
    for number, piece in enumerate(parts):
        key = piece.key
        opening = number == 0 and piece.capitalised and given(key)
        title = key in TITLES and not opening
        # "Will Mason": a given name that is also a word of grammar is his name too.
        grammar = key in FUNCTION_WORDS and not opening
        if len(key) < 3 or title or key in NAME_PARTICLES or grammar:
            continue
        if key.replace(".", "").isalpha() and "." not in key:
            result.append((key,))
    return result


def propagate(
    stream: Sequence[Piece], candidates: Iterable[Candidate], dictionary: frozenset[str]
) -> list[Candidate]:
    """New candidates at every other mention of the detected names and their parts."""
    index = FormIndex()
    parts_index = FormIndex()
    starts = [piece.start for piece in stream]
    for candidate in candidates:
        if candidate.entity_type not in PROPAGATED:
            continue
        parts = pieces_within(stream, starts, candidate)
        form = tuple(p.key for p in parts)
        index.add(form, candidate.entity_type, Evidence.ANOTHER_MENTION)
        if candidate.entity_type == PERSON:
            for part in name_parts(parts):
                if not in_dictionary(part[0], dictionary) or all(p.capitalised for p in parts):
                    parts_index.add(part, PERSON, Evidence.PART_OF_NAME)
    found = index.find(stream, dictionary, RECOGNISER, 0.7)
    found.extend(parts_index.find(stream, dictionary, RECOGNISER, 0.65))
    return found
