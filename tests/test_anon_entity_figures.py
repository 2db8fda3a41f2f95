"""Entity figures: one pseudonym per person, none for two, right types, and the review load.

The small cases have answers worked out by hand; the shared sets' figures are floors.
"""

from __future__ import annotations

from typing import Any

import pytest

from anonymise.candidates import DATE, EMAIL, PERSON, PLACE, Candidate
from anonymise.evaluate.entity_figures import (
    EntityReport,
    format_entity_cases,
    format_entity_report,
    score_all_entities,
    score_entities,
)
from anonymise.settlement import ResearchContent
from conftest import SHARED


def mention(eid: str, kind: str, start: int, end: int) -> dict[str, Any]:
    return {
        "entity_mention_id": f"{eid}-{start}",
        "entity_id": eid,
        "entity_type": kind,
        "identifier_type": "DIRECT",
        "start_offset": start,
        "end_offset": end,
    }


TEXT = "Karim Benali met Omar. Benali wrote from Tunis to karim@example.org in 2014."
#       0         1         2         3         4         5         6         7
GOLD: dict[str, Any] = {
    "doc_id": "d1",
    "text": TEXT,
    "annotations": {
        "a": {
            "entity_mentions": [
                mention("karim", "PERSON", 0, 12),
                mention("omar", "PERSON", 17, 21),
                mention("karim", "PERSON", 23, 29),
                mention("tunis", "LOC", 41, 46),
                mention("mail", "CODE", 50, 67),
                mention("year", "DATETIME", 71, 75),
            ]
        }
    },
}


def span(start: int, end: int, kind: str, why: str = "a test") -> Candidate:
    return Candidate(start, end, kind, 0.9, "test", why)


def test_one_pseudonym_per_person_is_counted_from_the_gold_ids() -> None:
    report = EntityReport()
    found = [
        span(0, 12, PERSON),
        span(17, 21, PERSON),
        span(23, 29, PERSON),
        span(41, 46, PLACE),
        span(50, 67, EMAIL),
        span(71, 75, DATE),
    ]
    score_entities(GOLD, found, 0.5, report)
    assert (report.multi, report.consistent) == (1, 1)
    assert (report.pseudonyms, report.merging) == (4, 0)
    assert (report.typed, report.typed_right) == (6, 6)
    assert (report.candidates, report.entities, report.words) == (6, 5, 12)


def test_a_split_person_and_a_merged_pair_are_counted() -> None:
    report = EntityReport()
    # "Benali" typed as a place: another pseudonym for Karim, and a wrong type.
    found = [span(0, 12, PERSON), span(17, 29, PERSON), span(41, 46, PLACE)]
    score_entities(GOLD, found, 0.5, report)
    # One span covers Omar and Benali: that pseudonym joins two gold entities.
    assert (report.multi, report.consistent) == (1, 0)
    assert report.merging == 1 and report.merged == [("d1", ("karim", "omar"))]
    assert report.split_entities == [("d1", "karim")]
    cases = format_entity_cases(report, {"d1": TEXT}).splitlines()
    assert cases[:3] == [
        "split d1 karim",
        "  karim 0-12 'Karim Benali' -> [PERSON 1]",
        "  karim 23-29 'Benali' -> [PERSON 2]",
    ]
    assert "merged d1 karim + omar" in cases
    assert "  omar 17-21 -> [PERSON 2]" in format_entity_cases(report).splitlines()


def test_types_compare_through_the_gold_mapping() -> None:
    report = EntityReport()
    score_entities(GOLD, [span(41, 46, PERSON), span(71, 75, DATE)], 0.5, report)
    assert (report.typed, report.typed_right) == (2, 1)
    assert report.confusion == {("LOC", PERSON): 1}
    assert "LOC       -> PERSON" in format_entity_report(report)


def test_rules_settle_what_needs_no_person() -> None:
    email = Candidate(50, 67, EMAIL, 0.9, "EmailRecognizer", "e-mail address")
    found = [span(0, 12, PERSON), email, span(71, 75, DATE)]
    plain = score_all_entities([GOLD], {"d1": found}, 0.5)
    settled = score_all_entities(
        [GOLD], {"d1": found}, 0.5, ResearchContent.from_mapping({"dates": "mask"})
    )
    # The e-mail address is settled by its form; the year only by the protocol's policy.
    assert (plain.entities, plain.unsettled, settled.unsettled) == (3, 2, 1)
    assert settled.per_100_words(settled.unsettled) == pytest.approx(100 / 12)


def test_unknown_research_content_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown kind of research content"):
        ResearchContent.from_mapping({"religion": "keep"})
    with pytest.raises(ValueError, match="'mask' or 'keep'"):
        ResearchContent.from_mapping({"dates": "hide"})


@pytest.mark.slow
def test_entity_targets_on_the_shared_testimony_dev_set() -> None:
    dev = SHARED / "data" / "testimony" / "testimony_dev.json"
    if not dev.exists():
        pytest.skip("shared testimony data not present")
    from anonymise.analyser import DEFAULT_THRESHOLD
    from anonymise.evaluate import load_gold
    from anonymise.evaluate.runs import analysed_candidates
    from intake.analysis import research_content
    from intake.protocol.loader import default_protocol

    documents = load_gold(dev)
    found = analysed_candidates(documents)
    policy = research_content(default_protocol())
    report = score_all_entities(documents, found, DEFAULT_THRESHOLD, policy)
    # Measured 0.959, 0.001, 0.963 (0.828, 0.005, 0.955 before the text's own alias cues,
    # span edges and spellings across scripts; before entities: 0.338, 0.004, 0.879).
    # These are floors.
    assert report.consistent_share >= 0.95
    assert report.merging_share <= 0.005
    assert report.type_accuracy >= 0.96
    assert report.per_100_words(report.unsettled) <= report.per_100_words(report.candidates) / 2


@pytest.mark.slow
def test_entity_figures_on_the_court_cases() -> None:
    dev = SHARED / "data" / "tab" / "tab_dev.json"
    if not dev.exists():
        pytest.skip("shared TAB data not present")
    from anonymise.analyser import DEFAULT_THRESHOLD
    from anonymise.evaluate import load_gold
    from anonymise.evaluate.runs import analysed_candidates

    documents = load_gold(dev)
    report = score_all_entities(documents, analysed_candidates(documents), DEFAULT_THRESHOLD)
    # Held out from the rules' tuning: measured 0.875 and 0.016 (5 of 307; 0.833 and 0.020
    # before the text's own alias cues, titles and span edges, 0.750 and 0.017 when
    # pseudonyms were numbered by written form).
    assert report.consistent_share >= 0.87
    assert report.merging_share <= 0.017


@pytest.mark.slow
def test_entity_figures_on_the_french_and_arabic_testimony() -> None:
    dev = SHARED / "data" / "testimony-multilingual" / "testimony_multilingual_dev.json"
    if not dev.exists():
        pytest.skip("shared multilingual testimony data not present")
    from anonymise.analyser import DEFAULT_THRESHOLD
    from anonymise.evaluate import load_gold
    from anonymise.evaluate.runs import analysed_candidates

    documents = load_gold(dev)
    report = score_all_entities(documents, analysed_candidates(documents), DEFAULT_THRESHOLD)
    # Measured 0.850 and 0.003 (0.300 and 0.009 before alias cues in French and Arabic, and
    # Arabic particles read off names). Floors.
    assert report.consistent_share >= 0.85
    assert report.merging_share <= 0.01
