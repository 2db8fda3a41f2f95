"""The analyser: Presidio's AnalyzerEngine over the verified spaCy model, plus our layers.

Presidio runs spaCy's NER (mapped to the project's entity types by a full
``ner_model_configuration``) and the recognisers of :mod:`anonymise.recognisers`
on chunks of the text. On the whole text the analyser then filters what the
small model gets wrong, adds the interview's known identifiers, propagates every
detected name to its other mentions, and resolves overlaps so that each span of
text has one candidate.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import Any

import regex

from anonymise import offline
from anonymise.candidates import (
    AMOUNT,
    DATE,
    EMAIL,
    IBAN,
    NATIONALITY,
    OCCUPATION,
    ORGANISATION,
    OTHER,
    PERSON,
    PLACE,
    URL,
    Candidate,
)
from anonymise.chunking import chunks
from anonymise.known import KnownIdentifiers, find_known
from anonymise.lexicon import FUNCTION_WORDS, MONTHS, fold, in_dictionary
from anonymise.model import dictionary_words, load_model, model_path
from anonymise.places import demonyms, gazetteer
from anonymise.propagate import propagate
from anonymise.recognisers.health import find_conditions
from anonymise.recognisers.naming import ARABIC_RECOGNISER, Lexicon, find_names
from anonymise.recognisers.numbers import find_numbers
from anonymise.recognisers.roles import find_occupations
from anonymise.recognisers.words import pieces, words

#: spaCy labels -> project entity types (ORG and FAC count: towns are often tagged ORG).
SPACY_MAPPING = {
    "PERSON": PERSON,
    "GPE": PLACE,
    "LOC": PLACE,
    "FAC": PLACE,
    "ORG": ORGANISATION,
    "NORP": NATIONALITY,
    "DATE": DATE,
    "MONEY": AMOUNT,
}
SPACY_IGNORED = (
    "TIME",
    "CARDINAL",
    "ORDINAL",
    "QUANTITY",
    "PERCENT",
    "LAW",
    "WORK_OF_ART",
    "EVENT",
    "PRODUCT",
    "LANGUAGE",
)
#: Presidio's own entity names for the recognisers reused from it.
PRESIDIO_MAPPING = {"EMAIL_ADDRESS": EMAIL, "URL": URL, "IBAN_CODE": IBAN}
#: Candidates below this score are shown for review but not masked by default.
DEFAULT_THRESHOLD = 0.5
#: Candidates at or above this score seed propagation.
PROPAGATION_THRESHOLD = 0.5
#: Which recogniser wins when candidates overlap (higher first).
PRIORITY = {
    "known-identifiers": 6,
    "EmailRecognizer": 5,
    "UrlRecognizer": 5,
    "IbanRecognizer": 5,
    "phones": 5,
    "dates": 4,
    "ages": 4,
    "codes": 4,
    "documents": 4,
    "amounts": 4,
    "naming": 3,
    ARABIC_RECOGNISER: 3,
    "SpacyRecognizer": 2,
    "propagation": 2,
}
_YEAR_OR_MONTH = regex.compile(
    r"\b(?:1[89]\d\d|20\d\d)\b|\d[./-]\d|\b(?:" + "|".join(MONTHS) + r")\b", regex.IGNORECASE
)
_TRIM = " \t\n\r.,;:!?\"'“”‘’()[]{}«»—–-"
_LEADING_ARTICLE = regex.compile(r"(?:the|The|THE|Mr|Mrs|Ms|Miss|Mx|MR|MRS|MS)\.?\s+")


class Anonymiser:
    """Loads the verified model and Presidio once; :meth:`analyse` is then cheap."""

    def __init__(self, model_directory: Path | None = None) -> None:
        offline.enforce()
        directory = model_path() if model_directory is None else model_directory
        self._nlp = load_model(directory)
        self.dictionary = dictionary_words(directory)
        self.lexicon = Lexicon(self.dictionary, gazetteer(), demonyms())
        self._engine = _build_engine(self._nlp, self.lexicon)
        self._lock = threading.Lock()

    @property
    def nlp(self) -> Any:
        """The loaded spaCy pipeline (NER only)."""
        return self._nlp

    def analyse(
        self,
        text: str,
        known: KnownIdentifiers | None = None,
        allow: Collection[str] = (),
    ) -> list[Candidate]:
        """Candidates to mask in ``text``, sorted and without overlaps."""
        return self.analyse_many([text], known, allow)[0]

    def analyse_many(
        self,
        texts: Sequence[str],
        known: KnownIdentifiers | None = None,
        allow: Collection[str] = (),
    ) -> list[list[Candidate]]:
        """Analyse several texts at once, letting spaCy batch their chunks."""
        pieces_of = [chunks(text) for text in texts]
        flat = [(number, chunk) for number, parts in enumerate(pieces_of) for chunk in parts]
        raw: list[list[Candidate]] = [[] for _ in texts]
        with self._lock:
            docs = self._nlp.pipe([chunk.text for _number, chunk in flat], batch_size=16)
            for (number, chunk), doc in zip(flat, docs, strict=True):
                raw[number].extend(self._presidio(doc, chunk.text, chunk.start))
        return [
            self._finish(text, found, known, allow) for text, found in zip(texts, raw, strict=True)
        ]

    def _presidio(self, doc: Any, text: str, offset: int) -> list[Candidate]:
        artifacts = self._engine.nlp_engine._doc_to_nlp_artifact(doc, "en")
        results = self._engine.analyze(
            text=text, language="en", nlp_artifacts=artifacts, score_threshold=0.0
        )
        found = []
        for result in results:
            metadata = result.recognition_metadata or {}
            recogniser = str(metadata.get("recogniser") or metadata.get("recognizer_name"))
            entity_type = PRESIDIO_MAPPING.get(result.entity_type, result.entity_type)
            why = str(metadata.get("explanation") or _presidio_explanation(recogniser))
            candidate = _trimmed(
                text, result.start, result.end, entity_type, result.score, recogniser, why
            )
            if candidate is not None:
                found.append(_shift(candidate, offset))
        return found

    def _finish(
        self,
        text: str,
        found: list[Candidate],
        known: KnownIdentifiers | None,
        allow: Collection[str],
    ) -> list[Candidate]:
        stream = pieces(words(text))
        if known is not None:
            mentions = find_known(stream, known, self.dictionary)
            found = _carve(text, found, mentions)
            found.extend(mentions)
        seeds = [c for c in found if c.score >= PROPAGATION_THRESHOLD]
        found.extend(propagate(stream, seeds, self.dictionary))
        allowed = {fold(term) for term in allow}
        if allowed:
            found = [c for c in found if fold(text[c.start : c.end]) not in allowed]
        return _agree(text, resolve(found))


#: Explanations that say a span is a person, not a place of the same name.
PERSON_EVIDENCE = frozenset(
    [
        "name before a relative",
        "name after a title",
        "Arabic naming: kunya, nasab or nisba",
    ]
)
#: Explanations that say no more than that a word is also a place's name.
PLACE_BY_NAME_ONLY = frozenset(
    ["place name in the gazetteer", "another mention of a detected name"]
)


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
        and (c.explanation in PERSON_EVIDENCE or c.recogniser == "known-identifiers")
    }
    if not people:
        return found
    return [
        _retype(c, PERSON, "another mention of a detected name")
        if c.entity_type == PLACE
        and c.explanation in PLACE_BY_NAME_ONLY
        and fold(text[c.start : c.end]) in people
        else c
        for c in found
    ]


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


def check_spacy(text: str, candidate: Candidate, lexicon: Lexicon) -> Candidate | None:
    """Correct what the small model tags wrongly: durations, generic institution names."""
    surface = text[candidate.start : candidate.end]
    keys = [fold(w.bare) for w in words(surface)]
    if not keys:
        return None
    kind = candidate.entity_type
    if kind in (DATE, AMOUNT):
        return candidate if _YEAR_OR_MONTH.search(surface) or kind == AMOUNT else None
    places = lexicon.gazetteer
    specific = [
        k for k in keys if k not in FUNCTION_WORDS and not in_dictionary(k, lexicon.dictionary)
    ]
    placed = any(k in places.names for k in keys if k not in FUNCTION_WORDS)
    if kind == ORGANISATION:
        if len(keys) == 1 and keys[0] in places.names:
            return _retype(candidate, PLACE, "place the model tagged as an organisation")
        if not specific and not placed:
            return None
    if kind == PERSON and not specific and not placed:
        return _replace_score(candidate, 0.4)
    return candidate


def _presidio_explanation(recogniser: str) -> str:
    return {
        "SpacyRecognizer": "named entity found by the language model",
        "EmailRecognizer": "e-mail address",
        "UrlRecognizer": "web address",
        "IbanRecognizer": "bank account number (IBAN)",
    }.get(recogniser, "found by " + recogniser)


def _trimmed(
    text: str, start: int, end: int, kind: str, score: float, recogniser: str, why: str
) -> Candidate | None:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    article = _LEADING_ARTICLE.match(text, start, end)
    if article:
        start = article.end()
    if start >= end:
        return None
    return Candidate(start, end, kind, float(score), recogniser, why)


def _shift(candidate: Candidate, offset: int) -> Candidate:
    if not offset:
        return candidate
    return Candidate(
        candidate.start + offset,
        candidate.end + offset,
        candidate.entity_type,
        candidate.score,
        candidate.recogniser,
        candidate.explanation,
    )


def _retype(candidate: Candidate, kind: str, why: str) -> Candidate:
    return Candidate(
        candidate.start, candidate.end, kind, candidate.score, candidate.recogniser, why
    )


def _replace_score(candidate: Candidate, score: float) -> Candidate:
    return Candidate(
        candidate.start,
        candidate.end,
        candidate.entity_type,
        score,
        candidate.recogniser,
        candidate.explanation,
    )


def _rank(candidate: Candidate) -> tuple[int, float, int]:
    return (PRIORITY.get(candidate.recogniser, 1), candidate.score, candidate.end - candidate.start)


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


def _build_engine(nlp: Any, lexicon: Lexicon) -> Any:
    """Presidio's AnalyzerEngine with the verified model and the project's recognisers."""
    from presidio_analyzer import (
        AnalyzerEngine,
        EntityRecognizer,
        RecognizerRegistry,
        RecognizerResult,
    )
    from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
    from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
    from presidio_analyzer.predefined_recognizers import (
        EmailRecognizer,
        IbanRecognizer,
        SpacyRecognizer,
        UrlRecognizer,
    )

    class VerifiedNlpEngine(SpacyNlpEngine):
        """Presidio's spaCy engine over a model already verified and loaded by path."""

        def load(self) -> None:
            self.nlp = {"en": nlp}  # type: ignore[assignment]

    class NoContextEnhancer(ContextAwareEnhancer):
        """Scores are not raised by nearby words: review decides, not context."""

        def __init__(self) -> None:
            super().__init__(
                context_similarity_factor=0.0,
                min_score_with_context_similarity=0.0,
                context_prefix_count=0,
                context_suffix_count=0,
            )

        def enhance_using_context(
            self,
            text: str,
            raw_results: Any,
            nlp_artifacts: Any,
            recognizers: Any,
            context: Any = None,
        ) -> Any:
            return raw_results

    class CheckedSpacyRecogniser(SpacyRecognizer):
        """spaCy's entities, corrected before Presidio merges them with the others."""

        def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> Any:
            kept = []
            for result in super().analyze(text, entities, nlp_artifacts):
                candidate = _trimmed(
                    text,
                    result.start,
                    result.end,
                    result.entity_type,
                    result.score,
                    "SpacyRecognizer",
                    "",
                )
                checked = check_spacy(text, candidate, lexicon) if candidate else None
                if checked is not None:
                    kept.append(
                        RecognizerResult(
                            checked.entity_type,
                            checked.start,
                            checked.end,
                            checked.score,
                            recognition_metadata={
                                "recognizer_name": "SpacyRecognizer",
                                "explanation": checked.explanation or None,
                            },
                        )
                    )
            return kept

    class FunctionRecogniser(EntityRecognizer):
        """A Presidio recogniser around a plain function from text to candidates."""

        def __init__(
            self, name: str, entities: list[str], find: Callable[[str], list[Candidate]]
        ) -> None:
            self._find = find
            self._label = name
            super().__init__(supported_entities=entities, name=name, supported_language="en")

        def load(self) -> None:
            """Nothing to load: the word lists are built before."""

        def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> Any:
            return [
                RecognizerResult(
                    c.entity_type,
                    c.start,
                    c.end,
                    c.score,
                    recognition_metadata={
                        "recogniser": c.recogniser,
                        "explanation": c.explanation,
                        "recognizer_name": self._label,
                    },
                )
                for c in self._find(text)
            ]

    configuration = NerModelConfiguration(
        model_to_presidio_entity_mapping=SPACY_MAPPING,
        labels_to_ignore=list(SPACY_IGNORED),
        low_score_entity_names=[],
        default_score=0.85,
    )
    engine = VerifiedNlpEngine(
        models=[{"lang_code": "en", "model_name": str(model_path())}],
        ner_model_configuration=configuration,
    )
    engine.load()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.add_recognizer(
        CheckedSpacyRecogniser(supported_entities=sorted(set(SPACY_MAPPING.values())))
    )
    registry.add_recognizer(EmailRecognizer())
    registry.add_recognizer(UrlRecognizer())
    registry.add_recognizer(IbanRecognizer())
    registry.add_recognizer(
        FunctionRecogniser(
            "naming",
            [PERSON, PLACE, ORGANISATION, NATIONALITY],
            lambda text: find_names(text, lexicon),
        )
    )
    registry.add_recognizer(FunctionRecogniser("occupations", [OCCUPATION], find_occupations))
    registry.add_recognizer(FunctionRecogniser("health", [OTHER], find_conditions))
    registry.add_recognizer(
        FunctionRecogniser(
            "numbers", ["DATE", "AGE", "AMOUNT", "PHONE", "CASE_NUMBER", "ID_NUMBER"], find_numbers
        )
    )
    return AnalyzerEngine(
        nlp_engine=engine,
        registry=registry,
        supported_languages=["en"],
        context_aware_enhancer=NoContextEnhancer(),
    )
