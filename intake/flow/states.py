"""Where an interview is and what it keeps beside its answers: stages, rejected input, progress."""

from __future__ import annotations

import dataclasses
import math
from datetime import date
from enum import StrEnum
from typing import Any

from intake.errors import IntakeError

JsonRaw = str | int | float | bool | list[Any] | None
"""Input a field rejected, kept in a JSON-compatible form."""


class FlowError(IntakeError):
    """A move the interview cannot make now, or a draft that cannot be resumed."""


class Stage(StrEnum):
    """Where the interview is."""

    CONSENT = "consent"
    INTERVIEW = "interview"
    REVIEW = "review"
    COMPLETE = "complete"
    DECLINED = "declined"


@dataclasses.dataclass(frozen=True)
class Rejected:
    """Input a field did not accept, kept until it is corrected."""

    raw: JsonRaw = dataclasses.field(repr=False)
    """What was given, in a JSON-compatible form."""
    error: str
    """Why it was not accepted, as one line for the form."""


@dataclasses.dataclass(frozen=True)
class Progress:
    """How far the interview is: step ``number`` of ``total`` shown steps."""

    number: int
    """1-based position of the current step among the shown steps (``total`` in review)."""
    total: int
    """How many steps are shown, given the answers so far."""
    stage: Stage
    """The stage, so a review or a finished interview can be shown as such."""


MISSING = "This question needs an answer."
"""The message for a required question left empty."""


def jsonable(raw: object) -> JsonRaw:
    """Input in a JSON-compatible form, so that what is kept reads back the same."""
    if raw is None or isinstance(raw, str | bool | int):
        return raw
    if isinstance(raw, float):
        return raw if math.isfinite(raw) else str(raw)
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, list | tuple):
        return [jsonable(item) for item in raw]
    if isinstance(raw, set | frozenset):
        return [jsonable(item) for item in sorted(raw, key=repr)]
    return str(raw)
