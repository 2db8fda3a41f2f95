"""Generalisation hierarchies: how a quasi-identifier is coarsened for export."""

from __future__ import annotations

import dataclasses

from intake.protocol.values import AnswerValue


@dataclasses.dataclass(frozen=True)
class Category:
    """One cell of a generalisation level: a group of codes or a range of numbers."""

    code: int
    """The integer exported for values generalised into this category."""
    label: str
    """Its label in the export's codebook (e.g. "Western countries", "2014–2016")."""
    members: frozenset[int] = frozenset()
    """For a group: the field's codes that fall into it."""
    low: int | None = None
    """For a range: the smallest value in it (inclusive)."""
    high: int | None = None
    """For a range: the largest value in it (inclusive)."""

    def contains(self, value: AnswerValue) -> bool:
        """Whether an answer falls into this category."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        if self.low is not None and self.high is not None:
            return self.low <= value <= self.high
        return value in self.members


@dataclasses.dataclass(frozen=True)
class Level:
    """One step of a generalisation hierarchy, coarser than the one before it."""

    name: str
    """The level's name (e.g. ``region_of_origin``, ``period``)."""
    categories: tuple[Category, ...]
    """The cells every value of the field falls into exactly one of."""

    def generalise(self, value: AnswerValue) -> Category | None:
        """The category a value falls into (``None`` if it is outside every one)."""
        return next((c for c in self.categories if c.contains(value)), None)

    def codebook(self) -> dict[int, str]:
        """Code to label for this level's categories."""
        return {category.code: category.label for category in self.categories}


@dataclasses.dataclass(frozen=True)
class Hierarchy:
    """How a quasi-identifier is coarsened for export, from most to least detailed.

    Depth 0 is the answer itself, depth ``1..len(levels)`` the levels in turn, and
    the last depth, :attr:`suppressed_depth`, removes the value altogether.
    """

    name: str
    """The hierarchy's name (a field id for one written inline)."""
    levels: tuple[Level, ...]
    """The intermediate levels; suppression always follows the last one."""

    @property
    def suppressed_depth(self) -> int:
        """The depth at which the value is suppressed."""
        return len(self.levels) + 1

    def level_names(self, field_id: str) -> tuple[str, ...]:
        """Names of every depth, e.g. ``("country", "region_of_origin", "suppressed")``."""
        return (field_id, *(level.name for level in self.levels), "suppressed")

    def generalise(self, value: AnswerValue, depth: int) -> AnswerValue | Category | None:
        """The value at a depth: itself, its category, or ``None`` once suppressed."""
        if depth < 0 or depth > self.suppressed_depth:
            raise ValueError(f"depth {depth} outside 0..{self.suppressed_depth}")
        if depth == 0:
            return value
        if depth == self.suppressed_depth:
            return None
        return self.levels[depth - 1].generalise(value)
