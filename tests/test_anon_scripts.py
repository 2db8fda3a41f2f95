"""Words in scripts the analyser cannot read are proposed for masking."""

from __future__ import annotations

import time

import pytest

from anonymise.candidates import OTHER
from anonymise.recognisers.scripts import EXPLANATION, RECOGNISER, find_unsupported_scripts


def surfaces(text: str) -> list[str]:
    return [text[c.start : c.end] for c in find_unsupported_scripts(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On his card it reads יוסף לוי, nothing more.", ["יוסף לוי"]),
        ("Her brother 陈志明 sent the money.", ["陈志明"]),
        ("The broker was 佐藤けんじ from Osaka.", ["佐藤けんじ"]),
        ("We called him सुरेश कुमार in the camp.", ["सुरेश कुमार"]),
        ("The Georgian papers say ლევან ბერიძე.", ["ლევან ბერიძე"]),
        ("His Armenian name is Արամ Պետրոսյան.", ["Արամ Պետրոսյան"]),
        ("A Thai contact, สมชาย, drove.", ["สมชาย"]),
        ("Greek file: Νίκος Παππάς.", ["Νίκος Παππάς"]),
        ("The Korean number belonged to 김민수.", ["김민수"]),
        ("From Asmara, ኣብርሃም ተስፋይ wrote.", ["ኣብርሃም ተስፋይ"]),
        ("In the Russian file he is Тимур Исаев.", ["Тимур Исаев"]),
        ("notes: r = рустам (spells it so)", ["рустам"]),
        ("plate Т517ОР on the van", ["Т517ОР"]),
    ],
)
def test_words_of_unreadable_scripts_are_candidates(text: str, expected: list[str]) -> None:
    assert surfaces(text) == expected


def test_candidates_are_other_masked_by_default_and_say_why() -> None:
    (found,) = find_unsupported_scripts("met דוד")
    assert (found.entity_type, found.score, found.recogniser) == (OTHER, 0.6, RECOGNISER)
    assert found.explanation == EXPLANATION
    assert "דוד" not in found.explanation


def test_runs_stop_at_line_breaks_punctuation_and_a_change_of_script() -> None:
    assert surfaces("Лейла Ахмедова\nლეილა") == ["Лейла Ахмедова", "ლეილა"]
    assert surfaces("Тимур, Исаев") == ["Тимур", "Исаев"]
    assert surfaces("Тимур ლევან") == ["Тимур", "ლევან"]


def test_a_latin_word_with_one_foreign_letter_is_taken_whole() -> None:
    assert surfaces("we met Yas\u05e1in there") == ["Yas\u05e1in"]
    assert surfaces("Abu-Ислам said") == ["Abu-Ислам"]


def test_invisible_characters_do_not_cut_a_word_in_two() -> None:
    assert surfaces("r = ру\u200bстам, he said") == ["ру\u200bстам"]
    assert surfaces("then \u200bדוד\u200c left") == ["\u200bדוד\u200c"]


def test_mathematical_letters_are_unreadable_but_transliteration_marks_are_not() -> None:
    assert surfaces("sent by 𝐑𝐚𝐬𝐡𝐢𝐝") == ["𝐑𝐚𝐬𝐡𝐢𝐝"]
    assert surfaces("Alʹbert and Daʿud, naïve café") == []


@pytest.mark.parametrize(
    "text",
    [
        "Plain English with no names at all.",
        "Accents of French, Turkish and Nordic names: Çelik, Øygard, Zoë, Şükrü, Ðorđe.",
        "Arabic script is read by its own rules: محمد رضا وعلي",
        "Numbers, symbols and punctuation: 12 € – “quoted” ★ ✓ 50%",
        "",
    ],
)
def test_readable_scripts_are_left_to_the_other_recognisers(text: str) -> None:
    assert surfaces(text) == []


def test_a_long_mixed_text_is_scanned_quickly() -> None:
    text = "The file of Тимур Исаев, résumé attached, and 陈志明 too. " * 20_000
    started = time.perf_counter()
    found = find_unsupported_scripts(text)
    assert len(found) == 40_000
    assert time.perf_counter() - started < 30
