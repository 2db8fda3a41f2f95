"""The Store: drafts, sealed records, passphrases, destruction, hygiene and the audit log."""

from __future__ import annotations

import base64
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_fixtures import (
    FAST,
    LAPTOP_PASSPHRASE,
    PROTOCOL,
    STEWARD_PASSPHRASE,
    Project,
    file_digest,
    interview,
)

from store import crypto
from store.database import DATABASE_FILE, SCHEMA_VERSION
from store.errors import (
    AuditError,
    CannotOpenRecordError,
    DeviceKeyDestroyedError,
    DocumentError,
    NotFoundError,
    StoreFormatError,
    StoreLockedError,
    TamperedError,
    WrongPassphraseError,
)
from store.keys import make_project_keys
from store.models import RecordStatus, StoreRole
from store.repository import Store


@pytest.fixture
def laptop(project: Project) -> Iterator[Store]:
    with project.laptop() as store:
        yield store


@pytest.fixture
def steward(project: Project) -> Iterator[Store]:
    with project.steward() as store:
        yield store


def raw(path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Run SQL on the store's file behind its back (as an attacker with the disk would)."""
    conn = sqlite3.connect(path / DATABASE_FILE)
    try:
        with conn:
            return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def flip_byte(blob: bytes, index: int) -> bytes:
    return blob[:index] + bytes([blob[index] ^ 0x80]) + blob[index + 1 :]


# -- drafts --------------------------------------------------------------------


def test_drafts_round_trip_update_list_and_delete(laptop: Store) -> None:
    first = laptop.save_draft(interview(1), **PROTOCOL)
    second = laptop.save_draft({"text": "مرحبا ʿAbd"}, **PROTOCOL)
    assert laptop.load_draft(first) == interview(1)
    assert laptop.load_draft(second) == {"text": "مرحبا ʿAbd"}
    assert laptop.save_draft(interview(3), draft_id=first, **PROTOCOL) == first
    assert laptop.load_draft(first) == interview(3)
    infos = {info.draft_id: info for info in laptop.list_drafts()}
    assert infos[first].revision == 2 and infos[second].revision == 1
    assert infos[first].protocol_id == "test-protocol"
    laptop.delete_draft(second)
    assert [info.draft_id for info in laptop.list_drafts()] == [first]
    with pytest.raises(NotFoundError):
        laptop.load_draft(second)
    with pytest.raises(NotFoundError):
        laptop.save_draft({}, draft_id="0" * 32, **PROTOCOL)
    with pytest.raises(NotFoundError):
        laptop.load_draft("'; DROP TABLE drafts; --")


def test_each_save_uses_a_fresh_nonce(project: Project, laptop: Store) -> None:
    draft = laptop.save_draft(interview(1), **PROTOCOL)
    before = raw(project.laptop_dir, "SELECT ciphertext FROM drafts")[0][0]
    laptop.save_draft(interview(1), draft_id=draft, **PROTOCOL)
    after = raw(project.laptop_dir, "SELECT ciphertext FROM drafts")[0][0]
    assert isinstance(before, bytes) and isinstance(after, bytes)
    assert before[:12] != after[:12] and before != after


@pytest.mark.parametrize("damage", ["flip", "truncate", "moved", "relabelled"])
def test_damaged_or_moved_drafts_fail_and_harm_nothing_else(project: Project, damage: str) -> None:
    with project.laptop() as store:
        victim = store.save_draft(interview(1), **PROTOCOL)
        bystander = store.save_draft(interview(2), **PROTOCOL)
    (ciphertext,) = raw(project.laptop_dir, "SELECT ciphertext FROM drafts WHERE id=?", (victim,))[
        0
    ]
    (other,) = raw(project.laptop_dir, "SELECT ciphertext FROM drafts WHERE id=?", (bystander,))[0]
    assert isinstance(ciphertext, bytes) and isinstance(other, bytes)
    if damage == "flip":
        raw(
            project.laptop_dir,
            "UPDATE drafts SET ciphertext=? WHERE id=?",
            (flip_byte(ciphertext, 40), victim),
        )
    elif damage == "truncate":
        raw(
            project.laptop_dir,
            "UPDATE drafts SET ciphertext=? WHERE id=?",
            (ciphertext[:-7], victim),
        )
    elif damage == "moved":
        raw(project.laptop_dir, "UPDATE drafts SET ciphertext=? WHERE id=?", (other, victim))
    else:  # the bystander's (encrypted) protocol put on the victim
        raw(
            project.laptop_dir,
            "UPDATE drafts SET label=(SELECT label FROM drafts WHERE id=?) WHERE id=?",
            (bystander, victim),
        )
    with project.laptop() as store:
        with pytest.raises(TamperedError, match=f"draft {victim} failed its integrity check"):
            store.load_draft(victim)
        assert store.load_draft(bystander) == interview(2)
        assert store.integrity_check() == "ok"
        store.verify_audit()


# -- records -------------------------------------------------------------------


def test_finalise_seals_deletes_the_draft_and_the_laptop_cannot_open(laptop: Store) -> None:
    draft = laptop.save_draft(interview(1), **PROTOCOL)
    record = laptop.finalise(interview(1), draft_id=draft, reviewed=True, **PROTOCOL)
    assert laptop.list_drafts() == []
    (info,) = laptop.list_records()
    assert (info.record_id, info.status, info.origin_store_id) == (
        record,
        RecordStatus.REVIEWED,
        laptop.store_id,
    )
    assert laptop.role is StoreRole.LAPTOP
    with pytest.raises(CannotOpenRecordError):
        laptop.open_record(record)


def test_finalise_with_unknown_draft_changes_nothing(laptop: Store) -> None:
    with pytest.raises(NotFoundError):
        laptop.finalise(interview(1), draft_id="f" * 32, **PROTOCOL)
    assert laptop.list_records() == []


def test_steward_round_trips_its_records(steward: Store) -> None:
    unreviewed = steward.finalise(interview(1), **PROTOCOL)
    reviewed = steward.finalise(
        {"nested": {"list": [1, 2.5, None, True]}}, reviewed=True, **PROTOCOL
    )
    assert steward.open_record(unreviewed) == interview(1)
    assert steward.open_record(reviewed) == {"nested": {"list": [1, 2.5, None, True]}}
    statuses = {info.record_id: info.status for info in steward.list_records()}
    assert statuses == {unreviewed: RecordStatus.UNREVIEWED, reviewed: RecordStatus.REVIEWED}


@pytest.mark.parametrize("damage", ["flip", "truncate", "moved", "status", "protocol"])
def test_damaged_or_moved_records_fail_and_harm_nothing_else(project: Project, damage: str) -> None:
    with project.steward() as store:
        victim = store.finalise(interview(1), **PROTOCOL)
        bystander = store.finalise(interview(2), **PROTOCOL)
    path = project.steward_dir
    (sealed,) = raw(path, "SELECT ciphertext FROM records WHERE id=?", (victim,))[0]
    (other,) = raw(path, "SELECT ciphertext FROM records WHERE id=?", (bystander,))[0]
    assert isinstance(sealed, bytes) and isinstance(other, bytes)
    updates = {
        "flip": ("UPDATE records SET ciphertext=? WHERE id=?", (flip_byte(sealed, 2000), victim)),
        "truncate": ("UPDATE records SET ciphertext=? WHERE id=?", (sealed[:-1], victim)),
        "moved": ("UPDATE records SET ciphertext=? WHERE id=?", (other, victim)),
        "status": ("UPDATE records SET status='reviewed' WHERE id=?", (victim,)),
        "protocol": ("UPDATE records SET protocol_id='other' WHERE id=?", (victim,)),
    }
    raw(path, *updates[damage])
    with project.steward() as store:
        with pytest.raises(TamperedError, match=f"record {victim}"):
            store.open_record(victim)
        assert store.open_record(bystander) == interview(2)
        assert store.integrity_check() == "ok"


def test_delete_record_withdraws_it(project: Project, steward: Store) -> None:
    record = steward.finalise(interview(1), **PROTOCOL)
    keep = steward.finalise(interview(2), **PROTOCOL)
    steward.delete_record(record)
    assert [info.record_id for info in steward.list_records()] == [keep]
    with pytest.raises(NotFoundError):
        steward.open_record(record)
    assert raw(project.steward_dir, "SELECT record_id FROM withdrawals") == [(record,)]
    assert steward.verify_audit().entries == 4  # create, seal, seal, delete


def test_documents_must_be_json_and_labels_plain(laptop: Store) -> None:
    with pytest.raises(DocumentError):
        laptop.save_draft({"x": object()}, **PROTOCOL)
    with pytest.raises(DocumentError):
        laptop.finalise({}, protocol_id="has space", protocol_version="1")
    assert laptop.list_drafts() == [] and laptop.list_records() == []


# -- locking and passphrases -----------------------------------------------------


def test_wrong_passphrase_is_one_error_and_changes_nothing(project: Project) -> None:
    with project.laptop() as store:
        store.save_draft(interview(1), **PROTOCOL)
    before = file_digest(project.laptop_dir / DATABASE_FILE)
    with Store.open(project.laptop_dir) as store:
        with pytest.raises(WrongPassphraseError, match=r"^wrong passphrase; nothing was changed$"):
            store.unlock("not the right passphrase")
        assert not store.is_unlocked
        with pytest.raises(StoreLockedError):
            store.save_draft(interview(2), **PROTOCOL)
        with pytest.raises(WrongPassphraseError):
            store.change_passphrase("not the right passphrase", "another good passphrase")
    assert file_digest(project.laptop_dir / DATABASE_FILE) == before


def test_lock_zeroes_keys_and_blocks_use(laptop: Store) -> None:
    draft = laptop.save_draft(interview(1), **PROTOCOL)
    device_key, signing_key = laptop._device_key, laptop._signing_key
    assert device_key is not None and signing_key is not None and any(device_key)
    laptop.lock()
    assert not laptop.is_unlocked
    assert device_key == bytearray(len(device_key))
    assert signing_key == bytearray(len(signing_key))
    for call in (
        lambda: laptop.load_draft(draft),
        lambda: laptop.save_draft({}, **PROTOCOL),
        lambda: laptop.finalise({}, **PROTOCOL),
        lambda: laptop.delete_draft(draft),
    ):
        with pytest.raises(StoreLockedError):
            call()
    laptop.unlock(LAPTOP_PASSPHRASE)
    assert laptop.load_draft(draft) == interview(1)


def test_steward_lock_forgets_the_project_key(steward: Store) -> None:
    record = steward.finalise(interview(1), **PROTOCOL)
    material = steward._project_material
    assert material is not None
    steward.lock()
    assert material == bytearray(len(material))
    with pytest.raises(StoreLockedError):
        steward.open_record(record)


def test_change_passphrase_rewraps_only(project: Project) -> None:
    with project.laptop() as store:
        draft = store.save_draft(interview(1), **PROTOCOL)
        store.finalise(interview(2), **PROTOCOL)
        before = raw(
            project.laptop_dir,
            "SELECT ciphertext FROM drafts UNION ALL SELECT ciphertext FROM records",
        )
        store.change_passphrase(LAPTOP_PASSPHRASE, "a brand new passphrase", kdf=FAST)
    assert (
        raw(
            project.laptop_dir,
            "SELECT ciphertext FROM drafts UNION ALL SELECT ciphertext FROM records",
        )
        == before
    )
    with Store.open(project.laptop_dir) as store:
        with pytest.raises(WrongPassphraseError):
            store.unlock(LAPTOP_PASSPHRASE)
        store.unlock("a brand new passphrase")
        assert store.load_draft(draft) == interview(1)


def test_destroy_device_key_loses_drafts_and_keeps_records(project: Project) -> None:
    with project.steward() as store:
        store.save_draft(interview(1), **PROTOCOL)
        record = store.finalise(interview(2), **PROTOCOL)
    with Store.open(project.steward_dir) as store:  # locked: no passphrase needed
        store.destroy_device_key()
        assert store.device_key_destroyed
    assert raw(project.steward_dir, "SELECT count(*) FROM drafts") == [(0,)]
    with project.steward() as store:  # the passphrase still unlocks the signing key
        assert [info.record_id for info in store.list_records()] == [record]
        with pytest.raises(DeviceKeyDestroyedError):
            store.save_draft(interview(3), **PROTOCOL)
        with pytest.raises(DeviceKeyDestroyedError):
            store.open_record(record)
        store.verify_audit()


# -- the file itself -----------------------------------------------------------------


def test_database_settings_and_plaintext_columns(project: Project, steward: Store) -> None:
    assert steward.db.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert steward.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert steward.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert steward.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    steward.save_draft({"secret": "CANARY-draft"}, **PROTOCOL)
    steward.finalise({"secret": "CANARY-record"}, **PROTOCOL)
    for table in ("drafts", "records"):
        columns = {row[1] for row in raw(project.steward_dir, f"PRAGMA table_info({table})")}
        assert columns <= {
            "id",
            "sealed_id",
            "origin_store",
            "protocol_id",
            "protocol_version",
            "format",
            "revision",
            "status",
            "digest",
            "ciphertext",
            "label",
        }


def test_open_refuses_what_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreFormatError):
        Store.open(tmp_path)
    conn = sqlite3.connect(tmp_path / DATABASE_FILE)
    conn.execute("CREATE TABLE other (x)")
    conn.close()
    with pytest.raises(StoreFormatError):
        Store.open(tmp_path)


def test_a_newer_schema_is_refused(project: Project) -> None:
    raw(project.laptop_dir, f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(StoreFormatError, match="newer version"):
        Store.open(project.laptop_dir)


def test_create_refuses_a_folder_that_is_not_empty(project: Project) -> None:
    with pytest.raises(Exception, match="not empty"):
        Store.create(
            project.laptop_dir,
            project_public_key=project.public,
            passphrase=LAPTOP_PASSPHRASE,
            kdf=FAST,
        )


# -- audit log ---------------------------------------------------------------------


@pytest.fixture
def audited(project: Project) -> Path:
    with project.steward() as store:
        drafts = [store.save_draft(interview(n), **PROTOCOL) for n in range(6)]
        for draft in drafts:
            store.finalise(interview(0), draft_id=draft, **PROTOCOL)
        assert store.verify_audit().entries == 7  # drafts leave no entry of their own
    return project.steward_dir


def _verify(path: Path) -> None:
    with Store.open(path) as store:
        store.verify_audit()


def test_audit_log_holds_no_content(audited: Path) -> None:
    rows = raw(audited, "SELECT action, subject FROM audit")
    assert {action for action, _ in rows} == {"store.create", "record.seal"}
    assert all(len(str(subject)) == 32 for _, subject in rows)


def test_audit_detects_an_edit(audited: Path) -> None:
    raw(audited, "UPDATE audit SET action='draft.delete' WHERE seq=4")
    with pytest.raises(AuditError, match="entry 4 was altered"):
        _verify(audited)


def test_audit_detects_a_deletion(audited: Path) -> None:
    raw(audited, "DELETE FROM audit WHERE seq=3")
    with pytest.raises(AuditError, match="entry 3 is missing"):
        _verify(audited)


def test_audit_detects_reordering(audited: Path) -> None:
    rows = raw(
        audited, "SELECT seq, day, action, subject, prev, hash FROM audit WHERE seq IN (5, 6)"
    )
    (_, *five), (_, *six) = rows
    raw(
        audited,
        "UPDATE audit SET day=?, action=?, subject=?, prev=?, hash=? WHERE seq=5",
        tuple(six),
    )
    raw(
        audited,
        "UPDATE audit SET day=?, action=?, subject=?, prev=?, hash=? WHERE seq=6",
        tuple(five),
    )
    with pytest.raises(AuditError, match="entry 5"):
        _verify(audited)


def test_audit_detects_removal_of_the_last_entries(audited: Path) -> None:
    raw(audited, "DELETE FROM audit WHERE seq >= 6")
    with pytest.raises(AuditError, match="entry 6 onward was removed"):
        _verify(audited)


def test_wrong_steward_passphrase_is_refused(project: Project) -> None:
    with Store.open(project.steward_dir) as store, pytest.raises(WrongPassphraseError):
        store.unlock(STEWARD_PASSPHRASE + "x")


# -- the store's own metadata ----------------------------------------------------------


def test_a_swapped_project_key_is_refused_at_unlock(project: Project, tmp_path: Path) -> None:
    """Someone with brief access to the disk cannot make later records seal to their key."""
    attacker = make_project_keys(tmp_path / "attacker", "attacker passphrase", kdf=FAST)
    raw(
        project.laptop_dir,
        "UPDATE meta SET value=? WHERE key='project_public'",
        (json.dumps(attacker.to_json()),),
    )
    with Store.open(project.laptop_dir) as store:
        with pytest.raises(TamperedError, match="metadata was altered"):
            store.unlock(LAPTOP_PASSPHRASE)
        assert not store.is_unlocked
        with pytest.raises(StoreLockedError):
            store.finalise(interview(1), **PROTOCOL)


@pytest.mark.parametrize("change", ["role", "device_public", "label", "signature", "missing"])
def test_any_change_to_the_bound_metadata_is_refused(project: Project, change: str) -> None:
    other_device = base64.b64encode(crypto.signing_public_key(crypto.new_signing_key())).decode()
    (public_json,) = raw(project.laptop_dir, "SELECT value FROM meta WHERE key='project_public'")[0]
    labelled = json.dumps({**json.loads(str(public_json)), "label": "DEMO"})
    updates = {
        "role": ("UPDATE meta SET value='steward' WHERE key='role'", ()),
        "device_public": ("UPDATE meta SET value=? WHERE key='device_public'", (other_device,)),
        "label": ("UPDATE meta SET value=? WHERE key='project_public'", (labelled,)),
        "signature": (
            "UPDATE meta SET value=? WHERE key='metadata_signature'",
            (base64.b64encode(bytes(64)).decode(),),
        ),
        "missing": ("DELETE FROM meta WHERE key='metadata_signature'", ()),
    }
    raw(project.laptop_dir, *updates[change])
    with Store.open(project.laptop_dir) as store:
        with pytest.raises(TamperedError, match="metadata was altered"):
            store.unlock(LAPTOP_PASSPHRASE)
        assert not store.is_unlocked


def test_a_laptop_still_unlocks_after_its_device_key_is_destroyed(project: Project) -> None:
    with project.laptop() as store:
        record = store.finalise(interview(1), **PROTOCOL)
        store.destroy_device_key()
    with project.laptop() as store:
        assert [info.record_id for info in store.list_records()] == [record]
        assert store.signing_key()


# -- leftovers in the write-ahead log --------------------------------------------------


def _leftovers(folder: Path, needle: bytes) -> list[str]:
    """Files of the store (database, WAL, shared memory) that still hold ``needle``."""
    return sorted(path.name for path in folder.iterdir() if needle in path.read_bytes())


def _draft_ciphertext(folder: Path, draft_id: str) -> bytes:
    (ciphertext,) = raw(folder, "SELECT ciphertext FROM drafts WHERE id=?", (draft_id,))[0]
    assert isinstance(ciphertext, bytes)
    return ciphertext[16:80]


def test_finalise_leaves_no_copy_of_the_draft_in_the_wal(project: Project, laptop: Store) -> None:
    """A seized laptop whose passphrase is coerced must not yield the draft of a finished record."""
    draft = laptop.save_draft(interview(1, words=400), **PROTOCOL)
    old = _draft_ciphertext(project.laptop_dir, draft)
    laptop.save_draft(interview(2, words=400), draft_id=draft, **PROTOCOL)
    new = _draft_ciphertext(project.laptop_dir, draft)
    assert _leftovers(project.laptop_dir, new) != []
    laptop.finalise(interview(2, words=400), draft_id=draft, **PROTOCOL)
    assert _leftovers(project.laptop_dir, old) == []
    assert _leftovers(project.laptop_dir, new) == []


def test_deleting_a_draft_leaves_no_copy(project: Project, laptop: Store) -> None:
    draft = laptop.save_draft(interview(1, words=400), **PROTOCOL)
    ciphertext = _draft_ciphertext(project.laptop_dir, draft)
    laptop.delete_draft(draft)
    assert _leftovers(project.laptop_dir, ciphertext) == []


def test_consent_withdrawal_leaves_no_copy_of_the_record(project: Project, steward: Store) -> None:
    record = steward.finalise(interview(1, words=400), **PROTOCOL)
    (sealed,) = raw(project.steward_dir, "SELECT ciphertext FROM records WHERE id=?", (record,))[0]
    assert isinstance(sealed, bytes)
    steward.delete_record(record)
    assert _leftovers(project.steward_dir, sealed[1200:1264]) == []
    assert _leftovers(project.steward_dir, sealed[-64:]) == []


def test_changing_the_passphrase_leaves_no_copy_of_the_old_wrapping(
    project: Project, laptop: Store
) -> None:
    """The old wrapping opens with the old passphrase, which may be why it was changed."""
    (vault,) = raw(project.laptop_dir, "SELECT value FROM meta WHERE key='vault'")[0]
    old_token = json.loads(str(vault))["wrapped"]["device_key"].encode()
    laptop.change_passphrase(LAPTOP_PASSPHRASE, "a brand new passphrase", kdf=FAST)
    assert _leftovers(project.laptop_dir, old_token) == []


def test_audit_detects_an_emptied_log(audited: Path) -> None:
    raw(audited, "DELETE FROM audit")
    raw(audited, "DELETE FROM meta WHERE key='audit_head'")
    with pytest.raises(AuditError, match="entry 1 is missing"):
        _verify(audited)


def test_audit_detects_a_log_that_does_not_start_with_this_store(
    audited: Path, tmp_path: Path
) -> None:
    """A consistent chain rebuilt or copied from elsewhere must begin with this store's creation."""
    from store.audit import GENESIS, entry_hash

    rows = raw(audited, "SELECT seq, day, action, subject FROM audit ORDER BY seq")
    raw(audited, "DELETE FROM audit WHERE seq > 1")
    prev = GENESIS
    rebuilt = [(1, rows[0][1], "store.create", "f" * 32)] + [r for r in rows[1:]]
    raw(audited, "DELETE FROM audit")
    for seq, day, action, subject in rebuilt:
        digest = entry_hash(int(str(seq)), str(day), str(action), str(subject), prev)
        raw(
            audited,
            "INSERT INTO audit (seq, day, action, subject, prev, hash) VALUES (?, ?, ?, ?, ?, ?)",
            (seq, day, action, subject, prev, digest),
        )
        prev = digest
    raw(audited, "UPDATE meta SET value=? WHERE key='audit_head'", (f"{len(rebuilt)}:{prev}",))
    with pytest.raises(AuditError, match="entry 1 is not the creation of this store"):
        _verify(audited)


def test_audit_checks_a_head_kept_elsewhere(audited: Path) -> None:
    """Cutting the tail and rewriting the recorded head is caught by a head the steward kept."""
    with Store.open(audited) as store:
        kept = store.verify_audit()
    rows = raw(audited, "SELECT seq, hash FROM audit WHERE seq = 5")
    raw(audited, "DELETE FROM audit WHERE seq > 5")
    raw(audited, "UPDATE meta SET value=? WHERE key='audit_head'", (f"5:{rows[0][1]}",))
    _verify(audited)  # consistent on its own: the file alone cannot tell
    with Store.open(audited) as store:
        with pytest.raises(AuditError, match=r"entry 7 .* is missing"):
            store.verify_audit(expected_head=f"{kept.entries}:{kept.head}")
        assert store.verify_audit(expected_head=f"5:{rows[0][1]}").entries == 5
        with pytest.raises(AuditError, match="entry 5 is not the one"):
            store.verify_audit(expected_head=f"5:{'0' * 64}")


def test_open_refuses_a_damaged_file_with_one_store_error(tmp_path: Path) -> None:
    (tmp_path / DATABASE_FILE).write_bytes(b"not a database at all" * 300)
    with pytest.raises(StoreFormatError, match="not a testimony-intake store"):
        Store.open(tmp_path)


def test_deleting_inside_a_larger_transaction_still_works(steward: Store) -> None:
    record = steward.finalise(interview(1), **PROTOCOL)
    with steward.transaction():
        steward.delete_record(record)
    assert steward.list_records() == []
    steward.verify_audit()


def test_store_files_are_private_whatever_the_umask(tmp_path: Path) -> None:
    """The library may run without the command line's umask (the app, a notebook)."""
    import os
    import stat

    from store.keys import ProjectPublicKey

    public = ProjectPublicKey(crypto.hybrid_public_key(crypto.new_hybrid_key()))
    old = os.umask(0o022)
    try:
        with Store.create(
            tmp_path / "s", project_public_key=public, passphrase=LAPTOP_PASSPHRASE, kdf=FAST
        ) as store:
            store.save_draft(interview(1), **PROTOCOL)
            modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "s").iterdir()}
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "s").stat().st_mode) == 0o700
    assert modes == dict.fromkeys(modes, 0o600), modes
