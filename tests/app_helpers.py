"""Helpers shared by the interview app's tests: stores, the app, driving it with Pilot."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from pathlib import Path

from store_fixtures import FAST, LAPTOP_PASSPHRASE, Project, make_project
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, RadioButton, RadioSet, Static, TextArea

from anonymise.candidates import Candidate
from anonymise.known import KnownIdentifiers
from intake.analysis import Analyser
from intake.app.app import InterviewApp
from intake.app.widgets.choices import ChoiceList
from intake.flow import Interview, Stage
from intake.protocol import Protocol, default_protocol
from intake.settings import Settings
from store.repository import Store

PASSPHRASE = LAPTOP_PASSPHRASE
SIZE = (80, 24)


class FixedAnalyser:
    """A stand-in analyser for snapshots: marks every occurrence of fixed words."""

    def __init__(self, words: dict[str, str] | None = None) -> None:
        self.words = words or {"Khalid": "PERSON", "Raqqa": "PLACE", "2014": "DATE"}
        self.dictionary: frozenset[str] = frozenset({"the", "in", "my", "brother", "lived"})

    def analyse_many(
        self,
        texts: Sequence[str],
        known: KnownIdentifiers | None = None,
        allow: Collection[str] = (),
        language: str | None = None,
    ) -> list[list[Candidate]]:
        found: list[list[Candidate]] = []
        for text in texts:
            spans = []
            for word, kind in self.words.items():
                start = text.find(word)
                while start >= 0:
                    spans.append(
                        Candidate(start, start + len(word), kind, 0.9, "fixed", "a fixed word")
                    )
                    start = text.find(word, start + 1)
            found.append(sorted(spans))
        return found


def consented() -> Interview:
    """A default-protocol interview with every consent given but follow-up, at its first step."""
    interview = Interview.start(default_protocol())
    for field_id in ("consent_participation", "consent_quotation", "consent_archiving"):
        interview = interview.set_answer(field_id, True)
    return interview.set_answer("consent_follow_up", False)


def at_step(step: str) -> Interview:
    """A consented interview moved on to ``step`` (every step before it can be left)."""
    interview = consented().next()
    while interview.step_id != step:
        interview = interview.next()
    return interview


def interview_in_review(narrative: str) -> Interview:
    """A consented interview with a name and a narrative, in review."""
    interview = consented().next().set_answer("real_name", "Khalid Haddad")
    while interview.stage is not Stage.REVIEW:
        if interview.step_id == "narrative":
            interview = interview.set_answer("narrative", narrative)
        interview = interview.next()
    return interview


def project(root: Path) -> Project:
    """A project key pair, a laptop store and a steward store (fast Argon2 settings)."""
    return make_project(root)


def open_laptop(made: Project) -> Store:
    """The laptop store, open and locked (as the app receives it)."""
    return Store.open(made.laptop_dir)


def make_app(
    store: Store,
    analyser: Analyser | None = None,
    protocol: Protocol | None = None,
    settings: Settings | None = None,
) -> InterviewApp:
    """The app over a store, with an analyser (a fixed one by default)."""
    chosen = analyser if analyser is not None else FixedAnalyser()
    return InterviewApp(
        store,
        lambda: chosen,
        protocol or default_protocol(),
        settings or Settings(idle_lock_seconds=0),
        clock=lambda: 0.0,
    )


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type text key by key (spaces and brackets included)."""
    names = {" ": "space", "[": "left_square_bracket", "]": "right_square_bracket"}
    await pilot.press(*[names.get(char, char) for char in text])


async def unlock(pilot: Pilot[None], passphrase: str = PASSPHRASE) -> None:
    """Type the passphrase on the unlock screen and wait for the unlock."""
    pilot.app.screen.query_one("#passphrase", Input).value = passphrase
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def choose(pilot: Pilot[None], field_id: str, index: int) -> None:
    """Choose the ``index``-th answer of a choice question by keyboard."""
    control = pilot.app.screen.query_one(f"#field-{field_id}")
    if isinstance(control, ChoiceList):
        control.focus()
        await pilot.pause()
        current = control.highlighted or 0
        keys = ["down"] * (index - current) if index >= current else ["up"] * (current - index)
        await pilot.press(*keys, "space")
        return
    radio = pilot.app.screen.query_one(f"#field-{field_id}", RadioSet)
    radio.focus()
    await pilot.pause()
    buttons = list(radio.query(RadioButton))
    current = radio._selected or 0
    await pilot.press(*(["right"] * ((index - current) % len(buttons))), "enter")


def set_text(pilot: Pilot[None], field_id: str, text: str) -> None:
    """Put text into a text question (as if pasted)."""
    widget = pilot.app.screen.query_one(f"#field-{field_id}")
    if isinstance(widget, TextArea):
        widget.load_text(text)
        widget.post_message(TextArea.Changed(widget))
    elif isinstance(widget, Input):
        widget.value = text
    else:
        raise TypeError(field_id)


def every_widget(pilot: Pilot[None]) -> Iterator[Widget]:
    """Every widget of every screen the app holds."""
    for screen in pilot.app.screen_stack:
        for node in screen.walk_children(with_self=True):
            if isinstance(node, Widget):
                yield node


def shown_text(widget: Widget) -> str:
    """What a widget holds that could be testimony: its text, value or rendering."""
    parts: list[str] = []
    if isinstance(widget, TextArea):
        parts.append(widget.text)
    if isinstance(widget, Input):
        parts.append(widget.value)
    if isinstance(widget, Static):
        parts.append(str(widget.render()))
    return "\n".join(parts)


__all__ = ["FAST", "PASSPHRASE", "SIZE"]


def current_screen(app: App[None]) -> Screen[object]:
    """The app's screen, read afresh (type checkers keep no narrowing across key presses)."""
    return app.screen
