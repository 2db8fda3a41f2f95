"""The ``testimony audit`` commands."""

from __future__ import annotations

from pathlib import Path

import click


@click.group(name="audit")
def audit() -> None:
    """Check the store's tamper-evident audit log."""


@audit.command(name="verify")
@click.option(
    "--store",
    "store_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The store's folder.",
)
def verify(store_dir: Path) -> None:
    """Verify the hash chain; name the first bad entry if there is one (no passphrase needed)."""
    from store.repository import Store

    with Store.open(store_dir) as store:
        report = store.verify_audit()
    click.echo(f"audit log verifies: {report.entries} entries, head {report.head}")
