"""Stata integers in the smallest storage type that holds them: byte, int or long.

pyreadstat stores every integer column as ``long`` (4 bytes). Stata itself
stores a code of 1 to 5 as ``byte``, and readers take the storage type as
what the column is: R's readstata13 and Stata's ``describe`` show a long,
and the file is up to four times larger than it needs to be. This rewrites a
format-118 file's ``long`` columns as ``byte`` or ``int`` when every value
and every extended missing value (``.a``, ``.b``...) fits, and changes
nothing else: names, labels, value labels and the other columns keep their
bytes. The layout is Stata's published ``dta`` 118 format.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np

BYTE, INT, LONG, FLOAT, DOUBLE = 65530, 65529, 65528, 65527, 65526
"""Stata's codes for its numeric storage types."""
STRL = 32768
"""A long string, stored in the data as an 8-byte reference."""
VALID = {BYTE: (-127, 100), INT: (-32767, 32740), LONG: (-2147483647, 2147483620)}
"""The values each integer type holds; those above are missing values."""
MISSING = {BYTE: 101, INT: 32741, LONG: 2147483621}
"""Each integer type's system missing value ``.``; ``.a`` is one more, ``.z`` 26 more."""
TYPE_NAMES = {BYTE: "byte", INT: "int", LONG: "long", FLOAT: "float", DOUBLE: "double"}
_NUMPY = {BYTE: "i1", INT: "i2", LONG: "i4", FLOAT: "f4", DOUBLE: "f8"}
_HEAD = b"<stata_dta><header><release>118</release><byteorder>"
_MAP_WITHIN = 4096
"""The map follows the header, whose label and timestamp are short: it lies in these bytes."""
CHUNK_ROWS = 8192
"""Observations read and written at a time."""
_DATA_MAP_ENTRY = 9
"""The map's entries: ..., 9 ``<data>``, 10 ``<strls>``, 11 ``<value_labels>``, 12 the end tag,
13 the end of the file; those after the data move when its width changes."""


class DtaLayoutError(ValueError):
    """The file is not a format-118 ``.dta`` laid out as expected."""


def narrow_integers(path: Path, *, chunk_rows: int = CHUNK_ROWS) -> dict[str, str]:
    """Rewrite ``path``'s long columns in the smallest type; returns each column's type name.

    The data are read twice, ``chunk_rows`` observations at a time (once to
    find each column's range, once to write), into a new file beside ``path``
    that then replaces it: memory stays flat in the number of observations.
    """
    with path.open("rb") as source:
        data_at = _data_start(source.read(_MAP_WITHIN))
        source.seek(0)
        before_data = source.read(data_at)
        layout = _layout(before_data)
        old = _row_type(layout.types, layout.order)
        longs = [i for i, t in enumerate(layout.types) if t == LONG]
        low = dict.fromkeys(longs, 0)
        high = dict.fromkeys(longs, 0)
        for table in _chunks(source, layout, old, chunk_rows):
            for i in longs:
                values = table[f"c{i}"][table[f"c{i}"] < MISSING[LONG]]
                if len(values):
                    low[i] = min(low[i], int(values.min()))
                    high[i] = max(high[i], int(values.max()))
        new_types = [
            _narrowest(low[i], high[i]) if t == LONG else t for i, t in enumerate(layout.types)
        ]
        names = {i: name for i, name in enumerate(layout.names)}
        kinds = {names[i]: TYPE_NAMES.get(t, "str") for i, t in enumerate(new_types)}
        if new_types == layout.types:
            return kinds
        new = _row_type(new_types, layout.order)
        offsets = list(layout.offsets)
        shift = (new.itemsize - old.itemsize) * layout.rows
        for entry in range(_DATA_MAP_ENTRY + 1, len(offsets)):
            offsets[entry] += shift
        head_out = bytearray(before_data)
        head_out[layout.map_at : layout.map_at + 14 * 8] = struct.pack(
            layout.order + "14Q", *offsets
        )
        count = len(new_types)
        head_out[layout.types_at : layout.types_at + 2 * count] = struct.pack(
            layout.order + f"{count}H", *new_types
        )
        narrowed = path.with_name(path.name + ".narrow")
        try:
            with narrowed.open("xb") as target:
                narrowed.chmod(0o600)
                target.write(head_out)
                for table in _chunks(source, layout, old, chunk_rows):
                    out = np.empty(len(table), dtype=new)
                    for i, (was, now) in enumerate(zip(layout.types, new_types, strict=True)):
                        column = table[f"c{i}"]
                        out[f"c{i}"] = _recode(column, was, now) if was != now else column
                    target.write(out.tobytes())
                while piece := source.read(1 << 20):
                    target.write(piece)
        except BaseException:
            narrowed.unlink(missing_ok=True)  # nothing half-written stays in the export
            raise
    narrowed.replace(path)
    return kinds


@dataclass(frozen=True)
class _Layout:
    """Where a format-118 file keeps what this module reads."""

    order: str
    rows: int
    map_at: int
    offsets: tuple[int, ...]
    types_at: int
    types: list[int]
    names: list[str]
    data_at: int


def _data_start(head: bytes) -> int:
    """Where the observations begin, from the map near the start of the file."""
    order = _order(head)
    try:
        map_at = head.index(b"<map>") + len(b"<map>")
        offsets = struct.unpack(order + "14Q", head[map_at : map_at + 14 * 8])
    except (ValueError, struct.error):
        raise DtaLayoutError("the file's header is not as format 118 lays it out") from None
    return int(offsets[_DATA_MAP_ENTRY]) + len(b"<data>")


def _order(head: bytes) -> str:
    if not head.startswith(_HEAD):
        raise DtaLayoutError("not a Stata format-118 file")
    order = {b"LSF": "<", b"MSF": ">"}.get(head[len(_HEAD) : len(_HEAD) + 3])
    if order is None:
        raise DtaLayoutError("unknown byte order")
    return order


def _layout(head: bytes) -> _Layout:
    """The layout, from everything before the data."""
    order = _order(head)
    try:
        count = struct.unpack(order + "H", _after(head, b"<K>", 2))[0]
        rows = struct.unpack(order + "Q", _after(head, b"<N>", 8))[0]
        map_at = head.index(b"<map>") + len(b"<map>")
        offsets = struct.unpack(order + "14Q", head[map_at : map_at + 14 * 8])
        types_at = offsets[2] + len(b"<variable_types>")
        types = list(struct.unpack(order + f"{count}H", head[types_at : types_at + 2 * count]))
        names = [_name(head, offsets[3] + len(b"<varnames>") + 129 * i) for i in range(count)]
    except (ValueError, struct.error):
        raise DtaLayoutError("the file's header is not as format 118 lays it out") from None
    return _Layout(order, rows, map_at, offsets, types_at, types, names, len(head))


def _chunks(
    source: BinaryIO, layout: _Layout, row: np.dtype[np.void], chunk_rows: int
) -> Iterator[np.ndarray]:
    """The observations, ``chunk_rows`` at a time, from the start of the data."""
    source.seek(layout.data_at)
    left = layout.rows
    while left:
        take = min(left, chunk_rows)
        data = source.read(take * row.itemsize)
        if len(data) != take * row.itemsize:
            raise DtaLayoutError("the file ends inside its data")
        yield np.frombuffer(data, dtype=row)
        left -= take


def _after(data: bytes, tag: bytes, size: int) -> bytes:
    at = data.index(tag) + len(tag)
    return data[at : at + size]


def _name(data: bytes, at: int) -> str:
    return data[at : at + 129].split(b"\0", 1)[0].decode("utf-8")


def _row_type(types: list[int], order: str) -> np.dtype[np.void]:
    """One observation as a packed structured type, one field ``c<i>`` per variable."""
    fields: list[tuple[str, str]] = []
    for i, code in enumerate(types):
        if code in _NUMPY:
            fields.append((f"c{i}", order + _NUMPY[code]))
        elif code == STRL:
            fields.append((f"c{i}", "V8"))
        elif 1 <= code <= 2045:
            fields.append((f"c{i}", f"V{code}"))  # raw bytes, kept as they are
        else:
            raise DtaLayoutError(f"unknown variable type {code}")
    return np.dtype(fields)  # packed: numpy adds no padding to a list of fields


def _narrowest(low: int, high: int) -> int:
    """The smallest integer type holding values from ``low`` to ``high`` (and its missing ones)."""
    for candidate in (BYTE, INT):
        if VALID[candidate][0] <= low and high <= VALID[candidate][1]:
            return candidate
    return LONG


def _recode(column: np.ndarray, was: int, now: int) -> np.ndarray:
    """Values as they are; each missing value moved to the same letter of the new type."""
    missing = column >= MISSING[was]
    moved = np.where(missing, column - MISSING[was] + MISSING[now], column)
    return moved.astype(_NUMPY[now])
