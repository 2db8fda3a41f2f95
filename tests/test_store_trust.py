"""What a seized laptop, a rogue laptop or a crafted file can do to the steward: nothing.

Each test plays one attack through the real ``testimony`` command, as the
interviewer and the steward would meet it, and checks that the steward's
records come through whole.
"""

from __future__ import annotations

import base64
import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import run_testimony
from store import audit, crypto, envelope
from store.repository import Store

pytestmark = pytest.mark.slow

FINGERPRINT = r"[A-Z2-7]{4}(?: [A-Z2-7]{4}){7}"
ID = r"[0-9a-f]{32}"


def ok(args: list[str]) -> str:
    result = run_testimony(args)
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def fails(args: list[str]) -> str:
    result = run_testimony(args)
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr


@dataclass
class Field:
    """A project made through the command line: keys, a steward store, laptops."""

    root: Path

    def pass_file(self, name: str) -> str:
        return str(self.root / f"{name}.pass")

    def laptop(self, name: str) -> str:
        """Make a laptop store; returns its device fingerprint as ``init`` printed it."""
        (self.root / f"{name}.pass").write_text(f"{name} passphrase for the field test\n")
        out = ok(
            [
                "init",
                "--store",
                str(self.root / name),
                "--project-key",
                str(self.root / "keys" / "project.pub"),
                "--yes",
                "--passphrase-file",
                self.pass_file(name),
            ]
        )
        found = re.search(r"device fingerprint: (" + FINGERPRINT + ")", out)
        assert found
        return found.group(1)

    def add(self, laptop: str, number: int) -> str:
        doc = self.root / f"doc-{number}.json"
        doc.write_text(json.dumps({"narrative": f"synthetic testimony number {number}"}))
        out = ok(
            [
                "records",
                "add",
                "--unvalidated",
                "--store",
                str(self.root / laptop),
                "--json",
                str(doc),
                "--passphrase-file",
                self.pass_file(laptop),
            ]
        )
        found = re.search(ID, out)
        assert found
        return found.group(0)

    def export(self, laptop: str, name: str) -> Path:
        out = self.root / name
        ok(
            [
                "bundle",
                "export",
                "--store",
                str(self.root / laptop),
                "--out",
                str(out),
                "--passphrase-file",
                self.pass_file(laptop),
            ]
        )
        return out

    def import_args(self, bundle: Path, enrol: str | None = None) -> list[str]:
        args = ["bundle", "import", str(bundle), "--store", str(self.root / "steward")]
        args += ["--passphrase-file", self.pass_file("steward")]
        return args + (["--enrol-device", enrol] if enrol else [])

    def steward_ids(self) -> list[str]:
        """Laptop ids of the records the steward holds (read from its file: no content)."""
        conn = sqlite3.connect(self.root / "steward" / "store.db")
        try:
            columns = {row[1] for row in conn.execute("PRAGMA table_info(records)")}
            query = (
                "SELECT sealed_id FROM records"
                if "sealed_id" in columns
                else "SELECT id FROM records"
            )
            return sorted(str(row[0]) for row in conn.execute(query))
        finally:
            conn.close()


@pytest.fixture
def field(tmp_path: Path) -> Field:
    (tmp_path / "steward.pass").write_text("steward passphrase for the field test\n")
    steward_pass = str(tmp_path / "steward.pass")
    ok(["keys", "new", "--out", str(tmp_path / "keys"), "--passphrase-file", steward_pass])
    ok(
        [
            "init",
            "--steward",
            "--store",
            str(tmp_path / "steward"),
            "--key",
            str(tmp_path / "keys" / "project.key"),
            "--key-passphrase-file",
            steward_pass,
            "--passphrase-file",
            steward_pass,
        ]
    )
    return Field(tmp_path)


def sql(store: Path, statement: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(store / "store.db")
    try:
        with conn:
            return list(conn.execute(statement, params))
    finally:
        conn.close()


# -- 1. a withdrawal planted without the passphrase ------------------------------


def test_a_withdrawal_planted_on_a_seized_laptop_deletes_nothing_at_the_steward(
    field: Field,
) -> None:
    device = field.laptop("lap")
    kept = field.add("lap", 1)
    ok(field.import_args(field.export("lap", "one.bundle"), enrol=device))
    # Someone with the disk for a minute, but not the passphrase:
    sql(
        field.root / "lap",
        "INSERT INTO withdrawals (record_id, origin_store) "
        "SELECT id, origin_store FROM records WHERE id = ?",
        (kept,),
    )
    exported = run_testimony(
        [
            "bundle",
            "export",
            "--store",
            str(field.root / "lap"),
            "--out",
            str(field.root / "two.bundle"),
            "--passphrase-file",
            field.pass_file("lap"),
        ]
    )
    assert exported.returncode == 0, exported.stderr
    assert "0 withdrawal(s)" in exported.stdout
    assert "not signed" in exported.stderr and kept in exported.stderr
    ok(field.import_args(field.root / "two.bundle"))
    assert field.steward_ids() == [kept]


# -- 2. a rogue laptop cannot drop or block another's records --------------------


def rogue_withdraw(store_dir: Path, passphrase_file: str, record_id: str) -> None:
    """An enrolled laptop whose owner signs a withdrawal of another laptop's record."""
    with Store.open(store_dir) as store:
        store.unlock(Path(passphrase_file).read_text().strip())
        row = {"record_id": record_id, "origin_store": store.store_id}
        columns = {c.name for c in store.db.table("withdrawals").columns}
        if "signature" in columns:
            binding = envelope.withdrawal_binding(store.store_id, store.store_id, record_id)
            row["signature"] = crypto.sign(store.signing_key(), binding).hex()
        with store.transaction() as db:
            db.table("withdrawals").insert(row)


def rogue_seal(store_dir: Path, passphrase_file: str, record_id: str) -> None:
    """An enrolled laptop that seals junk under another laptop's record id."""
    with Store.open(store_dir) as store:
        store.unlock(Path(passphrase_file).read_text().strip())
        info = envelope.record_info(store.store_id, record_id, "", "", envelope.RECORD_FORMAT)
        payload = envelope.encode_record_payload(
            {"junk": True}, reviewed=False, protocol_id="unvalidated", protocol_version="0"
        )
        sealed = crypto.seal(payload, store.project_public_key.key, info)
        row: dict[str, object] = {
            "id": record_id,
            "origin_store": store.store_id,
            "protocol_id": "",
            "protocol_version": "",
            "format": envelope.RECORD_FORMAT,
            "status": "unreviewed",
            "digest": crypto.sha256(sealed).hex(),
            "ciphertext": sealed,
        }
        if "sealed_id" in {c.name for c in store.db.table("records").columns}:
            row["sealed_id"] = record_id
        with store.transaction() as db:
            db.table("records").insert(row)


def test_a_rogue_laptop_cannot_withdraw_or_block_another_laptops_records(field: Field) -> None:
    honest = field.laptop("honest")
    ids = [field.add("honest", n) for n in range(3)]
    first = field.export("honest", "honest-1.bundle")  # read in transit by the rogue
    rogue = field.laptop("rogue")
    rogue_withdraw(field.root / "rogue", field.pass_file("rogue"), ids[0])
    rogue_seal(field.root / "rogue", field.pass_file("rogue"), ids[1])
    ok(field.import_args(field.export("rogue", "rogue.bundle"), enrol=rogue))
    imported = ok(field.import_args(first, enrol=honest))
    assert "3 new, 0 already present" in imported
    assert "kept under a new id" in imported
    later = field.add("honest", 9)
    assert "1 new, 3 already present" in ok(field.import_args(field.export("honest", "h-2.bundle")))
    assert field.steward_ids() == sorted([*ids, ids[1], later])


# -- 3. enrolment cannot be hijacked ----------------------------------------------


def test_enrolment_fingerprints_come_only_from_the_unlocked_store(field: Field) -> None:
    device = field.laptop("lap")
    field.add("lap", 1)
    bundle = field.export("lap", "one.bundle")
    refusal = fails(field.import_args(bundle))
    assert "not enrolled" in refusal
    assert re.search(FINGERPRINT, refusal) is None  # never the bundle's own fingerprint
    # Someone replaces the laptop's device.pub with their own key:
    intruder = crypto.signing_public_key(crypto.new_signing_key())
    document = {
        "format": "testimony-intake device public key",
        "version": 1,
        "ed25519": base64.b64encode(intruder).decode(),
        "store_id": "0" * 32,
    }
    (field.root / "lap" / "device.pub").write_text(json.dumps(document))
    shown = run_testimony(["keys", "fingerprint", str(field.root / "lap" / "device.pub")])
    assert re.search(FINGERPRINT, shown.stdout + shown.stderr) is None
    assert "--store" in shown.stderr
    lap, secret = str(field.root / "lap"), field.pass_file("lap")
    from_store = ok(["keys", "fingerprint", "--store", lap, "--passphrase-file", secret])
    assert device in from_store


# -- 4. size and parsing order ------------------------------------------------------


def test_an_oversized_file_is_refused_before_it_is_read(field: Field) -> None:
    huge = field.root / "huge.bundle"
    with huge.open("wb") as handle:
        handle.truncate(3 * 1024 * 1024 * 1024)  # sparse: costs no disk
    error = fails([*field.import_args(huge), "--max-size", "1"])
    assert "larger than the limit" in error
    error = fails(field.import_args(huge))
    assert "larger than the limit of 1024 MiB" in error


def test_a_bundle_is_checked_against_its_signature_before_its_manifest_is_parsed(
    field: Field,
) -> None:
    device = field.laptop("lap")
    field.add("lap", 1)
    bundle = field.export("lap", "one.bundle")
    data = bundle.read_bytes()
    magic_end = data.index(b"\n") + 1
    start = magic_end + (32 if data.startswith(b"TESTIMONY-INTAKE-BUNDLE-V2") else 0)
    size = int.from_bytes(data[start : start + 4], "big")
    deep = (b"[" * size)[:size]  # a manifest that would exhaust the parser
    bundle.write_bytes(data[: start + 4] + deep + data[start + 4 + size :])
    assert "signature does not verify" in fails(field.import_args(bundle, enrol=device))


# -- 6. a rewritten audit log -----------------------------------------------------


def test_a_laptop_log_rewritten_with_as_many_entries_is_refused(field: Field) -> None:
    device = field.laptop("lap")
    field.add("lap", 1)
    ok(field.import_args(field.export("lap", "one.bundle"), enrol=device))
    # Someone with the disk rewrites entry 2 and rebuilds the chain after it.
    rows = sql(field.root / "lap", "SELECT seq, day, action, subject FROM audit ORDER BY seq")
    prev = audit.GENESIS
    for seq, day, action, subject in rows:
        if seq == 2:
            subject = envelope.new_id()
        digest = audit.entry_hash(int(str(seq)), str(day), str(action), str(subject), prev)
        sql(
            field.root / "lap",
            "UPDATE audit SET subject = ?, prev = ?, hash = ? WHERE seq = ?",
            (subject, prev, digest, seq),
        )
        prev = digest
    sql(
        field.root / "lap",
        "UPDATE meta SET value = ? WHERE key = 'audit_head'",
        (f"{len(rows)}:{prev}",),
    )
    ok(["audit", "verify", "--store", str(field.root / "lap")])  # the file alone cannot tell
    error = fails(field.import_args(field.export("lap", "two.bundle")))
    assert "rewritten" in error


# -- 7. odd input is a one-line message, never an internal error -------------------


HOUSEHOLD = Path(__file__).parent / "data" / "protocols" / "household-survey.yaml"


def household(**changes: object) -> dict[str, object]:
    """Typed-up answers of the household survey that pass every check."""
    return {
        "agrees": True,
        "head_name": "Yusuf Haddad",
        "district": 9,
        "district_other": "the old quarter",
        "members": 6,
        "has_children": True,
        "children_count": 2,
        "school": [1],
        "visit_date": "2024-05-06",
        "satisfaction": 7,
        "remarks": "They moved twice.",
        **changes,
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"narrative": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ('{"age": ' + "9" * 5000 + "}", "number too long"),
        (json.dumps(household(remarks="a\ud800b")), "not valid Unicode"),
    ],
)
def test_odd_typed_up_files_are_one_line_errors(field: Field, content: str, message: str) -> None:
    field.laptop("lap")
    (field.root / "odd.json").write_text(content)
    for checked in (["--protocol", str(HOUSEHOLD)], ["--unvalidated"]):
        args = ["records", "add", *checked, "--store", str(field.root / "lap")]
        args += [
            "--json",
            str(field.root / "odd.json"),
            "--passphrase-file",
            field.pass_file("lap"),
        ]
        assert message in fails(args)


def test_a_narrative_given_as_an_object_is_refused_not_sealed_as_its_repr(field: Field) -> None:
    field.laptop("lap")
    answers = household(remarks={"text": "an object, not text"})
    (field.root / "object.json").write_text(json.dumps(answers))
    args = ["records", "add", "--store", str(field.root / "lap"), "--protocol", str(HOUSEHOLD)]
    args += ["--json", str(field.root / "object.json"), "--passphrase-file", field.pass_file("lap")]
    assert "remarks: a JSON object is not an answer" in fails(args)


def test_a_bundle_numbered_beyond_any_counter_is_refused_in_one_line(field: Field) -> None:
    device = field.laptop("lap")
    field.add("lap", 1)
    sql(
        field.root / "lap", "UPDATE meta SET value = ? WHERE key = 'bundle_sequence'", (str(2**70),)
    )
    error = fails(field.import_args(field.export("lap", "one.bundle"), enrol=device))
    assert "bundle refused" in error


# -- 8. known identifiers refuse YAML aliases ----------------------------------------


def test_known_identifiers_with_yaml_aliases_are_refused_at_once(tmp_path: Path) -> None:
    lines = ["other: &a0 [Omar, Omar, Omar, Omar, Omar, Omar, Omar, Omar, Omar]"]
    for n, field in enumerate(("units", "relatives"), start=1):
        lines.append(f"{field}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]")
    lines.append("names: *a2")
    (tmp_path / "known.yaml").write_text("\n".join(lines) + "\n")
    (tmp_path / "story.txt").write_text("Omar left in 2016.\n")
    error = fails(
        ["anonymise", "--known", str(tmp_path / "known.yaml"), str(tmp_path / "story.txt")]
    )
    assert "YAML aliases (*name) are not allowed" in error


# -- 5. drafts cannot be rolled back or brought back --------------------------------


def test_an_older_or_deleted_draft_put_back_is_refused(tmp_path: Path) -> None:
    from store_fixtures import PROTOCOL, make_project

    from store.errors import TamperedError

    project = make_project(tmp_path)
    with project.laptop() as laptop:
        draft = laptop.save_draft({"step": "consent"}, **PROTOCOL)
        (old,) = sql(project.laptop_dir, "SELECT * FROM drafts WHERE id = ?", (draft,))
        laptop.save_draft({"step": "identity"}, draft_id=draft, **PROTOCOL)
        declined = laptop.save_draft({"step": "consent"}, **PROTOCOL)
        (gone,) = sql(project.laptop_dir, "SELECT * FROM drafts WHERE id = ?", (declined,))
        laptop.delete_draft(declined)
    # Someone with the disk puts back the earlier copy and the deleted draft.
    sql(project.laptop_dir, "DELETE FROM drafts WHERE id = ?", (draft,))
    for row in (old, gone):
        sql(project.laptop_dir, "INSERT INTO drafts VALUES (?, ?, ?, ?, ?, ?, ?)", row)
    with project.laptop() as laptop:
        for draft_id in (draft, declined):
            with pytest.raises(TamperedError, match="not the copy last saved"):
                laptop.load_draft(draft_id)
        with pytest.raises(TamperedError, match="not the copy last saved"):
            laptop.save_draft({"step": "x"}, draft_id=draft, **PROTOCOL)


# -- 10. what a seized laptop shows without the passphrase ----------------------------


def test_record_sizes_are_padded_and_listing_needs_the_passphrase(field: Field) -> None:
    field.laptop("lap")
    for number, words in ((1, 4000), (2, 4020)):  # 20,000 and 20,100 characters
        doc = field.root / f"sized-{number}.json"
        doc.write_text(json.dumps({"narrative": " ".join(["word"] * words)}))
        args = ["records", "add", "--unvalidated", "--store", str(field.root / "lap")]
        ok([*args, "--json", str(doc), "--passphrase-file", field.pass_file("lap")])
    sizes = sql(field.root / "lap", "SELECT length(ciphertext) FROM records")
    assert sizes[0] == sizes[1]
    listing = run_testimony(["records", "list", "--store", str(field.root / "lap")])
    assert listing.returncode != 0 and re.search(ID, listing.stdout) is None


def test_the_protocol_is_sealed_not_in_the_file_or_the_bundle(field: Field) -> None:
    """The protocol id and version travel inside the seal: the laptop's file, its bundle and
    the steward's file never hold them in clear; the steward reads them from the record."""
    label, version = "protocol-named-in-the-seal", "7.3.1"
    device = field.laptop("lap")
    doc = field.root / "doc.json"
    doc.write_text(json.dumps({"narrative": "synthetic testimony"}))
    args = ["records", "add", "--unvalidated", "--store", str(field.root / "lap")]
    args += ["--json", str(doc), "--passphrase-file", field.pass_file("lap")]
    record = re.search(ID, ok([*args, "--protocol-id", label, "--protocol-version", version]))
    assert record
    with Store.open(field.root / "lap") as laptop:
        laptop.unlock(Path(field.pass_file("lap")).read_text().strip())
        laptop.save_draft({"step": "consent"}, protocol_id=label, protocol_version=version)
    bundle = field.export("lap", "one.bundle")
    ok(field.import_args(bundle, enrol=device))
    listing = ["records", "list", "--store", str(field.root / "lap")]
    listed = ok([*listing, "--passphrase-file", field.pass_file("lap")])
    assert record.group(0) in listed and label not in listed
    written = [bundle, *(field.root / "lap").iterdir(), *(field.root / "steward").iterdir()]
    for path in written:
        if path.is_file():
            assert label.encode() not in path.read_bytes(), path.name
            assert b"7.3.1" not in path.read_bytes(), path.name
    with Store.open(field.root / "steward") as steward:
        steward.unlock(Path(field.pass_file("steward")).read_text().strip())
        opened = steward.open_sealed(record.group(0))
    assert (opened.protocol_id, opened.protocol_version) == (label, version)


# -- 9. passphrases -------------------------------------------------------------------


@pytest.mark.parametrize("weak", ["aaaaaaaaaaaa", "passwordpassword"])
def test_guessable_passphrases_are_refused(field: Field, weak: str) -> None:
    (field.root / "weak.pass").write_text(weak + "\n")
    args = ["init", "--store", str(field.root / "lap"), "--project-key"]
    args += [str(field.root / "keys" / "project.pub"), "--yes"]
    result = run_testimony([*args, "--passphrase-file", str(field.root / "weak.pass")])
    assert result.returncode != 0
    assert result.stderr.splitlines()[-1].startswith("testimony: the passphrase is too easy")
    assert not (field.root / "lap" / "store.db").exists()


def test_a_passphrase_file_others_can_read_is_warned_about(field: Field) -> None:
    field.laptop("lap")
    Path(field.pass_file("lap")).chmod(0o644)
    args = ["records", "list", "--store", str(field.root / "lap")]
    listed = run_testimony([*args, "--passphrase-file", field.pass_file("lap")])
    assert listed.returncode == 0
    assert "can be read by other users" in listed.stderr and "644" in listed.stderr


def test_the_steward_is_asked_before_a_withdrawal_deletes_a_reviewed_record(field: Field) -> None:
    device = field.laptop("lap")
    record = field.add("lap", 1)
    ok(field.import_args(field.export("lap", "one.bundle"), enrol=device))
    with Store.open(field.root / "steward") as steward:
        steward.unlock(Path(field.pass_file("steward")).read_text().strip())
        steward.reseal_record(record, {"narrative": "reviewed here"}, reviewed=True)
    with Store.open(field.root / "lap") as laptop:
        laptop.unlock(Path(field.pass_file("lap")).read_text().strip())
        laptop.delete_record(record)  # consent withdrawn, told to the interviewer
    bundle = field.export("lap", "two.bundle")
    declined = run_testimony(field.import_args(bundle), input="n\n")
    assert declined.returncode != 0
    assert record in declined.stderr and "reviewed" in declined.stderr
    assert field.steward_ids() == [record]
    accepted = ok([*field.import_args(bundle), "--accept-withdrawals"])
    assert f"{record} deleted" in accepted
    assert field.steward_ids() == []


def test_a_withdrawal_removed_from_a_seized_laptop_is_reported_to_the_steward(
    field: Field,
) -> None:
    device = field.laptop("lap")
    record = field.add("lap", 1)
    ok(field.import_args(field.export("lap", "one.bundle"), enrol=device))
    with Store.open(field.root / "lap") as laptop:
        laptop.unlock(Path(field.pass_file("lap")).read_text().strip())
        laptop.delete_record(record)  # consent withdrawn
    # Someone with the disk removes the withdrawal so that the steward keeps the record.
    sql(field.root / "lap", "DELETE FROM withdrawals")
    result = run_testimony(field.import_args(field.export("lap", "two.bundle")))
    assert result.returncode == 0, result.stderr
    assert f"consent for record {record} was withdrawn" in result.stderr
