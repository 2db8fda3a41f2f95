"""Audit entries for an export: which records left, under which export id, at what risk.

The entries join the store's hash chain (:mod:`store.audit`): ``export.write``
for the export itself, ``record.export`` for each record in it (so that a later
consent withdrawal tells the steward which exports hold the record), and
``export.accept_risk`` when the steward exported below the disclosure threshold,
with the reason they gave. Ids are random and the reason is the steward's own
words about the decision, so nothing here holds testimony.
"""

from __future__ import annotations

from collections.abc import Sequence

from store import audit
from store.repository import Store

EXPORT_ACTIONS = ("export.write", "record.export", "export.accept_risk")
MAX_REASON = 300
"""The longest accepted-risk reason kept (one line)."""


def check_reason(reason: str) -> str:
    """A one-line, printable reason of at most :data:`MAX_REASON` characters."""
    text = " ".join(reason.split())
    if not text:
        raise ValueError("the reason for accepting the risk is empty")
    if len(text) > MAX_REASON or not text.isprintable():
        raise ValueError(
            f"give the reason in one printable line of at most {MAX_REASON} characters"
        )
    return text


def record_export(
    store: Store, export_id: str, record_ids: Sequence[str], accepted_risk: str | None
) -> None:
    """Append the export's entries to the store's audit log in one transaction."""
    with store.transaction() as db:
        audit.append(db, "export.write", export_id)
        if accepted_risk is not None:
            audit.append(db, "export.accept_risk", f"{export_id}: {check_reason(accepted_risk)}")
        for record_id in record_ids:
            audit.append(db, "record.export", record_id)
