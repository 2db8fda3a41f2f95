"""Arabic written with Latin letters and digits, as messages from phones write it.

Every name is invented for these tests, or a common given name.
"""

from __future__ import annotations

import pytest

from anonymise.candidates import OTHER, PERSON
from anonymise.places import demonyms, gazetteer
from anonymise.recognisers.arabizi import find_arabizi, readings
from anonymise.recognisers.naming import Lexicon


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon(frozenset(["and", "with", "the", "my", "his"]), gazetteer(), demonyms())


def found(text: str, lexicon: Lexicon) -> dict[str, str]:
    return {text[c.start : c.end]: c.entity_type for c in find_arabizi(text, lexicon)}


def test_digits_are_read_back_into_the_letters_they_stand_for() -> None:
    assert "hamza" in set(readings("7amza"))
    assert "khaled" in set(readings("5aled"))
    assert "ali" in set(readings("3ali"))


def test_names_in_arabizi_are_people(lexicon: Lexicon) -> None:
    text = "my friend 7amza and his cousin 3ali went with abu 5aled and umm 3umar"
    assert found(text, lexicon) == {
        "7amza": PERSON,
        "3ali": PERSON,
        "abu 5aled": PERSON,
        "umm 3umar": PERSON,
    }


def test_a_family_name_with_its_article_is_a_person(lexicon: Lexicon) -> None:
    assert found("the house of el-3ezzi", lexicon) == {"el-3ezzi": PERSON}


def test_other_arabizi_is_proposed_for_review(lexicon: Lexicon) -> None:
    assert found("it was ta7t the bridge", lexicon) == {"ta7t": OTHER}


@pytest.mark.parametrize(
    "text",
    [
        "the 3rd week, 25km away at 7pm",
        "an AK47 and a B52",
        "a 60-day stay in mid-2014",
        "write to brooks94",
        "a 5x zoom on the mp3 player",
    ],
)
def test_numbers_units_and_codes_are_not_arabizi(text: str, lexicon: Lexicon) -> None:
    assert found(text, lexicon) == {}


def test_a_name_in_arabizi_after_a_relative_is_no_age() -> None:
    from anonymise.recognisers.numbers import find_ages

    assert find_ages("his cousin 3ali went with us") == []
