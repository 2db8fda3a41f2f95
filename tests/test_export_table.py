"""The table held by column gives back exactly the values put in, whichever way it is read."""

from __future__ import annotations

import pyarrow as pa

from store.datasets import Dataset, Variable, VariableType
from store.datasets.table import TEXT_BLOCK, Column, Table, TextColumn

TEXTS = [
    None if n % 7 == 0 else f"answer {n} 😀 [2019] مرحبا" * (n % 4)
    for n in range(3 * TEXT_BLOCK + 5)
]


def test_values_keep_their_type_and_order() -> None:
    values = [1, 1.0, None, "1", 1, 2.5, None, 0]
    column = Column.of(values)
    assert column.values() == values
    assert [type(v) for v in column.values()] == [type(v) for v in values]
    assert column.values(2, 5) == values[2:5]
    assert column[1] == 1.0 and isinstance(column[1], float)
    assert len(column.pool) == 6  # None, 1, 1.0, "1", 2.5, 0


def test_replacing_distinct_values_maps_every_row() -> None:
    column = Column.of([3, None, 3, 4])
    assert column.replace([None, "three", "four"]).values() == ["three", None, "three", "four"]


def test_texts_round_trip_across_blocks() -> None:
    column = TextColumn.of(TEXTS)
    assert len(column) == len(TEXTS)
    assert column.values() == TEXTS
    start, stop = TEXT_BLOCK - 3, 2 * TEXT_BLOCK + 4
    assert column.values(start, stop) == TEXTS[start:stop]
    assert column[TEXT_BLOCK] == TEXTS[TEXT_BLOCK]
    assert [t for block in column.blocks() for t in block] == TEXTS


def test_texts_as_arrow_strings() -> None:
    column = TextColumn.of(TEXTS)
    start, stop = 5, 2 * TEXT_BLOCK + 1
    arrow = column.arrow(start, stop)
    assert arrow.type == pa.string()
    assert arrow.to_pylist() == TEXTS[start:stop]
    empty = column.arrow(0, len(TEXTS), empty_for_missing=True)
    assert empty.to_pylist() == ["" if t is None else t for t in TEXTS]


def test_a_table_reads_as_rows_and_batches() -> None:
    ids = [f"R{n}" for n in range(len(TEXTS))]
    codes = [n % 3 or None for n in range(len(TEXTS))]
    table = Table(
        {"respondent": Column.of(ids), "code": Column.of(codes), "text": TextColumn.of(TEXTS)}
    )
    rows = list(table)
    assert len(table) == len(rows) == len(TEXTS)
    assert rows[9] == table[9] == {"respondent": "R9", "code": None, "text": TEXTS[9]}
    batches = list(table.batches(["text", "missing", "respondent"], rows=100))
    assert [row for batch in batches for row in batch] == [
        (t, None, r) for t, r in zip(TEXTS, ids, strict=True)
    ]
    dataset = Dataset(
        name="t",
        title="T",
        id_variable="respondent",
        variables=(
            Variable("respondent", "Respondent", VariableType.STRING, required=True),
            Variable("code", "Code", VariableType.INTEGER),
            Variable("text", "Text", VariableType.STRING),
        ),
        rows=table,
    )
    assert dataset.column("code") == codes
    assert sorted(v for batch in dataset.distinct("code") for v in batch if v) == [1, 2]
