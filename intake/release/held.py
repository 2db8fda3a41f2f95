"""What a plan keeps of each record while it reads them all, held compactly.

A plan reads every chosen record once and keeps, for the table, each answer;
for each text, the years and ages in it; and the record's anonymisation log.
Kept as a dict or tuple per record, that costs kilobytes a record (100,000
records would need gigabytes); here it is columns of small integers with
each distinct value once (:mod:`store.datasets.table`), and flat arrays.
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from typing import overload

import numpy as np

from intake.release.records import log_entry
from intake.release.texts import Marker
from store.datasets.table import Column, ColumnBuilder, TextColumn, TextColumnBuilder

_EMPTY = 0xFFFFFFFF
"""The kind of a log entry that was not a mapping."""


class RawTable:
    """Rows of answers (:meth:`DatasetBuilder.row <intake.release.builder.DatasetBuilder.row>`)
    appended one at a time, held by column; the ``texts`` columns compressed."""

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self._texts = frozenset(texts)
        self._builders: dict[str, ColumnBuilder[Hashable]] = {}
        self._text_builders: dict[str, TextColumnBuilder] = {}
        self._order: list[str] = []
        self._size = 0

    def append(self, row: Mapping[str, Hashable]) -> None:
        """Add a row; a column it lacks is ``None`` in it."""
        for name in row:
            if name not in self._builders and name not in self._text_builders:
                self._add_column(name)
        for name, builder in self._builders.items():
            builder.append(row.get(name))
        for name, text_builder in self._text_builders.items():
            value = row.get(name)
            text_builder.append(value if isinstance(value, str) else None)
        self._size += 1

    def _add_column(self, name: str) -> None:
        self._order.append(name)
        if name in self._texts:
            text_builder = self._text_builders[name] = TextColumnBuilder()
            for _ in range(self._size):
                text_builder.append(None)
            return
        builder = self._builders[name] = ColumnBuilder()
        for _ in range(self._size):
            builder.append(None)

    def columns(self) -> dict[str, Column[Hashable] | TextColumn]:
        """Every column, in the order they first appeared."""
        out: dict[str, Column[Hashable] | TextColumn] = {}
        for name in self._order:
            if name in self._texts:
                out[name] = self._text_builders[name].build()
            else:
                out[name] = self._builders[name].build()
        return out


_KINDS = ("year", "age")


class TextMarkers:
    """For each row with a text, in row order: the year and age markers found in it."""

    def __init__(self) -> None:
        self._with_text = array("I")
        self._row = array("I")
        self._kind = array("B")
        self._low = array("H")
        self._high = array("H")

    def add(self, row: int, found: Iterable[Marker]) -> None:
        """Row ``row`` has a text holding these markers."""
        self._with_text.append(row)
        for kind, low, high in found:
            self._row.append(row)
            self._kind.append(_KINDS.index(kind))
            self._low.append(low)
            self._high.append(high)

    def rows(self) -> list[int]:
        """The rows that have a text, in order."""
        return self._with_text.tolist()

    def with_flags(
        self, no_years: np.ndarray, no_ages: np.ndarray
    ) -> Iterator[tuple[Marker, bool, bool]]:
        """Each marker with whether its row's years, and its ages, are suppressed."""
        for row, kind, low, high in zip(self._row, self._kind, self._low, self._high, strict=True):
            yield (_KINDS[kind], low, high), bool(no_years[row]), bool(no_ages[row])


class AnonymisationLog(Sequence[Mapping[str, object]]):
    """The anonymisation log's rows: respondent, entity type, recogniser, action, count.

    Each row is its record's row number, the index of its (type, recogniser,
    action) among the distinct ones, and its count; the respondent is named
    once the table's respondent ids are known (:meth:`name_rows`).
    """

    def __init__(self) -> None:
        self._row = array("I")
        self._kind = array("I")
        self._count = array("q")
        self._kinds: dict[tuple[str, str, str], int] = {}
        self._kind_list: list[tuple[str, str, str]] = []
        self._respondents: Sequence[object] = ()

    def extend(self, row: int, entries: object) -> None:
        """Add a record's log entries (as the record keeps them) for row ``row``."""
        for entry in entries if isinstance(entries, list) else []:
            cleaned = log_entry(entry)
            index, count = _EMPTY, 0
            if cleaned:
                kind = (
                    str(cleaned["entity_type"]),
                    str(cleaned["recogniser"]),
                    str(cleaned["action"]),
                )
                index = self._kinds.setdefault(kind, len(self._kind_list))
                if index == len(self._kind_list):
                    self._kind_list.append(kind)
                count = int(str(cleaned["count"]))
            self._row.append(row)
            self._kind.append(index)
            self._count.append(count)

    def name_rows(self, respondents: Sequence[object]) -> None:
        """The respondent id of each row."""
        self._respondents = respondents

    def __len__(self) -> int:
        return len(self._row)

    @overload
    def __getitem__(self, index: int) -> Mapping[str, object]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Mapping[str, object]]: ...
    def __getitem__(
        self, index: int | slice
    ) -> Mapping[str, object] | Sequence[Mapping[str, object]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if self._kind[index] == _EMPTY:  # an entry that was not a mapping: its respondent only
            return {"respondent": self._respondents[self._row[index]]}
        entity_type, recogniser, action = self._kind_list[self._kind[index]]
        return {
            "respondent": self._respondents[self._row[index]],
            "entity_type": entity_type,
            "recogniser": recogniser,
            "action": action,
            "count": self._count[index],
        }
