"""Answer validation and the draft document: accepted values and drafts read back the same."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import TESTS
from intake.answers import AnswerError, answer_to_json, parse_answer
from intake.flow import DRAFT_FORMAT, FlowError, Interview, Stage
from intake.protocol import Field, FieldType, Protocol, default_protocol, load_protocol

HOUSEHOLD = load_protocol(Path(TESTS / "data" / "protocols" / "household-survey.yaml"))
DEFECTOR = default_protocol()
FIELDS = [*HOUSEHOLD.fields, *DEFECTOR.fields]


@pytest.mark.parametrize(
    ("field_id", "raw", "expected"),
    [
        ("members", "12", 12),
        ("members", 12.0, 12),
        ("members", "٣", 3),
        ("members", "", None),
        ("has_children", "Yes", True),
        ("has_children", " n ", False),
        ("has_children", False, False),
        ("district", "9", 9),
        ("school", {2, 1}, (1, 2)),
        ("school", [], None),
        ("visit_date", "2024-02-29", date(2024, 2, 29)),
        ("visit_date", date(2021, 1, 1), date(2021, 1, 1)),
        ("household_code", "  AB-123 ", "AB-123"),
        ("head_name", "Two\nlines", "Two lines"),
        ("remarks", "a\r\nb\rc", "a\nb\nc"),
        ("remarks", "   ", None),
        ("satisfaction", "0", 0),
    ],
)
def test_accepted_answers(field_id: str, raw: object, expected: object) -> None:
    value = parse_answer(HOUSEHOLD.field(field_id), raw)
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize(
    ("field_id", "raw", "message"),
    [
        ("members", "0", "Enter a value from 1 to 40."),
        ("members", "2.5", "Enter a whole number."),
        ("members", "1_000", "Enter a whole number."),
        ("members", True, "Enter a whole number."),
        ("members", "nan", "Enter a whole number."),
        ("has_children", "maybe", "Answer yes or no."),
        ("has_children", 1, "Answer yes or no."),
        ("district", 4, "Choose one of the listed answers."),
        ("district", True, "Choose one of the listed answers."),
        ("school", [1, 3], "“None” cannot be combined with other answers."),
        ("school", "1", "Choose from the listed answers."),
        ("visit_date", "2019-12-31", "Enter a date from 2020-01-01 to 2030-12-31."),
        ("visit_date", "2023-02-30", "There is no such date."),
        ("visit_date", "1/2/2023", "Enter the date as YYYY-MM-DD."),
        ("household_code", "ab-123", "This is not in the form the question expects."),
        ("remarks", "x" * 2001, "This is 2001 characters long; at most 2000 fit here."),
        ("satisfaction", "11", "Enter a value from 0 to 10."),
        ("satisfaction", 2.5, "Enter a point of the scale."),
    ],
)
def test_refused_answers_say_why(field_id: str, raw: object, message: str) -> None:
    with pytest.raises(AnswerError) as caught:
        parse_answer(HOUSEHOLD.field(field_id), raw)
    assert str(caught.value) == message


def raw_answers(field: Field) -> st.SearchStrategy[object]:
    """Plausible and implausible input for a field, as a form or a draft might give it."""
    noise: st.SearchStrategy[object] = st.one_of(
        st.none(),
        st.text(max_size=12),
        st.integers(-10, 3000),
        st.booleans(),
        st.floats(allow_nan=True, allow_infinity=True),
    )
    codes = sorted(field.vocabulary.codes) if field.vocabulary else [0]
    specific: dict[FieldType, st.SearchStrategy[object]] = {
        FieldType.TEXT: st.text(max_size=60),
        FieldType.LONG_TEXT: st.text(max_size=300),
        FieldType.NUMBER: st.integers(-5, 2000).map(str) | st.floats(-5, 2000) | st.integers(),
        FieldType.YEAR: st.integers(1980, 2040) | st.integers(1980, 2040).map(str),
        FieldType.SCALE: st.integers(-1, 12) | st.integers(-1, 12).map(str),
        FieldType.DATE: st.dates() | st.dates().map(date.isoformat),
        FieldType.SINGLE_CHOICE: st.sampled_from(codes) | st.sampled_from(codes).map(str),
        FieldType.MULTIPLE_CHOICE: st.lists(st.sampled_from(codes))
        | st.sets(st.sampled_from(codes)),
        FieldType.YES_NO: st.booleans() | st.sampled_from(["yes", "No", " y ", "TRUE", "n"]),
    }
    return st.one_of(specific[field.type], noise)


@pytest.mark.slow
@settings(max_examples=600, deadline=None)
@given(st.data())
def test_accepted_values_reserialise_and_revalidate_identically(data: st.DataObject) -> None:
    field = data.draw(st.sampled_from(FIELDS))
    raw = data.draw(raw_answers(field))
    try:
        value = parse_answer(field, raw)
    except AnswerError as error:
        assert str(error) and "\n" not in str(error)
        return
    if value is None:
        return
    stored = json.loads(json.dumps(answer_to_json(field, value)))
    again = parse_answer(field, stored)
    assert again == value and type(again) is type(value)
    assert answer_to_json(field, again) == stored
    assert parse_answer(field, value) == value


def valid_answers(field: Field) -> st.SearchStrategy[object]:
    """Input a field accepts."""
    if field.vocabulary is not None:
        plain = [c.code for c in field.vocabulary.choices if not c.exclusive]
        if field.type is FieldType.SINGLE_CHOICE:
            return st.sampled_from(sorted(field.vocabulary.codes))
        return st.lists(st.sampled_from(plain), min_size=1, max_size=3)
    if field.type is FieldType.YES_NO:
        return st.booleans()
    if field.type is FieldType.DATE:
        return st.dates(field.earliest or date.min, field.latest or date.max)
    if field.type in (FieldType.NUMBER, FieldType.YEAR, FieldType.SCALE):
        low, high = int(field.minimum or 0), int(field.maximum or 1000)
        return st.integers(low, high)
    if field.pattern is not None:
        return st.from_regex(field.pattern, fullmatch=True).filter(lambda t: t == t.strip())
    return st.text(st.characters(codec="utf-8"), min_size=1, max_size=40)


def random_interview(protocol: Protocol, data: st.DataObject) -> Interview:
    """An interview after a random walk of answers and moves, valid and not."""
    interview = Interview.start(protocol)
    moves = ["fill", "fill", "fill", "next", "next", "next", "answer", "back", "jump"]
    for _ in range(data.draw(st.integers(0, 40))):
        if interview.stage in (Stage.COMPLETE, Stage.DECLINED):
            break
        move = data.draw(st.sampled_from(moves))
        try:
            if move == "fill" and interview.current_step is not None:
                for field in interview.visible_fields():
                    if field.consent is not None:
                        consent = data.draw(st.sampled_from([True] * 8 + [False]))
                        interview = interview.set_answer(field.id, consent)
                    elif field.required or data.draw(st.booleans()):
                        answer = data.draw(valid_answers(field))
                        interview = interview.set_answer(field.id, answer)
            elif move == "answer" and interview.current_step is not None:
                field = data.draw(st.sampled_from(interview.visible_fields()))
                interview = interview.set_answer(field.id, data.draw(raw_answers(field)))
            elif move == "next":
                interview = interview.next() if interview.step_id else interview.complete()
            elif move == "back":
                interview = interview.back()
            elif move == "jump":
                step = data.draw(st.sampled_from(protocol.steps))
                interview = interview.go_to(step.id)
        except FlowError as error:
            assert "\n" not in str(error)
    return interview


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.sampled_from([HOUSEHOLD, DEFECTOR]), st.data())
def test_drafts_round_trip(protocol: Protocol, data: st.DataObject) -> None:
    interview = random_interview(protocol, data)
    if interview.stage is Stage.DECLINED:
        assert interview.answers == {}
        with pytest.raises(FlowError):
            interview.to_document()
        return
    if interview.stage is not Stage.CONSENT:
        assert interview.answers[protocol.participation_field.id] is True
    if interview.stage is Stage.COMPLETE:
        assert interview.answers == interview.relevant_answers() == interview.record()
        assert interview.rejected == {}
    document = interview.to_document()
    text = json.dumps(document, allow_nan=False)
    restored = Interview.from_document(protocol, json.loads(text))
    assert restored == interview
    assert restored.to_document() == document
    assert restored.problems() == interview.problems()
    assert restored.progress == interview.progress


def test_the_draft_document_shape() -> None:
    interview = Interview.start(HOUSEHOLD).set_answer("agrees", "yes").next()
    interview = interview.set_answer("members", "forty").set_answer("district", 2)
    document = interview.to_document()
    assert document == {
        "format": DRAFT_FORMAT,
        "format_version": 1,
        "protocol": {"id": "household-survey", "version": "3"},
        "stage": "interview",
        "step": "household",
        "furthest": "household",
        "answers": {"agrees": True, "district": 2},
        "rejected": {"members": {"raw": "forty", "error": "Enter a whole number."}},
    }


def draft() -> dict[str, Any]:
    interview = Interview.start(HOUSEHOLD).set_answer("agrees", True).next()
    return interview.set_answer("district", 1).to_document()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="other"), "format this version cannot read"),
        (
            lambda d: d.update(protocol={"id": "household-survey", "version": "2"}),
            "another protocol",
        ),
        (lambda d: d.update(stage="declined"), "declined interview has no draft"),
        (lambda d: d.update(stage="flying"), "position is not one of"),
        (lambda d: d.update(step="nowhere"), "current step is not one of"),
        (lambda d: d.update(step="children"), "position does not fit"),
        (lambda d: d["answers"].update(district=7), "answer to 'district' is not valid"),
        (lambda d: d["answers"].update(district="1"), "not in its stored form"),
        (lambda d: d["answers"].update(spy="x"), "which the protocol does not ask"),
        (lambda d: d["answers"].update(agrees=False), "past consent without participation"),
        (lambda d: d["rejected"].update(members={"raw": "4", "error": "x"}), "not a rejected one"),
        (lambda d: d.pop("rejected"), "parts are not the expected ones"),
    ],
)
def test_broken_drafts_are_refused(change: Any, message: str) -> None:
    document = draft()
    Interview.from_document(HOUSEHOLD, document)
    change(document)
    with pytest.raises(FlowError, match=message):
        Interview.from_document(HOUSEHOLD, document)


def test_a_draft_for_another_protocol_is_refused() -> None:
    with pytest.raises(FlowError, match=r"another protocol than defector-interview@1\.0"):
        Interview.from_document(DEFECTOR, draft())
    with pytest.raises(FlowError, match="not a document"):
        Interview.from_document(DEFECTOR, [])
