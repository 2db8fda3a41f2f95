"""Commands that are named in the help but not built into this version yet."""

from __future__ import annotations

from typing import Any

import click

from intake.errors import IntakeError


def pending_command(name: str, summary: str) -> click.Command:
    """A command that says plainly it is not available yet and changes nothing."""

    @click.command(
        name=name,
        help=f"{summary}\n\nNot available in this version yet.",
        context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    )
    def command(**_options: Any) -> None:
        raise IntakeError(f"'{name}' is not available in this version yet; nothing was changed.")

    return command
