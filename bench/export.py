"""Benchmark of the steward export: 10,000 synthetic records to every format.

A steward store is filled with 10,000 sealed, reviewed records of the default
protocol (each with eight redacted free-text answers of about 150 words),
then a fresh process unlocks it and exports every record to every format:
opening the records, disclosure control, CSV with its data package, JSON
Lines, Parquet, SPSS, Stata, REFI-QDA, plain texts, the anonymisation log and
the manifest. The time is that process's wall-clock time from unlock to the
manifest; the memory is its peak resident set size.

It also times the disclosure search alone (the optimal search over the
generalisation lattice of the default protocol's ten quasi-identifiers) on the
same 10,000 records' answers. ``--records N`` changes the number of records
(the target for 100,000 is the same memory bound; filling such a store takes
a quarter of an hour on the shared machine, so the default stays at 10,000).

Targets: the export under 60 s and under 1 GiB; the search under 10 s.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# bench/store.py would shadow the ``store`` package: keep this folder off the path.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent / "tests"))

from export_records import synthetic_record  # noqa: E402
from store_fixtures import STEWARD_PASSPHRASE, make_project  # noqa: E402

from anonymise.disclosure_control import control  # noqa: E402
from intake.protocol import default_protocol  # noqa: E402
from intake.release import ReleaseSettings, plan_release, write_release  # noqa: E402
from intake.release.builder import DatasetBuilder, quasi_identifier  # noqa: E402
from store.repository import Store  # noqa: E402

RECORDS = 10_000
WORDS = 150
TARGET_SECONDS = 60.0
TARGET_BYTES = 1 << 30
TARGET_SEARCH_SECONDS = 10.0


def fill(root: Path, records: int) -> Path:
    """A steward store under ``root`` with ``records`` sealed records; its folder."""
    project = make_project(root)
    protocol = default_protocol()
    rng = random.Random(2026)
    with project.steward() as store:
        # Synthetic data: durability does not matter while filling.
        store.db.execute("PRAGMA synchronous=OFF")
        for _ in range(records):
            store.finalise(
                synthetic_record(protocol, rng, words=WORDS),
                protocol_id=protocol.id,
                protocol_version=protocol.version,
                reviewed=True,
            )
    return project.steward_dir


def run_export(store_dir: Path, out: Path) -> None:
    """The measured part, in its own process: unlock, plan, write; prints JSON figures."""
    started = time.perf_counter()
    with Store.open(store_dir) as store:
        store.unlock(STEWARD_PASSPHRASE)
        plan = plan_release(store, ReleaseSettings())
        planned = time.perf_counter()
        result = write_release(store, plan, out)
    finished = time.perf_counter()
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(
        json.dumps(
            {
                "plan_seconds": planned - started,
                "write_seconds": finished - planned,
                "seconds": finished - started,
                "records": len(plan.dataset.rows),
                "files": len(result.files),
                "bytes": size,
                "smallest_group": plan.report.after.smallest_group,
                "information_loss": plan.search.information_loss if plan.search else None,
                "nodes": plan.search.nodes_evaluated if plan.search else None,
            }
        )
    )


def time_search(records: int) -> float:
    """Seconds the disclosure search takes on the answers of ``records`` synthetic records."""
    protocol = default_protocol()
    rng = random.Random(2026)
    builder = DatasetBuilder(protocol)
    rows = [builder.row(f"R{n}", synthetic_record(protocol, rng, words=1)) for n in range(records)]
    qis = [quasi_identifier(f) for f in protocol.quasi_identifiers()]
    sensitive = [f.id for f in protocol.sensitive_fields()]
    started = time.perf_counter()
    control(rows, qis, sensitive, k=3, l_diversity=2, max_suppressed_share=0.1)
    return time.perf_counter() - started


def main() -> int:
    """Fill a store, export it in a child process, print the figures against the targets."""
    if len(sys.argv) == 4 and sys.argv[1] == "--export":
        run_export(Path(sys.argv[2]), Path(sys.argv[3]))
        return 0
    records = int(sys.argv[2]) if len(sys.argv) == 3 and sys.argv[1] == "--records" else RECORDS
    search_seconds = time_search(RECORDS)
    print(
        f"disclosure search over {RECORDS} records' answers: {search_seconds:.1f} s "
        f"(target < {TARGET_SEARCH_SECONDS:.0f} s)"
    )
    with tempfile.TemporaryDirectory(prefix="bench-export-") as temp:
        root = Path(temp)
        began = time.perf_counter()
        store_dir = fill(root, records)
        print(
            f"filled a steward store with {records} records in {time.perf_counter() - began:.1f} s"
        )
        child = subprocess.run(
            [sys.executable, __file__, "--export", str(store_dir), str(root / "out")],
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode != 0:
            print(child.stderr, file=sys.stderr)
            return 1
        figures = json.loads(child.stdout.splitlines()[-1])
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    seconds = figures["seconds"]
    print(
        f"export of {figures['records']} records to every format: {seconds:.1f} s "
        f"(plan {figures['plan_seconds']:.1f} s, write {figures['write_seconds']:.1f} s; "
        f"target < {TARGET_SECONDS:.0f} s for {RECORDS})"
    )
    print(f"peak memory: {peak / 2**20:.0f} MiB (target < {TARGET_BYTES / 2**20:.0f} MiB)")
    print(f"written: {figures['files']} files, {figures['bytes'] / 2**20:.0f} MiB")
    print(
        f"after disclosure control: smallest group {figures['smallest_group']}, "
        f"information loss {figures['information_loss']:.1%}, {figures['nodes']} plans compared"
    )
    fast = seconds < TARGET_SECONDS or records > RECORDS
    ok = fast and peak < TARGET_BYTES and search_seconds < TARGET_SEARCH_SECONDS
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
