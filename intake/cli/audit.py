"""The ``testimony audit`` commands."""

from __future__ import annotations

from pathlib import Path

import click

from intake.cli.options import store_option
from intake.cli.output import echo


@click.group(name="audit")
def audit() -> None:
    """Check the store's tamper-evident audit log."""


@audit.command(name="verify")
@store_option()
@click.option(
    "--head",
    "expected_head",
    default=None,
    metavar="ENTRIES:HASH",
    help="A head kept elsewhere (the steward prints the laptop's at each bundle import); "
    "the log must still hold that entry unchanged, which catches a cut-off tail.",
)
def verify(store_dir: Path, expected_head: str | None) -> None:
    """Verify the hash chain; name the first bad entry if there is one (no passphrase needed).

    On its own, the check cannot see entries cut off the end together with
    the head recorded in the store; --head compares with a copy kept elsewhere.
    """
    from store.repository import Store

    with Store.open(store_dir) as store:
        report = store.verify_audit(expected_head=expected_head)
    echo(f"audit log verifies: {report.entries} entries, head {report.head}")
