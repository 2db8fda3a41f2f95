"""The analyser: Presidio's AnalyzerEngine over the verified spaCy model, plus our layers.

Presidio (built in :mod:`anonymise.presidio_engine`) runs spaCy's NER, corrected
where the small model is often wrong, and the recognisers of
:mod:`anonymise.recognisers` on chunks of the text. On the whole text the
analyser then adds the interview's known identifiers, propagates every detected
name to its other mentions, and resolves overlaps so that each span of text has
one candidate.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import regex

from anonymise import offline
from anonymise.allowed import without_allowed
from anonymise.boundaries import tidy
from anonymise.candidates import OTHER, PERSON, PLACE, Candidate, Evidence
from anonymise.chunking import Chunk, chunks
from anonymise.identify import segments
from anonymise.known import RECOGNISER as KNOWN_RECOGNISER
from anonymise.known import KnownIdentifiers, find_known
from anonymise.languages import DEFAULT_LANGUAGE, language
from anonymise.lexicon import fold
from anonymise.normalise import Normalised, normalise
from anonymise.pipelines import Pipeline, build_pipeline
from anonymise.places import Gazetteer
from anonymise.presidio_engine import (
    PRESIDIO_MAPPING,
    build_engine,
    presidio_explanation,
    trimmed_candidate,
)
from anonymise.propagate import propagate
from anonymise.recognisers import REGISTRY
from anonymise.recognisers.arabic_script import RECOGNISER as ARABIC_RECOGNISER
from anonymise.recognisers.words import pieces, words
from anonymise.retyping import retyped

#: Candidates below this score are shown for review but not masked by default.
DEFAULT_THRESHOLD = 0.5
#: Candidates at or above this score seed propagation.
PROPAGATION_THRESHOLD = 0.5


class Anonymiser:
    """Loads the verified model and Presidio once; :meth:`analyse` is then cheap.

    An anonymiser reads texts declared in its language (:mod:`anonymise.languages`),
    English by default, and any part of a text in another supported language
    (:mod:`anonymise.identify`): that language's pipeline is loaded the first time
    a text needs it.
    """

    def __init__(self, model_directory: Path | None = None, tag: str = DEFAULT_LANGUAGE) -> None:
        offline.enforce()
        self.language = language(tag)
        own = build_pipeline(self.language.tag, model_directory)
        self._pipelines = {own.tag: own}
        self._engine = build_engine({own.tag: (own.nlp, own.lexicon)})
        self.lexicon = own.lexicon
        self.dictionary = self.lexicon.dictionary
        self._joined: dict[frozenset[str], frozenset[str]] = {}
        self._lock = threading.Lock()

    @property
    def nlp(self) -> Any:
        """The loaded spaCy pipeline of the anonymiser's own language (NER only)."""
        return self._pipelines[self.language.tag].nlp

    def loaded(self) -> frozenset[str]:
        """The languages whose pipelines are loaded so far."""
        return frozenset(self._pipelines)

    def _pipeline(self, tag: str) -> Pipeline:
        """The pipeline of ``tag``, loaded now if no text needed it before (under the lock).

        Presidio's engine is then rebuilt to read every language loaded so far.
        """
        found = self._pipelines.get(tag)
        if found is None:
            found = self._pipelines[tag] = build_pipeline(tag)
            self._engine = build_engine(
                {p.tag: (p.nlp, p.lexicon) for p in self._pipelines.values()}
            )
        return found

    def analyse(
        self,
        text: str,
        known: KnownIdentifiers | None = None,
        allow: Collection[str] = (),
        language: str | None = None,
    ) -> list[Candidate]:
        """Candidates to mask in ``text``, sorted and without overlaps.

        ``known`` are the interview's own identifiers: every variant of them is a
        candidate. ``allow`` are research terms that stay readable: a candidate lying
        wholly inside an occurrence of one (whole words, any case) is dropped, but a
        candidate reaching beyond it is kept whole, and a known identifier is never
        dropped, even inside an allowed term (see :mod:`anonymise.allowed`).
        ``language`` is the text's declared language (the anonymiser's by default).
        """
        return self.analyse_many([text], known, allow, language)[0]

    def analyse_many(
        self,
        texts: Sequence[str],
        known: KnownIdentifiers | None = None,
        allow: Collection[str] = (),
        language: str | None = None,
    ) -> list[list[Candidate]]:
        """Analyse several texts at once, letting spaCy batch their chunks by language."""
        declared = self.language.tag if language is None else language
        readable = [normalise(text) for text in texts]
        by_language: dict[str, list[tuple[int, Chunk]]] = {}
        read_in: list[set[str]] = [set() for _ in texts]
        for number, norm in enumerate(readable):
            for segment in segments(norm.text, declared):
                read_in[number].add(segment.language)
                piece = norm.text[segment.start : segment.end]
                for chunk in chunks(piece):
                    shifted = Chunk(segment.start + chunk.start, chunk.text)
                    by_language.setdefault(segment.language, []).append((number, shifted))
        raw: list[list[Candidate]] = [[] for _ in texts]
        with self._lock:
            for tag, flat in by_language.items():
                pipeline = self._pipeline(tag)
                docs = pipeline.nlp.pipe([chunk.text for _number, chunk in flat], batch_size=16)
                for (number, chunk), doc in zip(flat, docs, strict=True):
                    raw[number].extend(self._presidio(pipeline, doc, chunk.text, chunk.start))
            lexicons = [(self._dictionary(tags), self._places(tags)) for tags in read_in]
        return [
            _original(norm, self._finish(norm.text, found, known, allow, *lists))
            for norm, found, lists in zip(readable, raw, lexicons, strict=True)
        ]

    def dictionary_for(self, text: str, language: str | None = None) -> frozenset[str]:
        """The common words of the languages ``text`` is read in (those loaded)."""
        declared = self.language.tag if language is None else language
        tags = {segment.language for segment in segments(normalise(text).text, declared)}
        return self._dictionary(tags)

    def _dictionary(self, tags: Collection[str]) -> frozenset[str]:
        """The common words of the languages a text is read in (joined once per set)."""
        found = {
            tag
            for tag in tags
            if tag in self._pipelines and self._pipelines[tag].lexicon.dictionary
        }
        if not found:
            return self.dictionary
        key = frozenset(found)
        joined = self._joined.get(key)
        if joined is None:
            words = [self._pipelines[tag].lexicon.dictionary for tag in sorted(found)]
            joined = self._joined[key] = words[0] if len(words) == 1 else words[0].union(*words[1:])
        return joined

    def _places(self, tags: Collection[str]) -> Gazetteer:
        """The fullest gazetteer of the languages a text is read in (French adds its names)."""
        found = [self._pipelines[tag].lexicon.gazetteer for tag in tags if tag in self._pipelines]
        return max(found, key=lambda places: len(places.names), default=self.lexicon.gazetteer)

    def _presidio(self, pipeline: Pipeline, doc: Any, text: str, offset: int) -> list[Candidate]:
        tag = pipeline.tag
        artifacts = self._engine.nlp_engine._doc_to_nlp_artifact(doc, tag)
        results = self._engine.analyze(
            text=text, language=tag, nlp_artifacts=artifacts, score_threshold=0.0
        )
        found = []
        for result in results:
            metadata = result.recognition_metadata or {}
            recogniser = str(metadata.get("recogniser") or metadata.get("recognizer_name"))
            entity_type = PRESIDIO_MAPPING.get(result.entity_type, result.entity_type)
            why = str(metadata.get("explanation") or presidio_explanation(recogniser))
            candidate = trimmed_candidate(
                text, result.start, result.end, entity_type, result.score, recogniser, why
            )
            if candidate is not None:
                found.append(candidate.shifted(offset))
        return found

    def _finish(
        self,
        text: str,
        found: list[Candidate],
        known: KnownIdentifiers | None,
        allow: Collection[str],
        dictionary: frozenset[str],
        places: Gazetteer,
    ) -> list[Candidate]:
        stream = pieces(words(text))
        if known is not None:
            mentions = find_known(stream, known, dictionary)
            found = _carve(text, found, mentions)
            found.extend(mentions)
        # Allowed terms first, so a research term taken for a name seeds nothing; the
        # mentions of the names that remain are then found everywhere.
        found = without_allowed(text, tidy(text, found, dictionary, brackets=False), allow, stream)
        seeds = [c for c in found if c.score >= PROPAGATION_THRESHOLD]
        found.extend(without_allowed(text, propagate(stream, seeds, dictionary), allow, stream))
        return retyped(text, _agree(text, settle(text, tidy(text, found, dictionary))), places)


#: Evidence that a span is a person, not a place of the same name.
PERSON_EVIDENCE = frozenset(
    [Evidence.RELATIVE_AFTER, Evidence.TITLE, Evidence.ARABIC_NAMING, Evidence.RELATION_BEFORE]
)
#: Evidence that says no more than that a word is also a place's name.
PLACE_BY_NAME_ONLY = frozenset([Evidence.GAZETTEER, Evidence.ANOTHER_MENTION])


def _agree(text: str, found: list[Candidate]) -> list[Candidate]:
    """Give every mention of a name the type its strongest mention has.

    "Khalil's brother" says Khalil is a person; a later "Khalil was arrested" that
    only the gazetteer calls a place (al-Khalil, Hebron) is the same person, and
    gets the same kind of pseudonym.
    """
    people = {
        fold(text[c.start : c.end])
        for c in found
        if c.entity_type == PERSON
        and (c.explanation in PERSON_EVIDENCE or c.recogniser == KNOWN_RECOGNISER)
    }
    if not people:
        return found
    return [
        _retype(c, PERSON, Evidence.ANOTHER_MENTION)
        if c.entity_type == PLACE
        and c.explanation in PLACE_BY_NAME_ONLY
        and fold(text[c.start : c.end]) in people
        else c
        for c in found
    ]


def _original(norm: Normalised, found: list[Candidate]) -> list[Candidate]:
    """Candidates found in the normalised text, as spans of the text the user gave."""
    if not norm.changed:
        return found
    moved = []
    for candidate in found:
        start, end = norm.original(candidate.start, candidate.end)
        moved.append(replace(candidate, start=start, end=end))
    return moved


def _carve(text: str, found: list[Candidate], known: list[Candidate]) -> list[Candidate]:
    """Cut runs of Arabic-script words around the known identifiers inside them.

    A known name keeps its own span, so it gets the same pseudonym wherever it is,
    and the words around it are masked on their own.
    """
    if not known:
        return found
    result: list[Candidate] = []
    for candidate in found:
        inside = [k for k in known if k.overlaps(candidate)]
        if candidate.recogniser != ARABIC_RECOGNISER or not inside:
            result.append(candidate)
            continue
        position = candidate.start
        for mention in sorted(inside):
            for piece in regex.finditer(r"\S+", text[position : mention.start]):
                result.append(_moved(candidate, position + piece.start(), position + piece.end()))
            position = max(position, mention.end)
        for piece in regex.finditer(r"\S+", text[position : candidate.end]):
            result.append(_moved(candidate, position + piece.start(), position + piece.end()))
    return result


def _moved(candidate: Candidate, start: int, end: int) -> Candidate:
    return Candidate(start, end, OTHER, candidate.score, candidate.recogniser, "Arabic-script word")


def _retype(candidate: Candidate, kind: str, why: str) -> Candidate:
    return Candidate(
        candidate.start, candidate.end, kind, candidate.score, candidate.recogniser, why
    )


def _rank(candidate: Candidate) -> tuple[int, float, int]:
    size = candidate.end - candidate.start
    return (REGISTRY.priority(candidate.recogniser), candidate.score, size)


def settle(text: str, candidates: Iterable[Candidate]) -> list[Candidate]:
    """Resolve overlaps, keeping what is only proposed apart from what is masked.

    Candidates at or above the masking threshold are resolved among themselves, and
    so are those below it. A proposal never widens a masked candidate (the words
    around a name are not masked for a phrase's sake): the parts of the proposal
    outside the masked candidates are proposed on their own.
    """
    firm: list[Candidate] = []
    tentative: list[Candidate] = []
    for candidate in candidates:
        (firm if candidate.score >= DEFAULT_THRESHOLD else tentative).append(candidate)
    settled = resolve(firm)
    starts = [c.start for c in settled]
    kept = list(settled)
    for proposal in resolve(tentative):
        position = proposal.start
        index = max(0, bisect_left(starts, proposal.start) - 1)
        while index < len(settled) and settled[index].start < proposal.end:
            masked = settled[index]
            if masked.end > position:
                kept.extend(_piece(text, proposal, position, masked.start))
                position = max(position, masked.end)
            index += 1
        kept.extend(_piece(text, proposal, position, proposal.end))
    return sorted(kept)


#: What a piece of a proposal may lose at its edges: spaces and punctuation.
_EDGES = " \t\n\r.,;:!?\"'“”‘’()[]{}«»—–-"


def _piece(text: str, proposal: Candidate, start: int, end: int) -> list[Candidate]:
    """The part of ``proposal`` between ``start`` and ``end``, if it holds a word."""
    while start < end and text[start] in _EDGES:
        start += 1
    while end > start and text[end - 1] in _EDGES:
        end -= 1
    if not any(ch.isalnum() for ch in text[start:end]):
        return []
    return [replace(proposal, start=start, end=end)]


def resolve(candidates: Iterable[Candidate]) -> list[Candidate]:
    """One candidate per overlapping group: the union of the spans, typed by the best."""
    ordered = sorted(candidates, key=lambda c: (c.start, -c.end))
    merged: list[Candidate] = []
    group: list[Candidate] = []
    group_end = -1

    def close() -> None:
        if group:
            best = max(group, key=_rank)
            start = min(c.start for c in group)
            merged.append(
                Candidate(
                    start,
                    group_end,
                    best.entity_type,
                    max(c.score for c in group),
                    best.recogniser,
                    best.explanation,
                )
            )

    for candidate in ordered:
        if group and candidate.start < group_end:
            group.append(candidate)
            group_end = max(group_end, candidate.end)
            continue
        close()
        group = [candidate]
        group_end = candidate.end
    close()
    return merged
