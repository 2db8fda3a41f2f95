"""The ``testimony records`` command."""

from intake.cli.pending import pending_command

records = pending_command("records", "Add and list finished records.")
