"""Errors the interview side raises for the person at the keyboard."""


class IntakeError(Exception):
    """A problem the user can act on; its message is one line, shown as it is."""
