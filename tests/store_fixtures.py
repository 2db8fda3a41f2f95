"""Helpers shared by the store's tests: fast key derivation and ready-made stores."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from store.keys import ProjectPublicKey, make_project_keys, read_private_key
from store.passphrase import KdfParams
from store.repository import Store

#: Argon2id at its minimum cost: tests stay fast. One test uses the real default.
FAST = KdfParams(memory_kib=64, iterations=1, lanes=1)
STEWARD_PASSPHRASE = "steward passphrase for tests"
LAPTOP_PASSPHRASE = "laptop passphrase for tests"


class ProtocolArgs(TypedDict):
    """The protocol keyword arguments of ``save_draft`` and ``finalise``."""

    protocol_id: str
    protocol_version: str


PROTOCOL: ProtocolArgs = {"protocol_id": "test-protocol", "protocol_version": "2"}


@dataclass
class Project:
    """A project key pair on disk and a laptop and steward store enrolled to it."""

    keys: Path
    public: ProjectPublicKey
    laptop_dir: Path
    steward_dir: Path

    def laptop(self) -> Store:
        store = Store.open(self.laptop_dir)
        store.unlock(LAPTOP_PASSPHRASE)
        return store

    def steward(self) -> Store:
        store = Store.open(self.steward_dir)
        store.unlock(STEWARD_PASSPHRASE)
        return store


def make_project(root: Path) -> Project:
    """Keys, one laptop store and one steward store under ``root`` (all closed)."""
    keys = root / "keys"
    public = make_project_keys(keys, STEWARD_PASSPHRASE, kdf=FAST)
    laptop = root / "laptop"
    Store.create(laptop, project_public_key=public, passphrase=LAPTOP_PASSPHRASE, kdf=FAST).close()
    steward = root / "steward"
    private = read_private_key(keys / "project.key", STEWARD_PASSPHRASE)
    Store.create_steward(
        steward, project_private_key=private, passphrase=STEWARD_PASSPHRASE, kdf=FAST
    ).close()
    private.forget()
    return Project(keys, public, laptop, steward)


def interview(number: int, words: int = 50) -> dict[str, object]:
    """A small synthetic document."""
    return {
        "consent": {"participation": True},
        "number": number,
        "narrative": " ".join(f"synthetic-word-{number}-{i}" for i in range(words)),
    }


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
