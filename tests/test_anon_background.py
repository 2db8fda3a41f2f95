"""Trades named beside a name or after "former". Every example is invented."""

from __future__ import annotations

import pytest

from anonymise.recognisers.background import find_background


def jobs(text: str) -> list[str]:
    return [text[c.start : c.end] for c in find_background(text) if c.entity_type == "OCCUPATION"]


@pytest.mark.parametrize(
    ("text", "job"),
    [
        ("It was Sami Toure, a roofer from our estate, who called.", "roofer"),
        ("Then Ryan Hale (Abu Dawud), a personal trainer from Hull, came.", "personal trainer"),
        ("- Luke PARRY, 29, gym instructor; quiet", "gym instructor"),
        ("- left school at 16, former Royal Mail sorter\n", "Royal Mail sorter"),
    ],
)
def test_a_trade_beside_a_name_or_after_former(text: str, job: str) -> None:
    assert job in jobs(text)


@pytest.mark.parametrize(
    "text",
    [
        "Karim, a woman from Raqqa, and Omar, a friend from school.",
        "He was represented by Royds Ltd, solicitors in London.",
        "The Basic Court of Ferizaj, Serious Crimes Department, ruled.",
    ],
)
def test_other_words_beside_a_name_are_no_trade(text: str) -> None:
    assert jobs(text) == []
