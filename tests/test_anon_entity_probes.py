"""Probes an attacker would try against entity linking: it must never unmask, never let
one pseudonym reveal two people's link by accident, and never bring a word back.

Every name is invented.
"""

from __future__ import annotations

import re

import pytest
from anon_fixtures import anonymiser

from anonymise.analyser import Anonymiser
from anonymise.batch import anonymise_text
from anonymise.candidates import PERSON, Candidate
from anonymise.entities import link
from anonymise.known import KnownIdentifiers
from anonymise.redact import Policy, redact

__all__ = ["anonymiser"]
PSEUDONYM = re.compile(r"\[[A-Z_]+ \d+\]")


def marked(text: str, *names: str) -> list[Candidate]:
    found: list[Candidate] = []
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(rf"\b{re.escape(name)}\b", text):
            if not any(match.start() < c.end and c.start < match.end() for c in found):
                found.append(Candidate(match.start(), match.end(), PERSON, 0.9, "test", "test"))
    return sorted(found)


def test_a_shared_surname_alone_is_masked_and_joins_neither_person() -> None:
    text = "Karim Benali and Yusuf Benali crossed together. Benali was caught."
    spans = marked(text, "Karim Benali", "Yusuf Benali", "Benali")
    redacted = redact(text, spans, Policy()).text
    assert redacted == "[PERSON 1] and [PERSON 2] crossed together. [PERSON 3] was caught."


def test_the_interviewees_given_name_on_another_man_is_not_the_interviewee() -> None:
    text = "Karim Benali spoke of his cousin Karim Haddad. Karim stayed in Raqqa."
    known = KnownIdentifiers(names=("Karim Benali",))
    spans = marked(text, "Karim Benali", "Karim Haddad", "Karim")
    entities = link({"": text}, {"": spans}, known)
    bare = entities.of("", spans[-1])
    assert bare is not None and bare.known == "" and len(entities) == 3


def test_linking_changes_pseudonyms_never_what_is_masked() -> None:
    text = "Omar Saleh met Saleh's wife. Omar, Ahmad and OMAR SALEH left. Abu Omar stayed."
    spans = marked(text, "Omar Saleh", "OMAR SALEH", "Saleh", "Omar", "Ahmad", "Abu Omar")
    redacted = redact(text, spans, Policy()).text
    assert len(PSEUDONYM.findall(redacted)) == len(spans)
    for word in ("Omar", "OMAR", "Saleh", "SALEH", "Ahmad"):
        assert word not in redacted
    # A kunya holds a name but is not that name's person.
    assert redacted.endswith("[PERSON 3] stayed.")


def test_a_rejected_entity_leaves_no_gap_in_the_numbering() -> None:
    text = "Omar met Khalid and Yusuf."
    spans = marked(text, "Omar", "Khalid", "Yusuf")
    entities = link({"": text}, {"": spans}).numbered(masked=lambda m: m.candidate != spans[1])
    assert [e.pseudonym for e in entities] == ["[PERSON 1]", "", "[PERSON 2]"]


@pytest.mark.slow
def test_spelling_games_do_not_escape_the_interviewees_pseudonym(anonymiser: Anonymiser) -> None:
    text = (
        "Mohammed Darwish told us this. MUHAMMAD DARWISH is on the list; Mohamad Darweesh on "
        "the ticket; Darwish's brother paid. Mr Darwish left."
    )
    known = KnownIdentifiers(names=("Mohammed Darwish",))
    result = anonymise_text(anonymiser, text, known)
    assert set(PSEUDONYM.findall(result.redaction.text)) == {"[PERSON 1]"}
    assert "arwish" not in result.redaction.text.lower()
    assert "arweesh" not in result.redaction.text.lower()
