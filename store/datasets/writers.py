"""Every writer by format name, and one call that writes a chosen set of formats."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from store.datasets.dataset import Dataset, check_values
from store.datasets.parquet import write_parquet
from store.datasets.qdpx import write_qdpx
from store.datasets.stats import write_dta, write_sav
from store.datasets.tabular import write_csv, write_jsonl
from store.datasets.text import write_texts
from store.errors import StoreError

Writer = Callable[[Dataset, Path], list[str]]

WRITERS: dict[str, Writer] = {
    "csv": write_csv,
    "jsonl": write_jsonl,
    "parquet": write_parquet,
    "sav": write_sav,
    "dta": write_dta,
    "qdpx": write_qdpx,
    "txt": write_texts,
}


def check_formats(formats: Sequence[str]) -> tuple[str, ...]:
    """The formats in canonical order; unknown names are refused, naming the known ones."""
    unknown = sorted(set(formats) - set(WRITERS))
    if unknown:
        raise StoreError(
            f"unknown export format(s) {', '.join(unknown)}; choose from {', '.join(WRITERS)}"
        )
    if not formats:
        raise StoreError("choose at least one export format")
    return tuple(name for name in WRITERS if name in formats)


def write_formats(dataset: Dataset, folder: Path, formats: Sequence[str]) -> list[str]:
    """Write each chosen format into ``folder``; returns every file name written."""
    check_values(dataset)
    written: list[str] = []
    for name in check_formats(formats):
        written.extend(WRITERS[name](dataset, folder))
    return written
