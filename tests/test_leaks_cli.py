"""The command line's output, errors and surroundings never carry what it was given.

Each test plants a unique string, runs the real ``testimony`` command with its
home, temp folder and cache pointed at empty folders, and scans stdout, stderr
and every file written there.
"""

from __future__ import annotations

import json
import logging
import subprocess
from pathlib import Path

import pytest
from anon_fixtures import anonymiser
from store_fixtures import LAPTOP_PASSPHRASE, Project, make_project

from anonymise.analyser import Anonymiser
from anonymise.batch import anonymise_texts
from conftest import TESTS, run_testimony

__all__ = ["anonymiser"]

CANARY = "Zirvashqal-canary-2291"
HOUSEHOLD_FILE = TESTS / "data" / "protocols" / "household-survey.yaml"


def _answers(**changes: object) -> dict[str, object]:
    answers: dict[str, object] = {
        "agrees": True,
        "head_name": f"Yusuf {CANARY}",
        "district": 9,
        "district_other": f"the old quarter of {CANARY}",
        "members": 6,
        "has_children": True,
        "children_count": 2,
        "school": [1],
        "visit_date": "2024-05-06",
        "satisfaction": 7,
        "remarks": f"Yusuf {CANARY} said his brother Karim {CANARY} still lives in Tal Afar.",
    }
    answers.update(changes)
    return answers


def _records_add(made: Project, tmp_path: Path, answers: dict[str, object]) -> list[str]:
    typed = tmp_path / "typed.json"
    typed.write_text(json.dumps(answers), encoding="utf-8")
    passphrase = tmp_path / "passphrase"
    passphrase.write_text(LAPTOP_PASSPHRASE + "\n", encoding="utf-8")
    store = ["--store", str(made.laptop_dir), "--protocol", str(HOUSEHOLD_FILE)]
    return ["records", "add", *store, "--passphrase-file", str(passphrase), "--json", str(typed)]


@pytest.fixture
def surroundings(tmp_path: Path) -> dict[str, str]:
    env = {}
    for name in ("HOME", "TMPDIR", "XDG_CACHE_HOME"):
        folder = tmp_path / "surroundings" / name
        folder.mkdir(parents=True)
        env[name] = str(folder)
    return env


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run_testimony(
        args, HOME=env["HOME"], TMPDIR=env["TMPDIR"], XDG_CACHE_HOME=env["XDG_CACHE_HOME"]
    )


def _leaks(result: subprocess.CompletedProcess[str], folders: dict[str, str]) -> list[str]:
    found = [name for name in ("stdout", "stderr") if CANARY in getattr(result, name)]
    for folder in folders.values():
        for path in Path(folder).rglob("*"):
            if path.is_file() and CANARY.encode() in path.read_bytes():
                found.append(str(path))
    return found


def test_a_name_written_as_a_field_of_known_identifiers_is_not_echoed(
    tmp_path: Path, surroundings: dict[str, str]
) -> None:
    known = tmp_path / "known.yaml"
    known.write_text(f"names: [Abu Omar]\n{CANARY} al-Tikriti: relative\n", encoding="utf-8")
    text = tmp_path / "text.txt"
    text.write_text("Nothing here.\n", encoding="utf-8")
    result = _run(["anonymise", "--known", str(known), str(text)], surroundings)
    assert result.returncode == 1
    assert "unknown field in known identifiers" in result.stderr
    assert _leaks(result, surroundings) == []


@pytest.mark.slow
def test_records_add_keeps_the_typed_up_answers_to_the_store(
    tmp_path: Path, surroundings: dict[str, str]
) -> None:
    """The anonymiser runs for real (spaCy, Presidio, tldextract) on planted names."""
    made = make_project(tmp_path / "project")
    result = _run(_records_add(made, tmp_path, _answers()), surroundings)
    assert result.returncode == 0, result.stderr
    assert "(unreviewed)" in result.stdout
    assert _leaks(result, surroundings) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "changes",
    [{"members": CANARY}, {"visit_date": CANARY}, {"school": [CANARY]}, {"agrees": CANARY}],
)
def test_a_refused_typed_up_answer_is_not_echoed(
    tmp_path: Path, surroundings: dict[str, str], changes: dict[str, object]
) -> None:
    made = make_project(tmp_path / "project")
    result = _run(_records_add(made, tmp_path, _answers(**changes)), surroundings)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("testimony: ")
    assert _leaks(result, surroundings) == []


@pytest.mark.slow
def test_presidio_and_spacy_log_no_analysed_text(
    anonymiser: Anonymiser, caplog: pytest.LogCaptureFixture
) -> None:
    """Even at debug level, with a handler on every logger, no record carries the text."""
    text = (
        f"Brigadier {CANARY} of the Kessemir battalion paid me in Tel Qarzoum. Write to "
        f"{CANARY.lower()}@example.org or see https://{CANARY.lower()}.example/x; "
        f"IBAN DE89 3704 0044 0532 0130 00. I was born on 12 March 1991."
    )
    with caplog.at_level(logging.DEBUG):
        anonymise_texts([text, text], anonymiser=anonymiser)
    assert caplog.records, "nothing was logged at all: the check would prove nothing"
    for record in caplog.records:
        shown = record.getMessage() + repr(record.args) + str(record.exc_info)
        assert CANARY.lower() not in shown.lower(), record.name
