"""Drafts: an interview in progress (and its review so far), saved, resumed and sealed.

``Interview.to_document()`` is the draft; once the interview has reached review
one key, ``"review"``, is added so that decisions survive a lock, a crash, a
power cut, and going back to change an answer. It holds, per free-text field,
the review as :mod:`intake.codec` writes it with the SHA-256 of the text it was
taken over (the draft already holds the text; the whole draft is encrypted).
When an answer changes, only that text's review is dropped and the text is
analysed again: the decisions over every unchanged text are kept.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from anonymise.entities import Entities
from anonymise.entity_review import EntityEdit
from anonymise.review import Review
from intake.codec import CodecError, decode_edits, decode_review, encode_edits, encode_review
from intake.flow import Interview, Stage
from intake.known_from_answers import known_identifiers
from intake.protocol.model import Protocol
from intake.record import build_record, free_text_answers
from store.errors import StoreError, WrongPassphraseError
from store.models import DraftInfo, RecordStatus
from store.repository import Store

REVIEW_KEY = "review"
"""The key added to a draft document once it has been in review."""
TEXT_DIGEST = "text_sha256"
"""The key of a field's review that names the text it was taken over."""
ANALYSED_WITH = "review_identity_sha256"
"""The key naming the identity answers the review screen's analysis looked for."""
ENTITY_EDITS = "review_entity_edits"
"""The key holding the review's merges, splits and type changes (:func:`encode_edits`)."""
_REVIEW_KEYS = (REVIEW_KEY, ANALYSED_WITH, ENTITY_EDITS)
BUNDLES_MADE = "bundle_sequence"
"""The store's count of bundles made (``store.bundle.export_bundle`` keeps it)."""


@dataclass(frozen=True)
class KeptReview:
    """The review a draft keeps: over the texts still answered as when it was taken."""

    reviews: dict[str, Review] = field(repr=False)
    """One review per free-text field whose text is unchanged."""
    current: bool
    """Every text's review as the interviewer left it in review, analysed with the
    identity answers as they are now: nothing needs analysing again."""
    edits: tuple[EntityEdit, ...] = ()
    """The merges, splits and type changes made, about those texts only."""


def draft_document(
    interview: Interview,
    reviews: Mapping[str, Review] | None,
    *,
    current: bool = False,
    edits: tuple[EntityEdit, ...] = (),
) -> dict[str, Any]:
    """The document the store encrypts for this interview (and its review so far, if any).

    ``current`` says the reviews are those of the review screen, analysed with
    the interview's identity answers as they are; otherwise they are kept from
    an earlier review while an answer is changed.
    """
    document = interview.to_document()
    if reviews:
        document[REVIEW_KEY] = {
            field_id: {
                **encode_review(review, keep_explanations=True),
                TEXT_DIGEST: text_digest(review.text),
            }
            for field_id, review in reviews.items()
        }
        if edits:
            document[ENTITY_EDITS] = encode_edits(edits)
        if current and interview.stage is Stage.REVIEW:
            document[ANALYSED_WITH] = identity_digest(interview)
    return document


def read_draft(
    protocol: Protocol, document: Mapping[str, Any]
) -> tuple[Interview, KeptReview | None]:
    """The interview of a draft and the review kept in it, if any.

    In review, with every text and identity answer unchanged, that is the review
    as it was left; after going back to change an answer, the reviews of the
    texts left as they were, which the next analysis keeps.
    """
    body = {key: value for key, value in document.items() if key not in _REVIEW_KEYS}
    interview = Interview.from_document(protocol, body)
    saved = document.get(REVIEW_KEY)
    if not isinstance(saved, dict):
        return interview, None
    texts = free_text_answers(interview)
    legacy = any(
        not isinstance(part, Mapping) or TEXT_DIGEST not in part for part in saved.values()
    )
    if legacy and (interview.stage is not Stage.REVIEW or set(saved) != set(texts)):
        # Written by the previous version: kept only whole, in review, over the same texts.
        return interview, None
    reviews: dict[str, Review] = {}
    for field_id, part in saved.items():
        text = texts.get(field_id)
        digest = part.get(TEXT_DIGEST) if isinstance(part, Mapping) else None
        if text is None or (digest is not None and digest != text_digest(text)):
            continue
        try:
            reviews[field_id] = decode_review(text, part)
        except CodecError:
            continue
    if not reviews:
        return interview, None
    try:
        texts_kept = {field_id: review.text for field_id, review in reviews.items()}
        edits = decode_edits(texts_kept, document.get(ENTITY_EDITS, []))
    except CodecError:
        edits = ()
    current = (
        interview.stage is Stage.REVIEW
        and set(reviews) == set(texts)
        and (legacy or document.get(ANALYSED_WITH) == identity_digest(interview))
    )
    return interview, KeptReview(reviews, current, edits)


def identity_digest(interview: Interview) -> str:
    """What names the identity answers an analysis looked for (inside the encrypted draft)."""
    known = known_identifiers(interview.protocol, interview.relevant_answers())
    return text_digest(json.dumps(dataclasses.asdict(known), sort_keys=True))


def text_digest(text: str) -> str:
    """What names a reviewed text inside the encrypted draft (never stored elsewhere)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


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
    *,
    current: bool = False,
    edits: tuple[EntityEdit, ...] = (),
) -> str:
    """Encrypt and save the interview (and its review so far) as a draft; returns its id."""
    return store.save_draft(
        draft_document(interview, reviews, current=current, edits=edits),
        draft_id=draft_id,
        protocol_id=interview.protocol.id,
        protocol_version=interview.protocol.version,
    )


def seal_interview(
    store: Store,
    interview: Interview,
    reviews: Mapping[str, Review],
    draft_id: str | None,
    edits: tuple[EntityEdit, ...] = (),
    entities: Entities | None = None,
) -> tuple[str, bool]:
    """Complete the interview, build its record and seal it, deleting the draft.

    ``entities`` are those the review left (else linked again, ``edits`` replayed).
    """
    finished = interview if interview.stage is Stage.COMPLETE else interview.complete()
    document: dict[str, Any] = build_record(finished, reviews, edits=edits, entities=entities)
    reviewed = bool(document["reviewed"])
    record_id = store.finalise(
        document,
        draft_id=draft_id,
        protocol_id=finished.protocol.id,
        protocol_version=finished.protocol.version,
        reviewed=reviewed,
    )
    return record_id, reviewed
