"""The real ``testimony export`` command on a real steward store; canaries never leave."""

from __future__ import annotations

import json
import os
import random
import zipfile
from pathlib import Path

import pytest
from export_contents import readable_contents
from export_records import CANARY_NAME, CANARY_PLACE, CANARY_TEXT, synthetic_record
from store_fixtures import LAPTOP_PASSPHRASE, STEWARD_PASSPHRASE, Project, make_project

from conftest import SHARED, run_testimony
from intake.protocol import default_protocol
from store.datasets.manifest import verify_manifest

pytestmark = pytest.mark.slow

PROTOCOL = default_protocol()
SCHEMA = SHARED / "data" / "refi-qda" / "Project-mrt2019.xsd"
CANARIES = (CANARY_NAME, CANARY_PLACE, CANARY_TEXT, "CANARY")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_project(tmp_path_factory.mktemp("export-cli"))
    rng = random.Random(11)
    with project.steward() as store:
        for _ in range(30):
            store.finalise(
                synthetic_record(PROTOCOL, rng),
                protocol_id=PROTOCOL.id,
                protocol_version=PROTOCOL.version,
                reviewed=True,
            )
        store.finalise(
            synthetic_record(PROTOCOL, rng, reviewed=False),
            protocol_id=PROTOCOL.id,
            protocol_version=PROTOCOL.version,
            reviewed=False,
        )
    secret = project.keys / "steward.pass"
    secret.write_text(STEWARD_PASSPHRASE + "\n", encoding="utf-8")
    (project.keys / "laptop.pass").write_text(LAPTOP_PASSPHRASE + "\n", encoding="utf-8")
    return project


def _export(
    project: Project, out: Path, *extra: str, tmpdir: Path | None = None
) -> tuple[int, str, str]:
    result = run_testimony(
        [
            "export",
            "--store",
            str(project.steward_dir),
            "--out",
            str(out),
            "--passphrase-file",
            str(project.keys / "steward.pass"),
            *extra,
        ],
        TMPDIR=str(tmpdir) if tmpdir is not None else os.environ.get("TMPDIR", ""),
    )
    return result.returncode, result.stdout, result.stderr


def test_export_every_format_through_the_cli(project: Project) -> None:
    out = project.steward_dir.parent / "out-all"
    code, stdout, stderr = _export(project, out, "--k", "3", "--l", "2")
    assert code == 0, stderr
    assert "Exported 30 record(s)" in stdout
    assert "before:" in stderr and "after:" in stderr
    assert "1 unreviewed record(s) left out" in stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["records"] == 30
    assert manifest["counts"]["skipped_unreviewed"] == 1
    assert manifest["protocol"]["id"] == PROTOCOL.id
    assert manifest["protocol"]["version"] == PROTOCOL.version
    assert manifest["settings"]["k"] == 3 and manifest["settings"]["l"] == 2
    assert manifest["disclosure"]["satisfied"] is True
    assert manifest["disclosure"]["after"]["smallest_group"] >= 3
    assert manifest["accepted_risk"] is None
    names = {entry["path"] for entry in manifest["files"]}
    expected = {"data.csv", "datapackage.json", "data.jsonl", "data.parquet", "data.sav"}
    expected |= {"data.dta", "project.qdpx", "codebook.txt", "anonymisation-log.csv"}
    assert expected <= names
    assert sum(1 for n in names if n.startswith("texts/")) == 30
    assert verify_manifest(out) == []
    log = (out / "anonymisation-log.csv").read_text(encoding="utf-8").splitlines()
    assert log[0] == "respondent,entity_type,recogniser,action,count"
    assert len(log) == 1 + 30 * 2


def test_the_real_export_validates(project: Project) -> None:
    import frictionless
    import pyreadstat

    out = project.steward_dir.parent / "out-valid"
    code, _stdout, stderr = _export(project, out, "--formats", "csv,sav,qdpx")
    assert code == 0, stderr
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    _frame, meta = pyreadstat.read_sav(str(out / "data.sav"))
    assert meta.variable_value_labels["gender"][1] == "Man"
    assert (
        meta.column_names_to_labels["motivations_5"]
        == "Why did they join? Choose every reason they gave.: Revenge"
    )
    if SCHEMA.is_file():
        import xmlschema

        with zipfile.ZipFile(out / "project.qdpx") as archive:
            xmlschema.XMLSchema(str(SCHEMA)).validate(archive.read("project.qde").decode())


def test_canaries_never_reach_an_exported_byte(project: Project) -> None:
    out = project.steward_dir.parent / "out-canary"
    temp = project.steward_dir.parent / "tmp-canary"
    temp.mkdir()
    code, _stdout, stderr = _export(project, out, tmpdir=temp)
    assert code == 0, stderr
    assert not list(temp.iterdir())  # nothing went through the temp folder
    assert not list(out.rglob(".*"))  # no temporary file was left behind
    scanned = list(readable_contents(out))
    assert len(scanned) > 40
    # The scan read inside the compressed formats, where a raw byte search sees nothing.
    assert any(name.endswith("project.qdpx:project.qde") for name, _data in scanned)
    assert any(name.endswith("data.parquet:decoded") for name, _data in scanned)
    for name, data in scanned:
        for canary in CANARIES:
            assert canary.encode("utf-8") not in data, f"{canary} in {name}"
    # The redacted text did make it (so the scan looked at real content).
    assert any(b"[PERSON 1] said" in data for _name, data in scanned)


def test_below_the_threshold_the_cli_refuses_then_accepts_a_reason(tmp_path: Path) -> None:
    small = make_project(tmp_path)
    with small.steward() as store:
        for n in range(2):
            store.finalise(
                synthetic_record(PROTOCOL, random.Random(n)),
                protocol_id=PROTOCOL.id,
                protocol_version=PROTOCOL.version,
                reviewed=True,
            )
    (small.keys / "steward.pass").write_text(STEWARD_PASSPHRASE, encoding="utf-8")
    out = tmp_path / "out"
    code, _stdout, stderr = _export(small, out)
    assert code == 1
    assert "disclosure threshold not met" in stderr and "nothing was written" in stderr
    assert "Traceback" not in stderr
    assert not out.exists()
    code, _stdout, stderr = _export(small, out, "--accept-risk", "pilot: two interviews")
    assert code == 0, stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["accepted_risk"] == "pilot: two interviews"
    assert manifest["disclosure"]["satisfied"] is False
    with small.steward() as store:
        rows = store.db.execute("SELECT action, subject FROM audit").fetchall()
        store.verify_audit()
    assert any(a == "export.accept_risk" and "pilot: two interviews" in s for a, s in rows)


def test_plan_only_writes_nothing(project: Project) -> None:
    out = project.steward_dir.parent / "out-plan"
    code, _stdout, stderr = _export(project, out, "--plan")
    assert code == 0, stderr
    assert "plan only: nothing was written." in stderr
    assert not out.exists()


def test_bad_input_is_one_line(project: Project) -> None:
    out = project.steward_dir.parent / "out-bad"
    code, _stdout, stderr = _export(project, out, "--formats", "csv,xlsx")
    assert code == 1 and "unknown format(s) xlsx" in stderr
    code, _stdout, stderr = _export(project, out, "--records", "0" * 32)
    assert code == 1 and f"no record {'0' * 32}" in stderr
    assert stderr.count("\n") == 1
    assert not out.exists()


def test_an_existing_folder_with_files_is_not_overwritten(project: Project) -> None:
    out = project.steward_dir.parent / "out-busy"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    code, _stdout, stderr = _export(project, out, "--formats", "csv")
    assert code == 1 and "not empty" in stderr
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_a_laptop_store_cannot_export(project: Project) -> None:
    result = run_testimony(
        [
            "export",
            "--store",
            str(project.laptop_dir),
            "--out",
            str(project.laptop_dir.parent / "out-laptop"),
            "--passphrase-file",
            str(project.keys / "laptop.pass"),
        ]
    )
    assert result.returncode == 1
    assert "only the steward" in result.stderr or "no reviewed records" in result.stderr
    assert result.stderr.count("\n") == 1
