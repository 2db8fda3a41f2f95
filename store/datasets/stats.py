"""SPSS ``.sav`` and Stata ``.dta`` with variable labels and integer-coded value labels."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from store.datasets.dataset import Dataset, VariableType
from store.datasets.export_folder import write_with

if TYPE_CHECKING:
    import pandas as pd

SAV_FILE = "data.sav"
DTA_FILE = "data.dta"
_STATA_LABEL = 80
"""Stata truncates variable labels at 80 characters."""


def write_sav(dataset: Dataset, folder: Path) -> list[str]:
    """``data.sav`` (SPSS): numeric codes with value labels, nominal or scale measures."""
    import pyreadstat

    frame = _frame(dataset)
    labels: dict[str, str | None] = {v.name: v.label for v in dataset.variables}
    value_labels: dict[str, dict[int | float, str]] = {
        v.name: dict(v.value_labels) for v in dataset.variables if v.categorical
    }
    measure = {
        v.name: "nominal" if v.categorical or v.type is VariableType.STRING else "scale"
        for v in dataset.variables
    }
    return [
        write_with(
            folder,
            SAV_FILE,
            lambda path: pyreadstat.write_sav(
                frame,
                path,
                file_label=dataset.title[:64],
                column_labels=labels,
                variable_value_labels=value_labels,
                variable_measure=measure,
            ),
        )
    ]


def write_dta(dataset: Dataset, folder: Path) -> list[str]:
    """``data.dta`` (Stata 15): labels cut to Stata's 80 characters, codes labelled."""
    import pyreadstat

    frame = _frame(dataset)
    labels: dict[str, str | None] = {v.name: _cut(v.label) for v in dataset.variables}
    value_labels: dict[str, dict[int | float, str]] = {
        v.name: dict(v.value_labels) for v in dataset.variables if v.categorical
    }
    return [
        write_with(
            folder,
            DTA_FILE,
            lambda path: pyreadstat.write_dta(
                frame,
                path,
                file_label=_cut(dataset.title),
                column_labels=labels,
                variable_value_labels=value_labels,
                version=15,
            ),
        )
    ]


def _cut(text: str) -> str:
    return text if len(text) <= _STATA_LABEL else text[: _STATA_LABEL - 1] + "…"


def _frame(dataset: Dataset) -> pd.DataFrame:
    import pandas as pd

    columns: dict[str, Any] = {}
    for variable in dataset.variables:
        values = dataset.column(variable.name)
        if variable.type is VariableType.STRING:
            columns[variable.name] = pd.Series(
                ["" if v is None else str(v) for v in values], dtype="object"
            )
        else:
            columns[variable.name] = pd.Series(
                [float("nan") if v is None else float(v) for v in values], dtype="float64"
            )
    return pd.DataFrame(columns)
