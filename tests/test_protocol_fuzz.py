"""Whatever it is given, the loader answers with a protocol or one ProtocolError line."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TESTS
from intake.protocol import Protocol, ProtocolError, load_protocol

SEEDS = [
    (TESTS / "data" / "protocols" / "household-survey.yaml").read_text(encoding="utf-8"),
    (resources.files("intake") / "protocols" / "defector-interview.yaml").read_text(
        encoding="utf-8"
    ),
]
WORDS = [
    "format",
    "id",
    "version",
    "title",
    "language",
    "steps",
    "fields",
    "label",
    "type",
    "choices",
    "vocabularies",
    "hierarchies",
    "hierarchy",
    "level",
    "groups",
    "ranges",
    "suppressed",
    "when",
    "field",
    "equals",
    "in",
    "includes",
    "all",
    "any",
    "not",
    "code",
    "from",
    "to",
    "min",
    "max",
    "required",
    "identity",
    "kind",
    "quasi_identifier",
    "consent",
    "participation",
    "yes_no",
    "text",
    "single_choice",
    "number",
    "year",
    "scale",
    "anonymise",
    "sensitive",
    "research_terms",
    "anchors",
    "pattern",
    "name",
    "x",
    "",
]


def check(text: str) -> None:
    try:
        result = load_protocol(text, name="fuzz.yaml")
    except ProtocolError as error:
        message = str(error)
        assert message.startswith("fuzz.yaml"), message
        assert "\n" not in message and "\r" not in message, message
        assert len(message) < 600
    else:
        assert isinstance(result, Protocol)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=True),
    st.sampled_from(WORDS),
    st.text(max_size=8),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(WORDS), st.integers(0, 9)), inner, max_size=5),
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text(text: str) -> None:
    check(text)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(documents)
def test_any_yaml_document(document: object) -> None:
    check(yaml.safe_dump(document, allow_unicode=True))


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(WORDS), documents, max_size=8))
def test_protocol_shaped_documents(extra: dict[str, object]) -> None:
    document: dict[str, object] = {
        "format": 1,
        "id": "fuzz",
        "version": "1",
        "title": "T",
        "language": "en",
    }
    document.update(extra)
    check(yaml.safe_dump(document, allow_unicode=True))


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(SEEDS),
    st.lists(
        st.tuples(
            st.floats(0, 1), st.integers(0, 40), st.text(max_size=12) | st.sampled_from(WORDS)
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_mutated_protocols(seed: str, edits: list[tuple[float, int, str]]) -> None:
    text = seed
    for where, length, insert in edits:
        start = int(where * len(text))
        text = text[:start] + insert + text[start + length :]
    check(text)


def test_deep_nesting_and_aliases_are_refused() -> None:
    check("[" * 5000 + "]" * 5000)
    check("a: &a [*a]\n")
    bomb = "a: &a [x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    check(bomb)
