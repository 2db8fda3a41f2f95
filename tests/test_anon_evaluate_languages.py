"""The evaluation reports by language when the gold's documents say theirs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from anonymise.evaluate import main, score
from anonymise.evaluate_languages import document_language, format_by_language, reports_by_language
from conftest import SHARED


def _doc(doc_id: str, text: str, language: str | None, spans: list[tuple[int, int]]) -> Any:
    doc: dict[str, Any] = {
        "doc_id": doc_id,
        "text": text,
        "annotations": {
            "a": {
                "entity_mentions": [
                    {
                        "entity_mention_id": f"{doc_id}-{n}",
                        "entity_id": f"e{n}",
                        "entity_type": "PERSON",
                        "identifier_type": "DIRECT",
                        "start_offset": start,
                        "end_offset": end,
                    }
                    for n, (start, end) in enumerate(spans)
                ]
            }
        },
    }
    if language is not None:
        doc["language"] = language
    return doc


DOCS = [
    _doc("f", "Karim est parti avec Nadia.", "fr", [(0, 5), (21, 26)]),
    _doc("m", "Il a dit : Omar.", "fr+ar", [(11, 15)]),
    _doc("e", "Omar left.", "en", [(0, 4)]),
]


def test_each_language_value_gets_its_own_figures() -> None:
    spans = {"f": [(0, 5)], "m": [(11, 15)], "e": []}
    found = reports_by_language(DOCS, spans)
    assert sorted(found) == ["en", "fr", "fr+ar"]
    assert found["fr"].report.er_di == 0.5 and found["fr"].documents == 1
    assert found["fr+ar"].report.er_di == 1.0 and found["en"].report.er_di == 0.0
    assert score(DOCS, spans).direct_entities == 4
    table = format_by_language(found)
    assert table.splitlines()[0].startswith("by language:")
    assert "  fr+ar" in table


def test_without_language_fields_nothing_is_reported() -> None:
    plain = [_doc("x", "Omar left.", None, [(0, 4)])]
    assert reports_by_language(plain, {"x": [(0, 4)]}) == {}
    assert format_by_language({}) == ""
    assert document_language(DOCS[1]) == "fr" and document_language(plain[0]) is None


def test_the_command_prints_the_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(DOCS), encoding="utf-8")
    spans = tmp_path / "spans.json"
    spans.write_text(json.dumps({"f": [[0, 5, 0.9]], "m": [], "e": [[0, 4, 0.9]]}))
    assert main([str(gold), "--spans", str(spans)]) == 0
    out = capsys.readouterr().out
    assert "by language:" in out
    line = next(x for x in out.splitlines() if x.startswith("  fr "))
    assert line.split()[1:3] == ["0.500", "1.000"]


@pytest.mark.slow
def test_targets_on_the_shared_multilingual_dev_set_for_french() -> None:
    dev = SHARED / "data" / "testimony-multilingual" / "testimony_multilingual_dev.json"
    if not dev.exists():
        pytest.skip("shared multilingual testimony data not present")
    from anonymise.analyser import DEFAULT_THRESHOLD
    from anonymise.evaluate import analysed_spans, load_gold, masked_spans

    documents = load_gold(dev)
    french = [doc for doc in documents if doc.get("language") == "fr"]
    report = score(french, masked_spans(analysed_spans(french), DEFAULT_THRESHOLD))
    # Measured 1.000, 0.939 and 0.993 on the French documents (0.641 and 0.600 read as
    # English before): the targets of French testimony, as floors.
    assert report.er_di >= 0.97
    assert report.er_qi >= 0.85
    assert report.token_precision >= 0.80
