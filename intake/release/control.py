"""Disclosure control of a release: the lattice search's best node applied, and its report.

The report is :mod:`anonymise.disclosure`'s (figures before and after, the
level of each quasi-identifier, cells suppressed), so the command line, the
steward's screen and the manifest read it as before; what the search adds
(information loss, nodes evaluated, whether the optimum was proven, which
columns every record shares) travels beside it as :class:`SearchFigures`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from anonymise.disclosure import (
    DisclosureReport,
    LevelChoice,
    QuasiIdentifier,
    Row,
    Value,
    measure,
    threshold_problem,
)
from intake.release.lattice import Lattice, at, depth_name, search


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


def control_release(
    rows: Sequence[Row],
    quasi_identifiers: Sequence[QuasiIdentifier],
    sensitive: Sequence[str],
    *,
    k: int,
    l_diversity: int,
    max_suppressed_share: float,
) -> ControlOutcome:
    """Generalise and suppress with the least loss that gives k rows and l values per group."""
    if k < 1 or l_diversity < 1:
        raise ValueError("k and l must be at least 1")
    names = [qi.name for qi in quasi_identifiers]
    budget = int(max_suppressed_share * len(rows))
    lattice = Lattice(rows, quasi_identifiers, sensitive, k, l_diversity, budget)
    found = search(lattice)
    if found.best is not None:
        depths, blanked = found.best.depths, set(found.best.suppressed_rows)
    else:
        # Nothing is feasible: export as protected as control can make it, and say so.
        depths = tuple(
            0 if constant else top
            for top, constant in zip(lattice.tops, lattice.constant, strict=True)
        )
        blanked = set(range(len(rows)))
    suppressed: Counter[str] = Counter()
    controlled: list[dict[str, Value]] = []
    for index, row in enumerate(rows):
        out = dict(row)
        for qi, depth, constant in zip(quasi_identifiers, depths, lattice.constant, strict=True):
            value = at(qi, row.get(qi.name), depth)
            if index in blanked and not constant and value is not None:
                value = None
                suppressed[qi.name] += 1
            out[qi.name] = value
        controlled.append(out)
    before = measure(rows, names, sensitive, k=k, l_diversity=l_diversity)
    after = measure(controlled, names, sensitive, k=k, l_diversity=l_diversity)
    problem = threshold_problem(after, len(controlled), k, l_diversity, sensitive, controlled)
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
        suppressed_records=len(blanked) if found.best is not None else len(rows),
        nodes_evaluated=found.evaluated,
        optimal=found.complete and found.best is not None,
        shared_by_all=tuple(
            n for n, constant in zip(names, lattice.constant, strict=True) if constant
        ),
    )
    return ControlOutcome(tuple(controlled), report, figures)
