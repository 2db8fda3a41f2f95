"""The ``testimony init`` command."""

from intake.cli.pending import pending_command

init = pending_command("init", "Create a laptop or steward store.")
