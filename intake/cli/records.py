"""The ``testimony records`` commands: add finished records, list them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from intake.cli.options import store_option
from intake.cli.output import echo
from intake.cli.prompts import passphrase_file_option, read_passphrase
from intake.errors import IntakeError

if TYPE_CHECKING:
    from intake.protocol import Protocol


@click.group(name="records")
def records() -> None:
    """Add and list finished records."""


@records.command(name="add")
@store_option()
@click.option(
    "--json",
    "json_file",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A JSON object: the finished interview's answers by field id, typed up elsewhere.",
)
@click.option(
    "--protocol",
    "protocol_name",
    default="defector-interview",
    show_default=True,
    metavar="ID|FILE",
    help="The protocol the answers follow: a bundled protocol's id or a protocol file.",
)
@click.option(
    "--unvalidated",
    is_flag=True,
    help="Seal the JSON as it is, unchecked and not anonymised (it can never be exported).",
)
@click.option(
    "--protocol-id", default="unvalidated", show_default=True, help="With --unvalidated: a label."
)
@click.option(
    "--protocol-version", default="0", show_default=True, help="With --unvalidated: a label."
)
@passphrase_file_option()
def add(
    store_dir: Path,
    json_file: Path,
    protocol_name: str,
    unvalidated: bool,
    protocol_id: str,
    protocol_version: str,
    passphrase_file: Path | None,
) -> None:
    """Seal a typed-up interview as a finished record, marked unreviewed.

    The answers are checked against the protocol as the interview app would
    check them, and its free text is anonymised automatically; since no person
    reviewed it, the record is marked unreviewed and cannot be exported until
    it is. After sealing, this laptop can no longer read the record; delete
    the JSON file yourself once it is sealed.
    """
    from store.repository import Store

    document = _read_json(json_file)
    if not unvalidated:
        protocol = _protocol(protocol_name)
        from intake.typed_up import interview_from_answers

        interview = interview_from_answers(protocol, document)  # checked before the slow part
        protocol_id, protocol_version = protocol.id, protocol.version
    with Store.open(store_dir) as store:
        store.unlock(read_passphrase(passphrase_file, "Store passphrase"))
        if not unvalidated:
            from intake.analysis import anonymiser_for
            from intake.typed_up import unreviewed_record

            document = unreviewed_record(interview, anonymiser_for(protocol)())
        record_id = store.finalise(
            document, protocol_id=protocol_id, protocol_version=protocol_version, reviewed=False
        )
    echo(f"sealed record {record_id} (unreviewed)")


def _protocol(name: str) -> Protocol:
    from intake.protocol import bundled_protocol, load_protocol

    path = Path(name)
    return load_protocol(path) if path.suffix in (".yaml", ".yml") else bundled_protocol(name)


@records.command(name="list")
@store_option()
@passphrase_file_option()
def list_records(store_dir: Path, passphrase_file: Path | None) -> None:
    """List records by id and status (no content; asks the store's passphrase).

    A record's protocol is sealed inside it; only a record sealed by an
    earlier version names it here.
    """
    from store.repository import Store

    with Store.open(store_dir) as store:
        store.unlock(read_passphrase(passphrase_file, "Store passphrase"))
        rows = store.list_records()
    if not rows:
        echo("no records.")
        return
    for info in rows:
        protocol = f"{info.protocol_id} {info.protocol_version}  " if info.protocol_id else ""
        echo(f"{info.record_id}  {protocol}{info.status.value}")
    echo(f"{len(rows)} record(s).")


def _read_json(path: Path) -> dict[str, object]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise IntakeError(f"{path} is not UTF-8 text") from None
    except json.JSONDecodeError as problem:
        raise IntakeError(
            f"{path} is not valid JSON (line {problem.lineno}, column {problem.colno})"
        ) from None
    except RecursionError:
        raise IntakeError(f"{path} is nested too deeply to be an interview") from None
    except ValueError:  # an integer of thousands of digits
        raise IntakeError(f"{path} holds a number too long to be an answer") from None
    if not isinstance(document, dict):
        raise IntakeError(f"{path} must hold a JSON object")
    _check_text(path, document)
    return document


def _check_text(path: Path, document: dict[str, object]) -> None:
    """Refuse strings that are not Unicode text (a lone surrogate such as ``\\ud800``)."""
    pending: list[object] = [document]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise IntakeError(
                    f"{path} holds text that is not valid Unicode (a lone surrogate escape)"
                ) from None
