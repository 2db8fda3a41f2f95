"""Project key pairs, key files and human-checkable fingerprints.

The steward's project key is an HPKE key pair (MLKEM768_X25519 hybrid). Its
private half lives in ``project.key``, wrapped under the steward's passphrase
with Argon2id; its public half travels as ``project.pub``. Each store also has
an Ed25519 device signing key; its fingerprint, read to the steward at
enrolment, is printed from the unlocked store, never from a file (a
``device.pub`` written by the previous version is refused). Key files are
small JSON documents.

A fingerprint is the first 160 bits of a domain-separated SHA-256 of the
public key, in RFC 4648 base32, as eight groups of four characters: short
enough to read aloud over a phone, long enough that no one can make a second
key to match it.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from store import crypto
from store.errors import KeyFileError, StoreError
from store.files import write_private_file
from store.passphrase import STRONG, KdfParams, Vault, check_new_passphrase

PUBLIC_FORMAT = "testimony-intake project public key"
PRIVATE_FORMAT = "testimony-intake project private key"
DEVICE_FORMAT = "testimony-intake device public key"
KEY_FILE_VERSION = 1
PUBLIC_FILE = "project.pub"
PRIVATE_FILE = "project.key"

_PROJECT_DOMAIN = b"testimony-intake project key v1\0"
_DEVICE_DOMAIN = b"testimony-intake device key v1\0"


def fingerprint(domain: bytes, public: bytes) -> str:
    """Eight groups of four base32 characters from SHA-256(domain || public)."""
    text = base64.b32encode(crypto.sha256(domain + public)[:20]).decode("ascii")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def device_fingerprint(public: bytes) -> str:
    """The fingerprint of an Ed25519 device public key."""
    return fingerprint(_DEVICE_DOMAIN, public)


def normalise_fingerprint(text: str) -> str:
    """Accept a fingerprint as typed: any case, with or without spaces or dashes."""
    compact = "".join(ch for ch in text.upper() if ch.isalnum())
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


@dataclass(frozen=True)
class ProjectPublicKey:
    """The project's public key: what laptops seal finished records to."""

    key: crypto.HybridPublicKey
    """The HPKE public key halves."""
    label: str = ""
    """A free label, such as ``DEMO``; not authenticated, shown as a warning only."""

    @property
    def fingerprint(self) -> str:
        """The human-checkable fingerprint the interviewer confirms at enrolment."""
        return fingerprint(_PROJECT_DOMAIN, self.key.raw)

    @property
    def is_demo(self) -> bool:
        """Whether the key says it is a demo key, never to be used for real testimony."""
        return self.label.upper() == "DEMO"

    def to_json(self) -> dict[str, Any]:
        """The content of a ``project.pub`` file."""
        data: dict[str, Any] = {
            "format": PUBLIC_FORMAT,
            "version": KEY_FILE_VERSION,
            "suite": crypto.SUITE_NAME,
            "mlkem768": _b64(self.key.mlkem768),
            "x25519": _b64(self.key.x25519),
        }
        if self.label:
            data["label"] = self.label
        return data

    @classmethod
    def from_json(cls, data: Any) -> ProjectPublicKey:
        """Read the public half from a ``project.pub`` or ``project.key`` document."""
        if not isinstance(data, dict) or data.get("format") not in (PUBLIC_FORMAT, PRIVATE_FORMAT):
            raise KeyFileError("not a project key file")
        if data.get("version") != KEY_FILE_VERSION or data.get("suite") != crypto.SUITE_NAME:
            raise KeyFileError("project key file of an unknown version or suite")
        try:
            key = crypto.HybridPublicKey(_unb64(data["mlkem768"]), _unb64(data["x25519"]))
        except (KeyError, ValueError):
            raise KeyFileError("malformed project key file") from None
        label = data.get("label", "")
        return cls(key, label if isinstance(label, str) else "")


class ProjectPrivateKey:
    """The project's private key, unwrapped into memory; :meth:`forget` zeroes it."""

    def __init__(self, material: bytearray, public: ProjectPublicKey) -> None:
        self._material: bytearray | None = material
        self.public = public
        """The matching public key."""

    @property
    def material(self) -> bytearray:
        """The raw private material (ML-KEM seed || X25519 key); do not keep copies."""
        if self._material is None:
            raise StoreError("the project private key was dropped from memory")
        return self._material

    def forget(self) -> None:
        """Zero the private material."""
        crypto.zero(self._material)
        self._material = None


def _purpose(public: ProjectPublicKey) -> bytes:
    return b"project-key\0" + public.key.raw


def new_project_key_files(
    passphrase: str, *, kdf: KdfParams = STRONG, label: str = ""
) -> tuple[ProjectPublicKey, bytes, bytes]:
    """A new project key pair as (public key, ``project.key`` bytes, ``project.pub`` bytes)."""
    check_new_passphrase(passphrase)
    material = crypto.new_hybrid_key()
    try:
        public = ProjectPublicKey(crypto.hybrid_public_key(material), label)
        vault = Vault.create(
            {"project_key": material}, passphrase, params=kdf, purpose=_purpose(public)
        )
    finally:
        crypto.zero(material)
    private_doc = {**public.to_json(), "format": PRIVATE_FORMAT, "private": vault.to_json()}
    return public, _dump(private_doc), _dump(public.to_json())


def write_project_key_files(out_dir: Path, private_file: bytes, public_file: bytes) -> None:
    """Write ``project.key`` and ``project.pub`` into ``out_dir``; never overwrites."""
    out_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    for name in (PRIVATE_FILE, PUBLIC_FILE):
        if (out_dir / name).exists():
            raise StoreError(f"{out_dir / name} already exists; nothing was overwritten")
    write_private_file(out_dir / PRIVATE_FILE, private_file)
    write_private_file(out_dir / PUBLIC_FILE, public_file)


def make_project_keys(
    out_dir: Path, passphrase: str, *, kdf: KdfParams = STRONG, label: str = ""
) -> ProjectPublicKey:
    """Make a new project key pair as ``out_dir/project.key`` and ``out_dir/project.pub``.

    Existing files are never overwritten. Returns the public key.
    """
    public, private_file, public_file = new_project_key_files(passphrase, kdf=kdf, label=label)
    write_project_key_files(out_dir, private_file, public_file)
    return public


def read_public_key(path: Path) -> ProjectPublicKey:
    """The project public key in a ``project.pub`` (or ``project.key``) file."""
    return ProjectPublicKey.from_json(_load(path))


def read_private_key(path: Path, passphrase: str) -> ProjectPrivateKey:
    """Unwrap ``project.key``; a wrong passphrase is :class:`WrongPassphraseError`."""
    data = _load(path)
    if data.get("format") != PRIVATE_FORMAT:
        raise KeyFileError(f"{path.name} is not a project private key file")
    public = ProjectPublicKey.from_json(data)
    vault = Vault.from_json(data.get("private"))
    if set(vault.tokens) != {"project_key"}:
        raise KeyFileError(f"{path.name} is not a project private key file")
    material = vault.open(passphrase, purpose=_purpose(public))["project_key"]
    if len(material) != crypto.HYBRID_PRIVATE_BYTES or (
        crypto.hybrid_public_key(material) != public.key
    ):
        crypto.zero(material)
        raise KeyFileError(f"{path.name} is damaged: its halves do not match")
    return ProjectPrivateKey(material, public)


def describe_key_file(path: Path) -> tuple[str, str]:
    """(kind, fingerprint) of a project key file, for ``keys fingerprint``.

    A ``device.pub`` file is refused: anyone who can write the store's folder
    can replace it, so a device fingerprint comes from the unlocked store.
    """
    data = _load(path)
    if data.get("format") == DEVICE_FORMAT:
        raise KeyFileError(
            f"{path.name} is a device key file, which anyone with the folder could have "
            "replaced; use testimony keys fingerprint --store DIR (it asks the passphrase)"
        )
    project = ProjectPublicKey.from_json(data)
    kind = "project key" + (" (DEMO: never use for real testimony)" if project.is_demo else "")
    return kind, project.fingerprint


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text, validate=True)


def _dump(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _load(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise KeyFileError(f"no such key file: {path}") from None
    except IsADirectoryError:
        raise KeyFileError(f"{path} is a folder, not a key file") from None
    if len(raw) > 1_000_000:
        raise KeyFileError(f"{path.name} is not a key file")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise KeyFileError(f"{path.name} is not a key file") from None
    if not isinstance(data, dict):
        raise KeyFileError(f"{path.name} is not a key file")
    return data
