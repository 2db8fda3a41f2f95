"""An export written by this version, kept under ``tests/data/export1``: it must keep reading.

The files are what ``write_formats(sample_dataset(), folder, list(WRITERS))``
wrote on 2026-12-02 (Stata format 118 with byte codes, SPSS integer formats). Two
promises are checked: the committed files read back, with the libraries
researchers use, as the README and the codebook say; and today's writers
produce the same export from the same dataset (the text formats byte for
byte, the binary ones value for value, as their headers carry the time they
were written). A change that fails here changes what researchers receive:
make it on purpose, say so in the README, and keep this export as it is.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from export_fixtures import ARABIC, sample_dataset

from conftest import SHARED, TESTS
from store.datasets.writers import WRITERS, write_formats

EXPORT = TESTS / "data" / "export1"
TEXT_FILES = (
    "data.csv",
    "datapackage.json",
    "data.jsonl",
    "codebook.txt",
    "texts/R-AAAA.txt",
    "texts/R-CCCC.txt",
)
SCHEMA = SHARED / "data" / "refi-qda" / "Project-mrt2019.xsd"


def _statistics(path: Path) -> dict[str, Any]:
    """What SPSS and Stata readers take from a file: values, labels, missing codes, types."""
    import pyreadstat

    read = pyreadstat.read_sav if path.suffix == ".sav" else pyreadstat.read_dta
    frame, meta = read(str(path), user_missing=True)
    return {
        "rows": json.loads(frame.to_json(orient="records")),
        "labels": meta.column_names_to_labels,
        "value_labels": meta.variable_value_labels,
        "missing": meta.missing_user_values if path.suffix == ".dta" else meta.missing_ranges,
        "types": meta.readstat_variable_types,
        "formats": meta.original_variable_types,
        "measures": meta.variable_measure,
        "file_label": meta.file_label,
    }


def _parquet(path: Path) -> dict[str, Any]:
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    metadata = {k: v for k, v in (table.schema.metadata or {}).items() if k != b"ARROW:schema"}
    return {"rows": table.to_pylist(), "schema": str(table.schema), "metadata": metadata}


def _qdpx(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in sorted(archive.namelist())}


def test_the_committed_export_reads_as_documented() -> None:
    import pandas as pd

    csv = pd.read_csv(EXPORT / "data.csv", keep_default_na=False, na_values=[""])
    assert list(csv["respondent"]) == ["R-AAAA", "R-BBBB", "R-CCCC", "R-DDDD"]
    assert csv["group_other"].iloc[0] == ARABIC
    assert csv["group_other"].iloc[3].startswith("'=HYPERLINK")  # formula-safe
    package = json.loads((EXPORT / "datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for f in package["resources"][0]["schema"]["fields"]}
    assert fields["region"]["missingValues"] == ["", "99"]
    jsonl = [json.loads(line) for line in (EXPORT / "data.jsonl").read_text().splitlines()]
    assert [row["region"] for row in jsonl] == [1, 3, None, 99]
    assert _parquet(EXPORT / "data.parquet")["rows"][0]["group_other"] == ARABIC
    sav = _statistics(EXPORT / "data.sav")
    assert sav["formats"]["region"] == "F2.0" and sav["measures"]["region"] == "nominal"
    assert sav["missing"]["region"] == [{"lo": 99.0, "hi": 99.0}]
    dta = _statistics(EXPORT / "data.dta")
    assert dta["types"]["region"] == "int8" and dta["missing"] == {"region": ["a"]}
    assert dta["value_labels"]["region"]["a"] == "Prefers not to say"
    assert (
        (EXPORT / "data.dta").read_bytes().startswith(b"<stata_dta><header><release>118</release>")
    )
    assert "99 = Prefers not to say (missing)" in (EXPORT / "codebook.txt").read_text()
    assert ARABIC in (EXPORT / "texts" / "R-AAAA.txt").read_text(encoding="utf-8")
    if SCHEMA.is_file():
        import xmlschema

        xmlschema.XMLSchema(SCHEMA).validate(_qdpx(EXPORT / "project.qdpx")["project.qde"])


def test_todays_writers_produce_the_committed_export(tmp_path: Path) -> None:
    written = write_formats(sample_dataset(), tmp_path, list(WRITERS))
    committed = sorted(str(p.relative_to(EXPORT)) for p in EXPORT.rglob("*") if p.is_file())
    assert sorted(written) == committed
    for name in TEXT_FILES:
        assert (tmp_path / name).read_bytes() == (EXPORT / name).read_bytes(), name
    assert _qdpx(tmp_path / "project.qdpx") == _qdpx(EXPORT / "project.qdpx")
    assert _parquet(tmp_path / "data.parquet") == _parquet(EXPORT / "data.parquet")
    for name in ("data.sav", "data.dta"):
        assert _statistics(tmp_path / name) == _statistics(EXPORT / name), name
