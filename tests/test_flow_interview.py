"""The interview flow: moving through steps, validation, conditions, decline and completion."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import TESTS
from intake.flow import MISSING, FlowError, Interview, Stage
from intake.protocol import Protocol, default_protocol, load_protocol

HOUSEHOLD = TESTS / "data" / "protocols" / "household-survey.yaml"


@pytest.fixture(scope="module")
def household() -> Protocol:
    return load_protocol(Path(HOUSEHOLD))


@pytest.fixture(scope="module")
def defector() -> Protocol:
    return default_protocol()


def agreed(protocol: Protocol) -> Interview:
    return Interview.start(protocol).set_answer(protocol.participation_field.id, "yes")


def test_a_new_interview_starts_at_consent(household: Protocol) -> None:
    interview = Interview.start(household)
    assert interview.stage is Stage.CONSENT
    assert interview.step_id == "agree"
    assert interview.progress.number == 1
    assert not interview.can_advance
    assert interview.problems() == {"agrees": MISSING}
    with pytest.raises(FlowError, match="Does the household agree to answer\\? This question"):
        interview.next()


def test_declined_consent_ends_with_nothing_to_store(household: Protocol) -> None:
    interview = Interview.start(household).set_answer("agrees", False)
    assert interview.can_advance
    declined = interview.next()
    assert declined.stage is Stage.DECLINED
    assert declined.answers == {} and declined.rejected == {} and declined.step_id is None
    with pytest.raises(FlowError, match="stores nothing"):
        declined.to_document()
    for move in (declined.next, declined.back, lambda: declined.set_answer("agrees", True)):
        with pytest.raises(FlowError):
            move()


def test_withdrawing_consent_later_drops_every_answer(household: Protocol) -> None:
    interview = agreed(household).next()
    interview = interview.set_answer("head_name", "Canary Name").set_answer("district", 1)
    back = interview.go_to("agree").set_answer("agrees", "no")
    assert back.stage is Stage.CONSENT
    Interview.from_document(household, json.loads(json.dumps(back.to_document())))
    with pytest.raises(FlowError, match="first step"):
        back.back()
    declined = back.go_to("household")
    assert declined.stage is Stage.DECLINED and declined.answers == {}


def test_required_and_invalid_fields_block_the_step(household: Protocol) -> None:
    interview = agreed(household).next()
    assert interview.stage is Stage.INTERVIEW and interview.step_id == "household"
    assert set(interview.problems()) == {"district", "members", "has_children"}
    interview = interview.set_answer("district", "2").set_answer("has_children", "no")
    interview = interview.set_answer("members", "41")
    assert interview.problems() == {"members": "Enter a value from 1 to 40."}
    assert interview.rejected["members"].raw == "41"
    assert "members" not in interview.answers
    with pytest.raises(FlowError, match="Enter a value from 1 to 40"):
        interview.next()
    interview = interview.set_answer("members", " 4 ")
    assert interview.answers["members"] == 4 and interview.rejected == {}
    assert interview.can_advance
    assert interview.next().step_id == "visit"


def test_fields_and_steps_follow_their_conditions(household: Protocol) -> None:
    interview = agreed(household).next()
    assert not interview.is_visible("district_other")
    with pytest.raises(FlowError, match="not asked"):
        interview.set_answer("district_other", "Somewhere")
    interview = interview.set_answer("district", 9)
    assert [f.id for f in interview.visible_fields()][:3] == [
        "head_name",
        "district",
        "district_other",
    ]
    interview = interview.set_answer("district_other", "Riverside")
    interview = interview.set_answer("members", 3).set_answer("has_children", True)
    assert [s.id for s in interview.visible_steps()] == ["agree", "household", "children", "visit"]
    assert interview.progress.total == 4
    children = interview.next()
    assert children.step_id == "children" and children.progress.number == 3
    children = children.set_answer("children_count", "2").set_answer("school", [2, 1, 2])
    assert children.answers["school"] == (1, 2)
    # Back to the household: no children after all. The step disappears; its answers stay
    # in the draft but no longer count, and the record will not keep them.
    household_step = children.back().set_answer("has_children", "no")
    assert [s.id for s in household_step.visible_steps()] == ["agree", "household", "visit"]
    assert "children_count" in household_step.answers
    assert "children_count" not in household_step.relevant_answers()
    visit = household_step.next()
    assert visit.step_id == "visit" and visit.progress.number == 3
    with pytest.raises(FlowError, match="not asked"):
        visit.go_to("children")
    # And back again: nothing typed was lost.
    again = visit.back().set_answer("has_children", "yes")
    assert again.relevant_answers()["children_count"] == 2


def test_review_and_completion_keep_only_what_was_asked(household: Protocol) -> None:
    interview = agreed(household).next()
    interview = interview.set_answer("district", 9).set_answer("district_other", "Riverside")
    interview = interview.set_answer("members", 3).set_answer("has_children", "yes")
    interview = interview.next().set_answer("children_count", 1).back()
    interview = interview.set_answer("district", 1).set_answer("has_children", "no")
    interview = interview.next()
    interview = interview.set_answer("visit_date", "2024-02-29").set_answer("satisfaction", "7")
    interview = interview.set_answer("household_code", "AB-123").set_answer("remarks", "ok\r\n")
    review = interview.next()
    assert review.stage is Stage.REVIEW and review.step_id is None
    assert review.progress.number == review.progress.total == 3
    assert review.can_advance
    done = review.complete()
    assert done.stage is Stage.COMPLETE
    assert done.answers == {
        "agrees": True,
        "district": 1,
        "members": 3,
        "has_children": False,
        "visit_date": date(2024, 2, 29),
        "household_code": "AB-123",
        "satisfaction": 7,
        "remarks": "ok\n",
    }
    assert done.record() == done.answers
    with pytest.raises(FlowError):
        done.back()
    with pytest.raises(FlowError, match="not finished yet"):
        interview.record()


def test_completion_needs_every_shown_step_finished(household: Protocol) -> None:
    interview = agreed(household).next()
    interview = interview.set_answer("district", 1).set_answer("members", 2)
    interview = interview.set_answer("has_children", False).next()
    # Go back and break a required answer: jumping forward from it is refused...
    broken = interview.back().clear_answer("members")
    with pytest.raises(FlowError, match="How many people live here\\? This question needs"):
        broken.go_to("visit")
    # ...but leaving it by another way leaves it unfinished, and completion says so.
    review = broken.go_to("agree").go_to("visit").next()
    assert review.stage is Stage.REVIEW and not review.can_advance
    assert review.first_unfinished() == household.step("household")
    with pytest.raises(FlowError, match="'The household' is not finished"):
        review.complete()
    broken = interview.back().set_answer("members", "many")
    assert broken.problems() == {"members": "Enter a whole number."}
    review = interview.next()
    assert review.go_to("household").step_id == "household"
    assert review.back().step_id == "visit"


def test_jumps_only_to_steps_reached(household: Protocol) -> None:
    interview = agreed(household)
    with pytest.raises(FlowError, match="not been reached"):
        interview.go_to("visit")
    with pytest.raises(FlowError, match="no step"):
        interview.go_to("nowhere")
    with pytest.raises(FlowError, match="not a question of the step"):
        interview.set_answer("members", 3)


def test_the_default_protocol_runs_through(defector: Protocol) -> None:
    interview = Interview.start(defector)
    for field in defector.steps[0].fields:
        interview = interview.set_answer(field.id, "yes")
    interview = interview.next()
    assert interview.step_id == "identity" and interview.current_step is not None
    assert interview.current_step.protected
    assert interview.is_visible("contact")
    interview = interview.set_answer("kunya", "Abu Canary").next()
    interview = interview.set_answer("region_of_origin", 3).set_answer("country", "826")
    interview = interview.set_answer("age_band", 3).next()
    interview = interview.set_answer("join_year", "2014").set_answer("motivations", [2, 6])
    assert interview.is_visible("main_motivation") and not interview.is_visible("motivations_other")
    with pytest.raises(FlowError, match="Which reason mattered most to them\\? Choose one of"):
        interview.set_answer("main_motivation", 42).next()
    interview = interview.set_answer("motivations", [99, 1])
    assert interview.problems() == {
        "motivations": "“Prefers not to say” cannot be combined with other answers."
    }
    interview = interview.set_answer("motivations", [6]).set_answer("main_motivation", 6)
    steps_left = 0
    while interview.stage is not Stage.REVIEW:
        interview = interview.next()
        steps_left += 1
    assert steps_left == 7
    done = interview.complete()
    record = done.record()
    assert record["country"] == 826 and record["kunya"] == "Abu Canary"
    assert record["motivations"] == (6,)


def test_consent_to_follow_up_shows_the_contact_question(defector: Protocol) -> None:
    interview = Interview.start(defector)
    for field in defector.steps[0].fields:
        interview = interview.set_answer(field.id, field.id != "consent_follow_up")
    interview = interview.next()
    assert not interview.is_visible("contact")
    assert interview.stage is Stage.INTERVIEW
