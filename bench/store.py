"""Benchmark of the encrypted store, in one run.

- seal-and-insert of 20 KB records through ``Store.finalise`` (HPKE seal, one
  durable transaction with its audit entry per record) against a plain
  sqlite-utils insert of the same plaintext with the same durability settings;
- unlocking a store at the default Argon2id setting (64 MiB, 3 passes, 4 lanes);
- opening 10,000 sealed records at the steward.

Targets: at least 200 sealed records per second, and sealing overhead under
3x the plaintext insert.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

# This script shares its name with the package it measures: keep its own folder
# off the import path so that ``store`` is the package.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != _HERE]

import sqlite_utils  # noqa: E402

from store.database import connect  # noqa: E402
from store.keys import make_project_keys, read_private_key  # noqa: E402
from store.passphrase import STRONG, KdfParams  # noqa: E402
from store.repository import Store  # noqa: E402

RECORD_BYTES = 20_000
SEAL_RECORDS = 400
OPEN_RECORDS = 10_000
TARGET_RATE = 200.0
TARGET_RATIO = 3.0
PASSPHRASE = "benchmark passphrase, synthetic data only"  # noqa: S105 - synthetic data
FAST = KdfParams(memory_kib=64, iterations=1, lanes=1)


_VOCABULARY = [
    "".join(random.Random(n).choice("abcdefghijklmnopqrstuvwxyz") for _ in range(2 + n % 8))
    for n in range(5000)
]


def document(rng: random.Random, number: int) -> dict[str, object]:
    """A synthetic record of about 20 KB of JSON."""
    words: list[str] = []
    size = 0
    while size < RECORD_BYTES - 200:
        chunk = rng.choices(_VOCABULARY, k=200)
        words += chunk
        size += sum(len(word) + 1 for word in chunk)
    return {"number": number, "synthetic": True, "narrative": " ".join(words)}


def plaintext_rate(folder: Path, documents: list[dict[str, object]]) -> float:
    """Records per second for a plain sqlite-utils insert, one durable transaction each."""
    db: sqlite_utils.Database = connect(folder / "plain.db")
    table = db.table("plain")
    table.create({"id": int, "document": str}, pk="id")
    started = time.perf_counter()
    for number, doc in enumerate(documents):
        with db.atomic():
            table.insert({"id": number, "document": json.dumps(doc)})
    elapsed = time.perf_counter() - started
    db.close()
    return len(documents) / elapsed


def sealed_rate(store: Store, documents: list[dict[str, object]]) -> float:
    """Records per second through ``Store.finalise``."""
    started = time.perf_counter()
    for doc in documents:
        store.finalise(doc, protocol_id="bench", protocol_version="1")
    return len(documents) / (time.perf_counter() - started)


def unlock_seconds(folder: Path, public_key_dir: Path) -> float:
    """Median time to unlock a store made at the default (strong) Argon2id setting."""
    public = make_project_keys(public_key_dir, PASSPHRASE, kdf=FAST)
    Store.create(folder, project_public_key=public, passphrase=PASSPHRASE, kdf=STRONG).close()
    times = []
    with Store.open(folder) as store:
        for _ in range(3):
            started = time.perf_counter()
            store.unlock(PASSPHRASE)
            times.append(time.perf_counter() - started)
            store.lock()
    return statistics.median(times)


def open_rate(steward: Store, rng: random.Random) -> tuple[float, int]:
    """Records per second opened at the steward, over ``OPEN_RECORDS`` records."""
    have = len(steward.list_records())
    with steward.transaction():  # one transaction: this is set-up, not what is measured
        for number in range(have, OPEN_RECORDS):
            steward.finalise(document(rng, number), protocol_id="bench", protocol_version="1")
    ids = [info.record_id for info in steward.list_records()]
    started = time.perf_counter()
    for record_id in ids:
        steward.open_record(record_id)
    return len(ids) / (time.perf_counter() - started), len(ids)


def main() -> int:
    rng = random.Random(2024)
    documents = [document(rng, n) for n in range(SEAL_RECORDS)]
    size = statistics.mean(len(json.dumps(d)) for d in documents)
    with tempfile.TemporaryDirectory(prefix="bench-store-") as temp:
        root = Path(temp)
        make_project_keys(root / "keys", PASSPHRASE, kdf=FAST)
        private = read_private_key(root / "keys" / "project.key", PASSPHRASE)
        plain = plaintext_rate(root, documents)
        with Store.create_steward(
            root / "steward", project_private_key=private, passphrase=PASSPHRASE, kdf=FAST
        ) as steward:
            sealed = sealed_rate(steward, documents)
            opened, count = open_rate(steward, rng)
        unlock = unlock_seconds(root / "strong", root / "keys2")
    ratio = plain / sealed
    print(f"record size            {size / 1000:.1f} KB of JSON, {SEAL_RECORDS} records")
    print(f"plaintext insert       {plain:8.0f} records/s (sqlite-utils, WAL, synchronous=FULL)")
    print(f"seal and insert        {sealed:8.0f} records/s (target >= {TARGET_RATE:.0f})")
    print(f"sealing overhead       {ratio:8.2f} x plaintext insert (target < {TARGET_RATIO:.0f}x)")
    print(f"unlock (Argon2id 64 MiB, t=3, p=4) {unlock:.3f} s")
    print(f"open at the steward    {opened:8.0f} records/s over {count} records")
    good = sealed >= TARGET_RATE and ratio < TARGET_RATIO
    print("targets met" if good else "TARGETS MISSED")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
