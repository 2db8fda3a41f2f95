"""Shared fixtures for the anonymisation tests: the model is loaded once per worker."""

from __future__ import annotations

import pytest

from anonymise.analyser import Anonymiser


@pytest.fixture(scope="session")
def anonymiser() -> Anonymiser:
    """The real analyser over the verified model (slow to build, so built once)."""
    return Anonymiser()
