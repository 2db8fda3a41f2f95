"""The command line for someone in a hurry: say no early, and say only what applies."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from store_fixtures import make_project

from conftest import run_testimony
from intake.cli.main import cli
from intake.drafts import sealed_records_line
from store.bundle import export_bundle


def test_a_short_new_passphrase_is_refused_before_it_is_asked_again(tmp_path: Path) -> None:
    typed = "short\n" + "several unrelated words\n" * 2
    result = CliRunner().invoke(cli, ["keys", "new", "--out", str(tmp_path / "keys")], input=typed)
    assert result.exit_code == 0, result.output
    assert result.output.count("at least 10 characters") == 1
    assert result.output.count("Repeat for confirmation") == 1
    assert (tmp_path / "keys" / "project.pub").exists()


@pytest.mark.slow
def test_the_idle_lock_help_says_what_is_accepted() -> None:
    shown = run_testimony(["interview", "--help"])
    assert "at least 10" in " ".join(shown.stdout.split())
    refused = run_testimony(["interview", "--demo", "--idle-lock", "8"])
    assert refused.returncode != 0
    assert "at least 10 seconds" in refused.stderr
    assert "Traceback" not in refused.stderr


@pytest.mark.slow
def test_a_steward_store_is_not_told_to_read_its_fingerprint_to_the_steward(
    tmp_path: Path,
) -> None:
    (tmp_path / "pass").write_text("steward passphrase one\n")
    made = run_testimony(
        [
            "keys",
            "new",
            "--out",
            str(tmp_path / "keys"),
            "--passphrase-file",
            str(tmp_path / "pass"),
        ]
    )
    assert made.returncode == 0, made.stderr
    created = run_testimony(
        [
            "init",
            "--steward",
            "--store",
            str(tmp_path / "stw"),
            "--key",
            str(tmp_path / "keys" / "project.key"),
            "--key-passphrase-file",
            str(tmp_path / "pass"),
            "--passphrase-file",
            str(tmp_path / "pass"),
        ]
    )
    assert created.returncode == 0, created.stderr
    assert "created steward store" in created.stdout
    assert "to the steward" not in created.stdout + created.stderr


def test_export_into_a_folder_with_files_is_refused_before_anything_is_asked(
    tmp_path: Path,
) -> None:
    project = make_project(tmp_path / "project")
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "notes.txt").write_text("someone's file\n")
    result = run_testimony(["export", "--store", str(project.steward_dir), "--out", str(folder)])
    assert result.returncode != 0
    assert "is not empty" in result.stderr
    assert "assphrase" not in result.stderr, "refused before the passphrase is asked"
    assert (folder / "notes.txt").read_text() == "someone's file\n"


def test_the_laptop_counts_bundles_instead_of_records_waiting(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    with project.laptop() as store:
        store.finalise({"narrative": "x"}, protocol_id="p", protocol_version="1", reviewed=True)
        assert sealed_records_line(store) == (
            "Records sealed on this laptop: 1 · no bundle made yet"
        )
        export_bundle(store, tmp_path / "one.bundle")
        line = sealed_records_line(store)
    assert (
        line
        == "Records sealed on this laptop: 1 · bundles made: 1; each carries every sealed record"
    )
    assert "waiting" not in line
