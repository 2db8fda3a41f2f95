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

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from anonymise.errors import AnonymiseError

if TYPE_CHECKING:
    from anonymise.analyser import Anonymiser

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


def _entities(doc: Mapping[str, Any]) -> list[list[Mention]]:
    """Mentions grouped by (annotator, entity id), each group in text order."""
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for annotator, annotation in sorted(doc.get("annotations", {}).items()):
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
    for group in _entities(doc):
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
    found: dict[str, list[ScoredSpan]] = {}
    for (terms, language), members in groups.items():
        texts = [str(documents[number]["text"]) for number in members]
        for number, candidates in zip(
            members, anonymiser.analyse_many(texts, allow=terms, language=language), strict=True
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


def format_report(report: Report, proposed: Report | None = None) -> str:
    """The summary a person reads; ``proposed`` scores every candidate at any score."""
    lines = [
        f"ER_di            {report.er_di:.3f}  ({report.direct_masked}/{report.direct_entities})",
        f"ER_qi            {report.er_qi:.3f}  ({report.quasi_masked}/{report.quasi_entities})",
        f"token recall     {report.token_recall:.3f}",
        f"token precision  {report.token_precision:.3f}",
    ]
    if proposed is not None:
        misc = proposed.by_type["MISC"]
        lines += [
            "proposed for review (any score):",
            f"  ER_di          {proposed.er_di:.3f}  "
            f"({proposed.direct_masked}/{proposed.direct_entities})",
            f"  ER_qi          {proposed.er_qi:.3f}  "
            f"({proposed.quasi_masked}/{proposed.quasi_entities})",
            f"  MISC recall    {proposed.type_recall().get('MISC', 1.0):.3f}  "
            f"({proposed.by_type_masked['MISC']}/{misc})",
            f"  token precision {proposed.token_precision:.3f}",
        ]
    lines.append("recall per type:")
    lines += [
        f"  {kind:<10} {value:.3f}  ({report.by_type_masked[kind]}/{report.by_type[kind]})"
        for kind, value in report.type_recall().items()
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m anonymise.evaluate", description=__doc__)
    parser.add_argument("gold", type=Path, help="annotated documents (TAB JSON format)")
    parser.add_argument("--write-spans", type=Path, help="write the system's spans and scores here")
    parser.add_argument(
        "--spans",
        type=Path,
        help="score these spans instead of running ([start, end, score] or [start, end])",
    )
    parser.add_argument("--threshold", type=float, help="lowest score that is masked")
    parser.add_argument("--show-text", action="store_true", help="print the text of misses")
    parser.add_argument("--misses", type=int, default=50, help="how many misses to list")
    args = parser.parse_args(argv)
    try:
        documents = load_gold(args.gold)
        analysed = read_spans(args.spans) if args.spans else analysed_spans(documents)
        threshold = _threshold(args.threshold)
    except AnonymiseError as problem:
        print(f"evaluate: {problem}", file=sys.stderr)
        return 1
    if args.write_spans:
        payload = {doc_id: [list(item) for item in found] for doc_id, found in analysed.items()}
        args.write_spans.write_text(json.dumps(payload) + "\n", encoding="utf-8")
    report = score(documents, masked_spans(analysed, threshold))
    proposed = score(documents, masked_spans(analysed, 0.0))
    print(format_report(report, proposed))
    from anonymise.evaluate_languages import format_by_language, reports_by_language

    by_language = format_by_language(
        reports_by_language(documents, masked_spans(analysed, threshold))
    )
    if by_language:
        print(by_language)
    texts = {str(doc["doc_id"]): str(doc["text"]) for doc in documents}
    misses = sorted(report.misses, key=lambda item: (not item[1], item[0].doc_id, item[0].start))
    print(f"misses: {len(misses)} mentions" + (f" (first {args.misses})" if misses else ""))
    for mention, direct in misses[: args.misses]:
        where = f"{mention.doc_id} {mention.start}-{mention.end}"
        label = f"{'DIRECT' if direct else 'QUASI'} {mention.entity_type}"
        shown = (
            f"  {texts[mention.doc_id][mention.start : mention.end]!r}" if args.show_text else ""
        )
        print(f"  {label:<18} {where}{shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
