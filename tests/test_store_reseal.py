"""Re-reviewed records at the steward: sealed again under the same id, never undone by a bundle."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_fixtures import PROTOCOL, Project, interview

from store import audit, crypto, envelope
from store.bundle import export_bundle, import_bundle
from store.errors import BundleError, CannotOpenRecordError, NotFoundError, StoreLockedError
from store.models import RecordStatus
from store.records import laptop_copy_key
from store.repository import Store


def raw(path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path / "store.db")
    try:
        with conn:
            return list(conn.execute(sql, params))
    finally:
        conn.close()


def fingerprint(project: Project) -> str:
    with Store.open(project.laptop_dir) as laptop:
        return laptop.device_fingerprint


def carry(
    project: Project, name: str, *, enrol: bool = False, confirm: bool = False
) -> tuple[int, int, int]:
    """Export a bundle from the laptop and import it at the steward."""
    bundle = project.laptop_dir.parent / name
    with project.laptop() as laptop:
        export_bundle(laptop, bundle)
    with project.steward() as steward:
        report = import_bundle(
            steward,
            bundle,
            enrol_fingerprint=fingerprint(project) if enrol else None,
            confirm_withdrawals=(lambda _withdrawals: True) if confirm else None,
        )
    return report.added, report.already_present, report.withdrawn


def unreviewed_on_laptop(project: Project) -> str:
    """One unreviewed record sealed on the laptop and carried to the steward."""
    with project.laptop() as laptop:
        record_id = laptop.finalise(interview(1), **PROTOCOL)
    assert carry(project, "first.bundle", enrol=True) == (1, 0, 0)
    return record_id


def reviewed_version(number: int = 1) -> dict[str, object]:
    return {**interview(number), "narrative": "[PERSON 1] left in [DATE 1].", "reviewed": True}


def status(project: Project, record_id: str) -> RecordStatus:
    with Store.open(project.steward_dir) as steward:
        return next(i.status for i in steward.list_records() if i.record_id == record_id)


def test_reseal_replaces_the_record_under_the_same_id(project: Project) -> None:
    record_id = unreviewed_on_laptop(project)
    before = raw(project.steward_dir, "SELECT digest, origin_store FROM records")
    with project.steward() as steward:
        steward.reseal_record(record_id, reviewed_version(), reviewed=True)
        assert steward.open_record(record_id) == reviewed_version()
        infos = steward.list_records()
        report = audit.verify(steward.db, store_id=steward.store_id)
        actions = [
            tuple(r) for r in steward.db.execute("SELECT action, subject FROM audit ORDER BY seq")
        ]
    assert [(i.record_id, i.status) for i in infos] == [(record_id, RecordStatus.REVIEWED)]
    after = raw(project.steward_dir, "SELECT digest, origin_store FROM records")
    assert after[0][0] != before[0][0]
    assert after[0][1] == before[0][1]  # still bound to the laptop that first sealed it
    assert actions[-1] == ("record.review", record_id)
    assert report.entries == len(actions)


def test_reseal_can_keep_a_record_unreviewed(project: Project) -> None:
    record_id = unreviewed_on_laptop(project)
    with project.steward() as steward:
        steward.reseal_record(record_id, interview(7), reviewed=False)
        assert steward.open_record(record_id) == interview(7)
    assert status(project, record_id) is RecordStatus.UNREVIEWED


def test_the_new_seal_is_bound_to_its_row(project: Project) -> None:
    """The re-sealed ciphertext moved to another record's row does not open there."""
    record_id = unreviewed_on_laptop(project)
    with project.steward() as steward:
        other = steward.finalise(interview(2), **PROTOCOL)
        steward.reseal_record(record_id, reviewed_version(), reviewed=True)
    (sealed,) = raw(project.steward_dir, "SELECT ciphertext FROM records WHERE id=?", (record_id,))[
        0
    ]
    raw(project.steward_dir, "UPDATE records SET ciphertext=? WHERE id=?", (sealed, other))
    with project.steward() as steward, pytest.raises(Exception, match="integrity check"):
        steward.open_record(other)


def test_a_laptop_store_cannot_reseal(project: Project) -> None:
    with project.laptop() as laptop:
        record_id = laptop.finalise(interview(1), **PROTOCOL)
        with pytest.raises(CannotOpenRecordError, match="only the steward"):
            laptop.reseal_record(record_id, reviewed_version(), reviewed=True)
    rows = raw(project.laptop_dir, "SELECT status FROM records")
    assert rows == [(RecordStatus.UNREVIEWED.value,)]
    actions = raw(project.laptop_dir, "SELECT action FROM audit")
    assert ("record.review",) not in actions


def test_reseal_refuses_a_locked_store_and_an_unknown_record(project: Project) -> None:
    record_id = unreviewed_on_laptop(project)
    with project.steward() as steward:
        with pytest.raises(NotFoundError):
            steward.reseal_record(envelope.new_id(), reviewed_version(), reviewed=True)
        steward.lock()
        with pytest.raises(StoreLockedError):
            steward.reseal_record(record_id, reviewed_version(), reviewed=True)
    assert status(project, record_id) is RecordStatus.UNREVIEWED


def test_reseal_leaves_no_copy_of_the_old_version(project: Project) -> None:
    with project.laptop() as laptop:
        laptop.finalise(interview(1, words=400), **PROTOCOL)
    carry(project, "first.bundle", enrol=True)
    ((record_id, old),) = raw(project.steward_dir, "SELECT id, ciphertext FROM records")
    assert isinstance(record_id, str) and isinstance(old, bytes)
    with project.steward() as steward:
        steward.reseal_record(record_id, reviewed_version(), reviewed=True)
        files = sorted(
            p.name for p in project.steward_dir.iterdir() if old[1200:1264] in p.read_bytes()
        )
    assert files == []


def test_the_laptop_resending_its_copy_keeps_the_reviewed_version(project: Project) -> None:
    record_id = unreviewed_on_laptop(project)
    with project.steward() as steward:
        steward.reseal_record(record_id, reviewed_version(), reviewed=True)
    with project.laptop() as laptop:
        laptop.finalise(interview(2), **PROTOCOL)
    # The next bundle carries every record the laptop sealed, the re-reviewed one too.
    assert carry(project, "second.bundle") == (1, 1, 0)
    assert status(project, record_id) is RecordStatus.REVIEWED
    with project.steward() as steward:
        assert steward.open_record(record_id) == reviewed_version()
        assert steward.meta(laptop_copy_key(record_id)) is not None


def test_a_different_copy_under_a_re_reviewed_id_is_still_refused(project: Project) -> None:
    """Only the exact copy that was replaced counts as already imported."""
    record_id = unreviewed_on_laptop(project)
    with project.steward() as steward:
        steward.reseal_record(record_id, reviewed_version(), reviewed=True)
        public = steward.project_public_key.key
        laptop_id = raw(project.steward_dir, "SELECT origin_store FROM records")[0][0]
    assert isinstance(laptop_id, str)
    info = envelope.record_info(laptop_id, record_id, "", "", envelope.RECORD_FORMAT)
    forged = crypto.seal(
        envelope.encode_record_payload(interview(99), reviewed=False, **PROTOCOL), public, info
    )
    raw(
        project.laptop_dir,
        "UPDATE records SET ciphertext=?, digest=? WHERE id=?",
        (forged, crypto.sha256(forged).hex(), record_id),
    )
    with pytest.raises(BundleError, match="differs from the copy already imported"):
        carry(project, "forged.bundle")
    with project.steward() as steward:
        assert steward.open_record(record_id) == reviewed_version()


def test_withdrawal_still_deletes_a_re_reviewed_record(project: Project) -> None:
    record_id = unreviewed_on_laptop(project)
    with project.steward() as steward:
        steward.reseal_record(record_id, reviewed_version(), reviewed=True)
    with project.laptop() as laptop:
        laptop.delete_record(record_id)
    with pytest.raises(BundleError, match="not confirmed"):  # reviewed here: asked first
        carry(project, "unconfirmed.bundle")
    assert raw(project.steward_dir, "SELECT id FROM records") == [(record_id,)]
    assert carry(project, "withdrawal.bundle", confirm=True) == (0, 0, 1)
    assert raw(project.steward_dir, "SELECT id FROM records") == []
    key = laptop_copy_key(record_id)
    assert raw(project.steward_dir, "SELECT value FROM meta WHERE key=?", (key,)) == []


def test_deleting_a_re_reviewed_record_forgets_its_laptop_copy(project: Project) -> None:
    record_id = unreviewed_on_laptop(project)
    with project.steward() as steward:
        steward.reseal_record(record_id, reviewed_version(), reviewed=True)
        steward.delete_record(record_id)
        assert steward.meta(laptop_copy_key(record_id)) is None
