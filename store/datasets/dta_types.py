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
from pathlib import Path

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
_DATA_MAP_ENTRY = 9
"""The map's entries: ..., 9 ``<data>``, 10 ``<strls>``, 11 ``<value_labels>``, 12 the end tag,
13 the end of the file; those after the data move when its width changes."""


class DtaLayoutError(ValueError):
    """The file is not a format-118 ``.dta`` laid out as expected."""


def narrow_integers(path: Path) -> dict[str, str]:
    """Rewrite ``path``'s long columns in the smallest type; returns each column's type name."""
    data = path.read_bytes()
    if not data.startswith(_HEAD):
        raise DtaLayoutError("not a Stata format-118 file")
    order = {b"LSF": "<", b"MSF": ">"}.get(data[len(_HEAD) : len(_HEAD) + 3])
    if order is None:
        raise DtaLayoutError("unknown byte order")
    count = struct.unpack(order + "H", _after(data, b"<K>", 2))[0]
    rows = struct.unpack(order + "Q", _after(data, b"<N>", 8))[0]
    map_at = data.index(b"<map>") + len(b"<map>")
    offsets = list(struct.unpack(order + "14Q", data[map_at : map_at + 14 * 8]))
    types_at = offsets[2] + len(b"<variable_types>")
    types = list(struct.unpack(order + f"{count}H", data[types_at : types_at + 2 * count]))
    names = [_name(data, offsets[3] + len(b"<varnames>") + 129 * i) for i in range(count)]
    old = _row_type(types, order)
    data_at = offsets[_DATA_MAP_ENTRY] + len(b"<data>")
    table = np.frombuffer(data, dtype=old, count=rows, offset=data_at)
    new_types = [_narrowest(table[f"c{i}"], t) if t == LONG else t for i, t in enumerate(types)]
    new = _row_type(new_types, order)
    out = np.empty(rows, dtype=new)
    for i, (was, now) in enumerate(zip(types, new_types, strict=True)):
        out[f"c{i}"] = _recode(table[f"c{i}"], was, now) if was != now else table[f"c{i}"]
    shift = (new.itemsize - old.itemsize) * rows
    for entry in range(_DATA_MAP_ENTRY + 1, len(offsets)):
        offsets[entry] += shift
    end_of_data = data_at + old.itemsize * rows
    rewritten = b"".join(
        (
            data[:map_at],
            struct.pack(order + "14Q", *offsets),
            data[map_at + 14 * 8 : types_at],
            struct.pack(order + f"{count}H", *new_types),
            data[types_at + 2 * count : data_at],
            out.tobytes(),
            data[end_of_data:],
        )
    )
    path.write_bytes(rewritten)
    return {name: TYPE_NAMES.get(t, "str") for name, t in zip(names, new_types, strict=True)}


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


def _narrowest(column: np.ndarray, was: int) -> int:
    """The smallest integer type holding every value and missing value of a long column."""
    values = column[column < MISSING[was]]
    low = int(values.min()) if len(values) else 0
    high = int(values.max()) if len(values) else 0
    for candidate in (BYTE, INT):
        if VALID[candidate][0] <= low and high <= VALID[candidate][1]:
            return candidate
    return was


def _recode(column: np.ndarray, was: int, now: int) -> np.ndarray:
    """Values as they are; each missing value moved to the same letter of the new type."""
    missing = column >= MISSING[was]
    moved = np.where(missing, column - MISSING[was] + MISSING[now], column)
    return moved.astype(_NUMPY[now])
