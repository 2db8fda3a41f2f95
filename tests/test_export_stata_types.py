"""Stata integers are stored in the smallest type that holds them, and read back unchanged.

pyreadstat writes every integer as ``long``; :mod:`store.datasets.dta_types`
narrows each column to ``byte`` or ``int`` when its values and declared
missing codes fit. pyreadstat and pandas read the narrowed file back.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.datasets.dataset import Dataset, Variable, VariableType
from store.datasets.dta_types import DtaLayoutError, narrow_integers
from store.datasets.writers import write_formats

ID = Variable("id", "Respondent", VariableType.STRING, required=True)


def _dataset(columns: dict[str, list[int | None]], *extra: Variable) -> Dataset:
    variables = [ID, *extra]
    named = {v.name for v in variables}
    variables += [
        Variable(name, f"column {name}", VariableType.INTEGER)
        for name in columns
        if name not in named
    ]
    size = len(next(iter(columns.values())))
    rows = tuple(
        {"id": f"R{i}", **{name: values[i] for name, values in columns.items()}}
        for i in range(size)
    )
    return Dataset("types", "Storage types", "id", tuple(variables), rows)


def test_each_integer_column_takes_the_smallest_stata_type(tmp_path: Path) -> None:
    import pandas as pd
    import pyreadstat

    refused = Variable(
        "reason",
        "Why did they leave?",
        VariableType.INTEGER,
        ((1, "Violence"), (2, "Family"), (99, "Prefers not to say")),
        missing_values=(99,),
    )
    columns: dict[str, list[int | None]] = {
        "reason": [1, 99, None, 2],
        "year": [2014, 2019, None, 2016],
        "members": [100_000, 2, 3, None],
        "change": [-127, 100, 0, 5],
        "wide": [-128, 0, 0, 0],
    }
    write_formats(_dataset(columns, refused), tmp_path, ["dta"])
    frame, meta = pyreadstat.read_dta(str(tmp_path / "data.dta"), user_missing=True)
    assert meta.readstat_variable_types == {
        "id": "string",
        "reason": "int8",
        "year": "int16",
        "members": "int32",
        "change": "int8",
        "wide": "int16",  # -128 is below byte's range (-127 to 100)
    }
    assert meta.variable_value_labels["reason"] == {
        1: "Violence",
        2: "Family",
        "a": "Prefers not to say",
    }
    assert meta.missing_user_values == {"reason": ["a"]}
    assert frame["reason"].iloc[1] == "a"  # still the declared missing code .a
    read = pd.read_stata(tmp_path / "data.dta", convert_categoricals=False, convert_missing=True)
    assert list(read["year"].iloc[[0, 1, 3]]) == [2014, 2019, 2016]
    assert str(read["year"].iloc[2]) == "." and str(read["reason"].iloc[1]) == ".a"
    assert list(read["members"].iloc[:3]) == [100_000, 2, 3]
    assert list(read["change"]) == [-127, 100, 0, 5]
    assert list(read["wide"]) == [-128, 0, 0, 0]


@settings(max_examples=40, deadline=None)
@given(
    values=st.lists(
        st.one_of(st.none(), st.integers(-2_147_483_647, 2_147_483_620)), min_size=1, max_size=12
    )
)
def test_any_integers_read_back_as_written(
    tmp_path_factory: pytest.TempPathFactory, values: list[int | None]
) -> None:
    import pandas as pd

    folder = tmp_path_factory.mktemp("dta")
    write_formats(_dataset({"n": values}), folder, ["dta"])
    read = pd.read_stata(folder / "data.dta", convert_missing=True)
    assert [None if str(v) == "." else int(v) for v in read["n"]] == values


def test_a_file_that_is_not_format_118_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.dta"
    other.write_bytes(b"<stata_dta><header><release>117</release>")
    with pytest.raises(DtaLayoutError, match="format-118"):
        narrow_integers(other)


def test_narrowing_in_small_chunks_writes_the_same_file(tmp_path: Path) -> None:
    """Observations are read a chunk at a time: chunk boundaries change nothing."""
    import pandas as pd
    import pyreadstat

    frame = pd.DataFrame(
        {
            "code": pd.Series([1, 2, None, 4, 5, 99, 7, 8, 9, 10, 11], dtype="Int32"),
            "year": pd.Series([2014 + i for i in range(11)], dtype="Int32"),
            "text": pd.Series([f"row {i}" for i in range(11)], dtype="object"),
        }
    )
    written = []
    for chunk_rows in (1, 3, 8192):
        path = tmp_path / f"chunks-{chunk_rows}.dta"
        pyreadstat.write_dta(frame, str(path), version=14, missing_user_values={})
        kinds = narrow_integers(path, chunk_rows=chunk_rows)
        assert kinds == {"code": "byte", "year": "int", "text": "str"}
        written.append(path.read_bytes()[200:])  # past the header's timestamp
    assert written[0] == written[1] == written[2]
    read = pd.read_stata(tmp_path / "chunks-3.dta", convert_missing=True)
    assert [str(v) for v in read["code"]] == [
        str(v) for v in [1, 2, ".", 4, 5, 99, 7, 8, 9, 10, 11]
    ]
    assert list(read["year"]) == [2014 + i for i in range(11)]
    assert list(read["text"]) == [f"row {i}" for i in range(11)]
    assert not list(tmp_path.glob("*.narrow"))
