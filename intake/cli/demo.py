"""The ``testimony demo`` command."""

from intake.cli.pending import pending_command

demo = pending_command("demo", "Make a demo store filled with synthetic records.")
