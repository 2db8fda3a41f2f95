"""``python -m intake`` is the ``testimony`` command."""

from intake.cli.main import run

run()
