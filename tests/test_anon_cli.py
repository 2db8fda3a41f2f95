"""The ``testimony anonymise`` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_python, run_testimony


def test_help_does_not_load_the_model() -> None:
    result = run_python(
        "import sys\n"
        "from intake.cli.main import main\n"
        "try:\n"
        "    main(['anonymise', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print([m for m in ('spacy', 'presidio_analyzer') if m in sys.modules])\n"
    )
    assert result.returncode == 0, result.stderr
    assert "--known" in result.stdout and "--jobs" in result.stdout
    assert result.stdout.strip().endswith("[]")


@pytest.mark.slow
def test_redacts_standard_input_with_known_identifiers(tmp_path: Path) -> None:
    known = tmp_path / "known.yaml"
    known.write_text("names: [Mohammed Saleh]\nplaces: [Hajin]\n", encoding="utf-8")
    text = "Muhammad said Saleh's brother stayed in hajin until 4 March 2019.\n"
    result = run_testimony(["anonymise", "--known", str(known), "-"], input=text)
    assert result.returncode == 0, result.stderr
    for leaked in ("Muhammad", "Saleh", "hajin", "March"):
        assert leaked not in result.stdout
    assert "[2019]" in result.stdout


@pytest.mark.slow
def test_json_output_holds_no_raw_values(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Abu Omar al-Britani met Umm Khalid in Raqqa.\n", encoding="utf-8")
    result = run_testimony(["anonymise", "--format", "json", str(story)])
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["candidates"] and payload["log"]
    assert "Omar" not in result.stdout and "Raqqa" not in result.stdout
    assert set(payload["candidates"][0]) == {
        "start",
        "end",
        "entity_type",
        "score",
        "recogniser",
        "explanation",
    }


def test_unreadable_file_is_one_line(tmp_path: Path) -> None:
    result = run_testimony(["anonymise", str(tmp_path / "missing.txt")])
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert "missing.txt" in result.stderr
