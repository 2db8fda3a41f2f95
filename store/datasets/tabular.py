"""CSV with a Frictionless Data Package descriptor, and JSON Lines.

Text cells of the CSV that a spreadsheet would run as a formula (a leading
``=``, ``+``, ``-``, ``@``, tab or carriage return) start with ``'``, which
spreadsheets show as text; numbers are written as they are. JSON Lines is
for programs and keeps every text exactly.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from store.datasets.dataset import Cell, Dataset, Variable
from store.datasets.export_folder import write_file, write_stream

CSV_FILE = "data.csv"
DATAPACKAGE_FILE = "datapackage.json"
JSONL_FILE = "data.jsonl"
DOCUMENT_KEY = "_document"
"""The JSON Lines key holding a row's redacted text (variable names cannot start with ``_``)."""


def write_csv(dataset: Dataset, folder: Path) -> list[str]:
    """``data.csv`` (UTF-8, codes as integers, missing as empty) and ``datapackage.json``."""
    written = [write_stream(folder, CSV_FILE, _csv_chunks(dataset))]
    descriptor = datapackage(dataset)
    text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    written.append(write_file(folder, DATAPACKAGE_FILE, text.encode("utf-8")))
    return written


def _csv_chunks(dataset: Dataset, rows_per_chunk: int = 500) -> Iterator[bytes]:
    names = [variable.name for variable in dataset.variables]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    # A few hundred rows at a time: a row with long text answers is kilobytes of text.
    for batch in dataset.batches(names, rows_per_chunk):
        writer.writerows([_csv_cell(value) for value in values] for values in batch)
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def datapackage(dataset: Dataset) -> dict[str, Any]:
    """The Frictionless Data Package descriptor of ``data.csv``."""
    return {
        "name": _package_name(dataset.name),
        "title": dataset.title,
        "description": dataset.description,
        "profile": "tabular-data-package",
        "resources": [
            {
                "name": "data",
                "path": CSV_FILE,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
                "schema": {
                    "fields": [_field(variable) for variable in dataset.variables],
                    "primaryKey": [dataset.id_variable],
                    "missingValues": [""],
                },
            }
        ],
    }


def _field(variable: Variable) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": variable.name,
        "title": variable.label,
        "type": variable.type.value,
    }
    if variable.description:
        field["description"] = variable.description
    constraints: dict[str, Any] = {}
    if variable.required:
        constraints["required"] = True
        constraints["unique"] = True
    if variable.categorical:
        field["categories"] = [
            {"value": code, "label": label} for code, label in variable.value_labels
        ]
    if variable.missing_values:
        # Field-level missing values (Data Package 2): these codes are non-answers.
        field["missingValues"] = ["", *(str(code) for code in variable.missing_values)]
    if variable.minimum is not None:
        constraints["minimum"] = variable.minimum
    if variable.maximum is not None:
        constraints["maximum"] = variable.maximum
    if variable.categorical and variable.minimum is None and variable.maximum is None:
        # Labels cover every code unless a range says otherwise (a scale's anchors).
        constraints["enum"] = [code for code, _label in variable.value_labels]
    if constraints:
        field["constraints"] = constraints
    return field


def _package_name(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in "-._" else "-" for c in name.lower())
    return cleaned or "export"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP's list)."""


def formula_safe(text: str) -> str:
    """A text cell a spreadsheet shows as text: a leading ``'`` before a formula start."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return formula_safe(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def write_jsonl(dataset: Dataset, folder: Path) -> list[str]:
    """``data.jsonl``: one JSON object per row, with its redacted text under ``_document``."""
    return [write_stream(folder, JSONL_FILE, _jsonl_chunks(dataset))]


def _jsonl_chunks(dataset: Dataset) -> Iterator[bytes]:
    for row, document in dataset.rows_with_documents():
        item: dict[str, Any] = {v.name: row.get(v.name) for v in dataset.variables}
        if document is not None:
            item[DOCUMENT_KEY] = document.text
        line = json.dumps(item, ensure_ascii=False, allow_nan=False) + "\n"
        yield line.encode("utf-8")
