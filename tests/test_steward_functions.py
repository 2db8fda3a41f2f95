"""The steward's plain functions: the overview, re-review of unreviewed records, export.

Records are typed up with a small protocol and a stand-in analyser (instant,
with chosen scores), sealed on the laptop, carried to a real steward store by
a bundle, and re-reviewed there.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

import pytest
from export_contents import leaks, readable_contents
from store_fixtures import LAPTOP_PASSPHRASE, Project

from anonymise.candidates import Candidate
from anonymise.known import KnownIdentifiers
from anonymise.review import ACCEPTED, PENDING, Review
from conftest import TESTS
from intake.protocol import load_protocol
from intake.record import build_record
from intake.release import Pseudonyms, ReleaseError, ReleaseSettings, plan_release, plan_summary
from intake.steward import (
    StewardError,
    open_for_review,
    plan,
    policy_for,
    protocol_source,
    rebuild_record,
    records_overview,
    reseal_review,
    reviews_from_record,
    write_planned,
)
from intake.typed_up import interview_from_answers, unreviewed_record
from store.bundle import export_bundle, import_bundle
from store.models import RecordStatus
from store.repository import Store

HOUSEHOLD = load_protocol(TESTS / "data" / "protocols" / "household-survey.yaml")
SOURCE = protocol_source(HOUSEHOLD)
REMARKS = "Yusuf Haddad said his brother Karim lives in Tal Afar. Yusuf visits him in 2019."
WORDS = {"Yusuf": ("PERSON", 0.9), "Karim": ("PERSON", 0.3), "Tal Afar": ("PLACE", 0.4)}


class ScoredAnalyser:
    """A stand-in analyser: marks every occurrence of fixed words, each with its score."""

    def __init__(self, words: dict[str, tuple[str, float]] | None = None) -> None:
        self.words = WORDS if words is None else words
        self.dictionary: frozenset[str] = frozenset({"said", "his", "brother", "lives"})

    def analyse_many(
        self,
        texts: Sequence[str],
        known: KnownIdentifiers | None = None,
        allow: Collection[str] = (),
        language: str | None = None,
    ) -> list[list[Candidate]]:
        found: list[list[Candidate]] = []
        for text in texts:
            spans = []
            for word, (kind, score) in self.words.items():
                start = text.find(word)
                while start >= 0:
                    spans.append(Candidate(start, start + len(word), kind, score, "fixed", "fixed"))
                    start = text.find(word, start + 1)
            found.append(sorted(spans))
        return found


def answers(number: int = 0, **changes: Any) -> dict[str, Any]:
    """Typed-up household answers; ``number`` varies the coded ones."""
    chosen: dict[str, Any] = {
        "agrees": True,
        "head_name": "Yusuf Haddad",
        "district": 9,
        "district_other": "near Tal Afar, by Karim's shop",
        "members": 3 + number,
        "has_children": False,
        "satisfaction": number % 10,
        "remarks": REMARKS,
    }
    chosen.update(changes)
    return {k: v for k, v in chosen.items() if v is not None}


def typed_up(number: int = 0, analyser: ScoredAnalyser | None = None) -> dict[str, Any]:
    """The record ``testimony records add`` seals: anonymised by the analyser alone."""
    interview = interview_from_answers(HOUSEHOLD, answers(number))
    return unreviewed_record(interview, analyser or ScoredAnalyser())


def carry(
    project: Project, documents: Sequence[dict[str, Any]], *, first: bool = True
) -> list[str]:
    """Seal documents unreviewed on the laptop and import them at the steward."""
    bundle = project.laptop_dir.parent / f"bundle-{len(list(project.laptop_dir.parent.iterdir()))}"
    with project.laptop() as laptop:
        ids = [
            laptop.finalise(
                document,
                protocol_id=HOUSEHOLD.id,
                protocol_version=HOUSEHOLD.version,
                reviewed=bool(document["reviewed"]),
            )
            for document in documents
        ]
        export_bundle(laptop, bundle)
        fingerprint = laptop.device_fingerprint
    with project.steward() as steward:
        import_bundle(steward, bundle, enrol_fingerprint=fingerprint if first else None)
    return ids


def decide_all(reviews: dict[str, Review]) -> dict[str, Review]:
    """Mask every pending candidate, as a steward pressing ``a`` on each would."""
    decided = {}
    for field_id, review in reviews.items():
        for candidate in review.pending:
            review = review.accept(candidate)
        decided[field_id] = review
    return decided


def test_the_overview_counts_records_by_status_unreviewed_first(project: Project) -> None:
    reviewed = {**typed_up(1), "reviewed": True}
    ids = carry(project, [reviewed, typed_up(2), typed_up(3)])
    with project.steward() as steward:
        overview = records_overview(steward)
    assert (overview.total, overview.reviewed, overview.unreviewed) == (3, 1, 2)
    assert [i.record_id for i in overview.records] == [ids[1], ids[2], ids[0]]
    assert overview.line() == "3 records: 1 reviewed (exportable), 2 waiting for review"


def test_the_review_is_rebuilt_as_it_was_sealed(project: Project) -> None:
    [record_id] = carry(project, [typed_up()])
    with project.steward() as steward:
        opened = open_for_review(steward, record_id, SOURCE)
    assert not opened.was_reviewed
    assert list(opened.reviews) == ["district_other", "remarks"]  # the protocol's order
    remarks = opened.reviews["remarks"]
    assert remarks.text == REMARKS
    statuses = {(REMARKS[i.candidate.start : i.candidate.end], i.status) for i in remarks.items}
    assert statuses == {("Yusuf", ACCEPTED), ("Karim", PENDING), ("Tal Afar", PENDING)}
    assert "score 0.30" in next(
        i.candidate.explanation for i in remarks.items if i.status == PENDING
    )
    assert not remarks.is_complete


def test_re_review_seals_a_reviewed_record_that_exports(project: Project, tmp_path: Path) -> None:
    [record_id] = carry(project, [typed_up()])
    with project.steward() as steward:
        opened = open_for_review(steward, record_id, SOURCE)
        with pytest.raises(ReleaseError, match="no reviewed records"):
            plan_release(steward, ReleaseSettings(k=1, l_diversity=1), protocols=SOURCE)
        reviews = decide_all(opened.reviews)
        assert reseal_review(steward, opened, reviews, confirmed=True) is True
        record = steward.open_record(record_id)
        assert records_overview(steward).reviewed == 1
        exportable = plan_release(steward, ReleaseSettings(k=1, l_diversity=1), protocols=SOURCE)
    assert record["reviewed"] is True
    remarks = record["free_text"]["remarks"]
    for name in ("Yusuf", "Karim", "Tal Afar"):
        assert name not in remarks["redacted"]
        assert name not in record["free_text"]["district_other"]["redacted"]
    # One numbering for the whole record: Karim and Tal Afar are the same in both texts.
    assert record["pseudonyms"]["Karim"] in record["free_text"]["district_other"]["redacted"]
    assert record["pseudonyms"]["Tal Afar"] in remarks["redacted"]
    assert remarks["original"] == REMARKS
    assert {c["status"] for c in remarks["candidates"]} == {ACCEPTED}
    # The analyser's own decisions come first, the steward's after them.
    assert [d["action"] for d in remarks["decisions"]][-3:] == ["accept"] * 3
    assert record["identity"] == {"head_name": "Yusuf Haddad"}
    assert record["answers"]["members"] == 3
    assert exportable.record_ids == (record_id,)


def test_names_decided_at_the_steward_never_reach_the_disk_or_the_export(
    project: Project, tmp_path: Path
) -> None:
    [record_id] = carry(project, [typed_up()])
    out = tmp_path / "export"
    with project.steward() as steward:
        opened = open_for_review(steward, record_id, SOURCE)
        reviews = decide_all(opened.reviews)
        # The analyser missed the family name: the steward marks it, every mention.
        remarks = reviews["remarks"]
        at = REMARKS.index("Haddad")
        reviews["remarks"] = remarks.add(at, at + len("Haddad"), "PERSON", every_occurrence=True)
        reseal_review(steward, opened, reviews, confirmed=True)
        planned = plan(steward, ReleaseSettings(k=1, l_diversity=1), SOURCE)
        write_planned(steward, planned, out, None)
    names = ("Yusuf", "Haddad", "Karim", "Tal Afar")
    assert len(list(readable_contents(out))) > 5
    assert leaks(out, *names) == []  # inside the zip and Parquet too
    for path in project.steward_dir.rglob("*"):
        if path.is_file():
            assert not [name for name in names if name.encode() in path.read_bytes()], path.name


def test_rebuilding_matches_what_the_app_would_have_sealed(project: Project) -> None:
    """Same reviews, same record: the steward's redaction is intake/record.py's."""
    interview = interview_from_answers(HOUSEHOLD, answers())
    [record_id] = carry(project, [typed_up()])
    with project.steward() as steward:
        opened = open_for_review(steward, record_id, SOURCE)
    reviews = decide_all(opened.reviews)
    rebuilt = rebuild_record(opened, reviews, confirmed=True)
    expected = build_record(interview, reviews, policy=policy_for(HOUSEHOLD))
    for key in ("free_text", "pseudonyms", "anonymisation_log", "answers", "identity", "reviewed"):
        assert json.loads(json.dumps(rebuilt[key])) == json.loads(json.dumps(expected[key])), key


def test_an_incomplete_review_is_saved_but_stays_unreviewed(project: Project) -> None:
    [record_id] = carry(project, [typed_up()])
    with project.steward() as steward:
        opened = open_for_review(steward, record_id, SOURCE)
        remarks = opened.reviews["remarks"]
        karim = next(c for c in remarks.pending if REMARKS[c.start : c.end] == "Karim")
        reviews = {**opened.reviews, "remarks": remarks.reject(karim)}
        assert reseal_review(steward, opened, reviews, confirmed=True) is False
        again = open_for_review(steward, record_id, SOURCE)
        assert steward.list_records()[0].status is RecordStatus.UNREVIEWED
    assert again.reviews["remarks"].status(karim) == "rejected"
    assert again.reviews["remarks"].decisions[-1].action == "reject"


def test_nothing_decided_by_a_person_stays_unreviewed(project: Project) -> None:
    """All candidates accepted by the analyser alone: complete, unreviewed until confirmed."""
    sure = {word: (kind, 0.99) for word, (kind, _score) in WORDS.items()}
    [record_id] = carry(project, [typed_up(analyser=ScoredAnalyser(sure))])
    with project.steward() as steward:
        opened = open_for_review(steward, record_id, SOURCE)
        assert all(review.is_complete for review in opened.reviews.values())
        assert reseal_review(steward, opened, opened.reviews, confirmed=False) is False
        assert steward.list_records()[0].status is RecordStatus.UNREVIEWED
        assert reseal_review(steward, opened, opened.reviews, confirmed=True) is True
        assert steward.list_records()[0].status is RecordStatus.REVIEWED


def test_reviews_must_be_over_the_sealed_texts(project: Project) -> None:
    [record_id] = carry(project, [typed_up()])
    with project.steward() as steward:
        opened = open_for_review(steward, record_id, SOURCE)
    other = {**opened.reviews, "remarks": Review.start("Another text", [])}
    with pytest.raises(StewardError, match="is not over its text"):
        rebuild_record(opened, other, confirmed=True)
    with pytest.raises(StewardError, match="needs its review"):
        rebuild_record(opened, {"remarks": opened.reviews["remarks"]}, confirmed=True)


def test_damaged_or_foreign_records_are_refused_without_their_content(project: Project) -> None:
    good = typed_up()
    damaged = json.loads(json.dumps(good))
    damaged["free_text"]["remarks"]["candidates"][0]["end"] = 10_000
    with pytest.raises(StewardError, match="damaged") as caught:
        reviews_from_record("r1", damaged, HOUSEHOLD)
    assert "Yusuf" not in str(caught.value)
    foreign = {**good, "protocol": {**good["protocol"], "fingerprint": "0" * 64}}
    plain = {"narrative": "Yusuf Haddad"}
    ids = carry(project, [foreign, {**plain, "reviewed": False}])
    with project.steward() as steward:
        with pytest.raises(StewardError, match="different text of protocol"):
            open_for_review(steward, ids[0], SOURCE)
        with pytest.raises(StewardError, match="not an interview record") as caught:
            open_for_review(steward, ids[1], SOURCE)
        with pytest.raises(StewardError, match="no record"):
            open_for_review(steward, "0" * 32, SOURCE)
    assert "Yusuf" not in str(caught.value)


def test_the_laptop_resending_keeps_the_steward_review(project: Project) -> None:
    [record_id] = carry(project, [typed_up()])
    with project.steward() as steward:
        opened = open_for_review(steward, record_id, SOURCE)
        reseal_review(steward, opened, decide_all(opened.reviews), confirmed=True)
    carry(project, [typed_up(4)], first=False)
    with project.steward() as steward:
        overview = records_overview(steward)
        assert steward.open_record(record_id)["reviewed"] is True
    assert (overview.reviewed, overview.unreviewed) == (1, 1)


def reviewed_records(project: Project, count: int) -> None:
    carry(project, [{**typed_up(n), "reviewed": True} for n in range(count)])


def test_a_refused_plan_is_written_only_with_a_reason(project: Project, tmp_path: Path) -> None:
    reviewed_records(project, 3)
    with project.steward() as steward:
        refused = plan(steward, ReleaseSettings(k=10, formats=("csv",)), SOURCE)
        lines = plan_summary(refused)
        with pytest.raises(ReleaseError, match="give a reason"):
            write_planned(steward, refused, tmp_path / "out", "  ")
        assert not (tmp_path / "out").exists()
        result = write_planned(steward, refused, tmp_path / "out", "pilot data, shared in-house")
    assert lines[0] == "3 record(s) of household-survey 3 would be exported"
    assert any(line.startswith("threshold NOT met") for line in lines)
    assert lines[-1].startswith("REFUSED")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["accepted_risk"] == "pilot data, shared in-house"
    assert manifest["settings"]["k"] == 10
    assert result.files[-1] == "manifest.json"
    assert all((tmp_path / "out" / name).is_file() for name in result.files)
    assert "data.csv" in result.files


def test_a_plan_that_holds_writes_without_a_reason(project: Project, tmp_path: Path) -> None:
    reviewed_records(project, 2)
    settings = ReleaseSettings(
        k=1, l_diversity=1, formats=("jsonl",), pseudonyms=Pseudonyms.PER_EXPORT
    )
    with project.steward() as steward:
        planned = plan(steward, settings, SOURCE)
        assert not planned.report.refused
        assert not plan_summary(planned)[-1].startswith("REFUSED")
        write_planned(steward, planned, tmp_path / "out", None)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["accepted_risk"] is None
    assert manifest["settings"]["pseudonyms"] == "per-export"


def test_a_laptop_store_cannot_re_review(project: Project) -> None:
    with project.laptop() as laptop:
        record_id = laptop.finalise(
            typed_up(), protocol_id=HOUSEHOLD.id, protocol_version=HOUSEHOLD.version
        )
        with pytest.raises(Exception, match="only the steward"):
            open_for_review(laptop, record_id, SOURCE)
    with Store.open(project.laptop_dir) as laptop:
        laptop.unlock(LAPTOP_PASSPHRASE)
        assert laptop.list_records()[0].status is RecordStatus.UNREVIEWED
