"""Demo stores filled with synthetic, obviously fake testimony.

``make_demo_store`` makes a fresh project key pair labelled DEMO, a laptop
store enrolled to it, and N synthetic records. Everything demo uses one
published passphrase, :data:`DEMO_PASSPHRASE`: a demo store protects nothing
and must never hold real testimony. The demo keys are written into the
store's folder (``demo-keys/``), so a steward store can be made from them to
try bundles: ``testimony init --steward --key DIR/demo-keys/project.key``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from store.keys import new_project_key_files, write_project_key_files
from store.passphrase import STRONG, KdfParams
from store.repository import Store

DEMO_PASSPHRASE = "demo passphrase - not secret"  # noqa: S105 - published on purpose
"""The passphrase of every demo store and demo key file. It is public on purpose."""
DEMO_LABEL = "DEMO"
DEMO_PROTOCOL_ID = "demo-synthetic"
DEMO_PROTOCOL_VERSION = "1"
DEMO_KEYS_FOLDER = "demo-keys"
DEMO_NOTE_FILE = "DEMO-README.txt"

DemoRecord = tuple[dict[str, Any], str, str, bool]
"""One demo record: the document, its protocol id and version, and whether it is reviewed."""
DemoRecordMaker = Callable[[random.Random, int], DemoRecord]
"""Makes demo record number N (from 1) with the store's random generator."""

_REGIONS = ["local Syrian/Iraqi", "Arab foreign", "Western", "other"]
_MOTIVATIONS = [
    "opposition to the regime",
    "building a state under religious law",
    "material incentives",
    "adventure and status",
    "revenge",
    "identity and belonging",
]
_REASONS = [
    "infighting between groups",
    "violence against civilians",
    "corruption of commanders",
    "harsh living conditions",
    "family",
]
_SENTENCES = [
    "This is synthetic demo text about Person {a}, who does not exist.",
    "In the made-up town of Placeville-{b}, Person {a} met Person {c} at an invented market.",
    "Nothing in this demo record describes a real person, place or event.",
    "Person {c} said the fictional unit {b} moved every few weeks.",
    "The narrator, Person {a}, describes leaving through the imaginary Route {b}.",
    "Sample sentence {n} exists only to give the demo record some length.",
]


def synthetic_document(
    rng: random.Random, number: int, *, narrative_sentences: int = 40
) -> dict[str, Any]:
    """One synthetic interview, shaped like a protocol's answers, plainly fake."""
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"

    def sentence(n: int) -> str:
        return rng.choice(_SENTENCES).format(
            a=rng.choice(letters), b=rng.randint(1, 99), c=rng.choice(letters), n=n
        )

    narrative = " ".join(sentence(n) for n in range(narrative_sentences))
    return {
        "synthetic": True,
        "demo_number": number,
        "consent": {"participation": True, "quotation": rng.random() < 0.5, "archiving": True},
        "identity": {"name": f"DEMO Person {number:04d}", "aliases": []},
        "background": {
            "region": rng.choice(_REGIONS),
            "age_band": rng.choice(["18-24", "25-34", "35-44", "45+"]),
        },
        "joining": {"year": rng.randint(2012, 2016), "motivations": rng.sample(_MOTIVATIONS, 2)},
        "leaving": {"year": rng.randint(2015, 2019), "reasons": rng.sample(_REASONS, 2)},
        "narrative": narrative,
    }


def generic_record(rng: random.Random, number: int) -> DemoRecord:
    """A protocol-free synthetic record: the store knows no protocol; callers that do pass one."""
    return synthetic_document(rng, number), DEMO_PROTOCOL_ID, DEMO_PROTOCOL_VERSION, number % 3 != 0


def make_demo_store(
    folder: Path,
    records: int,
    *,
    kdf: KdfParams = STRONG,
    seed: int | None = None,
    make_record: DemoRecordMaker = generic_record,
) -> Store:
    """Make demo keys, a laptop store in ``folder`` enrolled to them, and ``records`` records.

    The store is returned unlocked; its passphrase is :data:`DEMO_PASSPHRASE`.
    ``make_record`` builds each record: the interview side passes one that follows
    a real protocol, so the demo can go all the way to an export.
    """
    if records < 0:
        raise ValueError("records must be zero or more")
    public, private_file, public_file = new_project_key_files(
        DEMO_PASSPHRASE, kdf=kdf, label=DEMO_LABEL
    )
    store = Store.create(folder, project_public_key=public, passphrase=DEMO_PASSPHRASE, kdf=kdf)
    try:
        write_project_key_files(folder / DEMO_KEYS_FOLDER, private_file, public_file)
        (folder / DEMO_NOTE_FILE).write_text(
            "DEMO STORE - synthetic records only; never put real testimony here.\n"
            f"Passphrase of this store and of {DEMO_KEYS_FOLDER}/project.key: "
            f"{DEMO_PASSPHRASE}\n",
            encoding="utf-8",
        )
        rng = random.Random(seed)  # noqa: S311 - synthetic content, not a secret
        for number in range(1, records + 1):
            document, protocol_id, protocol_version, reviewed = make_record(rng, number)
            store.finalise(
                document,
                protocol_id=protocol_id,
                protocol_version=protocol_version,
                reviewed=reviewed,
            )
    except BaseException:
        store.close()
        raise
    return store
