"""The evaluation's figures for each language of a gold file whose documents say theirs.

A document's ``language`` is a tag (``fr``), or tags joined by ``+`` for a text
in several (``fr+ar``: French notes quoting Arabic). The first tag is the
language the text is declared in when it is analysed; the figures are reported
under the whole value, so mixed texts are seen apart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from anonymise.evaluate import Report, Span, score


def document_language(doc: Mapping[str, Any]) -> str | None:
    """The tag a document is declared in (the first of ``fr+ar``), or None if it says none."""
    value = doc.get("language")
    if not isinstance(value, str) or not value.strip():
        return None
    return value.split("+")[0].strip()


@dataclass(frozen=True)
class LanguageFigures:
    """The figures of the documents in one language."""

    report: Report
    documents: int


def reports_by_language(
    documents: Sequence[Mapping[str, Any]], spans: Mapping[str, Sequence[Span]]
) -> dict[str, LanguageFigures]:
    """The figures per ``language`` value; empty when no document has one."""
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for doc in documents:
        value = doc.get("language")
        if isinstance(value, str) and value.strip():
            groups.setdefault(value.strip(), []).append(doc)
    return {
        value: LanguageFigures(score(members, spans), len(members))
        for value, members in sorted(groups.items())
    }


def format_by_language(reports: Mapping[str, LanguageFigures]) -> str:
    """A table of the main figures, one line per language."""
    if not reports:
        return ""
    lines = ["by language:        ER_di   ER_qi   recall  precision  documents"]
    lines += [
        f"  {value:<16} {f.report.er_di:6.3f}  {f.report.er_qi:6.3f}  {f.report.token_recall:6.3f}"
        f"  {f.report.token_precision:9.3f}  {f.documents:9d}"
        for value, f in reports.items()
    ]
    return "\n".join(lines)
