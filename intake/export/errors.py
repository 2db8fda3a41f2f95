"""Errors of the steward export."""

from intake.errors import IntakeError


class ExportError(IntakeError):
    """The export cannot go ahead; the message names the cause and holds no testimony."""


class ExportRefusedError(ExportError):
    """The disclosure threshold does not hold and the risk was not accepted."""
