"""The audit log: append-only, hash-chained, content-free.

Each entry says what happened (an action name), to which random id, and on
which day (UTC; coarser than a timestamp, because the hour an interview was
saved can itself point at a person). Each entry's hash covers its fields and
the previous entry's hash, and the head (count and last hash) is kept in the
store's metadata, so an edit, deletion, insertion or reordering anywhere
breaks verification at the first bad entry.

The chain has no secret key: someone who can write the file can rebuild the
whole chain consistently. Signed bundles carry the head to the steward, who
keeps it, so history the steward has seen cannot be rewritten unnoticed.
"""

from __future__ import annotations

import datetime
import hmac
import json

import sqlite_utils

from store import crypto
from store.errors import AuditError
from store.models import AuditReport

GENESIS = "0" * 64
_HEAD_KEY = "audit_head"

#: The actions the store records (drafts' two are only in logs of the previous version).
ACTIONS = frozenset(
    {
        "store.create",
        "draft.create",
        "draft.delete",
        "record.seal",
        "record.delete",
        "record.review",
        "passphrase.change",
        "device_key.destroy",
        "bundle.export",
        "bundle.import",
        "device.enrol",
        "export.write",
        "record.export",
        "export.accept_risk",
    }
)


def entry_hash(seq: int, day: str, action: str, subject: str, prev: str) -> str:
    """The hash of one entry, chained to the previous one."""
    canonical = json.dumps([seq, day, action, subject, prev], separators=(",", ":"))
    return crypto.sha256(b"testimony-intake audit v1\0" + canonical.encode("utf-8")).hex()


def today() -> str:
    """The current UTC date, the audit log's only notion of time."""
    return datetime.datetime.now(datetime.UTC).date().isoformat()


def append(db: sqlite_utils.Database, action: str, subject: str = "") -> None:
    """Add an entry; call inside the transaction of the change it records."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    row = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (1, GENESIS) if row is None else (int(row[0]) + 1, str(row[1]))
    day = today()
    digest = entry_hash(seq, day, action, subject, prev)
    db.table("audit").insert(
        {"seq": seq, "day": day, "action": action, "subject": subject, "prev": prev, "hash": digest}
    )
    db.table("meta").upsert({"key": _HEAD_KEY, "value": f"{seq}:{digest}"}, pk="key")


def verify(
    db: sqlite_utils.Database, *, store_id: str | None = None, expected_head: str | None = None
) -> AuditReport:
    """Check every entry and the recorded head; raise :class:`AuditError` at the first bad one.

    With ``store_id``, entry 1 must be that store's creation. ``expected_head``
    (``entries:hash``, as a bundle carries it to the steward) is a head kept
    outside this file: the chain must still contain that entry unchanged,
    which catches a tail cut off together with the head recorded here.
    """
    anchor = _parse_head(expected_head) if expected_head is not None else None
    expected_seq, prev = 1, GENESIS
    hashes: dict[int, str] = {}
    rows = db.execute("SELECT seq, day, action, subject, prev, hash FROM audit ORDER BY rowid")
    for seq, day, action, subject, stored_prev, stored_hash in rows:
        if seq != expected_seq:
            raise AuditError(
                f"audit log entry {expected_seq} is missing or out of order (found entry {seq})"
            )
        if seq == 1 and store_id is not None and (action, subject) != ("store.create", store_id):
            raise AuditError("audit log entry 1 is not the creation of this store")
        if not hmac.compare_digest(str(stored_prev), prev):
            raise AuditError(f"audit log entry {seq} does not follow entry {seq - 1}")
        recomputed = entry_hash(seq, str(day), str(action), str(subject), prev)
        if not hmac.compare_digest(str(stored_hash), recomputed):
            raise AuditError(f"audit log entry {seq} was altered")
        prev = recomputed
        if anchor is not None and seq == anchor[0]:
            hashes[seq] = recomputed
        expected_seq += 1
    count = expected_seq - 1
    if count == 0 and store_id is not None:
        raise AuditError("audit log entry 1 is missing (the log is empty)")
    head = db.table("meta").get(_HEAD_KEY)["value"] if _has_head(db) else None
    if head is not None and head != f"{count}:{prev}":
        head_seq = head.split(":", 1)[0]
        raise AuditError(
            f"audit log ends at entry {count} but entry {head_seq} was recorded; "
            f"entry {count + 1} onward was removed"
            if head_seq.isdigit() and int(head_seq) > count
            else f"audit log head does not match entry {count}"
        )
    if head is None and count:
        raise AuditError("audit log head is missing")
    if anchor is not None:
        anchor_seq, anchor_hash = anchor
        if anchor_seq > count:
            raise AuditError(
                f"audit log entry {anchor_seq} (in the head kept elsewhere) is missing; "
                f"the log ends at entry {count}"
            )
        if anchor_seq and not hmac.compare_digest(hashes[anchor_seq], anchor_hash):
            raise AuditError(
                f"audit log entry {anchor_seq} is not the one in the head kept elsewhere; "
                "the log was rewritten"
            )
    return AuditReport(entries=count, head=prev)


def entries(db: sqlite_utils.Database) -> list[list[object]]:
    """Every entry as ``[seq, day, action, subject, prev, hash]``, for a bundle to carry."""
    rows = db.execute("SELECT seq, day, action, subject, prev, hash FROM audit ORDER BY seq")
    return [list(row) for row in rows]


def check_carried(carried: object, *, store_id: str, head: str, kept_head: str | None) -> None:
    """Check a laptop's log as its bundle carries it: the whole chain, not only its length.

    It must start with that store's creation, chain to the ``head`` the
    signed manifest gives, and (``kept_head``, from the laptop's previous
    bundle) still hold that entry unchanged: a log rewritten since, even
    with as many entries, is refused.
    """
    if not isinstance(carried, list):
        raise AuditError("the laptop's audit log is malformed")
    prev, count = GENESIS, 0
    kept = _parse_head(kept_head) if kept_head else None
    for expected_seq, entry in enumerate(carried, start=1):
        if not isinstance(entry, list) or len(entry) != 6:
            raise AuditError("the laptop's audit log is malformed")
        seq, day, action, subject, stored_prev, stored_hash = entry
        if seq != expected_seq or not all(
            isinstance(v, str) for v in (day, action, subject, stored_prev, stored_hash)
        ):
            raise AuditError(f"the laptop's audit log entry {expected_seq} is missing or malformed")
        if seq == 1 and (action, subject) != ("store.create", store_id):
            raise AuditError("the laptop's audit log does not begin with the creation of its store")
        recomputed = entry_hash(seq, day, action, subject, prev)
        if stored_prev != prev or not hmac.compare_digest(stored_hash, recomputed):
            raise AuditError(f"the laptop's audit log entry {seq} was altered")
        if kept is not None and seq == kept[0] and not hmac.compare_digest(recomputed, kept[1]):
            raise AuditError(
                f"the laptop's audit log was rewritten: entry {seq} is not the one its "
                "previous bundle showed"
            )
        prev, count = recomputed, seq
    if f"{count}:{prev}" != head:
        raise AuditError("the laptop's audit log does not end at the head its bundle gives")
    if kept is not None and kept[0] > count:
        raise AuditError(
            f"the laptop's audit log is shorter than in its last bundle ({count} entries, "
            f"was {kept[0]}); its log was cut or rewritten"
        )


def _parse_head(text: str) -> tuple[int, str]:
    seq, _, digest = text.strip().partition(":")
    if not seq.isdigit() or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise AuditError("a head to check against is written ENTRIES:HASH (64 hex digits)")
    return int(seq), digest


def head(db: sqlite_utils.Database) -> tuple[int, str]:
    """(number of entries, hash of the last) as recorded in the metadata."""
    if not _has_head(db):
        return 0, GENESIS
    seq, digest = str(db.table("meta").get(_HEAD_KEY)["value"]).split(":", 1)
    return int(seq), digest


def _has_head(db: sqlite_utils.Database) -> bool:
    return db.execute("SELECT 1 FROM meta WHERE key = ?", [_HEAD_KEY]).fetchone() is not None
