"""``python -m anonymise.evaluate``: the figures a person reads, and the misses."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from anonymise.errors import AnonymiseError
from anonymise.evaluate.runs import _threshold, analysed_spans, load_gold, masked_spans, read_spans
from anonymise.evaluate.tab import Report, score


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
