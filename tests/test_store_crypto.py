"""The crypto recipes, passphrase vaults, key files and the record format."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_fixtures import FAST, STEWARD_PASSPHRASE

from store import crypto, envelope
from store.errors import (
    DocumentError,
    KeyFileError,
    StoreError,
    TamperedError,
    WeakPassphraseError,
    WrongPassphraseError,
)
from store.keys import (
    describe_key_file,
    make_project_keys,
    normalise_fingerprint,
    read_private_key,
    read_public_key,
)
from store.passphrase import STRONG, KdfParams, Vault, check_new_passphrase

FINGERPRINT = re.compile(r"[A-Z2-7]{4}( [A-Z2-7]{4}){7}")


def flip(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]


def test_aead_round_trip_uses_a_fresh_nonce_each_time() -> None:
    key = crypto.new_key()
    first = crypto.encrypt(key, b"same plaintext", b"ad")
    second = crypto.encrypt(key, b"same plaintext", b"ad")
    assert first[: crypto.NONCE_BYTES] != second[: crypto.NONCE_BYTES]
    assert crypto.decrypt(key, first, b"ad") == b"same plaintext"


@pytest.mark.parametrize("damage", ["flip-nonce", "flip-body", "flip-tag", "truncate", "ad"])
def test_aead_refuses_any_damage(damage: str) -> None:
    key = crypto.new_key()
    token = crypto.encrypt(key, b"plaintext of some length", b"row-1")
    ad = b"row-1"
    if damage == "flip-nonce":
        token = flip(token, 0)
    elif damage == "flip-body":
        token = flip(token, crypto.NONCE_BYTES + 3)
    elif damage == "flip-tag":
        token = flip(token, len(token) - 1)
    elif damage == "truncate":
        token = token[:-5]
    else:
        ad = b"row-2"
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(key, token, ad)


def test_wrong_key_and_short_tokens_are_one_error_type() -> None:
    token = crypto.encrypt(crypto.new_key(), b"x", b"")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(crypto.new_key(), token, b"")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(crypto.new_key(), b"short", b"")
    with pytest.raises(crypto.UnwrapError):
        crypto.unwrap(crypto.new_key(), crypto.wrap(crypto.new_key(), crypto.new_key(), b""), b"")


def test_zero_overwrites_in_place() -> None:
    key = crypto.new_key()
    alias = key
    crypto.zero(key)
    assert alias == bytearray(crypto.KEY_BYTES)


def test_hpke_seal_binds_info_and_refuses_damage() -> None:
    material = crypto.new_hybrid_key()
    public = crypto.hybrid_public_key(material)
    opener = crypto.SealOpener(material)
    sealed = crypto.seal(b"testimony", public, b"info-1")
    assert opener.open(sealed, b"info-1") == b"testimony"
    for bad, info in [
        (sealed, b"info-2"),
        (flip(sealed, 10), b"info-1"),
        (flip(sealed, len(sealed) - 3), b"info-1"),
        (sealed[:-1], b"info-1"),
        (sealed[:100], b"info-1"),
    ]:
        with pytest.raises(crypto.UnsealError):
            opener.open(bad, info)
    other = crypto.SealOpener(crypto.new_hybrid_key())
    with pytest.raises(crypto.UnsealError):
        other.open(sealed, b"info-1")
    opener.forget()
    with pytest.raises(crypto.UnsealError):
        opener.open(sealed, b"info-1")


def test_signatures_verify_and_refuse_changes() -> None:
    key = crypto.new_signing_key()
    public = crypto.signing_public_key(key)
    signature = crypto.sign(key, b"manifest")
    crypto.verify(public, signature, b"manifest")
    with pytest.raises(crypto.SignatureError):
        crypto.verify(public, signature, b"manifest!")
    with pytest.raises(crypto.SignatureError):
        crypto.verify(crypto.signing_public_key(crypto.new_signing_key()), signature, b"manifest")
    with pytest.raises(crypto.SignatureError):
        crypto.verify(public, signature[:-1], b"manifest")


def test_crypto_errors_are_store_errors_so_the_cli_prints_one_line() -> None:
    for error in (crypto.DecryptionError, crypto.UnsealError, crypto.SignatureError):
        assert issubclass(error, TamperedError)
    assert issubclass(crypto.UnwrapError, StoreError)


def test_default_argon2id_setting_is_strong_and_round_trips() -> None:
    assert (STRONG.memory_kib, STRONG.iterations, STRONG.lanes) == (65536, 3, 4)
    secret = crypto.new_key()
    expected = bytes(secret)
    started = time.perf_counter()
    vault = Vault.create({"k": secret}, "a long passphrase", params=STRONG, purpose=b"p")
    assert time.perf_counter() - started > 0.02  # really memory-hard, not a no-op
    stored = Vault.from_json(json.loads(json.dumps(vault.to_json())))
    assert stored.params == STRONG
    assert bytes(stored.open("a long passphrase", purpose=b"p")["k"]) == expected
    with pytest.raises(WrongPassphraseError):
        stored.open("a long passphrase.", purpose=b"p")


def test_vault_binds_purpose_and_name_and_normalises_unicode() -> None:
    vault = Vault.create(
        {"a": bytearray(b"1" * 32), "b": bytearray(b"2" * 32)},
        "caf\u00e9 passphrase",
        params=FAST,
        purpose=b"store-1",
    )
    assert bytes(vault.open("cafe\u0301 passphrase", purpose=b"store-1")["a"]) == b"1" * 32
    with pytest.raises(WrongPassphraseError):
        vault.open("caf\u00e9 passphrase", purpose=b"store-2")
    swapped = Vault(vault.params, vault.salt, {"a": vault.tokens["b"], "b": vault.tokens["a"]})
    with pytest.raises(WrongPassphraseError):
        swapped.open("caf\u00e9 passphrase", purpose=b"store-1")


@pytest.mark.parametrize("bad", [{"kdf": "scrypt"}, {"kdf": "argon2id", "m": 1, "t": 1, "p": 1}])
def test_absurd_or_unknown_kdf_parameters_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(KeyFileError):
        KdfParams.from_json(bad)


def test_short_passphrases_are_refused(tmp_path: Path) -> None:
    check_new_passphrase("copper lantern gravel ")
    with pytest.raises(WeakPassphraseError):
        check_new_passphrase("  short  ")
    for guessable in ("aaaaaaaaaaaa", "passwordpassword", "qwertyuiop12", "ten chars!"):
        with pytest.raises(WeakPassphraseError, match="too easy to guess"):
            check_new_passphrase(guessable)
    with pytest.raises(WeakPassphraseError):
        make_project_keys(tmp_path, "too short", kdf=FAST)
    assert not (tmp_path / "project.key").exists()


def test_project_key_files_round_trip(tmp_path: Path) -> None:
    public = make_project_keys(tmp_path, STEWARD_PASSPHRASE, kdf=FAST)
    assert FINGERPRINT.fullmatch(public.fingerprint)
    assert read_public_key(tmp_path / "project.pub") == public
    assert describe_key_file(tmp_path / "project.pub") == ("project key", public.fingerprint)
    private = read_private_key(tmp_path / "project.key", STEWARD_PASSPHRASE)
    assert private.public == public
    assert oct((tmp_path / "project.key").stat().st_mode & 0o777) == "0o600"
    private_text = (tmp_path / "project.key").read_text()
    assert STEWARD_PASSPHRASE not in private_text
    material = private.material
    private.forget()
    assert material == bytearray(len(material))
    with pytest.raises(StoreError):
        make_project_keys(tmp_path, STEWARD_PASSPHRASE, kdf=FAST)


def test_wrong_passphrase_and_damaged_key_files(tmp_path: Path) -> None:
    make_project_keys(tmp_path / "a", STEWARD_PASSPHRASE, kdf=FAST)
    other = make_project_keys(tmp_path / "b", STEWARD_PASSPHRASE, kdf=FAST)
    with pytest.raises(WrongPassphraseError, match="wrong passphrase"):
        read_private_key(tmp_path / "a" / "project.key", "not the passphrase at all")
    # The wrapped private half is bound to its public half: swapping halves fails.
    data = json.loads((tmp_path / "a" / "project.key").read_text())
    data["x25519"] = other.to_json()["x25519"]
    (tmp_path / "swapped.key").write_text(json.dumps(data))
    with pytest.raises(WrongPassphraseError):
        read_private_key(tmp_path / "swapped.key", STEWARD_PASSPHRASE)
    (tmp_path / "junk.pub").write_text("not json")
    with pytest.raises(KeyFileError):
        read_public_key(tmp_path / "junk.pub")
    with pytest.raises(KeyFileError):
        read_private_key(tmp_path / "a" / "project.pub", STEWARD_PASSPHRASE)
    with pytest.raises(KeyFileError):
        read_public_key(tmp_path / "missing.pub")


def test_fingerprints_differ_per_key_and_accept_sloppy_typing(tmp_path: Path) -> None:
    a = make_project_keys(tmp_path / "a", STEWARD_PASSPHRASE, kdf=FAST)
    b = make_project_keys(tmp_path / "b", STEWARD_PASSPHRASE, kdf=FAST)
    assert a.fingerprint != b.fingerprint
    sloppy = a.fingerprint.lower().replace(" ", "-")
    assert normalise_fingerprint(sloppy) == a.fingerprint


JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=20,
)
DOCUMENTS = st.dictionaries(st.text(max_size=12), JSON_VALUES, max_size=6)
LABELS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,20}", fullmatch=True)
_MATERIAL = crypto.new_hybrid_key()
_PUBLIC = crypto.hybrid_public_key(_MATERIAL)
_OPENER = crypto.SealOpener(_MATERIAL)


@settings(max_examples=60, deadline=None)
@given(document=DOCUMENTS, reviewed=st.booleans(), protocol=LABELS, version=LABELS)
def test_record_format_round_trips(
    document: dict[str, object], reviewed: bool, protocol: str, version: str
) -> None:
    store_id, record_id = envelope.new_id(), envelope.new_id()
    info = envelope.record_info(store_id, record_id, "", "", envelope.RECORD_FORMAT)
    payload = envelope.encode_record_payload(
        document, reviewed=reviewed, protocol_id=protocol, protocol_version=version
    )
    sealed = crypto.seal(payload, _PUBLIC, info)
    opened = envelope.decode_record_payload(_OPENER.open(sealed, info), envelope.RECORD_FORMAT)
    assert opened == envelope.RecordPayload(document, reviewed, protocol, version)
    other = envelope.record_info(store_id, envelope.new_id(), "", "", envelope.RECORD_FORMAT)
    with pytest.raises(crypto.UnsealError):
        _OPENER.open(sealed, other)


@settings(max_examples=60, deadline=None)
@given(a=st.text(max_size=8), b=st.text(max_size=8), c=st.text(max_size=8))
def test_bindings_are_unambiguous(a: str, b: str, c: str) -> None:
    """Length-prefixed fields: moving text between fields changes the binding."""
    row = envelope.draft_associated_data(a, b, c, "1", 1)
    if (a + b, "") != (a, b):
        assert row != envelope.draft_associated_data(a + b, "", c, "1", 1)
    assert row != envelope.record_info(a, b, c, "1", 1)


@pytest.mark.parametrize(
    "document",
    [
        ["CANARY-list"],
        {"CANARY-key": float("nan")},
        {"x": {"CANARY-set"}},
        {"x": b"CANARY-bytes"},
        {"x": "CANARY-\ud800-surrogate"},
    ],
)
def test_non_json_documents_are_refused_without_quoting_them(document: object) -> None:
    with pytest.raises(DocumentError) as raised:
        envelope.encode_document(document)  # type: ignore[arg-type]
    assert "CANARY" not in str(raised.value)


def test_private_key_halves_are_read_in_place_not_copied(monkeypatch: pytest.MonkeyPatch) -> None:
    """Slicing a bytearray copies it; the copies would outlive lock() unzeroed."""
    from cryptography.hazmat.primitives.asymmetric import mlkem, x25519

    handed: list[object] = []
    real_seed = mlkem.MLKEM768PrivateKey.from_seed_bytes
    real_dh = x25519.X25519PrivateKey.from_private_bytes

    class KemSpy:
        @staticmethod
        def from_seed_bytes(data: bytes) -> mlkem.MLKEM768PrivateKey:
            handed.append(data)
            return real_seed(data)

    class DhSpy:
        @staticmethod
        def from_private_bytes(data: bytes) -> x25519.X25519PrivateKey:
            handed.append(data)
            return real_dh(data)

    monkeypatch.setattr(mlkem, "MLKEM768PrivateKey", KemSpy)
    monkeypatch.setattr(x25519, "X25519PrivateKey", DhSpy)
    material = crypto.new_hybrid_key()
    crypto.hybrid_public_key(material)
    crypto.SealOpener(material).forget()
    assert len(handed) == 4
    crypto.zero(material)
    assert all(not any(bytes(data)) for data in handed)  # type: ignore[call-overload]


def test_reprs_hold_no_wrapped_or_raw_key_material() -> None:
    """A repr in a log or a debugger must not hand out what offline guessing needs."""
    secret = crypto.new_key()
    vault = Vault.create({"device_key": secret}, STEWARD_PASSPHRASE, params=FAST, purpose=b"p")
    text = repr(vault)
    assert vault.tokens["device_key"].hex()[:16] not in text
    assert str(vault.tokens["device_key"])[:20] not in text
    assert str(vault.salt)[:12] not in text and vault.salt.hex() not in text
