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
``--store DIR`` keeps the filled store in ``DIR``: an empty or new folder is
filled, one filled before (with the same number of records) is reused, so the
export can be measured again without filling again. ``--skip-search`` leaves
out the disclosure search alone.

Targets: the export under 60 s and under 1 GiB; the search under 10 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

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


FILLED = "filled.json"
"""Written into a kept store's folder once it is filled: the number of records."""


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


def kept_store(root: Path, records: int) -> tuple[Path, float | None]:
    """The steward store kept under ``root``, filled now if new; seconds spent filling."""
    marker = root / FILLED
    if marker.is_file():
        filled = json.loads(marker.read_text(encoding="utf-8"))["records"]
        if filled != records:
            raise SystemExit(f"{root} holds a store of {filled} records, not {records}")
        return root / "steward", None
    if root.exists() and any(root.iterdir()):
        raise SystemExit(f"{root} is neither empty nor a store this benchmark filled")
    root.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    store_dir = fill(root, records)
    seconds = time.perf_counter() - began
    marker.write_text(json.dumps({"records": records}) + "\n", encoding="utf-8")
    return store_dir, seconds


def load_average() -> str:
    """The machine's load average over 1, 5 and 15 minutes."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} {five:.1f} {fifteen:.1f}"


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


def export_in_child(store_dir: Path, out: Path) -> tuple[dict[str, Any], int] | None:
    """The export in a fresh process: its figures and its peak resident set in bytes."""
    child = subprocess.run(
        [sys.executable, __file__, "--export", str(store_dir), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    if child.returncode != 0:
        print(child.stderr, file=sys.stderr)
        return None
    figures: dict[str, Any] = json.loads(child.stdout.splitlines()[-1])
    return figures, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=RECORDS)
    parser.add_argument("--store", type=Path, help="keep the filled store here and reuse it")
    parser.add_argument("--skip-search", action="store_true", help="do not time the search")
    parser.add_argument("--export", nargs=2, type=Path, help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> int:
    """Fill a store (or reuse one), export it in a child process, print the figures."""
    args = arguments()
    if args.export is not None:
        run_export(args.export[0], args.export[1])
        return 0
    records: int = args.records
    print(f"load average at the start: {load_average()}")
    search_seconds = 0.0
    if not args.skip_search:
        search_seconds = time_search(RECORDS)
        print(
            f"disclosure search over {RECORDS} records' answers: {search_seconds:.1f} s "
            f"(target < {TARGET_SEARCH_SECONDS:.0f} s)"
        )
    with tempfile.TemporaryDirectory(prefix="bench-export-") as temp:
        root = Path(temp)
        filling: float | None
        if args.store is None:
            began = time.perf_counter()
            store_dir = fill(root, records)
            filling = time.perf_counter() - began
        else:
            store_dir, filling = kept_store(args.store, records)
        if filling is not None:
            print(f"filled a steward store with {records} records in {filling:.1f} s")
        else:
            print(f"reused the steward store of {records} records in {args.store}")
        print(f"load average before the export: {load_average()}")
        measured = export_in_child(store_dir, root / "out")
        if measured is None:
            return 1
        figures, peak = measured
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
    print(f"load average at the end: {load_average()}")
    fast = seconds < TARGET_SECONDS or records > RECORDS
    ok = fast and peak < TARGET_BYTES and search_seconds < TARGET_SEARCH_SECONDS
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
