"""A record's entities across its texts, and the decisions rules take before a person does.

The analyser is replaced by candidates made by hand: what is tested is how the
interview's identity answers and the protocol's policy reach the anonymiser.
"""

from __future__ import annotations

from anonymise.candidates import DATE, NATIONALITY, PERSON, Candidate
from anonymise.review import ACCEPTED, PENDING, Review
from intake.analysis import record_entities, settled_reviews, settlements
from intake.flow import Interview, Stage
from intake.protocol import default_protocol


def in_review(narrative: str, notes: str) -> Interview:
    interview = Interview.start(default_protocol())
    for field_id in ("consent_participation", "consent_quotation", "consent_archiving"):
        interview = interview.set_answer(field_id, True)
    interview = interview.set_answer("consent_follow_up", False).next()
    interview = interview.set_answer("real_name", "Khalid Haddad").set_answer("kunya", "Abu Omar")
    while interview.stage is not Stage.REVIEW:
        if interview.step_id == "narrative":
            interview = interview.set_answer("narrative", narrative)
        if interview.step_id == "interviewer_notes":
            interview = interview.set_answer("notes", notes)
        interview = interview.next()
    return interview


def at(text: str, words: str, kind: str = PERSON, why: str = "a test") -> Candidate:
    start = text.index(words)
    return Candidate(start, start + len(words), kind, 0.9, "test", why)


def test_the_interviewee_is_one_entity_in_every_text_and_rules_settle_research_content() -> None:
    narrative = "Abu Omar left in 2014 with a Tunisian, Yusuf."
    notes = "Mr Haddad was calm; Yusuf did not come."
    interview = in_review(narrative, notes)
    reviews = {
        "narrative": Review.start(
            narrative,
            [
                at(narrative, "Abu Omar"),
                at(narrative, "2014", DATE),
                at(narrative, "Tunisian", NATIONALITY, "nationality"),
                at(narrative, "Yusuf"),
            ],
        ),
        "notes": Review.start(notes, [at(notes, "Haddad"), at(notes, "Yusuf")]),
    }
    entities = record_entities(interview, reviews)
    people = [e for e in entities if e.entity_type == PERSON]
    assert [(e.known, len(e.mentions), e.pseudonym) for e in people] == [
        ("interviewee", 2, "[PERSON 1]"),
        ("", 2, "[PERSON 2]"),
    ]
    decided = settlements(entities, interview.protocol)
    reasons = sorted(decision.reason for decision in decided.values())
    assert reasons == [
        "a date (shown as its year): research content the protocol settles as masked",
        "a known identifier of this interview",
        "a nationality: research content the protocol settles as masked",
    ]
    settled = settled_reviews(reviews, entities, decided)
    assert [item.status for item in settled["narrative"].items] == [
        ACCEPTED,
        ACCEPTED,
        ACCEPTED,
        PENDING,
    ]
    assert [item.status for item in settled["notes"].items] == [ACCEPTED, PENDING]
