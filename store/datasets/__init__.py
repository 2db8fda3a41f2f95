"""Research dataset writers: the neutral dataset in the formats researchers use.

Writers know nothing of protocols, records or the store's database: they take
a :class:`~store.datasets.dataset.Dataset` and write files atomically into a
folder the steward chose, returning the names written. (Bundles, which carry
sealed records between stores, are :mod:`store.bundle`; the audit entries of
a release are :mod:`store.release_audit`.)
"""

from store.datasets.dataset import (
    Cell,
    Code,
    Dataset,
    Document,
    Measure,
    Selection,
    Variable,
    VariableType,
    printable,
)

#: Every format the export writes, in the order they are written.
FORMATS = ("csv", "jsonl", "parquet", "sav", "dta", "qdpx", "txt")

__all__ = [
    "FORMATS",
    "Cell",
    "Code",
    "Dataset",
    "Document",
    "Measure",
    "Selection",
    "Variable",
    "VariableType",
    "printable",
]
