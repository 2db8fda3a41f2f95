"""The draft document: an interview in progress as the JSON the store encrypts, and back.

Reading a draft checks every part of it against the protocol (format, position,
answers in their stored form, rejected input still rejected), so that a draft
changed outside the app is refused rather than resumed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from intake.answers import AnswerError, answer_to_json, parse_answer
from intake.flow.states import FlowError, Rejected, Stage, jsonable
from intake.protocol.model import AnswerValue, Field, Protocol

DRAFT_FORMAT = "testimony-intake/interview"
"""The ``format`` of a draft document."""
DRAFT_VERSION = 1
"""The version of the draft document's shape."""


@dataclasses.dataclass(frozen=True)
class DraftParts:
    """What a checked draft document holds, before its position is checked against its answers."""

    stage: Stage
    """The stage it was saved at (never declined)."""
    step_id: str | None
    """Its current step (a step of the protocol while a step is answered, else ``None``)."""
    furthest: int
    """Index of the furthest step reached."""
    answers: dict[str, AnswerValue] = dataclasses.field(repr=False)
    """Accepted answers by field id."""
    rejected: dict[str, Rejected] = dataclasses.field(repr=False)
    """Input fields did not accept, by field id."""


def draft_document(
    protocol: Protocol,
    stage: Stage,
    step_id: str | None,
    furthest: int,
    answers: Mapping[str, AnswerValue],
    rejected: Mapping[str, Rejected],
) -> dict[str, Any]:
    """The JSON-compatible draft of an interview in progress."""
    return {
        "format": DRAFT_FORMAT,
        "format_version": DRAFT_VERSION,
        "protocol": {"id": protocol.id, "version": protocol.version},
        "stage": stage.value,
        "step": step_id,
        "furthest": protocol.steps[furthest].id,
        "answers": {
            field_id: answer_to_json(protocol.field(field_id), value)
            for field_id, value in answers.items()
        },
        "rejected": {
            field_id: {"raw": item.raw, "error": item.error} for field_id, item in rejected.items()
        },
    }


def read_draft(protocol: Protocol, document: object) -> DraftParts:
    """The parts of a draft document, each checked against the protocol."""
    if not isinstance(document, dict):
        raise FlowError("the draft is not a document")
    if document.get("format") != DRAFT_FORMAT or document.get("format_version") != DRAFT_VERSION:
        raise FlowError("the draft is in a format this version cannot read")
    expected = {"format", "format_version", "protocol", "stage", "step", "furthest"}
    expected |= {"answers", "rejected"}
    if set(document) != expected:
        raise FlowError("the draft's parts are not the expected ones")
    named = document["protocol"]
    if named != {"id": protocol.id, "version": protocol.version}:
        raise FlowError(f"the draft follows another protocol than {protocol.key}")
    try:
        stage = Stage(document["stage"])
        step_ids = [step.id for step in protocol.steps]
        furthest = step_ids.index(document["furthest"])
    except (ValueError, TypeError):
        raise FlowError("the draft's position is not one of the protocol's") from None
    if stage is Stage.DECLINED:
        raise FlowError("a declined interview has no draft")
    answers, rejected = document["answers"], document["rejected"]
    if not isinstance(answers, dict) or not isinstance(rejected, dict):
        raise FlowError("the draft's answers are not readable")
    values: dict[str, AnswerValue] = {}
    kept: dict[str, Rejected] = {}
    for field_id, given in answers.items():
        field = _field(protocol, field_id)
        try:
            value = parse_answer(field, given)
        except AnswerError:
            raise FlowError(f"the draft's answer to {field_id!r} is not valid") from None
        if value is None or answer_to_json(field, value) != given:
            raise FlowError(f"the draft's answer to {field_id!r} is not in its stored form")
        values[field_id] = value
    for field_id, item in rejected.items():
        field = _field(protocol, field_id)
        if not isinstance(item, dict) or set(item) != {"raw", "error"}:
            raise FlowError(f"the draft's input for {field_id!r} is not readable")
        raw = jsonable(item["raw"])
        try:
            parse_answer(field, raw)
        except AnswerError as error:
            kept[field_id] = Rejected(raw=raw, error=str(error))
        else:
            raise FlowError(f"the draft's input for {field_id!r} is not a rejected one")
    step_id = document["step"]
    if stage in (Stage.CONSENT, Stage.INTERVIEW):
        if not isinstance(step_id, str) or step_id not in step_ids:
            raise FlowError("the draft's current step is not one of the protocol's")
    elif step_id is not None:
        raise FlowError(f"a {stage} draft has no current step")
    return DraftParts(stage, step_id, furthest, values, kept)


def _field(protocol: Protocol, field_id: object) -> Field:
    try:
        return protocol.field(str(field_id))
    except KeyError:
        raise FlowError(
            f"the draft answers {field_id!r}, which the protocol does not ask"
        ) from None
