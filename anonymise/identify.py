"""Which language each part of a text is in: the declared one, checked.

A text comes with a declared language (the protocol's or the interview's).
Arabic script is told from Latin script by the Unicode script of its letters
alone: a passage of Arabic-script words is read as Arabic, a few such words
inside a French or English sentence stay in it (the Arabic-script rules read
them there). Each Latin-script paragraph long enough to judge is checked by a
language identifier whose model ships inside its package (py3langid, loaded
once, on first use); when it is sure of another language the analyser can
read, that paragraph is read in that language.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass
from typing import Any

import regex

from anonymise.languages import LANGUAGES, language

#: Arabic-script words, with the spaces, digits and punctuation between them.
_ARABIC_PASSAGE = regex.compile(
    r"\p{Script=Arabic}[\p{Script=Arabic}\p{M}\u0640\p{N}\p{P}\s]*"
    r"(?<=[\p{Script=Arabic}\p{M}\u0640])"
)
_ARABIC_WORD = regex.compile(r"\p{Script=Arabic}[\p{Script=Arabic}\p{M}\u0640]*")
#: A word of Latin letters standing alone: not part of an address, a handle or a code.
_LATIN_WORD = regex.compile(
    r"(?<![\p{L}\p{N}@._/:-])\p{Script=Latin}+(?:['’-]\p{Script=Latin}+)*(?![\p{L}\p{N}@_/:]|\.\w)"
)
#: The language of Arabic-script passages.
ARABIC = "ar"
#: A run of this many Arabic-script words is a passage of its own, read as Arabic.
PASSAGE_WORDS = 3
#: Letters a paragraph needs before the identifier is asked about it.
JUDGED_LETTERS = 60
#: Letters enough to guess the language of Latin script in a text declared Arabic.
GUESSED_LETTERS = 15
#: How much of a paragraph the identifier reads: enough to be sure, and no slower for a long one.
SAMPLE_CHARACTERS = 600
#: How sure the identifier must be to overrule the declared language.
OVERRULE_PROBABILITY = 0.99
_PARAGRAPH = regex.compile(r"\n\s*\n|\n(?=\s*[-*•\d])")


@dataclass(frozen=True)
class Segment:
    """A stretch of a text read in one language: ``text[start:end]``."""

    start: int
    end: int
    language: str
    """The primary tag of the language the stretch is read in."""


class _Identifier:
    """py3langid's model, restricted to the Latin-script languages the analyser reads."""

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()

    def classify(self, text: str) -> tuple[str, float]:
        with self._lock:
            if self._model is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
                model.set_languages(sorted(t for t, lang in LANGUAGES.items() if lang.latin))
                self._model = model
            found, probability = self._model.classify(text)
        return str(found), float(probability)


_IDENTIFIER = _Identifier()


def identify(text: str) -> tuple[str, float]:
    """The Latin-script language ``text`` is most likely in, and how likely."""
    return _IDENTIFIER.classify(text)


def _latin_language(text: str, declared: str, guess: bool = False) -> str:
    """The declared language, unless the identifier is sure the text is in another.

    With ``guess`` (Latin script in a text declared in another script, where no
    Latin language was declared) the identifier's answer is taken from fewer letters.
    """
    # Words only: e-mail addresses, handles, links and codes are in no language.
    sample = " ".join(_LATIN_WORD.findall(text[:SAMPLE_CHARACTERS]))
    letters = len(sample) - sample.count(" ")
    if letters < (GUESSED_LETTERS if guess else JUDGED_LETTERS):
        return declared
    found, probability = identify(sample)
    if guess:
        return found
    return found if found != declared and probability >= OVERRULE_PROBABILITY else declared


def _passages(text: str) -> list[tuple[int, int]]:
    """Spans of ``PASSAGE_WORDS`` or more Arabic-script words (and nothing Latin)."""
    if max(text, default="") < "\u0600":
        return []
    return [
        (match.start(), match.end())
        for match in _ARABIC_PASSAGE.finditer(text)
        if len(_ARABIC_WORD.findall(match.group())) >= PASSAGE_WORDS
    ]


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [start]
    cuts += [m.end() for m in _PARAGRAPH.finditer(text, start, end) if start < m.end() < end]
    cuts.append(end)
    return list(itertools.pairwise(cuts))


def segments(text: str, declared: str | None = None) -> list[Segment]:
    """Cover ``text`` with stretches, each in the language it is read in.

    ``declared`` is the text's language as the protocol or the interview says;
    a supported language is required (one clear error otherwise).
    """
    chosen = language(declared)
    latin = chosen.tag if chosen.latin else language(None).tag
    pieces: list[Segment] = []
    position = 0
    for start, end in [*_passages(text), (len(text), len(text))]:
        for low, high in _paragraphs(text, position, start):
            stretch = text[low:high]
            # Only codes, addresses or handles in Latin letters: read with their neighbours.
            if not _LATIN_WORD.search(stretch):
                tag = ARABIC if _ARABIC_WORD.search(stretch) else ""
            else:
                tag = _latin_language(stretch, latin, guess=not chosen.latin)
            pieces.append(Segment(low, high, tag))
        if start < end:
            pieces.append(Segment(start, end, ARABIC))
        position = end
    merged: list[Segment] = []
    for piece in pieces:
        if merged and piece.language in ("", merged[-1].language):
            merged[-1] = Segment(merged[-1].start, piece.end, merged[-1].language)
        elif merged and not merged[-1].language:
            merged[-1] = Segment(merged[-1].start, piece.end, piece.language)
        elif piece.start < piece.end:
            merged.append(piece)
    if not merged or not merged[0].language:
        return [Segment(0, len(text), chosen.tag)]
    return merged


def disagreement(text: str, declared: str | None = None) -> str | None:
    """A one-line note when parts of ``text`` are read in another language than declared."""
    chosen = language(declared)
    others = sorted({s.language for s in segments(text, chosen.tag) if s.language != chosen.tag})
    if not others:
        return None
    names = ", ".join(LANGUAGES[tag].name for tag in others)
    return f"parts of the text look like {names}, not {chosen.name}; they are read as such"
