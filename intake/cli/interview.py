"""The ``testimony interview`` command."""

from intake.cli.pending import pending_command

interview = pending_command("interview", "Open the interview app on a store.")
