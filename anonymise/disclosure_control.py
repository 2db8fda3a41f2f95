"""Disclosure control: the lattice search's best node applied to the rows, and its report.

The report is :mod:`anonymise.disclosure_report`'s (figures before and after,
the level of each quasi-identifier, cells suppressed); what the search adds
(information loss, nodes evaluated, whether the optimum was proven, which
columns every record shares) travels beside it as :class:`SearchFigures`.
Everything is pure Python and numpy over plain rows or columns; nothing here knows the
protocol.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from anonymise.disclosure import (
    Columns,
    DisclosureReport,
    LevelChoice,
    QuasiIdentifier,
    Row,
    Value,
    measure,
    threshold_problem,
)
from anonymise.disclosure_lattice import Lattice, at_depth, depth_name, search


@dataclass(frozen=True)
class SearchFigures:
    """How much information control took, and how the search went (figures only)."""

    information_loss: float
    """Share of quasi-identifier information lost (0 none, 1 every cell suppressed)."""
    suppressed_records: int
    """Records whose quasi-identifiers were suppressed locally."""
    nodes_evaluated: int
    """Lattice nodes evaluated."""
    optimal: bool
    """Whether the search proved the node optimal (else it stopped at its limit)."""
    shared_by_all: tuple[str, ...]
    """Quasi-identifiers every record shares: never generalised or suppressed."""

    def to_json(self) -> dict[str, object]:
        return {
            "information_loss": round(self.information_loss, 4),
            "suppressed_records": self.suppressed_records,
            "nodes_evaluated": self.nodes_evaluated,
            "optimal": self.optimal,
            "shared_by_all": list(self.shared_by_all),
        }

    def line(self) -> str:
        """One line for the report."""
        proof = "optimal" if self.optimal else "best found within the search limit"
        return (
            f"information loss {self.information_loss:.1%} ({proof}, "
            f"{self.nodes_evaluated} plan(s) compared); "
            f"{self.suppressed_records} record(s) suppressed locally"
        )


@dataclass(frozen=True)
class ControlOutcome:
    """The controlled rows, the report, and the search's figures."""

    rows: tuple[dict[str, Value], ...]
    report: DisclosureReport
    search: SearchFigures


@dataclass(frozen=True)
class ColumnOutcome:
    """The controlled quasi-identifier columns, the report, and the search's figures."""

    columns: dict[str, list[Value]]
    """Each quasi-identifier's values after control, one per row (other columns are unchanged)."""
    report: DisclosureReport
    search: SearchFigures


def control(
    rows: Sequence[Row],
    quasi_identifiers: Sequence[QuasiIdentifier],
    sensitive: Sequence[str] = (),
    *,
    k: int = 3,
    l_diversity: int = 2,
    max_suppressed_share: float = 0.1,
) -> ControlOutcome:
    """Generalise and suppress with the least loss that gives k rows and l values per group.

    At most ``max_suppressed_share`` of the rows are suppressed locally. When
    the threshold cannot hold (fewer rows than ``k``, too little diversity in
    the whole table) the rows are still as protected as control can make
    them, and the report says why.
    """
    names = [qi.name for qi in quasi_identifiers]
    table = Columns.of_rows(rows, [*names, *sensitive])
    outcome = control_columns(
        table,
        quasi_identifiers,
        sensitive,
        k=k,
        l_diversity=l_diversity,
        max_suppressed_share=max_suppressed_share,
    )
    controlled: list[dict[str, Value]] = []
    for index, row in enumerate(rows):
        out = dict(row)
        for name in names:
            out[name] = outcome.columns[name][index]
        controlled.append(out)
    return ControlOutcome(tuple(controlled), outcome.report, outcome.search)


def control_columns(
    table: Columns,
    quasi_identifiers: Sequence[QuasiIdentifier],
    sensitive: Sequence[str] = (),
    *,
    k: int = 3,
    l_diversity: int = 2,
    max_suppressed_share: float = 0.1,
) -> ColumnOutcome:
    """:func:`control` on a table held by column: only the quasi-identifier columns change."""
    if k < 1 or l_diversity < 1:
        raise ValueError("k and l must be at least 1")
    names = [qi.name for qi in quasi_identifiers]
    if len(set(names)) != len(names):
        raise ValueError("quasi-identifiers must have distinct names")
    size = table.size
    budget = int(max_suppressed_share * size)
    lattice = Lattice(table, quasi_identifiers, sensitive, k, l_diversity, budget)
    found = search(lattice)
    if found.best is not None:
        depths, blanked = found.best.depths, set(found.best.suppressed_rows)
    else:
        # Nothing is feasible: export as protected as control can make it, and say so.
        depths = tuple(
            0 if constant else top
            for top, constant in zip(lattice.tops, lattice.constant, strict=True)
        )
        blanked = set(range(size))
    suppressed: Counter[str] = Counter()
    columns: dict[str, list[Value]] = {}
    for qi, depth, constant in zip(quasi_identifiers, depths, lattice.constant, strict=True):
        column = at_depth(qi, table.get(qi.name), depth)
        if not constant:
            for index in blanked:
                if column[index] is not None:
                    column[index] = None
                    suppressed[qi.name] += 1
        columns[qi.name] = column
    controlled = Columns({**{n: table.get(n) for n in sensitive}, **columns}, size)
    before = measure(table, names, sensitive, k=k, l_diversity=l_diversity)
    after = measure(controlled, names, sensitive, k=k, l_diversity=l_diversity)
    problem = threshold_problem(after, size, k, l_diversity, sensitive, controlled)
    report = DisclosureReport(
        k=k,
        l_diversity=l_diversity,
        quasi_identifiers=tuple(names),
        sensitive=tuple(sensitive),
        before=before,
        after=after,
        levels={
            qi.name: LevelChoice(depth, depth_name(qi, depth), suppressed[qi.name])
            for qi, depth in zip(quasi_identifiers, depths, strict=True)
        },
        suppressed_cells=sum(suppressed.values()),
        satisfied=not problem,
        problem=problem,
    )
    figures = SearchFigures(
        information_loss=found.best.loss if found.best is not None else 1.0,
        suppressed_records=len(blanked) if found.best is not None else size,
        nodes_evaluated=found.evaluated,
        optimal=found.complete and found.best is not None,
        shared_by_all=tuple(
            n for n, constant in zip(names, lattice.constant, strict=True) if constant
        ),
    )
    return ColumnOutcome(columns, report, figures)
