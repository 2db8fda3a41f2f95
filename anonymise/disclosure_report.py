"""What disclosure control reports: risk figures before and after, the levels chosen.

The report holds figures and column names only, never a data value, so it can
be shown to the steward and kept with the export.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class RiskFigures:
    """How exposed a table is, over its quasi-identifiers."""

    records: int
    """Rows in the table."""
    groups: int
    """Distinct combinations of quasi-identifier values (equivalence classes)."""
    smallest_group: int
    """Size of the smallest group (0 for an empty table)."""
    unique_records: int
    """Rows whose combination no other row shares."""
    records_below_k: int
    """Rows in groups smaller than k."""
    lowest_diversity: int | None
    """Fewest distinct values of a sensitive field within one group (None: none declared)."""
    records_below_l: int
    """Rows in groups where some sensitive field has fewer than l distinct values."""

    def to_json(self) -> dict[str, int | None]:
        """The figures as a JSON object."""
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class LevelChoice:
    """The generalisation chosen for one quasi-identifier."""

    depth: int
    """0 for the original values, n for the n-th level."""
    name: str
    """The name of that level."""
    suppressed_cells: int
    """Cells of this column suppressed locally after generalisation."""


@dataclass(frozen=True)
class DisclosureReport:
    """What control found before, what it changed, and what it leaves."""

    k: int
    """The group size required."""
    l_diversity: int
    """The distinct sensitive values required in each group."""
    quasi_identifiers: tuple[str, ...]
    """The columns grouped on."""
    sensitive: tuple[str, ...]
    """The columns whose diversity is required."""
    before: RiskFigures
    """The table as given."""
    after: RiskFigures
    """The table as it would be exported."""
    levels: Mapping[str, LevelChoice]
    """The level chosen for each quasi-identifier."""
    suppressed_cells: int
    """Cells suppressed locally, in all."""
    satisfied: bool
    """Whether every group has at least k rows and l distinct sensitive values."""
    problem: str = ""
    """Why the threshold cannot hold, when it does not (one line, no data values)."""

    @property
    def refused(self) -> bool:
        """Whether an export at these settings must be refused (unless risk is accepted)."""
        return not self.satisfied

    def to_json(self) -> dict[str, object]:
        """The report as a JSON object (figures and names only, never values)."""
        return {
            "k": self.k,
            "l": self.l_diversity,
            "quasi_identifiers": list(self.quasi_identifiers),
            "sensitive": list(self.sensitive),
            "before": self.before.to_json(),
            "after": self.after.to_json(),
            "levels": {
                name: {
                    "depth": choice.depth,
                    "level": choice.name,
                    "suppressed_cells": choice.suppressed_cells,
                }
                for name, choice in self.levels.items()
            },
            "suppressed_cells": self.suppressed_cells,
            "satisfied": self.satisfied,
            "problem": self.problem,
        }

    def lines(self) -> list[str]:
        """The report as lines a steward reads before anything is written."""
        b, a = self.before, self.after
        out = [
            f"k-anonymity over {', '.join(self.quasi_identifiers) or 'no quasi-identifiers'}"
            f" (k = {self.k}); l-diversity over {', '.join(self.sensitive) or 'none'}"
            f" (l = {self.l_diversity})",
            f"before: {b.records} records, {b.groups} groups, smallest {b.smallest_group}, "
            f"{b.unique_records} unique, {b.records_below_k} below k, "
            f"{b.records_below_l} below l",
            f"after:  {a.records} records, {a.groups} groups, smallest {a.smallest_group}, "
            f"{a.unique_records} unique, {a.records_below_k} below k, "
            f"{a.records_below_l} below l",
        ]
        for name, choice in self.levels.items():
            out.append(
                f"  {name}: exported as {choice.name}"
                + (
                    f", {choice.suppressed_cells} cell(s) suppressed"
                    if choice.suppressed_cells
                    else ""
                )
            )
        out.append(f"suppressed cells: {self.suppressed_cells}")
        out.append("threshold holds" if self.satisfied else f"threshold NOT met: {self.problem}")
        return out
