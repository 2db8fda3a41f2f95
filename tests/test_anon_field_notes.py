"""Field notes as interviewers write them: every identifier must be masked, fail closed.

One test per failure class of real notes (English-word names, lower-case notes,
nicknames and patronymics, numbers and handles, ages, trades, lower-case places,
dates told by events), through the real analyser and through the command line.
Every person, number and event here is invented for these tests.
"""

from __future__ import annotations

import pytest
from anon_fixtures import anonymiser

from anonymise.analyser import DEFAULT_THRESHOLD, Anonymiser
from anonymise.redact import redact
from conftest import run_testimony

__all__ = ["anonymiser"]

pytestmark = pytest.mark.slow

CLASSES = {
    "names that are English words": (
        "Peter Rose met me in Leeds. Later Rose said that Amber Fox had gone too.",
        ["Peter", "Rose", "Amber", "Fox"],
    ),
    "lower-case notes": (
        "- saw yusuf and his sister-in-law halima at the market in jarabulus\n"
        "- r = samira oukili, from tetouan, 27",
        ["yusuf", "halima", "jarabulus", "samira", "oukili", "tetouan", "27"],
    ),
    "nicknames, relatives and patronymics": (
        'They called him "the Locksmith". My niece Amal stayed with Siti Aminah binti Rosli.',
        ["Locksmith", "Amal", "Siti", "Aminah", "binti", "Rosli"],
    ),
    "numbers and handles": (
        "Her handle was @noor_k_2004; tent 7-D-19; the plates were KT 4471 AB; "
        "IMEI 35-209900-176148-1; the house is at 36.2021, 37.1343; "
        "transfer NL20 INGB 0001 2345 67 and card ٣٢٧٥٠٤٥٢٠٨.",
        ["@noor", "7-D-19", "4471", "209900", "36.2021", "INGB", "٣٢٧٥٠٤٥٢٠٨"],
    ),
    "ages and trades": (
        "I was 23 when I went. My brother worked as a tile setter; I studied agronomy.",
        ["23", "tile setter", "agronomy"],
    ),
    "scripts the model cannot read": (
        "Her husband שמעון כהן came with 王伟 and with राजेश from the north.",
        ["שמעון", "王伟", "राजेश"],
    ),
    "invisible characters and spacing": (
        "Then Kha\u200bled Omari met S a m i r  N a s s e r and \u202eirawuA\u202c, "
        "and Man\u200csour Haddad drove.",
        ["Kha\u200bled", "S a m i r", "N a s s e r", "irawuA", "Man\u200csour", "Haddad"],
    ),
    "dates told by events": (
        "We left the week after his cousin's wedding, on Easter Monday 2015, in ramadan 1436.",
        ["cousin's wedding", "Easter Monday", "1436"],
    ),
}


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_the_analyser_masks_each_failure_class(anonymiser: Anonymiser, name: str) -> None:
    text, secrets = CLASSES[name]
    found = [c for c in anonymiser.analyse(text) if c.score >= DEFAULT_THRESHOLD]
    masked = redact(text, found).text
    for secret in secrets:
        assert secret not in masked, (name, secret)


def test_the_command_line_masks_every_failure_class() -> None:
    text = "\n\n".join(text for text, _secrets in CLASSES.values()) + "\n"
    result = run_testimony(["anonymise", "-"], input=text)
    assert result.returncode == 0, result.stderr
    for _text, secrets in CLASSES.values():
        for secret in secrets:
            assert secret not in result.stdout, secret


def test_research_terms_keep_the_words_the_study_needs(anonymiser: Anonymiser) -> None:
    text = "In Raqqa the emir of the hisba told Yusra Haddad that Daesh wanted her."
    found = anonymiser.analyse(text, allow=["Raqqa", "emir", "hisba", "Daesh"])
    masked = redact(text, [c for c in found if c.score >= DEFAULT_THRESHOLD]).text
    for kept in ("Raqqa", "emir", "hisba", "Daesh"):
        assert kept in masked
    assert "Yusra" not in masked and "Haddad" not in masked


def test_a_research_term_that_is_also_a_given_name_stays_masked_as_the_name(
    anonymiser: Anonymiser,
) -> None:
    text = "Jihad Mansour joined in 2014. Later Jihad said the word jihad meant nothing to him."
    found = anonymiser.analyse(text, allow=["jihad"])
    masked = redact(text, [c for c in found if c.score >= DEFAULT_THRESHOLD]).text
    assert "Jihad" not in masked and "Mansour" not in masked
    assert "the word jihad meant" in masked


def test_a_given_name_that_is_also_a_word_of_grammar_is_found_again(
    anonymiser: Anonymiser,
) -> None:
    text = "I shared a room with Will Thompson. Will said he will go home. Will you come?"
    found = [c for c in anonymiser.analyse(text) if c.score >= DEFAULT_THRESHOLD]
    starts = {c.start for c in found}
    assert text.index("Will said") in starts
    assert text.index("Will you") not in starts
    assert text.index("will go") not in starts
