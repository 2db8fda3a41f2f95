"""Drafts: an interview in progress (and its review so far), saved, resumed and sealed.

``Interview.to_document()`` is the draft; while the interview is in review one
key, ``"review"``, is added so that decisions survive a lock, a crash or a
power cut. It holds, per free-text field, the review as :mod:`intake.codec`
writes it, over that field's answer (which the draft already holds). A review
that no longer fits its answer is dropped, and the text is analysed again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anonymise.review import Review
from intake.codec import CodecError, decode_review, encode_review
from intake.flow import Interview, Stage
from intake.protocol.model import Protocol
from intake.record import build_record, free_text_answers
from store.errors import StoreError, WrongPassphraseError
from store.models import DraftInfo, RecordStatus
from store.repository import Store

REVIEW_KEY = "review"
"""The key added to a draft document in review."""
BUNDLES_MADE = "bundle_sequence"
"""The store's count of bundles made (``store.bundle.export_bundle`` keeps it)."""


def draft_document(interview: Interview, reviews: Mapping[str, Review] | None) -> dict[str, Any]:
    """The document the store encrypts for this interview (and its review, if any)."""
    document = interview.to_document()
    if reviews is not None and interview.stage is Stage.REVIEW:
        document[REVIEW_KEY] = {
            field_id: encode_review(review, keep_explanations=True)
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
            field_id: decode_review(texts[field_id], part) for field_id, part in saved.items()
        }
    except CodecError:
        return interview, None
    return interview, reviews


def draft_progress(store: Store, draft: DraftInfo, protocol: Protocol) -> str:
    """Where a draft stands, for a list of drafts: its step or review, never its content."""
    if (draft.protocol_id, draft.protocol_version) != (protocol.id, protocol.version):
        return f"saved {draft.revision} times"
    try:
        document = store.load_draft(draft.draft_id)
    except StoreError:
        return "cannot be read"
    stage = document.get("stage")
    if stage == Stage.REVIEW.value:
        return "in review"
    step = document.get("step")
    ids = [s.id for s in protocol.steps]
    number = ids.index(step) + 1 if step in ids else 0
    return f"at step {number} of {len(ids)}"


def sealed_records_line(store: Store) -> str:
    """What the laptop holds for the steward, in one line: counts only, never content.

    A bundle carries every record the laptop sealed (they stay on the laptop,
    unreadable to it), so the line counts records and bundles made, not records
    "waiting".
    """
    records = store.list_records()
    unreviewed = sum(1 for r in records if r.status is not RecordStatus.REVIEWED)
    line = f"Records sealed on this laptop: {len(records)}"
    if unreviewed:
        line += f" ({unreviewed} not reviewed)"
    bundles = int(store.meta(BUNDLES_MADE) or "0")
    if not bundles:
        return line + " · no bundle made yet"
    return line + f" · bundles made: {bundles}; each carries every sealed record"


def unlock_store(store: Store, passphrase: str) -> bool:
    """Try the passphrase (Argon2id, slow on purpose); ``False`` if it is wrong."""
    try:
        store.unlock(passphrase)
    except WrongPassphraseError:
        return False
    return True


def save_draft(
    store: Store,
    interview: Interview,
    draft_id: str | None,
    reviews: Mapping[str, Review] | None = None,
) -> str:
    """Encrypt and save the interview (and its review so far) as a draft; returns its id."""
    return store.save_draft(
        draft_document(interview, reviews),
        draft_id=draft_id,
        protocol_id=interview.protocol.id,
        protocol_version=interview.protocol.version,
    )


def seal_interview(
    store: Store, interview: Interview, reviews: Mapping[str, Review], draft_id: str | None
) -> tuple[str, bool]:
    """Complete the interview, build its record and seal it, deleting the draft."""
    finished = interview if interview.stage is Stage.COMPLETE else interview.complete()
    document: dict[str, Any] = build_record(finished, reviews)
    reviewed = bool(document["reviewed"])
    record_id = store.finalise(
        document,
        draft_id=draft_id,
        protocol_id=finished.protocol.id,
        protocol_version=finished.protocol.version,
        reviewed=reviewed,
    )
    return record_id, reviewed
