"""The recogniser registry: every source declared once, ranked and tied to a language."""

from __future__ import annotations

import pytest

from anonymise.analyser import resolve
from anonymise.candidates import PERSON, PLACE, Candidate
from anonymise.errors import AnonymiseError
from anonymise.languages import LANGUAGES, language
from anonymise.recognisers import REGISTRY
from anonymise.registry import UNREGISTERED_PRIORITY, Recogniser, Registry


def test_every_registered_recogniser_has_a_priority_a_language_and_types() -> None:
    assert len(list(REGISTRY)) > 1, "an empty registry would pass the checks below"
    for recogniser in REGISTRY:
        assert recogniser.priority > UNREGISTERED_PRIORITY, recogniser.name
        assert recogniser.languages, recogniser.name
        assert recogniser.entity_types, recogniser.name
        assert all(tag == "*" or tag in LANGUAGES for tag in recogniser.languages)


def test_a_recogniser_without_priority_or_language_is_refused() -> None:
    with pytest.raises(ValueError):
        Recogniser("nameless", (PERSON,), frozenset({"en"}), 0)
    with pytest.raises(ValueError):
        Recogniser("mute", (PERSON,), frozenset(), 3)
    with pytest.raises(ValueError):
        Recogniser("odd", ("NICKNAME",), frozenset({"en"}), 3)


def test_a_name_is_registered_once() -> None:
    registry = Registry([Recogniser("a", (PERSON,), frozenset({"en"}), 2)])
    with pytest.raises(ValueError):
        registry.register(Recogniser("a", (PLACE,), frozenset({"en"}), 3))


def test_finders_are_chosen_by_language() -> None:
    registry = Registry(
        [
            Recogniser("english", (PERSON,), frozenset({"en"}), 2, lambda t, _l: []),
            Recogniser("french", (PERSON,), frozenset({"fr"}), 2, lambda t, _l: []),
            Recogniser("any", (PERSON,), frozenset({"*"}), 2, lambda t, _l: []),
            Recogniser("stage", (PERSON,), frozenset({"*"}), 2),
        ]
    )
    assert [r.name for r in registry.finders("en")] == ["english", "any"]
    assert [r.name for r in registry.finders("fr")] == ["french", "any"]


def test_overlaps_are_won_by_the_registered_priority() -> None:
    # A known identifier outranks spaCy's guess of the same words, whatever the scores.
    spacy = Candidate(0, 10, PLACE, 0.99, "SpacyRecognizer", "")
    known = Candidate(2, 8, PERSON, 0.5, "known-identifiers", "")
    [merged] = resolve([spacy, known])
    assert (merged.start, merged.end, merged.entity_type) == (0, 10, PERSON)
    # An unregistered source ranks below every registered one.
    stray = Candidate(0, 10, PLACE, 1.0, "unregistered", "")
    [merged] = resolve([stray, Candidate(0, 4, PERSON, 0.1, "naming", "")])
    assert merged.entity_type == PERSON


def test_the_language_seam_names_one_clear_error() -> None:
    assert language("en-GB").tag == "en"
    assert language(None).tag == "en"
    with pytest.raises(AnonymiseError, match="cannot be analysed yet"):
        language("xx")


def test_a_proposal_never_widens_a_masked_candidate() -> None:
    from anonymise.analyser import settle

    text = "She was the only Belgian nurse in the hospital."
    belgian = text.index("Belgian")
    phrase = text.index("the only")
    found = settle(
        text,
        [
            Candidate(belgian, belgian + 7, "NATIONALITY", 0.6, "naming", ""),
            Candidate(phrase, len(text) - 1, "OTHER", 0.45, "uniqueness", ""),
        ],
    )
    shown = [(text[c.start : c.end], c.score) for c in found]
    assert shown == [
        ("the only", 0.45),
        ("Belgian", 0.6),
        ("nurse in the hospital", 0.45),
    ]
