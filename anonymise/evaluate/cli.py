"""``python -m anonymise.evaluate``: the figures a person reads, and the misses."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from anonymise.errors import AnonymiseError
from anonymise.evaluate.entity_figures import (
    format_entity_cases,
    format_entity_report,
    score_all_entities,
)
from anonymise.evaluate.runs import (
    FROM_FILE_UNTYPED,
    analysed_candidates,
    load_gold,
    masked_spans,
    read_candidates,
    scored_spans,
    spans_payload,
    threshold_or_default,
)
from anonymise.evaluate.tab import Report, score
from anonymise.settlement import ResearchContent


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
    import anonymise.evaluate as package

    parser = argparse.ArgumentParser(
        prog="python -m anonymise.evaluate",
        description=package.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
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
    parser.add_argument(
        "--entities",
        action="store_true",
        help="list the gold entities given several pseudonyms and the pseudonyms joining "
        "several entities, with what each mention became (words with --show-text)",
    )
    parser.add_argument(
        "--settle",
        action="append",
        default=[],
        metavar="KIND=ACTION",
        help="research content a protocol settles (dates, ages, nationality, occupation "
        "= mask or keep), for the review load",
    )
    args = parser.parse_args(argv)
    try:
        documents = load_gold(args.gold)
        found = read_candidates(args.spans) if args.spans else analysed_candidates(documents)
        threshold = threshold_or_default(args.threshold)
        research = _research(args.settle)
    except AnonymiseError as problem:
        print(f"evaluate: {problem}", file=sys.stderr)
        return 1
    if args.write_spans:
        args.write_spans.write_text(json.dumps(spans_payload(found)) + "\n", encoding="utf-8")
    analysed = scored_spans(found)
    report = score(documents, masked_spans(analysed, threshold))
    proposed = score(documents, masked_spans(analysed, 0.0))
    print(format_report(report, proposed))
    from anonymise.evaluate_languages import format_by_language, reports_by_language

    by_language = format_by_language(
        reports_by_language(documents, masked_spans(analysed, threshold))
    )
    if by_language:
        print(by_language)
    typed = not args.spans or any(
        c.recogniser != FROM_FILE_UNTYPED for spans in found.values() for c in spans
    )
    texts = {str(doc["doc_id"]): str(doc["text"]) for doc in documents}
    if typed:
        entity_report = score_all_entities(documents, found, threshold, research)
        print(format_entity_report(entity_report))
        if args.entities:
            print(format_entity_cases(entity_report, texts if args.show_text else None))
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


def _research(settings: Sequence[str]) -> ResearchContent:
    """``--settle`` values (``KIND=ACTION``) as the protocol's research content policy."""
    pairs: dict[str, str] = {}
    for setting in settings:
        kind, _sign, action = setting.partition("=")
        pairs[kind.strip()] = action.strip()
    try:
        return ResearchContent.from_mapping(pairs)
    except ValueError as problem:
        raise AnonymiseError(f"--settle: {problem}") from None
