"""The one codec for reviews and record documents: JSON out, strict parsing back in.

A review travels in two places: in a draft while the interviewer reviews (so
decisions survive a lock or a crash) and inside the sealed record (so the
steward can re-review). Both use the shape :func:`encode_review` writes::

    {"candidates": [{"start": int, "end": int, "type": str, "score": float,
                     "recogniser": str, "status": "accepted" | "rejected" | "pending",
                     "explanation": str}],          # explanation: drafts only
     "decisions": [{"action": "accept" | "reject" | "resize" | "add",
                    "start": int, "end": int, "type": str, "every_occurrence": bool}]}

A record keeps no explanations and rounds scores to four places; a draft keeps
both as they were. :func:`decode_review` refuses anything else: an unknown
status or action, a span outside its text, a string where a number or a
yes/no belongs. Drafts saved before this codec named the candidates ``items``;
they still open.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from anonymise.candidates import ENTITY_TYPES, Candidate
from anonymise.entities import MentionKey
from anonymise.entity_review import EDITS, MERGE, EntityEdit
from anonymise.review import (
    ACCEPTED,
    PENDING,
    REJECTED,
    REVIEWER,
    Review,
    ReviewDecision,
    ReviewItem,
)
from intake.errors import IntakeError
from intake.protocol.model import Protocol

RECORD_FORMAT = "testimony-intake/record"
"""The ``format`` of a finished record."""
RECORD_VERSION = 1
"""The version of the record document's shape (see :mod:`intake.record`)."""
ENTITY_EDITS = "entity_edits"
"""The key of a record's merges, splits and type changes (:func:`encode_edits`); a record
sealed before entities has none."""
STATUSES = frozenset({PENDING, ACCEPTED, REJECTED})
"""What a candidate's ``status`` may be."""
ACTIONS = frozenset({"accept", "reject", "resize", "add"})
"""What a decision's ``action`` may be."""
_LEGACY_CANDIDATES = "items"
"""What drafts saved before this codec called the candidates."""


class CodecError(IntakeError, ValueError):
    """A stored review or record does not parse; the message names no testimony."""


# -- reviews ---------------------------------------------------------------------------


def encode_review(review: Review, *, keep_explanations: bool) -> dict[str, Any]:
    """A review as JSON; ``keep_explanations`` (drafts) also keeps the exact scores."""
    return {
        "candidates": [
            _encode_item(item, keep_explanations=keep_explanations) for item in review.items
        ],
        "decisions": [_encode_decision(decision) for decision in review.decisions],
    }


def decode_review(text: str, entry: object) -> Review:
    """The review of ``text`` that :func:`encode_review` wrote; :class:`CodecError` if not."""
    if not isinstance(entry, Mapping):
        raise CodecError("a review is not an object")
    raw_items = entry.get("candidates", entry.get(_LEGACY_CANDIDATES))
    raw_decisions = entry.get("decisions")
    if not isinstance(raw_items, list) or not isinstance(raw_decisions, list):
        raise CodecError("a review needs its candidates and decisions")
    items = tuple(_decode_item(text, raw) for raw in raw_items)
    decisions = tuple(_decode_decision(text, raw) for raw in raw_decisions)
    return Review(text, items, decisions)


def _encode_item(item: ReviewItem, *, keep_explanations: bool) -> dict[str, Any]:
    candidate = item.candidate
    encoded: dict[str, Any] = {
        "start": candidate.start,
        "end": candidate.end,
        "type": candidate.entity_type,
        "score": candidate.score if keep_explanations else round(candidate.score, 4),
        "recogniser": candidate.recogniser,
        "status": item.status,
    }
    if keep_explanations:
        encoded["explanation"] = candidate.explanation
    return encoded


def _encode_decision(decision: ReviewDecision) -> dict[str, Any]:
    return {
        "action": decision.action,
        "start": decision.start,
        "end": decision.end,
        "type": decision.entity_type,
        "every_occurrence": decision.every_occurrence,
    }


def _decode_item(text: str, raw: object) -> ReviewItem:
    entry = _object(raw, "candidate")
    start, end = _span(text, entry)
    kind = _entity_type(entry)
    score = entry.get("score")
    if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 1:
        raise CodecError("a candidate's score is not a number between 0 and 1")
    recogniser = _string(entry, "recogniser")
    status = entry.get("status")
    if status not in STATUSES:
        raise CodecError("a candidate has an unknown status")
    if "explanation" in entry:
        explanation = _string(entry, "explanation")
    elif recogniser == REVIEWER:
        explanation = "marked by a reviewer"
    else:
        explanation = f"found by {recogniser or 'the analyser'} (score {score:.2f})"
    candidate = Candidate(start, end, kind, float(score), recogniser, explanation)
    return ReviewItem(candidate, str(status))


def _decode_decision(text: str, raw: object) -> ReviewDecision:
    entry = _object(raw, "decision")
    action = entry.get("action")
    if action not in ACTIONS:
        raise CodecError("a decision has an unknown action")
    start, end = _span(text, entry)
    every = entry.get("every_occurrence")
    if not isinstance(every, bool):
        raise CodecError("a decision's every_occurrence is not true or false")
    return ReviewDecision(str(action), start, end, _entity_type(entry), every)


def _object(raw: object, what: str) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise CodecError(f"a {what} is not an object")
    return raw


def _span(text: str, entry: Mapping[str, Any]) -> tuple[int, int]:
    start, end = entry.get("start"), entry.get("end")
    if not (_is_int(start) and _is_int(end)):
        raise CodecError("a span's ends are not whole numbers")
    assert isinstance(start, int) and isinstance(end, int)
    if not 0 <= start < end <= len(text):
        raise CodecError("a span does not fit its text")
    return start, end


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _entity_type(entry: Mapping[str, Any]) -> str:
    kind = entry.get("type")
    if kind not in ENTITY_TYPES:
        raise CodecError("a span has an unknown type")
    return str(kind)


def _string(entry: Mapping[str, Any], key: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str):
        raise CodecError(f"a candidate's {key} is not text")
    return value


# -- entity edits ----------------------------------------------------------------------


def encode_edits(edits: tuple[EntityEdit, ...]) -> list[dict[str, Any]]:
    """A review's merges, splits and type changes as JSON, each naming its mentions::

    {"action": "merge" | "split" | "retype", "text": str, "start": int, "end": int,
     "other": {"text": str, "start": int, "end": int} | null, "type": str}
    """
    return [
        {
            **_encode_key(edit.mention),
            "action": edit.action,
            "other": _encode_key(edit.other) if edit.other is not None else None,
            "type": edit.entity_type,
        }
        for edit in edits
    ]


def decode_edits(texts: Mapping[str, str], raw: object) -> tuple[EntityEdit, ...]:
    """The edits :func:`encode_edits` wrote over ``texts`` (by id); :class:`CodecError` if not."""
    if not isinstance(raw, list):
        raise CodecError("a review's entity edits are not a list")
    edits: list[EntityEdit] = []
    for item in raw:
        entry = _object(item, "entity edit")
        action = entry.get("action")
        if action not in EDITS:
            raise CodecError("an entity edit has an unknown action")
        other = entry.get("other")
        kind = entry.get("type")
        if not isinstance(kind, str) or (kind and kind not in ENTITY_TYPES):
            raise CodecError("an entity edit has an unknown type")
        try:
            edits.append(
                EntityEdit(
                    str(action),
                    _decode_key(texts, entry),
                    _decode_key(texts, _object(other, "mention")) if action == MERGE else None,
                    kind,
                )
            )
        except ValueError:
            raise CodecError("an entity edit does not fit together") from None
    return tuple(edits)


def _encode_key(key: MentionKey) -> dict[str, Any]:
    text_id, start, end = key
    return {"text": text_id, "start": start, "end": end}


def _decode_key(texts: Mapping[str, str], entry: Mapping[str, Any]) -> MentionKey:
    text_id = entry.get("text")
    if not isinstance(text_id, str) or text_id not in texts:
        raise CodecError("an entity edit names a text that is not there")
    start, end = _span(texts[text_id], entry)
    return (text_id, start, end)


# -- record documents ------------------------------------------------------------------


def encode_free_text(original: str, redacted: str, review: Review) -> dict[str, Any]:
    """One free-text field of a record: its texts and its review as sealed."""
    return {
        "redacted": redacted,
        "original": original,
        **encode_review(review, keep_explanations=False),
    }


def encode_log(log: Counter[tuple[str, str, str]]) -> list[dict[str, Any]]:
    """The anonymisation log of a record: counts per type, recogniser and action."""
    return [
        {"type": kind, "recogniser": recogniser, "action": action, "count": count}
        for (kind, recogniser, action), count in sorted(log.items())
    ]


def check_record(document: Mapping[str, Any], protocol: Protocol) -> None:
    """Refuse a document that is not a record of this exact protocol text."""
    if document.get("format") != RECORD_FORMAT or document.get("format_version") != RECORD_VERSION:
        raise CodecError("not an interview record this tool reads")
    about = document.get("protocol")
    if not isinstance(about, Mapping) or about.get("fingerprint") != protocol.fingerprint:
        raise CodecError(f"taken with a different text of protocol {protocol.key}")


def decode_record_reviews(document: Mapping[str, Any], protocol: Protocol) -> dict[str, Review]:
    """The review of each free-text field of a record, in the protocol's order."""
    free_text = document.get("free_text", {})
    if not isinstance(free_text, Mapping):
        raise CodecError("the record's free text is damaged")
    order = [f.id for f in protocol.free_text_fields() if f.id in free_text]
    if set(free_text) - set(order):
        raise CodecError("the record holds free text its protocol does not ask for")
    reviews: dict[str, Review] = {}
    for field_id in order:
        entry = free_text[field_id]
        if not isinstance(entry, Mapping) or not isinstance(entry.get("original"), str):
            raise CodecError("the record's free text is damaged")
        reviews[field_id] = decode_review(entry["original"], entry)
    return reviews
