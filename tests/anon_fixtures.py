"""Shared fixtures for the anonymisation tests: the model is loaded once per worker."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from anonymise.analyser import Anonymiser
from anonymise.candidates import Candidate


@pytest.fixture(scope="session")
def anonymiser() -> Anonymiser:
    """The real analyser over the verified model (slow to build, so built once)."""
    return Anonymiser()


def spotted(text: str, types: Mapping[str, str]) -> list[Candidate]:
    """Every whole occurrence in ``text`` of the words of ``types`` (longest first, never
    overlapping), as candidates of the type given: a stand-in for detection."""
    spans: list[Candidate] = []
    for word in sorted(types, key=len, reverse=True):
        start = text.find(word)
        while start >= 0:
            span = Candidate(start, start + len(word), types[word], 0.9, "test", "a test")
            if not any(span.overlaps(other) for other in spans):
                spans.append(span)
            start = text.find(word, start + 1)
    return sorted(spans)
