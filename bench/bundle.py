"""Benchmark of carrying a bundle: export on a laptop, import at the steward.

A laptop seals 2,000 records of about 20 KB (40 MB of ciphertext) and exports
them in one bundle; the steward imports it. Import streams the records, so its
peak of Python memory stays near one record however large the bundle is: the
target is a peak under a tenth of the bundle's size.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != _HERE]

from store.bundle import export_bundle, import_bundle  # noqa: E402
from store.keys import make_project_keys, read_private_key  # noqa: E402
from store.passphrase import KdfParams  # noqa: E402
from store.repository import Store  # noqa: E402

RECORDS = 2000
RECORD_BYTES = 20_000
PASSPHRASE = "benchmark passphrase, synthetic data only"  # noqa: S105 - synthetic data
FAST = KdfParams(memory_kib=64, iterations=1, lanes=1)


def main() -> int:
    """Run the benchmark; the exit status says whether the target was met."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        public = make_project_keys(root / "keys", PASSPHRASE, kdf=FAST)
        laptop = Store.create(
            root / "laptop", project_public_key=public, passphrase=PASSPHRASE, kdf=FAST
        )
        laptop.db.execute("PRAGMA synchronous=OFF")  # the sealing is measured in bench/store.py
        for number in range(RECORDS):
            narrative = f"synthetic record {number} " + "x" * RECORD_BYTES
            laptop.finalise({"narrative": narrative}, protocol_id="bench", protocol_version="1")
        started = time.perf_counter()
        export_bundle(laptop, root / "one.bundle")
        exported = time.perf_counter() - started
        fingerprint = laptop.device_fingerprint
        laptop.close()
        size = (root / "one.bundle").stat().st_size
        private = read_private_key(root / "keys" / "project.key", PASSPHRASE)
        steward = Store.create_steward(
            root / "steward", project_private_key=private, passphrase=PASSPHRASE, kdf=FAST
        )
        private.forget()
        tracemalloc.start()
        started = time.perf_counter()
        report = import_bundle(steward, root / "one.bundle", enrol_fingerprint=fingerprint)
        imported = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        steward.close()
    assert report.added == RECORDS
    print(f"bundle                 {RECORDS} records, {size / 1e6:.1f} MB")
    print(f"export                 {exported:.2f} s")
    print(f"import (verify, open, insert) {imported:.2f} s, {RECORDS / imported:.0f} records/s")
    print(
        f"import peak memory     {peak / 1e6:.1f} MB of Python objects (target < {size / 10e6:.1f})"
    )
    met = peak < size / 10
    print("targets met" if met else "TARGET MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
