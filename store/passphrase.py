"""Passphrase-wrapped secrets: Argon2id parameters stored beside the salt.

A key wrapped here is only as strong as its passphrase: whoever holds the
file can guess offline, and Argon2id (memory-hard) makes each guess costly.
The parameters travel with the wrapped key so they can be raised later
without breaking old files.
"""

from __future__ import annotations

import base64
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from store import crypto
from store.errors import KeyFileError, WeakPassphraseError, WrongPassphraseError

#: New passphrases shorter than this are refused.
MIN_PASSPHRASE_LENGTH = 10
#: New passphrases that zxcvbn estimates fall in fewer guesses than 10**this are refused.
MIN_GUESSES_LOG10 = 10

_MAX_MEMORY_KIB = 4 * 1024 * 1024
_MAX_ITERATIONS = 64
_MAX_LANES = 64


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters; the default is RFC 9106's second recommended setting."""

    memory_kib: int = 64 * 1024
    """Memory per derivation, in KiB (64 MiB by default)."""
    iterations: int = 3
    """Passes over the memory."""
    lanes: int = 4
    """Degree of parallelism."""

    def __post_init__(self) -> None:
        if not (1 <= self.lanes <= _MAX_LANES and 1 <= self.iterations <= _MAX_ITERATIONS):
            raise KeyFileError("Argon2id parameters are out of range")
        if not (8 * self.lanes <= self.memory_kib <= _MAX_MEMORY_KIB):
            raise KeyFileError("Argon2id memory parameter is out of range")

    def to_json(self) -> dict[str, Any]:
        """The parameters as stored beside the salt."""
        return {"kdf": "argon2id", "m": self.memory_kib, "t": self.iterations, "p": self.lanes}

    @classmethod
    def from_json(cls, data: Any) -> KdfParams:
        """Read stored parameters, refusing unknown algorithms and absurd costs."""
        if not isinstance(data, dict) or data.get("kdf") != "argon2id":
            raise KeyFileError("unknown key-derivation function in a wrapped key")
        values = [data.get(name) for name in ("m", "t", "p")]
        if not all(type(v) is int for v in values):
            raise KeyFileError("malformed Argon2id parameters in a wrapped key")
        return cls(memory_kib=data["m"], iterations=data["t"], lanes=data["p"])


#: The setting the command line always uses (about 0.1-0.2 s per derivation).
STRONG = KdfParams()


def encode_passphrase(passphrase: str) -> bytearray:
    """UTF-8 of the NFC form, so the same words typed on any keyboard unlock alike."""
    return bytearray(unicodedata.normalize("NFC", passphrase).encode("utf-8"))


def check_new_passphrase(passphrase: str) -> None:
    """Refuse passphrases too short or too guessable to withstand offline guessing.

    The estimate is zxcvbn's (dictionaries, keyboard patterns, repeats,
    sequences, dates, l33t): at least 10**10 guesses, its top score, which at
    Argon2id's cost keeps a rig of many GPUs busy for years rather than hours.
    """
    from zxcvbn import zxcvbn

    text = unicodedata.normalize("NFC", passphrase).strip()
    if len(text) < MIN_PASSPHRASE_LENGTH:
        raise WeakPassphraseError(
            f"the passphrase must be at least {MIN_PASSPHRASE_LENGTH} characters; "
            "several unrelated words are best"
        )
    if zxcvbn(text)["guesses_log10"] < MIN_GUESSES_LOG10:
        raise WeakPassphraseError(
            "the passphrase is too easy to guess (common words, repeats, keyboard patterns "
            "or dates); use four or more unrelated words"
        )


@dataclass(frozen=True)
class Vault:
    """Named secrets, each wrapped under one key derived from a passphrase.

    One Argon2id derivation unlocks them all; each secret is bound by its
    name and the vault's purpose, so tokens cannot be swapped. A secret can
    be removed on its own (emergency destruction of the device key).
    """

    params: KdfParams
    """The Argon2id parameters used."""
    salt: bytes = field(repr=False)
    """The random salt (16 bytes)."""
    tokens: dict[str, bytes] = field(repr=False)
    """name -> ``nonce || AES-256-GCM(secret)``; with the salt, enough to guess offline."""

    def to_json(self) -> dict[str, Any]:
        """A JSON-compatible form for key files and the store's metadata."""
        return {
            **self.params.to_json(),
            "salt": base64.b64encode(self.salt).decode("ascii"),
            "wrapped": {
                name: base64.b64encode(token).decode("ascii")
                for name, token in sorted(self.tokens.items())
            },
        }

    @classmethod
    def from_json(cls, data: Any) -> Vault:
        """Read what :meth:`to_json` wrote."""
        params = KdfParams.from_json(data)
        try:
            salt = base64.b64decode(data["salt"], validate=True)
            tokens = {
                str(name): base64.b64decode(token, validate=True)
                for name, token in dict(data["wrapped"]).items()
            }
        except (KeyError, TypeError, ValueError):
            raise KeyFileError("malformed wrapped key") from None
        if len(salt) != crypto.SALT_BYTES or not tokens:
            raise KeyFileError("malformed wrapped key")
        return cls(params, salt, tokens)

    @classmethod
    def create(
        cls, secrets: dict[str, bytearray], passphrase: str, *, params: KdfParams, purpose: bytes
    ) -> Vault:
        """Wrap each secret under Argon2id(passphrase, fresh salt)."""
        salt = crypto.random_bytes(crypto.SALT_BYTES)
        kek = derive_kek(passphrase, salt, params)
        try:
            tokens = {
                name: crypto.wrap(kek, secret, _associated_data(purpose, name, params))
                for name, secret in secrets.items()
            }
        finally:
            crypto.zero(kek)
        return cls(params, salt, tokens)

    def open(self, passphrase: str, *, purpose: bytes) -> dict[str, bytearray]:
        """Every secret, unwrapped; a wrong passphrase is :class:`WrongPassphraseError`."""
        kek = derive_kek(passphrase, self.salt, self.params)
        opened: dict[str, bytearray] = {}
        try:
            for name, token in self.tokens.items():
                opened[name] = crypto.unwrap(
                    kek, token, _associated_data(purpose, name, self.params)
                )
        except crypto.UnwrapError:
            for secret in opened.values():
                crypto.zero(secret)
            raise WrongPassphraseError("wrong passphrase; nothing was changed") from None
        finally:
            crypto.zero(kek)
        return opened

    def without(self, name: str) -> Vault:
        """The same vault with one secret removed."""
        return Vault(self.params, self.salt, {k: v for k, v in self.tokens.items() if k != name})


def derive_kek(passphrase: str, salt: bytes, params: KdfParams) -> bytearray:
    """The key-encryption key Argon2id derives from a passphrase."""
    encoded = encode_passphrase(passphrase)
    try:
        return crypto.derive_key(
            encoded,
            salt,
            memory_kib=params.memory_kib,
            iterations=params.iterations,
            lanes=params.lanes,
        )
    finally:
        crypto.zero(encoded)


def _associated_data(purpose: bytes, name: str, params: KdfParams) -> bytes:
    return (
        b"testimony-intake passphrase wrap v1\0"
        + purpose
        + b"\0"
        + name.encode("utf-8")
        + b"\0"
        + repr((params.memory_kib, params.iterations, params.lanes)).encode("ascii")
    )
