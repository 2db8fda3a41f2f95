"""The TAB metrics on small hand-made gold documents with known answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from anonymise.evaluate import main, mention_covered, score
from conftest import SHARED


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
    assert json.loads(out.read_text(encoding="utf-8")) == {"d1": [[3, 14], [27, 32]]}


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
