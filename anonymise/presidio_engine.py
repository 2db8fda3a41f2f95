"""Presidio's AnalyzerEngine over the verified spaCy model and the project's recognisers.

spaCy's entities are mapped to the project's types and corrected where the
small model is often wrong (:func:`check_spacy`) before Presidio merges them
with the other recognisers' findings. Presidio is imported only when the engine
is built, so importing this module stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import regex

from anonymise.candidates import (
    AMOUNT,
    DATE,
    EMAIL,
    IBAN,
    NATIONALITY,
    ORGANISATION,
    OTHER,
    PERSON,
    PLACE,
    URL,
    Candidate,
)
from anonymise.french_entities import check_french_entity
from anonymise.languages import language
from anonymise.lexicon import MONTHS, fold, in_dictionary
from anonymise.model import model_path
from anonymise.recognisers import REGISTRY
from anonymise.recognisers.naming import Lexicon
from anonymise.recognisers.words import words
from anonymise.registry import Finder

#: spaCy labels -> project entity types (ORG and FAC count: towns are often tagged ORG).
#: The French model's labels are PER, LOC, ORG and MISC (names of other things: kept as
#: OTHER, for the French checks to cut or propose).
SPACY_MAPPING = {
    "PERSON": PERSON,
    "PER": PERSON,
    "GPE": PLACE,
    "LOC": PLACE,
    "FAC": PLACE,
    "ORG": ORGANISATION,
    "NORP": NATIONALITY,
    "DATE": DATE,
    "MONEY": AMOUNT,
    "MISC": OTHER,
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
_YEAR_OR_MONTH = regex.compile(
    r"\b(?:1[89]\d\d|20\d\d)\b|\d[./-]\d|\b(?:" + "|".join(MONTHS) + r")\b", regex.IGNORECASE
)
_TRIM = " \t\n\r.,;:!?\"'“”‘’()[]{}«»—–-"
_LEADING_ARTICLE = regex.compile(
    r"(?:the|The|THE|Mr|Mrs|Ms|Miss|Mx|MR|MRS|MS|Mme|Mlle|Monsieur|Madame|Mademoiselle)"
    r"\.?\s+|(?:d|l|qu)['’](?=\p{L})"
)


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
        k
        for k in keys
        if k not in lexicon.function_words and not in_dictionary(k, lexicon.dictionary)
    ]
    placed = any(k in places.names for k in keys if k not in lexicon.function_words)
    if kind == ORGANISATION:
        if len(keys) == 1 and keys[0] in places.names:
            return replace(
                candidate,
                entity_type=PLACE,
                explanation="place the model tagged as an organisation",
            )
        if not specific and not placed:
            return None
    # Every word is an English word ("Grace Hope", "the Vicar"): a name when one of
    # them is in the name lists, and otherwise still proposed for review.
    listed = any(lexicon.names.is_name(k) for k in keys if k not in lexicon.function_words)
    if kind == PERSON and not specific and not placed and not listed:
        return replace(candidate, score=0.45)
    return candidate


def presidio_explanation(recogniser: str) -> str:
    """What a Presidio recogniser's finding is, in a few words for the review screen."""
    return {
        "SpacyRecognizer": "named entity found by the language model",
        "EmailRecognizer": "e-mail address",
        "UrlRecognizer": "web address",
        "IbanRecognizer": "bank account number (IBAN)",
    }.get(recogniser, "found by " + recogniser)


def trimmed_candidate(
    text: str, start: int, end: int, kind: str, score: float, recogniser: str, why: str
) -> Candidate | None:
    """The candidate without punctuation, space, "the" or "Mr" at its edges; None if empty."""
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


def _model_name(tag: str) -> str:
    """What Presidio is told the pipeline is: its directory, or the blank tokenizer."""
    return str(model_path(tag)) if language(tag).has_model else f"blank:{tag}"


def build_engine(pipelines: dict[str, tuple[Any, Lexicon]]) -> Any:
    """Presidio's multi-language AnalyzerEngine over verified pipelines, by language tag.

    ``pipelines`` maps each language to its loaded spaCy pipeline and word lists.
    For each, every recogniser the registry declares for the language runs: the
    project's finders (with that language's word lists), and those of Presidio's
    own recognisers it names.
    """
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
            self.nlp = {tag: nlp for tag, (nlp, _lexicon) in pipelines.items()}  # type: ignore[assignment]

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

        def __init__(self, lexicon: Lexicon, tag: str) -> None:
            self._lexicon = lexicon
            super().__init__(
                supported_entities=sorted(set(SPACY_MAPPING.values())), supported_language=tag
            )

        def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> Any:
            kept = []
            for result in super().analyze(text, entities, nlp_artifacts):
                candidate = trimmed_candidate(
                    text,
                    result.start,
                    result.end,
                    result.entity_type,
                    result.score,
                    "SpacyRecognizer",
                    "",
                )
                checked = check_spacy(text, candidate, self._lexicon) if candidate else None
                if checked is not None and self.supported_language == "fr":
                    checked = check_french_entity(text, checked, self._lexicon)
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
            self, name: str, entities: list[str], find: Finder, lexicon: Lexicon, tag: str
        ) -> None:
            self._find = find
            self._label = name
            self._lexicon = lexicon
            super().__init__(supported_entities=entities, name=name, supported_language=tag)

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
                for c in self._find(text, self._lexicon)
            ]

    configuration = NerModelConfiguration(
        model_to_presidio_entity_mapping=SPACY_MAPPING,
        labels_to_ignore=list(SPACY_IGNORED),
        low_score_entity_names=[],
        default_score=0.85,
    )
    tags = sorted(pipelines)
    engine = VerifiedNlpEngine(
        models=[{"lang_code": tag, "model_name": _model_name(tag)} for tag in tags],
        ner_model_configuration=configuration,
    )
    engine.load()
    presidio_own: dict[str, Callable[[Lexicon, str], Any]] = {
        "SpacyRecognizer": CheckedSpacyRecogniser,
        "EmailRecognizer": lambda _lexicon, tag: EmailRecognizer(supported_language=tag),
        "UrlRecognizer": lambda _lexicon, tag: UrlRecognizer(supported_language=tag),
        "IbanRecognizer": lambda _lexicon, tag: IbanRecognizer(supported_language=tag),
    }
    registry = RecognizerRegistry(supported_languages=tags)
    for tag in tags:
        lexicon = pipelines[tag][1]
        for declared in REGISTRY:
            if not declared.reads(tag):
                continue
            if declared.find is not None:
                registry.add_recognizer(
                    FunctionRecogniser(
                        declared.name, list(declared.entity_types), declared.find, lexicon, tag
                    )
                )
            elif declared.name in presidio_own:
                registry.add_recognizer(presidio_own[declared.name](lexicon, tag))
    return AnalyzerEngine(
        nlp_engine=engine,
        registry=registry,
        supported_languages=tags,
        context_aware_enhancer=NoContextEnhancer(),
    )
