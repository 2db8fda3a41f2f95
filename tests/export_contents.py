"""Every byte an export holds, compressed formats opened: the one helper leak scans use.

A name leaking into a ``.qdpx`` (a deflated zip) or a ``.parquet`` (zstd
pages) does not appear in the file's raw bytes, so a scan of raw bytes
passes. This helper yields each file's raw bytes and also what a reader sees:
every zip member, Parquet's rows and metadata, SPSS and Stata values and
labels.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path


def readable_contents(folder: Path) -> Iterator[tuple[str, bytes]]:
    """``(where, bytes)`` for every file under ``folder`` and for what is inside it."""
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        yield str(path), data
        if zipfile.is_zipfile(io.BytesIO(data)):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for name in archive.namelist():
                    yield f"{path}:{name}", archive.read(name)
        if data[:4] == b"PAR1":
            yield f"{path}:decoded", _parquet(path)
        if path.suffix in (".sav", ".dta"):
            yield f"{path}:decoded", _statistics_file(path)


def _parquet(path: Path) -> bytes:
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    metadata = {
        field.name: {k.decode(): v.decode() for k, v in (field.metadata or {}).items()}
        for field in table.schema
    }
    schema = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
    return json.dumps([table.to_pylist(), metadata, schema], ensure_ascii=False).encode("utf-8")


def _statistics_file(path: Path) -> bytes:
    import pyreadstat

    read = pyreadstat.read_sav if path.suffix == ".sav" else pyreadstat.read_dta
    frame, meta = read(str(path))
    value_labels = {
        name: {str(code): label for code, label in labels.items()}
        for name, labels in meta.variable_value_labels.items()
    }
    about = [meta.file_label, meta.column_names_to_labels, value_labels]
    content = [frame.astype(str).to_numpy().tolist(), about]
    return json.dumps(content, ensure_ascii=False, default=str).encode("utf-8")


def leaks(folder: Path, *needles: str) -> list[str]:
    """Where any needle appears, as ``where: needle`` (UTF-8 and UTF-16), empty when none."""
    found = []
    for where, data in readable_contents(folder):
        for needle in needles:
            if any(form in data for form in (needle.encode("utf-8"), needle.encode("utf-16-le"))):
                found.append(f"{where}: {needle}")
    return found
