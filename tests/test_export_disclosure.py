"""Disclosure control: k-anonymity, l-diversity, generalisation and local suppression.

What any control must do; :mod:`test_export_lattice` shows the search finds the least loss.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anonymise.disclosure import QuasiIdentifier, levels_from_mappings, measure
from anonymise.disclosure_control import control

REGION = {760: 1, 368: 1, 826: 3, 250: 3, 276: 3, 792: 4, 643: 4}
PERIOD = {year: 1 if year < 2014 else 2 if year < 2017 else 3 for year in range(2010, 2021)}


def _qis() -> list[QuasiIdentifier]:
    return [
        QuasiIdentifier("country", levels_from_mappings([REGION]), ("region",)),
        QuasiIdentifier("join_year", levels_from_mappings([PERIOD]), ("period",)),
        QuasiIdentifier("gender"),
    ]


def _groups(rows: tuple[dict[str, object], ...], names: list[str]) -> Counter[tuple[object, ...]]:
    return Counter(tuple(row[name] for name in names) for row in rows)


def test_a_unique_combination_is_generalised_until_k_holds() -> None:
    rows = [{"country": 760, "join_year": 2014, "gender": 1} for _ in range(4)]
    rows += [{"country": 368, "join_year": 2015, "gender": 1} for _ in range(4)]
    rows += [{"country": 826, "join_year": 2014, "gender": 1} for _ in range(3)]
    rows += [{"country": 250, "join_year": 2014, "gender": 1}]  # the one Frenchman
    result = control(rows, _qis(), k=3, l_diversity=1, max_suppressed_share=0)
    report = result.report
    assert report.before.unique_records == 1
    assert report.before.smallest_group == 1
    assert report.satisfied
    assert report.after.smallest_group >= 3
    assert report.after.unique_records == 0
    assert report.levels["country"].name == "region"
    assert report.levels["join_year"].depth == 0
    assert report.suppressed_cells == 0
    # The Frenchman is now one of four from a Western country.
    assert result.rows[-1]["country"] == 3
    assert min(_groups(result.rows, ["country", "join_year", "gender"]).values()) >= 3


def test_other_columns_pass_through_untouched() -> None:
    rows = [{"country": 760, "join_year": 2014, "gender": 1, "note": i} for i in range(5)]
    result = control(rows, _qis(), k=3, l_diversity=1)
    assert [row["note"] for row in result.rows] == list(range(5))


def test_l_diversity_breaks_up_a_group_that_shares_its_sensitive_value() -> None:
    # Four Western men who joined in 2014 were all security officials: the group
    # is large enough for k = 3 but tells anyone who knows one of them his role.
    rows = [{"country": 826, "join_year": 2014, "gender": 1, "role": 4} for _ in range(4)]
    rows += [{"country": 760, "join_year": 2014, "gender": 1, "role": r} for r in (1, 2, 1, 5)]
    before = measure(rows, ["country", "join_year", "gender"], ["role"], k=3, l_diversity=2)
    assert before.records_below_k == 0
    assert before.records_below_l == 4
    assert before.lowest_diversity == 1
    result = control(rows, _qis(), ["role"], k=3, l_diversity=2, max_suppressed_share=0)
    assert result.report.satisfied
    groups: dict[tuple[object, ...], set[object]] = {}
    for row in result.rows:
        key = (row["country"], row["join_year"], row["gender"])
        groups.setdefault(key, set()).add(row["role"])
    assert all(len(roles) >= 2 for roles in groups.values())
    assert [row["role"] for row in result.rows] == [4, 4, 4, 4, 1, 2, 1, 5]


def test_too_few_records_are_reported_not_hidden() -> None:
    rows = [{"country": 760, "join_year": 2014, "gender": 1}, {"country": 826}]
    result = control(rows, _qis(), k=3, l_diversity=1)
    assert result.report.refused
    assert "only 2 record(s)" in result.report.problem


def test_a_sensitive_field_with_one_value_cannot_be_diverse() -> None:
    rows = [{"country": 760, "join_year": 2014, "gender": 1, "role": 1} for _ in range(6)]
    result = control(rows, _qis(), ["role"], k=3, l_diversity=2)
    assert result.report.refused
    assert "role takes only 1 distinct value" in result.report.problem


def test_the_report_reads_and_serialises_without_values() -> None:
    rows = [{"country": 760, "join_year": 2014, "gender": 1} for _ in range(3)]
    rows.append({"country": 250, "join_year": 2019, "gender": 2})
    report = control(rows, _qis(), k=3, l_diversity=1).report
    data = report.to_json()
    assert data["k"] == 3 and data["before"]["unique_records"] == 1  # type: ignore[index]
    text = "\n".join(report.lines())
    assert "before:" in text and "after:" in text and "suppressed cells" in text
    assert "250" not in text and "2019" not in text


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        control([], _qis(), k=0)
    duplicate = [QuasiIdentifier("a"), QuasiIdentifier("a")]
    with pytest.raises(ValueError, match="distinct names"):
        control([], duplicate)


def test_an_empty_table_is_trivially_safe() -> None:
    result = control([], _qis(), k=3, l_diversity=2)
    assert result.report.satisfied and result.rows == ()


_cell = st.one_of(st.none(), st.integers(0, 6))
_row = st.fixed_dictionaries(
    {
        "a": _cell,
        "b": _cell,
        "c": _cell,
        "s": st.integers(0, 3),
    }
)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(_row, max_size=40),
    k=st.integers(1, 5),
    l_diversity=st.integers(1, 3),
    share=st.sampled_from([0.0, 0.1, 0.5]),
)
def test_after_control_every_group_reaches_k_or_the_report_says_refused(
    rows: list[dict[str, int | None]], k: int, l_diversity: int, share: float
) -> None:
    halves = {v: v // 2 for v in range(7)}
    parity = {v: v % 2 for v in range(7)}
    qis = [
        QuasiIdentifier("a", levels_from_mappings([halves, {v: 0 for v in range(4)}])),
        QuasiIdentifier("b", levels_from_mappings([parity])),
        QuasiIdentifier("c"),
    ]
    result = control(rows, qis, ["s"], k=k, l_diversity=l_diversity, max_suppressed_share=share)
    groups: dict[tuple[object, ...], list[dict[str, object]]] = {}
    for row in result.rows:
        groups.setdefault((row["a"], row["b"], row["c"]), []).append(row)
    holds = all(
        len(members) >= k and len({m["s"] for m in members}) >= l_diversity
        for members in groups.values()
    )
    assert holds == result.report.satisfied
    if not result.report.refused:
        assert all(len(members) >= k for members in groups.values())
    # Enough rows and enough diversity overall: control must always succeed.
    if len(rows) >= k and len({row["s"] for row in rows}) >= l_diversity:
        assert result.report.satisfied
    assert [row["s"] for row in result.rows] == [row["s"] for row in rows]
    assert len(result.rows) == len(rows)
