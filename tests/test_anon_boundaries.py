"""Span edges: a name never runs on into the next line's label or item, and never holds a
pronoun with its verb. Every name, place and number here is invented."""

from __future__ import annotations

import pytest
from anon_fixtures import anonymiser

from anonymise.analyser import Anonymiser
from anonymise.boundaries import tidy
from anonymise.candidates import PERSON, PHONE, Candidate
from anonymise.entities import link
from anonymise.recognisers.codes import find_handles
from anonymise.recognisers.people import KUNYAS

__all__ = ["anonymiser"]


#: Common words, as a language's dictionary gives them folded.
COMMON = frozenset(["name", "as", "in", "passport", "sons", "route", "phone", "known", "to", "us"])


def pieces(text: str, words: str, kind: str = PERSON) -> list[str]:
    start = text.index(words)
    found = Candidate(start, start + len(words), kind, 0.85, "test", "a test")
    return [text[c.start : c.end] for c in tidy(text, [found], COMMON)]


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("Bolat Serikov\nName (as in passport): B. S.", "Bolat Serikov\nName", ["Bolat Serikov"]),
        ("near Tal Abyad\nSons: Yunus (4)", "Tal Abyad\nSons: Yunus", ["Tal Abyad", "Yunus"]),
        ("from rotterdam\n- route: by bus", "rotterdam\n- route", ["rotterdam"]),
        ("Hamburg\n\nKnown to us", "Hamburg\n\nKnown", ["Hamburg", "Known"]),
        ("I'm Tessa Van Acker, 30.", "I'm Tessa Van Acker", ["Tessa Van Acker"]),
        ("“I’m off,” she said", "I’m", []),
        ("You'll see.", "You'll", []),
        ("r = aigerim\nbekova / 31", "aigerim\nbekova", ["aigerim\nbekova"]),
        ("Abu Yusuf\nal-Maldivi (sp?)", "Abu Yusuf\nal-Maldivi", ["Abu Yusuf\nal-Maldivi"]),
        ("O'Connor came", "O'Connor", ["O'Connor"]),
        ("I met Ilyas Bek\nSamira: he came", "Ilyas Bek\nSamira", ["Ilyas Bek", "Samira"]),
        ("- saw idris haddad at tabqa", "idris haddad at tabqa", ["idris haddad", "tabqa"]),
        ("Karim and Salma left", "Karim and Salma", ["Karim", "Salma"]),
        (
            "paid TRL 5,000 (about 3 euros at",
            "TRL 5,000 (about 3 euros",
            ["TRL 5,000", "about 3 euros"],
        ),
        ("Omar Haddad (Abu Bakr) came", "Omar Haddad (Abu Bakr)", ["Omar Haddad (Abu Bakr)"]),
        ("Abu Bakr) and Omar", "Abu Bakr) and Omar", ["Abu Bakr", "Omar"]),
        ("and in Raqqa Abu Hamza took us", "Raqqa Abu Hamza", ["Raqqa", "Abu Hamza"]),
        ("I met Yasmin Abu Zaid there", "Yasmin Abu Zaid", ["Yasmin Abu Zaid"]),
    ],
)
def test_a_span_ends_where_its_item_ends(text: str, span: str, expected: list[str]) -> None:
    assert pieces(text, span) == expected


def test_without_common_words_a_label_stays_a_candidate() -> None:
    text = "Bolat Serikov\nName: B. S."
    found = Candidate(0, 18, PERSON, 0.85, "test", "a test")
    assert [text[c.start : c.end] for c in tidy(text, [found])] == ["Bolat Serikov", "Name"]


def test_a_number_ends_before_the_next_numbered_item() -> None:
    assert pieces("imei 3521099001761\n\n2) aigerim", "3521099001761\n\n2", PHONE) == [
        "3521099001761"
    ]


def test_a_kunya_does_not_run_on_into_english_words() -> None:
    text = "In Syria I was Abu Talha al-Hindi at first, then Abu Talha ash-Shami."
    assert [m.group() for m in KUNYAS.finditer(text)] == [
        "Abu Talha al-Hindi",
        "Abu Talha ash-Shami",
    ]
    assert [m.group() for m in KUNYAS.finditer("Oum Safa came as Mariam")] == ["Oum Safa"]


def test_a_spelt_out_address_does_not_run_across_sentences() -> None:
    text = "Prisoner no. QX-0093 at Ghanem.\n\nKnown as Sami. Mail: sami dot k at mail dot com."
    found = [text[c.start : c.end] for c in find_handles(text)]
    assert found == ["sami dot k at mail dot com"]


@pytest.mark.slow
def test_the_analyser_draws_the_edges(anonymiser: Anonymiser) -> None:
    text = (
        "Contact: Bolat Serikov\nPhone (brother): +7 701 555 0192\n"
        "I'm Tessa Van Acker. I'm from Ghent; I'm 30.\n"
    )
    found = anonymiser.analyse(text)
    spans = [text[c.start : c.end] for c in found]
    assert "Bolat Serikov" in spans and "Tessa Van Acker" in spans
    assert not any("\nPhone" in span or "I'm" in span for span in spans)
    people = [e for e in link({"": text}, {"": found}) if e.entity_type == PERSON]
    assert len(people) == 2


@pytest.mark.slow
def test_english_at_joins_no_name(anonymiser: Anonymiser) -> None:
    text = "Prisoner no. QX-0093 at Ghanem. I met Idris Haddad at Kobani, then Abu Talha at-Tunisi."
    spans = [text[c.start : c.end] for c in anonymiser.analyse(text)]
    assert "Idris Haddad" in spans and "Abu Talha at-Tunisi" in spans
    assert not any(" at " in span for span in spans)
