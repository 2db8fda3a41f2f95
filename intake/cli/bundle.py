"""The ``testimony bundle`` commands: carry sealed records from a laptop to the steward."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from intake.cli.options import store_option
from intake.cli.output import echo
from intake.cli.prompts import passphrase_file_option, read_passphrase

if TYPE_CHECKING:
    from store.bundle import Withdrawal

DEFAULT_MAX_SIZE_MIB = 1024


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
    if report.unsigned_withdrawals:
        echo(
            f"warning: {len(report.unsigned_withdrawals)} withdrawal(s) in this store are not "
            "signed by it and were left out (made by an older version, or put there by "
            "someone with the disk): " + ", ".join(report.unsigned_withdrawals),
            err=True,
        )
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
@click.option(
    "--accept-withdrawals",
    is_flag=True,
    help="Delete records whose consent the bundle withdraws without asking, even those "
    "already reviewed here (for automation).",
)
@click.option(
    "--max-size",
    "max_size",
    type=click.IntRange(1, 1024 * 1024),
    default=DEFAULT_MAX_SIZE_MIB,
    show_default=True,
    metavar="MIB",
    help="Refuse bundles larger than this many MiB before reading them.",
)
@passphrase_file_option()
def import_(
    bundle_file: Path,
    store_dir: Path,
    enrol: str | None,
    accept_withdrawals: bool,
    max_size: int,
    passphrase_file: Path | None,
) -> None:
    """Verify a bundle and merge it into the steward's store (importing twice adds nothing).

    Withdrawals the bundle carries are listed; deleting a record already
    reviewed here is asked first (or --accept-withdrawals).
    """
    from store.bundle import import_bundle
    from store.repository import Store

    def confirm(withdrawals: Sequence[Withdrawal]) -> bool:
        return accept_withdrawals or click.confirm(
            "Delete these records, as consent was withdrawn?", err=True
        )

    with Store.open(store_dir) as store:
        store.unlock(read_passphrase(passphrase_file, "Store passphrase"))
        report = import_bundle(
            store,
            bundle_file,
            enrol_fingerprint=enrol,
            confirm_withdrawals=lambda w: _show_withdrawals(w) and confirm(w),
            max_bytes=max_size * 1024 * 1024,
        )
    if report.enrolled:
        echo(f"enrolled device {report.device_fingerprint}")
    echo(
        f"imported bundle {report.sequence} ({report.bundle_id}): {report.added} new, "
        f"{report.already_present} already present, {report.withdrawn} withdrawn"
    )
    for record_id in report.withdrawn_ids:
        echo(f"withdrawn (consent withdrawn on the laptop): {record_id} deleted")
    if report.unmatched_withdrawals:
        echo(
            f"{report.unmatched_withdrawals} withdrawal(s) name no record of this laptop held "
            "here (never imported); they are remembered, so none will be"
        )
    for record_id in report.unsent_withdrawals:
        echo(
            f"warning: the laptop's log says consent for record {record_id} was withdrawn, but "
            "its bundle does not carry that withdrawal (removed from the laptop, or made by an "
            "older version); nothing was deleted: ask the interviewer",
            err=True,
        )
    for record_id in report.renamed:
        echo(
            f"warning: record {record_id} of this laptop has an id another laptop already "
            "used; it was kept under a new id (one of the two laptops is not to be trusted)",
            err=True,
        )
    echo(f"laptop audit head: {report.audit_head} (keep it to check the laptop's log)")


def _show_withdrawals(withdrawals: Sequence[Withdrawal]) -> bool:
    echo(f"this bundle withdraws consent for {len(withdrawals)} record(s) held here:", err=True)
    for item in withdrawals:
        echo(f"  {item.record_id}  {item.status.value}", err=True)
    return True
