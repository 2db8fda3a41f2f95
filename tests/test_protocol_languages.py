"""Protocols with texts in several languages, and the app showing the one asked for."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_helpers import SIZE, current_screen, make_app, open_laptop, project, shown_text, unlock
from store_fixtures import Project

from intake.app.screens.interview import InterviewScreen
from intake.display_language import display_language, terminal_draws_right_to_left
from intake.protocol import load_protocol
from intake.protocol.errors import ProtocolError
from intake.protocol.translate import in_language, languages
from intake.settings import Settings

MULTILINGUAL = textwrap.dedent(
    """\
    format: 1
    id: mini
    version: "1"
    title: {en: Mini, fr: Mini-entretien, ar: مقابلة قصيرة}
    language: en
    vocabularies:
      colours:
        - {code: 1, label: {en: Red, fr: Rouge, ar: أحمر}}
        - {code: 2, label: Blue}
    steps:
      - id: consent
        title: {en: Consent, fr: Consentement, ar: الموافقة}
        intro:
          en: Explain the study first.
          fr: Expliquez d'abord l'étude.
        fields:
          - id: ok
            label:
              en: Do you agree to take part?
              fr: Acceptez-vous de participer ?
            help:
              en: Ask in the person's words.
              fr: Demandez-le avec ses mots.
            type: yes_no
            required: true
            consent: participation
      - id: main
        title: Main
        fields:
          - id: colour
            label: Colour
            type: single_choice
            choices: colours
    """
)


def test_texts_in_several_languages_load_with_the_protocols_own_as_the_text() -> None:
    protocol = load_protocol(MULTILINGUAL, name="mini.yaml")
    assert protocol.title == "Mini"
    assert protocol.field("ok").label == "Do you agree to take part?"
    assert protocol.vocabulary("colours").codebook() == {1: "Red", 2: "Blue"}
    assert languages(protocol) == ("en", "ar", "fr")
    french = in_language(protocol, "fr")
    assert french.title == "Mini-entretien"
    assert french.step("consent").title == "Consentement"
    assert french.step("consent").intro == "Expliquez d'abord l'étude."
    assert french.field("ok").label == "Acceptez-vous de participer ?"
    assert french.field("ok").help == "Demandez-le avec ses mots."
    # Untranslated texts stay in the protocol's language; codes and rules never change.
    assert french.field("colour").codebook() == {1: "Rouge", 2: "Blue"}
    assert french.step("main").title == "Main"
    assert french.field("ok").required and french.key == protocol.key
    assert in_language(protocol, None) is protocol and in_language(protocol, "de") is protocol


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("title: {en: Mini,", "title: {de: Mini,", "no text in the protocol's language 'en'"),
        ("{en: Red, fr: Rouge", "{en: Red, French: Rouge", "'French' is not a language tag"),
        ("{en: Red, fr: Rouge", "{en: Red, fr: 3", "expected text, found a whole number"),
    ],
)
def test_bad_translations_are_one_clear_error(old: str, new: str, expected: str) -> None:
    assert old in MULTILINGUAL
    with pytest.raises(ProtocolError, match=expected):
        load_protocol(MULTILINGUAL.replace(old, new, 1), name="mini.yaml")


def test_right_to_left_languages_are_shown_only_where_the_terminal_draws_them() -> None:
    available = ("en", "ar", "fr")
    assert display_language("fr", "en", available, {}) == ("fr", None)
    assert display_language(None, "en", available, {}) == ("en", None)
    shown, note = display_language("ar", "en", available, {"TERM": "xterm-256color"})
    assert shown == "en" and note is not None and "TESTIMONY_BIDI=1" in note
    assert display_language("ar", "en", available, {"KONSOLE_VERSION": "230401"}) == ("ar", None)
    assert display_language("ar", "en", available, {"TESTIMONY_BIDI": "1"}) == ("ar", None)
    shown, note = display_language("de", "en", available, {})
    assert shown == "en" and note is not None and "has no texts in 'de'" in note
    assert terminal_draws_right_to_left({"VTE_VERSION": "7600"})
    assert not terminal_draws_right_to_left({"VTE_VERSION": "5202"})
    assert not terminal_draws_right_to_left({"MLTERM": "3.9", "TESTIMONY_BIDI": "0"})


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def made(tmp_path: Path) -> Iterator[Project]:
    yield project(tmp_path)


@pytest.mark.anyio
async def test_the_app_shows_the_questions_in_the_language_asked_for(made: Project) -> None:
    protocol = load_protocol(MULTILINGUAL, name="mini.yaml")
    store = open_laptop(made)
    settings = Settings(idle_lock_seconds=0, display_language="fr")
    app = make_app(store, protocol=protocol, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await pilot.pause()
        screen = current_screen(app)
        assert isinstance(screen, InterviewScreen)
        assert "Consentement" in screen.heading
        texts = " ".join(shown_text(widget) for widget in screen.query("Static"))
        assert "Acceptez-vous de participer ?" in texts
        assert "Expliquez d'abord l'étude." in texts
        assert "Do you agree" not in texts
        # The answers are the protocol's: the draft knows nothing of the language shown.
        assert screen.interview.protocol is protocol
    store.close()
