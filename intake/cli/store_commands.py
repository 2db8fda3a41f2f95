"""The ``testimony init`` command: make a laptop or steward store."""

from __future__ import annotations

from pathlib import Path

import click

from intake.cli.options import store_option
from intake.cli.output import echo
from intake.cli.prompts import passphrase_file_option, read_passphrase
from intake.errors import IntakeError


@click.command(name="init")
@store_option("Folder for the new store (new or empty).")
@click.option(
    "--project-key",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The project public key (project.pub) to seal finished records to (laptop).",
)
@click.option("--steward", is_flag=True, help="Make a steward store that can open records.")
@click.option(
    "--key",
    "private_key",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The project private key (project.key), with --steward.",
)
@click.option("--yes", is_flag=True, help="Accept the project key's fingerprint without asking.")
@passphrase_file_option(what="the new store")
@passphrase_file_option("--key-passphrase-file", what="project.key (with --steward)")
def init(
    store_dir: Path,
    project_key: Path | None,
    steward: bool,
    private_key: Path | None,
    yes: bool,
    passphrase_file: Path | None,
    key_passphrase_file: Path | None,
) -> None:
    """Create a laptop store (--project-key) or a steward store (--steward --key).

    A laptop store seals finished records to the project key and can never
    read them again. Check the fingerprint shown against the one the steward
    gives you out of band before you accept it.
    """
    from store.keys import read_private_key, read_public_key
    from store.repository import Store

    if steward:
        if private_key is None or project_key is not None:
            raise IntakeError("a steward store needs --key project.key (and no --project-key)")
        key_passphrase = read_passphrase(key_passphrase_file, "Passphrase of project.key")
        project = read_private_key(private_key, key_passphrase)
        try:
            _show_fingerprint(project.public.fingerprint, project.public.is_demo)
            passphrase = read_passphrase(passphrase_file, "New passphrase for the store", new=True)
            store = Store.create_steward(
                store_dir, project_private_key=project, passphrase=passphrase
            )
        finally:
            project.forget()
    else:
        if project_key is None or private_key is not None:
            raise IntakeError("a laptop store needs --project-key project.pub")
        public = read_public_key(project_key)
        _show_fingerprint(public.fingerprint, public.is_demo)
        if not yes:
            click.confirm(
                "Does this fingerprint match the one the steward gave you?", abort=True, err=True
            )
        passphrase = read_passphrase(passphrase_file, "New passphrase for the store", new=True)
        store = Store.create(store_dir, project_public_key=public, passphrase=passphrase)
    with store:
        echo(f"created {store.role.value} store {store.store_id} in {store_dir}")
        echo(f"device fingerprint: {store.device_fingerprint}")
        if not steward:
            echo("read the device fingerprint to the steward when you send your first bundle.")


def _show_fingerprint(fingerprint: str, demo: bool) -> None:
    echo(f"project key fingerprint: {fingerprint}", err=True)
    if demo:
        echo("warning: this is a DEMO key; never use it for real testimony.", err=True)
