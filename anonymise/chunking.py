"""Split long texts into overlapping chunks on paragraph or sentence boundaries.

spaCy's memory grows with the length of a document, and a 200,000-word
testimony must still be analysed with exact offsets. Each chunk ends at a
paragraph break (or, failing that, a sentence end or a space) and the next one
starts a little earlier, so a name cut by one boundary is whole in the other.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Characters a chunk aims for; spaCy's NER is linear in length, so this bounds memory.
CHUNK_CHARACTERS = 20_000
#: Characters each chunk repeats from the end of the previous one.
OVERLAP_CHARACTERS = 400


@dataclass(frozen=True)
class Chunk:
    """A slice of a text: ``text == original[start:start + len(text)]``."""

    start: int
    text: str


def _boundary(text: str, low: int, high: int) -> int:
    """The best cut in ``text[low:high]``: after a paragraph, a sentence, or a space."""
    for marker in ("\n\n", "\n", ". ", "? ", "! ", "; ", " "):
        cut = text.rfind(marker, low, high)
        if cut > low:
            return cut + len(marker)
    return high


def _back_to_space(text: str, position: int, floor: int) -> int:
    cut = text.rfind("\n", floor, position)
    if cut <= floor:
        cut = text.rfind(". ", floor, position)
        cut = cut + 1 if cut > floor else text.rfind(" ", floor, position)
    return cut + 1 if cut > floor else position


def chunks(
    text: str, size: int = CHUNK_CHARACTERS, overlap: int = OVERLAP_CHARACTERS
) -> list[Chunk]:
    """Cover ``text`` with chunks of about ``size`` characters that overlap."""
    if len(text) <= size:
        return [Chunk(0, text)]
    result: list[Chunk] = []
    start = 0
    while start < len(text):
        hard_end = min(len(text), start + size)
        end = hard_end if hard_end == len(text) else _boundary(text, start + size // 2, hard_end)
        result.append(Chunk(start, text[start:end]))
        if end >= len(text):
            break
        start = max(start + 1, _back_to_space(text, end - overlap, start))
    return result
