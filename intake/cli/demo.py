"""The ``testimony demo`` command."""

from __future__ import annotations

from pathlib import Path

import click

from intake.cli.options import store_option
from intake.cli.output import echo


@click.command(name="demo")
@store_option("Folder for the demo store (new or empty).")
@click.option(
    "--records",
    "count",
    default=20,
    show_default=True,
    type=click.IntRange(0, 1_000_000),
    help="How many synthetic records to seal.",
)
@click.option("--seed", type=int, default=None, help="Seed for repeatable synthetic content.")
def demo(store_dir: Path, count: int, seed: int | None) -> None:
    """Make a demo store filled with synthetic records.

    Makes fresh project keys labelled DEMO in STORE/demo-keys/, a laptop
    store enrolled to them, and COUNT obviously fake records. The store and
    the demo keys share one published passphrase (printed below): a demo
    store protects nothing; never put real testimony in it.
    """
    from intake.demo import demo_records
    from intake.protocol import default_protocol
    from store.demo import DEMO_KEYS_FOLDER, DEMO_PASSPHRASE, make_demo_store

    records = demo_records(default_protocol())
    with make_demo_store(store_dir, count, seed=seed, make_record=records) as store:
        echo(f"DEMO store {store.store_id} in {store_dir} with {count} synthetic record(s)")
        echo(f"DEMO project keys: {store_dir / DEMO_KEYS_FOLDER}")
        echo(f"DEMO passphrase (not secret): {DEMO_PASSPHRASE}")
