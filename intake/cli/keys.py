"""The ``testimony keys`` commands: project keys, fingerprints, passphrase and emergency."""

from __future__ import annotations

from pathlib import Path

import click

from intake.cli.options import store_option
from intake.cli.output import echo
from intake.cli.prompts import passphrase_file_option, read_passphrase


@click.group(name="keys")
def keys() -> None:
    """Make project keys and check fingerprints.

    The steward makes the project key pair once. The public key (project.pub)
    goes to every laptop; its fingerprint is checked out of band (read aloud
    over a call, compared on paper) when a laptop is enrolled.
    """


@keys.command(name="new")
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for project.key (private, passphrase-protected) and project.pub.",
)
@passphrase_file_option(what="the new project key")
def new(out_dir: Path, passphrase_file: Path | None) -> None:
    """Make the project key pair (steward only; keep project.key offline and backed up)."""
    from store.keys import make_project_keys

    passphrase = read_passphrase(passphrase_file, "New passphrase for project.key", new=True)
    public = make_project_keys(out_dir, passphrase)
    echo(f"wrote {out_dir / 'project.key'} and {out_dir / 'project.pub'}")
    echo(f"project key fingerprint: {public.fingerprint}")


@keys.command(name="fingerprint")
@click.argument("key_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--store",
    "store_dir",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help="Print this store's device fingerprint, after unlocking and checking the store.",
)
@passphrase_file_option()
def fingerprint(
    key_file: Path | None, store_dir: Path | None, passphrase_file: Path | None
) -> None:
    """Print the fingerprint of a project key file, or (--store) of a store's device key.

    A device fingerprint is read from the store itself, unlocked, whose signed
    metadata is checked: a device.pub file can be replaced by anyone who can
    write the folder, so it is never trusted for enrolment.
    """
    from intake.errors import IntakeError
    from store.keys import describe_key_file

    if (key_file is None) == (store_dir is None):
        raise IntakeError("give a project key file, or --store DIR for a device fingerprint")
    if store_dir is not None:
        from store.repository import Store

        with Store.open(store_dir) as store:
            store.unlock(read_passphrase(passphrase_file, "Store passphrase"))
            click.echo(f"device key fingerprint: {store.device_fingerprint}")
        return
    assert key_file is not None
    kind, value = describe_key_file(key_file)
    echo(f"{kind} fingerprint: {value}")


@keys.command(name="passphrase")
@store_option()
@passphrase_file_option(what="the store (the current one)")
@passphrase_file_option("--new-passphrase-file", what="the store (the new one)")
def passphrase(
    store_dir: Path, passphrase_file: Path | None, new_passphrase_file: Path | None
) -> None:
    """Change a store's passphrase (its keys are re-wrapped; nothing else changes)."""
    from store.repository import Store

    with Store.open(store_dir) as store:
        old = read_passphrase(passphrase_file, "Current passphrase")
        new_value = read_passphrase(new_passphrase_file, "New passphrase", new=True)
        store.change_passphrase(old, new_value)
    echo("passphrase changed.")


@keys.command(name="destroy")
@store_option()
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def destroy(store_dir: Path, yes: bool) -> None:
    """Emergency: destroy the store's device key. Needs no passphrase.

    Every draft becomes unrecoverable and is deleted. Finished records stay
    sealed for the steward and can still be exported in a bundle.
    """
    from store.repository import Store

    with Store.open(store_dir) as store:
        if not yes:
            click.confirm(
                "Destroy the device key? Drafts will be lost for good", abort=True, err=True
            )
        store.destroy_device_key()
    echo("device key destroyed; drafts are gone.")
