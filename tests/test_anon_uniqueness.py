"""Details that single someone out are proposed for review, below the masking threshold."""

from __future__ import annotations

import time

import pytest

from anonymise.analyser import DEFAULT_THRESHOLD
from anonymise.candidates import OTHER
from anonymise.recognisers.uniqueness import RECOGNISER, find_unique_details


def proposed(text: str) -> list[str]:
    return [text[c.start : c.end] for c in find_unique_details(text)]


def covered(text: str, phrase: str) -> bool:
    start = text.index(phrase)
    end = start + len(phrase)
    return any(c.start <= start and end <= c.end for c in find_unique_details(text))


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "She became the only Dutch midwife in the camp clinic.",
            "the only Dutch midwife in the camp clinic",
        ),
        (
            "He was the first Finn to reach Mosul that summer.",
            "the first Finn to reach Mosul that summer",
        ),
        ("I was the last foreigner who left the island", "the last foreigner who left the island"),
        (
            "They made him the youngest guard at the women's prison.",
            "the youngest guard at the women's prison",
        ),
        ("his only daughter stayed behind", "his only daughter"),
        ("Everyone knew me as the one who repaired the radios.", "the one who repaired the radios"),
        (
            "He was the tallest man in the whole battalion, they said.",
            "the tallest man in the whole battalion",
        ),
        ("the most famous Swiss in the brigade", "the most famous Swiss in the brigade"),
    ],
)
def test_phrases_of_uniqueness_are_proposed(text: str, phrase: str) -> None:
    assert covered(text, phrase), proposed(text)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("He has a knife scar under his left eye.", "knife scar under his left eye"),
        (
            "There is a tattoo of an anchor on the back of her hand.",
            "tattoo of an anchor on the back of her hand",
        ),
        ("a birthmark on his neck, the shape of a leaf", "birthmark on his neck"),
        ("She lost her right leg in the shelling.", "lost her right leg"),
        ("He is missing two fingers of his right hand.", "missing two fingers of his right hand"),
        ("His left arm was amputated in a field hospital", "His left arm was amputated"),
        ("walks with a limp since the fall", "limp"),
        ("He wears a glass eye.", "glass eye"),
        ("a prosthetic hand from a charity", "prosthetic hand"),
        ("blind in one eye", "blind in one eye"),
        ("deep burns on both forearms from the fire", "burns on both forearms"),
    ],
)
def test_marks_on_the_body_are_proposed_with_the_body_part(text: str, phrase: str) -> None:
    assert covered(text, phrase), proposed(text)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Her twin sister is still in the camp.", "twin sister"),
        ("They had triplets in 2017.", "triplets"),
        ("He was married four times.", "married four times"),
        ("a father of eleven from the north", "father of eleven"),
        ("She raised nine children alone.", "nine children"),
        ("She is the widow of a well-known commander.", "widow of a well-known commander"),
        ("the son of a retired judge", "son of a retired judge"),
        ("a man whose father was a police general", "whose father was a police general"),
        ("his third wife, from Homs", "his third wife"),
    ],
)
def test_unusual_family_facts_are_proposed(text: str, phrase: str) -> None:
    assert covered(text, phrase), proposed(text)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("I filmed the hanging at the clock tower.", "filmed the hanging at the clock tower"),
        ("He was filmed reading the statement.", "filmed reading the statement"),
        ("She witnessed the stoning of a young woman.", "witnessed the stoning of a young woman"),
        ("we guarded the prisoners during the siege of the airport", "the siege of the airport"),
        (
            "the one who drove the water truck that morning",
            "the one who drove the water truck that morning",
        ),
        (
            "He drove a minibus between Tabqa and the dam every day.",
            "drove a minibus between Tabqa and the dam",
        ),
        ("We crossed hidden inside a lorry of onions.", "hidden inside a lorry of onions"),
    ],
)
def test_events_someone_took_part_in_are_proposed(text: str, phrase: str) -> None:
    assert covered(text, phrase), proposed(text)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "He was made the Tajik-language announcer for the radio.",
            "the Tajik-language announcer for the radio",
        ),
        (
            "She worked as a pharmacist for the women's clinic in Mayadin.",
            "a pharmacist for the women's clinic in Mayadin",
        ),
        (
            "he repaired the water pumps for the whole district",
            "repaired the water pumps for the whole district",
        ),
        (
            "was head of the kitchen that fed the prisoners",
            "head of the kitchen that fed the prisoners",
        ),
        ("I worked in the weapons store for a year.", "the weapons store"),
        (
            "she ran the sewing room for the widows of the battalion",
            "ran the sewing room for the widows of the battalion",
        ),
    ],
)
def test_roles_in_a_named_place_are_proposed(text: str, phrase: str) -> None:
    assert covered(text, phrase), proposed(text)


@pytest.mark.parametrize(
    "text",
    [
        "The only thing I wanted was to go home.",
        "It was the first time I saw snow.",
        "Only then did I understand.",
        "In the last few days of the siege nobody slept.",
        "The only way out was through the river.",
        "It was the first week of Ramadan.",
        "The last message came from an unknown number.",
        "That was the only reason I stayed.",
        "He said the best thing was to wait.",
        "I recorded everything in a notebook.",
        "She filmed it on her phone.",
        "My mother cooked for us every day.",
        "We drove to the border in the morning.",
        "He lost his phone and his papers.",
        "It burns when I think about it.",
        "The first applicant appealed to the first instance court.",
        "The case was the assessment of the damage.",
        "His first plea was rejected at the first hearing.",
    ],
)
def test_ordinary_prose_is_not_proposed(text: str) -> None:
    assert proposed(text) == []


def test_phrases_stop_at_punctuation_and_new_clauses() -> None:
    text = (
        "He has a scar on his chin, and he walks slowly. "
        "His brother has a tattoo on his arm he got later."
    )
    assert proposed(text) == ["scar on his chin", "tattoo on his arm"]


def test_proposals_are_below_the_masking_threshold_and_say_why() -> None:
    (found,) = find_unique_details("She was the only Belgian nurse in the hospital.")
    assert found.entity_type == OTHER and found.recogniser == RECOGNISER
    assert found.score < DEFAULT_THRESHOLD
    assert "Belgian" not in found.explanation


def test_a_long_text_is_read_quickly() -> None:
    text = "He has a scar on his left hand and was the only one who knew. It was fine. " * 10_000
    started = time.perf_counter()
    found = find_unique_details(text)
    assert len(found) == 20_000
    assert time.perf_counter() - started < 30
