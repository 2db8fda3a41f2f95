"""The ``testimony keys`` command."""

from intake.cli.pending import pending_command

keys = pending_command("keys", "Make project keys and check fingerprints.")
