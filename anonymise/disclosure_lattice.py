"""The least information loss that satisfies k and l: a search over the generalisation lattice.

Each quasi-identifier can be exported at a depth from 0 (the answer) to its
hierarchy's top (suppressed); a choice of depth for every one is a node of the
lattice. A node is feasible when the records still at risk there (in groups
smaller than k, or with fewer than l values of a sensitive field) are at most
the allowed share; those records are then suppressed locally. Among feasible
nodes the search returns the one with the least information loss (as ARX's
optimal search does), not the first that a greedy climb reaches:

    loss = (sum over cells of the cell's loss) / (records x quasi-identifiers)

where a cell exported at level d of a hierarchy of h levels loses d / (h + 1),
and a suppressed cell (the whole column at depth h + 1, or one cell locally)
loses 1. A column in which every record shares one value never
needs suppressing and is never suppressed. Generalisation loss only grows up
the lattice, so nodes are taken in order of it and the search stops once it
alone exceeds the best total found: the result is the optimum, as an
exhaustive search finds (a test compares them). ``max_nodes`` bounds the work;
if it is reached, the best node found is used and the result says so.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np

from anonymise.disclosure import Columns, QuasiIdentifier, Row, Value, as_columns

MAX_NODES = 20_000
"""Nodes evaluated at most (the default protocol's lattice has about 41,000)."""


@dataclass(frozen=True)
class Node:
    """One evaluated choice of depths, and what it would cost."""

    depths: tuple[int, ...]
    """The depth of each quasi-identifier, in their order."""
    suppressed_rows: tuple[int, ...]
    """Rows whose quasi-identifiers are suppressed locally (their non-constant columns)."""
    generalisation_loss: float
    """Loss from the depths alone, over every cell."""
    loss: float
    """Generalisation and local suppression together (0 none, 1 every cell suppressed)."""


@dataclass(frozen=True)
class SearchResult:
    """The best node and how the search went."""

    best: Node | None
    """The feasible node of least loss (``None`` if no node is feasible)."""
    evaluated: int
    """Nodes evaluated."""
    complete: bool
    """Whether the search proved the optimum (False once ``max_nodes`` was reached)."""
    constant: tuple[bool, ...]
    """For each quasi-identifier, whether every record shares one value (never suppressed)."""


class Lattice:
    """The rows' quasi-identifier and sensitive columns, coded as integers at every depth."""

    def __init__(
        self,
        rows: Sequence[Row] | Columns,
        quasi_identifiers: Sequence[QuasiIdentifier],
        sensitive: Sequence[str],
        k: int,
        l_diversity: int,
        budget: int,
    ) -> None:
        table = as_columns(rows, [*(qi.name for qi in quasi_identifiers), *sensitive])
        self.size = table.size
        self.k = k
        self.l_diversity = l_diversity
        self.budget = budget
        self.tops = [len(qi.levels) + 1 for qi in quasi_identifiers]
        """Each quasi-identifier's suppressed depth: the whole column empty."""
        self.codes = [
            [_code(at_depth(qi, table.get(qi.name), depth)) for depth in range(top + 1)]
            for qi, top in zip(quasi_identifiers, self.tops, strict=True)
        ]
        self.widths = [[_width(column) for column in columns] for columns in self.codes]
        self.constant = tuple(len(np.unique(columns[0])) <= 1 for columns in self.codes)
        self.sensitive = [_code(table.get(name)) for name in sensitive]
        self.sensitive_widths = [_width(column) for column in self.sensitive]
        self.evaluations = 0
        """Nodes evaluated so far."""
        self.over_budget: set[tuple[int, ...]] = set()
        """Nodes found with more records at risk than the budget (so are all below them)."""

    def nodes(self) -> list[tuple[int, ...]]:
        """Every node, least generalisation loss first (constant columns stay at depth 0)."""
        ranges = [
            range(1) if constant else range(top + 1)
            for top, constant in zip(self.tops, self.constant, strict=True)
        ]
        return sorted(itertools.product(*ranges), key=lambda d: (self.generalisation(d), d))

    def generalisation(self, depths: Sequence[int]) -> float:
        """The share of information lost to the depths alone."""
        if not self.tops:
            return 0.0
        return sum(d / top for d, top in zip(depths, self.tops, strict=True)) / len(self.tops)

    def successors(self, depths: tuple[int, ...]) -> list[tuple[int, ...]]:
        """The nodes one step more generalised in one column."""
        return [
            (*depths[:i], d + 1, *depths[i + 1 :])
            for i, (d, top, constant) in enumerate(
                zip(depths, self.tops, self.constant, strict=True)
            )
            if not constant and d < top
        ]

    def records_at_risk(self, depths: tuple[int, ...]) -> int:
        """Records in groups too small or too uniform at these depths."""
        self.evaluations += 1
        return int(self._at_risk(self._groups(depths)).sum())

    def evaluate(self, depths: tuple[int, ...]) -> Node | None:
        """The node's cost, or ``None`` when more records than the budget are at risk."""
        self.evaluations += 1
        group = self._groups(depths)
        at_risk = self._at_risk(group)
        if int(at_risk.sum()) > self.budget:
            self.over_budget.add(depths)
            return None
        rows = self._suppression(group, at_risk)
        if rows is None or len(rows) > self.budget:
            return None
        generalisation = self.generalisation(depths)
        per_row = sum(
            1 - d / top
            for d, top, constant in zip(depths, self.tops, self.constant, strict=True)
            if not constant
        )
        columns = max(len(self.tops), 1)
        loss = generalisation + len(rows) * per_row / (self.size * columns) if self.size else 0.0
        return Node(depths, tuple(rows), generalisation, loss)

    def _groups(self, depths: Sequence[int]) -> np.ndarray:
        """Each row's group number at these depths (dense: 0 to groups - 1)."""
        key = np.zeros(self.size, dtype=np.int64)
        scale = 1
        for columns, widths, depth in zip(self.codes, self.widths, depths, strict=True):
            width = widths[depth]
            if width == 1:
                continue
            if scale * width >= 1 << 62:
                key, scale = _dense(key)
            key += columns[depth] * scale
            scale *= width
        if scale <= 8 * self.size + 64:
            present = np.zeros(scale, dtype=np.int64)
            present[key] = 1
            return np.asarray((np.cumsum(present) - 1)[key])
        return _dense(key)[0]

    def _at_risk(self, group: np.ndarray) -> np.ndarray:
        """Rows in groups smaller than k or with fewer than l values of a sensitive field."""
        counts = np.bincount(group)
        risk = counts[group] < self.k
        if self.l_diversity > 1:
            for column, width in zip(self.sensitive, self.sensitive_widths, strict=True):
                risk |= _diversity(group, column, width, len(counts))[group] < self.l_diversity
        return np.asarray(risk)

    def _suppression(self, group: np.ndarray, at_risk: np.ndarray) -> list[int] | None:
        """Rows to suppress: those at risk, and the smallest safe groups if they are too few.

        Suppressed rows share one group (every non-constant column empty), which
        must itself reach k and l; ``None`` if no choice of whole groups does.
        """
        rows = np.flatnonzero(at_risk)
        if not len(rows) or self._safe(rows):
            return rows.tolist()
        counts = np.bincount(group[~at_risk], minlength=int(group.max()) + 1)
        for safe_group in np.argsort(counts, kind="stable"):
            if counts[safe_group] == 0:
                continue
            rows = np.concatenate([rows, np.flatnonzero(group == safe_group)])
            if len(rows) > self.budget:
                return None
            if self._safe(rows):
                return sorted(rows.tolist())
        return None

    def _safe(self, rows: np.ndarray) -> bool:
        if len(rows) < self.k:
            return False
        return all(len(np.unique(column[rows])) >= self.l_diversity for column in self.sensitive)


def search(lattice: Lattice, max_nodes: int = MAX_NODES) -> SearchResult:
    """The feasible node of least loss.

    A greedy climb gives a first plan and a bound. Then nodes are taken from
    the most generalised down: a node whose generalisation loss alone reaches
    the best loss found cannot win and is not evaluated, and a node with a
    direct successor that leaves more records at risk than the budget does so
    too (more detail never lowers the risk: a safe group stays safe when it
    merges), so it is not evaluated either. Only that count prunes: whether
    the suppressed records can form a safe group of their own is not monotone.
    """
    best = _greedy(lattice)
    evaluated = lattice.evaluations
    complete = True
    over = lattice.over_budget
    for depths in reversed(lattice.nodes()):
        if best is not None and lattice.generalisation(depths) >= best.loss:
            continue
        if any(up in over for up in lattice.successors(depths)):
            over.add(depths)
            continue
        if lattice.evaluations - evaluated >= max_nodes:
            complete = False
            break
        node = lattice.evaluate(depths)
        if node is not None and (
            best is None or (node.loss, node.depths) < (best.loss, best.depths)
        ):
            best = node
    return SearchResult(best, lattice.evaluations, complete, lattice.constant)


def _greedy(lattice: Lattice) -> Node | None:
    """Raise, one step at a time, the column that leaves fewest records at risk."""
    depths = tuple(0 for _ in lattice.tops)
    while True:
        node = lattice.evaluate(depths)
        if node is not None:
            return node
        steps = list(lattice.successors(depths))
        if not steps:
            return None
        depths = min(steps, key=lambda d: (lattice.records_at_risk(d), lattice.generalisation(d)))


def exhaustive(lattice: Lattice) -> Node | None:
    """Every node evaluated: the reference the search must agree with (small cases only)."""
    found = [node for depths in lattice.nodes() if (node := lattice.evaluate(depths)) is not None]
    return min(found, key=lambda node: (node.loss, node.depths), default=None)


def at(qi: QuasiIdentifier, value: Value, depth: int) -> Value:
    """A value at a depth, the depth past the last level being suppression (``None``)."""
    return None if depth > len(qi.levels) else qi.at(value, depth)


def at_depth(qi: QuasiIdentifier, values: Sequence[Value], depth: int) -> list[Value]:
    """A column's values at a depth, each distinct value generalised once."""
    seen: dict[tuple[type, Value], Value] = {}
    out: list[Value] = []
    for value in values:
        key = (type(value), value)
        if key not in seen:
            seen[key] = at(qi, value, depth)
        out.append(seen[key])
    return out


def depth_name(qi: QuasiIdentifier, depth: int) -> str:
    """The name of a depth for the report."""
    return "suppressed" if depth > len(qi.levels) else qi.name_of(depth)


def _code(values: Sequence[Value]) -> np.ndarray:
    """Values as small integers, ``None`` as 0 (a missing answer is one value of its own)."""
    numbers: dict[Hashable, int] = {None: 0}
    return np.fromiter(
        (numbers.setdefault(v, len(numbers)) for v in values), dtype=np.int64, count=len(values)
    )


def _width(column: np.ndarray) -> int:
    """One more than the largest code (1 for an empty column)."""
    return int(column.max()) + 1 if len(column) else 1


def _dense(key: np.ndarray) -> tuple[np.ndarray, int]:
    """Keys renumbered 0, 1, 2... in order, and how many there are."""
    values, inverse = np.unique(key, return_inverse=True)
    return np.asarray(inverse, dtype=np.int64).reshape(-1), len(values)


def _diversity(group: np.ndarray, column: np.ndarray, width: int, groups: int) -> np.ndarray:
    """Distinct values of ``column`` in each group (a count of the pairs present)."""
    if not len(group):
        return np.zeros(0, dtype=np.int64)
    present = np.bincount(group * width + column, minlength=groups * width) > 0
    return np.asarray(present.reshape(groups, width).sum(axis=1))
