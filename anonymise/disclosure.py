"""Structured disclosure control: k-anonymity, l-diversity, generalisation and suppression.

A published table re-identifies people through rare combinations of ordinary
answers (country, age, the year someone joined). Over the declared
quasi-identifiers, every combination must be shared by at least ``k`` records
(k-anonymity), and within each such group every declared sensitive field must
take at least ``l`` distinct values (distinct l-diversity), so that knowing
someone's group does not reveal their sensitive answer.

The caller describes each quasi-identifier by its generalisation levels, from
most to least detailed: each level is a function of the *original* value
(country code to region code, year to period). :func:`control` first raises
levels one quasi-identifier at a time (greedy full-domain recoding, choosing
the step that leaves fewest records at risk), then suppresses single cells
(local suppression) of the records still at risk, and reports what it did
(:mod:`anonymise.disclosure_report`).

Everything is pure Python over plain rows; nothing here knows the protocol.
A missing answer and a suppressed cell are the same thing to a reader of the
export, so both count as one value, ``None``, when records are grouped; an
unanswered sensitive field likewise counts as one value of its own.
"""

from __future__ import annotations

from collections import Counter, defaultdict
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


@dataclass(frozen=True)
class DisclosureResult:
    """The controlled rows and the report."""

    rows: tuple[dict[str, Value], ...]
    """The rows with quasi-identifiers generalised and suppressed (other columns as given)."""
    report: DisclosureReport


def measure(
    rows: Sequence[Row],
    quasi_identifiers: Sequence[str],
    sensitive: Sequence[str] = (),
    *,
    k: int = 1,
    l_diversity: int = 1,
) -> RiskFigures:
    """The risk figures of a table as it stands."""
    groups = _groups(rows, quasi_identifiers)
    sizes = [len(members) for members in groups.values()]
    diversity = [_diversity(rows, members, sensitive) for members in groups.values()]
    below_l = sum(
        len(members)
        for members, div in zip(groups.values(), diversity, strict=True)
        if div is not None and div < l_diversity
    )
    known = [d for d in diversity if d is not None]
    return RiskFigures(
        records=len(rows),
        groups=len(groups),
        smallest_group=min(sizes, default=0),
        unique_records=sum(1 for size in sizes if size == 1),
        records_below_k=sum(size for size in sizes if size < k),
        lowest_diversity=min(known, default=None) if sensitive else None,
        records_below_l=below_l,
    )


def control(
    rows: Sequence[Row],
    quasi_identifiers: Sequence[QuasiIdentifier],
    sensitive: Sequence[str] = (),
    *,
    k: int = 3,
    l_diversity: int = 2,
    max_suppressed_share: float = 0.1,
) -> DisclosureResult:
    """Generalise and suppress until every group has ``k`` rows and ``l`` sensitive values.

    Levels are raised while more than ``max_suppressed_share`` of the rows
    would still be at risk; local suppression then handles the rest. The
    result's report says whether the threshold holds; when it cannot (fewer
    rows than ``k``, or too little diversity in the whole table) the rows are
    still as protected as control could make them, and the report says why.
    """
    if k < 1 or l_diversity < 1:
        raise ValueError("k and l must be at least 1")
    names = [qi.name for qi in quasi_identifiers]
    if len(set(names)) != len(names):
        raise ValueError("quasi-identifiers must have distinct names")
    table = _Table(rows, quasi_identifiers, sensitive, k, l_diversity)
    before = measure(rows, names, sensitive, k=k, l_diversity=l_diversity)
    budget = int(max_suppressed_share * len(rows))
    at_risk = table.at_risk()
    while len(at_risk) > budget:
        best: tuple[int, int, int, str] | None = None
        for order, qi in enumerate(quasi_identifiers):
            depth = table.depths[qi.name]
            if depth >= len(qi.levels):
                continue
            risk = len(table.at_risk({qi.name: table.column(qi, depth + 1)}))
            candidate = (risk, depth + 1, order, qi.name)
            if best is None or candidate < best:
                best = candidate
        if best is None:
            break
        table.raise_level(best[3])
        at_risk = table.at_risk()
    table.suppress_locally()
    merged = tuple({**row, **done} for row, done in zip(rows, table.rows(), strict=True))
    after = measure(merged, names, sensitive, k=k, l_diversity=l_diversity)
    problem = threshold_problem(after, len(rows), k, l_diversity, sensitive, merged)
    report = DisclosureReport(
        k=k,
        l_diversity=l_diversity,
        quasi_identifiers=tuple(names),
        sensitive=tuple(sensitive),
        before=before,
        after=after,
        levels={
            qi.name: LevelChoice(
                table.depths[qi.name],
                qi.name_of(table.depths[qi.name]),
                table.suppressed[qi.name],
            )
            for qi in quasi_identifiers
        },
        suppressed_cells=sum(table.suppressed.values()),
        satisfied=not problem,
        problem=problem,
    )
    return DisclosureResult(merged, report)


class _Table:
    """The quasi-identifier and sensitive columns, held column-wise while control works."""

    def __init__(
        self,
        rows: Sequence[Row],
        quasi_identifiers: Sequence[QuasiIdentifier],
        sensitive: Sequence[str],
        k: int,
        l_diversity: int,
    ) -> None:
        self.quasi_identifiers = list(quasi_identifiers)
        self.names = [qi.name for qi in quasi_identifiers]
        self.k = k
        self.l_diversity = l_diversity
        self.original = {name: [row.get(name) for row in rows] for name in self.names}
        self.sensitive = [[row.get(name) for row in rows] for name in sensitive]
        self.depths = {name: 0 for name in self.names}
        self.current = {name: list(values) for name, values in self.original.items()}
        self.suppressed: Counter[str] = Counter()
        self.size = len(rows)

    def column(self, qi: QuasiIdentifier, depth: int) -> list[Value]:
        """A quasi-identifier's original values recoded to ``depth``."""
        return [qi.at(value, depth) for value in self.original[qi.name]]

    def raise_level(self, name: str) -> None:
        """Recode one quasi-identifier one level up."""
        qi = self.quasi_identifiers[self.names.index(name)]
        self.depths[name] += 1
        self.current[name] = self.column(qi, self.depths[name])

    def groups(self, replaced: Mapping[str, list[Value]] | None = None) -> list[list[int]]:
        """Row indices grouped by their quasi-identifier values."""
        columns = [(replaced or {}).get(name, self.current[name]) for name in self.names]
        grouped: dict[tuple[Value, ...], list[int]] = defaultdict(list)
        if not columns:
            return [list(range(self.size))] if self.size else []
        for index, key in enumerate(zip(*columns, strict=True)):
            grouped[key].append(index)
        return list(grouped.values())

    def safe(self, members: Sequence[int]) -> bool:
        """Whether a group has k rows and l values of each sensitive column."""
        if len(members) < self.k:
            return False
        return all(
            len({column[i] for i in members}) >= self.l_diversity for column in self.sensitive
        )

    def at_risk(self, replaced: Mapping[str, list[Value]] | None = None) -> list[int]:
        """Rows in groups that are too small or too uniform."""
        return [i for members in self.groups(replaced) if not self.safe(members) for i in members]

    def blank(self, name: str, indices: Sequence[int]) -> None:
        """Suppress one column's cells in these rows."""
        column = self.current[name]
        for index in indices:
            if column[index] is not None:
                column[index] = None
                self.suppressed[name] += 1

    def suppress_locally(self) -> None:
        """Blank cells of rows at risk, one column at a time.

        Each round blanks, in every row still at risk, the column whose blanking
        leaves fewest rows at risk. When no single column helps, the rows still
        at risk lose every quasi-identifier; if that group of fully blanked rows
        is itself too small or too uniform, the smallest other group joins it.
        """
        if not self.names:
            return
        while True:
            at_risk = self.at_risk()
            if not at_risk:
                return
            best: tuple[int, int, int, str] | None = None
            for order, name in enumerate(self.names):
                column = self.current[name]
                blanked = [i for i in at_risk if column[i] is not None]
                if not blanked:
                    continue
                trial = list(column)
                for index in blanked:
                    trial[index] = None
                risk = len(self.at_risk({name: trial}))
                if risk < len(at_risk) and (best is None or (risk, len(blanked), order) < best[:3]):
                    best = (risk, len(blanked), order, name)
            if best is None:
                break
            self.blank(best[3], at_risk)
        while True:
            groups = self.groups()
            bad = [members for members in groups if not self.safe(members)]
            if not bad:
                return
            blank = [m for m in groups if all(self.current[n][m[0]] is None for n in self.names)]
            others = [m for m in bad if m not in blank]
            if others:
                targets = others
            else:
                rest = sorted((m for m in groups if m not in blank), key=len)
                if not rest:
                    return  # every row is blank already: nothing more suppression can do
                targets = rest[:1]
            for members in targets:
                for name in self.names:
                    self.blank(name, members)

    def rows(self) -> list[dict[str, Value]]:
        """The quasi-identifier columns as controlled, row by row."""
        return (
            [{name: self.current[name][i] for name in self.names} for i in range(self.size)]
            if self.names
            else [{} for _ in range(self.size)]
        )


def _groups(rows: Sequence[Row], names: Sequence[str]) -> dict[tuple[Value, ...], list[int]]:
    groups: dict[tuple[Value, ...], list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        groups[tuple(row.get(name) for name in names)].append(index)
    return groups


def _diversity(rows: Sequence[Row], members: Sequence[int], sensitive: Sequence[str]) -> int | None:
    if not sensitive:
        return None
    return min(len({rows[i].get(name) for i in members}) for name in sensitive)


def threshold_problem(
    after: RiskFigures,
    total: int,
    k: int,
    l_diversity: int,
    sensitive: Sequence[str],
    rows: Sequence[Row],
) -> str:
    """Why the threshold does not hold after control, in one line without values ("" if it does)."""
    if total == 0:
        return ""
    if after.records_below_k == 0 and after.records_below_l == 0:
        return ""
    if total < k:
        return f"only {total} record(s): no group can reach k = {k}"
    for name in sensitive:
        values = len({row.get(name) for row in rows})
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
