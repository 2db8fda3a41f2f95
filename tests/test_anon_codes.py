"""Numbers and handles that point to one person, found without the model.

Every example is invented for these tests.
"""

from __future__ import annotations

import pytest

from anonymise.recognisers.codes import (
    find_anchored_codes,
    find_coordinates,
    find_handles,
    find_ibans,
    find_long_numbers,
)


def spans(finder: object, text: str) -> list[str]:
    return [text[c.start : c.end] for c in finder(text)]  # type: ignore[operator]


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("his channel @abu_x99 had clips", "@abu_x99"),
        ("IG @lina.k.2003. Still active", "@lina.k.2003"),
        ("write to (@Umm_Noor_UK)", "@Umm_Noor_UK"),
        ("he wrote to us as kbenali on telegram", "kbenali"),
        ("known as salma.t on facebook", "salma.t"),
    ],
)
def test_handles(text: str, handle: str) -> None:
    assert spans(find_handles, text) == [handle]


def test_an_email_address_is_not_a_handle() -> None:
    assert spans(find_handles, "mail karim.b@example.org today") == []


def test_a_pronoun_or_a_verb_before_a_network_is_no_handle() -> None:
    assert spans(find_handles, "messages sent by him on telegram; I was on telegram a lot") == []


def test_ibans_in_groups_inside_a_sentence_are_checked_by_their_digits() -> None:
    text = "He paid from NL91 ABNA 0417 1643 00 and from GB82WEST12345698765432 too."
    assert spans(find_ibans, text) == ["NL91 ABNA 0417 1643 00", "GB82WEST12345698765432"]
    assert spans(find_ibans, "ref NL91 ABNA 0417 1643 01 is wrong") == []


@pytest.mark.parametrize(
    "coordinates",
    [
        "36.58, 38.97",
        "36.5812 N, 38.9701 E",
        "35°12'40\"N 38°09'55\"E",
        "N35 12.400 E038 09.910",
        "-33.8688, 151.2093",
    ],
)
def test_coordinates(coordinates: str) -> None:
    assert spans(find_coordinates, f"the house is at {coordinates}, near the mill") == [coordinates]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("his passport number is X 9912744 and it expired", "X 9912744"),
        ("kimlik no: 38814522016, issued in Gaziantep", "38814522016"),
        ("she lived in tent 12-C-7 for a year", "12-C-7"),
        ("now caravan k-4410 near the gate", "k-4410"),
        ("the plates were KL 3391 B when we left", "KL 3391 B"),
        ("IMEI 49-015420-323751-8 on the box", "49-015420-323751-8"),
        ("MTCN 7713-004-219 was the last one", "7713-004-219"),
        ("detainee no. HS-55120 in the list", "HS-55120"),
        ("her CIN is AB 44 1290", "AB 44 1290"),
        ("residence permit 99120045512, address in Fatih", "99120045512"),
    ],
)
def test_numbers_after_a_keyword_take_their_letters_and_groups(text: str, code: str) -> None:
    assert code in spans(find_anchored_codes, text)


def test_a_quoted_code_word_is_masked() -> None:
    text = 'the money was released against the code word "Blue Orchard 12" on Monday'
    assert spans(find_anchored_codes, text) == ["Blue Orchard 12"]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("my number at the ministry was 55120437 then", "55120437"),
        ("written on the slip: 7740 2913 8855.", "7740 2913 8855"),
        ("the file ECLI:XX:TEST:2019:4410 was sealed", "ECLI:XX:TEST:2019:4410"),
        ("card ٢٨٩٠٣١٥٠٤٢١٧ in Arabic digits", "٢٨٩٠٣١٥٠٤٢١٧"),
        ("Persian digits ۹۱۲۳۴۵۶۷۸۹ too", "۹۱۲۳۴۵۶۷۸۹"),
        ("the car was RT 512 88", "RT 512 88"),
    ],
)
def test_any_token_of_three_or_more_digits_is_masked(text: str, number: str) -> None:
    assert number in spans(find_long_numbers, text)


@pytest.mark.parametrize(
    "text",
    [
        "I went in 2014 and left in March 2017.",
        "We met on 14.03.2015 at 12:45.",
        "He paid 10,000 dollars, about 4,500 each.",
        "There were 300 fighters and 120 km of road.",
        "It was the 101st day.",
        "Only 42 people came.",
    ],
)
def test_years_dates_times_amounts_and_counts_are_left_to_their_own_rules(text: str) -> None:
    assert spans(find_long_numbers, text) == []


@pytest.mark.parametrize(
    ("text", "account"),
    [
        ("telegram: abu_x99, still up", "abu_x99"),
        ("IG lina.k.2003. Still active", "lina.k.2003"),
        ("his skype was karim.b77 then", "karim.b77"),
        (
            "write to karim dot benali at example dot org please",
            "karim dot benali at example dot org",
        ),
    ],
)
def test_accounts_named_after_their_network_and_spelt_out_addresses(
    text: str, account: str
) -> None:
    assert spans(find_handles, text) == [account]


@pytest.mark.parametrize(
    "text", ["we met at noon at the gate", "his account was deleted", "the channel was Amaq"]
)
def test_words_after_a_network_name_are_not_accounts(text: str) -> None:
    assert spans(find_handles, text) == []
