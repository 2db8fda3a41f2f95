"""The ``testimony anonymise`` command."""

from intake.cli.pending import pending_command

anonymise = pending_command("anonymise", "Find and mask identifying details.")
