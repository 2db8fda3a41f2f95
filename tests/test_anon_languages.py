"""Which language each part of a text is read in, and what reads it."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

from anonymise.errors import AnonymiseError
from anonymise.identify import disagreement, segments
from anonymise.languages import language
from anonymise.model import file_digests, load_model, model_path, recorded_digests
from conftest import run_python

FRENCH = (
    "Je suis né à Sidi Bouzid en 1992, dans une famille de cultivateurs. "
    "Mon grand frère travaillait déjà en Libye quand je suis parti."
)
ENGLISH = (
    "The interpreter said that he had stayed in the camp for two years before he left "
    "with his family."
)
ARABIC = "قال لي أبو حمزة التونسي إنه من بن قردان، وإن رقم هاتفه 0944123456."


def _languages(text: str, declared: str | None) -> list[tuple[str, str]]:
    return [(s.language, text[s.start : s.end].strip()) for s in segments(text, declared)]


def test_the_declared_language_is_kept_when_the_text_agrees_or_is_too_short() -> None:
    assert _languages(FRENCH, "fr") == [("fr", FRENCH)]
    assert _languages("Karim Benali, Ben Guerdane.", "fr") == [
        ("fr", "Karim Benali, Ben Guerdane.")
    ]
    assert segments("", "fr")[0].language == "fr"


def test_a_paragraph_in_another_latin_language_is_read_in_it() -> None:
    text = FRENCH + "\n\n" + ENGLISH
    assert [tag for tag, _ in _languages(text, "fr")] == ["fr", "en"]
    assert [tag for tag, _ in _languages(FRENCH, "en")] == ["fr"]
    assert disagreement(FRENCH, "en") == (
        "parts of the text look like French, not English; they are read as such"
    )
    assert disagreement(FRENCH, "fr") is None


def test_arabic_script_passages_are_read_as_arabic_and_short_quotes_stay_in_the_sentence() -> None:
    quoted = f"Il a dit : « {ARABIC} » puis il est parti à Paris avec son frère."
    found = _languages(quoted, "fr")
    assert [tag for tag, _ in found] == ["fr", "ar", "fr"]
    # The passage ends at its last Arabic letter: digits after it are read with what follows.
    assert found[1][1].startswith("قال") and found[1][1].endswith("هاتفه")
    one_word = "Il répétait « داعش » sans cesse, en riant, devant tout le monde au marché."
    assert [tag for tag, _ in _languages(one_word, "fr")] == ["fr"]
    assert [tag for tag, _ in _languages(ARABIC, "en")] == ["ar"]


def test_latin_script_in_an_arabic_text_is_read_in_the_language_it_is_in() -> None:
    text = f"{ARABIC} Il est parti à Paris avec son frère Karim en 2015."
    assert [tag for tag, _ in _languages(text, "ar")] == ["ar", "fr"]


def test_segments_cover_the_text_without_gaps() -> None:
    text = f"{FRENCH}\n\n{ARABIC}\n{ENGLISH}\n\n  "
    found = segments(text, "fr")
    assert found[0].start == 0 and found[-1].end == len(text)
    assert all(a.end == b.start for a, b in itertools.pairwise(found))


def test_an_unsupported_declared_language_is_one_clear_error() -> None:
    with pytest.raises(AnonymiseError, match="cannot be analysed yet"):
        segments(FRENCH, "de")
    assert language("fr-BE").tag == "fr" and not language("ar").has_model


def test_the_french_model_matches_its_recorded_digests_and_a_changed_copy_is_refused(
    tmp_path: Path,
) -> None:
    assert file_digests(model_path("fr")) == recorded_digests("fr")
    assert recorded_digests("fr") != recorded_digests("en")
    copy = tmp_path / "model"
    shutil.copytree(model_path("fr"), copy)
    with (copy / "ner" / "cfg").open("a", encoding="utf-8") as handle:
        handle.write(" ")
    with pytest.raises(AnonymiseError, match=r"does not match the recorded digests.*ner/cfg"):
        load_model(copy, "fr")


def test_the_language_identifier_and_the_arabic_tokenizer_never_touch_the_network() -> None:
    result = run_python(
        "from anonymise.identify import identify\n"
        "from anonymise.model import blank_pipeline\n"
        "print(identify('Je suis parti de Tunis avec mon frère pour rejoindre la Syrie')[0])\n"
        "print(len(blank_pipeline('ar')('قال لي أبو حمزة')))\n"
    )
    assert result.returncode == 0, result.stderr
    assert "NETWORK ATTEMPT" not in result.stderr
    assert result.stdout.split() == ["fr", "4"]


@pytest.mark.slow
def test_years_and_numbers_in_an_arabic_text_are_masked() -> None:
    from anonymise.analyser import Anonymiser

    text = "ذهبنا إلى منبج في نوفمبر 2014 وبقينا حتى 2017، ورقم هاتفه 0944123456."
    found = Anonymiser().analyse(text, language="ar")
    masked = [text[c.start : c.end] for c in found if c.score >= 0.5]
    for number in ("2014", "2017", "0944123456"):
        assert any(number in span for span in masked), (number, masked)
