"""Apache Parquet, with labels, value labels and descriptions in the schema metadata."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from store.datasets.dataset import Dataset, Variable, VariableType
from store.datasets.export_folder import write_with
from store.datasets.table import TextColumn

PARQUET_FILE = "data.parquet"
ROW_GROUP = 16_384
"""Rows written at a time, each batch one row group: memory stays flat in the rows."""


def write_parquet(dataset: Dataset, folder: Path, *, row_group: int = ROW_GROUP) -> list[str]:
    """``data.parquet``: integer codes, each field carrying its label and description."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow_type = {
        VariableType.INTEGER: pa.int64(),
        VariableType.NUMBER: pa.float64(),
        VariableType.STRING: pa.string(),
    }
    fields = [
        pa.field(
            variable.name,
            arrow_type[variable.type],
            nullable=not variable.required,
            metadata=_field_metadata(variable),
        )
        for variable in dataset.variables
    ]
    schema = pa.schema(
        fields,
        metadata={
            "title": dataset.title,
            "description": dataset.description,
            "id_variable": dataset.id_variable,
            "field_descriptions": json.dumps(
                {v.name: _describe(v) for v in dataset.variables}, ensure_ascii=False
            ),
        },
    )
    names = [v.name for v in dataset.variables]
    types = [arrow_type[v.type] for v in dataset.variables]

    def produce(path: Path) -> None:
        held = [dataset.column_of(name) for name in names]
        rows = len(dataset.rows)
        with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
            for start in range(0, rows or 1, row_group):
                stop = min(start + row_group, rows)
                arrays = [
                    column.arrow(start, stop)
                    if isinstance(column, TextColumn)
                    else pa.array(column.values(start, stop), type=kind)
                    for column, kind in zip(held, types, strict=True)
                ]
                writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
                del arrays
        pa.default_memory_pool().release_unused()

    return [write_with(folder, PARQUET_FILE, produce)]


def _describe(variable: Variable) -> str:
    return variable.description or variable.label


def _field_metadata(variable: Variable) -> dict[str, str]:
    metadata: dict[str, Any] = {
        "label": variable.label,
        "description": _describe(variable),
        "measure": variable.level.value,
    }
    if variable.missing_values:
        metadata["missing_values"] = json.dumps(list(variable.missing_values))
    if variable.categorical:
        metadata["value_labels"] = json.dumps(
            {str(code): label for code, label in variable.value_labels}, ensure_ascii=False
        )
    return {key: str(value) for key, value in metadata.items()}
