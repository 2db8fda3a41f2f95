"""Crash safety (kill -9 mid-write) and the canary scan for plaintext on disk."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from store_fixtures import STEWARD_PASSPHRASE, Project, make_project

from conftest import ROOT, subprocess_env
from store.repository import Store

#: A child that saves drafts and finalises them in a loop, printing a line after each commit.
SAVE_LOOP = """
import hashlib, sys
from pathlib import Path
from store.repository import Store
store = Store.open(Path(sys.argv[1]))
store.unlock(sys.argv[2])
n = 0
while True:
    body = ("payload %d " % n) * 400
    doc = {"n": n, "body": body, "digest": hashlib.sha256(body.encode()).hexdigest()}
    draft = store.save_draft(doc, protocol_id="loop", protocol_version="1")
    store.save_draft(doc, draft_id=draft, protocol_id="loop", protocol_version="1")
    if n % 2 == 0:
        store.finalise(doc, draft_id=draft, protocol_id="loop", protocol_version="1")
    print(n, flush=True)
    n += 1
"""


def _whole(document: dict[str, object]) -> bool:
    import hashlib

    body = document["body"]
    return isinstance(body, str) and hashlib.sha256(body.encode()).hexdigest() == document["digest"]


@pytest.mark.slow
def test_kill_9_during_saves_leaves_a_sound_store(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    rng = random.Random(7)
    for _round in range(3):
        child = subprocess.Popen(
            [sys.executable, "-c", SAVE_LOOP, str(project.steward_dir), STEWARD_PASSPHRASE],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=subprocess_env(),
            cwd=ROOT,
        )
        assert child.stdout is not None
        wanted = rng.randint(3, 25)
        for _ in range(wanted):
            assert child.stdout.readline(), child.stderr.read() if child.stderr else ""
        os.kill(child.pid, signal.SIGKILL)  # mid-loop: some transaction is under way
        child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL
        child.stdout.close()
        if child.stderr:
            child.stderr.close()
        with project.steward() as store:
            assert store.integrity_check() == "ok"
            store.verify_audit()
            records = store.list_records()
            assert records
            for info in records:
                assert _whole(store.open_record(info.record_id))
            for draft in store.list_drafts():
                assert _whole(store.load_draft(draft.draft_id))


CANARY_DRAFT = "CANARY-7f3a-draft-Abu-Omar-al-Testi"
CANARY_RECORD = "CANARY-91bc-record-Umm-Layla-al-Fake"

#: A child that writes canaries, then (store still open, WAL not checkpointed) waits.
CANARY_WRITER = f"""
import sys
from pathlib import Path
from store.keys import read_public_key
from store.passphrase import KdfParams
from store.repository import Store
fast = KdfParams(memory_kib=64, iterations=1, lanes=1)
store = Store.create(Path(sys.argv[1]), project_public_key=read_public_key(Path(sys.argv[2])),
                     passphrase=sys.argv[3], kdf=fast)
for n in range(30):
    draft = store.save_draft({{"text": "{CANARY_DRAFT}" * 50, "n": n}},
                             protocol_id="p", protocol_version="1")
    store.save_draft({{"text": "{CANARY_DRAFT}", "n": n}}, draft_id=draft,
                     protocol_id="p", protocol_version="1")
    if n % 3 == 0:
        store.delete_draft(draft)
    store.finalise({{"text": "{CANARY_RECORD}" * 50}}, protocol_id="p", protocol_version="1")
    if n % 5 == 0:
        store.finalise({{"x": "{CANARY_RECORD}"}}, draft_id=None, protocol_id="p",
                       protocol_version="1")
print("ready", flush=True)
sys.stdin.readline()
store.close()
print("closed", flush=True)
"""


def _forms(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be")]


def _scan(folders: list[Path], needles: list[str]) -> list[str]:
    found = []
    patterns = [form for needle in needles for form in _forms(needle)]
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                found += [f"{path.name}" for form in patterns if form in data]
    return found


@pytest.mark.slow
def test_canaries_never_reach_the_disk(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    temp = tmp_path / "tmp"
    temp.mkdir()
    store_dir = tmp_path / "canary-store"
    passphrase = "CANARY-passphrase-never-on-disk"
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            CANARY_WRITER,
            str(store_dir),
            str(project.keys / "project.pub"),
            passphrase,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=subprocess_env(TMPDIR=str(temp), TEMP=str(temp), TMP=str(temp)),
        cwd=ROOT,
    )
    assert child.stdin is not None and child.stdout is not None
    assert child.stdout.readline().strip() == "ready", child.stderr.read() if child.stderr else ""
    # While the store is open, the write-ahead log holds the latest pages: scan it too.
    names = {path.name for path in store_dir.iterdir()}
    assert "store.db-wal" in names
    needles = [CANARY_DRAFT, CANARY_RECORD, passphrase]
    assert _scan([store_dir, temp], needles) == []
    child.stdin.write("\n")
    child.stdin.flush()
    assert child.stdout.readline().strip() == "closed"
    _out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    assert _scan([store_dir, temp], needles) == []
    assert CANARY_DRAFT not in err and CANARY_RECORD not in err
    # The records are really there and really hold the canary, for the steward.
    with Store.open(store_dir) as laptop:
        records = laptop.list_records()
    assert len(records) == 36
    _export_and_check_at_steward(project, store_dir, tmp_path)


def _export_and_check_at_steward(project: Project, store_dir: Path, tmp_path: Path) -> None:
    from store.bundle import export_bundle, import_bundle

    with Store.open(store_dir) as laptop:
        laptop.unlock("CANARY-passphrase-never-on-disk")
        export_bundle(laptop, tmp_path / "canary.bundle")
        fingerprint = laptop.device_fingerprint
    with project.steward() as steward:
        import_bundle(steward, tmp_path / "canary.bundle", enrol_fingerprint=fingerprint)
        opened = [steward.open_record(info.record_id) for info in steward.list_records()]
    assert all(CANARY_RECORD in str(document) for document in opened)
    assert _scan([project.steward_dir], [CANARY_RECORD]) == []


def test_the_scan_would_see_plaintext_in_a_database_and_its_log(tmp_path: Path) -> None:
    """The canary scan is not blind: plaintext written through SQLite is found."""
    import sqlite3

    conn = sqlite3.connect(tmp_path / "plain.db")
    conn.execute("PRAGMA journal_mode=WAL")
    with conn:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES (?)", [CANARY_DRAFT])
    assert "plain.db-wal" in _scan([tmp_path], [CANARY_DRAFT])
    conn.close()
    assert "plain.db" in _scan([tmp_path], [CANARY_DRAFT])
