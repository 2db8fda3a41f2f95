"""Running the analyser over annotated documents, and reading and writing its spans."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

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


def analysed_spans(
    documents: Sequence[Mapping[str, Any]], anonymiser: Anonymiser | None = None
) -> dict[str, list[ScoredSpan]]:
    """Run the analyser once over every document: every candidate, whatever its score.

    A document's ``research_terms``, when present, are the allowed terms, as a
    protocol's research terms are in the app; documents sharing a set of terms are
    analysed together.
    """
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for number, doc in enumerate(documents):
        groups[tuple(sorted(_research_terms(doc)))].append(number)
    if anonymiser is None:
        from anonymise.analyser import Anonymiser

        anonymiser = Anonymiser()
    found: dict[str, list[ScoredSpan]] = {}
    for terms, members in groups.items():
        texts = [str(documents[number]["text"]) for number in members]
        for number, candidates in zip(
            members, anonymiser.analyse_many(texts, allow=terms), strict=True
        ):
            found[str(documents[number]["doc_id"])] = [
                (c.start, c.end, c.score) for c in candidates
            ]
    return found


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
    return masked_spans(analysed_spans(documents), _threshold(threshold))


def _threshold(threshold: float | None) -> float:
    if threshold is not None:
        return threshold
    from anonymise.analyser import DEFAULT_THRESHOLD

    return DEFAULT_THRESHOLD


def read_spans(path: Path) -> dict[str, list[ScoredSpan]]:
    """Spans saved by ``--write-spans``: ``[start, end, score]``, or ``[start, end]`` (masked)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {
            str(doc_id): [
                (int(item[0]), int(item[1]), float(item[2]) if len(item) > 2 else 1.0)
                for item in found
            ]
            for doc_id, found in raw.items()
        }
    except (OSError, ValueError, TypeError, AttributeError, IndexError) as problem:
        raise AnonymiseError(f"cannot read spans from {path}: {type(problem).__name__}") from None
