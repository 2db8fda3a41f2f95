"""The only module that touches cryptographic primitives: a few safe recipes.

In the manner of Fernet above hazmat, each recipe raises one error type and
never the primitive's own exceptions, so callers cannot tell (or leak) why
something failed beyond "it did not verify". Secret keys travel as
``bytearray`` so their owners can zero them; the primitives' own key objects
cannot be zeroed, which is documented in SECURITY.md.

Recipes:

- ``encrypt``/``decrypt``: AES-256-GCM, fresh random 96-bit nonce per call,
  output ``nonce || ciphertext || tag``; error :class:`DecryptionError`.
- ``wrap``/``unwrap``: the same construction for a key under a key-encryption
  key, unwrapping into a ``bytearray``; error :class:`UnwrapError`.
- ``derive_key``: Argon2id from a passphrase into a ``bytearray``.
- ``seal``/``SealOpener.open``: HPKE (RFC 9180) base mode, suite
  MLKEM768_X25519 / HKDF_SHA256 / AES_256_GCM; error :class:`UnsealError`.
- ``sign``/``verify``: Ed25519; error :class:`SignatureError`.
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import ed25519, mlkem, x25519
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from store.errors import StoreError, TamperedError

KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
SALT_BYTES = 16
MLKEM_SEED_BYTES = 64
MLKEM_PUBLIC_BYTES = 1184
X25519_BYTES = 32
HYBRID_PRIVATE_BYTES = MLKEM_SEED_BYTES + X25519_BYTES
HYBRID_PUBLIC_BYTES = MLKEM_PUBLIC_BYTES + X25519_BYTES
ED25519_PUBLIC_BYTES = 32
SIGNATURE_BYTES = 64

#: The HPKE suite every record is sealed with, as written in key files.
SUITE_NAME = "MLKEM768_X25519/HKDF_SHA256/AES_256_GCM"
_SUITE = hpke.Suite(hpke.KEM.MLKEM768_X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)


class DecryptionError(TamperedError):
    """An AES-GCM ciphertext did not authenticate: altered, truncated, moved, or wrong key."""


class UnwrapError(StoreError):
    """A wrapped key did not unwrap: wrong key-encryption key or damaged data."""


class UnsealError(TamperedError):
    """A sealed record did not open: altered, truncated, moved, or not sealed to this key."""


class SignatureError(TamperedError):
    """A signature does not verify with the given public key."""


def random_bytes(length: int) -> bytes:
    """Bytes from the operating system's cryptographic random source."""
    return os.urandom(length)


def new_key() -> bytearray:
    """A fresh random 256-bit symmetric key, in a buffer its owner can zero."""
    return bytearray(os.urandom(KEY_BYTES))


def zero(buffer: bytearray | None) -> None:
    """Overwrite a secret buffer in place (as far as Python allows)."""
    if buffer is not None:
        buffer[:] = bytes(len(buffer))


def sha256(data: bytes) -> bytes:
    """The SHA-256 digest of ``data``."""
    return hashlib.sha256(data).digest()


def encrypt(key: bytearray, plaintext: bytes, associated_data: bytes) -> bytes:
    """AES-256-GCM under ``key`` with a fresh random nonce: ``nonce || ciphertext``."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, associated_data)


def decrypt(key: bytearray, token: bytes, associated_data: bytes) -> bytes:
    """Open what :func:`encrypt` made; any failure is :class:`DecryptionError`."""
    if len(token) < NONCE_BYTES + TAG_BYTES:
        raise DecryptionError("encrypted data is truncated")
    try:
        return AESGCM(key).decrypt(token[:NONCE_BYTES], token[NONCE_BYTES:], associated_data)
    except InvalidTag:
        raise DecryptionError("encrypted data failed its integrity check") from None


def wrap(kek: bytearray, key: bytearray, associated_data: bytes) -> bytes:
    """Encrypt a key under a key-encryption key (AES-256-GCM, fresh nonce)."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(kek).encrypt(nonce, key, associated_data)


def unwrap(kek: bytearray, token: bytes, associated_data: bytes) -> bytearray:
    """Recover a wrapped key straight into a zeroable buffer; failure is :class:`UnwrapError`."""
    length = len(token) - NONCE_BYTES - TAG_BYTES
    if length <= 0:
        raise UnwrapError("wrapped key is truncated")
    out = bytearray(length)
    try:
        AESGCM(kek).decrypt_into(token[:NONCE_BYTES], token[NONCE_BYTES:], associated_data, out)
    except InvalidTag:
        zero(out)
        raise UnwrapError("wrapped key did not unwrap") from None
    return out


def derive_key(
    passphrase: bytearray, salt: bytes, *, memory_kib: int, iterations: int, lanes: int
) -> bytearray:
    """Argon2id (RFC 9106) from a passphrase to a 256-bit key, in a zeroable buffer."""
    out = bytearray(KEY_BYTES)
    Argon2id(
        salt=bytes(salt),
        length=KEY_BYTES,
        iterations=iterations,
        lanes=lanes,
        memory_cost=memory_kib,
    ).derive_into(passphrase, out)  # type: ignore[arg-type]  # any buffer works; ours is zeroable
    return out


@dataclass(frozen=True)
class HybridPublicKey:
    """The public half of an MLKEM768_X25519 HPKE key pair, as raw bytes."""

    mlkem768: bytes
    """The ML-KEM-768 encapsulation key (1,184 bytes)."""
    x25519: bytes
    """The X25519 public key (32 bytes)."""

    def __post_init__(self) -> None:
        if len(self.mlkem768) != MLKEM_PUBLIC_BYTES or len(self.x25519) != X25519_BYTES:
            raise ValueError("public key halves have the wrong length")

    @property
    def raw(self) -> bytes:
        """Both halves concatenated, ML-KEM first."""
        return self.mlkem768 + self.x25519

    @classmethod
    def from_raw(cls, raw: bytes) -> HybridPublicKey:
        """Split what :attr:`raw` produced."""
        return cls(raw[:MLKEM_PUBLIC_BYTES], raw[MLKEM_PUBLIC_BYTES:])


@functools.lru_cache(maxsize=8)
def _public_object(raw: bytes) -> hpke.MLKEM768X25519PublicKey:
    return hpke.MLKEM768X25519PublicKey(
        mlkem.MLKEM768PublicKey.from_public_bytes(raw[:MLKEM_PUBLIC_BYTES]),
        x25519.X25519PublicKey.from_public_bytes(raw[MLKEM_PUBLIC_BYTES:]),
    )


def new_hybrid_key() -> bytearray:
    """Fresh private material for a hybrid key: ML-KEM seed (64) || X25519 raw key (32)."""
    return bytearray(os.urandom(HYBRID_PRIVATE_BYTES))


def _private_object(material: bytearray) -> hpke.MLKEM768X25519PrivateKey:
    if len(material) != HYBRID_PRIVATE_BYTES:
        raise ValueError("hybrid private key material has the wrong length")
    view = memoryview(material)  # slicing the bytearray would leave unzeroed copies
    return hpke.MLKEM768X25519PrivateKey(
        mlkem.MLKEM768PrivateKey.from_seed_bytes(view[:MLKEM_SEED_BYTES]),
        x25519.X25519PrivateKey.from_private_bytes(view[MLKEM_SEED_BYTES:]),
    )


def hybrid_public_key(material: bytearray) -> HybridPublicKey:
    """The public half that belongs to hybrid private material."""
    if len(material) != HYBRID_PRIVATE_BYTES:
        raise ValueError("hybrid private key material has the wrong length")
    view = memoryview(material)
    kem = mlkem.MLKEM768PrivateKey.from_seed_bytes(view[:MLKEM_SEED_BYTES])
    dh = x25519.X25519PrivateKey.from_private_bytes(view[MLKEM_SEED_BYTES:])
    return HybridPublicKey(kem.public_key().public_bytes_raw(), dh.public_key().public_bytes_raw())


def seal(plaintext: bytes, public_key: HybridPublicKey, info: bytes) -> bytes:
    """HPKE-seal ``plaintext`` to ``public_key``; ``info`` is bound into the key schedule."""
    return _SUITE.encrypt(plaintext, _public_object(public_key.raw), info=info)


class SealOpener:
    """Opens sealed data with a hybrid private key built once from its material.

    The library's key object cannot be zeroed; :meth:`forget` drops the only
    reference so it can be freed.
    """

    def __init__(self, material: bytearray) -> None:
        self._key: hpke.MLKEM768X25519PrivateKey | None = _private_object(material)

    def open(self, token: bytes, info: bytes) -> bytes:
        """Open what :func:`seal` made with the same ``info``; failure is :class:`UnsealError`."""
        if self._key is None:
            raise UnsealError("the private key was dropped from memory")
        if len(token) < hpke.KEM.MLKEM768_X25519.enc_length() + TAG_BYTES:
            raise UnsealError("sealed data is truncated")
        try:
            return _SUITE.decrypt(token, self._key, info=info)
        except (InvalidTag, ValueError):
            raise UnsealError("sealed data failed its integrity check") from None

    def forget(self) -> None:
        """Drop the private key object."""
        self._key = None


def new_signing_key() -> bytearray:
    """A fresh Ed25519 private key (32 raw bytes) in a zeroable buffer."""
    key = ed25519.Ed25519PrivateKey.generate()
    return bytearray(key.private_bytes_raw())


def signing_public_key(private: bytearray) -> bytes:
    """The Ed25519 public key (32 raw bytes) of a private key."""
    return ed25519.Ed25519PrivateKey.from_private_bytes(private).public_key().public_bytes_raw()


def sign(private: bytearray, message: bytes) -> bytes:
    """An Ed25519 signature (64 bytes) over ``message``."""
    return ed25519.Ed25519PrivateKey.from_private_bytes(private).sign(message)


def verify(public: bytes, signature: bytes, message: bytes) -> None:
    """Check an Ed25519 signature; any failure is :class:`SignatureError`."""
    if len(public) != ED25519_PUBLIC_BYTES or len(signature) != SIGNATURE_BYTES:
        raise SignatureError("signature or public key has the wrong length")
    try:
        ed25519.Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
    except (InvalidSignature, ValueError):
        raise SignatureError("signature does not verify") from None
