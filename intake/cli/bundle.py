"""The ``testimony bundle`` commands: carry sealed records from a laptop to the steward."""

from __future__ import annotations

from pathlib import Path

import click

from intake.cli.options import store_option
from intake.cli.output import echo
from intake.cli.prompts import passphrase_file_option, read_passphrase


@click.group(name="bundle")
def bundle() -> None:
    """Carry sealed records from a laptop to the steward."""


@bundle.command(name="export")
@store_option()
@click.option(
    "--out",
    "out_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The bundle file to write (must not exist).",
)
@passphrase_file_option()
def export(store_dir: Path, out_file: Path, passphrase_file: Path | None) -> None:
    """Write every sealed record, signed with this laptop's device key.

    The bundle can be read by nobody but the steward; carry it any way you like.
    """
    from store.bundle import export_bundle
    from store.repository import Store

    with Store.open(store_dir) as store:
        store.unlock(read_passphrase(passphrase_file, "Store passphrase"))
        report = export_bundle(store, out_file)
        fingerprint = store.device_fingerprint
    echo(
        f"wrote bundle {report.sequence} ({report.records} record(s), "
        f"{report.withdrawn} withdrawal(s)) to {out_file}"
    )
    echo(f"device fingerprint: {fingerprint}")


@bundle.command(name="import")
@click.argument("bundle_file", type=click.Path(dir_okay=False, path_type=Path))
@store_option()
@click.option(
    "--enrol-device",
    "enrol",
    default=None,
    metavar="FINGERPRINT",
    help="Enrol the laptop that signed this bundle, if its device fingerprint is this one "
    "(as the interviewer read it to you).",
)
@passphrase_file_option()
def import_(
    bundle_file: Path, store_dir: Path, enrol: str | None, passphrase_file: Path | None
) -> None:
    """Verify a bundle and merge it into the steward's store (importing twice adds nothing)."""
    from store.bundle import import_bundle
    from store.repository import Store

    with Store.open(store_dir) as store:
        store.unlock(read_passphrase(passphrase_file, "Store passphrase"))
        report = import_bundle(store, bundle_file, enrol_fingerprint=enrol)
    if report.enrolled:
        echo(f"enrolled device {report.device_fingerprint}")
    echo(
        f"imported bundle {report.sequence} ({report.bundle_id}): {report.added} new, "
        f"{report.already_present} already present, {report.withdrawn} withdrawn"
    )
    echo(f"laptop audit head: {report.audit_head} (keep it to check the laptop's log)")
