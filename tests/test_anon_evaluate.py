"""The TAB metrics on small hand-made gold documents with known answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from anon_fixtures import anonymiser

from anonymise.analyser import Anonymiser
from anonymise.errors import AnonymiseError
from anonymise.evaluate import (
    analysed_spans,
    format_report,
    main,
    masked_spans,
    mention_covered,
    read_spans,
    score,
)
from conftest import SHARED

__all__ = ["anonymiser"]


def mention(eid: str, kind: str, ident: str, start: int, end: int) -> dict[str, Any]:
    return {
        "entity_mention_id": f"{eid}-{start}",
        "entity_id": eid,
        "entity_type": kind,
        "identifier_type": ident,
        "start_offset": start,
        "end_offset": end,
    }


TEXT = "Mr Omar Haddad was born in Mosul on 3 May 1980. Haddad left Mosul. Turkey agreed."
#       0         1         2         3         4         5         6         7
GOLD = [
    {
        "doc_id": "d1",
        "text": TEXT,
        "annotations": {
            "a1": {
                "entity_mentions": [
                    mention("e1", "PERSON", "DIRECT", 0, 14),
                    mention("e1", "PERSON", "DIRECT", 48, 54),
                    mention("e2", "LOC", "QUASI", 27, 32),
                    mention("e2", "LOC", "QUASI", 60, 65),
                    mention("e3", "DATETIME", "QUASI", 36, 46),
                    mention("e4", "LOC", "NO_MASK", 67, 73),
                ]
            }
        },
    }
]


def test_perfect_spans_score_one() -> None:
    report = score(GOLD, {"d1": [(3, 14), (48, 54), (27, 32), (60, 65), (36, 46)]})
    assert report.er_di == 1.0 and report.er_qi == 1.0
    assert report.token_recall == 1.0 and report.token_precision == 1.0


def test_one_missed_mention_fails_the_whole_entity() -> None:
    report = score(GOLD, {"d1": [(3, 14), (27, 32), (60, 65), (36, 46)]})
    assert report.er_di == 0.0
    assert report.er_qi == 1.0
    # Tokens of must-mask mentions: Mr Omar Haddad (3) + Haddad + Mosul x2 + 3 May 1980 (3).
    assert report.tokens == 9
    assert report.tokens_covered == 8
    assert [m.start for m, direct in report.misses] == [48]


def test_precision_counts_tokens_outside_must_mask_mentions() -> None:
    report = score(GOLD, {"d1": [(3, 14), (48, 54), (27, 32), (60, 65), (36, 46), (67, 73)]})
    assert report.system_tokens == 9
    assert report.system_tokens_correct == 8
    assert report.token_precision == pytest.approx(8 / 9)
    assert report.type_recall() == {"DATETIME": 1.0, "LOC": 1.0, "PERSON": 1.0}


def test_titles_punctuation_and_function_words_may_stay_unmasked() -> None:
    text = "Mr Omar of Mosul, (Haddad)."
    mask = bytearray(len(text))
    for start, end in ((3, 7), (11, 16), (19, 25)):
        mask[start:end] = b"\x01" * (end - start)
    assert mention_covered(text, mask, 0, 26)
    mask[19] = 0
    assert not mention_covered(text, mask, 0, 26)


def test_partly_covered_token_is_not_covered() -> None:
    report = score(GOLD, {"d1": [(3, 12), (48, 54), (27, 32), (60, 65), (36, 46)]})
    assert report.er_di == 0.0


def test_cli_scores_given_spans_and_writes_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD), encoding="utf-8")
    spans = tmp_path / "spans.json"
    spans.write_text(json.dumps({"d1": [[3, 14], [27, 32]]}), encoding="utf-8")
    out = tmp_path / "out.json"
    assert main([str(gold), "--spans", str(spans), "--write-spans", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "ER_di            0.000" in printed
    assert "Haddad" not in printed  # miss text only with --show-text
    # Spans in the old two-number format count as masked, and are written with a score.
    assert json.loads(out.read_text(encoding="utf-8")) == {"d1": [[3, 14, 1.0], [27, 32, 1.0]]}


def test_proposed_figures_count_candidates_below_the_threshold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD), encoding="utf-8")
    spans = tmp_path / "spans.json"
    # The name is masked, Mosul only proposed (0.45), the date not found at all.
    spans.write_text(
        json.dumps({"d1": [[3, 14, 0.9], [48, 54, 0.9], [27, 32, 0.45], [60, 65, 0.45]]}),
        encoding="utf-8",
    )
    assert main([str(gold), "--spans", str(spans)]) == 0
    lines = capsys.readouterr().out.splitlines()
    # The first four lines keep their format: the masked figures.
    assert lines[0] == "ER_di            1.000  (1/1)"
    assert lines[1] == "ER_qi            0.000  (0/2)"
    assert lines[2].startswith("token recall     ")
    assert lines[3].startswith("token precision  ")
    assert lines[4] == "proposed for review (any score):"
    assert lines[5] == "  ER_di          1.000  (1/1)"
    assert lines[6] == "  ER_qi          0.500  (1/2)"
    assert main([str(gold), "--spans", str(spans), "--threshold", "0.4"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "ER_qi            0.500  (1/2)"


def test_misc_recall_is_reported_among_the_proposed_figures() -> None:
    doc = {
        "doc_id": "m1",
        "text": "He has a scar on his left hand.",
        "annotations": {"a": {"entity_mentions": [mention("e1", "MISC", "QUASI", 9, 30)]}},
    }
    spans = {"m1": [(9, 30, 0.45)]}
    masked = score([doc], masked_spans(spans, 0.5))
    proposed = score([doc], masked_spans(spans, 0.0))
    text = format_report(masked, proposed)
    assert "  MISC recall    1.000  (1/1)" in text
    assert "  MISC       0.000  (0/1)" in text


@pytest.mark.parametrize("content", ['{"d1": [[3]]}', '{"d1": [["a", "b"]]}', "[1, 2]", "not json"])
def test_unreadable_spans_are_one_clear_error(
    tmp_path: Path, content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    spans = tmp_path / "spans.json"
    spans.write_text(content, encoding="utf-8")
    with pytest.raises(AnonymiseError, match="cannot read spans"):
        read_spans(spans)
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD), encoding="utf-8")
    assert main([str(gold), "--spans", str(spans)]) == 1
    assert capsys.readouterr().err.startswith("evaluate: cannot read spans")


@pytest.mark.slow
def test_research_terms_of_each_document_are_its_allowed_terms(anonymiser: Anonymiser) -> None:
    text = "Karim Haddad went to Raqqa and joined Jabhat al-Nusra in Idlib."
    documents: list[dict[str, Any]] = [
        {"doc_id": "kept", "text": text, "research_terms": ["Raqqa", "Jabhat al-Nusra"]},
        {"doc_id": "other", "text": text, "research_terms": ["Idlib"]},
        {"doc_id": "none", "text": text},
    ]
    found = analysed_spans(documents, anonymiser)

    def surfaces(doc_id: str) -> set[str]:
        return {text[start:end] for start, end, _ in found[doc_id]}

    assert "Raqqa" not in surfaces("kept") and "Idlib" in surfaces("kept")
    assert "Raqqa" in surfaces("other") and "Idlib" not in surfaces("other")
    assert {"Raqqa", "Idlib"} <= surfaces("none")
    assert any(text[s:e].startswith("Karim") for s, e, _ in found["kept"])


def test_research_terms_that_are_not_words_are_refused() -> None:
    with pytest.raises(AnonymiseError, match="research_terms of bad"):
        bad: list[dict[str, Any]] = [{"doc_id": "bad", "text": "x", "research_terms": "Raqqa"}]
        analysed_spans(bad)


@pytest.mark.slow
def test_targets_on_the_shared_dev_set() -> None:
    dev = SHARED / "data" / "tab" / "tab_dev.json"
    if not dev.exists():
        pytest.skip("shared TAB data not present")
    from anonymise.evaluate import load_gold, system_spans

    documents = load_gold(dev)
    report = score(documents, system_spans(documents))
    # Measured 1.000, 0.902 and 0.633: these are the floor, never to be lowered.
    assert report.er_di >= 1.0
    assert report.er_qi >= 0.90
    assert report.token_precision >= 0.63


@pytest.mark.slow
def test_figures_on_the_shared_training_set() -> None:
    train = SHARED / "data" / "tab" / "tab_train.json"
    if not train.exists():
        pytest.skip("shared TAB data not present")
    from anonymise.evaluate import load_gold, system_spans

    documents = load_gold(train)
    report = score(documents, system_spans(documents))
    # Measured 1.000, 0.939 and 0.693 on the documents the rules were tuned on.
    assert report.er_di >= 1.0
    assert report.er_qi >= 0.935
    assert report.token_precision >= 0.69


@pytest.mark.slow
def test_targets_on_the_shared_testimony_dev_set() -> None:
    dev = SHARED / "data" / "testimony" / "testimony_dev.json"
    if not dev.exists():
        pytest.skip("shared testimony data not present")
    from anonymise.analyser import DEFAULT_THRESHOLD
    from anonymise.evaluate import analysed_spans, load_gold, masked_spans

    documents = load_gold(dev)
    found = analysed_spans(documents)
    report = score(documents, masked_spans(found, DEFAULT_THRESHOLD))
    proposed = score(documents, masked_spans(found, 0.0))
    # Measured 0.997, 0.937 and 0.899 masked, 0.97 of quasi-identifiers proposed, with
    # each document's research terms allowed: the targets of field notes, as floors.
    assert report.er_di >= 0.99
    assert report.er_qi >= 0.93
    assert report.token_precision >= 0.89
    assert proposed.er_qi >= 0.95


@pytest.mark.slow
def test_targets_on_the_arabic_documents_of_the_multilingual_dev_set() -> None:
    dev = SHARED / "data" / "testimony-multilingual" / "testimony_multilingual_dev.json"
    if not dev.exists():
        pytest.skip("shared multilingual testimony data not present")
    from anonymise.analyser import DEFAULT_THRESHOLD
    from anonymise.evaluate import analysed_spans, load_gold, masked_spans

    documents = [doc for doc in load_gold(dev) if doc.get("language") == "ar"]
    assert documents
    report = score(documents, masked_spans(analysed_spans(documents), DEFAULT_THRESHOLD))
    # Measured 1.000, 0.982 and 0.980 on the 12 Arabic documents, read by rules alone;
    # the targets are 0.95, 0.80 and 0.70. These are the floor, never to be lowered.
    assert report.er_di >= 0.99
    assert report.er_qi >= 0.95
    assert report.token_precision >= 0.95
