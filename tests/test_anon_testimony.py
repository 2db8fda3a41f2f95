"""More testimony-like passages, written for these tests: every identifier must be masked.

Kunyas and nisbas, transliteration variants, towns of the Syrian and Iraqi
conflict, Arabic script, the region's phone numbers, dates and ages, unit names,
possessives and names in capitals. Each passage lists what must not survive.
"""

from __future__ import annotations

import pytest
from anon_fixtures import anonymiser

from anonymise.analyser import DEFAULT_THRESHOLD, Anonymiser
from anonymise.candidates import ORGANISATION, PERSON, PLACE
from anonymise.known import KnownIdentifiers

__all__ = ["anonymiser"]

pytestmark = pytest.mark.slow

PASSAGES = [
    (
        "In 2014 my cousin Abu Hamza al-Masri took me from Manbij to Raqqa, "
        "where I joined Jaysh al-Usra.",
        ["Abu Hamza", "al-Masri", "Manbij", "Raqqa", "Jaysh al-Usra", "2014"],
    ),
    (
        "Umm Khalid al-Shishani told us that Abou Hamza el-Masri's wife had gone to al-Bab.",
        ["Umm Khalid", "al-Shishani", "Abou Hamza", "el-Masri", "al-Bab"],
    ),
    (
        "Muhammad al-Tikriti, Mohamed al-Tikriti and Mohammed at-Tikriti are the same man.",
        ["Muhammad", "Mohamed", "Mohammed", "al-Tikriti", "at-Tikriti"],
    ),
    (
        "We stayed in Tal Afar and later in Tel Afar district before moving to Deir ez-Zor.",
        ["Tal Afar", "Tel Afar", "Deir ez-Zor"],
    ),
    (
        "The emir, ABU OMAR AL-BAGHDADI, ordered us to stay. KHALID HADDAD drove the car.",
        ["ABU OMAR", "AL-BAGHDADI", "KHALID", "HADDAD"],
    ),
    (
        "My brother أحمد الحلبي stayed in Aleppo with Ahmad al-Halabi's family.",
        ["أحمد", "الحلبي", "Aleppo", "Ahmad", "al-Halabi"],
    ),
    (
        "Call me on +963 944 123 456 or on +964 770 123 4567, or on 0944 123 456.",
        ["944 123 456", "770 123 4567", "0944"],
    ),
    (
        "On 12 March 2015 I was aged 23; my son was five years old. On 3/4/2016 we left.",
        ["12 March", "2015", "aged 23", "five years old", "3/4/2016"],
    ),
    (
        "Abdul-Rahman ibn Saleh al-Janabi fought with Liwa al-Tawhid and "
        "Katibat al-Battar al-Libi near Hawija.",
        ["Abdul-Rahman", "Saleh", "al-Janabi", "Liwa al-Tawhid", "Katibat al-Battar", "Hawija"],
    ),
    (
        "Khalil's brother Yusuf took the bus to Qamishli. Khalil was arrested at the checkpoint.",
        ["Khalil", "Yusuf", "Qamishli"],
    ),
    (
        "I met Abu Muhammad al-ʿAdnani and Abū Bakr al-Baghdādī in Mosul.",
        ["Abu Muhammad", "ʿAdnani", "Abū Bakr", "al-Baghdādī", "Mosul"],
    ),
    (
        "She was held in al-Hol camp with forty other women, then moved to Roj.",
        ["al-Hol", "forty other women", "Roj"],
    ),
    (
        "He worked at the Hisba Office in Raqqa and then at Diwan al-Jund in Mayadin.",
        ["Hisba", "Raqqa", "Diwan al-Jund", "Mayadin"],
    ),
    (
        "The sniper lost his left leg to an amputation after shrapnel wounds at Baghuz.",
        ["sniper", "amputation", "shrapnel wounds", "Baghuz"],
    ),
    (
        "The Kakai families of Hamdaniya and a Shabak woman from Bartella stayed behind.",
        ["Kakai", "Hamdaniya", "Shabak", "Bartella"],
    ),
    (
        "We fled from Kobani to Suruc, then to Gaziantep, and in 2019 to Tal Tamr.",
        ["Kobani", "Suruc", "Gaziantep", "2019", "Tal Tamr"],
    ),
]


def masked(anonymiser: Anonymiser, text: str, known: KnownIdentifiers | None = None) -> str:
    """The text with every accepted candidate replaced by #."""
    chars = list(text)
    for candidate in anonymiser.analyse(text, known):
        if candidate.score >= DEFAULT_THRESHOLD:
            chars[candidate.start : candidate.end] = "#" * (candidate.end - candidate.start)
    return "".join(chars)


@pytest.mark.parametrize(("text", "secrets"), PASSAGES, ids=[p[0][:40] for p in PASSAGES])
def test_testimony_passage_is_masked(anonymiser: Anonymiser, text: str, secrets: list[str]) -> None:
    result = masked(anonymiser, text)
    assert len(result) == len(text)
    for secret in secrets:
        assert secret not in result, secret


def test_unit_names_are_organisations_not_people(anonymiser: Anonymiser) -> None:
    text = "He fought with Liwa al-Tawhid, then with Jaysh al-Usra and Katibat al-Battar."
    kinds = {text[c.start : c.end]: c.entity_type for c in anonymiser.analyse(text)}
    assert kinds["Liwa al-Tawhid"] == ORGANISATION
    assert kinds["Jaysh al-Usra"] == ORGANISATION
    assert kinds["Katibat al-Battar"] == ORGANISATION


def test_possessive_before_a_relative_is_a_person(anonymiser: Anonymiser) -> None:
    # "Khalil" is also a place name (al-Khalil, Hebron) in the gazetteer.
    text = "Khalil's brother stayed behind. Khalil was arrested at the checkpoint."
    found = anonymiser.analyse(text)
    # The second mention has no evidence of its own: it takes the first one's type, so
    # both get the same pseudonym.
    assert [(text[c.start : c.end], c.entity_type) for c in found] == [
        ("Khalil", PERSON),
        ("Khalil", PERSON),
    ]


def test_arabic_script_name_with_no_latin_form_is_masked(anonymiser: Anonymiser) -> None:
    text = "The man who recruited me, أبو حمزة المصري, lived in Tabqa."
    result = masked(anonymiser, text)
    assert "أبو" not in result and "حمزة" not in result and "المصري" not in result
    assert "Tabqa" not in result
    assert result.startswith("The man who recruited me, ")


def test_known_kunya_found_in_lower_case_and_variants(anonymiser: Anonymiser) -> None:
    known = KnownIdentifiers(names=("Abu Hamza al-Masri",), places=("Tal Afar",))
    text = "everyone called him abu hamza; al masri was from Tel Afar, or Tal ʿAfar."
    result = masked(anonymiser, text, known)
    for secret in ("abu hamza", "masri", "Tel Afar", "Tal ʿAfar"):
        assert secret not in result, secret


def test_research_terms_stay_readable(anonymiser: Anonymiser) -> None:
    text = "I believed in the caliphate, so in 2015 I travelled to Raqqa."
    result = masked(anonymiser, text)
    assert "caliphate" in result and "I believed" in result and "travelled" in result


def test_unknown_village_after_a_word_for_a_place(anonymiser: Anonymiser) -> None:
    text = "We lived in the village of Khazrawi, in northern Syria."
    found = {text[c.start : c.end]: c.entity_type for c in anonymiser.analyse(text)}
    assert found == {"village of Khazrawi": PLACE, "northern Syria": PLACE}


def test_institutions_with_places_and_their_sub_units(anonymiser: Anonymiser) -> None:
    text = (
        "He was tried by the Security Court of Raqqa and sent to the Second Company of "
        "the Tabqa Brigade, then to the Office for Widows and Orphans."
    )
    result = masked(anonymiser, text)
    for secret in ("Security Court of Raqqa", "Second Company", "Tabqa Brigade"):
        assert secret not in result, secret
    found = {text[c.start : c.end]: c for c in anonymiser.analyse(text)}
    # Named in common words only: offered for review, not masked by default.
    office = found["Office for Widows and Orphans"]
    assert office.entity_type == ORGANISATION and office.score < DEFAULT_THRESHOLD


def test_names_joined_by_and_stay_apart(anonymiser: Anonymiser) -> None:
    text = "Then Ahmed and Omar went to the market in Azaz."
    spans = [text[c.start : c.end] for c in anonymiser.analyse(text)]
    assert spans == ["Ahmed", "Omar", "Azaz"]


@pytest.mark.parametrize(
    "place",
    [
        "Tel Abyad",
        "Tal Abyad",
        "Tell Abyad",
        "Tel Rifaat",
        "Tel Hamis",
        "Tal Hamis",
        "Deir Mawzun",
        "Deir Mar Musa",
        "Kafr Takharim",
        "Jisr al-Shughur",
        "Maarat Misrin",
        "Ras al-Ayn",
        "Abu Kamal",
        "Umm Qasr",
    ],
)
def test_towns_with_a_place_prefix_are_places(anonymiser: Anonymiser, place: str) -> None:
    for text in (f"{place} was shelled that week.", f"In 2015 we fled to {place} by night."):
        found = [(text[c.start : c.end], c.entity_type) for c in anonymiser.analyse(text)]
        assert (place, PLACE) in found, (text, found)


def test_kunyas_and_surnames_after_prefix_like_words_stay_people(anonymiser: Anonymiser) -> None:
    text = "Abu Omar met Imran Khan. Tell Yusuf to come, said Umm Khalid."
    found = {text[c.start : c.end]: c.entity_type for c in anonymiser.analyse(text)}
    assert found["Abu Omar"] == PERSON
    assert found["Imran Khan"] == PERSON
    assert found["Umm Khalid"] == PERSON
    assert PLACE not in found.values(), found
