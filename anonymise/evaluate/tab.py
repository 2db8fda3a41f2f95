"""The Text Anonymization Benchmark's metrics: entity recall, token recall and precision.

The definitions follow ``shared/data/tab/README.md``; a mention counts as masked
when every character is masked or may stay unmasked (spaces, punctuation, titles).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

MUST_MASK = frozenset({"DIRECT", "QUASI"})
#: Characters that may stay unmasked inside a mention.
EXEMPT_CHARACTERS = frozenset(" ,.-;:/&()[]–'\"’“”\t\n\r\u00a0")
#: Titles, particles and function words that may stay unmasked inside a mention.
#: Kept apart from :data:`anonymise.lexicon.FUNCTION_WORDS` on purpose: the metric
#: follows the benchmark's definition, so changing the recognisers' word lists must
#: never change how their output is scored.
EXEMPT_WORDS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "no",
        "nr",
        "about",
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "to",
        "into",
        "onto",
        "over",
        "under",
        "between",
        "among",
        "above",
        "across",
        "after",
        "against",
        "along",
        "around",
        "before",
        "behind",
        "below",
        "beside",
        "beyond",
        "during",
        "except",
        "inside",
        "near",
        "off",
        "out",
        "outside",
        "since",
        "through",
        "throughout",
        "till",
        "toward",
        "towards",
        "until",
        "upon",
        "within",
        "without",
        "via",
        "per",
        "and",
        "or",
        "but",
        "nor",
        "so",
        "yet",
        "either",
        "neither",
        "both",
        "whether",
        "as",
        "than",
    ]
)
_TOKEN = regex.compile(r"\w+")

Span = tuple[int, int]


@dataclass(frozen=True)
class Mention:
    """One annotated mention."""

    doc_id: str
    entity_id: str
    entity_type: str
    identifier_type: str
    start: int
    end: int


@dataclass
class Report:
    """The figures of one evaluation."""

    direct_entities: int = 0
    direct_masked: int = 0
    quasi_entities: int = 0
    quasi_masked: int = 0
    tokens: int = 0
    tokens_covered: int = 0
    system_tokens: int = 0
    system_tokens_correct: int = 0
    by_type: Counter[str] = field(default_factory=Counter)
    by_type_masked: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[Mention, bool]] = field(default_factory=list)

    @staticmethod
    def _ratio(part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def er_di(self) -> float:
        return self._ratio(self.direct_masked, self.direct_entities)

    @property
    def er_qi(self) -> float:
        return self._ratio(self.quasi_masked, self.quasi_entities)

    @property
    def token_recall(self) -> float:
        return self._ratio(self.tokens_covered, self.tokens)

    @property
    def token_precision(self) -> float:
        return self._ratio(self.system_tokens_correct, self.system_tokens)

    def type_recall(self) -> dict[str, float]:
        return {t: self._ratio(self.by_type_masked[t], n) for t, n in sorted(self.by_type.items())}


def _covered_mask(length: int, spans: Iterable[Span]) -> bytearray:
    mask = bytearray(length)
    for start, end in spans:
        start, end = max(0, start), min(length, end)
        if start < end:
            mask[start:end] = b"\x01" * (end - start)
    return mask


def _token_covered(text: str, mask: bytearray, start: int, end: int) -> bool:
    if text[start:end].lower() in EXEMPT_WORDS:
        return True
    return all(mask[start:end])


def mention_covered(text: str, mask: bytearray, start: int, end: int) -> bool:
    """True when every character of the mention is masked or may stay unmasked."""
    position = start
    for token in _TOKEN.finditer(text, start, end):
        for index in range(position, token.start()):
            if not mask[index] and text[index] not in EXEMPT_CHARACTERS:
                return False
        if not _token_covered(text, mask, token.start(), token.end()):
            return False
        position = token.end()
    return all(mask[index] or text[index] in EXEMPT_CHARACTERS for index in range(position, end))


def gold_entities(
    doc: Mapping[str, Any], *, first_annotator_only: bool = False
) -> list[list[Mention]]:
    """Mentions grouped by (annotator, entity id), each group in text order."""
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    annotations = sorted(doc.get("annotations", {}).items())
    for annotator, annotation in annotations[:1] if first_annotator_only else annotations:
        for raw in annotation.get("entity_mentions", []):
            mention = Mention(
                str(doc["doc_id"]),
                str(raw["entity_id"]),
                str(raw["entity_type"]),
                str(raw["identifier_type"]),
                int(raw["start_offset"]),
                int(raw["end_offset"]),
            )
            groups[(annotator, mention.entity_id)].append(mention)
    return [sorted(group, key=lambda m: (m.start, m.end)) for group in groups.values()]


def score_document(doc: Mapping[str, Any], spans: Sequence[Span], report: Report) -> None:
    """Add one document's figures to ``report``."""
    text = str(doc["text"])
    mask = _covered_mask(len(text), spans)
    masked_mentions: list[Span] = []
    for group in gold_entities(doc):
        first = group[0]
        kinds = {m.identifier_type for m in group}
        if first.identifier_type not in MUST_MASK and not (kinds & MUST_MASK and len(kinds) > 1):
            continue
        direct = first.identifier_type == "DIRECT"
        needed = [m for m in group if m.identifier_type in MUST_MASK]
        missed = [m for m in needed if not mention_covered(text, mask, m.start, m.end)]
        masked = not missed
        if direct:
            report.direct_entities += 1
            report.direct_masked += masked
        else:
            report.quasi_entities += 1
            report.quasi_masked += masked
        report.by_type[first.entity_type] += 1
        report.by_type_masked[first.entity_type] += masked
        report.misses.extend((m, direct) for m in missed)
        for mention in group:
            for token in _TOKEN.finditer(text, mention.start, mention.end):
                report.tokens += 1
                report.tokens_covered += _token_covered(text, mask, token.start(), token.end())
        masked_mentions.extend((m.start, m.end) for m in needed)
    for start, end in spans:
        for token in _TOKEN.finditer(text, start, end):
            report.system_tokens += 1
            report.system_tokens_correct += any(
                s <= token.start() and token.end() <= e for s, e in masked_mentions
            )


def score(documents: Sequence[Mapping[str, Any]], spans: Mapping[str, Sequence[Span]]) -> Report:
    """Score the system's ``spans`` (by document id) against annotated ``documents``."""
    report = Report()
    for doc in documents:
        score_document(doc, spans.get(str(doc["doc_id"]), []), report)
    return report
