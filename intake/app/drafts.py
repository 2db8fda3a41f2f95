"""The app's drafts: the interview's own draft document, plus the review in progress.

``Interview.to_document()`` is the draft; while the interview is in review, the
app adds one key, ``"review"``, so that decisions survive a lock, a crash or a
power cut. It holds, per free-text field, the candidates with their status and
the decisions taken, as offsets into that field's answer (which the draft
already holds). A review that no longer fits its answer is dropped, and the
text is analysed again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anonymise.candidates import Candidate
from anonymise.review import ACCEPTED, PENDING, REJECTED, Review, ReviewDecision, ReviewItem
from intake.flow import Interview, Stage
from intake.protocol.model import Protocol
from intake.record import free_text_answers

REVIEW_KEY = "review"
"""The key the app adds to a draft document in review."""
_STATUSES = frozenset({PENDING, ACCEPTED, REJECTED})


def draft_document(interview: Interview, reviews: Mapping[str, Review] | None) -> dict[str, Any]:
    """The document the store encrypts for this interview (and its review, if any)."""
    document = interview.to_document()
    if reviews is not None and interview.stage is Stage.REVIEW:
        document[REVIEW_KEY] = {
            field_id: {
                "items": [_item(item) for item in review.items],
                "decisions": [_decision(decision) for decision in review.decisions],
            }
            for field_id, review in reviews.items()
        }
    return document


def read_draft(
    protocol: Protocol, document: Mapping[str, Any]
) -> tuple[Interview, dict[str, Review] | None]:
    """The interview of a draft and, if it was in review, the review as it was left."""
    body = {key: value for key, value in document.items() if key != REVIEW_KEY}
    interview = Interview.from_document(protocol, body)
    saved = document.get(REVIEW_KEY)
    if interview.stage is not Stage.REVIEW or not isinstance(saved, dict):
        return interview, None
    texts = free_text_answers(interview)
    if set(saved) != set(texts):
        return interview, None
    try:
        reviews = {
            field_id: Review(
                texts[field_id],
                tuple(_read_item(entry, len(texts[field_id])) for entry in part["items"]),
                tuple(_read_decision(entry) for entry in part["decisions"]),
            )
            for field_id, part in saved.items()
        }
    except (KeyError, TypeError, ValueError):
        return interview, None
    return interview, reviews


def _item(item: ReviewItem) -> dict[str, Any]:
    candidate = item.candidate
    return {
        "start": candidate.start,
        "end": candidate.end,
        "type": candidate.entity_type,
        "score": candidate.score,
        "recogniser": candidate.recogniser,
        "explanation": candidate.explanation,
        "status": item.status,
    }


def _decision(decision: ReviewDecision) -> dict[str, Any]:
    return {
        "action": decision.action,
        "start": decision.start,
        "end": decision.end,
        "type": decision.entity_type,
        "every_occurrence": decision.every_occurrence,
    }


def _read_item(entry: Mapping[str, Any], length: int) -> ReviewItem:
    candidate = Candidate(
        int(entry["start"]),
        int(entry["end"]),
        str(entry["type"]),
        float(entry["score"]),
        str(entry["recogniser"]),
        str(entry["explanation"]),
    )
    if candidate.end > length or entry["status"] not in _STATUSES:
        raise ValueError("the saved review does not fit its text")
    return ReviewItem(candidate, str(entry["status"]))


def _read_decision(entry: Mapping[str, Any]) -> ReviewDecision:
    return ReviewDecision(
        str(entry["action"]),
        int(entry["start"]),
        int(entry["end"]),
        str(entry["type"]),
        bool(entry["every_occurrence"]),
    )
