"""Names that capitalisation and the dictionary alone miss, and ages in running text.

Every example is invented for these tests. The name finder needs no model: it
reads the model's dictionary only through the lexicon, so a small one stands in.
"""

from __future__ import annotations

import pytest

from anonymise.candidates import AGE
from anonymise.places import demonyms, gazetteer
from anonymise.recognisers.name_lists import find_listed_names
from anonymise.recognisers.naming import Lexicon
from anonymise.recognisers.numbers import find_ages
from anonymise.recognisers.people import find_people
from anonymise.redact import generalise_age

#: English words the examples use: names that are also words must still be found.
WORDS = frozenset(
    [
        "hope",
        "storm",
        "price",
        "stone",
        "grace",
        "will",
        "christian",
        "rose",
        "fox",
        "young",
        "brooks",
        "and",
        "the",
        "a",
        "of",
        "my",
        "our",
        "his",
        "her",
        "met",
        "saw",
        "at",
        "market",
        "in",
        "was",
        "when",
        "went",
        "he",
        "she",
        "said",
        "they",
        "called",
        "him",
        "child",
        "benefit",
        "inter",
        "said",
        "sultan",
        "victoria",
        "mark",
        "little",
        "cross",
        "faith",
        "left",
        "came",
        "told",
        "treated",
        "court",
        "house",
        "about",
        "it",
        "wrote",
        "to",
        "then",
        "later",
        "delay",
        "stopped",
        "nothing",
        "man",
        "unit",
        "name",
        "known",
        "die",
        "wife",
    ]
)


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon(WORDS, gazetteer(), demonyms())


def names(text: str, lexicon: Lexicon) -> list[str]:
    found = find_people(text, lexicon) + find_listed_names(text, lexicon)
    return sorted({text[c.start : c.end] for c in found})


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Yesterday Rose Brooks met me in town.", "Rose Brooks"),
        ("The defendant, Harold YOUNG, was born in Leeds.", "Harold YOUNG"),
        ("Notes on June Fox, now in the camp.", "June Fox"),
        ("Later Grace Storm moved away.", "Grace Storm"),
    ],
)
def test_a_given_name_and_a_surname_are_a_person_even_when_both_are_words(
    text: str, name: str, lexicon: Lexicon
) -> None:
    assert name in names(text, lexicon)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("saw abdullah and his sister-in-law mariam at the market", "mariam"),
        ("saw abdullah and his sister-in-law mariam at the market", "abdullah"),
        ("our aunt, Zohra, said little", "Zohra"),
        ("my daughter Lina was born there", "Lina"),
        ("his brother Christian went too", "Christian"),
        ("brother Sultan called", "Sultan"),
    ],
)
def test_names_after_relation_words_and_in_lower_case(
    text: str, name: str, lexicon: Lexicon
) -> None:
    assert name in names(text, lexicon)


def test_an_unknown_word_after_a_relation_word_is_that_relatives_name(lexicon: Lexicon) -> None:
    assert "roukaya" in names("- wife: roukaya, 2 kids", lexicon)
    assert names("his wife died in the market", lexicon) == []


def test_lower_case_notes_take_the_surname_after_a_given_name(lexicon: Lexicon) -> None:
    assert "rahmat qodirov" in names("- r = rahmat qodirov, from the north", lexicon)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('they called him "the Professor" in the unit', "the Professor"),
        ("everyone knew her as 'le Marseillais' there", "le Marseillais"),
        ("abu yahya was killed, said umm hamza al-tajikiya", "abu yahya"),
        ("abu yahya was killed, said umm hamza al-tajikiya", "umm hamza al-tajikiya"),
        ("Name: Nur Aisyah binti Ahmad", "Nur Aisyah binti Ahmad"),
    ],
)
def test_nicknames_kunyas_and_patronymics(text: str, name: str, lexicon: Lexicon) -> None:
    assert name in names(text, lexicon)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("later mr smith left the house", "smith"),
        ("Then Mrs hope and mr. stone came", "hope"),
        ("Then Mrs hope and mr. stone came", "stone"),
        ("I wrote to ms o'connor about it", "o'connor"),
        ("dr khalil zubaidi treated him", "khalil zubaidi"),
        ("Mme dupont told the court", "dupont"),
    ],
)
def test_the_word_after_a_title_that_stands_only_before_a_name_is_a_name_in_any_case(
    text: str, name: str, lexicon: Lexicon
) -> None:
    assert name in names(text, lexicon)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("a man named hope came", "hope"),
        ("then someone called rose said it", "rose"),
        ("he called himself storm and left", "storm"),
        ("her name was grace and she left", "grace"),
        ("in the unit he was known as price", "price"),
    ],
)
def test_the_word_a_naming_phrase_introduces_is_a_name_in_any_case(
    text: str, name: str, lexicon: Lexicon
) -> None:
    assert name in names(text, lexicon)


@pytest.mark.parametrize(
    "text",
    [
        "he was known as the man who said no",
        "her name was not said",
    ],
)
def test_a_naming_phrase_before_a_function_word_names_no_one(text: str, lexicon: Lexicon) -> None:
    assert names(text, lexicon) == []


@pytest.mark.parametrize(
    "text",
    [
        "the delay was 200 ms and then it stopped",
        "the dr said it was nothing",
        "Mr and Mrs",
    ],
)
def test_a_title_word_used_otherwise_names_no_one(text: str, lexicon: Lexicon) -> None:
    assert names(text, lexicon) == []


@pytest.mark.parametrize(
    "text",
    [
        "He applied for Child Benefit in 2004.",
        "They alleged, inter alia, that the decision was wrong.",
        "a Sierra Leonean national",
        "I will hope for the best and we met at the market.",
    ],
)
def test_words_that_are_not_names_here(text: str, lexicon: Lexicon) -> None:
    assert names(text, lexicon) == []


@pytest.mark.parametrize(
    ("text", "age", "band"),
    [
        ("I was 19 when I went.", "19", "[AGE 10-19]"),
        ("Malik was thirty-one, I was twenty.", "thirty-one", "[AGE 30-39]"),
        ("She became a convert at 17, then married.", "17", "[AGE 10-19]"),
        ("TAYLOR, 24, of Leeds, was sentenced.", "24", "[AGE 20-29]"),
        ("Children: Amal (7), Yusuf (4, born in the camp)", "7", "[AGE 0-9]"),
        ("our son Idris, who is five.", "five", "[AGE 0-9]"),
        ("- resp (m, approx 34) from the north", "34", "[AGE 30-39]"),
        ("wife is 27yo, brother 31 y/o", "27", "[AGE 20-29]"),
        ("age: 45, married", "45", "[AGE 40-49]"),
        ("2 kids (boy 6, girl 3)", "6", "[AGE 0-9]"),
        ("I was 22 at the time, my wife 19.", "19", "[AGE 10-19]"),
        ("My son Anas is now 9, he goes to school.", "9", "[AGE 0-9]"),
    ],
)
def test_ages_in_every_common_form_are_banded(text: str, age: str, band: str) -> None:
    found = [text[c.start : c.end] for c in find_ages(text) if c.entity_type == AGE]
    assert age in found
    assert generalise_age(age) == band


@pytest.mark.parametrize(
    "text",
    ["We met at 10:30 at the gate.", "under Article 6 (1) of the Convention", "at 5 pm"],
)
def test_times_and_legal_references_are_not_ages(text: str) -> None:
    assert find_ages(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("- met zhaksylyk at the border", "zhaksylyk"),
        ("- nurbolat said the car was gone", "nurbolat"),
        ("- girlfriend at the time = victoria, from the north", "victoria"),
    ],
)
def test_lower_case_names_beside_verbs_of_people_and_after_an_equals_sign(
    text: str, name: str, lexicon: Lexicon
) -> None:
    assert name in names(text, lexicon)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("I spoke to Grace yesterday about it.", "Grace"),
        ("we stayed there with Autumn until May.", "Autumn"),
    ],
)
def test_a_given_name_alone_inside_a_sentence_is_a_name(
    text: str, name: str, lexicon: Lexicon
) -> None:
    assert name in names(text, lexicon)


@pytest.mark.parametrize(
    "text",
    ["The Bill was passed in 2004.", "Hope was all we had.", "She lived in Victoria then."],
)
def test_a_capitalised_word_after_a_determiner_or_first_in_a_sentence_is_not(
    text: str, lexicon: Lexicon
) -> None:
    assert names(text, lexicon) == []


def test_childrens_ages_in_a_list_are_each_an_age() -> None:
    text = "wife = nadia, kids 3 and 5; two sons (8, 11)"
    found = [text[c.start : c.end] for c in find_ages(text) if c.entity_type == AGE]
    assert {"3", "5", "8", "11"} <= set(found)
