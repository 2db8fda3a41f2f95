"""The interview as a plain state machine over a protocol and its answers.

:mod:`intake.flow.interview` holds the state machine, :mod:`intake.flow.states`
the stages and what an interview keeps beside its answers, and
:mod:`intake.flow.draft` the draft document the store encrypts.
"""

from intake.flow.draft import DRAFT_FORMAT, DRAFT_VERSION
from intake.flow.interview import Interview
from intake.flow.states import MISSING, FlowError, JsonRaw, Progress, Rejected, Stage

__all__ = [
    "DRAFT_FORMAT",
    "DRAFT_VERSION",
    "MISSING",
    "FlowError",
    "Interview",
    "JsonRaw",
    "Progress",
    "Rejected",
    "Stage",
]
