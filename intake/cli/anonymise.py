"""The ``testimony anonymise`` command: a thin layer over :mod:`anonymise`.

Only click is imported here; spaCy and Presidio load when the command runs, so
``testimony anonymise --help`` stays instant. The command prints redacted text
only. ``--format json`` gives candidates as offsets, types, scores, recognisers,
their entity and what replaced them, and the entities with their pseudonyms,
never the original words: whoever holds the original can look them up, and
nobody else learns them from the output.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from anonymise.analyser import DEFAULT_THRESHOLD
from intake.cli.output import echo


def _read(name: str) -> str:
    from anonymise.errors import AnonymiseError

    if name == "-":
        return sys.stdin.read()
    try:
        return Path(name).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise AnonymiseError(f"{name} is not UTF-8 text") from None
    except FileNotFoundError:
        raise AnonymiseError(f"no such file: {name}") from None


def _known(path: Path | None) -> Any:
    from anonymise.errors import AnonymiseError
    from anonymise.known import KnownIdentifiers

    if path is None:
        return None
    import yaml

    class NoAliases(yaml.SafeLoader):
        """The safe loader, refusing aliases: nested ones take minutes to expand."""

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                raise ValueError("YAML aliases (*name) are not allowed")
            return super().compose_node(parent, index)

    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=NoAliases)  # noqa: S506
        return KnownIdentifiers.from_mapping(data)
    except (OSError, yaml.YAMLError, ValueError, RecursionError) as problem:
        reason = str(problem) if isinstance(problem, ValueError) else type(problem).__name__
        raise AnonymiseError(f"cannot use the known identifiers in {path}: {reason}") from None


def _entity_id(result: Any, candidate: Any) -> str:
    entity = result.entities.of("", candidate)
    return str(entity.id) if entity is not None else ""


def _replacement(result: Any, candidate: Any) -> str:
    """What the candidate became in the redacted text ("" when it was left unmasked)."""
    for start, end, replacement in result.redaction.replacements:
        if start <= candidate.start and candidate.end <= end:
            return str(replacement)
    return ""


@click.command(name="anonymise")
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--known",
    "known_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="YAML of the interview's identifiers (names, aliases, kunyas, relatives, places, units).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Redacted text, or JSON with candidate offsets, entities, replacements, the log "
    "and possible leftovers.",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes for many files.",
)
@click.option(
    "--language",
    default=None,
    metavar="TAG",
    help="Language the texts are written in (en, fr, ar; default en). Parts written in "
    "another of these are found and read in it.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Lowest candidate score that is masked.",
)
def anonymise(
    files: tuple[str, ...],
    known_path: Path | None,
    output_format: str,
    jobs: int,
    language: str | None,
    threshold: float,
) -> None:
    """Find and mask identifying details in FILES (or - for standard input).

    Prints the redacted text with consistent pseudonyms ([PERSON 1], [PLACE 2]),
    dates generalised to the year and ages to bands. The mapping from real
    values to pseudonyms is never printed.
    """
    from anonymise.batch import anonymise_texts
    from anonymise.identify import disagreement
    from anonymise.languages import language as supported

    declared = supported(language).tag if language else None
    texts = [_read(name) for name in files]
    for name, text in zip(files, texts, strict=True):
        note = disagreement(text, declared)
        if note:
            echo(f"testimony: {name}: {note}", err=True)
    results = anonymise_texts(
        texts, _known(known_path), threshold=threshold, jobs=jobs, language=declared
    )
    if output_format == "json":
        payload = [
            {
                "file": name,
                "redacted": result.redaction.text,
                "candidates": [
                    {
                        "start": c.start,
                        "end": c.end,
                        "entity_type": c.entity_type,
                        "score": round(c.score, 3),
                        "recogniser": c.recogniser,
                        "explanation": c.explanation,
                        "entity": _entity_id(result, c),
                        "replacement": _replacement(result, c),
                    }
                    for c in result.candidates
                ],
                "entities": [
                    {
                        "id": entity.id,
                        "entity_type": entity.entity_type,
                        "pseudonym": entity.pseudonym,
                        "mentions": len(entity.mentions),
                        "known": entity.known,
                    }
                    for entity in result.entities
                ],
                "log": [
                    {"entity_type": k, "recogniser": r, "action": a, "count": n}
                    for k, r, a, n in result.redaction.log
                ],
                "leftovers": [
                    {"start": item.start, "end": item.end, "reason": item.reason}
                    for item in result.leftovers
                ],
            }
            for name, result in zip(files, results, strict=True)
        ]
        echo(json.dumps(payload if len(files) > 1 else payload[0], ensure_ascii=False, indent=1))
        return
    for name, result in zip(files, results, strict=True):
        if len(files) > 1:
            echo(f"==> {name} <==")
        echo(result.redaction.text, nl=not result.redaction.text.endswith("\n"))
        if result.leftovers:
            echo(
                f"testimony: {len(result.leftovers)} possible leftovers to review in {name} "
                "(use --format json for offsets)",
                err=True,
            )
