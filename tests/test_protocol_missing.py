"""Choices declared ``missing: true``: read, bounded, and neutral to a protocol's fingerprint."""

from __future__ import annotations

import pytest
from test_protocol_loader import BASE, mutate

from intake.protocol import ProtocolError, default_protocol, load_protocol


def test_a_choice_can_be_declared_missing() -> None:
    text = mutate("{code: 3, label: Green}", "{code: 99, label: Not said, missing: true}")
    vocabulary = load_protocol(text).field("colour").vocabulary
    assert vocabulary is not None
    assert [c.code for c in vocabulary.choices if c.missing] == [99]
    plain = load_protocol(BASE).field("colour").vocabulary
    assert plain is not None and not any(c.missing for c in plain.choices)


def test_declaring_a_choice_missing_keeps_the_fingerprint() -> None:
    """Records taken before the declaration still match their protocol and can be exported."""
    text = mutate("{code: 3, label: Green}", "{code: 3, label: Green, missing: true}")
    assert load_protocol(text).fingerprint == load_protocol(BASE).fingerprint
    changed = mutate("{code: 3, label: Green}", "{code: 3, label: Teal}")
    assert load_protocol(changed).fingerprint != load_protocol(BASE).fingerprint


def test_at_most_three_missing_choices() -> None:
    many = "\n".join(f"    - {{code: {90 + n}, label: M{n}, missing: true}}" for n in range(4))
    text = mutate("    - {code: 3, label: Green}", many)
    with pytest.raises(ProtocolError, match="at most 3 choices can be missing"):
        load_protocol(text, name="mini.yaml")


def test_the_default_protocol_declares_its_non_answers() -> None:
    protocol = default_protocol()
    gender = protocol.field("gender").vocabulary
    assert gender is not None and gender.choice(99).missing
    country = protocol.field("country").vocabulary
    assert country is not None and country.choice(999).missing
    assert not country.choice(998).missing  # "another country" is an answer
