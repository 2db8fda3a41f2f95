"""Structured disclosure control: k-anonymity, l-diversity, generalisation and suppression.

A published table re-identifies people through rare combinations of ordinary
answers (country, age, the year someone joined). Over the declared
quasi-identifiers, every combination must be shared by at least ``k`` records
(k-anonymity), and within each such group every declared sensitive field must
take at least ``l`` distinct values (distinct l-diversity), so that knowing
someone's group does not reveal their sensitive answer.

The caller describes each quasi-identifier by its generalisation levels, from
most to least detailed: each level is a function of the *original* value
(country code to region code, year to period). This module holds what a
quasi-identifier is and how a table's risk is measured;
:mod:`anonymise.disclosure_lattice` searches the levels of all
quasi-identifiers together for the least information loss, and
:func:`anonymise.disclosure_control.control` applies the plan it finds and
reports what it did (:mod:`anonymise.disclosure_report`).

Everything is pure Python over plain rows (or a table held by column,
:class:`Columns`); nothing here knows the protocol.
A missing answer and a suppressed cell are the same thing to a reader of the
export, so both count as one value, ``None``, when records are grouped; an
unanswered sensitive field likewise counts as one value of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from anonymise.disclosure_report import DisclosureReport as DisclosureReport
from anonymise.disclosure_report import LevelChoice as LevelChoice
from anonymise.disclosure_report import RiskFigures as RiskFigures

Value = Hashable | None
"""One cell: anything hashable; ``None`` for a missing or suppressed answer."""
Row = Mapping[str, Value]


@dataclass(frozen=True)
class Columns:
    """A table held by column (a large table need not be a dict per row): values, one per row."""

    values: Mapping[str, Sequence[Value]]
    """Each column's values by name; a column not named here is missing in every row."""
    size: int
    """The number of rows."""

    def __post_init__(self) -> None:
        if any(len(column) != self.size for column in self.values.values()):
            raise ValueError("every column has one value per row")

    @classmethod
    def of_rows(cls, rows: Sequence[Row], names: Sequence[str]) -> Columns:
        """The named columns of ``rows``."""
        return cls({name: [row.get(name) for row in rows] for name in names}, len(rows))

    def get(self, name: str) -> Sequence[Value]:
        """One column's values (``None`` in every row for a column not held)."""
        found = self.values.get(name)
        return [None] * self.size if found is None else found


def as_columns(table: Sequence[Row] | Columns, names: Sequence[str]) -> Columns:
    """``table`` held by column (rows are read into the named columns)."""
    return table if isinstance(table, Columns) else Columns.of_rows(table, names)


@dataclass(frozen=True)
class QuasiIdentifier:
    """A column an attacker may know from elsewhere, and how it can be coarsened."""

    name: str
    """The column's name in the rows."""
    levels: tuple[Callable[[Value], Value], ...] = ()
    """Generalisations of the original value, most detailed first (depth 1, 2, ...)."""
    level_names: tuple[str, ...] = ()
    """Names of the levels for the report (defaults to ``level 1``, ``level 2``...)."""

    def name_of(self, depth: int) -> str:
        """The name of a depth: the column itself at 0, a level above it."""
        if depth == 0:
            return self.name
        if depth - 1 < len(self.level_names):
            return self.level_names[depth - 1]
        return f"level {depth}"

    def at(self, value: Value, depth: int) -> Value:
        """The value at ``depth`` (0 is the original; ``None`` stays ``None``)."""
        if depth == 0 or value is None:
            return value
        return self.levels[depth - 1](value)


def measure(
    rows: Sequence[Row] | Columns,
    quasi_identifiers: Sequence[str],
    sensitive: Sequence[str] = (),
    *,
    k: int = 1,
    l_diversity: int = 1,
) -> RiskFigures:
    """The risk figures of a table as it stands (held by row or by column)."""
    table = as_columns(rows, [*quasi_identifiers, *sensitive])
    groups = _groups(table, quasi_identifiers)
    sizes = [len(members) for members in groups.values()]
    values = [table.get(name) for name in sensitive]
    diversity = [_diversity(values, members) for members in groups.values()]
    below_l = sum(
        len(members)
        for members, div in zip(groups.values(), diversity, strict=True)
        if div is not None and div < l_diversity
    )
    known = [d for d in diversity if d is not None]
    return RiskFigures(
        records=table.size,
        groups=len(groups),
        smallest_group=min(sizes, default=0),
        unique_records=sum(1 for size in sizes if size == 1),
        records_below_k=sum(size for size in sizes if size < k),
        lowest_diversity=min(known, default=None) if sensitive else None,
        records_below_l=below_l,
    )


def _groups(table: Columns, names: Sequence[str]) -> dict[tuple[Value, ...], list[int]]:
    groups: dict[tuple[Value, ...], list[int]] = defaultdict(list)
    keys = zip(*(table.get(name) for name in names), strict=True) if names else ()
    for index, key in enumerate(keys):
        groups[key].append(index)
    if not names and table.size:
        groups[()] = list(range(table.size))
    return groups


def _diversity(sensitive: Sequence[Sequence[Value]], members: Sequence[int]) -> int | None:
    if not sensitive:
        return None
    return min(len({column[i] for i in members}) for column in sensitive)


def threshold_problem(
    after: RiskFigures,
    total: int,
    k: int,
    l_diversity: int,
    sensitive: Sequence[str],
    rows: Sequence[Row] | Columns,
) -> str:
    """Why the threshold does not hold after control, in one line without values ("" if it does)."""
    if total == 0:
        return ""
    if after.records_below_k == 0 and after.records_below_l == 0:
        return ""
    if total < k:
        return f"only {total} record(s): no group can reach k = {k}"
    table = as_columns(rows, sensitive)
    for name in sensitive:
        values = len(set(table.get(name)))
        if values < l_diversity:
            return (
                f"{name} takes only {values} distinct value(s) in the whole set: "
                f"l = {l_diversity} cannot hold"
            )
    return f"{after.records_below_k} record(s) below k and {after.records_below_l} below l remain"


def levels_from_mappings(
    mappings: Sequence[Mapping[Any, Value]],
) -> tuple[Callable[[Value], Value], ...]:
    """Levels given as plain mappings; a value a mapping does not list becomes ``None``."""
    return tuple((lambda value, table=table: table.get(value)) for table in mappings)
