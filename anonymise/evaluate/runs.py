"""Running the analyser over annotated documents, and reading and writing its spans."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from anonymise.candidates import OTHER, Candidate
from anonymise.errors import AnonymiseError
from anonymise.evaluate.tab import Span

if TYPE_CHECKING:
    from anonymise.analyser import Anonymiser


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Read a TAB-format JSON file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as problem:
        raise AnonymiseError(
            f"cannot read annotated documents from {path}: {type(problem).__name__}"
        ) from None
    if not isinstance(data, list):
        raise AnonymiseError(f"{path} is not a list of annotated documents")
    return data


#: A span the analyser proposed and its score: ``(start, end, score)``.
ScoredSpan = tuple[int, int, float]


def analysed_candidates(
    documents: Sequence[Mapping[str, Any]], anonymiser: Anonymiser | None = None
) -> dict[str, list[Candidate]]:
    """Run the analyser once over every document: every candidate, whatever its score.

    A document's ``research_terms``, when present, are the allowed terms, as a
    protocol's research terms are in the app, and its ``language`` the language it
    is declared in; documents sharing both are analysed together.
    """
    from anonymise.evaluate_languages import document_language

    groups: dict[tuple[tuple[str, ...], str | None], list[int]] = defaultdict(list)
    for number, doc in enumerate(documents):
        groups[(tuple(sorted(_research_terms(doc))), document_language(doc))].append(number)
    if anonymiser is None:
        from anonymise.analyser import Anonymiser

        anonymiser = Anonymiser()
    found: dict[str, list[Candidate]] = {}
    for (terms, language), members in groups.items():
        texts = [str(documents[number]["text"]) for number in members]
        for number, candidates in zip(
            members, anonymiser.analyse_many(texts, allow=terms, language=language), strict=True
        ):
            found[str(documents[number]["doc_id"])] = candidates
    return found


def analysed_spans(
    documents: Sequence[Mapping[str, Any]], anonymiser: Anonymiser | None = None
) -> dict[str, list[ScoredSpan]]:
    """:func:`analysed_candidates` as ``(start, end, score)`` spans."""
    return scored_spans(analysed_candidates(documents, anonymiser))


def scored_spans(found: Mapping[str, Sequence[Candidate]]) -> dict[str, list[ScoredSpan]]:
    """Each document's candidates as ``(start, end, score)`` spans."""
    return {doc_id: [(c.start, c.end, c.score) for c in spans] for doc_id, spans in found.items()}


def _research_terms(doc: Mapping[str, Any]) -> list[str]:
    terms = doc.get("research_terms") or []
    if not isinstance(terms, list) or not all(isinstance(term, str) for term in terms):
        raise AnonymiseError(f"research_terms of {doc.get('doc_id')} is not a list of words")
    return terms


def masked_spans(
    spans: Mapping[str, Sequence[ScoredSpan]], threshold: float
) -> dict[str, list[Span]]:
    """The spans scoring at least ``threshold``: what is masked (0 gives every proposal)."""
    return {
        doc_id: [(start, end) for start, end, value in found if value >= threshold]
        for doc_id, found in spans.items()
    }


def system_spans(
    documents: Sequence[Mapping[str, Any]], threshold: float | None = None
) -> dict[str, list[Span]]:
    """Run the analyser over every document: the masked ``{doc_id: [(start, end), ...]}``."""
    return masked_spans(analysed_spans(documents), threshold_or_default(threshold))


def threshold_or_default(threshold: float | None) -> float:
    if threshold is not None:
        return threshold
    from anonymise.analyser import DEFAULT_THRESHOLD

    return DEFAULT_THRESHOLD


def read_spans(path: Path) -> dict[str, list[ScoredSpan]]:
    """Spans saved by ``--write-spans``: ``[start, end, score]``, or ``[start, end]`` (masked)."""
    return scored_spans(read_candidates(path))


#: The type of a span read from a file that gives none.
UNTYPED = OTHER
#: The recogniser of a span read from a file, with and without its type.
FROM_FILE = "spans file"
FROM_FILE_UNTYPED = "spans file, untyped"


def read_candidates(path: Path) -> dict[str, list[Candidate]]:
    """Spans saved by ``--write-spans`` (``[start, end, score, type]``; score and type optional)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {
            str(doc_id): [
                Candidate(
                    int(item[0]),
                    int(item[1]),
                    str(item[3]) if len(item) > 3 else UNTYPED,
                    float(item[2]) if len(item) > 2 else 1.0,
                    FROM_FILE if len(item) > 3 else FROM_FILE_UNTYPED,
                    "read from a file",
                )
                for item in found
            ]
            for doc_id, found in raw.items()
        }
    except (OSError, ValueError, TypeError, AttributeError, IndexError) as problem:
        raise AnonymiseError(f"cannot read spans from {path}: {type(problem).__name__}") from None


def spans_payload(found: Mapping[str, Sequence[Candidate]]) -> dict[str, list[list[object]]]:
    """What ``--write-spans`` writes: ``[start, end, score, type]`` per candidate (no type
    for spans read without one)."""
    return {
        doc_id: [
            [c.start, c.end, c.score]
            + ([] if c.recogniser == FROM_FILE_UNTYPED else [c.entity_type])
            for c in spans
        ]
        for doc_id, spans in found.items()
    }
