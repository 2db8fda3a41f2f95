"""The record document, identity answers as known identifiers, settings and app drafts."""

from __future__ import annotations

from typing import Any

import pytest

from anonymise.candidates import Candidate
from anonymise.redact import Policy
from anonymise.review import Review
from conftest import TESTS
from intake.codec import RECORD_FORMAT
from intake.drafts import REVIEW_KEY, draft_document, read_draft
from intake.flow import Interview, Stage
from intake.known_from_answers import known_identifiers, split_values
from intake.protocol import default_protocol, load_protocol
from intake.record import RecordError, build_record, redact_consistently
from intake.settings import Settings, SettingsError, load_settings


def in_review(narrative: str, notes: str | None = None) -> Interview:
    interview = Interview.start(default_protocol())
    for field_id in ("consent_participation", "consent_quotation", "consent_archiving"):
        interview = interview.set_answer(field_id, True)
    interview = interview.set_answer("consent_follow_up", False).next()
    interview = interview.set_answer("real_name", "Khalid Haddad").set_answer("kunya", "Abu Omar")
    while interview.stage is not Stage.REVIEW:
        if interview.step_id == "narrative":
            interview = interview.set_answer("narrative", narrative)
        if interview.step_id == "interviewer_notes" and notes is not None:
            interview = interview.set_answer("notes", notes)
        interview = interview.next()
    return interview


def spans(text: str, *words: str) -> list[Candidate]:
    found = []
    for word in words:
        start = text.find(word)
        while start >= 0:
            found.append(Candidate(start, start + len(word), "PERSON", 1.0, "test", "a test"))
            start = text.find(word, start + 1)
    return sorted(found)


def test_pseudonyms_are_consistent_across_the_texts_of_a_record() -> None:
    first = "Omar met Khalid. Khalid left."
    second = "Later Khalid wrote; Omar did not."
    redacted, mapping, log = redact_consistently(
        {
            "a": (first, spans(first, "Omar", "Khalid")),
            "b": (second, spans(second, "Khalid", "Omar")),
        },
        Policy(),
    )
    assert redacted["a"] == "[PERSON 1] met [PERSON 2]. [PERSON 2] left."
    assert redacted["b"] == "Later [PERSON 2] wrote; [PERSON 1] did not."
    assert mapping == {"Omar": "[PERSON 1]", "Khalid": "[PERSON 2]"}
    assert sum(log.values()) == 5
    assert "Khalid" not in repr(mapping)


def test_record_shape() -> None:
    narrative = "Abu Omar said Khalid Haddad left [Raqqa]."
    notes = "Calm; Khalid Haddad spoke freely."
    interview = in_review(narrative, notes)
    reviews = {
        "narrative": Review.start(narrative, spans(narrative, "Abu Omar", "Khalid Haddad")),
        "notes": Review.start(notes, spans(notes, "Khalid Haddad")),
    }
    reviews = {key: _accept_all(review) for key, review in reviews.items()}
    document = build_record(interview.complete(), reviews)
    assert document["format"] == RECORD_FORMAT
    assert document["format_version"] == 1
    assert document["protocol"]["id"] == "defector-interview"
    assert document["reviewed"] is True
    assert document["identity"] == {"real_name": "Khalid Haddad", "kunya": "Abu Omar"}
    assert "narrative" not in document["answers"] and "real_name" not in document["answers"]
    assert document["answers"]["consent_follow_up"] is False
    text = document["free_text"]["narrative"]
    # The identity section says Abu Omar is Khalid Haddad's kunya: one person.
    assert text["redacted"] == "[PERSON 1] said [PERSON 1] left [Raqqa]."
    assert document["free_text"]["notes"]["redacted"] == "Calm; [PERSON 1] spoke freely."
    assert text["original"] == narrative
    assert [c["status"] for c in text["candidates"]] == ["accepted", "accepted"]
    assert [d["action"] for d in text["decisions"]] == ["accept", "accept"]
    assert document["pseudonyms"] == {"Abu Omar": "[PERSON 1]", "Khalid Haddad": "[PERSON 1]"}
    assert document["anonymisation_log"] == [
        {"type": "PERSON", "recogniser": "test", "action": "pseudonym", "count": 3}
    ]


def _accept_all(review: Review) -> Review:
    for candidate in list(review.pending):
        review = review.accept(candidate)
    return review


def test_unfinished_review_makes_an_unreviewed_record() -> None:
    narrative = "Khalid left."
    interview = in_review(narrative)
    review = Review.start(narrative, spans(narrative, "Khalid"))
    document = build_record(interview.complete(), {"narrative": review})
    assert document["reviewed"] is False
    assert document["free_text"]["narrative"]["redacted"] == narrative


def test_record_needs_a_completed_interview_and_matching_reviews() -> None:
    narrative = "Khalid left."
    interview = in_review(narrative)
    with pytest.raises(RecordError):
        build_record(interview, {"narrative": Review.start(narrative, [])})
    with pytest.raises(RecordError):
        build_record(interview.complete(), {})
    with pytest.raises(RecordError) as raised:
        build_record(interview.complete(), {"narrative": Review.start("other text", [])})
    assert "Khalid" not in str(raised.value)


def test_identity_answers_become_known_identifiers() -> None:
    protocol = default_protocol()
    answers: dict[str, Any] = {
        "real_name": "Khalid Haddad",
        "aliases": "Abu Talha al-Britani, Talha",
        "kunya": "Abu Omar",
        "relatives": "Fatima\nUmm Ali; Yusuf",
        "home_town": "Tel Abyad",
        "unit": "Katiba Tariq",
        "narrative": "not an identity field",
    }
    known = known_identifiers(protocol, answers)
    assert known.names == ("Khalid Haddad",)
    assert known.aliases == ("Abu Talha al-Britani", "Talha")
    assert known.kunyas == ("Abu Omar",)
    assert known.relatives == ("Fatima", "Umm Ali", "Yusuf")
    assert known.places == ("Tel Abyad",)
    assert known.units == ("Katiba Tariq",)
    assert split_values(" , ;\n") == ()


def test_known_identifiers_follow_the_second_protocol() -> None:
    protocol = load_protocol(TESTS / "data" / "protocols" / "household-survey.yaml")
    known = known_identifiers(protocol, {"head_name": "Amina Yusuf"})
    assert known.names == ("Amina Yusuf",)


def test_settings() -> None:
    assert load_settings(environ={}).idle_lock_seconds == 180
    assert load_settings(idle_lock=0, environ={}).idle_lock_seconds == 0
    assert load_settings(environ={"TESTIMONY_IDLE_LOCK": "60"}).idle_lock_seconds == 60
    assert (
        load_settings(idle_lock=30, environ={"TESTIMONY_IDLE_LOCK": "60"}).idle_lock_seconds == 30
    )
    with pytest.raises(SettingsError):
        load_settings(environ={"TESTIMONY_IDLE_LOCK": "soon"})
    with pytest.raises(SettingsError):
        Settings(idle_lock_seconds=3)
    assert load_settings(demo=False, demo_passphrase="x", environ={}).demo_passphrase is None


def test_draft_with_review_round_trips() -> None:
    narrative = "Khalid went to Raqqa. Khalid came back."
    interview = in_review(narrative)
    review = Review.start(narrative, spans(narrative, "Khalid"))
    review = review.accept(review.pending[0], every_occurrence=True)
    document = draft_document(interview, {"narrative": review})
    resumed, reviews = read_draft(interview.protocol, document)
    assert resumed == interview
    assert reviews == {"narrative": review}
    plain, none = read_draft(interview.protocol, interview.to_document())
    assert plain == interview and none is None


def test_a_review_that_no_longer_fits_is_dropped() -> None:
    narrative = "Khalid went to Raqqa."
    interview = in_review(narrative)
    document = draft_document(
        interview, {"narrative": Review.start(narrative, spans(narrative, "Khalid"))}
    )
    document[REVIEW_KEY]["narrative"]["candidates"][0]["end"] = 10_000
    _resumed, reviews = read_draft(interview.protocol, document)
    assert reviews is None


def test_analysis_reports_progress_and_stops_when_asked() -> None:
    from app_helpers import FixedAnalyser

    from intake.analysis import analyse_interview, analyse_with_progress

    interview = in_review("Khalid went to Raqqa.", "Khalid was calm.")
    seen: list[tuple[int, int]] = []

    def record(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    reviews = analyse_with_progress(FixedAnalyser(), interview, record)
    assert seen == [(0, 2), (1, 2), (2, 2)]
    assert reviews is not None and set(reviews) == {"narrative", "notes"}
    assert reviews == analyse_interview(FixedAnalyser(), interview)
    assert analyse_with_progress(FixedAnalyser(), interview, lambda d, t: d < 1) is None


def test_a_draft_saved_before_the_codec_still_opens() -> None:
    """Drafts in review written by the previous version named the candidates ``items``."""
    interview = in_review("Khalid went to Raqqa.")
    protocol = interview.protocol
    document = interview.to_document()
    document[REVIEW_KEY] = {
        "narrative": {
            "items": [
                {
                    "start": 0,
                    "end": 6,
                    "type": "PERSON",
                    "score": 0.85,
                    "recogniser": "spacy",
                    "explanation": "a name the model found",
                    "status": "accepted",
                }
            ],
            "decisions": [
                {
                    "action": "accept",
                    "start": 0,
                    "end": 6,
                    "type": "PERSON",
                    "every_occurrence": False,
                }
            ],
        }
    }
    _resumed, saved = read_draft(protocol, document)
    assert saved is not None
    [item] = saved["narrative"].items
    assert (item.candidate.start, item.candidate.end, item.status) == (0, 6, "accepted")
    assert item.candidate.explanation == "a name the model found"
    document[REVIEW_KEY]["narrative"]["decisions"][0]["action"] = "forget"
    assert read_draft(protocol, document)[1] is None
