"""The ``testimony export`` command."""

from intake.cli.pending import pending_command

export = pending_command("export", "Export reviewed records for researchers.")
