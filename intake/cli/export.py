"""The ``testimony export`` command: reviewed records, disclosure-controlled, for researchers."""

from __future__ import annotations

from pathlib import Path

import click

from intake.cli.options import store_option
from intake.cli.output import echo
from intake.cli.prompts import passphrase_file_option, read_passphrase
from intake.errors import IntakeError
from intake.release.settings import DEFAULT_K, DEFAULT_L
from store.datasets import FORMATS as _FORMATS


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


@click.command(name="export")
@store_option("The steward store's folder.")
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="A new or empty folder to write the export into.",
)
@click.option(
    "--formats",
    default=",".join(_FORMATS),
    show_default=True,
    help="Comma-separated formats to write.",
)
@click.option(
    "--records",
    default=None,
    metavar="ID,ID,...",
    help="Export only these records (comma-separated ids); default: every reviewed record.",
)
@click.option(
    "--k",
    "k",
    default=DEFAULT_K,
    show_default=True,
    type=click.IntRange(min=1),
    help="Each combination of quasi-identifiers must be shared by k records.",
)
@click.option(
    "--l",
    "l_diversity",
    default=DEFAULT_L,
    show_default=True,
    type=click.IntRange(min=1),
    help="Each such group must hold l distinct values of every sensitive field.",
)
@click.option(
    "--accept-risk",
    default=None,
    metavar="REASON",
    help="Export even if the threshold does not hold; the reason (one line, no names or "
    "testimony) is written to the manifest and the store's audit log.",
)
@click.option(
    "--pseudonyms",
    type=click.Choice(["stable", "per-export"]),
    default="stable",
    show_default=True,
    help="stable: a record has the same respondent id in every export from this store; "
    "per-export: ids are salted afresh, so two exports cannot be linked.",
)
@click.option(
    "--for",
    "audience",
    type=click.Choice(["project", "archive"]),
    default="project",
    show_default=True,
    help="project: the study's own researchers; archive: a deposit for others, holding only "
    "records whose interviewee agreed to archiving, and their text only if they agreed to "
    "be quoted.",
)
@click.option(
    "--protocol",
    "protocol_file",
    default=None,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The protocol file the records were taken with (default: the bundled one).",
)
@click.option(
    "--plan",
    "plan_only",
    is_flag=True,
    help="Show the disclosure report and write nothing.",
)
@passphrase_file_option(what="the steward store")
def export(
    store_dir: Path,
    out_dir: Path,
    formats: str,
    records: str | None,
    k: int,
    l_diversity: int,
    accept_risk: str | None,
    pseudonyms: str,
    audience: str,
    protocol_file: Path | None,
    plan_only: bool,
    passphrase_file: Path | None,
) -> None:
    """Export reviewed records for researchers, after disclosure control.

    Quasi-identifiers are generalised along the protocol's hierarchies and
    suppressed cell by cell until every combination is shared by k records
    and every group holds l values of each sensitive field. The report is
    shown before anything is written; below the threshold the export is
    refused unless --accept-risk gives a reason. Identity fields, original
    text and pseudonym mappings never leave the store.
    """
    from intake.protocol import Protocol, load_protocol
    from intake.release import (
        Audience,
        Pseudonyms,
        ReleaseSettings,
        bundled,
        plan_release,
        plan_summary,
        write_release,
        written_line,
    )
    from store.repository import Store

    chosen = _split(formats)
    unknown = sorted(set(chosen) - set(_FORMATS))
    if unknown or not chosen:
        raise IntakeError(
            f"unknown format(s) {', '.join(unknown) or '(none given)'}; "
            f"choose from {', '.join(_FORMATS)}"
        )
    settings = ReleaseSettings(
        formats=chosen,
        k=k,
        l_diversity=l_diversity,
        accept_risk=accept_risk,
        pseudonyms=Pseudonyms(pseudonyms),
        record_ids=_split(records) if records is not None else None,
        audience=Audience(audience),
    )
    if not plan_only:
        _check_folder_is_new(out_dir)
    given: Protocol | None = load_protocol(protocol_file) if protocol_file else None

    def protocols(protocol_id: str, version: str) -> Protocol:
        if given is None:
            return bundled(protocol_id, version)
        if (given.id, given.version) != (protocol_id, version):
            raise IntakeError(
                f"the records follow {protocol_id} {version}, not {given.id} {given.version}"
            )
        return given

    with Store.open(store_dir) as store:
        store.unlock(read_passphrase(passphrase_file, "Steward store passphrase"))
        plan = plan_release(store, settings, protocols=protocols)
        for line in plan_summary(plan):
            echo(line, err=True)
        if plan_only:
            echo("plan only: nothing was written.", err=True)
            return
        if plan.report.refused and accept_risk is not None:
            echo("writing below the threshold: the risk was accepted.", err=True)
        result = write_release(store, plan, out_dir)
    echo(written_line(result))


def _check_folder_is_new(folder: Path) -> None:
    """Refuse a folder that holds files before asking anything or running the report."""
    if folder.exists() and not folder.is_dir():
        raise IntakeError(f"{folder} exists and is not a folder; choose a new folder")
    if folder.exists() and any(folder.iterdir()):
        raise IntakeError(f"{folder} is not empty; choose a new folder")
