"""The condition language: when a step or field is shown, as a small tree over answers."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from enum import StrEnum

from intake.protocol.values import AnswerValue


class Op(StrEnum):
    """The operators of the condition language (no expressions are ever evaluated)."""

    EQUALS = "equals"
    NOT_EQUALS = "not_equals"
    IN = "in"
    INCLUDES = "includes"
    ANSWERED = "answered"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    ALL = "all"
    ANY = "any"
    NOT = "not"


ConditionValue = bool | int | float | tuple[int, ...] | None


@dataclasses.dataclass(frozen=True)
class Condition:
    """When a step or field is relevant, as a small tree over earlier answers.

    A comparison (``{field: x, equals: 1}``) names a field and a value; ``all``,
    ``any`` and ``not`` combine conditions. A comparison on an unanswered field is
    false, except ``answered: false``.
    """

    op: Op
    """The operator."""
    field: str | None = None
    """The earlier field a comparison looks at."""
    value: ConditionValue = None
    """The value compared with (a code, codes, a yes/no or a number)."""
    terms: tuple[Condition, ...] = ()
    """The combined conditions, for ``all``, ``any`` and ``not``."""

    def fields(self) -> frozenset[str]:
        """Every field the condition looks at."""
        own = frozenset({self.field}) if self.field is not None else frozenset()
        return own.union(*(term.fields() for term in self.terms))

    def holds(self, answers: Mapping[str, AnswerValue]) -> bool:
        """Evaluate over the relevant answers so far."""
        if self.op is Op.ALL:
            return all(term.holds(answers) for term in self.terms)
        if self.op is Op.ANY:
            return any(term.holds(answers) for term in self.terms)
        if self.op is Op.NOT:
            return not self.terms[0].holds(answers)
        assert self.field is not None
        answer = answers.get(self.field)
        if self.op is Op.ANSWERED:
            return (answer is not None) == self.value
        if answer is None:
            return False
        if self.op is Op.EQUALS:
            return _same(answer, self.value)
        if self.op is Op.NOT_EQUALS:
            return not _same(answer, self.value)
        if self.op is Op.IN:
            return isinstance(self.value, tuple) and any(_same(answer, v) for v in self.value)
        if self.op is Op.INCLUDES:
            return isinstance(answer, tuple) and self.value in answer
        number = _number(answer)
        limit = _number(self.value)
        if number is None or limit is None:
            return False
        return number >= limit if self.op is Op.AT_LEAST else number <= limit


def _same(answer: AnswerValue, value: ConditionValue) -> bool:
    return answer == value and isinstance(answer, bool) == isinstance(value, bool)


def _number(value: object) -> int | float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value
