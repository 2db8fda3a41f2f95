"""Interviews typed up elsewhere: answers checked against a protocol, text anonymised.

An interview taken on paper, or in another system, arrives as one JSON object
mapping field ids to answers in the draft's JSON forms (codes as integers,
several codes as a list, dates as ``YYYY-MM-DD``, yes/no as ``true``/``false``,
text as strings). :func:`interview_from_answers` walks the protocol's steps as
an interviewer would, so conditions, required questions and validation apply
exactly as in the app. :func:`unreviewed_record` then runs the anonymiser and
masks every candidate it is confident of, but the record says it was **not
reviewed by a person**: the exporter refuses it until someone has.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from anonymise.analyser import DEFAULT_THRESHOLD as MASKING_THRESHOLD
from intake.analysis import Analyser, analyse_interview
from intake.errors import IntakeError
from intake.flow import Interview, Stage
from intake.protocol import Protocol
from intake.record import build_record

DEFAULT_THRESHOLD = MASKING_THRESHOLD
"""Candidates scoring at least this are masked when no person reviews them (the
anonymiser's own threshold, as ``testimony anonymise`` uses it)."""


class TypedUpError(IntakeError):
    """The typed-up answers do not fit the protocol (the message names fields, never values)."""


def interview_from_answers(protocol: Protocol, answers: Mapping[str, object]) -> Interview:
    """A completed interview holding ``answers``, checked step by step."""
    known = [field.id for field in protocol.fields]
    unknown = sorted(set(answers) - set(known))
    if unknown:
        # The key itself is never echoed: a name typed as a key by mistake would be printed.
        close = [m for key in unknown for m in difflib.get_close_matches(key, known, n=1)]
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise TypedUpError(
            f"protocol {protocol.key} has no question under {len(unknown)} of the keys given{hint}"
        )
    interview = Interview.start(protocol)
    used: set[str] = set()
    while interview.stage in (Stage.CONSENT, Stage.INTERVIEW):
        # An answer can bring a later question of the same step into view: repeat.
        pending = True
        while pending:
            pending = False
            for field in interview.visible_fields():
                if field.id in answers and field.id not in used:
                    if isinstance(answers[field.id], Mapping):
                        raise TypedUpError(f"{field.id}: a JSON object is not an answer")
                    interview = interview.set_answer(field.id, answers[field.id])
                    used.add(field.id)
                    pending = True
        problems = interview.problems()
        if problems:
            field_id, message = next(iter(problems.items()))
            raise TypedUpError(f"{field_id}: {message}")
        interview = interview.next()
    if interview.stage is Stage.DECLINED:
        raise TypedUpError("participation was declined: nothing may be stored")
    unasked = sorted(set(answers) - used)
    if unasked:
        raise TypedUpError(f"{unasked[0]!r} is not asked, given the other answers")
    return interview.complete()


def unreviewed_record(
    interview: Interview, analyser: Analyser, *, threshold: float = DEFAULT_THRESHOLD
) -> dict[str, Any]:
    """The record of a completed interview, its free text masked by the anonymiser alone."""
    reviews = analyse_interview(analyser, interview)
    for field_id, review in reviews.items():
        for item in review.items:
            if item.candidate.score >= threshold:
                review = review.accept(item.candidate)
        reviews[field_id] = review
    record = build_record(interview, reviews)
    # No person decided anything: whatever the reviews say, the record is unreviewed.
    return {**record, "reviewed": False}
