"""Release disclosure control: the least loss over the lattice, nothing blanked for nothing."""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_fixtures import Project, make_project

from anonymise.disclosure import (
    LevelChoice,
    QuasiIdentifier,
    Value,
    levels_from_mappings,
)
from anonymise.disclosure_control import control
from anonymise.disclosure_lattice import Lattice, exhaustive, search
from intake.demo import demo_record
from intake.protocol import default_protocol, load_protocol
from intake.release import ReleaseSettings, plan_release
from intake.release.builder import DatasetBuilder, quasi_identifier

REGION = {760: 1, 368: 1, 826: 3, 250: 3, 276: 3, 792: 4, 643: 4}
PERIOD = {year: 1 if year < 2014 else 2 if year < 2017 else 3 for year in range(2010, 2021)}
ERA = {year: 1 if year < 2014 else 2 for year in range(2010, 2021)}


def _qis() -> list[QuasiIdentifier]:
    return [
        QuasiIdentifier("country", levels_from_mappings([REGION]), ("region",)),
        QuasiIdentifier("join_year", levels_from_mappings([PERIOD, ERA]), ("period", "era")),
        QuasiIdentifier("gender"),
    ]


ROWS = st.lists(
    st.fixed_dictionaries(
        {
            "country": st.sampled_from(sorted(REGION)),
            "join_year": st.integers(2010, 2020),
            "gender": st.sampled_from([1, 2]),
            "role": st.sampled_from([1, 2, 3]),
        }
    ),
    min_size=1,
    max_size=18,
)


@settings(max_examples=60, deadline=None)
@given(
    rows=ROWS,
    k=st.integers(1, 4),
    l_diversity=st.integers(1, 2),
    share=st.sampled_from([0.0, 0.1, 0.3]),
)
def test_the_search_finds_what_exhaustive_search_finds(
    rows: list[dict[str, Value]], k: int, l_diversity: int, share: float
) -> None:
    sensitive = ["role"] if l_diversity > 1 else []
    lattice = Lattice(rows, _qis(), sensitive, k, l_diversity, int(share * len(rows)))
    found = search(lattice)
    reference = exhaustive(lattice)
    assert found.complete
    if reference is None:
        assert found.best is None
    else:
        assert found.best is not None
        assert found.best.loss == pytest.approx(reference.loss)


def test_a_column_everyone_shares_is_never_touched() -> None:
    """The greedy control blanked every quasi-identifier of the rows at risk, shared ones too."""
    rows: list[dict[str, Value]] = [
        {"country": c, "join_year": y, "gender": 1}
        for c, y in [
            *[(760, 2014)] * 3,
            *[(368, 2015)] * 3,
            (826, 2011),
            (250, 2019),
            (643, 2016),
            (792, 2012),
        ]
    ]
    outcome = control(rows, _qis(), [], k=3, l_diversity=1, max_suppressed_share=0.4)
    assert outcome.report.satisfied
    assert outcome.search.shared_by_all == ("gender",)
    assert outcome.report.levels["gender"].depth == 0
    assert outcome.report.levels["gender"].suppressed_cells == 0
    assert {row["gender"] for row in outcome.rows} == {1}
    assert outcome.search.optimal
    assert 0 < outcome.search.information_loss < 1


def test_a_needless_generalisation_is_not_chosen() -> None:
    """Twelve rows in four safe groups: nothing to do, so nothing is done."""
    rows: list[dict[str, Value]] = [
        {"country": c, "join_year": y, "gender": g}
        for c, y, g in [(760, 2014, 1), (368, 2015, 2), (826, 2011, 1), (250, 2019, 2)]
        for _ in range(3)
    ]
    outcome = control(rows, _qis(), [], k=3, l_diversity=1, max_suppressed_share=0.1)
    assert outcome.search.information_loss == 0
    assert all(choice.depth == 0 for choice in outcome.report.levels.values())
    assert outcome.rows == tuple(rows)


MULTIPLE = """\
format: 1
id: multi
version: "1"
title: Multi
language: en
vocabularies:
  reasons:
    - {code: 1, label: Faith}
    - {code: 2, label: Money}
    - {code: 3, label: Revenge}
    - {code: 4, label: Family}
    - {code: 99, label: Not said, missing: true, exclusive: true}
steps:
  - id: consent
    title: Consent
    fields:
      - {id: ok, label: "Agree?", type: yes_no, required: true, consent: participation}
  - id: main
    title: Main
    fields:
      - id: reasons
        label: "Why?"
        type: multiple_choice
        choices: reasons
        quasi_identifier: true
        hierarchy: [suppressed]
"""


def _record(protocol: Any, reasons: list[int]) -> dict[str, Any]:
    return {
        "format": "testimony-intake/record",
        "format_version": 1,
        "protocol": {
            "id": protocol.id,
            "version": protocol.version,
            "fingerprint": protocol.fingerprint,
        },
        "reviewed": True,
        "answers": {"ok": True, "reasons": reasons},
        "free_text": {},
        "anonymisation_log": [],
    }


def test_a_multiple_choice_quasi_identifier_is_controlled(tmp_path: Any) -> None:
    """Refused before; now the set of choices is one value, suppressed where it is rare."""
    protocol = load_protocol(MULTIPLE)
    project: Project = make_project(tmp_path)
    answers = [[1, 3], [3, 1], [1, 3], [2], [2], [2], [99], [99], [99], [4], [1, 4], [2, 3]]
    with project.steward() as store:
        for reasons in answers:
            store.finalise(
                _record(protocol, reasons),
                protocol_id=protocol.id,
                protocol_version=protocol.version,
                reviewed=True,
            )
        plan = plan_release(
            store,
            ReleaseSettings(k=3, l_diversity=1, max_suppressed_share=0.25),
            protocols=lambda _id, _version: protocol,
        )
    assert plan.report.satisfied
    assert plan.report.levels["reasons"].depth == 0
    assert plan.report.levels["reasons"].suppressed_cells == 3  # the three rare sets
    names = [v.name for v in plan.dataset.variables]
    assert names == ["respondent", "ok", "reasons_1", "reasons_2", "reasons_3", "reasons_4"]
    rows = [tuple(row[n] for n in names[2:]) for row in plan.dataset.rows]
    assert rows.count((1, 0, 1, 0)) == 3 and rows.count((0, 1, 0, 0)) == 3
    assert rows.count((99, 99, 99, 99)) == 3  # "not said": a declared missing value
    assert rows.count((None, None, None, None)) == 3
    described = plan.dataset.variable("reasons_4").description
    assert "3 value(s) suppressed for disclosure control" in described


@pytest.mark.slow
def test_the_demo_study_keeps_what_a_greedy_control_blanked() -> None:
    """27 demo records at k = 3, l = 2: the greedy control this replaced emptied all 270 cells."""
    protocol = default_protocol()
    builder = DatasetBuilder(protocol)
    rng = random.Random(1)
    rows: list[dict[str, Value]] = []
    number = 0
    while len(rows) < 27:
        record = demo_record(protocol, rng, number)
        number += 1
        if record["reviewed"]:
            rows.append(builder.row(f"R{number}", record))
    qis = [quasi_identifier(f) for f in protocol.quasi_identifiers()]
    sensitive = [f.id for f in protocol.sensitive_fields()]
    outcome = control(rows, qis, sensitive, k=3, l_diversity=2, max_suppressed_share=0.1)
    assert outcome.report.satisfied and outcome.search.optimal
    kept = sum(1 for row in outcome.rows for qi in qis if row[qi.name] is not None)
    assert kept >= 27 and outcome.search.information_loss < 1
    assert outcome.report.after.records_below_k == 0 and outcome.report.after.records_below_l == 0


def test_a_suppressed_column_says_so() -> None:
    protocol = default_protocol()
    builder = DatasetBuilder(protocol)
    depths = {"country": 3, "join_year": 1}
    levels = {
        "country": LevelChoice(3, "suppressed", 0),
        "join_year": LevelChoice(1, "period", 4),
    }
    variables = {v.name: v for v in builder.variables(depths, levels)}
    assert variables["country"].label.startswith("[suppressed] ")
    assert "Every value suppressed for disclosure control" in variables["country"].description
    assert variables["join_year"].label == "Year they joined (generalised to period)"
    assert "4 value(s) suppressed for disclosure control" in variables["join_year"].description
    assert "suppressed" not in variables["age_band"].description


def test_a_multiple_choice_hierarchy_groups_each_chosen_code() -> None:
    grouped = MULTIPLE.replace(
        "        hierarchy: [suppressed]\n",
        "        hierarchy:\n"
        "          - level: kind\n"
        "            vocabulary: kinds\n"
        "            groups: {1: [1, 3], 2: [2, 4], 99: [99]}\n"
        "          - suppressed\n",
    ).replace(
        "steps:\n",
        "  kinds:\n"
        "    - {code: 1, label: Belief}\n"
        "    - {code: 2, label: Interest}\n"
        "    - {code: 99, label: Not said, missing: true}\n"
        "steps:\n",
    )
    protocol = load_protocol(grouped)
    qi = quasi_identifier(protocol.field("reasons"))
    assert qi.at((1, 3), 1) == (1,)
    assert qi.at((1, 2), 1) == (1, 2)
    builder = DatasetBuilder(protocol)
    variables = builder.variables({"reasons": 1})
    assert [v.label for v in variables if v.name.startswith("reasons")] == [
        "Why? (kind): Belief",
        "Why? (kind): Interest",
        "Why? (kind): Not said",
    ]
    row = builder.expand({"respondent": "R1", "reasons": (1, 2)}, depths={"reasons": 1})
    assert row == {"respondent": "R1", "reasons_1": 1, "reasons_2": 1, "reasons_99": 0}
