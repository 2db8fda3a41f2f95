"""Records built by the interview's own record builder export through a second protocol.

This proves the export reads what ``intake/record.py`` writes, and that it is
not tied to the defector interview: the small household protocol has a date,
a pattern-checked code, a conditional step, a scale and a multiple choice.
"""

from __future__ import annotations

import csv
import json
from typing import Any

from export_contents import leaks
from store_fixtures import Project

from anonymise.candidates import PERSON, PLACE, Candidate
from anonymise.review import Review
from conftest import TESTS
from intake.flow import Interview
from intake.protocol import Protocol, load_protocol
from intake.record import build_record
from intake.release import ReleaseSettings, release

HOUSEHOLD = load_protocol(TESTS / "data" / "protocols" / "household-survey.yaml")
CANARY_HEAD = "CANARY-Head-Farida"
CANARY_TOWN = "CANARY-Town-Qamishli"


def _review(text: str, surfaces: dict[str, str]) -> Review:
    candidates = [
        Candidate(text.index(surface), text.index(surface) + len(surface), kind, 0.9, "test", "")
        for surface, kind in surfaces.items()
    ]
    review = Review.start(text, candidates)
    for candidate in candidates:
        review = review.accept(candidate, every_occurrence=True)
    return review


def _record(number: int) -> dict[str, Any]:
    remarks = f"{CANARY_HEAD} spoke for an hour; visit {number} 🙂 قال إنه بخير."
    other = f"near {CANARY_TOWN}"
    interview = (
        Interview.start(HOUSEHOLD)
        .set_answer("agrees", True)
        .next()
        .set_answer("head_name", CANARY_HEAD)
        .set_answer("district", 9 if number % 2 else 2)
        .set_answer("members", 5 + number % 2)
    )
    if number % 2:
        interview = interview.set_answer("district_other", other)
    interview = (
        interview.set_answer("has_children", True)
        .next()
        .set_answer("children_count", 2)
        .set_answer("school", [1, 2])
        .next()
        .set_answer("visit_date", "2024-05-06")
        .set_answer("household_code", "AB-123")
        .set_answer("satisfaction", number % 4)
        .set_answer("remarks", remarks)
        .next()
        .complete()
    )
    reviews = {"remarks": _review(remarks, {CANARY_HEAD: PERSON})}
    if number % 2:
        reviews["district_other"] = _review(other, {CANARY_TOWN: PLACE})
    return build_record(interview, reviews)


def _household(protocol_id: str, version: str) -> Protocol:
    assert (protocol_id, version) == (HOUSEHOLD.id, HOUSEHOLD.version)
    return HOUSEHOLD


def test_built_records_export_with_nothing_protected(project: Project) -> None:
    out = project.steward_dir.parent / "out"
    with project.steward() as store:
        for number in range(8):
            record = _record(number)
            assert record["reviewed"] is True
            store.finalise(
                record,
                protocol_id=HOUSEHOLD.id,
                protocol_version=HOUSEHOLD.version,
                reviewed=True,
            )
        result = release(store, out, ReleaseSettings(k=3, l_diversity=2), protocols=_household)
    plan = result.plan
    assert plan.report.satisfied
    names = [v.name for v in plan.dataset.variables]
    assert "head_name" not in names and "household_code" not in names  # identity, unscrubbed
    assert {"school_1", "school_2", "school_3", "visit_date", "district_other"} <= set(names)
    assert plan.dataset.variable("visit_date").label == "Date of the visit (year)"
    with (out / "data.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["visit_date"] for row in rows} == {"2024"}
    assert {row["school_3"] for row in rows} == {"0"}
    assert {row["district_other"] for row in rows} == {"", "near [PLACE 1]"}
    text = next((out / "texts").iterdir()).read_text(encoding="utf-8")
    assert "[PERSON 1] spoke for an hour" in text and "🙂 قال إنه بخير." in text
    log = (out / "anonymisation-log.csv").read_text(encoding="utf-8")
    assert ",PERSON,test,pseudonym," in log
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["protocol"] == {
        "id": "household-survey",
        "version": HOUSEHOLD.version,
        "fingerprint": HOUSEHOLD.fingerprint,
    }
    assert set(manifest["withheld_fields"]) == {"head_name", "household_code"}
    assert leaks(out, "CANARY") == []
