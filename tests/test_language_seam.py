"""The protocol's language chooses the analyser; a language it cannot read is one clear error."""

from __future__ import annotations

from dataclasses import replace

import pytest

from anonymise.errors import AnonymiseError
from intake.analysis import anonymiser_for, interview_language
from intake.flow import Interview, Stage
from intake.protocol import default_protocol
from intake.protocol.values import AnswerValue


def test_the_protocols_language_picks_the_analysers_language() -> None:
    protocol = replace(default_protocol(), language="en-GB")
    factory = anonymiser_for(protocol)
    assert factory.args == ("en",)  # type: ignore[attr-defined]


def test_a_language_the_analyser_cannot_read_is_refused_before_anything_slow() -> None:
    protocol = replace(default_protocol(), language="xx")
    with pytest.raises(AnonymiseError, match="cannot be analysed yet"):
        anonymiser_for(protocol)


def _held_in(code: int | None) -> str:
    protocol = default_protocol()
    answers: dict[str, AnswerValue] = {protocol.participation_field.id: True}
    if code is not None:
        answers["interview_language"] = code
    interview = Interview(protocol, Stage.REVIEW, None, len(protocol.steps) - 1, answers)
    return interview_language(interview)


def test_the_interviews_language_choice_declares_its_texts_language() -> None:
    codes = default_protocol().field("interview_language").codebook()
    by_label = {label: code for code, label in codes.items()}
    assert _held_in(by_label["French"]) == "fr"
    assert _held_in(by_label["Arabic"]) == "ar"
    assert _held_in(by_label["English"]) == "en"
    # A language the analyser does not read, or no answer: the protocol's language.
    assert _held_in(by_label["Kurdish"]) == "en"
    assert _held_in(None) == "en"
