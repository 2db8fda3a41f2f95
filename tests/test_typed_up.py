"""Interviews typed up elsewhere: checked against the protocol, anonymised, marked unreviewed."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from anon_fixtures import anonymiser  # noqa: F401 - the session's model
from store_fixtures import LAPTOP_PASSPHRASE, make_project

from anonymise.analyser import Anonymiser
from conftest import TESTS, run_testimony
from intake.flow import Stage
from intake.protocol import load_protocol
from intake.typed_up import TypedUpError, interview_from_answers, unreviewed_record

HOUSEHOLD_FILE = TESTS / "data" / "protocols" / "household-survey.yaml"
HOUSEHOLD = load_protocol(HOUSEHOLD_FILE)


def _answers(**changes: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "agrees": True,
        "head_name": "Yusuf Haddad",
        "district": 9,
        "district_other": "the old quarter of Tal Afar",
        "members": 6,
        "has_children": True,
        "children_count": 2,
        "school": [1],
        "visit_date": "2024-05-06",
        "satisfaction": 7,
        "remarks": "Yusuf Haddad said his brother Karim Haddad still lives in Tal Afar.",
    }
    answers.update(changes)
    return {k: v for k, v in answers.items() if v is not None}


def test_answers_become_a_completed_interview() -> None:
    interview = interview_from_answers(HOUSEHOLD, _answers())
    assert interview.stage is Stage.COMPLETE
    assert interview.answers["members"] == 6


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"nonsense": 1}, "has no question under 1 of the keys given$"),
        (
            {"Yusuf Haddad": 1, "member": 6},
            r"under 2 of the keys given \(did you mean 'members'\?\)",
        ),
        ({"members": None}, "members: This question needs an answer."),
        ({"members": 99}, "members:"),
        ({"agrees": False}, "participation was declined"),
        ({"has_children": False}, "'children_count' is not asked"),
    ],
)
def test_answers_that_do_not_fit_are_refused(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(TypedUpError, match=message) as caught:
        interview_from_answers(HOUSEHOLD, _answers(**changes))
    assert "Haddad" not in str(caught.value)


def test_the_record_is_anonymised_but_marked_unreviewed(anonymiser: Anonymiser) -> None:  # noqa: F811
    record = unreviewed_record(interview_from_answers(HOUSEHOLD, _answers()), anonymiser)
    assert record["reviewed"] is False
    assert record["identity"] == {"head_name": "Yusuf Haddad"}
    redacted = record["free_text"]["remarks"]["redacted"]
    for leaked in ("Yusuf", "Haddad", "Karim", "Tal Afar"):
        assert leaked not in redacted
    assert "Tal Afar" not in record["free_text"]["district_other"]["redacted"]


@pytest.mark.slow
def test_records_add_checks_against_the_protocol(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    pass_file = tmp_path / "laptop.pass"
    pass_file.write_text(LAPTOP_PASSPHRASE + "\n")
    good = tmp_path / "good.json"
    good.write_text(json.dumps(_answers()))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_answers(members=99)))
    common = ["records", "add", "--store", str(project.laptop_dir), "--protocol"]
    common += [str(HOUSEHOLD_FILE), "--passphrase-file", str(pass_file), "--json"]
    refused = run_testimony([*common, str(bad)])
    assert refused.returncode != 0 and refused.stderr.count("\n") == 1
    assert refused.stderr.startswith("testimony: members:")
    added = run_testimony([*common, str(good)])
    assert added.returncode == 0, added.stderr
    assert "(unreviewed)" in added.stdout
    listed = run_testimony(
        ["records", "list", "--store", str(project.laptop_dir), "--passphrase-file", str(pass_file)]
    )
    assert re.search(r"^[0-9a-f]{32}  unreviewed$", listed.stdout, re.MULTILINE)
    assert "household-survey" not in listed.stdout  # the protocol is sealed inside
