"""Each export format read back by the tool researchers use."""

from __future__ import annotations

import json
import math
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from export_fixtures import ARABIC, EMOJI, sample_dataset

from conftest import SHARED
from store.datasets.dataset import Dataset, Variable, VariableType
from store.datasets.manifest import verify_manifest, write_manifest
from store.datasets.writers import WRITERS, check_formats, write_formats
from store.errors import StoreError

SCHEMA = SHARED / "data" / "refi-qda" / "Project-mrt2019.xsd"
QDA = "{urn:QDA-XML:project:1.0}"


def test_csv_reads_back_with_pandas(sample_export: Path) -> None:
    import pandas as pd

    frame = pd.read_csv(sample_export / "data.csv", keep_default_na=False, na_values=[""])
    assert list(frame["respondent"]) == ["R-AAAA", "R-BBBB", "R-CCCC", "R-DDDD"]
    assert frame["region"].iloc[0] == 1
    assert math.isnan(frame["region"].iloc[2])
    assert frame["group_other"].iloc[0] == ARABIC
    assert frame["group_other"].iloc[2] == '[PERSON 1], a, "quoted"'


def test_datapackage_validates_with_frictionless(sample_export: Path) -> None:
    import frictionless

    report = frictionless.validate(sample_export / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    descriptor = json.loads((sample_export / "datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for f in descriptor["resources"][0]["schema"]["fields"]}
    assert fields["region"]["categories"][0] == {"value": 1, "label": "Local: Syria or Iraq"}
    assert fields["region"]["constraints"]["enum"] == [1, 3, 99]
    assert fields["months"]["constraints"] == {"minimum": 0, "maximum": 360}
    assert fields["respondent"]["constraints"]["required"] is True


def test_frictionless_catches_a_code_outside_the_categories(tmp_path: Path) -> None:
    import frictionless

    base = sample_dataset()
    rows = (dict(base.rows[0], region=7), *base.rows[1:])
    bad = Dataset(
        base.name, base.title, base.id_variable, base.variables, rows, base.documents, base.codes
    )
    write_formats(bad, tmp_path, ["csv"])
    assert not frictionless.validate(tmp_path / "datapackage.json").valid


def test_jsonl_reads_back_with_pandas(sample_export: Path) -> None:
    import pandas as pd

    frame = pd.read_json(sample_export / "data.jsonl", lines=True)
    assert list(frame["respondent"]) == ["R-AAAA", "R-BBBB", "R-CCCC", "R-DDDD"]
    assert frame["_document"].iloc[0].startswith("Narrative\n\n" + ARABIC)
    lines = (sample_export / "data.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[1])["months"] is None
    assert "_document" not in json.loads(lines[1])


def test_parquet_reads_back_with_pyarrow_and_pandas(sample_export: Path) -> None:
    import pandas as pd
    import pyarrow.parquet as pq

    table = pq.read_table(sample_export / "data.parquet")
    assert table.column("months").to_pylist() == [14, None, 2, 0]
    assert str(table.schema.field("months").type) == "int64"
    region = table.schema.field("region").metadata
    assert region[b"description"] == b"Generalised from country of origin."
    assert json.loads(region[b"value_labels"])["3"] == "Western country"
    described = json.loads(table.schema.metadata[b"field_descriptions"])
    assert described["months"] == "Months in the group"
    frame = pd.read_parquet(sample_export / "data.parquet")
    assert frame["group_other"].iloc[0] == ARABIC


def test_sav_reads_back_with_labels(sample_export: Path) -> None:
    import pyreadstat

    frame, meta = pyreadstat.read_sav(str(sample_export / "data.sav"))
    assert meta.column_names_to_labels["region"] == "Where do they come from?"
    assert meta.variable_value_labels["region"] == {
        1: "Local: Syria or Iraq",
        3: "Western country",
        99: "Prefers not to say",
    }
    assert meta.variable_measure["region"] == "nominal"
    assert list(frame["region"].iloc[:2]) == [1, 3]
    assert frame["group_other"].iloc[0] == ARABIC
    labelled, _ = pyreadstat.read_sav(str(sample_export / "data.sav"), apply_value_formats=True)
    assert labelled["motivations_2"].iloc[1] == "Not chosen"


def test_dta_reads_back_with_labels(sample_export: Path) -> None:
    import pyreadstat

    frame, meta = pyreadstat.read_dta(str(sample_export / "data.dta"))
    label = meta.column_names_to_labels["motivations_2"]
    assert label == "Why did they join?: Building an Islamic state under Sharia"
    assert meta.variable_value_labels["motivations_2"] == {0: "Not chosen", 1: "Chosen"}
    assert list(frame["months"].iloc[[0, 2]]) == [14, 2]
    assert frame["group_other"].iloc[0] == ARABIC


def test_stata_labels_are_cut_to_eighty_characters(tmp_path: Path) -> None:
    import pyreadstat

    long = Variable("v", "x" * 200, VariableType.INTEGER, ((1, "one"),))
    ident = Variable("id", "Id", VariableType.STRING, required=True)
    dataset = Dataset("long", "Long labels", "id", (ident, long), ({"id": "a", "v": 1},))
    write_formats(dataset, tmp_path, ["dta", "sav"])
    _, meta = pyreadstat.read_dta(str(tmp_path / "data.dta"))
    assert len(str(meta.column_names_to_labels["v"])) == 80
    _, meta = pyreadstat.read_sav(str(tmp_path / "data.sav"))
    assert meta.column_names_to_labels["v"] == "x" * 200


def _qdpx(sample_export: Path) -> tuple[ET.Element, dict[str, str], bytes]:
    with zipfile.ZipFile(sample_export / "project.qdpx") as archive:
        qde = archive.read("project.qde")
        sources = {
            name.removeprefix("sources/"): archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith("sources/")
        }
    return ET.fromstring(qde), sources, qde  # noqa: S314 - the test's own output


@pytest.mark.skipif(not SCHEMA.is_file(), reason="shared REFI-QDA schema not present")
def test_qdpx_validates_against_the_refi_qda_schema(sample_export: Path) -> None:
    import xmlschema

    _root, _sources, qde = _qdpx(sample_export)
    xmlschema.XMLSchema(str(SCHEMA)).validate(qde.decode("utf-8"))


def test_qdpx_selections_point_at_the_right_code_points(sample_export: Path) -> None:
    root, sources, _ = _qdpx(sample_export)
    codes = {c.get("guid"): c.get("name") for c in root.iter(f"{QDA}Code")}
    seen = []
    for source in root.iter(f"{QDA}TextSource"):
        path = str(source.get("plainTextPath"))
        assert path.startswith("internal://")
        text = sources[path.removeprefix("internal://")]
        document = sample_dataset().document_for(str(source.get("name")))
        assert document is not None and text == document.text
        for selection in source.iter(f"{QDA}PlainTextSelection"):
            start, end = (
                int(str(selection.get("startPosition"))),
                int(str(selection.get("endPosition"))),
            )
            ref = selection.find(f"{QDA}Coding/{QDA}CodeRef")
            assert ref is not None
            seen.append((codes[ref.get("targetGUID")], text[start:end]))
    assert ("Building an Islamic state under Sharia", "🙂") in seen
    narrative = [span for name, span in seen if name == "Narrative"]
    assert ARABIC + " [PERSON 1] " + EMOJI in narrative


def test_qdpx_cases_carry_variables_and_sources(sample_export: Path) -> None:
    root, _, _ = _qdpx(sample_export)
    variables = {v.get("guid"): v.get("name") for v in root.iter(f"{QDA}Variable")}
    sources = {s.get("guid") for s in root.iter(f"{QDA}TextSource")}
    cases = {c.get("name"): c for c in root.iter(f"{QDA}Case")}
    assert set(cases) == {"R-AAAA", "R-BBBB", "R-CCCC", "R-DDDD"}
    first = cases["R-AAAA"]
    values = {}
    for value in first.iter(f"{QDA}VariableValue"):
        ref = value.find(f"{QDA}VariableRef")
        assert ref is not None
        child = next(c for c in value if c.tag != f"{QDA}VariableRef")
        values[variables[ref.get("targetGUID")]] = child.text
    assert values["region"] == "Local: Syria or Iraq"
    assert values["months"] == "14"
    refs = [r.get("targetGUID") for r in first.iter(f"{QDA}SourceRef")]
    assert len(refs) == 1 and refs[0] in sources
    assert not list(cases["R-BBBB"].iter(f"{QDA}SourceRef"))


def test_texts_one_file_per_testimony_and_a_codebook(sample_export: Path) -> None:
    text = (sample_export / "texts" / "R-AAAA.txt").read_text(encoding="utf-8")
    assert ARABIC in text and "👨‍👩‍👧" in text
    assert not (sample_export / "texts" / "R-BBBB.txt").exists()
    codebook = (sample_export / "codebook.txt").read_text(encoding="utf-8")
    assert "region\tWhere do they come from?" in codebook
    assert "    99 = Prefers not to say" in codebook
    assert "Building an Islamic state under Sharia" in codebook


def test_files_are_private(sample_export: Path) -> None:
    for path in sample_export.rglob("*"):
        if path.is_file():
            assert path.stat().st_mode & 0o077 == 0, path
    assert not [p for p in sample_export.rglob("*.tmp")]


def test_writers_never_overwrite(sample_export: Path) -> None:
    with pytest.raises(StoreError, match="already exists"):
        write_formats(sample_dataset(), sample_export, ["csv"])
    with pytest.raises(StoreError, match="already exists"):
        write_formats(sample_dataset(), sample_export, ["sav"])


def test_manifest_lists_every_file_with_its_digest(tmp_path: Path) -> None:
    files = write_formats(sample_dataset(), tmp_path, list(WRITERS))
    write_manifest(tmp_path, files, {"records": 3})
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["records"] == 3
    assert {entry["path"] for entry in manifest["files"]} == set(files)
    assert verify_manifest(tmp_path) == []
    (tmp_path / "data.csv").write_bytes(b"changed")
    assert verify_manifest(tmp_path) == ["data.csv"]


def test_unknown_formats_are_refused() -> None:
    with pytest.raises(StoreError, match="unknown export format"):
        check_formats(["csv", "xlsx"])
    assert check_formats(["txt", "csv"]) == ("csv", "txt")


def test_values_of_the_wrong_type_are_refused(tmp_path: Path) -> None:
    ident = Variable("id", "Id", VariableType.STRING, required=True)
    number = Variable("n", "N", VariableType.INTEGER)
    dataset = Dataset("bad", "Bad", "id", (ident, number), ({"id": "a", "n": "x"},))
    with pytest.raises(ValueError, match="wrong type"):
        write_formats(dataset, tmp_path, ["csv"])
    assert not list(tmp_path.iterdir())


def test_names_that_would_escape_are_refused() -> None:
    with pytest.raises(ValueError, match="safe document name"):
        from store.datasets.dataset import Document

        Document("x", "../x", "text")
