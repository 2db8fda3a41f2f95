"""The word-list and pattern recognisers on their own: no model needed."""

from __future__ import annotations

import pytest

from anonymise.candidates import AMOUNT, ID_NUMBER, OTHER, Candidate
from anonymise.recognisers import REGISTRY
from anonymise.recognisers.french_numbers import find_french_dates
from anonymise.recognisers.health import find_conditions
from anonymise.recognisers.naming import Lexicon
from anonymise.recognisers.numbers import find_dates, find_phones
from anonymise.recognisers.roles import find_occupations

#: The number recognisers read no word list: an empty one stands in.
NO_WORDS = Lexicon(frozenset(), None, frozenset())  # type: ignore[arg-type]


def find_numbers(text: str) -> list[Candidate]:
    """Every candidate of the registered finders that read numbers."""
    numeric = {"dates", "durations", "times", "ages", "amounts", "punishments", "codes"}
    numeric |= {"documents", "phones"}
    return [
        c
        for r in REGISTRY.finders("en")
        if r.name in numeric and r.find
        for c in r.find(text, NO_WORDS)
    ]


def found(text: str, kind: str | None = None) -> list[str]:
    return [
        text[c.start : c.end] for c in find_numbers(text) if kind is None or c.entity_type == kind
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("his work capability was reduced by 33%.", "33%"),
        ("an increase of 18.5 per cent a year", "18.5 per cent"),
        ("a 50 to 79% disability rating", "50 to 79%"),
        ("rated between 50% and 79% disabled", "50% and 79%"),
    ],
)
def test_percentages(text: str, expected: str) -> None:
    assert expected in found(text, AMOUNT)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I was held with forty other women in one room.", "forty other women"),
        ("charged together with 623 other suspects", "623 other suspects"),
        ("he and seven other fighters crossed at night", "seven other fighters"),
    ],
)
def test_counts_of_people_with_someone(text: str, expected: str) -> None:
    assert expected in found(text, AMOUNT)


def test_a_number_of_other_things_is_not_a_count_of_people() -> None:
    assert found("three other houses were burnt", AMOUNT) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the court sentenced him to life imprisonment.", "life imprisonment"),
        ("The judge gave him forty lashes for smoking.", "forty lashes"),
        ("he faced the death penalty in Raqqa", "death penalty"),
    ],
)
def test_punishments(text: str, expected: str) -> None:
    assert expected in found(text, OTHER)


def test_sum_of_money_takes_in_its_converted_value() -> None:
    text = "he paid SYP 250,000 [approx. USD 500] to the smuggler"
    assert "SYP 250,000 [approx. USD 500]" in found(text, AMOUNT)
    text = "a fine of 1,579 New Turkish liras (approximately 900 euros) was set"
    assert "1,579 New Turkish liras (approximately 900 euros)" in found(text, AMOUNT)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was diagnosed with paranoid schizophrenia in 2016.", "paranoid schizophrenia"),
        ("She has suffered from PTSD since the airstrike.", "PTSD"),
        ("after the amputation he could not walk", "amputation"),
        ("shrapnel wounds to his back", "shrapnel wounds"),
        ("he had post-traumatic stress disorder", "post-traumatic stress disorder"),
        ("a mild gonarthrosis of the knee", "mild gonarthrosis"),
        ("our neighbour's son, who is deaf, was taken", "deaf"),
        ("he lost his left leg near the dam", "lost his left leg"),
        ("in a wheelchair since the strike", "wheelchair"),
    ],
)
def test_health_conditions(text: str, expected: str) -> None:
    assert [text[c.start : c.end] for c in find_conditions(text)] == [expected]


def test_health_words_in_other_senses_are_left() -> None:
    assert find_conditions("The aid convoy stroked past; nobody aids them.") == []
    assert find_conditions("he lost his way and then lost the case") == []


def test_occupation_after_a_possessive_does_not_take_the_s() -> None:
    text = "Azzam's student, a sniper, and a retired non‑commissioned officer"
    spans = [text[c.start : c.end] for c in find_occupations(text)]
    assert "student" in spans and "sniper" in spans
    assert "non‑commissioned officer" in spans


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She was born in nineteen ninety-two in the north.", "nineteen ninety-two"),
        ("We left in twenty fifteen, before the winter.", "twenty fifteen"),
        ("In two thousand and fourteen the group came.", "two thousand and fourteen"),
        ("It was Nineteen Hundred and Eighty.", "Nineteen Hundred and Eighty"),
        ("back in '14 we were still there", "'14"),
    ],
)
def test_years_in_words_and_in_two_digits_are_dates(text: str, expected: str) -> None:
    assert expected in [text[c.start : c.end] for c in find_dates(text)]


@pytest.mark.parametrize(
    "text",
    [
        "two thousand dollars were paid",
        "two thousand five hundred fighters",
        "twenty five men came",
        "I was nineteen and he was twenty",
    ],
)
def test_counts_in_words_are_not_years(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("né en mille neuf cent quatre-vingt-douze", "mille neuf cent quatre-vingt-douze"),
        ("parti en deux mille quinze", "deux mille quinze"),
        ("en dix-neuf cent soixante-dix-huit", "dix-neuf cent soixante-dix-huit"),
    ],
)
def test_french_years_in_words_are_dates(text: str, expected: str) -> None:
    assert expected in [text[c.start : c.end] for c in find_french_dates(text)]


def test_french_counts_in_words_are_not_years() -> None:
    assert find_french_dates("deux mille cinq cents combattants, deux mille dinars") == []


@pytest.mark.parametrize(
    "text",
    [
        "his number is nine four four, one two three, oh five",
        "code: double four seven oh one two",
        "appelle le zéro six un deux trois quatre",
    ],
)
def test_a_number_read_out_digit_by_digit_is_masked(text: str) -> None:
    assert [c.entity_type for c in find_phones(text)] == [ID_NUMBER]


def test_a_few_numbers_in_words_are_not_a_number_read_out() -> None:
    assert find_phones("one two three four, and we ran") == []


def test_a_town_no_dictionary_knows_is_proposed_wherever_it_stands() -> None:
    from anonymise.places import demonyms, gazetteer
    from anonymise.recognisers.lowercase import find_lowercase_places

    lexicon = Lexicon(frozenset(["to", "then", "we", "went"]), gazetteer(), demonyms())
    text = "we went to the border, then akcakale"
    found = {text[c.start : c.end]: c.score for c in find_lowercase_places(text, lexicon)}
    assert found.get("akcakale", 0) >= 0.45


def test_a_conflict_town_in_a_spelling_the_lists_lack_is_a_place() -> None:
    from anonymise.places import demonyms, gazetteer
    from anonymise.recognisers.lowercase import find_lowercase_places

    lexicon = Lexicon(frozenset(["he", "was", "killed", "route"]), gazetteer(), demonyms())
    text = "he was killed baghouz; route: dusseldorf -> menbij"
    found = {text[c.start : c.end]: c.score for c in find_lowercase_places(text, lexicon)}
    assert found.get("baghouz", 0) >= 0.5 and found.get("menbij", 0) >= 0.5
    assert found.get("dusseldorf", 0) >= 0.5  # a stop of a route
    text = "kirkuk, 3 dec, second session"
    assert [c.score for c in find_lowercase_places(text, lexicon)] == [0.7]
