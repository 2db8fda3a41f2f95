"""The encrypted index of live drafts: which drafts exist, and the revision of each.

Rewritten under the device key in the same transaction as every save,
deletion and finalisation, so an older copy of a draft put back into the
file, or a deleted or declined one brought back, no longer matches it.
"""

from __future__ import annotations

import json

import sqlite_utils

from store import crypto, envelope
from store.errors import TamperedError

INDEX_KEY = "draft_index"
"""The metadata key holding the encrypted index."""
OLD_FORMAT = 1
"""Drafts saved before revisions were bound (and before the index existed)."""


def read(db: sqlite_utils.Database, key: bytearray, store_id: str) -> dict[str, int]:
    """draft id -> revision of every live draft, as last written by this store.

    A store upgraded from the previous version has no index until its first
    save or deletion; until then its drafts (all of the old format) are taken
    as they are, and the first index written includes them.
    """
    row = db.execute("SELECT value FROM meta WHERE key = ?", [INDEX_KEY]).fetchone()
    if row is None:
        rows = db.execute("SELECT id, revision FROM drafts WHERE format = ?", [OLD_FORMAT])
        return {str(r[0]): int(r[1]) for r in rows}
    try:
        plaintext = crypto.decrypt(
            key, bytes.fromhex(str(row[0])), envelope.draft_index_associated_data(store_id)
        )
        index = json.loads(plaintext)
        if not isinstance(index, dict):
            raise ValueError("not an index")
        return {str(k): int(v) for k, v in index.items()}
    except (ValueError, TypeError, crypto.DecryptionError):
        raise TamperedError("the index of drafts failed its integrity check") from None


def write(db: sqlite_utils.Database, key: bytearray, store_id: str, index: dict[str, int]) -> None:
    """Encrypt and store the index (inside the transaction of the change)."""
    plaintext = envelope.pad_json(json.dumps(index, sort_keys=True).encode("ascii"))
    token = crypto.encrypt(key, plaintext, envelope.draft_index_associated_data(store_id))
    db.table("meta").upsert({"key": INDEX_KEY, "value": token.hex()}, pk="key")


def forget(db: sqlite_utils.Database, key: bytearray | None, store_id: str, draft_id: str) -> None:
    """Remove a draft from the index (no key: the device key was destroyed, drafts are gone)."""
    if key is None:
        return
    index = read(db, key, store_id)
    index.pop(draft_id, None)
    write(db, key, store_id, index)


def check_live(index: dict[str, int], draft_id: str, revision: int) -> None:
    """Refuse a draft row that is not the copy the index says was saved last."""
    if index.get(draft_id) != revision:
        raise TamperedError(
            f"draft {draft_id} is not the copy last saved here (an older copy, or one "
            "deleted or declined, was put back); it was not opened"
        )
