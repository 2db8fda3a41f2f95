"""An export writes only into the folder the steward names, and nothing at all if it fails.

The writers (pyarrow, pyreadstat, zipfile) are run for real with the system's
temp folder, home and cache pointed at empty folders: nothing may appear there.
An export that fails half-way leaves no file behind, not even the formats that
were complete before the failing one.
"""

from __future__ import annotations

import errno
import tempfile
from pathlib import Path

import pytest
from store_fixtures import Project, make_project
from test_export_records import HOUSEHOLD, _household, _record

from intake.release import ReleaseSettings, release

SURROUNDINGS = ("HOME", "TMPDIR", "XDG_CACHE_HOME")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    made = make_project(tmp_path / "project")
    with made.steward() as store:
        for number in range(8):
            store.finalise(
                _record(number),
                protocol_id=HOUSEHOLD.id,
                protocol_version=HOUSEHOLD.version,
                reviewed=True,
            )
    return made


@pytest.fixture
def surroundings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Empty folders as home, temp folder and cache."""
    root = tmp_path / "surroundings"
    for name in SURROUNDINGS:
        folder = root / name
        folder.mkdir(parents=True)
        monkeypatch.setenv(name, str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    return root


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def test_every_format_writes_only_into_the_chosen_folder(
    project: Project, surroundings: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    with project.steward() as store:
        release(store, out, ReleaseSettings(k=3, l_diversity=2), protocols=_household)
    assert _files(surroundings) == []
    names = {path.name for path in _files(out)}
    assert {"data.parquet", "data.sav", "data.dta", "project.qdpx", "manifest.json"} <= names
    assert not [name for name in names if name.endswith(".tmp")]


@pytest.mark.parametrize("failing", ["sav", "qdpx"])
def test_a_failed_export_leaves_no_file(
    project: Project,
    surroundings: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    failing: str,
) -> None:
    """The disk fills up while one format is written: the formats before it go too."""
    import store.datasets.writers as writers

    real = writers.WRITERS[failing]

    def full_disk(dataset: object, folder: Path) -> list[str]:
        (folder / "half-written").write_bytes(b"partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setitem(writers.WRITERS, failing, full_disk)
    assert real is not full_disk
    out = tmp_path / "out"
    with project.steward() as store, pytest.raises(OSError):
        release(store, out, ReleaseSettings(k=3, l_diversity=2), protocols=_household)
    assert _files(out) == []
    assert _files(surroundings) == []
