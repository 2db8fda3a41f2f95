"""Whatever a bundle file holds, reading it ends in a bundle or one BundleError line.

Two layers: any JSON at all offered as a manifest (parse_manifest, reached
only once a signature verified, so a rogue enrolled laptop's crafting), and
any bytes at all after a genuine bundle's first bytes (BundleReader).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.bundle_format import MAGIC, BundleReader, Manifest, parse_manifest
from store.errors import BundleError

json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**80), max_value=2**80),
        st.floats(allow_nan=False),
        st.text(max_size=40),
    ),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=6)
    ),
    max_leaves=30,
)

GOOD = {
    "format": "testimony-intake bundle manifest",
    "version": 2,
    "bundle_id": "a" * 32,
    "store_id": "b" * 32,
    "sequence": 1,
    "project_fingerprint": "AAAA",
    "audit_head": "1:" + "0" * 64,
    "audit_log": {"length": 0, "sha256": "0" * 64},
    "records": [],
    "withdrawn": [],
}


def check_manifest(raw: bytes) -> None:
    try:
        manifest = parse_manifest(raw)
    except BundleError as error:
        message = str(error)
        assert message.startswith("bundle refused:") and "\n" not in message
    else:
        assert isinstance(manifest, Manifest)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(sorted(GOOD)), json_values, max_size=10))
def test_any_manifest_fields_are_a_manifest_or_one_line(changes: dict[str, object]) -> None:
    check_manifest(json.dumps({**GOOD, **changes}).encode())


@settings(max_examples=100, deadline=None)
@given(json_values)
def test_any_json_is_a_manifest_or_one_line(value: object) -> None:
    check_manifest(json.dumps(value).encode())


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_after_the_magic_are_one_line(tail: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.bundle"
        path.write_bytes(MAGIC + tail)
        try:
            with BundleReader(path) as reader:
                manifest = reader.manifest()
                reader.audit_log(manifest)
                list(reader.records(manifest))
        except BundleError as error:
            assert str(error).startswith("bundle refused:") and "\n" not in str(error)
