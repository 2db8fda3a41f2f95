"""The ``testimony records`` commands: add finished records, list them."""

from __future__ import annotations

import json
from pathlib import Path

import click

from intake.cli.prompts import passphrase_file_option, read_passphrase
from intake.errors import IntakeError

STORE_OPTION = click.option(
    "--store",
    "store_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The store's folder.",
)


@click.group(name="records")
def records() -> None:
    """Add and list finished records."""


@records.command(name="add")
@STORE_OPTION
@click.option(
    "--json",
    "json_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A JSON object: the finished interview, typed up elsewhere.",
)
@click.option("--protocol-id", default="unvalidated", show_default=True, help="Protocol id.")
@click.option("--protocol-version", default="0", show_default=True, help="Protocol version.")
@passphrase_file_option()
def add(
    store_dir: Path,
    json_file: Path,
    protocol_id: str,
    protocol_version: str,
    passphrase_file: Path | None,
) -> None:
    """Seal a JSON document as a finished record, marked unreviewed.

    After sealing, this laptop can no longer read the record; delete the
    JSON file yourself once it is sealed.
    """
    from store.repository import Store

    document = _read_json(json_file)
    with Store.open(store_dir) as store:
        store.unlock(read_passphrase(passphrase_file, "Store passphrase"))
        record_id = store.finalise(
            document, protocol_id=protocol_id, protocol_version=protocol_version, reviewed=False
        )
    click.echo(f"sealed record {record_id} (unreviewed)")


@records.command(name="list")
@STORE_OPTION
def list_records(store_dir: Path) -> None:
    """List records by id, protocol and status (no passphrase needed: no content is shown)."""
    from store.repository import Store

    with Store.open(store_dir) as store:
        rows = store.list_records()
    if not rows:
        click.echo("no records.")
        return
    for info in rows:
        click.echo(
            f"{info.record_id}  {info.protocol_id} {info.protocol_version}  {info.status.value}"
        )
    click.echo(f"{len(rows)} record(s).")


def _read_json(path: Path) -> dict[str, object]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise IntakeError(f"{path} is not UTF-8 text") from None
    except json.JSONDecodeError as problem:
        raise IntakeError(
            f"{path} is not valid JSON (line {problem.lineno}, column {problem.colno})"
        ) from None
    if not isinstance(document, dict):
        raise IntakeError(f"{path} must hold a JSON object")
    return document
