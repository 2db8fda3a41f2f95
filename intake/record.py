"""The finished record: what an interview becomes once its review is done.

:func:`build_record` turns a completed :class:`~intake.flow.Interview` and the
review of each free-text field into one JSON-compatible document, which
``Store.finalise`` seals to the project key. The laptop can never read it again;
the steward opens it, and the exporter reads it. Its shape (``format_version`` 1)::

    {
      "format": "testimony-intake/record",
      "format_version": 1,
      "protocol": {"id": str, "version": str, "fingerprint": str},
      "reviewed": bool,            # every candidate decided by a person
      "answers": {field_id: value, ...},
          # every answered, shown question that is neither identity nor free text
          # to anonymise, in its draft JSON form (codes as int, several codes as a
          # list, dates as "YYYY-MM-DD", yes/no as bool); consent answers included
      "identity": {field_id: str, ...},
          # protected identity answers: sealed, never exported
      "free_text": {
        field_id: {
          "redacted": str,         # the text with accepted spans replaced: exportable
          "original": str,         # the text as typed: sealed, never exported
          "candidates": [          # every candidate with its final status
            {"start": int, "end": int, "type": str, "score": float,
             "recogniser": str, "status": "accepted" | "rejected" | "pending"}
          ],
          "decisions": [           # the reviewer's decisions in the order taken
            {"action": "accept" | "reject" | "resize" | "add", "start": int,
             "end": int, "type": str, "every_occurrence": bool}
          ]
        }, ...
      },
      "pseudonyms": {real value: "[PERSON 1]", ...},
          # the mapping, consistent across every free-text field of the record:
          # identifying, sealed inside the record, never exported
      "anonymisation_log": [
          {"type": str, "recogniser": str, "action": str, "count": int}, ...
      ]
    }

Offsets are Python ``str`` indices (code points) into ``original``. Pseudonyms
are numbered once for the whole record, one per entity (:mod:`anonymise.entities`),
so ``[PERSON 1]`` in the narrative is ``[PERSON 1]`` in the notes too, whether
written "Karim Benali", "Mr Benali" or "Karim".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from anonymise.allowed import without_allowed
from anonymise.candidates import Candidate
from anonymise.entities import Entities, link
from anonymise.known import KnownIdentifiers
from anonymise.redact import PSEUDONYM, Policy, SealedMapping, redact
from anonymise.review import Review
from intake.answers import answer_to_json
from intake.codec import RECORD_FORMAT, RECORD_VERSION, encode_free_text, encode_log
from intake.errors import IntakeError
from intake.flow import Interview, Stage
from intake.known_from_answers import known_identifiers


class RecordError(IntakeError):
    """The interview and its reviews do not make a record (the message holds no testimony)."""


def redaction_policy(interview: Interview) -> Policy:
    """The redaction policy of a protocol: its research terms are never masked."""
    return Policy(allow=frozenset(interview.protocol.all_research_terms()))


def free_text_answers(interview: Interview) -> dict[str, str]:
    """The answered free-text fields to anonymise, in interview order."""
    answers = interview.relevant_answers()
    return {
        field.id: text
        for field in interview.protocol.free_text_fields()
        if isinstance(text := answers.get(field.id), str)
    }


def build_record(
    interview: Interview,
    reviews: Mapping[str, Review],
    *,
    policy: Policy | None = None,
    entities: Entities | None = None,
) -> dict[str, Any]:
    """The record document of a completed interview (see the module docstring).

    ``reviews`` holds one review per answered free-text field, over exactly that
    field's text. ``reviewed`` is true only if every review is complete.
    ``entities`` are the record's entities as the review left them (merged, split,
    retyped); without them the accepted spans are linked afresh.
    """
    if interview.stage is not Stage.COMPLETE:
        raise RecordError("only a completed interview becomes a record")
    protocol = interview.protocol
    texts = free_text_answers(interview)
    if set(reviews) != set(texts):
        raise RecordError("every free-text answer needs its review, and only those")
    for field_id, text in texts.items():
        if reviews[field_id].text != text:
            raise RecordError(f"the review of {field_id!r} is not over its answer")
    chosen = policy or redaction_policy(interview)
    known = known_identifiers(protocol, interview.relevant_answers())
    redacted, mapping, log = redact_consistently(
        {field_id: (text, reviews[field_id].accepted()) for field_id, text in texts.items()},
        chosen,
        known,
        entities,
    )
    answers: dict[str, Any] = {}
    identity: dict[str, Any] = {}
    for field_id, value in interview.relevant_answers().items():
        field = protocol.field(field_id)
        if field.anonymise:
            continue
        target = identity if field.protected else answers
        target[field_id] = answer_to_json(field, value)
    return {
        "format": RECORD_FORMAT,
        "format_version": RECORD_VERSION,
        "protocol": {
            "id": protocol.id,
            "version": protocol.version,
            "fingerprint": protocol.fingerprint,
        },
        "reviewed": all(review.is_complete for review in reviews.values()),
        "answers": answers,
        "identity": identity,
        "free_text": {
            field_id: encode_free_text(text, redacted[field_id], reviews[field_id])
            for field_id, text in texts.items()
        },
        "pseudonyms": dict(mapping),
        "anonymisation_log": encode_log(log),
    }


def redact_consistently(
    texts: Mapping[str, tuple[str, list[Candidate]]],
    policy: Policy,
    known: KnownIdentifiers | None = None,
    entities: Entities | None = None,
) -> tuple[dict[str, str], SealedMapping, Counter[tuple[str, str, str]]]:
    """Redact several texts of one record with one pseudonym per entity.

    The accepted spans of every text are linked into entities (with the
    interview's ``known`` identifiers), or ``entities`` are used as the review
    left them; pseudonyms are numbered once, in record order, over what is masked,
    so ``[PERSON 1]`` is one person in every text.
    """
    for field_id, (text, accepted) in texts.items():
        for span in accepted:
            if not 0 <= span.start < span.end <= len(text):
                raise RecordError(f"a span of {field_id!r} lies outside its text")
    kept = {
        (field_id, span.start, span.end)
        for field_id, (text, accepted) in texts.items()
        for span in without_allowed(text, accepted, policy.allow)
    }
    linked = entities or link(
        {field_id: text for field_id, (text, _spans) in texts.items()},
        {field_id: spans for field_id, (_text, spans) in texts.items()},
        known,
    )
    numbered = linked.numbered(
        masked=lambda mention: mention.key in kept,
        pseudonymised=lambda kind: policy.action(kind) == PSEUDONYM,
    )
    redacted: dict[str, str] = {}
    mapping = SealedMapping()
    log: Counter[tuple[str, str, str]] = Counter()
    for field_id, (text, accepted) in texts.items():
        spans = numbered.typed(field_id, accepted)
        result = redact(text, spans, policy, numbered.pseudonyms(field_id))
        redacted[field_id] = result.text
        mapping.update(result.mapping)
        for kind, recogniser, action, count in result.log:
            log[(kind, recogniser, action)] += count
    return redacted, mapping, log
