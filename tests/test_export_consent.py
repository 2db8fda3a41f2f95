"""What the interviewee agreed to decides what an archive export may hold."""

from __future__ import annotations

import random
from typing import Any

import pytest
from export_records import synthetic_record
from store_fixtures import Project

from conftest import TESTS
from intake.protocol import default_protocol, load_protocol
from intake.release import Audience, ReleaseError, ReleaseSettings, plan_release

PROTOCOL = default_protocol()


def _record(seed: int, *, archiving: bool, quotation: bool) -> dict[str, Any]:
    record = synthetic_record(PROTOCOL, random.Random(seed))
    record["answers"].update(consent_archiving=archiving, consent_quotation=quotation)
    return record


def _seal_all(project: Project, records: list[dict[str, Any]]) -> None:
    with project.steward() as store:
        for record in records:
            store.finalise(
                record,
                protocol_id=PROTOCOL.id,
                protocol_version=PROTOCOL.version,
                reviewed=True,
            )


def test_archive_exports_respect_archiving_and_quotation_consent(project: Project) -> None:
    _seal_all(
        project,
        [
            _record(1, archiving=True, quotation=True),
            _record(2, archiving=True, quotation=False),
            _record(3, archiving=False, quotation=True),
        ],
    )
    settings = ReleaseSettings(k=1, l_diversity=1)
    with project.steward() as store:
        for_project = plan_release(store, settings)
        for_archive = plan_release(
            store, ReleaseSettings(k=1, l_diversity=1, audience=Audience.ARCHIVE)
        )
    assert len(for_project.dataset.rows) == 3
    assert for_project.dataset.document_count == 3
    assert for_project.left_out_no_archiving == 0
    assert len(for_archive.dataset.rows) == 2
    assert for_archive.left_out_no_archiving == 1
    assert for_archive.texts_withheld_no_quotation == 1
    assert for_archive.dataset.document_count == 1
    assert len(for_archive.record_ids) == 2
    short_texts = [row.get("group_joined_other") for row in for_archive.dataset.rows]
    assert sum(text is None for text in short_texts) == 1  # the unquotable one's is withheld


def test_an_archive_export_with_no_consenting_record_is_refused(project: Project) -> None:
    _seal_all(project, [_record(4, archiving=False, quotation=True)])
    with project.steward() as store, pytest.raises(ReleaseError, match="agreed to archiving"):
        plan_release(store, ReleaseSettings(k=1, l_diversity=1, audience=Audience.ARCHIVE))


def test_a_protocol_that_never_asked_for_archiving_cannot_be_archived(project: Project) -> None:
    household = load_protocol(TESTS / "data" / "protocols" / "household-survey.yaml")
    _seal_all(project, [_record(5, archiving=True, quotation=True)])
    with project.steward() as store, pytest.raises(ReleaseError, match="asks no archiving consent"):
        plan_release(
            store,
            ReleaseSettings(k=1, l_diversity=1, audience=Audience.ARCHIVE),
            protocols=lambda _id, _version: household,
        )
