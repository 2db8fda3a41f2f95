"""What each researcher's tool sees: integer codes, declared missing values, safe cells.

Each file is read back by the library researchers use (pyreadstat for SPSS
and Stata, pandas, pyarrow, frictionless, xmlschema), and the checks are the
ones that decide whether a reader opens it as intended: Stata format 118,
integer storage with value labels, user-missing codes, formula-safe CSV,
REFI-QDA users on every coding.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from export_fixtures import FORMULA, sample_dataset

from store.datasets import Code, Document, Measure, Variable, VariableType, printable
from store.datasets.stats import cut
from store.datasets.tabular import formula_safe
from store.datasets.writers import write_formats

QDA = "{urn:QDA-XML:project:1.0}"


def test_stata_file_is_format_118_with_integer_codes(sample_export: Path) -> None:
    import pyreadstat

    header = (sample_export / "data.dta").read_bytes()[:64]
    assert b"<release>118</release>" in header  # Stata 14 and later, every edition
    _frame, meta = pyreadstat.read_dta(str(sample_export / "data.dta"))
    # Stata's byte: the smallest type holding every code (tests/test_export_stata_types.py)
    assert meta.readstat_variable_types["region"] == "int8"
    assert meta.readstat_variable_types["motivations_2"] == "int8"
    assert meta.readstat_variable_types["months"] == "int8"
    assert meta.readstat_variable_types["credibility_score"] == "double"
    assert meta.variable_value_labels["motivations_2"] == {0: "Not chosen", 1: "Chosen"}


def test_stata_missing_code_is_an_extended_missing_value_with_its_label(
    sample_export: Path,
) -> None:
    import pandas as pd
    import pyreadstat

    frame, meta = pyreadstat.read_dta(str(sample_export / "data.dta"), user_missing=True)
    assert meta.missing_user_values["region"] == ["a"]
    labels = {str(code): label for code, label in meta.variable_value_labels["region"].items()}
    assert labels["a"] == "Prefers not to say" and "99" not in labels
    assert frame["region"].iloc[3] == "a"
    plain, _ = pyreadstat.read_dta(str(sample_export / "data.dta"))
    assert pd.isna(plain["region"].iloc[3])  # not counted as an answer
    labelled = pd.read_stata(sample_export / "data.dta")
    assert isinstance(labelled["region"].dtype, pd.CategoricalDtype)  # factors, as in R
    assert labelled["region"].iloc[0] == "Local: Syria or Iraq"


def test_spss_integer_formats_measures_and_user_missing(sample_export: Path) -> None:
    import pyreadstat

    frame, meta = pyreadstat.read_sav(str(sample_export / "data.sav"), user_missing=True)
    assert meta.original_variable_types["region"] == "F2.0"
    assert meta.original_variable_types["motivations_2"] == "F1.0"
    assert meta.original_variable_types["months"] == "F3.0"
    assert meta.missing_ranges["region"] == [{"lo": 99.0, "hi": 99.0}]
    assert meta.variable_measure["region"] == "nominal"
    assert meta.variable_measure["months"] == "scale"
    assert frame["region"].iloc[3] == 99
    plain, _ = pyreadstat.read_sav(str(sample_export / "data.sav"))
    assert plain["region"].isna().iloc[3]  # "prefers not to say" is not an answer


def test_spss_measure_follows_the_variable(tmp_path: Path) -> None:
    import pyreadstat

    base = sample_dataset()
    variables = tuple(
        dataclasses.replace(v, measure=Measure.ORDINAL) if v.name == "months" else v
        for v in base.variables
    )
    write_formats(dataclasses.replace(base, variables=variables), tmp_path, ["sav"])
    _, meta = pyreadstat.read_sav(str(tmp_path / "data.sav"))
    assert meta.variable_measure["months"] == "ordinal"


def test_csv_neutralises_formulas_and_leaves_numbers(sample_export: Path) -> None:
    with (sample_export / "data.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[3]["group_other"] == "'" + FORMULA
    assert rows[3]["credibility_score"] == "-2.5"  # a number keeps its sign
    assert rows[0]["group_other"] == sample_dataset().rows[0]["group_other"]
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert formula_safe(start + "1").startswith("'")
    assert formula_safe("[PERSON 1] said") == "[PERSON 1] said"


def test_datapackage_declares_missing_codes_per_field(sample_export: Path) -> None:
    import frictionless

    descriptor = json.loads((sample_export / "datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for f in descriptor["resources"][0]["schema"]["fields"]}
    assert fields["region"]["missingValues"] == ["", "99"]
    assert "missingValues" not in fields["months"]
    assert frictionless.validate(sample_export / "datapackage.json").valid


def test_parquet_carries_missing_codes_and_measures(sample_export: Path) -> None:
    import pyarrow.parquet as pq

    schema = pq.read_schema(sample_export / "data.parquet")
    region = schema.field("region").metadata
    assert json.loads(region[b"missing_values"]) == [99]
    assert region[b"measure"] == b"nominal"
    assert schema.field("months").metadata[b"measure"] == b"scale"


def test_codebook_marks_missing_codes(sample_export: Path) -> None:
    codebook = (sample_export / "codebook.txt").read_text(encoding="utf-8")
    assert "    99 = Prefers not to say (missing)" in codebook
    assert "    type: integer, nominal" in codebook


def test_qdpx_has_a_user_and_credits_every_coding(sample_export: Path) -> None:
    with zipfile.ZipFile(sample_export / "project.qdpx") as archive:
        root = ET.fromstring(archive.read("project.qde"))  # noqa: S314 - the test's own output
    users = list(root.iter(f"{QDA}User"))
    assert len(users) == 1
    guid = users[0].get("guid")
    assert users[0].get("name") == "testimony-intake"
    assert root.get("creatingUserGUID") == guid
    selections = list(root.iter(f"{QDA}PlainTextSelection"))
    codings = list(root.iter(f"{QDA}Coding"))
    assert selections and codings
    for element in (*selections, *codings, *root.iter(f"{QDA}TextSource")):
        assert element.get("creatingUser") == guid


def test_codes_under_one_parent_and_variable_labels_must_differ() -> None:
    base = sample_dataset()
    twins = Code("p", "Parent", children=(Code("a", "Same"), Code("b", "Same")), codable=False)
    with pytest.raises(ValueError, match="distinct names"):
        dataclasses.replace(base, codes=(twins,), documents=())
    clash = (*base.variables, Variable("again", base.variables[1].label, VariableType.INTEGER))
    with pytest.raises(ValueError, match="labels must be unique"):
        dataclasses.replace(base, variables=clash)


def test_control_characters_never_reach_a_file() -> None:
    escape = "before\x1b]52;c;ZXZpbA==\x07after\r\n\x9b31m\tend"
    assert printable(escape) == "before]52;c;ZXZpbA==after\n31m\tend"
    with pytest.raises(ValueError, match="control characters"):
        Document("R-1", "R-1", escape)
    base = sample_dataset()
    row = dict(base.rows[0], group_other="\x1b[2J")
    with pytest.raises(ValueError, match="control characters"):
        write_formats(
            dataclasses.replace(base, rows=(row,), documents=()), Path("/nonexistent"), ["csv"]
        )


def test_labels_are_cut_with_a_visible_marker() -> None:
    assert cut("x" * 200) == "x" * 79 + "…"
    assert cut("short") == "short"
    assert len(cut("é" * 100, 64, in_bytes=True).encode("utf-8")) <= 64
    assert cut("é" * 100, 64, in_bytes=True).endswith("…")


def test_missing_values_need_labels() -> None:
    with pytest.raises(ValueError, match="needs a value label"):
        Variable("v", "V", VariableType.INTEGER, ((1, "one"),), missing_values=(99,))
    with pytest.raises(ValueError, match="at most 3"):
        Variable(
            "v",
            "V",
            VariableType.INTEGER,
            tuple((code, str(code)) for code in range(4)),
            missing_values=(0, 1, 2, 3),
        )


def test_every_reader_agrees_on_the_same_rows(sample_export: Path) -> None:
    """The same four respondents, in the same order, in every tabular format."""
    import pandas as pd
    import pyreadstat

    expected = [str(row["respondent"]) for row in sample_dataset().rows]
    assert list(pd.read_csv(sample_export / "data.csv")["respondent"]) == expected
    assert list(pd.read_parquet(sample_export / "data.parquet")["respondent"]) == expected
    assert list(pyreadstat.read_sav(str(sample_export / "data.sav"))[0]["respondent"]) == expected
    assert list(pyreadstat.read_dta(str(sample_export / "data.dta"))[0]["respondent"]) == expected


def test_streamed_documents_are_read_afresh_and_checked(tmp_path: Path) -> None:
    """Texts can come from a stream, read once per format, and must match their rows."""
    base = sample_dataset()
    held = tuple(base.iter_documents())
    reads: list[int] = []

    def stream() -> Iterator[Document]:
        reads.append(1)
        yield from held

    streamed = dataclasses.replace(base, documents=stream, document_ids=base.document_ids)
    write_formats(streamed, tmp_path, ["jsonl", "qdpx", "txt"])
    assert len(reads) == 3  # once per format that writes texts, never held between
    assert (tmp_path / "texts" / "R-AAAA.txt").read_text(encoding="utf-8") == held[0].text
    backwards = dataclasses.replace(streamed, documents=lambda: iter(held[::-1]))
    with pytest.raises(ValueError, match="order of the rows"):
        list(backwards.rows_with_documents())
    short = dataclasses.replace(streamed, documents=lambda: iter(held[:1]))
    with pytest.raises(ValueError, match="does not match its rows"):
        list(short.iter_documents())
