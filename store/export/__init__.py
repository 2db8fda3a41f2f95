"""Export writers: the neutral dataset written in the formats researchers use.

Writers know nothing of protocols or records: they take a
:class:`~store.export.dataset.Dataset` and write files atomically into a
folder the steward chose, returning the names written.
"""

from store.export.dataset import (
    Cell,
    Code,
    Dataset,
    Document,
    Selection,
    Variable,
    VariableType,
)

#: Every format the export writes, in the order they are written.
FORMATS = ("csv", "jsonl", "parquet", "sav", "dta", "qdpx", "txt")

__all__ = [
    "FORMATS",
    "Cell",
    "Code",
    "Dataset",
    "Document",
    "Selection",
    "Variable",
    "VariableType",
]
