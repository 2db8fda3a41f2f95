"""Apache Parquet, with labels, value labels and descriptions in the schema metadata."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from store.datasets.dataset import Dataset, Variable, VariableType
from store.datasets.export_folder import write_file

PARQUET_FILE = "data.parquet"


def write_parquet(dataset: Dataset, folder: Path) -> list[str]:
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
    columns = [pa.array(dataset.column(v.name), type=arrow_type[v.type]) for v in dataset.variables]
    table = pa.Table.from_arrays(columns, schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return [write_file(folder, PARQUET_FILE, sink.getvalue().to_pybytes())]


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
