"""Measure masking against annotated documents with the Text Anonymization Benchmark's metrics.

``python -m anonymise.evaluate GOLD.json [--write-spans OUT.json] [--spans SPANS.json]``

The metrics follow ``shared/data/tab/README.md``: entity recall on direct
identifiers (ER_di) and on quasi-identifiers (ER_qi), token recall and token
precision, and recall per entity type, for what is masked. Beside them, "proposed
for review" scores every candidate at any score, as a reviewer sees them: what a
careful review can reach. A document's ``research_terms`` are its allowed terms.
Misses are listed by document, offsets and type; their text is shown only with
``--show-text`` (gold files of real testimony must not end up in a terminal's
scrollback).
"""

from anonymise.evaluate.cli import format_report, main
from anonymise.evaluate.runs import (
    ScoredSpan,
    analysed_spans,
    load_gold,
    masked_spans,
    read_spans,
    system_spans,
)
from anonymise.evaluate.tab import (
    EXEMPT_CHARACTERS,
    EXEMPT_WORDS,
    MUST_MASK,
    Mention,
    Report,
    Span,
    mention_covered,
    score,
    score_document,
)

__all__ = [
    "EXEMPT_CHARACTERS",
    "EXEMPT_WORDS",
    "MUST_MASK",
    "Mention",
    "Report",
    "ScoredSpan",
    "Span",
    "analysed_spans",
    "format_report",
    "load_gold",
    "main",
    "masked_spans",
    "mention_covered",
    "read_spans",
    "score",
    "score_document",
    "system_spans",
]
