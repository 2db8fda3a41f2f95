"""Sections of a camp name a place only in a text about a camp. Every example is invented."""

from __future__ import annotations

import pytest

from anonymise.recognisers.camps import find_camp_sections


def spans(text: str) -> list[str]:
    return [text[c.start : c.end] for c in find_camp_sections(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Camp: al-Hol, Phase 5, caravan 12", ["Phase 5"]),
        ("moved from phase 2 to the annex of the camp", ["phase 2", "annex"]),
        ("à Roj, secteur 3, dans une tente", ["secteur 3"]),
        ("her tent was in block C", ["block C"]),
    ],
)
def test_sections_of_a_camp_are_places(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Under section 3 of the Act and Annex I of the Directive.",
        "Phase 2 of the trial began in 2019.",
    ],
)
def test_numbered_sections_of_anything_else_stay_readable(text: str) -> None:
    assert spans(text) == []
