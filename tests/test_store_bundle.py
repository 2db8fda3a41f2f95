"""Bundles: a good one imports once however often it comes; anything else is refused."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from store_fixtures import FAST, LAPTOP_PASSPHRASE, PROTOCOL, Project, interview

from store import crypto, envelope
from store.bundle import export_bundle, import_bundle
from store.bundle_format import MAGIC
from store.errors import BundleError, StoreError
from store.keys import make_project_keys
from store.repository import Store

_DOMAIN = b"testimony-intake bundle manifest v2\0"
_KEY = 32


def export(project: Project, name: str, records: int = 0) -> tuple[Path, list[str]]:
    """Seal ``records`` more records on the laptop, then export a bundle."""
    out = project.laptop_dir.parent / name
    with project.laptop() as laptop:
        ids = [laptop.finalise(interview(n), **PROTOCOL) for n in range(records)]
        export_bundle(laptop, out)
    return out, ids


def fingerprint(project: Project) -> str:
    with Store.open(project.laptop_dir) as laptop:
        return laptop.device_fingerprint


def do_import(project: Project, bundle: Path, *, enrol: bool = False) -> tuple[int, int, int]:
    with project.steward() as steward:
        report = import_bundle(
            steward, bundle, enrol_fingerprint=fingerprint(project) if enrol else None
        )
        return report.added, report.already_present, report.withdrawn


def steward_records(project: Project) -> dict[str, dict[str, object]]:
    with project.steward() as steward:
        return {
            info.record_id: steward.open_record(info.record_id) for info in steward.list_records()
        }


def split(bundle: bytes) -> tuple[dict[str, object], bytes, bytes]:
    """(manifest, signature, records) of a bundle's bytes; the device key is in the manifest."""
    device_key = bundle[len(MAGIC) : len(MAGIC) + _KEY]
    offset = len(MAGIC) + _KEY
    size = int.from_bytes(bundle[offset : offset + 4], "big")
    manifest = json.loads(bundle[offset + 4 : offset + 4 + size])
    manifest["device_key"] = base64.b64encode(device_key).decode()
    offset += 4 + size
    sig_size = int.from_bytes(bundle[offset : offset + 4], "big")
    signature = bundle[offset + 4 : offset + 4 + sig_size]
    return manifest, signature, bundle[offset + 4 + sig_size :]


def _layout(manifest: dict[str, object]) -> tuple[bytes, bytes]:
    """(device key, manifest bytes) as the file holds them."""
    body = dict(manifest)
    device_key = base64.b64decode(str(body.pop("device_key")))
    return device_key, json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


def join(manifest: dict[str, object], signature: bytes, records: bytes) -> bytes:
    device_key, body = _layout(manifest)
    return (
        MAGIC
        + device_key
        + len(body).to_bytes(4, "big")
        + body
        + len(signature).to_bytes(4, "big")
        + signature
        + records
    )


def resign(manifest: dict[str, object], key: bytearray) -> bytes:
    device_key, body = _layout(manifest)
    return crypto.sign(key, _DOMAIN + device_key + body)


def assert_refused(project: Project, bundle: Path, cause: str, *, enrol: bool = False) -> None:
    before = steward_records(project)
    with pytest.raises(BundleError, match=cause):
        do_import(project, bundle, enrol=enrol)
    assert steward_records(project) == before
    with project.steward() as steward:
        steward.verify_audit()


def test_good_bundle_imports_once_however_often_it_comes(project: Project) -> None:
    bundle, ids = export(project, "one.bundle", records=3)
    assert do_import(project, bundle, enrol=True) == (3, 0, 0)
    assert do_import(project, bundle) == (0, 3, 0)
    records = steward_records(project)
    assert sorted(records) == sorted(ids)
    assert sorted(r["number"] for r in records.values()) == [0, 1, 2]  # type: ignore[type-var]


def test_later_bundles_add_only_what_is_new(project: Project) -> None:
    first, _ = export(project, "one.bundle", records=2)
    do_import(project, first, enrol=True)
    second, _ = export(project, "two.bundle", records=1)
    assert do_import(project, second) == (1, 2, 0)
    assert len(steward_records(project)) == 3


def test_unenrolled_device_is_refused_until_enrolled_with_its_fingerprint(project: Project) -> None:
    bundle, _ = export(project, "one.bundle", records=1)
    assert_refused(project, bundle, "not enrolled")
    with project.steward() as steward, pytest.raises(BundleError, match="not the one given"):
        import_bundle(steward, bundle, enrol_fingerprint="AAAA " * 8)
    assert do_import(project, bundle, enrol=True) == (1, 0, 0)


def test_tampered_record_is_refused(project: Project) -> None:
    bundle, _ = export(project, "one.bundle", records=2)
    data = bytearray(bundle.read_bytes())
    data[-100] ^= 0x01
    bundle.write_bytes(bytes(data))
    assert_refused(project, bundle, "does not match its signed digest", enrol=True)


def test_tampered_manifest_is_refused(project: Project) -> None:
    bundle, _ = export(project, "one.bundle", records=2)
    manifest, signature, records = split(bundle.read_bytes())
    manifest["withdrawn"] = ["0" * 32]
    bundle.write_bytes(join(manifest, signature, records))
    assert_refused(project, bundle, "signature does not verify", enrol=True)


def test_truncated_bundles_are_refused(project: Project) -> None:
    bundle, _ = export(project, "one.bundle", records=2)
    data = bundle.read_bytes()
    for cut in (len(data) - 1, len(data) // 2, len(MAGIC) + 10, 5):
        bundle.write_bytes(data[:cut])
        assert_refused(project, bundle, "truncated", enrol=True)
    bundle.write_bytes(data + b"extra")
    assert_refused(project, bundle, "after its last record", enrol=True)


def test_unsigned_bundle_is_refused(project: Project) -> None:
    bundle, _ = export(project, "one.bundle", records=1)
    manifest, _signature, records = split(bundle.read_bytes())
    bundle.write_bytes(join(manifest, b"", records))
    assert_refused(project, bundle, "unsigned", enrol=True)


def test_foreign_signed_bundle_is_refused(project: Project) -> None:
    good, _ = export(project, "good.bundle", records=1)
    do_import(project, good, enrol=True)
    bundle, _ = export(project, "two.bundle", records=1)
    manifest, _signature, records = split(bundle.read_bytes())
    intruder = crypto.new_signing_key()
    # Signed by another key but claiming the enrolled device's key: does not verify.
    bundle.write_bytes(join(manifest, resign(manifest, intruder), records))
    assert_refused(project, bundle, "signature does not verify")
    # Signed by another key that names itself: a device nobody enrolled.
    manifest["device_key"] = base64.b64encode(crypto.signing_public_key(intruder)).decode()
    bundle.write_bytes(join(manifest, resign(manifest, intruder), records))
    assert_refused(project, bundle, "not enrolled")


def test_bundle_from_another_enrolled_laptop_cannot_claim_this_one(project: Project) -> None:
    good, _ = export(project, "good.bundle", records=1)
    do_import(project, good, enrol=True)
    other_dir = project.laptop_dir.parent / "other-laptop"
    with Store.create(
        other_dir, project_public_key=project.public, passphrase=LAPTOP_PASSPHRASE, kdf=FAST
    ) as other:
        other.finalise(interview(9), **PROTOCOL)
        export_bundle(other, other_dir.parent / "other.bundle")
    assert_refused(project, other_dir.parent / "other.bundle", "not enrolled")


def test_replayed_older_bundle_is_refused_and_cannot_undo_a_withdrawal(project: Project) -> None:
    old, ids = export(project, "old.bundle", records=2)
    with project.laptop() as laptop:
        laptop.delete_record(ids[0])  # consent withdrawn
    new, _ = export(project, "new.bundle", records=1)
    assert do_import(project, new, enrol=True) == (2, 0, 0)
    assert ids[0] not in steward_records(project)
    assert_refused(project, old, "replayed")
    assert ids[0] not in steward_records(project)
    assert do_import(project, new) == (0, 2, 0)


def test_withdrawal_reaches_the_steward(project: Project) -> None:
    first, ids = export(project, "one.bundle", records=2)
    do_import(project, first, enrol=True)
    with project.laptop() as laptop:
        laptop.delete_record(ids[1])
    second, _ = export(project, "two.bundle")
    assert do_import(project, second) == (0, 1, 1)
    assert sorted(steward_records(project)) == [ids[0]]


def test_bundle_sealed_to_another_project_is_refused(project: Project, tmp_path: Path) -> None:
    other_public = make_project_keys(tmp_path / "other-keys", "other steward passphrase", kdf=FAST)
    other_dir = tmp_path / "stranger"
    with Store.create(
        other_dir, project_public_key=other_public, passphrase=LAPTOP_PASSPHRASE, kdf=FAST
    ) as other:
        other.finalise(interview(1), **PROTOCOL)
        export_bundle(other, tmp_path / "stranger.bundle")
    with project.steward() as steward, pytest.raises(BundleError, match="another project key"):
        import_bundle(steward, tmp_path / "stranger.bundle")


def test_not_a_bundle_and_laptop_import_are_refused(project: Project, tmp_path: Path) -> None:
    (tmp_path / "junk.bundle").write_bytes(b"PK\x03\x04 not a bundle at all")
    assert_refused(project, tmp_path / "junk.bundle", "not a testimony-intake bundle")
    bundle, _ = export(project, "one.bundle", records=1)
    with project.laptop() as laptop, pytest.raises(Exception, match="only a steward"):
        import_bundle(laptop, bundle)


def test_bundle_holds_no_plaintext(project: Project) -> None:
    with project.laptop() as laptop:
        laptop.finalise({"narrative": "CANARY-in-a-bundle"}, **PROTOCOL)
        export_bundle(laptop, project.laptop_dir.parent / "one.bundle")
    assert b"CANARY" not in (project.laptop_dir.parent / "one.bundle").read_bytes()


def test_withdrawal_at_the_steward_leaves_no_copy_in_its_files(project: Project) -> None:
    first, ids = export(project, "one.bundle", records=2)
    do_import(project, first, enrol=True)
    with project.laptop() as laptop:
        laptop.delete_record(ids[1])
    second, _ = export(project, "two.bundle")
    with project.steward() as steward:
        (sealed,) = steward.db.execute(
            "SELECT ciphertext FROM records WHERE id = ?", [ids[1]]
        ).fetchone()
        assert import_bundle(steward, second).withdrawn == 1
        needle = bytes(sealed)[1200:1264]
        assert [p.name for p in project.steward_dir.iterdir() if needle in p.read_bytes()] == []


def test_a_laptop_audit_log_cut_short_since_the_last_bundle_is_refused(project: Project) -> None:
    first, _ = export(project, "one.bundle", records=3)
    do_import(project, first, enrol=True)
    # Someone with the laptop's disk cuts the log's tail and rewrites the recorded head.
    with Store.open(project.laptop_dir) as laptop, laptop.transaction() as db:
        (kept_hash,) = db.execute("SELECT hash FROM audit WHERE seq = 2").fetchone()
        db.execute("DELETE FROM audit WHERE seq > 2")
        laptop.set_meta("audit_head", f"2:{kept_hash}")
    second, _ = export(project, "two.bundle", records=1)
    assert_refused(project, second, "audit log is shorter")


def test_another_laptop_cannot_undo_a_withdrawal_made_at_the_steward(project: Project) -> None:
    """A withdrawal the steward recorded stays, whatever another enrolled laptop's bundle lists."""
    first, ids = export(project, "one.bundle", records=2)
    do_import(project, first, enrol=True)
    with project.steward() as steward:
        steward.delete_record(ids[0])  # consent withdrawn by word to the steward
    other_dir = project.laptop_dir.parent / "other-laptop"
    with Store.create(
        other_dir, project_public_key=project.public, passphrase=LAPTOP_PASSPHRASE, kdf=FAST
    ) as other:
        with other.transaction() as db:  # a rogue laptop claims the withdrawal as its own
            binding = envelope.withdrawal_binding(other.store_id, other.store_id, ids[0])
            signature = crypto.sign(other.signing_key(), binding).hex()
            db.table("withdrawals").insert(
                {"record_id": ids[0], "origin_store": other.store_id, "signature": signature}
            )
        export_bundle(other, other_dir.parent / "other.bundle")
        other_fingerprint = other.device_fingerprint
    with project.steward() as steward:
        import_bundle(
            steward, other_dir.parent / "other.bundle", enrol_fingerprint=other_fingerprint
        )
    again, _ = export(project, "two.bundle")  # the first laptop still holds the record
    do_import(project, again)
    assert ids[0] not in steward_records(project)


def test_import_reports_the_bundle_number_and_audit_head(project: Project) -> None:
    first, _ = export(project, "one.bundle", records=1)
    second, _ = export(project, "two.bundle")
    with project.steward() as steward:
        report = import_bundle(steward, second, enrol_fingerprint=fingerprint(project))
    assert report.sequence == 2
    with Store.open(project.laptop_dir) as laptop:
        laptop.verify_audit(expected_head=report.audit_head)
    assert first.exists()


def test_withdrawals_are_reported_once_and_only_for_this_laptop(project: Project) -> None:
    first, ids = export(project, "one.bundle", records=2)
    with project.laptop() as laptop:
        laptop.delete_record(ids[0])  # withdrawn before the steward ever saw it
        laptop.delete_record(ids[1])
    second, _ = export(project, "two.bundle")
    with project.steward() as steward:
        report = import_bundle(steward, second, enrol_fingerprint=fingerprint(project))
        assert (report.added, report.withdrawn, report.unmatched_withdrawals) == (0, 0, 2)
    third, _ = export(project, "three.bundle")
    with project.steward() as steward:
        assert import_bundle(steward, third).unmatched_withdrawals == 0
    assert steward_records(project) == {}
    assert_refused(project, first, "replayed")  # the withdrawn records cannot come back


def test_a_damaged_record_stops_the_export_and_leaves_no_file(project: Project) -> None:
    with project.laptop() as laptop:
        ids = [laptop.finalise(interview(n), **PROTOCOL) for n in range(3)]
        with laptop.transaction() as db:
            db.execute("UPDATE records SET ciphertext = zeroblob(2000) WHERE id = ?", [ids[1]])
        out = project.laptop_dir.parent / "damaged.bundle"
        with pytest.raises(StoreError, match=f"record {ids[1]} is damaged"):
            export_bundle(laptop, out)
        assert laptop.meta("bundle_sequence") == "0"
    assert sorted(p.name for p in out.parent.iterdir()) == ["keys", "laptop", "steward"]
