"""Undo the tricks that hide a name from the analyser, keeping a map back to the original.

Five passes, each skipped when it finds nothing to do: text written backwards
inside a direction override is put in reading order; invisible format characters
(zero-width spaces and joiners, soft hyphens, bidirectional controls) are removed;
full-width, mathematical, circled and other compatibility letters become plain
letters; letter-spaced (``S a m i r  N a s s e r``) and dot- or hyphen-separated
(``K.h.a.l.i.d``) letters are joined into words; Cyrillic or Greek look-alikes
inside Latin words become Latin letters. The analyser reads the normalised text;
:meth:`Normalised.original` maps each span it finds back to the smallest span of
the original covering it, stripped characters inside included, so masking that
span hides all of them.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from anonymise.hiding import (
    CLUSTER,
    CYRILLIC_OR_GREEK,
    INVISIBLE,
    LETTER_SEPARATED,
    LETTER_SPACED,
    LETTERS,
    LOOK_ALIKES,
    MIXED_HINT,
    MIXED_WORD,
    NON_ASCII,
    OVERRIDE,
    OVERRIDE_END,
    SINGLE_LETTERS,
    WIDE_GAP_INSIDE,
    foldable,
    worth_joining,
)

#: A stretch of the normalised text and where it came from:
#: ``(start, end, source_start, source_end, exact)``. An exact segment maps
#: character for character (equal lengths); any other maps as a whole.
Segment = tuple[int, int, int, int, bool]


@dataclass(frozen=True)
class Normalised:
    """A text as the analyser should read it, and the way back to the original."""

    text: str
    """The normalised text."""
    source_length: int
    """Length of the original text."""
    segments: tuple[Segment, ...] | None = None
    """Where each stretch of :attr:`text` came from, in order; ``None`` when unchanged."""

    @property
    def changed(self) -> bool:
        """True when the text differs from the original."""
        return self.segments is not None

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The smallest span of the original text covering ``text[start:end]``."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError("a span must lie inside the normalised text")
        segments = self.segments
        if segments is None:
            return start, end
        if start == end:
            if start == len(self.text):
                return self.source_length, self.source_length
            point = _clip(segments[bisect_right(segments, start, key=_start) - 1], start, start + 1)
            return point[0], point[0]
        return _source_span(segments, start, end)


def _start(segment: Segment) -> int:
    return segment[0]


def _source_span(segments: Sequence[Segment], start: int, end: int) -> tuple[int, int]:
    """The smallest source span covering the segments' output ``[start, end)`` (not empty)."""
    index = bisect_right(segments, start, key=_start) - 1
    low, high = -1, -1
    while index < len(segments) and segments[index][0] < end:
        segment = segments[index]
        first, last = _clip(segment, max(start, segment[0]), min(end, segment[1]))
        low = first if low < 0 else min(low, first)
        high = max(high, last)
        index += 1
    return low, high


def _clip(segment: Segment, start: int, end: int) -> tuple[int, int]:
    """The source of ``[start, end)``, a part of ``segment``."""
    begin, _end, source_start, source_end, exact = segment
    if exact:
        return source_start + start - begin, source_start + end - begin
    return source_start, source_end


class _Builder:
    """Collects one pass's output and the segments that map it to the pass's input."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segments: list[Segment] = []
        self.length = 0

    def copy(self, text: str, start: int, end: int) -> None:
        """Keep ``text[start:end]`` as it is."""
        if start < end:
            self._add(text[start:end], start, end, exact=True)

    def put(self, replacement: str, start: int, end: int) -> None:
        """Write ``replacement`` for the input's ``[start, end)`` (may be empty: dropped)."""
        if replacement:
            self._add(replacement, start, end, exact=len(replacement) == end - start == 1)

    def _add(self, piece: str, start: int, end: int, exact: bool) -> None:
        here = self.length
        self.parts.append(piece)
        self.length += len(piece)
        if exact and self.segments:
            last = self.segments[-1]
            if last[4] and last[1] == here and last[3] == start:
                self.segments[-1] = (last[0], self.length, last[2], end, True)
                return
        self.segments.append((here, self.length, start, end, exact))

    def text(self) -> str:
        return "".join(self.parts)


_Pass = tuple[str, list[Segment]] | None


def _compose(earlier: list[Segment] | None, later: list[Segment]) -> list[Segment]:
    """Segments of the later pass's output mapped through the earlier pass to the original."""
    if earlier is None:
        return later
    composed: list[Segment] = []
    for start, end, source_start, source_end, exact in later:
        if not exact:
            low, high = _source_span(earlier, source_start, source_end)
            composed.append((start, end, low, high, False))
            continue
        index = bisect_right(earlier, source_start, key=_start) - 1
        while index < len(earlier) and earlier[index][0] < source_end:
            segment = earlier[index]
            first, last = max(source_start, segment[0]), min(source_end, segment[1])
            low, high = _clip(segment, first, last)
            shift = start - source_start
            composed.append((first + shift, last + shift, low, high, segment[4]))
            index += 1
    return composed


def normalise(text: str) -> Normalised:
    """``text`` as the analyser should read it; unchanged text gets the identity map."""
    segments: list[Segment] | None = None
    current = text
    for step in (_reading_order, _without_invisible, _folded, _rejoined, _without_look_alikes):
        result = step(current)
        if result is None:
            continue
        current, produced = result
        segments = _compose(segments, produced)
    if segments is None:
        return Normalised(text, len(text))
    return Normalised(current, len(text), tuple(segments))


def _rtl(cluster: str) -> bool:
    return unicodedata.bidirectional(cluster[0]) in ("R", "AL")


def _neutral(cluster: str) -> bool:
    return unicodedata.bidirectional(cluster[0]) in ("WS", "ON", "CS", "ES", "ET", "BN", "NSM")


def _units(clusters: list[tuple[int, int]], text: str) -> Iterator[tuple[bool, list[int]]]:
    """Indexes of clusters grouped into right-to-left runs (with the spaces inside them)."""
    index = 0
    while index < len(clusters):
        start, end = clusters[index]
        if not _rtl(text[start:end]):
            yield False, [index]
            index += 1
            continue
        run = [index]
        probe = index + 1
        while probe < len(clusters):
            piece = text[clusters[probe][0] : clusters[probe][1]]
            if _rtl(piece):
                run = list(range(index, probe + 1))
            elif not _neutral(piece):
                break
            probe += 1
        yield True, run
        index = run[-1] + 1


def _reading_order(text: str) -> _Pass:
    """Put text inside a direction override (RLO, LRO) in the order a reader reads it."""
    if OVERRIDE.search(text) is None:
        return None
    out = _Builder()
    position = 0
    for mark in OVERRIDE.finditer(text):
        if mark.start() < position:
            continue
        out.copy(text, position, mark.end())
        stop = OVERRIDE_END.search(text, mark.end())
        end = len(text) if stop is None else stop.start()
        clusters = [m.span() for m in CLUSTER.finditer(text, mark.end(), end)]
        units = list(_units(clusters, text))
        right_to_left = mark.group() == "\u202e"
        for is_rtl, members in reversed(units) if right_to_left else units:
            ordered = members if is_rtl == right_to_left else list(reversed(members))
            for member in ordered:
                out.copy(text, *clusters[member])
        position = end
    out.copy(text, position, len(text))
    return out.text(), out.segments


def _without_invisible(text: str) -> _Pass:
    if INVISIBLE.search(text) is None:
        return None
    out = _Builder()
    position = 0
    for match in INVISIBLE.finditer(text):
        out.copy(text, position, match.start())
        position = match.end()
    out.copy(text, position, len(text))
    return out.text(), out.segments


def _folded(text: str) -> _Pass:
    """Compatibility forms (full-width, mathematical, circled, ligatures) to plain characters."""
    table = foldable()
    spots = [
        (run.start() + offset, run.start() + offset + 1)
        for run in NON_ASCII.finditer(text)
        if not table.keys().isdisjoint(run.group())
        for offset, char in enumerate(run.group())
        if char in table
    ]
    return _replaced(text, table, spots)


def _without_look_alikes(text: str) -> _Pass:
    """Cyrillic and Greek look-alikes inside words that also have Latin letters, to Latin."""
    if CYRILLIC_OR_GREEK.search(text) is None or MIXED_HINT.search(text) is None:
        return None
    return _replaced(text, LOOK_ALIKES, [m.span() for m in MIXED_WORD.finditer(text)])


def _replaced(text: str, table: dict[str, str], spots: list[tuple[int, int]]) -> _Pass:
    """``text`` with the characters inside ``spots`` looked up in ``table``."""
    if not spots:
        return None
    out = _Builder()
    position = 0
    for start, end in spots:
        out.copy(text, position, start)
        for index in range(start, end):
            char = text[index]
            out.put(table.get(char, char), index, index + 1)
        position = end
    out.copy(text, position, len(text))
    return out.text(), out.segments


def _word_gap(text: str, start: int, end: int, is_spaced: bool, dots: bool) -> bool:
    """True when the letters either side of ``text[start:end]`` belong to two words."""
    if is_spaced:
        return WIDE_GAP_INSIDE.fullmatch(text, start, end) is not None
    return not dots and " " in text[start:end]


def _rejoined(text: str) -> _Pass:
    """Join letter-spaced and dot- or hyphen-separated letters into words."""
    if SINGLE_LETTERS.search(text) is None:
        return None
    spots = [(m.start(), m.end(), True) for m in LETTER_SPACED.finditer(text)]
    spots += [(m.start(), m.end(), False) for m in LETTER_SEPARATED.finditer(text)]
    spots.sort()
    out = _Builder()
    position = 0
    for start, end, is_spaced in spots:
        if start < position:
            continue
        letters = [m.span() for m in LETTERS.finditer(text, start, end)]
        if not worth_joining([text[a:b] for a, b in letters], text[start:end], is_spaced):
            continue
        out.copy(text, position, start)
        # "K. h. a. l. i. d" is one word; "E.l H.a.d.d.o.u.t.i" is two.
        separated_by_dots = not is_spaced and text[letters[0][1] : letters[1][0]] == ". "
        for number, (first, last) in enumerate(letters):
            out.copy(text, first, last)
            if number + 1 == len(letters):
                break
            following = letters[number + 1][0]
            if _word_gap(text, last, following, is_spaced, separated_by_dots):
                out.put(" ", last, following)
            elif is_spaced and text[last - 1].islower() and text[following].isupper():
                out.copy(text, last, following)
        position = end
    if position == 0 and not out.parts:
        return None
    out.copy(text, position, len(text))
    return out.text(), out.segments
