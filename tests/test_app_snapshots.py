"""Every screen of the interview app at 80x24, as SVG snapshots.

The store is a real one in a temporary folder, the analyser a fixed stand-in
(instant and deterministic), and the clock frozen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from app_helpers import make_app, open_laptop, project, unlock
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from intake.app.app import InterviewApp
from intake.flow import Interview
from intake.protocol import default_protocol

SnapCompare = Callable[..., bool]
NARRATIVE = (
    "My brother Khalid went to Raqqa in 2014. [He] never came back.\n\n"
    "Khalid wrote to us once from Raqqa."
)


def interview_at(step: str) -> Interview:
    """A default-protocol interview with consent given, moved on to ``step``."""
    interview = Interview.start(default_protocol())
    for field_id in ("consent_participation", "consent_quotation", "consent_archiving"):
        interview = interview.set_answer(field_id, True)
    interview = interview.set_answer("consent_follow_up", False).next()
    interview = interview.set_answer("real_name", "Khalid Haddad")
    while interview.step_id != step:
        if interview.step_id == "narrative":
            interview = interview.set_answer("narrative", NARRATIVE)
        interview = interview.next()
    return interview


@pytest.fixture
def app(tmp_path: Path) -> InterviewApp:
    made = project(tmp_path)
    return make_app(open_laptop(made))


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for the workers, then freeze every cursor's blink (on) so a slow run matches."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for screen in pilot.app.screen_stack:
        for widget in screen.query("Input, TextArea"):
            if isinstance(widget, Input | TextArea):
                widget.cursor_blink = False
    await pilot.pause()


def opened(step: str | None, *keys: str) -> Callable[[Pilot[Any]], Any]:
    """Unlock, open an interview at ``step`` (``None``: stay home) and press ``keys``."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await unlock(pilot)
        app = pilot.app
        assert isinstance(app, InterviewApp)
        if step == "review":
            at_narrative = interview_at("narrative").set_answer("narrative", NARRATIVE)
            app.open_interview(at_narrative.next().next(), None)
        elif step is not None:
            app.open_interview(interview_at(step), None)
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
        await settle(pilot)

    return run_before


def test_unlock_screen(snap_compare: SnapCompare, app: InterviewApp) -> None:
    assert snap_compare(app, run_before=settle, terminal_size=(80, 24))


def test_unlock_wrong_passphrase(snap_compare: SnapCompare, app: InterviewApp) -> None:
    async def wrong(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await unlock(pilot, "this is not it")

    assert snap_compare(app, run_before=wrong, terminal_size=(80, 24))


def test_home_screen(snap_compare: SnapCompare, app: InterviewApp) -> None:
    assert snap_compare(app, run_before=opened(None), terminal_size=(80, 24))


def test_consent_step(snap_compare: SnapCompare, app: InterviewApp) -> None:
    assert snap_compare(app, run_before=opened(None, "n"), terminal_size=(80, 24))


def test_consent_step_with_errors(snap_compare: SnapCompare, app: InterviewApp) -> None:
    assert snap_compare(app, run_before=opened(None, "n", "ctrl+n"), terminal_size=(80, 24))


def test_identity_step_is_marked_protected(snap_compare: SnapCompare, app: InterviewApp) -> None:
    assert snap_compare(app, run_before=opened("identity"), terminal_size=(80, 24))


def test_background_step(snap_compare: SnapCompare, app: InterviewApp) -> None:
    assert snap_compare(app, run_before=opened("background"), terminal_size=(80, 24))


def test_narrative_step(snap_compare: SnapCompare, app: InterviewApp) -> None:
    assert snap_compare(app, run_before=opened("narrative"), terminal_size=(80, 24))


def test_review_screen(snap_compare: SnapCompare, app: InterviewApp) -> None:
    assert snap_compare(app, run_before=opened("review"), terminal_size=(80, 24))


def test_review_after_decisions(snap_compare: SnapCompare, app: InterviewApp) -> None:
    """Khalid masked by the rule (a known identifier), Raqqa kept, 2014 one word longer:
    still masked, with the protocol's reason for it (dates are research content)."""
    run = opened("review", "r", "j", "right")
    assert snap_compare(app, run_before=run, terminal_size=(80, 24))


def test_missed_span_form(snap_compare: SnapCompare, app: InterviewApp) -> None:
    assert snap_compare(app, run_before=opened("review", "m"), terminal_size=(80, 24))


def test_seal_confirmation(snap_compare: SnapCompare, app: InterviewApp) -> None:
    run = opened("review", "a", "a", "a", "ctrl+f")
    assert snap_compare(app, run_before=run, terminal_size=(80, 24))


def test_home_with_drafts(
    snap_compare: SnapCompare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store_fixtures import LAPTOP_PASSPHRASE

    from store import envelope

    ids = iter(f"{number:08x}" * 4 for number in range(0xA1B2C3, 0xA1B2C3 + 99))
    monkeypatch.setattr(envelope, "new_id", lambda: next(ids))
    made = project(tmp_path)
    with open_laptop(made) as store:
        store.unlock(LAPTOP_PASSPHRASE)
        protocol = default_protocol()
        for step in ("identity", "narrative"):
            store.save_draft(
                interview_at(step).to_document(),
                protocol_id=protocol.id,
                protocol_version=protocol.version,
            )
    app = make_app(open_laptop(made))
    assert snap_compare(app, run_before=opened(None), terminal_size=(80, 24))


def test_demo_store_unlock(snap_compare: SnapCompare, tmp_path: Path) -> None:
    from intake.settings import Settings
    from store.demo import DEMO_PASSPHRASE

    made = project(tmp_path)
    settings = Settings(idle_lock_seconds=0, demo=True, demo_passphrase=DEMO_PASSPHRASE)
    app = make_app(open_laptop(made), settings=settings)
    assert snap_compare(app, run_before=settle, terminal_size=(80, 24))


def test_choices_read_without_colour(
    snap_compare: SnapCompare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under NO_COLOR, Yes and No still differ: (•) against ( ), and the chosen line says so."""
    monkeypatch.setenv("NO_COLOR", "1")  # read once, when the app is made
    app = make_app(open_laptop(project(tmp_path)))
    run = opened("background", "down", "space", "tab", "tab", "down", "space")
    assert snap_compare(app, run_before=run, terminal_size=(80, 24))


def test_country_found_by_typing(snap_compare: SnapCompare, app: InterviewApp) -> None:
    run = opened("background", "space", "tab", "s", "y", "r")
    assert snap_compare(app, run_before=run, terminal_size=(80, 24))


def test_credibility_scale_fits_80_columns(snap_compare: SnapCompare, app: InterviewApp) -> None:
    run = opened("interviewer_notes", *["tab"] * 5, "4")
    assert snap_compare(app, run_before=run, terminal_size=(80, 24))


def test_declining_after_answers_asks_first(snap_compare: SnapCompare, app: InterviewApp) -> None:
    run = opened("identity", "ctrl+b", "n", "ctrl+n")
    assert snap_compare(app, run_before=run, terminal_size=(80, 24))


def test_help_screen(snap_compare: SnapCompare, app: InterviewApp) -> None:
    assert snap_compare(app, run_before=opened("identity", "f1"), terminal_size=(80, 24))


def test_step_at_60_columns_keeps_lock_and_quit(
    snap_compare: SnapCompare, app: InterviewApp
) -> None:
    assert snap_compare(app, run_before=opened("background"), terminal_size=(60, 20))


def test_review_at_60_columns(snap_compare: SnapCompare, app: InterviewApp) -> None:
    assert snap_compare(app, run_before=opened("review"), terminal_size=(60, 20))


def test_merge_lists_the_other_entities(snap_compare: SnapCompare, app: InterviewApp) -> None:
    assert snap_compare(app, run_before=opened("review", "M"), terminal_size=(80, 24))


def test_type_change_lists_the_types(snap_compare: SnapCompare, app: InterviewApp) -> None:
    assert snap_compare(app, run_before=opened("review", "j", "t"), terminal_size=(80, 24))


def test_a_mention_split_off_and_retyped(snap_compare: SnapCompare, app: InterviewApp) -> None:
    """The second "Raqqa" split off, made an organisation and masked; the first kept."""
    run = opened("review", "j", "n", "s", "t", "o", "enter", "a", "k", "r")
    assert snap_compare(app, run_before=run, terminal_size=(80, 24))


def test_every_leftover_listed(snap_compare: SnapCompare, app: InterviewApp) -> None:
    run = opened("review", "a", "l")
    assert snap_compare(app, run_before=run, terminal_size=(80, 24))
