"""The export's manifest (files with SHA-256, counts, settings, disclosure figures) and log."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from store.datasets.export_folder import flush, write_stream

MANIFEST_FILE = "manifest.json"
LOG_FILE = "anonymisation-log.csv"
MANIFEST_FORMAT = "testimony-intake export"
MANIFEST_VERSION = 1
LOG_COLUMNS = ("respondent", "entity_type", "recogniser", "action", "count")


def write_anonymisation_log(folder: Path, entries: Iterable[Mapping[str, object]]) -> list[str]:
    """``anonymisation-log.csv``: what kind of detail was replaced how often, never the detail."""
    return [write_stream(folder, LOG_FILE, _log_chunks(entries))]


def _log_chunks(entries: Iterable[Mapping[str, object]], rows: int = 4096) -> Iterator[bytes]:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(LOG_COLUMNS)
    for number, entry in enumerate(entries, start=1):
        writer.writerow([str(entry.get(column, "")) for column in LOG_COLUMNS])
        if number % rows == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def file_entry(folder: Path, name: str) -> dict[str, Any]:
    """A file's manifest entry: its path, size and SHA-256."""
    digest = hashlib.sha256()
    path = folder / name
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return {"path": name, "bytes": path.stat().st_size, "sha256": digest.hexdigest()}


def write_manifest(folder: Path, files: Sequence[str], about: Mapping[str, Any]) -> list[str]:
    """``manifest.json``: ``about`` (counts, protocol, settings, disclosure) and every file.

    Everything written before is flushed to disk first: a manifest means a complete export.
    The file list (one entry per text, so 100,000 in a large export) is written entry by
    entry, as ``json.dumps(document, indent=2)`` would lay it out.
    """
    flush()
    document = {"format": MANIFEST_FORMAT, "format_version": MANIFEST_VERSION, **about}
    return [write_stream(folder, MANIFEST_FILE, _manifest_chunks(folder, document, files))]


def _manifest_chunks(
    folder: Path, document: Mapping[str, Any], files: Sequence[str]
) -> Iterator[bytes]:
    head = json.dumps({**document, "files": []}, indent=2, ensure_ascii=False)
    empty = "[]\n}"
    yield head[: -len(empty)].encode("utf-8")
    if not files:
        yield (empty + "\n").encode("utf-8")
        return
    for number, name in enumerate(sorted(files)):
        entry = json.dumps(file_entry(folder, name), indent=2, ensure_ascii=False)
        indented = "\n".join("    " + line for line in entry.splitlines())
        yield (("[\n" if number == 0 else ",\n") + indented).encode("utf-8")
    yield b"\n  ]\n}\n"


def verify_manifest(folder: Path) -> list[str]:
    """Files whose bytes no longer match the manifest (empty when all match)."""
    document = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    return [
        entry["path"]
        for entry in document["files"]
        if not (folder / entry["path"]).is_file()
        or file_entry(folder, entry["path"])["sha256"] != entry["sha256"]
    ]
