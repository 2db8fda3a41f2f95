"""A table held by column: each column its distinct values once and a small integer per row.

An export of 100,000 records must not hold 100,000 dicts of cells: a Python
dict per row costs kilobytes, and the writers copy it again. Here each
column keeps its distinct values once (a pool; ``None`` always first) and,
for each row, the index of its value in a numpy array of the smallest
unsigned type that holds the pool's size: a coded answer costs one byte a
row, a text its string (once) and four bytes. Values are told apart by type
as well as by value, so ``1`` and ``1.0`` stay distinct (they are written
differently).

:class:`Table` is a read-only sequence of rows (each a fresh dict, for code
that reads rows one by one) whose columns the writers read in slices.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar, overload

import numpy as np

Cell = int | float | str | None
"""One value of the table; ``None`` is missing (unanswered, not asked or suppressed)."""
V = TypeVar("V", bound=Hashable)
W = TypeVar("W", bound=Hashable)

BATCH_ROWS = 1024
"""Rows read at a time when a writer walks the table."""


def _codes_type(size: int) -> type[np.unsignedinteger]:
    """The smallest unsigned integer type holding indices below ``size``."""
    if size <= 1 << 8:
        return np.uint8
    if size <= 1 << 16:
        return np.uint16
    return np.uint32


class Column(Generic[V]):
    """One column: its distinct values (``None`` first) and each row's index among them."""

    __slots__ = ("_objects", "codes", "pool")

    def __init__(self, pool: Sequence[V | None], codes: np.ndarray) -> None:
        if not pool or pool[0] is not None:
            raise ValueError("a column's pool starts with None")
        self.pool: tuple[V | None, ...] = tuple(pool)
        self.codes = codes.astype(_codes_type(len(self.pool)), copy=False)
        objects = np.empty(len(self.pool), dtype=object)
        for index, value in enumerate(self.pool):
            objects[index] = value  # one by one: a tuple is one value, not a row of them
        self._objects = objects

    @classmethod
    def of(cls, values: Sequence[V | None]) -> Column[V]:
        """A column of these values."""
        builder: ColumnBuilder[V] = ColumnBuilder()
        for value in values:
            builder.append(value)
        return builder.build()

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, index: int) -> V | None:
        return self.pool[int(self.codes[index])]

    def values(self, start: int = 0, stop: int | None = None) -> list[V | None]:
        """The values of rows ``start`` to ``stop`` (all by default), as a list."""
        taken: list[V | None] = self._objects[self.codes[start:stop]].tolist()
        return taken

    def used(self) -> list[V | None]:
        """The distinct values some row holds (``None`` among them if a row is missing)."""
        present = np.bincount(self.codes, minlength=len(self.pool)) > 0
        return [value for value, here in zip(self.pool, present.tolist(), strict=True) if here]

    def replace(self, values: Sequence[W | None]) -> Column[W]:
        """The column with each distinct value replaced: ``pool[i]`` by ``values[i]``."""
        if len(values) != len(self.pool):
            raise ValueError("one new value for each distinct value")
        builder: ColumnBuilder[W] = ColumnBuilder()
        remap = np.fromiter(
            (builder.index(value) for value in values), dtype=np.uint32, count=len(values)
        )
        return Column(builder.pool(), remap[self.codes])


class ColumnBuilder(Generic[V]):
    """A column filled one value at a time."""

    __slots__ = ("_codes", "_index", "_pool")

    def __init__(self) -> None:
        self._index: dict[tuple[type, Hashable], int] = {(type(None), None): 0}
        self._pool: list[V | None] = [None]
        self._codes = array("I")

    def index(self, value: V | None) -> int:
        """The index of ``value`` in the pool, adding it if new."""
        key = (type(value), value)
        found = self._index.get(key)
        if found is None:
            found = self._index[key] = len(self._pool)
            self._pool.append(value)
        return found

    def append(self, value: V | None) -> None:
        """Add a row's value."""
        self._codes.append(self.index(value))

    def pool(self) -> list[V | None]:
        """The distinct values so far, ``None`` first."""
        return list(self._pool)

    def build(self) -> Column[V]:
        """The column of every value appended."""
        codes = np.frombuffer(self._codes, dtype=np.uint32) if self._codes else np.zeros(0)
        return Column(self._pool, np.asarray(codes, dtype=np.uint32))


class Table(Sequence[Mapping[str, Cell]]):
    """Rows held by column; iterating gives each row as a fresh dict of every column."""

    def __init__(self, columns: Mapping[str, AnyColumn]) -> None:
        sizes = {len(column) for column in columns.values()}
        if len(sizes) > 1:
            raise ValueError("every column of a table has one value per row")
        self.columns: dict[str, AnyColumn] = dict(columns)
        self._size = sizes.pop() if sizes else 0

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.columns)

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: int) -> Mapping[str, Cell]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Mapping[str, Cell]]: ...
    def __getitem__(self, index: int | slice) -> Mapping[str, Cell] | Sequence[Mapping[str, Cell]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._size))]
        if not -self._size <= index < self._size:
            raise IndexError("row out of range")
        index %= self._size or 1
        return {name: column.values(index, index + 1)[0] for name, column in self.columns.items()}

    def __iter__(self) -> Iterator[Mapping[str, Cell]]:
        names = self.names
        for batch in self.batches(names):
            for values in batch:
                yield dict(zip(names, values, strict=True))

    def column(self, name: str) -> list[Cell]:
        """Every row's value of one column (``None`` for a column the table lacks)."""
        found = self.columns.get(name)
        return [None] * self._size if found is None else found.values()

    def column_batches(
        self, names: Sequence[str], rows: int = BATCH_ROWS
    ) -> Iterator[list[list[Cell]]]:
        """The values of ``names`` (a list for each), ``rows`` rows at a time, in order."""
        for start in range(0, self._size, rows):
            stop = min(start + rows, self._size)
            columns: list[list[Cell]] = []
            for name in names:
                found = self.columns.get(name)
                columns.append(
                    [None] * (stop - start) if found is None else found.values(start, stop)
                )
            yield columns

    def batches(
        self, names: Sequence[str], rows: int = BATCH_ROWS
    ) -> Iterator[list[tuple[Cell, ...]]]:
        """The rows' values of ``names`` (a tuple for each row), ``rows`` rows at a time."""
        for start, columns in zip(
            range(0, self._size, rows), self.column_batches(names, rows), strict=True
        ):
            stop = min(start + rows, self._size)
            yield list(zip(*columns, strict=True)) if columns else [() for _ in range(start, stop)]


TEXT_BLOCK = 256
"""Rows of a text column compressed together."""
_NO_TEXT = -1
"""The length recorded for a missing text."""


class TextColumn:
    """A column of long texts, nearly all distinct: UTF-8, compressed a block of rows at a time.

    A Python string of text with one emoji in it takes four bytes a character;
    here a text costs about a quarter of its UTF-8 bytes, and is decoded again
    only while a writer reads its block.
    """

    __slots__ = ("_blocks", "_size")

    def __init__(self, blocks: Sequence[tuple[bytes, array[int]]], size: int) -> None:
        self._blocks = tuple(blocks)
        self._size = size

    @classmethod
    def of(cls, values: Iterable[str | None]) -> TextColumn:
        """A column of these texts."""
        builder = TextColumnBuilder()
        for value in values:
            builder.append(value)
        return builder.build()

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, index: int) -> Cell:
        return self.values(index, index + 1)[0]

    def _block(self, number: int) -> list[Cell]:
        packed, lengths = self._blocks[number]
        data = zlib.decompress(packed)
        out: list[Cell] = []
        at = 0
        for length in lengths:
            if length == _NO_TEXT:
                out.append(None)
            else:
                out.append(data[at : at + length].decode("utf-8"))
                at += length
        return out

    def values(self, start: int = 0, stop: int | None = None) -> list[Cell]:
        """The texts of rows ``start`` to ``stop`` (all by default), as a list."""
        stop = self._size if stop is None else min(stop, self._size)
        out: list[Cell] = []
        for number in range(start // TEXT_BLOCK, (stop + TEXT_BLOCK - 1) // TEXT_BLOCK):
            first = number * TEXT_BLOCK
            block = self._block(number)
            out.extend(block[max(start - first, 0) : stop - first])
        return out

    def blocks(self) -> Iterator[list[Cell]]:
        """The texts, a block of rows at a time."""
        for number in range(len(self._blocks)):
            yield self._block(number)

    def used(self) -> list[Cell]:
        """Every row's text (a text column's values are nearly all distinct)."""
        return self.values()

    def arrow(self, start: int, stop: int, *, empty_for_missing: bool = False) -> Any:
        """Rows ``start`` to ``stop`` as a pyarrow chunked string array (one chunk a block),
        built from the UTF-8 bytes without a Python string per text; missing texts are
        nulls, or empty strings with ``empty_for_missing``."""
        import pyarrow as pa

        pieces = []
        for number in range(start // TEXT_BLOCK, (stop + TEXT_BLOCK - 1) // TEXT_BLOCK):
            first = number * TEXT_BLOCK
            packed, lengths = self._blocks[number]
            sizes = np.array(lengths, dtype=np.int32)
            absent = sizes == _NO_TEXT
            offsets = np.zeros(len(sizes) + 1, dtype=np.int32)
            np.cumsum(np.where(absent, 0, sizes), out=offsets[1:])
            nulls = None
            if absent.any() and not empty_for_missing:
                nulls = pa.py_buffer(np.packbits(~absent, bitorder="little"))
            block = pa.StringArray.from_buffers(
                len(sizes), pa.py_buffer(offsets), pa.py_buffer(zlib.decompress(packed)), nulls
            )
            pieces.append(block.slice(max(start - first, 0), stop - max(start, first)))
        return pa.chunked_array(pieces, type=pa.string())


class TextColumnBuilder:
    """A text column filled one row at a time."""

    __slots__ = ("_blocks", "_lengths", "_pending", "_size")

    def __init__(self) -> None:
        self._blocks: list[tuple[bytes, array[int]]] = []
        self._pending: list[bytes] = []
        self._lengths = array("i")
        self._size = 0

    def append(self, value: str | None) -> None:
        """Add a row's text (``None`` when it has none)."""
        if value is None:
            self._lengths.append(_NO_TEXT)
        else:
            encoded = value.encode("utf-8")
            self._pending.append(encoded)
            self._lengths.append(len(encoded))
        self._size += 1
        if len(self._lengths) == TEXT_BLOCK:
            self._seal()

    def _seal(self) -> None:
        self._blocks.append((zlib.compress(b"".join(self._pending), 1), self._lengths))
        self._pending = []
        self._lengths = array("i")

    def build(self) -> TextColumn:
        """The column of every text appended."""
        if self._lengths:
            self._seal()
        return TextColumn(self._blocks, self._size)


AnyColumn = Column[Cell] | TextColumn
"""A column of a table: coded values, or long texts."""
