"""The one error a protocol file can cause."""

from __future__ import annotations

from intake.errors import IntakeError


class ProtocolError(IntakeError):
    """A protocol file that cannot be used: one line, ``source:line: where: what``."""

    def __init__(self, source: str, line: int | None, detail: str) -> None:
        self.source = source
        """The file name (or ``<protocol>`` for text given directly)."""
        self.line = line
        """The 1-based line the problem is on, when it is known."""
        self.detail = detail
        """What is wrong, without the location."""
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {detail}")
