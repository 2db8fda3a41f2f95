"""SPSS ``.sav`` and Stata ``.dta``: integer codes with value labels, declared missing values.

Both readers treat a code as a category only when it is stored as an integer
with labels attached, and count "prefers not to say" as an answer unless it is
declared missing. SPSS gets integer formats (``F2.0``, not ``F8.2``), the
level of measurement and up to three discrete user-missing codes. Stata gets
format 118 (Stata 14 and later, every edition: 119 opens only in Stata/MP),
integer columns in the smallest type that holds them (``byte``, ``int`` or
``long``, :mod:`store.datasets.dta_types`), and each declared missing code
as an extended missing value (``.a``, ``.b``...) that keeps its label. SPSS
stores every number as an 8-byte float; its integer format's width is the
width of the widest value.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from store.datasets.dataset import Dataset, Variable, VariableType
from store.datasets.dta_types import narrow_integers
from store.datasets.export_folder import write_with
from store.datasets.table import TextColumn

if TYPE_CHECKING:
    import pandas as pd

SAV_FILE = "data.sav"
DTA_FILE = "data.dta"
STATA_FORMAT_VERSION = 14
"""pyreadstat's name for ``.dta`` format 118 (15 would be 119, Stata/MP only)."""
STATA_LABEL = 80
"""Stata keeps variable and dataset labels of at most 80 characters."""
SPSS_FILE_LABEL = 64
"""SPSS keeps a file label of at most 64 bytes."""
CUT_MARKER = "…"
"""Ends a label cut to a reader's limit, so the cut is visible."""


def write_sav(dataset: Dataset, folder: Path) -> list[str]:
    """``data.sav`` (SPSS): integer codes, value labels, measures, user-missing codes."""
    import pyreadstat

    frame = _frame(dataset, stata=False)
    variables = dataset.variables
    labels: dict[str, str | None] = {v.name: v.label for v in variables}
    value_labels: dict[str, dict[int | float, str]] = {
        v.name: dict(v.value_labels) for v in variables if v.categorical
    }
    missing: dict[str, list[Any]] = {
        v.name: list(v.missing_values) for v in variables if v.missing_values
    }
    measure = {v.name: v.level.value for v in variables}
    formats = {
        v.name: f"F{_digits(dataset, v)}.0" for v in variables if v.type is VariableType.INTEGER
    }
    return [
        write_with(
            folder,
            SAV_FILE,
            lambda path: pyreadstat.write_sav(
                frame,
                path,
                file_label=cut(dataset.title, SPSS_FILE_LABEL, in_bytes=True),
                column_labels=labels,
                variable_value_labels=value_labels,
                missing_ranges=missing,
                variable_measure=measure,
                variable_format=formats,
            ),
        )
    ]


def write_dta(dataset: Dataset, folder: Path) -> list[str]:
    """``data.dta`` (Stata format 118): labels cut to 80 characters, missing codes as ``.a``..."""
    import pyreadstat

    frame = _frame(dataset, stata=True)
    labels: dict[str, str | None] = {v.name: cut(v.label) for v in dataset.variables}
    value_labels: dict[str, dict[Any, str]] = {}
    missing: dict[str, list[str]] = {}
    for variable in dataset.variables:
        if not variable.categorical:
            continue
        letters = stata_missing_letters(variable)
        value_labels[variable.name] = {
            letters.get(code, code): label for code, label in variable.value_labels
        }
        if letters:
            missing[variable.name] = list(letters.values())

    def produce(path: Path) -> None:
        pyreadstat.write_dta(
            frame,
            path,
            file_label=cut(dataset.title),
            column_labels=labels,
            variable_value_labels=value_labels,
            missing_user_values=missing,
            version=STATA_FORMAT_VERSION,
        )
        narrow_integers(path)

    return [write_with(folder, DTA_FILE, produce)]


def stata_missing_letters(variable: Variable) -> dict[int, str]:
    """Each declared missing code's extended missing value letter: ``a`` for the first..."""
    return dict(zip(variable.missing_values, string.ascii_lowercase, strict=False))


def cut(text: str, limit: int = STATA_LABEL, *, in_bytes: bool = False) -> str:
    """``text`` within ``limit`` characters (or UTF-8 bytes), cut with a visible marker."""

    def size(piece: str) -> int:
        return len(piece.encode("utf-8")) if in_bytes else len(piece)

    if size(text) <= limit:
        return text
    kept = text[: limit - 1]
    while size(kept + CUT_MARKER) > limit:
        kept = kept[:-1]
    return kept + CUT_MARKER


def _digits(dataset: Dataset, variable: Variable) -> int:
    """The width of an integer format wide enough for every code, bound and value."""
    values = [code for code, _label in variable.value_labels]
    values += [int(v) for v in (variable.minimum, variable.maximum) if v is not None]
    values += [v for batch in dataset.distinct(variable.name) for v in batch if isinstance(v, int)]
    return max((len(str(v)) for v in values), default=1)


_NAN = float("nan")
"""One object for every system-missing value of an object column (not one per cell)."""


def _frame(dataset: Dataset, *, stata: bool) -> pd.DataFrame:
    """The table as pyreadstat takes it, built column by column from each column's values.

    Each column is its distinct values mapped once and taken for every row, in
    the narrowest type that holds them: integers as ``Int8``, ``Int16`` or
    ``Int32`` (pyreadstat writes all three as the same 32-bit integers), so the
    frame stays small however many rows there are.
    """
    import pandas as pd

    columns: dict[str, Any] = {}
    for variable in dataset.variables:
        column = dataset.column_of(variable.name)
        if isinstance(column, TextColumn):
            # Long texts stay UTF-8 in Arrow's buffers: no Python string per cell.
            texts = column.arrow(0, len(column), empty_for_missing=True)
            columns[variable.name] = pd.Series(pd.arrays.ArrowExtensionArray(texts))
            continue
        pool, codes = column.pool, column.codes
        if variable.type is VariableType.STRING:
            shown = _objects(["" if v is None else str(v) for v in pool])
            columns[variable.name] = pd.Series(shown[codes], dtype="object", copy=False)
        elif variable.type is VariableType.NUMBER:
            numbers = np.array([_NAN if v is None else float(v) for v in pool], dtype="float64")
            columns[variable.name] = pd.Series(numbers[codes], dtype="float64", copy=False)
        elif stata and variable.missing_values:
            # Integers, a letter for each declared missing code, NaN for system missing.
            letters = stata_missing_letters(variable)
            shown = _objects([_NAN if v is None else letters.get(int(v), int(v)) for v in pool])
            columns[variable.name] = pd.Series(shown[codes], dtype="object", copy=False)
        else:
            integers = [0 if v is None else int(v) for v in pool]
            kind = _integer_type(integers)
            values = np.array(integers, dtype=kind.numpy_dtype)[codes]
            mask = np.array([v is None for v in pool], dtype=bool)[codes]
            columns[variable.name] = pd.Series(pd.arrays.IntegerArray(values, mask), dtype=kind)
    return pd.DataFrame(columns, copy=False)


def _objects(values: list[Any]) -> np.ndarray:
    """A numpy array of these Python objects, one element each."""
    array = np.empty(len(values), dtype=object)
    for index, value in enumerate(values):
        array[index] = value
    return array


def _integer_type(values: list[int]) -> Any:
    """The narrowest nullable pandas integer type pyreadstat writes as an integer."""
    import pandas as pd

    low, high = min(values, default=0), max(values, default=0)
    for kind, bits in ((pd.Int8Dtype(), 8), (pd.Int16Dtype(), 16)):
        if -(1 << (bits - 1)) <= low and high < 1 << (bits - 1):
            return kind
    return pd.Int32Dtype()
