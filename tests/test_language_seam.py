"""The protocol's language chooses the analyser; a language it cannot read is one clear error."""

from __future__ import annotations

from dataclasses import replace

import pytest

from anonymise.errors import AnonymiseError
from intake.analysis import anonymiser_for
from intake.protocol import default_protocol


def test_the_protocols_language_picks_the_analysers_language() -> None:
    protocol = replace(default_protocol(), language="en-GB")
    factory = anonymiser_for(protocol)
    assert factory.args == ("en",)  # type: ignore[attr-defined]


def test_a_language_the_analyser_cannot_read_is_refused_before_anything_slow() -> None:
    protocol = replace(default_protocol(), language="xx")
    with pytest.raises(AnonymiseError, match="cannot be analysed yet"):
        anonymiser_for(protocol)
