"""Pieces of the anonymisation room that need no model: chunking, folding, redaction, review."""

from __future__ import annotations

import itertools
import re
import time
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anonymise.candidates import Candidate
from anonymise.chunking import chunks
from anonymise.known import KnownIdentifiers, skeleton, variants
from anonymise.lexicon import fold
from anonymise.redact import Policy, generalise_age, generalise_date, redact
from anonymise.residual import leftovers
from anonymise.review import ACCEPTED, PENDING, REJECTED, Review


def person(start: int, end: int, recogniser: str = "naming") -> Candidate:
    return Candidate(start, end, "PERSON", 0.9, recogniser, "test")


def test_fold_ignores_case_diacritics_and_marks() -> None:
    assert fold("ʿAbd al-Raḥmān") == fold("Abd Al Rahman") == "abd al rahman"


def test_transliteration_variants_share_a_skeleton() -> None:
    assert len({skeleton(fold(n)) for n in ("Mohammed", "Muhammad", "Mohamed", "Mohammad")}) == 1
    assert skeleton("khalid") == skeleton("khaled")
    assert skeleton("omar") != skeleton("ahmed")


def test_article_variants() -> None:
    forms = variants("Abu Omar al-Britani")
    assert ("abu", "omar", "el", "britani") in forms
    assert ("abu", "omar", "britani") in forms


def test_known_identifiers_from_yaml_mapping_and_repr_hides_values() -> None:
    known = KnownIdentifiers.from_mapping({"name": "Omar Haddad", "relatives": ["Aisha"]})
    assert known.names == ("Omar Haddad",)
    assert "Omar" not in repr(known) and "Aisha" not in repr(known)
    with pytest.raises(ValueError, match="unknown field"):
        KnownIdentifiers.from_mapping({"passport": "x"})


def test_chunks_cover_the_text_with_overlap() -> None:
    text = "".join(f"Sentence number {i} is here. " for i in range(3000))
    parts = chunks(text, size=2000, overlap=200)
    assert parts[0].start == 0
    for part in parts:
        assert text[part.start : part.start + len(part.text)] == part.text
    for before, after in itertools.pairwise(parts):
        assert after.start < before.start + len(before.text)
    assert parts[-1].start + len(parts[-1].text) == len(text)


def test_redaction_is_consistent_and_the_mapping_stays_sealed() -> None:
    text = "Omar met Aisha. Omar left."
    result = redact(text, [person(0, 4), person(9, 14), person(16, 20)])
    assert result.text == "[PERSON 1] met [PERSON 2]. [PERSON 1] left."
    assert result.mapping == {"Omar": "[PERSON 1]", "Aisha": "[PERSON 2]"}
    assert "Omar" not in repr(result) and "Omar" not in repr(result.mapping)
    assert "Omar" not in str(result.mapping)
    assert result.log == (("PERSON", "naming", "pseudonym", 3),)
    assert all("Omar" not in line for line in result.log_lines())


def test_dates_and_ages_are_generalised() -> None:
    assert generalise_date("3 May 2014") == "[2014]"
    assert generalise_date("last spring") == "[DATE]"
    assert generalise_age("aged 34") == "[AGE 30-39]"
    assert generalise_age("seventeen years old") == "[AGE 10-19]"
    text = "On 3 May 2014, aged 34."
    spans = [
        Candidate(3, 13, "DATE", 0.9, "dates", "d"),
        Candidate(15, 22, "AGE", 0.9, "ages", "a"),
    ]
    assert redact(text, spans).text == "On [2014], [AGE 30-39]."


def test_policy_per_type_and_allow_list() -> None:
    text = "He fought for ISIS in Raqqa."
    spans = [
        Candidate(14, 18, "ORGANISATION", 0.9, "naming", "o"),
        Candidate(22, 27, "PLACE", 0.9, "naming", "p"),
    ]
    policy = Policy(actions={"PLACE": "remove"}, allow=frozenset({"isis"}))
    assert redact(text, spans, policy).text == "He fought for ISIS in [PLACE]."
    with pytest.raises(ValueError, match="unknown redaction action"):
        redact(text, spans, Policy(actions={"PLACE": "blur"}))


def test_review_decisions() -> None:
    text = "Omar met Aisha. Later omar and Aisha left Mosul."
    omar, aisha = person(0, 4), person(9, 14)
    review = Review.start(text, [omar, aisha])
    assert not review.is_complete and review.status(omar) == PENDING
    review = review.accept(omar).reject(aisha)
    assert review.status(omar) == ACCEPTED and review.status(aisha) == REJECTED
    assert review.is_complete
    review = review.add(22, 26, "PERSON", every_occurrence=True)
    review = review.add(42, 47, "PLACE")
    preview = review.preview().text
    assert "Omar" not in preview and "omar" not in preview and "Mosul" not in preview
    assert "Aisha" in preview
    resized = review.resize(omar, 0, 3)
    assert any(c.end == 3 for c in resized.accepted())
    assert [d.action for d in resized.decisions] == ["accept", "reject", "add", "add", "resize"]
    with pytest.raises(ValueError):
        review.add(10, 500, "PERSON")
    with pytest.raises(ValueError):
        review.add(0, 4, "NOT_A_TYPE")


def test_accept_every_occurrence() -> None:
    text = "Omar, then omar again."
    first, second = person(0, 4), person(11, 15)
    review = Review.start(text, [first, second]).accept(first, every_occurrence=True)
    assert review.is_complete


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(list("abcKhalilOmar محمد😀é\u0301 .,'-")), min_size=1, max_size=80
    ),
    data=st.data(),
)
def test_no_accepted_span_survives_redaction(text: str, data: st.DataObject) -> None:
    count = data.draw(st.integers(min_value=0, max_value=5))
    spans = []
    for _ in range(count):
        start = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
        end = data.draw(st.integers(min_value=start + 1, max_value=len(text)))
        spans.append(person(start, end))
    result = redact(text, spans)
    # Taking the pseudonyms out leaves exactly the characters no span covered.
    kept = "".join(ch for i, ch in enumerate(text) if not any(s.start <= i < s.end for s in spans))
    assert re.sub(r"\[PERSON \d+\]", "", result.text) == kept
    assert all(pseudonym in result.text for pseudonym in result.mapping.values())


def test_allowed_term_covers_the_words_inside_it_only() -> None:
    text = "The Islamic State's police, the islamic-state, and the Raqqa Brigade."
    islamic = Candidate(4, 11, "NATIONALITY", 0.85, "SpacyRecognizer", "n")
    police = Candidate(4, 26, "ORGANISATION", 0.85, "naming", "o")
    brigade = Candidate(55, 68, "ORGANISATION", 0.85, "naming", "o")
    lower = Candidate(32, 39, "NATIONALITY", 0.85, "SpacyRecognizer", "n")
    policy = Policy(allow=frozenset({"Islamic State", "Raqqa"}))
    result = redact(text, [islamic, police, brigade, lower], policy).text
    # "Islamic" lies inside "Islamic State" (any case, hyphen or not): readable. Spans
    # reaching beyond an allowed term are masked whole.
    assert result == "The [ORGANISATION 1], the islamic-state, and the [ORGANISATION 2]."
    assert redact(text, [islamic, lower], policy).text == text


def test_allowed_term_matches_whole_words_only() -> None:
    text = "Raqqawi came from Raqqa."
    raqqawi = Candidate(0, 7, "PERSON", 0.85, "naming", "p")
    raqqa = Candidate(18, 23, "PLACE", 0.85, "naming", "p")
    policy = Policy(allow=frozenset({"Raqqa"}))
    assert redact(text, [raqqawi, raqqa], policy).text == "[PERSON 1] came from Raqqa."


def test_known_identifiers_and_reviewer_spans_win_over_allowed_terms() -> None:
    text = "I grew up in Raqqa, near the Islamic State office."
    home = Candidate(13, 18, "PLACE", 1.0, "known-identifiers", "k")
    added = Candidate(29, 36, "NATIONALITY", 1.0, "reviewer", "added by the reviewer")
    policy = Policy(allow=frozenset({"raqqa", "Islamic State"}))
    assert (
        redact(text, [home, added], policy).text
        == "I grew up in [PLACE 1], near the [NATIONALITY 1] State office."
    )


LEFTOVER_DICTIONARY = frozenset({"he", "met", "and", "in", "on", "at", "was", "then", "left"})


def test_only_the_redactors_own_pseudonyms_are_passed_over() -> None:
    text = (
        "He met [Abu Bakr] and [PERSON 1] in [PLACE 2] on [2014], [AGE 30-39], [DATE] at [PLACE]."
    )
    found = {text[item.start : item.end] for item in leftovers(text, LEFTOVER_DICTIONARY)}
    assert found == {"Abu", "Bakr"}


@pytest.mark.parametrize(
    "typed", ["[Omar]", "[KHALIL]", "[PERSON Omar]", "[person 1]", "[PLACE 2 Manbij]", "[Idlib 3]"]
)
def test_names_typed_in_brackets_are_leftovers(typed: str) -> None:
    text = f"Then {typed} left."
    found = [text[item.start : item.end] for item in leftovers(text, LEFTOVER_DICTIONARY)]
    assert found, typed


def test_digits_typed_in_brackets_are_leftovers() -> None:
    text = "He was at [0944 123 456] and at [12]."
    found = [text[item.start : item.end] for item in leftovers(text, LEFTOVER_DICTIONARY)]
    assert found == ["0944 123 456", "12"]


def test_every_pseudonym_the_redactor_writes_is_passed_over() -> None:
    text = "Omar met Khalil in Mosul on 3 May 2014, aged 34, then left Aleppo in May."
    spans = [
        person(0, 4),
        person(9, 15),
        Candidate(19, 24, "PLACE", 0.9, "naming", "p"),
        Candidate(28, 38, "DATE", 0.9, "dates", "d"),
        Candidate(40, 47, "AGE", 0.9, "ages", "a"),
        Candidate(59, 65, "PLACE", 0.9, "naming", "p"),
        Candidate(69, 72, "DATE", 0.9, "dates", "d"),
    ]
    for policy in (
        Policy(),
        Policy(default="remove", actions={}),
        Policy(actions={"DATE": "remove", "AGE": "pseudonym"}),
    ):
        redacted = redact(text, spans, policy).text
        assert "Omar" not in redacted and "May" not in redacted, redacted
        assert leftovers(redacted, LEFTOVER_DICTIONARY) == [], redacted


def test_words_of_allowed_terms_are_not_leftovers() -> None:
    text = "He met [PERSON 1] of Jabhat al-Nusra, then Jabhat Fatah."
    found = [
        text[item.start : item.end]
        for item in leftovers(text, LEFTOVER_DICTIONARY, frozenset({"Jabhat al-Nusra"}))
    ]
    assert found == ["Jabhat", "Fatah"]


@pytest.mark.slow
def test_leftovers_of_a_long_text_with_thousands_of_pseudonyms() -> None:
    sentence = "He met [PERSON {n}] at [PLACE {n}] on [2014] and [Khalil] then left {n}. "
    text = "".join(sentence.format(n=n) for n in range(1, 15_001))
    assert len(text.split()) > 200_000
    started = time.perf_counter()
    found = leftovers(text, LEFTOVER_DICTIONARY)
    elapsed = time.perf_counter() - started
    surfaces = Counter(text[item.start : item.end] for item in found)
    assert surfaces["Khalil"] == 15_000
    assert sum(count for surface, count in surfaces.items() if surface.isdigit()) == 15_000
    assert len(found) == 30_000
    # Linear: a few seconds at most on a slow machine (scanning every pseudonym for
    # every word took minutes).
    assert elapsed < 30, elapsed


def test_curated_towns_list_every_spelling_of_tel_abyad() -> None:
    from anonymise.lexicon import data_lines

    towns = {fold(line) for line in data_lines("conflict_places.txt")}
    assert {"tel abyad", "tal abyad", "tell abyad", "tall abyad"} <= towns
