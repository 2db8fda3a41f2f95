"""The ``testimony bundle`` command."""

from intake.cli.pending import pending_command

bundle = pending_command("bundle", "Carry sealed records from a laptop to the steward.")
