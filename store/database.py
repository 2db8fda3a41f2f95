"""The SQLite file: connection settings, schema and migrations.

Only ciphertext, random ids, format versions and a coarse status are ever
written (and, for records and drafts made before schema 3, their protocol id
and version), so neither the database nor its write-ahead log can hold
plaintext. ``secure_delete`` zeroes deleted content in the file,
``synchronous=FULL`` makes each committed transaction durable, and temporary
tables and sorts stay in memory.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from store.errors import StoreFormatError

DATABASE_FILE = "store.db"
SCHEMA_VERSION = 3
"""The schema this code writes; kept in ``PRAGMA user_version``."""

_APPLICATION_ID = 0x54494E54  # "TINT": marks the file as a testimony-intake store


def connect(path: Path) -> sqlite_utils.Database:
    """Open (or create) the database file with the store's settings."""
    conn = sqlite3.connect(path, check_same_thread=False, timeout=30)
    db = sqlite_utils.Database(conn, execute_plugins=False)
    try:
        _configure(conn)
    except sqlite3.DatabaseError:
        conn.close()
        raise StoreFormatError(
            f"{path.name} is not a testimony-intake store, or it is damaged"
        ) from None
    return db


def _configure(conn: sqlite3.Connection) -> None:
    for pragma in (
        "PRAGMA secure_delete=ON",
        "PRAGMA foreign_keys=ON",
        "PRAGMA temp_store=MEMORY",
        "PRAGMA trusted_schema=OFF",
        "PRAGMA cell_size_check=ON",
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=FULL",
        "PRAGMA journal_size_limit=1048576",
    ):
        conn.execute(pragma)


def scrub_log(db: sqlite_utils.Database) -> bool:
    """Copy the write-ahead log into the file and truncate it; call after a deletion commits.

    ``secure_delete`` zeroes deleted content in the database file, but the log
    keeps the frames written before the deletion (an old draft, a withdrawn
    record, a key wrapping that is no longer used) until they are overwritten.
    Returns False when the log could not be emptied now: inside a larger
    transaction (the log is emptied at the next deletion or when the store
    closes), or when another connection's reader kept it.
    """
    if db.conn.in_transaction:
        return False
    busy, _frames, _copied = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return int(busy) == 0


def _migrate_to_1(db: sqlite_utils.Database) -> None:
    db.table("meta").create({"key": str, "value": str}, pk="key", not_null={"value"})
    db.table("drafts").create(
        {
            "id": str,
            "protocol_id": str,
            "protocol_version": str,
            "format": int,
            "revision": int,
            "ciphertext": bytes,
        },
        pk="id",
        not_null={"protocol_id", "protocol_version", "format", "revision", "ciphertext"},
    )
    db.table("records").create(
        {
            "id": str,
            "origin_store": str,
            "protocol_id": str,
            "protocol_version": str,
            "format": int,
            "status": str,
            "digest": str,
            "ciphertext": bytes,
        },
        pk="id",
        not_null={
            "origin_store",
            "protocol_id",
            "protocol_version",
            "format",
            "status",
            "digest",
            "ciphertext",
        },
    )
    db.table("withdrawals").create({"record_id": str, "origin_store": str}, pk="record_id")
    db.table("devices").create(
        {
            "public_key": str,
            "store_id": str,
            "fingerprint": str,
            "last_sequence": int,
            "last_bundle": str,
            "audit_head": str,
        },
        pk="public_key",
        not_null={"store_id", "fingerprint", "last_sequence"},
    )
    db.table("audit").create(
        {"seq": int, "day": str, "action": str, "subject": str, "prev": str, "hash": str},
        pk="seq",
        not_null={"day", "action", "subject", "prev", "hash"},
    )


def _migrate_to_2(db: sqlite_utils.Database) -> None:
    """Records and withdrawals are keyed by the store that sealed them; withdrawals are signed.

    ``sealed_id`` is the id bound into a record's seal; the steward keeps a
    record under another local ``id`` only when that id is already held from
    another laptop. Withdrawals made before this version carry no signature,
    so no bundle ships them (``bundle export`` says how many).
    """
    db.execute("ALTER TABLE records ADD COLUMN sealed_id TEXT NOT NULL DEFAULT ''")
    db.execute("UPDATE records SET sealed_id = id")
    db.execute("CREATE UNIQUE INDEX records_by_origin ON records (origin_store, sealed_id)")
    db.execute("ALTER TABLE withdrawals RENAME TO withdrawals_v1")
    db.table("withdrawals").create(
        {"origin_store": str, "record_id": str, "signature": str},
        pk=("origin_store", "record_id"),
        not_null={"signature"},
        defaults={"signature": ""},
    )
    db.execute(
        "INSERT INTO withdrawals (origin_store, record_id, signature) "
        "SELECT origin_store, record_id, '' FROM withdrawals_v1"
    )
    db.execute("DROP TABLE withdrawals_v1")


def _migrate_to_3(db: sqlite_utils.Database) -> None:
    """A draft's protocol id and version are kept encrypted in ``label``, not in clear.

    Drafts saved before keep theirs in clear until their next save; records
    carry theirs inside the seal from record format 2 (see :mod:`store.records`).
    """
    db.execute("ALTER TABLE drafts ADD COLUMN label BLOB")


#: MIGRATIONS[n] brings a store from schema n to n + 1.
MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {
    0: _migrate_to_1,
    1: _migrate_to_2,
    2: _migrate_to_3,
}


def schema_version(db: sqlite_utils.Database) -> int:
    """The schema version recorded in the file (0 for a new, empty file)."""
    row = db.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(db: sqlite_utils.Database) -> None:
    """Bring the schema up to :data:`SCHEMA_VERSION`, one transaction per step."""
    current = schema_version(db)
    if current > SCHEMA_VERSION:
        raise StoreFormatError(
            "this store was made by a newer version of testimony-intake; upgrade to open it"
        )
    if current == 0:
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        tables = db.table_names()
        if application_id not in (0, _APPLICATION_ID) or tables:
            raise StoreFormatError("this file is not a testimony-intake store")
    while current < SCHEMA_VERSION:
        with db.atomic():
            MIGRATIONS[current](db)
            current += 1
            db.execute(f"PRAGMA user_version={current}")
            db.execute(f"PRAGMA application_id={_APPLICATION_ID}")


def check_is_store(db: sqlite_utils.Database) -> None:
    """Refuse files that are not stores (or are from a newer version)."""
    try:
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError:
        raise StoreFormatError("this file is not a testimony-intake store") from None
    if application_id != _APPLICATION_ID:
        raise StoreFormatError("this file is not a testimony-intake store")
    migrate(db)
