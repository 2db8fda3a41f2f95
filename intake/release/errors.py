"""Errors of the steward export."""

from intake.errors import IntakeError


class ReleaseError(IntakeError):
    """The export cannot go ahead; the message names the cause and holds no testimony."""


class ReleaseRefusedError(ReleaseError):
    """The disclosure threshold does not hold and the risk was not accepted."""
