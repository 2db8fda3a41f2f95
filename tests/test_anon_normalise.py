"""Normalising text before analysis: hidden names become readable, offsets map back."""

from __future__ import annotations

import time
import unicodedata
from itertools import pairwise

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from anonymise.hiding import INVISIBLE, hiding_places
from anonymise.normalise import normalise
from anonymise.residual import leftovers


def words_back(text: str) -> dict[str, str]:
    """Each word of the normalised text and the original text its span maps to."""
    result = normalise(text)
    return {
        match.group(): text[slice(*result.original(*match.span()))]
        for match in regex.finditer(r"\w+", result.text)
    }


def test_plain_text_is_returned_with_the_identity_map() -> None:
    text = "Omar Haddal left Mosul in 2014, he says; J. R. Smith met him in the U.S."
    result = normalise(text)
    assert result.text == text and not result.changed and result.segments is None
    assert result.original(5, 11) == (5, 11)


@pytest.mark.parametrize(
    "hidden",
    [
        "Ya\u200bssin",  # zero-width space
        "Yas\u200csin",  # zero-width non-joiner
        "Y\u200dassin",  # zero-width joiner
        "Yass\u2060in",  # word joiner
        "\ufeffYassin",  # byte-order mark
        "Yas\u00adsin",  # soft hyphen
        "Ya\u200e\u200fssin",  # direction marks
        "Yas\u2066s\u2069in",  # isolates
        "Yas\u061csin",  # Arabic letter mark
    ],
)
def test_invisible_characters_are_removed_and_masked_with_the_name(hidden: str) -> None:
    text = f"we met {hidden} twice"
    result = normalise(text)
    assert result.text == "we met Yassin twice"
    start, end = result.original(7, 13)
    assert text[start:end].strip("\ufeff") == hidden.strip("\ufeff")
    assert not INVISIBLE.search(text[:start] + text[end:]) or hidden.startswith("\ufeff")


def test_a_span_includes_the_invisible_characters_inside_it() -> None:
    text = "To\u200bm\u200b\u200cas Berg"
    result = normalise(text)
    assert result.text == "Tomas Berg"
    assert result.original(0, 5) == (0, 8)
    assert result.original(0, 10) == (0, len(text))


def test_persian_zero_width_non_joiner_is_joined_for_analysis_only() -> None:
    text = "نام او محمد\u200cرضا است"
    result = normalise(text)
    assert "\u200c" not in result.text
    start = result.text.index("محمدرضا")
    assert text[slice(*result.original(start, start + 7))] == "محمد\u200cرضا"


def test_a_latin_name_reversed_inside_a_right_to_left_override_is_read_in_order() -> None:
    text = "the driver was \u202eregieM sapsaJ\u202c, he said"
    assert words_back(text)["Jaspas"] == "sapsaJ"
    assert words_back(text)["Meiger"] == "regieM"
    result = normalise(text)
    assert "Jaspas Meiger, he said" in result.text
    whole = result.text.index("Jaspas Meiger")
    assert text[slice(*result.original(whole, whole + 13))] == "regieM sapsaJ"


def test_an_override_ends_at_the_end_of_the_line() -> None:
    text = "name: \u202eknarF\nnext line"
    assert normalise(text).text == "name: Frank\nnext line"


def test_arabic_inside_a_right_to_left_override_keeps_its_order() -> None:
    text = "\u202eسمير ناصر\u202c"
    assert normalise(text).text == "سمير ناصر"


def test_arabic_forced_left_to_right_is_put_back_in_reading_order() -> None:
    reversed_name = "ريمس"  # سمير written backwards
    text = f"x \u202d{reversed_name}\u202c y"
    assert normalise(text).text == "x سمير y"


def test_full_width_mathematical_and_circled_letters_are_folded() -> None:
    assert normalise("ｓａｗ Ｄｉｍａｓ").text == "saw Dimas"
    assert words_back("met 𝐃𝐢𝐦𝐚𝐬 and 𝘋𝘪𝘮𝘢𝘴")["Dimas"] in ("𝐃𝐢𝐦𝐚𝐬", "𝘋𝘪𝘮𝘢𝘴")
    assert normalise("Ⓓⓘⓜⓐⓢ").text == "Dimas"
    assert normalise("ﬁrst").text == "first"
    assert normalise("ab\u00a0cd\u3000ef").text == "ab cd ef"


def test_arabic_presentation_forms_become_ordinary_letters() -> None:
    text = "\ufeb3\ufee4\ufef4\ufeae"  # سمير in presentation forms
    assert normalise(text).text == "سمير"


def test_micro_sign_ellipsis_and_symbols_are_left_alone() -> None:
    text = "5 µg... and then… passport № 4471, Brand™ at 40℃"
    assert not normalise(text).changed


def test_look_alike_letters_inside_latin_words_are_folded() -> None:
    text = "Yаssin and Ηana"  # Cyrillic а, Greek Eta
    result = normalise(text)
    assert result.text == "Yassin and Hana"
    assert result.original(0, 6) == (0, 6)


def test_whole_cyrillic_and_greek_words_are_not_folded() -> None:
    text = "Она сказала: Ηλίας"
    assert normalise(text).text == text


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("S a m i r  N a s s e r left", "Samir Nasser left"),
        ("s a m i r   n a s s e r", "samir nasser"),
        ("S a m i r / N a s s e r", "Samir Nasser"),
        ("S a m i r N a s s e r", "Samir Nasser"),
        ("call G r e t a now", "call Greta now"),
        ("K.h.a.l.i.d said", "Khalid said"),
        ("K-H-A-L-I-D said", "KHALID said"),
        ("k_h_a_l_i_d", "khalid"),
        ("K. h. a. l. i. d. said", "Khalid. said"),
        ("A.l.i came", "Ali came"),
        ("É l o d i e", "Élodie"),
        ("m o  e l  s a y e d left", "mo el sayed left"),
        ("D r  N a d i a  A z i z", "Dr Nadia Aziz"),
        ("E.L F.A.R.E.S and D.e W.i.t", "EL FARES and De Wit"),
        ("u.m.m s.a.l.m.a said", "umm salma said"),
        ("T.a.u.f.i.k b.i.n Y.u.s.o.f.", "Taufik bin Yusof."),
    ],
)
def test_spaced_and_separated_letters_are_joined(text: str, joined: str) -> None:
    assert normalise(text).text == joined


def test_joined_words_map_back_to_all_their_letters() -> None:
    text = "he said S a m i r  N a s s e r did it"
    back = words_back(text)
    assert back["Samir"] == "S a m i r" and back["Nasser"] == "N a s s e r"
    result = normalise(text)
    start = result.text.index("Samir")
    assert text[slice(*result.original(start, start + 12))] == "S a m i r  N a s s e r"


@pytest.mark.parametrize(
    "text",
    [
        "J. R. Smith and T. S. Eliot",
        "in the U.S. and the U.S.A. and the UK",
        "Umm Safiya a.k.a. Sanne, i.e. her, e.g. then, at 6 a.m.",
        "e.g. i.e. U.S. U.K. a.k.a. Abu, from 9 a.m. p.m.",
        "il y a à peine un an",
        "я и в доме",
        "so I a little",
        "s-s-stop it",
        "a T-shirt, x-ray and e-mail",
        "Plan B is fine, options a, b, c",
        "Blocks 1 2 3 and 4",
    ],
)
def test_initials_abbreviations_and_prose_are_not_joined(text: str) -> None:
    assert normalise(text).text == text


def test_everything_at_once() -> None:
    text = "Ｍｅｔ \u202eadiaS\u202c and K.h.\u200ba.l.i.d in Ｈoms"
    assert normalise(text).text == "Met Saida and Khalid in Homs"
    assert words_back(text)["Khalid"] == "K.h.\u200ba.l.i.d"


def test_empty_spans_and_bounds() -> None:
    text = "a\u200bb S a m i r"
    result = normalise(text)
    assert result.original(0, 0) == (0, 0)
    assert result.original(len(result.text), len(result.text)) == (len(text), len(text))
    with pytest.raises(ValueError, match="inside"):
        result.original(0, len(result.text) + 1)


# Text made of pieces the normaliser acts on, and ordinary words.
_PIECES = st.sampled_from(
    [
        "Omar",
        "left",
        "in",
        " ",
        "  ",
        ", ",
        ".",
        "\n",
        "a",
        "b",
        "K",
        "\u200b",
        "\u200c",
        "\u00ad",
        "\u202e",
        "\u202c",
        "\u202d",
        "\u2066",
        "ｂ",
        "𝐁",
        "ﬁ",
        "а",
        "-",
        "سمير",
        "é",
        "e\u0301",
    ]
)
_TEXTS = st.lists(_PIECES, max_size=40).map("".join)
_PLAIN = st.lists(
    st.sampled_from(["Omar", "left", "Raqqa", "in", "the", " ", ", ", ". ", "2014", "\n"]),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_every_character_maps_inside_the_original(text: str) -> None:
    result = normalise(text)
    assert not INVISIBLE.search(result.text)
    for index in range(len(result.text)):
        start, end = result.original(index, index + 1)
        assert 0 <= start < end <= len(text)
    if result.text:
        assert result.original(0, len(result.text))[1] <= len(text)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_every_visible_original_letter_is_reachable(text: str) -> None:
    result = normalise(text)
    reached: set[int] = set()
    for index in range(len(result.text)):
        reached.update(range(*result.original(index, index + 1)))
    for index, char in enumerate(text):
        if unicodedata.category(char)[0] in "LN":
            assert index in reached, (text, index)


@settings(max_examples=300, deadline=None)
@given(_TEXTS.filter(lambda t: "\u202e" not in t and "\u202d" not in t))
def test_the_map_is_monotonic_outside_overrides(text: str) -> None:
    result = normalise(text)
    spans = [result.original(i, i + 1) for i in range(len(result.text))]
    assert all(a[0] <= b[0] and a[1] <= b[1] for a, b in pairwise(spans))


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_a_span_covers_the_spans_of_its_characters(text: str) -> None:
    result = normalise(text)
    size = len(result.text)
    for start in range(0, size, 3):
        end = min(size, start + 5)
        if start < end:
            low, high = result.original(start, end)
            for index in range(start, end):
                first, last = result.original(index, index + 1)
                assert low <= first and last <= high


@settings(max_examples=200, deadline=None)
@given(_PLAIN)
def test_already_normal_text_is_unchanged(text: str) -> None:
    result = normalise(text)
    assert result.text == text and result.segments is None


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_normalising_twice_changes_nothing_more(text: str) -> None:
    once = normalise(text).text
    assert normalise(once).text == once


# -- leftovers after redaction -------------------------------------------------------

DICTIONARY = frozenset({"he", "met", "and", "in", "the", "then", "left", "we", "saw"})


def reasons(text: str) -> list[tuple[str, str]]:
    return [(text[item.start : item.end], item.reason) for item in leftovers(text, DICTIONARY)]


def test_invisible_characters_are_leftovers() -> None:
    text = "then we saw fa\u200brid and ha\u00adna"
    assert reasons(text) == [("\u200b", "invisible character"), ("\u00ad", "invisible character")]


def test_a_direction_override_is_a_leftover_with_the_text_it_reverses() -> None:
    text = "then we saw \u202eadiaf\u202c and \u2066x\u2069"
    assert reasons(text) == [
        ("\u202eadiaf\u202c", "bidirectional control"),
        ("\u2066", "bidirectional control"),
        ("\u2069", "bidirectional control"),
    ]


def test_letter_spaced_and_separated_words_are_leftovers() -> None:
    text = "then we saw g r e t a  h o l m and k.a.r.i.m left"
    assert reasons(text) == [
        ("g r e t a  h o l m", "letter-spaced word"),
        ("k.a.r.i.m", "letters joined by dots or hyphens"),
    ]


def test_ordinary_joiners_initials_and_prose_are_not_hiding() -> None:
    text = "\ufeffhe met the U.S. and J. R. then; il y a à peine; محمد\u200cرضا left"
    assert [reason for _, reason in reasons(text) if "capitalised" not in reason] == []


def test_hiding_places_are_found_in_one_pass_over_a_long_text() -> None:
    text = "we saw [PERSON 1] and k\u200bim then S a m i r. " * 20_000
    started = time.perf_counter()
    found = list(hiding_places(text))
    assert len(found) == 40_000
    assert time.perf_counter() - started < 30
