"""The ``testimony audit`` command."""

from intake.cli.pending import pending_command

audit = pending_command("audit", "Check the store's tamper-evident audit log.")
