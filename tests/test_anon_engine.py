"""The analyser on testimony-like passages written for these tests."""

from __future__ import annotations

import itertools

import pytest
from anon_fixtures import anonymiser

from anonymise.analyser import DEFAULT_THRESHOLD, Anonymiser
from anonymise.candidates import Candidate
from anonymise.chunking import chunks
from anonymise.known import KnownIdentifiers

__all__ = ["anonymiser"]

pytestmark = pytest.mark.slow

PASSAGE = (
    "In 2014 I travelled from Manchester to Gaziantep with Abu Omar al-Britani. "
    "Umm Khalid, his wife, met us at the border near Tell Abyad. "
    "Our emir was Abu Hafs al-Shishani, a Chechen. "
    "Later, in Raqqa, Mohammed bin Rashid gave us rooms. "
    "KHALIL HADDAD, who ran the bakery, told me that Khalil's brother had died on 3 May 2015."
)


def masked(anonymiser: Anonymiser, text: str, known: KnownIdentifiers | None = None) -> str:
    """The text with every accepted candidate replaced by #."""
    chars = list(text)
    for candidate in anonymiser.analyse(text, known):
        if candidate.score >= DEFAULT_THRESHOLD:
            for index in range(candidate.start, candidate.end):
                chars[index] = "#"
    return "".join(chars)


@pytest.mark.parametrize(
    "name",
    [
        "Abu Omar",
        "al-Britani",
        "Umm Khalid",
        "Abu Hafs",
        "al-Shishani",
        "Mohammed",
        "Rashid",
        "KHALIL",
        "HADDAD",
        "Khalil",
        "Raqqa",
        "Tell Abyad",
        "Gaziantep",
        "Manchester",
        "3 May 2015",
    ],
)
def test_names_places_and_dates_are_masked(anonymiser: Anonymiser, name: str) -> None:
    assert name not in masked(anonymiser, PASSAGE)


def test_possessive_is_found_but_kept_outside_the_name(anonymiser: Anonymiser) -> None:
    result = masked(anonymiser, PASSAGE)
    assert "#'s brother" in result


def test_candidates_explain_without_quoting(anonymiser: Anonymiser) -> None:
    found = anonymiser.analyse(PASSAGE)
    assert found
    for candidate in found:
        assert isinstance(candidate, Candidate)
        assert candidate.recogniser and candidate.explanation
        assert PASSAGE[candidate.start : candidate.end] not in candidate.explanation
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_propagation_finds_later_bare_surname(anonymiser: Anonymiser) -> None:
    text = "The commander was Mr Karim Zubaidi. Everyone feared zubaidi, and ZUBAIDI's men."
    result = masked(anonymiser, text)
    assert "Zubaidi" not in result and "zubaidi" not in result and "ZUBAIDI" not in result


def test_known_identifiers_match_variants(anonymiser: Anonymiser) -> None:
    known = KnownIdentifiers(
        names=("Muhammad al-Tikriti",), kunyas=("Abu Yusuf",), places=("Hajin",)
    )
    text = (
        "mohamed said that el-Tikriti's cousin, whom they called abu yousef, "
        "had come from HAJIN; Mohammad Tikriti never returned."
    )
    result = masked(anonymiser, text, known)
    for leaked in ("mohamed", "Tikriti", "yousef", "HAJIN", "Mohammad"):
        assert leaked not in result, leaked


def test_known_identifier_in_arabic_script(anonymiser: Anonymiser) -> None:
    known = KnownIdentifiers(names=("محمد",))
    text = "قال محمد إنه غادر. Then محمد left 😀 for good."
    found = anonymiser.analyse(text, known)
    # The known name keeps its own span both times (one pseudonym); the Arabic words
    # around it are masked or proposed on their own, never joined to the name: masked
    # whole where the text is read as English, read by the Arabic-script rules where a
    # passage is read as Arabic ("قال" and "إنه" are common words there).
    spans = [text[c.start : c.end] for c in found]
    assert spans.count("محمد") == 2
    assert all("محمد" not in span for span in spans if span != "محمد")
    assert "غادر" in spans
    named = [c for c in found if text[c.start : c.end] == "محمد"]
    assert [c.recogniser for c in named] == ["known-identifiers", "known-identifiers"]


def test_offsets_survive_emoji_and_combining_marks(anonymiser: Anonymiser) -> None:
    text = "😀🙏 Ca\u0301mara told us: Mr Khalil Haddad left Mosul 👋 on 12 June 2016."
    found = anonymiser.analyse(text)
    surfaces = {text[c.start : c.end] for c in found}
    assert "Khalil Haddad" in surfaces
    assert "Mosul" in surfaces
    assert "12 June 2016" in surfaces


def test_research_terms_can_be_allowed(anonymiser: Anonymiser) -> None:
    text = "He joined the Islamic State in Raqqa."
    found = anonymiser.analyse(text, allow=["Raqqa"])
    assert all(text[c.start : c.end] != "Raqqa" for c in found)


def test_long_text_is_chunked_with_right_offsets(anonymiser: Anonymiser) -> None:
    paragraph = "We waited in the village for many weeks and nothing happened at all. " * 40
    names = ["Khalil Haddad", "Omar Zubaidi", "Yusuf Tikriti"]
    parts = [f"{paragraph}\n\nThen Mr {names[i % 3]} arrived." for i in range(30)]
    text = "\n\n".join(parts)
    assert len(chunks(text)) > 3
    found = anonymiser.analyse(text)
    surfaces = [text[c.start : c.end] for c in found if c.entity_type == "PERSON"]
    assert len(surfaces) >= 30
    assert set(surfaces) <= {*names, "Khalil", "Haddad", "Omar", "Zubaidi", "Yusuf", "Tikriti"}


def test_words_inside_an_allowed_term_are_not_proposed(anonymiser: Anonymiser) -> None:
    text = "In 2014 he joined the Islamic State. The islamic state's police took him to Manbij."
    allow = ["Islamic State"]
    found = [(text[c.start : c.end], c.entity_type) for c in anonymiser.analyse(text, allow=allow)]
    assert not any("islamic" in surface.lower() for surface, _kind in found), found
    assert ("Manbij", "PLACE") in found
    # Without the research term the model's "Islamic" is still proposed.
    assert any(text[c.start : c.end] == "Islamic" for c in anonymiser.analyse(text))


def test_a_known_identifier_wins_over_an_allowed_term(anonymiser: Anonymiser) -> None:
    text = "My family is from Raqqa; the Islamic State held Raqqa."
    known = KnownIdentifiers(places=("Raqqa",))
    found = anonymiser.analyse(text, known, allow=["Raqqa", "Islamic State"])
    surfaces = [text[c.start : c.end] for c in found]
    assert surfaces.count("Raqqa") == 2
    assert all(
        c.recogniser == "known-identifiers" for c in found if text[c.start : c.end] == "Raqqa"
    )
    assert found == anonymiser.analyse_many([text], known, ["Raqqa", "Islamic State"])[0]
