"""The export glue over a real steward store: which records leave, in what shape."""

from __future__ import annotations

import csv
import random
from collections import Counter
from typing import Any

import pytest
from export_records import ARABIC_REDACTED, synthetic_record
from store_fixtures import Project

from intake.protocol import Protocol, default_protocol
from intake.release import (
    Pseudonyms,
    ReleaseError,
    ReleaseRefusedError,
    ReleaseSettings,
    plan_release,
    release,
    write_release,
)
from store.repository import Store

PROTOCOL = default_protocol()
QIS = [f.id for f in PROTOCOL.quasi_identifiers()]


def _seal(store: Store, document: dict[str, Any], *, reviewed: bool = True) -> str:
    return store.finalise(
        document,
        protocol_id=PROTOCOL.id,
        protocol_version=PROTOCOL.version,
        reviewed=reviewed,
    )


def _crafted(rng: random.Random, country: int, role: int) -> dict[str, Any]:
    """A record whose quasi-identifiers are ordinary except the country."""
    document = synthetic_record(PROTOCOL, rng)
    answers = document["answers"]
    answers.update(
        region_of_origin=1 if country in (760, 368) else 3,
        country=country,
        age_band=3,
        gender=1,
        education=3,
        join_year=2014,
        age_at_joining=2,
        months_in_group=14,
        leave_year=2017,
        interview_language=1,
        main_role=role,
        witnessed_violence=bool(role % 2),
        current_situation=1 + role % 3,
    )
    return document


def test_a_unique_country_is_generalised_before_export(project: Project) -> None:
    rng = random.Random(5)
    with project.steward() as store:
        for n in range(8):
            _seal(store, _crafted(rng, 760 if n % 2 else 368, 1 + n % 4))
        _seal(store, _crafted(rng, 826, 2))  # the only Briton
        _seal(store, _crafted(rng, 250, 3))
        _seal(store, _crafted(rng, 276, 4))
        plan = plan_release(store, ReleaseSettings(max_suppressed_share=0))
        out = project.steward_dir.parent / "out"
        write_release(store, plan, out)
    report = plan.report
    assert report.before.unique_records == 3
    assert report.satisfied and report.after.smallest_group >= 3
    assert report.levels["country"].name == "region_of_origin"
    with (out / "data.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert Counter(row["country"] for row in rows) == {"1": 8, "3": 3}
    groups = Counter(tuple(row[q] for q in QIS) for row in rows)
    assert min(groups.values()) >= 3
    country = plan.dataset.variable("country")
    assert country.labels()[3].startswith("Western country")
    assert "generalised to region_of_origin" in country.label


def test_identity_fields_and_unscrubbed_text_are_not_variables(project: Project) -> None:
    records = [synthetic_record(PROTOCOL, random.Random(n)) for n in range(4)]
    with project.steward() as store:
        for record in records:
            _seal(store, record)
        plan = plan_release(store, ReleaseSettings(k=1, l_diversity=1))
        # The texts stream from the store, one record at a time, when they are read.
        documents = list(plan.dataset.iter_documents())
    names = {v.name for v in plan.dataset.variables}
    for field in PROTOCOL.identity_fields():
        assert field.id not in names
    assert set(plan.withheld) >= {f.id for f in PROTOCOL.identity_fields()}
    assert "narrative" not in names  # long text goes to the documents
    assert "group_joined_other" in names  # short redacted text stays in the table
    # One 0/1 variable per answer; "prefers not to say" is a declared missing value of each.
    assert "motivations_1" in names and "motivations_99" not in names
    assert plan.dataset.variable("motivations_1").missing_values == (99,)
    assert len(documents) == plan.dataset.document_count == 4
    document = documents[0]
    assert "== Narrative ==" in document.text
    sections = [s for s in document.selections if s.code_id == "section:narrative"]
    assert len(sections) == 1
    narratives = {r["free_text"]["narrative"]["redacted"] for r in records}
    span = document.text[sections[0].start : sections[0].end]
    assert span in narratives and span.endswith(ARABIC_REDACTED)  # code points, emoji included


def test_unreviewed_records_are_left_out_or_refused(project: Project) -> None:
    rng = random.Random(2)
    with project.steward() as store:
        reviewed = [_seal(store, synthetic_record(PROTOCOL, rng)) for _ in range(3)]
        unreviewed = _seal(store, synthetic_record(PROTOCOL, rng, reviewed=False), reviewed=False)
        plan = plan_release(store, ReleaseSettings(k=1, l_diversity=1))
        assert plan.skipped_unreviewed == 1
        assert sorted(plan.record_ids) == sorted(reviewed)
        with pytest.raises(ReleaseError, match="was not reviewed"):
            plan_release(store, ReleaseSettings(record_ids=(reviewed[0], unreviewed)))
        chosen = plan_release(store, ReleaseSettings(k=1, l_diversity=1, record_ids=(reviewed[1],)))
        assert chosen.record_ids == (reviewed[1],)


def test_a_record_sealed_reviewed_but_saying_otherwise_is_refused(project: Project) -> None:
    with project.steward() as store:
        _seal(store, synthetic_record(PROTOCOL, random.Random(1), reviewed=False))
        with pytest.raises(ReleaseError, match="not reviewed"):
            plan_release(store, ReleaseSettings(k=1, l_diversity=1))


def test_records_of_another_protocol_text_are_refused(project: Project) -> None:
    document = synthetic_record(PROTOCOL, random.Random(1))
    document["protocol"]["fingerprint"] = "0" * 64
    with project.steward() as store:
        _seal(store, document)
        with pytest.raises(ReleaseError, match="different text of protocol"):
            plan_release(store, ReleaseSettings(k=1, l_diversity=1))


def test_other_documents_are_refused(project: Project) -> None:
    with project.steward() as store:
        _seal(store, {"narrative": "typed elsewhere"})
        with pytest.raises(ReleaseError, match="not a finished interview record"):
            plan_release(store, ReleaseSettings(k=1, l_diversity=1))


@pytest.mark.slow
def test_pseudonyms_stable_or_per_export(project: Project) -> None:
    rng = random.Random(3)
    with project.steward() as store:
        for _ in range(3):
            _seal(store, synthetic_record(PROTOCOL, rng))
        settings = ReleaseSettings(k=1, l_diversity=1)

        def ids(s: ReleaseSettings) -> set[object]:
            return set(plan_release(store, s).dataset.column("respondent"))

        assert ids(settings) == ids(settings)
        salted = ReleaseSettings(k=1, l_diversity=1, pseudonyms=Pseudonyms.PER_EXPORT)
        first, second = ids(salted), ids(salted)
        assert first != second and not first & ids(settings)


def test_planning_writes_nothing(project: Project) -> None:
    with project.steward() as store:
        _seal(store, synthetic_record(PROTOCOL, random.Random(4)))
        entries = store.verify_audit().entries
        plan = plan_release(store, ReleaseSettings())
        assert plan.refused
        assert store.verify_audit().entries == entries
    assert not (project.steward_dir.parent / "out").exists()


def test_refusal_and_accepted_risk(project: Project) -> None:
    out = project.steward_dir.parent / "out"
    with project.steward() as store:
        for n in range(2):
            _seal(store, synthetic_record(PROTOCOL, random.Random(n)))
        with pytest.raises(ReleaseRefusedError, match="nothing was written"):
            release(store, out, ReleaseSettings())
        assert not out.exists()
        with pytest.raises(ReleaseError, match="one printable line"):
            release(store, out, ReleaseSettings(accept_risk="x" * 400))
        result = release(store, out, ReleaseSettings(accept_risk="pilot data, two interviews"))
        audit = store.db.execute("SELECT action, subject FROM audit ORDER BY seq").fetchall()
        assert store.verify_audit().entries == len(audit)
    assert (out / "manifest.json").is_file()
    assert ("export.accept_risk", f"{result.export_id}: pilot data, two interviews") in audit
    assert ("export.write", result.export_id) in audit
    assert sum(1 for action, _ in audit if action == "record.export") == 2


def test_one_protocol_per_export(project: Project) -> None:
    with project.steward() as store:
        _seal(store, synthetic_record(PROTOCOL, random.Random(1)))
        store.finalise({"x": 1}, protocol_id="other", protocol_version="1", reviewed=True)
        with pytest.raises(ReleaseError, match="different protocols"):
            plan_release(store, ReleaseSettings())


def test_a_version_the_bundled_protocol_is_not_is_refused(project: Project) -> None:
    with project.steward() as store:
        store.finalise({"x": 1}, protocol_id=PROTOCOL.id, protocol_version="0.1", reviewed=True)
        with pytest.raises(ReleaseError, match="the bundled protocol is"):
            plan_release(store, ReleaseSettings())


def test_a_given_protocol_is_used(project: Project) -> None:
    calls: list[tuple[str, str]] = []

    def protocols(protocol_id: str, version: str) -> Protocol:
        calls.append((protocol_id, version))
        return PROTOCOL

    with project.steward() as store:
        _seal(store, synthetic_record(PROTOCOL, random.Random(1)))
        plan_release(store, ReleaseSettings(k=1, l_diversity=1), protocols=protocols)
    assert calls == [(PROTOCOL.id, PROTOCOL.version)]


def test_a_reason_is_kept_only_when_the_risk_was_real(project: Project) -> None:
    rng = random.Random(9)
    out = project.steward_dir.parent / "out"
    with project.steward() as store:
        for n in range(6):
            _seal(store, _crafted(rng, 760, 1 + n % 3))
        result = release(store, out, ReleaseSettings(accept_risk="not needed"))
        actions = [a for (a,) in store.db.execute("SELECT action FROM audit").fetchall()]
    assert not result.plan.report.refused
    assert "export.accept_risk" not in actions
    manifest = (out / "manifest.json").read_text(encoding="utf-8")
    assert '"accepted_risk": null' in manifest
    assert "not needed" not in manifest
