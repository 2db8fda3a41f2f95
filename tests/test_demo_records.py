"""A demo store follows the real protocol, so it can go all the way to an export."""

from __future__ import annotations

import json
import random
from pathlib import Path

from export_contents import leaks
from store_fixtures import FAST

from conftest import TESTS
from intake.demo import demo_record, demo_records
from intake.protocol import default_protocol, load_protocol
from intake.release import ReleaseSettings, release
from store.bundle import export_bundle, import_bundle
from store.demo import DEMO_KEYS_FOLDER, DEMO_PASSPHRASE, make_demo_store
from store.keys import read_private_key
from store.models import RecordStatus
from store.repository import Store

PROTOCOL = default_protocol()


def test_demo_records_are_valid_records_of_any_protocol() -> None:
    household = load_protocol(TESTS / "data" / "protocols" / "household-survey.yaml")
    for protocol in (PROTOCOL, household):
        for number in range(1, 7):
            record = demo_record(protocol, random.Random(number), number)
            assert record["protocol"]["fingerprint"] == protocol.fingerprint
            assert record["reviewed"] is (number % 3 != 0)
            assert record["free_text"], "a demo record without free text checks nothing"
            for item in record["free_text"].values():
                assert "Demo Person" in item["original"] and "Placeville" in item["original"]
                if record["reviewed"]:
                    assert "Demo Person" not in item["redacted"]
                    assert "Placeville" not in item["redacted"]


def test_a_demo_store_goes_through_a_bundle_to_an_export(tmp_path: Path) -> None:
    laptop = make_demo_store(
        tmp_path / "demo", 9, kdf=FAST, seed=1, make_record=demo_records(PROTOCOL)
    )
    with laptop:
        statuses = [info.status for info in laptop.list_records()]
        assert statuses.count(RecordStatus.UNREVIEWED) == 3
        assert {info.protocol_id for info in laptop.list_records()} == {""}  # sealed inside
        export_bundle(laptop, tmp_path / "b.bundle")
        device = laptop.device_fingerprint
    private = read_private_key(
        tmp_path / "demo" / DEMO_KEYS_FOLDER / "project.key", DEMO_PASSPHRASE
    )
    steward = Store.create_steward(
        tmp_path / "steward", project_private_key=private, passphrase=DEMO_PASSPHRASE, kdf=FAST
    )
    with steward:
        import_bundle(steward, tmp_path / "b.bundle", enrol_fingerprint=device)
        protocols = {
            (opened.protocol_id, opened.protocol_version)
            for opened in map(steward.open_sealed, (i.record_id for i in steward.list_records()))
        }
        assert protocols == {(PROTOCOL.id, PROTOCOL.version)}
        result = release(
            steward,
            tmp_path / "out",
            ReleaseSettings(k=1, l_diversity=1),
        )
    assert len(result.plan.dataset.rows) == 6
    assert result.plan.skipped_unreviewed == 3
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["protocol"]["id"] == PROTOCOL.id
    assert leaks(tmp_path / "out", "Demo Person", "Placeville") == []
