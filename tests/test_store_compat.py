"""Stores and bundles written by earlier versions still open, or are refused in one line.

``tests/data/format1`` was made by an earlier version (store schema 1,
bundle format 1), ``tests/data/format2`` by the next (schema 2, format 2,
manifest version 2, protocols named in clear):
each holds a laptop store with a sealed record, a withdrawn one and a draft,
a steward store that imported its first bundle, and that laptop's two
bundles. A store of schema 1 opens and is upgraded; a bundle of format 1 is
refused with one line saying why. ``tests/data/format3`` was made by this
version (schema 3, manifest version 3, protocols sealed) the same way.
Everything in ``format2`` and ``format3`` must keep opening in later
versions; format 2's protocols in clear are read, and leave the file when
the draft is saved and the record re-reviewed.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from store_fixtures import LAPTOP_PASSPHRASE, PROTOCOL, STEWARD_PASSPHRASE

from conftest import TESTS
from store.bundle import export_bundle, import_bundle
from store.errors import BundleError
from store.repository import Store

FORMAT1 = TESTS / "data" / "format1"
FORMAT2 = TESTS / "data" / "format2"
IDS = dict(line.split() for line in (FORMAT1 / "ids.txt").read_text().splitlines())
IDS2 = dict(line.split() for line in (FORMAT2 / "ids.txt").read_text().splitlines())


@pytest.fixture
def old(tmp_path: Path) -> Path:
    copy = tmp_path / "format1"
    shutil.copytree(FORMAT1, copy)
    return copy


def test_a_laptop_store_of_the_previous_version_opens_and_keeps_its_draft(old: Path) -> None:
    with Store.open(old / "laptop") as laptop:
        laptop.unlock(LAPTOP_PASSPHRASE)
        assert [info.record_id for info in laptop.list_records()] == [IDS["kept"]]
        draft = laptop.load_draft(IDS["draft"])
        assert draft["text"] == "draft of format one"
        laptop.save_draft({**draft, "step": "review"}, draft_id=IDS["draft"], **PROTOCOL)
        assert laptop.load_draft(IDS["draft"])["step"] == "review"
        laptop.verify_audit()


def test_an_unsigned_withdrawal_of_the_previous_version_is_named_not_sent(old: Path) -> None:
    with Store.open(old / "laptop") as laptop:
        laptop.unlock(LAPTOP_PASSPHRASE)
        report = export_bundle(laptop, old / "third.bundle")
    assert report.withdrawn == 0
    assert report.unsigned_withdrawals == (IDS["gone"],)


def test_a_steward_store_of_the_previous_version_takes_the_laptops_new_bundles(old: Path) -> None:
    with Store.open(old / "laptop") as laptop:
        laptop.unlock(LAPTOP_PASSPHRASE)
        export_bundle(laptop, old / "third.bundle")
    with Store.open(old / "steward") as steward:
        steward.unlock(STEWARD_PASSPHRASE)
        assert steward.open_record(IDS["kept"])["narrative"] == "kept record of format one"
        report = import_bundle(steward, old / "third.bundle")
        assert (report.added, report.already_present) == (0, 1)
        assert report.unsent_withdrawals == (IDS["gone"],)  # the steward hears of it
        steward.verify_audit()


def test_a_bundle_of_the_previous_format_is_refused_in_one_line(old: Path) -> None:
    with Store.open(old / "steward") as steward:
        steward.unlock(STEWARD_PASSPHRASE)
        with pytest.raises(BundleError, match="older version of testimony-intake"):
            import_bundle(steward, old / "second.bundle")


def test_stores_and_bundles_of_the_previous_version_keep_opening(tmp_path: Path) -> None:
    copy = tmp_path / "format2"
    shutil.copytree(FORMAT2, copy)
    with Store.open(copy / "laptop") as laptop:
        laptop.unlock(LAPTOP_PASSPHRASE)
        assert [info.record_id for info in laptop.list_records()] == [IDS2["kept"]]
        assert laptop.load_draft(IDS2["draft"])["text"] == "draft of format two"
        laptop.verify_audit()
    with Store.open(copy / "steward") as steward:
        steward.unlock(STEWARD_PASSPHRASE)
        assert steward.open_record(IDS2["kept"])["narrative"] == "kept record of format two"
        report = import_bundle(steward, copy / "second.bundle")
        assert (report.added, report.already_present) == (0, 1)
        assert report.withdrawn_ids == (IDS2["gone"],)
        assert [info.record_id for info in steward.list_records()] == [IDS2["kept"]]
        steward.verify_audit()


def _row(store: Path, query: str, key: str) -> tuple[object, ...]:
    conn = sqlite3.connect(store / "store.db")
    try:
        row = conn.execute(query, [key]).fetchone()
    finally:
        conn.close()
    assert row is not None
    return tuple(row)


def test_protocols_written_in_clear_before_are_read_then_sealed(tmp_path: Path) -> None:
    """Format 2 named a record's and a draft's protocol in clear: both forms are read; a
    save of the draft, and the steward's re-review of the record, take it out of the file."""
    copy = tmp_path / "format2"
    shutil.copytree(FORMAT2, copy)
    drafts = "SELECT protocol_id, protocol_version, label IS NULL FROM drafts WHERE id = ?"
    records = "SELECT protocol_id, protocol_version, format FROM records WHERE id = ?"
    with Store.open(copy / "laptop") as laptop:
        laptop.unlock(LAPTOP_PASSPHRASE)
        (info,) = laptop.list_records()
        assert (info.protocol_id, info.protocol_version) == ("test-protocol", "2")
        assert [(d.protocol_id, d.protocol_version) for d in laptop.list_drafts()] == [
            ("test-protocol", "2")
        ]
        assert _row(copy / "laptop", drafts, IDS2["draft"]) == ("test-protocol", "2", 1)
        draft = laptop.load_draft(IDS2["draft"])
        laptop.save_draft({**draft, "step": "review"}, draft_id=IDS2["draft"], **PROTOCOL)
        assert _row(copy / "laptop", drafts, IDS2["draft"]) == ("", "", 0)
        assert laptop.load_draft(IDS2["draft"])["step"] == "review"
        assert [(d.protocol_id, d.protocol_version) for d in laptop.list_drafts()] == [
            ("test-protocol", "2")
        ]
        new = laptop.finalise({"narrative": "sealed with its protocol"}, **PROTOCOL)
        assert _row(copy / "laptop", records, new) == ("", "", 2)
        export_bundle(laptop, copy / "third.bundle")
    with Store.open(copy / "steward") as steward:
        steward.unlock(STEWARD_PASSPHRASE)
        report = import_bundle(steward, copy / "third.bundle")
        assert (report.added, report.already_present) == (1, 1)
        legacy = steward.open_sealed(IDS2["kept"])
        assert (legacy.protocol_id, legacy.protocol_version) == ("test-protocol", "2")
        sealed = steward.open_sealed(new)
        assert (sealed.protocol_id, sealed.protocol_version) == ("test-protocol", "2")
        assert sealed.document == {"narrative": "sealed with its protocol"}
        steward.reseal_record(IDS2["kept"], {"narrative": "re-reviewed"}, reviewed=True)
        assert _row(copy / "steward", records, IDS2["kept"]) == ("", "", 2)
        resealed = steward.open_sealed(IDS2["kept"])
        assert (resealed.protocol_id, resealed.protocol_version) == ("test-protocol", "2")
        # The laptop's legacy copy, sent again, is still known as already imported.
        assert import_bundle(steward, copy / "third.bundle").already_present == 2
        steward.verify_audit()


FORMAT3 = TESTS / "data" / "format3"
IDS3 = dict(line.split() for line in (FORMAT3 / "ids.txt").read_text().splitlines())


def test_stores_and_bundles_of_this_version_keep_opening(tmp_path: Path) -> None:
    """``format3``: schema 3, manifest version 3, records of format 2, made by this version.

    Every later version must open these stores and import these bundles; the
    protocol is in none of their files in clear, yet both sides read it."""
    copy = tmp_path / "format3"
    shutil.copytree(FORMAT3, copy)
    for path in copy.rglob("*"):
        if path.is_file():
            assert b"test-protocol" not in path.read_bytes(), path.name
    with Store.open(copy / "laptop") as laptop:
        laptop.unlock(LAPTOP_PASSPHRASE)
        assert [info.record_id for info in laptop.list_records()] == [IDS3["kept"]]
        (draft,) = laptop.list_drafts()
        assert (draft.draft_id, draft.protocol_id, draft.protocol_version) == (
            IDS3["draft"],
            "test-protocol",
            "2",
        )
        assert laptop.load_draft(IDS3["draft"])["text"] == "draft of format three"
        laptop.verify_audit()
    with Store.open(copy / "steward") as steward:
        steward.unlock(STEWARD_PASSPHRASE)
        kept = steward.open_sealed(IDS3["kept"])
        assert kept.document["narrative"] == "kept record of format three"
        assert (kept.protocol_id, kept.protocol_version) == ("test-protocol", "2")
        report = import_bundle(steward, copy / "second.bundle")
        assert (report.added, report.already_present) == (0, 1)
        assert report.withdrawn_ids == (IDS3["gone"],)
        assert [info.record_id for info in steward.list_records()] == [IDS3["kept"]]
        steward.verify_audit()
