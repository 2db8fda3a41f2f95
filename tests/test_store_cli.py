"""The store's commands, run as the real ``testimony`` program."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from store_fixtures import file_digest

from conftest import run_testimony

pytestmark = pytest.mark.slow

FINGERPRINT = r"[A-Z2-7]{4}(?: [A-Z2-7]{4}){7}"


def ok(args: list[str]) -> str:
    result = run_testimony(args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def add_record_args(
    d: Path, *, document: str = "doc.json", unlock_with: str = "laptop.pass"
) -> list[str]:
    """``testimony records add`` of a typed-up document to the laptop store."""
    return [
        "records",
        "add",
        "--unvalidated",
        "--store",
        str(d / "lap"),
        "--json",
        str(d / document),
        "--passphrase-file",
        str(d / unlock_with),
    ]


def refused(args: list[str], *, input: str | None = None) -> str:
    result = run_testimony(args, input=input)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    if input is None:  # no prompts: the error is the only line
        assert result.stderr.count("\n") == 1, result.stderr
        return result.stderr
    last = result.stderr.rstrip("\n").rsplit("\n", 1)[-1]
    assert "testimony: " in last, result.stderr
    return last


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "steward.pass").write_text("steward passphrase one\n")
    (tmp_path / "laptop.pass").write_text("laptop passphrase one\n")
    (tmp_path / "wrong.pass").write_text("not the passphrase\n")
    (tmp_path / "doc.json").write_text(json.dumps({"narrative": "CANARY-cli-testimony"}))
    return tmp_path


def make_keys_and_laptop(d: Path) -> str:
    out = ok(
        ["keys", "new", "--out", str(d / "keys"), "--passphrase-file", str(d / "steward.pass")]
    )
    fingerprint = re.search(FINGERPRINT, out)
    assert fingerprint
    shown = ok(["keys", "fingerprint", str(d / "keys" / "project.pub")])
    assert fingerprint.group(0) in shown
    created = run_testimony(
        [
            "init",
            "--store",
            str(d / "lap"),
            "--project-key",
            str(d / "keys" / "project.pub"),
            "--yes",
            "--passphrase-file",
            str(d / "laptop.pass"),
        ]
    )
    assert created.returncode == 0, created.stderr
    assert fingerprint.group(0) in created.stderr  # shown for the interviewer to compare
    return fingerprint.group(0)


def test_laptop_to_steward_round_trip(files: Path) -> None:
    d = files
    make_keys_and_laptop(d)
    added = ok(add_record_args(d))
    record_id = re.search(r"[0-9a-f]{32}", added)
    assert record_id and "unreviewed" in added
    listed = ok(
        ["records", "list", "--store", str(d / "lap"), "--passphrase-file", str(d / "laptop.pass")]
    )
    assert record_id.group(0) in listed and "unreviewed" in listed
    assert "CANARY" not in listed
    ok(
        [
            "init",
            "--steward",
            "--store",
            str(d / "stw"),
            "--key",
            str(d / "keys" / "project.key"),
            "--key-passphrase-file",
            str(d / "steward.pass"),
            "--passphrase-file",
            str(d / "steward.pass"),
        ]
    )
    ok(
        [
            "bundle",
            "export",
            "--store",
            str(d / "lap"),
            "--out",
            str(d / "b.bundle"),
            "--passphrase-file",
            str(d / "laptop.pass"),
        ]
    )
    device = re.search(
        FINGERPRINT,
        ok(
            [
                "keys",
                "fingerprint",
                "--store",
                str(d / "lap"),
                "--passphrase-file",
                str(d / "laptop.pass"),
            ]
        ),
    )
    assert device
    imported = [
        "bundle",
        "import",
        str(d / "b.bundle"),
        "--store",
        str(d / "stw"),
        "--passphrase-file",
        str(d / "steward.pass"),
    ]
    assert "not enrolled" in refused(imported)
    first = ok([*imported, "--enrol-device", device.group(0).lower()])
    assert "enrolled device" in first and "1 new" in first
    assert "0 new, 1 already present" in ok(imported)
    assert record_id.group(0) in ok(
        ["records", "list", "--store", str(d / "stw"), "--passphrase-file", str(d / "steward.pass")]
    )
    assert "audit log verifies" in ok(["audit", "verify", "--store", str(d / "stw")])


def test_wrong_passphrase_is_one_line_and_changes_nothing(files: Path) -> None:
    d = files
    make_keys_and_laptop(d)
    before = file_digest(d / "lap" / "store.db")
    error = refused(add_record_args(d, unlock_with="wrong.pass"))
    assert error == "testimony: wrong passphrase; nothing was changed\n"
    assert file_digest(d / "lap" / "store.db") == before
    assert "no records" in ok(
        ["records", "list", "--store", str(d / "lap"), "--passphrase-file", str(d / "laptop.pass")]
    )
    error = refused(
        [
            "init",
            "--steward",
            "--store",
            str(d / "stw"),
            "--key",
            str(d / "keys" / "project.key"),
            "--key-passphrase-file",
            str(d / "wrong.pass"),
            "--passphrase-file",
            str(d / "steward.pass"),
        ]
    )
    assert "wrong passphrase" in error
    assert not (d / "stw").exists()


def test_init_asks_to_confirm_the_fingerprint_and_prompts_without_echo(files: Path) -> None:
    d = files
    ok(["keys", "new", "--out", str(d / "keys"), "--passphrase-file", str(d / "steward.pass")])
    args = ["init", "--store", str(d / "lap"), "--project-key", str(d / "keys" / "project.pub")]
    refused(args, input="n\n")
    assert not (d / "lap").exists()
    mismatch = run_testimony(args, input="y\nfirst passphrase typed\nsecond passphrase typed\n")
    assert mismatch.returncode != 0 and not (d / "lap" / "store.db").exists()
    typed = "a passphrase typed in\n"
    created = run_testimony(args, input="y\n" + typed + typed)
    assert created.returncode == 0, created.stderr
    assert "a passphrase typed in" not in created.stdout + created.stderr


def test_records_add_refuses_bad_json_without_quoting_it(files: Path) -> None:
    d = files
    make_keys_and_laptop(d)
    (d / "bad.json").write_text('{"narrative": "CANARY-broken" ')
    error = refused(add_record_args(d, document="bad.json"))
    assert "not valid JSON" in error and "CANARY" not in error


def test_audit_verify_names_the_first_bad_entry(files: Path) -> None:
    d = files
    make_keys_and_laptop(d)
    for _ in range(2):
        ok(add_record_args(d))
    conn = sqlite3.connect(d / "lap" / "store.db")
    with conn:
        conn.execute("UPDATE audit SET subject = '0' WHERE seq = 2")
    conn.close()
    assert "audit log entry 2 was altered" in refused(
        ["audit", "verify", "--store", str(d / "lap")]
    )


def test_passphrase_change_and_emergency_destruction(files: Path) -> None:
    d = files
    make_keys_and_laptop(d)
    (d / "new.pass").write_text("a new laptop passphrase\n")
    ok(
        [
            "keys",
            "passphrase",
            "--store",
            str(d / "lap"),
            "--passphrase-file",
            str(d / "laptop.pass"),
            "--new-passphrase-file",
            str(d / "new.pass"),
        ]
    )
    assert "wrong passphrase" in refused(add_record_args(d))
    ok(add_record_args(d, unlock_with="new.pass"))
    refused(["keys", "destroy", "--store", str(d / "lap")], input="n\n")
    assert "destroyed" in ok(["keys", "destroy", "--store", str(d / "lap"), "--yes"])
    assert "1 record(s)" in ok(
        ["records", "list", "--store", str(d / "lap"), "--passphrase-file", str(d / "new.pass")]
    )


def test_demo_store_is_labelled_and_usable(files: Path) -> None:
    d = files
    out = ok(["demo", "--store", str(d / "demo"), "--records", "4", "--seed", "1"])
    assert "DEMO" in out and "synthetic" in out
    (d / "demo.pass").write_text("demo passphrase - not secret\n")
    demo_list = ["records", "list", "--store", str(d / "demo"), "--passphrase-file"]
    assert "4 record(s)" in ok([*demo_list, str(d / "demo.pass")])
    assert "DEMO" in ok(["keys", "fingerprint", str(d / "demo" / "demo-keys" / "project.pub")])
    assert "DEMO" in (d / "demo" / "DEMO-README.txt").read_text()
    assert "audit log verifies: 5 entries" in ok(["audit", "verify", "--store", str(d / "demo")])
    refused(["demo", "--store", str(d / "demo"), "--records", "1"])  # folder not empty


def test_help_of_each_store_command(files: Path) -> None:
    for args in (
        ["keys", "new"],
        ["keys", "fingerprint"],
        ["records", "add"],
        ["bundle", "import"],
        ["audit", "verify"],
        ["init"],
        ["demo"],
    ):
        result = run_testimony([*args, "--help"])
        assert result.returncode == 0 and "Usage" in result.stdout
        assert "not available" not in result.stdout


def test_passphrase_is_never_an_argument() -> None:
    for args in (["init"], ["records", "add"], ["bundle", "export"], ["keys", "new"]):
        assert "--passphrase " not in run_testimony([*args, "--help"]).stdout


def test_audit_verify_against_a_head_kept_elsewhere(files: Path) -> None:
    d = files
    make_keys_and_laptop(d)
    shown = ok(["audit", "verify", "--store", str(d / "lap")])
    head = re.search(r"(\d+) entries, head ([0-9a-f]{64})", shown)
    assert head
    kept = f"{head.group(1)}:{head.group(2)}"
    assert "verifies" in ok(["audit", "verify", "--store", str(d / "lap"), "--head", kept])
    assert "ENTRIES:HASH" in refused(["audit", "verify", "--store", str(d / "lap"), "--head", "x"])
    later = f"{int(head.group(1)) + 1}:{head.group(2)}"
    assert "is missing" in refused(["audit", "verify", "--store", str(d / "lap"), "--head", later])


def test_a_passphrase_file_that_is_not_text_is_one_line(files: Path) -> None:
    d = files
    make_keys_and_laptop(d)
    (d / "binary.pass").write_bytes(b"\xff\xfe\x00passphrase\n")
    store, out, secret = str(d / "lap"), str(d / "b.bundle"), str(d / "binary.pass")
    error = refused(
        ["bundle", "export", "--store", store, "--out", out, "--passphrase-file", secret]
    )
    assert "not UTF-8 text" in error
