"""The interview as a plain state machine over a protocol and its answers.

::

    CONSENT ──next──► INTERVIEW (steps…) ──next on the last step──► REVIEW ──complete──► COMPLETE
       │                  ▲        │                                  │
       │                  └─back───┴──────────────back / go_to────────┘
       └──next with participation declined──► DECLINED (nothing kept, nothing stored)

Every transition returns a new :class:`Interview`; nothing is changed in place.
Which steps and fields are shown follows the protocol's ``when`` conditions over
the answers of the fields that are themselves shown.

Answers to fields that are no longer shown are **kept while the interview is in
progress** (an interviewer who changes an answer and changes it back loses
nothing), but they are ignored: they count for no condition, no required check
and no progress. :meth:`Interview.complete` **drops** them, so a finished record
holds only answers to questions that were asked. Typed input a field rejects is
kept too, with its error, so that nothing typed is lost before it is corrected.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from intake.answers import AnswerError, parse_answer
from intake.flow.draft import draft_document, read_draft
from intake.flow.states import MISSING, FlowError, Progress, Rejected, Stage, jsonable
from intake.protocol.model import AnswerValue, Field, Protocol, Step


@dataclasses.dataclass(frozen=True)
class Interview:
    """One interview in progress: the protocol, the position, and the answers so far."""

    protocol: Protocol
    """The protocol the interview follows."""
    stage: Stage
    """Where the interview is."""
    step_id: str | None
    """The current step; ``None`` in review, once complete, or after a decline."""
    furthest: int = 0
    """Index (in the protocol's steps) of the furthest step reached; jumps go up to it."""
    answers: Mapping[str, AnswerValue] = dataclasses.field(default_factory=dict, repr=False)
    """Accepted answers by field id, including those of fields no longer shown (never in
    the ``repr``, which tracebacks and logs may show)."""
    rejected: Mapping[str, Rejected] = dataclasses.field(default_factory=dict, repr=False)
    """Input fields did not accept, by field id."""

    @classmethod
    def start(cls, protocol: Protocol) -> Interview:
        """A new interview at its consent step."""
        return cls(protocol=protocol, stage=Stage.CONSENT, step_id=protocol.steps[0].id)

    # Queries

    @property
    def current_step(self) -> Step | None:
        """The step being answered, if any."""
        return self.protocol.step(self.step_id) if self.step_id is not None else None

    def relevant_answers(self) -> dict[str, AnswerValue]:
        """The answers of the fields that are shown, in interview order."""
        return self._walk()[1]

    def visible_steps(self) -> tuple[Step, ...]:
        """The steps shown, given the answers so far."""
        return self._walk()[0]

    def visible_fields(self, step: Step | None = None) -> tuple[Field, ...]:
        """The fields of a step (the current one by default) that are shown."""
        step = step or self.current_step
        if step is None:
            return ()
        shown = self._walk()[2]
        return tuple(field for field in step.fields if field.id in shown)

    def is_visible(self, field_id: str) -> bool:
        """Whether a field is shown, given the answers so far."""
        return field_id in self._walk()[2]

    def problems(self, step: Step | None = None) -> dict[str, str]:
        """Per-field messages that stop a step (the current one by default) being left."""
        step = step or self.current_step
        if step is None:
            return {}
        found: dict[str, str] = {}
        for field in self.visible_fields(step):
            if field.id in self.rejected:
                found[field.id] = self.rejected[field.id].error
            elif field.required and field.id not in self.answers:
                found[field.id] = MISSING
        return found

    @property
    def can_advance(self) -> bool:
        """Whether :meth:`next` would move on (from a step) or :meth:`complete` would work."""
        if self.stage is Stage.REVIEW:
            return self.first_unfinished() is None
        return self.stage in (Stage.CONSENT, Stage.INTERVIEW) and not self.problems()

    def first_unfinished(self) -> Step | None:
        """The first shown step with a problem, if any."""
        return next((step for step in self.visible_steps() if self.problems(step)), None)

    @property
    def progress(self) -> Progress:
        """Step ``number`` of ``total``, counting only the steps shown."""
        steps = self.visible_steps()
        ids = [step.id for step in steps]
        number = ids.index(self.step_id) + 1 if self.step_id in ids else len(ids)
        return Progress(number=number, total=len(ids), stage=self.stage)

    def record(self) -> dict[str, AnswerValue]:
        """The answers a finished record keeps: those of the fields shown."""
        if self.stage not in (Stage.REVIEW, Stage.COMPLETE):
            raise FlowError("the interview is not finished yet")
        return self.relevant_answers()

    # Transitions

    def set_answer(self, field_id: str, raw: object) -> Interview:
        """Answer a shown field of the current step; rejected input is kept with its error."""
        step = self._require_step("answer questions")
        if all(field.id != field_id for field in step.fields):
            raise FlowError(f"{field_id!r} is not a question of the step {step.id!r}")
        if not self.is_visible(field_id):
            raise FlowError(f"{field_id!r} is not asked, given the answers so far")
        given = jsonable(raw)
        answers = {k: v for k, v in self.answers.items() if k != field_id}
        rejected = {k: v for k, v in self.rejected.items() if k != field_id}
        try:
            value = parse_answer(self.protocol.field(field_id), given)
        except AnswerError as error:
            rejected[field_id] = Rejected(raw=given, error=str(error))
        else:
            if value is not None:
                answers[field_id] = value
        return dataclasses.replace(self, answers=answers, rejected=rejected)

    def clear_answer(self, field_id: str) -> Interview:
        """Remove the answer to a field of the current step."""
        return self.set_answer(field_id, None)

    def next(self) -> Interview:
        """Leave the current step for the next shown one, or for review after the last.

        Leaving the consent step with participation declined ends the interview: every
        answer is dropped and the result is :attr:`Stage.DECLINED`.
        """
        step = self._require_step("move on")
        self._check_can_leave(step)
        if self._participation_declined(step):
            return self._declined()
        later = self._shown_after(step)
        if later is None:
            return dataclasses.replace(self, stage=Stage.REVIEW, step_id=None)
        return self._at(later)

    def back(self) -> Interview:
        """Go to the previous shown step (from review: the last one)."""
        if self.stage not in (Stage.CONSENT, Stage.INTERVIEW, Stage.REVIEW):
            raise FlowError(f"cannot go back from a {self.stage} interview")
        steps = self.visible_steps()
        if self.stage is Stage.REVIEW:
            return self._at(steps[-1])
        ids = [step.id for step in steps]
        index = ids.index(self.step_id) if self.step_id in ids else 0
        if index == 0:
            raise FlowError("this is the first step")
        return self._at(steps[index - 1])

    def go_to(self, step_id: str) -> Interview:
        """Jump to a shown step reached before; jumping forward needs the current step done."""
        if self.stage not in (Stage.CONSENT, Stage.INTERVIEW, Stage.REVIEW):
            raise FlowError(f"cannot move in a {self.stage} interview")
        try:
            target = self.protocol.step(step_id)
        except KeyError:
            raise FlowError(f"there is no step {step_id!r}") from None
        if target not in self.visible_steps():
            raise FlowError(f"the step {step_id!r} is not asked, given the answers so far")
        index = self.protocol.steps.index(target)
        if index > self.furthest:
            raise FlowError(f"the step {step_id!r} has not been reached yet")
        step = self.current_step
        if step is not None and index > self.protocol.steps.index(step):
            self._check_can_leave(step)
            if self._participation_declined(step):
                return self._declined()
        return self._at(target)

    def complete(self) -> Interview:
        """Finish after review: answers to fields not shown are dropped."""
        if self.stage is not Stage.REVIEW:
            raise FlowError("only a reviewed interview can be completed")
        unfinished = self.first_unfinished()
        if unfinished is not None:
            raise FlowError(f"the step {unfinished.title!r} is not finished")
        return dataclasses.replace(
            self, stage=Stage.COMPLETE, answers=self.relevant_answers(), rejected={}
        )

    # The draft document

    def to_document(self) -> dict[str, Any]:
        """The JSON-compatible draft the store encrypts; a declined interview has none."""
        if self.stage is Stage.DECLINED:
            raise FlowError("a declined interview stores nothing")
        return draft_document(
            self.protocol, self.stage, self.step_id, self.furthest, self.answers, self.rejected
        )

    @classmethod
    def from_document(cls, protocol: Protocol, document: object) -> Interview:
        """Resume from a draft document, checking every part of it against the protocol."""
        draft = read_draft(protocol, document)
        interview = cls(protocol, draft.stage, None, draft.furthest, draft.answers, draft.rejected)
        if draft.stage in (Stage.CONSENT, Stage.INTERVIEW):
            assert draft.step_id is not None
            interview = interview._at(protocol.step(draft.step_id))
            if interview.furthest != draft.furthest or interview.current_step not in (
                interview.visible_steps()
            ):
                raise FlowError("the draft's position does not fit its answers")
        participation = draft.answers.get(protocol.participation_field.id)
        if draft.stage is not Stage.CONSENT and participation is not True:
            raise FlowError("the draft goes past consent without participation consent")
        return interview

    # Internals

    def _walk(self) -> tuple[tuple[Step, ...], dict[str, AnswerValue], frozenset[str]]:
        steps: list[Step] = []
        relevant: dict[str, AnswerValue] = {}
        shown: set[str] = set()
        for step in self.protocol.steps:
            if step.when is not None and not step.when.holds(relevant):
                continue
            steps.append(step)
            for field in step.fields:
                if field.when is None or field.when.holds(relevant):
                    shown.add(field.id)
                    if field.id in self.answers:
                        relevant[field.id] = self.answers[field.id]
        return tuple(steps), relevant, frozenset(shown)

    def _require_step(self, what: str) -> Step:
        step = self.current_step
        if step is None or self.stage not in (Stage.CONSENT, Stage.INTERVIEW):
            raise FlowError(f"cannot {what} in a {self.stage} interview")
        return step

    def _check_can_leave(self, step: Step) -> None:
        problems = self.problems(step)
        if problems:
            field_id, message = next(iter(problems.items()))
            label = self.protocol.field(field_id).label
            raise FlowError(f"{label} {message}")

    def _participation_declined(self, step: Step) -> bool:
        field = self.protocol.participation_field
        return field in step.fields and self.answers.get(field.id) is False

    def _declined(self) -> Interview:
        return Interview(protocol=self.protocol, stage=Stage.DECLINED, step_id=None)

    def _shown_after(self, step: Step) -> Step | None:
        index = self.protocol.steps.index(step)
        return next((s for s in self.visible_steps() if self.protocol.steps.index(s) > index), None)

    def _at(self, step: Step) -> Interview:
        index = self.protocol.steps.index(step)
        stage = Stage.CONSENT if index == 0 else Stage.INTERVIEW
        return dataclasses.replace(
            self, stage=stage, step_id=step.id, furthest=max(self.furthest, index)
        )
