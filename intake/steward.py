"""The steward's work as plain functions: the records overview, re-review and export.

Records typed up elsewhere (``testimony records add``) or sealed before their
review was complete arrive *unreviewed*, and the exporter refuses them until
a person has reviewed them here. :func:`open_for_review` opens such a record
at the steward and rebuilds the review of each free-text field from the text
and candidates sealed inside it: what was accepted stays accepted, what was
pending stays pending, the decisions taken so far are kept in order. After
the steward's decisions, :func:`rebuild_record` redacts again with the
semantics of :mod:`intake.record` (one numbering of pseudonyms for the whole
record, the protocol's research terms never masked) and :func:`reseal_review`
seals the new version under the same record id.

``intake.record`` offers :func:`~intake.record.redaction_policy` only for an
interview; :func:`policy_for` is the same policy from the protocol alone.

Nothing here knows about Textual; the steward screens call these functions
from thread workers. No message names or quotes testimony.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from anonymise.entities import Entities
from anonymise.known import KnownIdentifiers
from anonymise.redact import Policy
from anonymise.review import Review
from intake.codec import (
    CodecError,
    check_record,
    decode_record_reviews,
    encode_free_text,
    encode_log,
)
from intake.errors import IntakeError
from intake.known_from_answers import known_identifiers
from intake.protocol import Protocol
from intake.record import redact_consistently
from intake.release import (
    ProtocolSource,
    ReleaseError,
    ReleasePlan,
    ReleaseSettings,
    WrittenRelease,
    bundled,
    plan_release,
    write_release,
)
from store.models import RecordInfo, RecordStatus
from store.repository import Store


class StewardError(IntakeError):
    """A record cannot be re-reviewed; the message names the record, never its content."""


@dataclass(frozen=True)
class RecordsOverview:
    """The records of a steward store by coarse status: ids and counts, no content."""

    records: tuple[RecordInfo, ...]
    """Every record, unreviewed first, then in the order they arrived."""
    reviewed: int
    """Records whose review is complete: these can be exported."""
    unreviewed: int
    """Records waiting for a person's review: the exporter refuses them."""

    @property
    def total(self) -> int:
        """Every record in the store."""
        return self.reviewed + self.unreviewed

    def line(self) -> str:
        """The counts in one line."""
        return (
            f"{self.total} records: {self.reviewed} reviewed (exportable), "
            f"{self.unreviewed} waiting for review"
        )


def records_overview(store: Store) -> RecordsOverview:
    """Count and list the store's records by status (reads no sealed content)."""
    infos = store.list_records()
    unreviewed = [i for i in infos if i.status is RecordStatus.UNREVIEWED]
    reviewed = [i for i in infos if i.status is RecordStatus.REVIEWED]
    return RecordsOverview(tuple(unreviewed + reviewed), len(reviewed), len(unreviewed))


def protocol_source(known: Protocol) -> ProtocolSource:
    """The protocol of a record: ``known`` when it matches, else the bundled one."""

    def source(protocol_id: str, version: str) -> Protocol:
        if (known.id, known.version) == (protocol_id, version):
            return known
        return bundled(protocol_id, version)

    return source


def policy_for(protocol: Protocol) -> Policy:
    """The redaction policy of a protocol: its research terms are never masked."""
    return Policy(allow=frozenset(protocol.all_research_terms()))


@dataclass(frozen=True)
class OpenedRecord:
    """A record opened at the steward for re-review."""

    record_id: str
    """The record's store id."""
    protocol: Protocol = field(repr=False)
    """The protocol the record was taken with."""
    document: dict[str, Any] = field(repr=False)
    """The record as sealed (holds testimony: never logged or shown whole)."""
    reviews: dict[str, Review] = field(repr=False)
    """One review per free-text field, in the protocol's order, rebuilt from the record."""
    was_reviewed: bool
    """Whether the record was sealed as reviewed."""


def open_for_review(store: Store, record_id: str, protocols: ProtocolSource) -> OpenedRecord:
    """Open a record and rebuild the review of each of its free-text fields."""
    info = next((i for i in store.list_records() if i.record_id == record_id), None)
    if info is None:
        raise StewardError(f"no record {record_id} in this store")
    try:
        protocol = protocols(info.protocol_id, info.protocol_version)
    except ReleaseError as problem:
        raise StewardError(str(problem)) from None
    document = store.open_record(record_id)
    _check_document(record_id, document, protocol)
    return OpenedRecord(
        record_id,
        protocol,
        document,
        reviews_from_record(record_id, document, protocol),
        info.status is RecordStatus.REVIEWED,
    )


def reviews_from_record(
    record_id: str, document: Mapping[str, Any], protocol: Protocol
) -> dict[str, Review]:
    """The review of each free-text field as sealed: statuses and decisions kept."""
    try:
        return decode_record_reviews(document, protocol)
    except CodecError:
        raise StewardError(f"record {record_id} is damaged (free text)") from None


def _check_document(record_id: str, document: Mapping[str, Any], protocol: Protocol) -> None:
    try:
        check_record(document, protocol)
    except CodecError as problem:
        raise StewardError(f"record {record_id}: {problem}") from None


def rebuild_record(
    opened: OpenedRecord,
    reviews: Mapping[str, Review],
    *,
    confirmed: bool,
    entities: Entities | None = None,
) -> dict[str, Any]:
    """The record with the steward's decisions, redacted again as :mod:`intake.record` does.

    Answers, identity and protocol are kept as sealed; each free-text field's
    redacted text, candidates and decisions, the pseudonyms and the
    anonymisation log are rebuilt. ``reviewed`` is true only when the steward
    ``confirmed`` the review and every candidate of every field is decided.
    """
    if set(reviews) != set(opened.reviews):
        raise StewardError(f"record {opened.record_id}: every free-text field needs its review")
    for field_id, review in reviews.items():
        if review.text != opened.reviews[field_id].text:
            raise StewardError(
                f"record {opened.record_id}: the review of {field_id!r} is not over its text"
            )
    order = list(opened.reviews)
    redacted, mapping, log = redact_consistently(
        {field_id: (reviews[field_id].text, reviews[field_id].accepted()) for field_id in order},
        policy_for(opened.protocol),
        _known(opened),
        entities,
    )
    free_text = {
        field_id: encode_free_text(reviews[field_id].text, redacted[field_id], reviews[field_id])
        for field_id in order
    }
    complete = all(review.is_complete for review in reviews.values())
    return {
        **opened.document,
        "reviewed": confirmed and complete,
        "free_text": free_text,
        "pseudonyms": dict(mapping),
        "anonymisation_log": encode_log(log),
    }


def _known(opened: OpenedRecord) -> KnownIdentifiers:
    """The record's sealed identity answers, as the analyser used them."""
    identity = opened.document.get("identity")
    answers = {
        key: value
        for key, value in (identity.items() if isinstance(identity, dict) else ())
        if isinstance(value, str)
    }
    return known_identifiers(opened.protocol, answers)


def reseal_review(
    store: Store, opened: OpenedRecord, reviews: Mapping[str, Review], *, confirmed: bool
) -> bool:
    """Rebuild the record and seal it again under its id; returns whether it is now reviewed.

    Without ``confirmed`` the decisions are kept and the record stays
    unreviewed (progress saved when the steward leaves or the app locks).
    """
    document = rebuild_record(opened, reviews, confirmed=confirmed)
    reviewed = bool(document["reviewed"])
    store.reseal_record(opened.record_id, document, reviewed=reviewed)
    return reviewed


# -- export ------------------------------------------------------------------------


def plan(store: Store, settings: ReleaseSettings, protocols: ProtocolSource) -> ReleasePlan:
    """Plan an export (writes nothing); settings with a reason are planned without it."""
    return plan_release(store, dataclasses.replace(settings, accept_risk=None), protocols=protocols)


def write_planned(
    store: Store, planned: ReleasePlan, folder: Path, accept_risk: str | None
) -> WrittenRelease:
    """Write a planned export; a refused plan needs ``accept_risk`` (kept only then)."""
    reason = accept_risk.strip() if accept_risk else None
    if planned.report.refused and not reason:
        raise ReleaseError(
            "the disclosure threshold does not hold: give a reason for accepting the risk, "
            "or change the settings and check again"
        )
    chosen = dataclasses.replace(
        planned, settings=dataclasses.replace(planned.settings, accept_risk=reason)
    )
    return write_release(store, chosen, folder)
