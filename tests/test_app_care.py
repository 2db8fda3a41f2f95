"""The interview app for a tired interviewer in a hurry: safe defaults, no colour needed.

Each test drives the real app (a real store in a temporary folder, a fixed
analyser) by keyboard at 80x24, or 60x20 where size is the point.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from app_helpers import (
    SIZE,
    at_step,
    choose,
    consented,
    current_screen,
    make_app,
    open_laptop,
    unlock,
)
from rich.console import Console
from store_fixtures import Project
from textual.pilot import Pilot
from textual.widgets import Static

from intake.app.app import InterviewApp
from intake.app.screens.confirm import ConfirmScreen
from intake.app.screens.help import HelpScreen
from intake.app.screens.home import HomeScreen
from intake.app.screens.interview import InterviewScreen
from intake.app.widgets.choices import ChoiceButton, ChoiceList, find_answer
from intake.app.widgets.fields import FieldBox
from intake.flow import Interview
from intake.protocol import default_protocol

pytestmark = pytest.mark.anyio


def screen_text(app: InterviewApp) -> str:
    """What the terminal shows, as plain text, line by line."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), record=True, color_system=None
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()


async def opened(pilot: Pilot[Any], interview: Interview, draft_id: str | None = None) -> None:
    await unlock(pilot)
    app = pilot.app
    assert isinstance(app, InterviewApp)
    app.open_interview(interview, draft_id)
    await pilot.pause()


# 1. Destructive actions ask first, with the safe answer as the default


@pytest.mark.slow
async def test_declining_after_answers_asks_and_enter_keeps_the_interview(project: Project) -> None:
    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await pilot.pause()
        for field_id in ("consent_participation", "consent_quotation", "consent_archiving"):
            await choose(pilot, field_id, 0)
        await choose(pilot, "consent_follow_up", 1)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert store.list_drafts(), "leaving consent saved the draft"
        await pilot.press("ctrl+b")  # back to consent: focus on participation
        await pilot.pause()
        await pilot.press("n", "ctrl+n")  # one stray key, then next
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # the default keeps everything
        await pilot.pause()
        screen = current_screen(app)
        assert isinstance(screen, InterviewScreen)
        assert store.list_drafts(), "Enter must not delete the draft"
        assert "Nothing was deleted" in str(screen.query_one("#step-status", Static).render())
        await pilot.press("ctrl+n", "y")  # asked again; y ends and deletes
        await pilot.pause()
        assert isinstance(current_screen(app), HomeScreen)
        assert not store.list_drafts()
    store.close()


@pytest.mark.slow
async def test_declining_before_any_other_answer_needs_no_question(project: Project) -> None:
    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("n", "ctrl+n")
        await pilot.pause()
        assert isinstance(current_screen(app), HomeScreen)
        assert not isinstance(app.screen, ConfirmScreen)
    store.close()


@pytest.mark.slow
async def test_enter_on_the_home_screens_delete_question_keeps_the_draft(project: Project) -> None:
    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, at_step("identity"))
        await pilot.press("ctrl+s", "escape")
        await pilot.pause()
        assert len(store.list_drafts()) == 1
        await pilot.press("down", "delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert len(store.list_drafts()) == 1
    store.close()


# 2. Selection visible without colour


@pytest.mark.slow
async def test_chosen_and_unchosen_answers_differ_in_text(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, Interview.start(default_protocol()))
        await pilot.press("y")
        await pilot.pause()
        yes, no = app.screen.query_one("#field-consent_participation").query(ChoiceButton)
        assert "(•)" in str(yes.render()) and "( )" in str(no.render())
        text = screen_text(app)
        assert "(•) Yes" in text and "( ) No" in text
        app.go_home()
        await pilot.pause()
        app.open_interview(at_step("background"), None)
        await pilot.pause()
        await choose(pilot, "gender", 1)
        await pilot.pause()
        text = screen_text(app)
        assert "(•) Woman  ✓ chosen" in text
        assert "( ) Man" in text
        assert "Chosen: Woman" in text
    store.close()


# 3. and 10. Fitting 80 columns; quit and lock visible at 60x20


@pytest.mark.slow
async def test_the_credibility_scale_fits_80_columns(project: Project) -> None:
    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, at_step("interviewer_notes"))
        box = next(b for b in app.screen.query(FieldBox) if b.field.id == "credibility")
        box.control.focus()
        # Focusing scrolls the step to the scale; on a busy machine the scroll may take a
        # few frames to land (animations are waited for, a frame at a time, up to a second).
        await pilot.wait_for_scheduled_animations()
        for _ in range(20):
            if "5  Fully credible" in screen_text(app):
                break
            await pilot.pause(0.05)
        text = screen_text(app)
        for label in ("1  Not credible", "3  Partly credible", "5  Fully credible"):
            assert label in text, label
        await pilot.press("4")  # a scale takes its digit at once
        assert box.value() == 4
    store.close()


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_footer_keeps_help_lock_and_quit(project: Project, size: tuple[int, int]) -> None:
    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await opened(pilot, at_step("identity"))
        footer = screen_text(app).splitlines()[-1]
        for key in ("Help", "Lock", "Quit", "Next"):
            assert key in footer, (key, footer)
    store.close()


# 4. Type-to-find, one widget per question type


def test_typing_finds_an_answer_by_its_first_letters() -> None:
    labels = ["Iraq", "Saudi Arabia", "Syria", "Türkiye", "Another country"]
    assert find_answer(labels, "sy") == 2
    assert find_answer(labels, "tur") == 3  # without accents
    assert find_answer(labels, "arab") == 1  # a word inside the label
    assert find_answer(labels, "zz") is None


@pytest.mark.slow
async def test_the_country_list_is_found_by_typing(project: Project) -> None:
    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, at_step("background").set_answer("region_of_origin", 1))
        countries = app.screen.query_one("#field-country", ChoiceList)
        countries.focus()
        await pilot.pause()
        await pilot.press("s", "y", "r")
        await pilot.pause()
        assert countries.highlighted is not None
        assert countries.label_at(countries.highlighted) == "Syria"
        assert "Finding: syr" in screen_text(app)
        await pilot.press("i")  # "syri" still Syria
        await pilot.press("enter")
        await pilot.pause()
        screen = current_screen(app)
        assert isinstance(screen, InterviewScreen)
        screen.collect()
        vocabulary = app.protocol.field("country").vocabulary
        assert vocabulary is not None
        labels = {choice.code: choice.label for choice in vocabulary.choices}
        chosen = screen.interview.answers["country"]
        assert isinstance(chosen, int) and labels[chosen] == "Syria"
    store.close()


def test_one_widget_per_question_type_whatever_the_length() -> None:
    from intake.protocol.model import FieldType

    protocol = default_protocol()
    kinds: dict[FieldType, set[type]] = {}
    for field in protocol.fields:
        if field.type in (FieldType.SINGLE_CHOICE, FieldType.MULTIPLE_CHOICE, FieldType.SCALE):
            kinds.setdefault(field.type, set()).add(type(FieldBox(field, None).control))
    assert kinds and all(found == {ChoiceList} for found in kinds.values()), kinds


# 5. and 6. The focused question stays in view; messages clear with their cause


@pytest.mark.slow
async def test_a_question_that_appears_keeps_the_focused_one_in_view(project: Project) -> None:
    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, at_step("joining"))
        motivations = app.screen.query_one("#field-motivations", ChoiceList)
        motivations.focus()
        await pilot.pause()
        form = app.screen.query_one("#step-form")
        assert form.scroll_y > 0, "the question is below the first screenful"
        await pilot.press("space")  # the first motivation brings its follow-up questions
        await pilot.pause()
        await pilot.pause()
        focused = app.focused
        assert isinstance(focused, ChoiceList) and focused.id == "field-motivations"
        assert form.scroll_y > 0, "the view must not jump to the top"
        assert form.region.overlaps(focused.region), "the focused question is on screen"
        await pilot.press("down", "down", "space")
        await pilot.pause()
        again = app.focused
        assert isinstance(again, ChoiceList) and again.highlighted == 2, "the cursor stays put"
        assert len(again.chosen) == 2
    store.close()


@pytest.mark.slow
async def test_the_attention_count_clears_once_the_questions_are_answered(project: Project) -> None:
    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        status = app.screen.query_one("#step-status", Static)
        assert "4 questions need attention" in str(status.render())
        await pilot.press("y")
        await pilot.pause()
        assert "3 questions need attention" in str(status.render())
        for field_id in ("consent_quotation", "consent_archiving", "consent_follow_up"):
            await choose(pilot, field_id, 0)
        await pilot.pause()
        assert "need attention" not in str(status.render())
    store.close()


# Help on ? and F1


@pytest.mark.parametrize(
    ("step", "key"),
    [("identity", "f1"), ("background", "question_mark")],  # ? types into a text box
)
async def test_help_lists_the_screens_keys_and_purpose(
    project: Project, step: str, key: str
) -> None:
    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, at_step(step))
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "One step of the interview" in text
        assert "Check this step and go on" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(current_screen(app), InterviewScreen)
        assert not app.screen.is_modal
    store.close()


# 7. Review text reflows on resize


LONG = (
    "My brother Khalid went to Raqqa in 2014 and stayed with the group for two years, "
    "working in a kitchen near the river, and he wrote to us from there only once. "
    "When he came back he did not speak about it for months, and then one evening he "
    "told our mother everything about the men he had met and the places he had seen."
)


def review_rows(app: InterviewApp) -> list[str]:
    """The rows of the review's text view as the terminal shows them."""
    from intake.app.widgets.review_text import ReviewText

    region = app.screen.query_one(ReviewText).scrollable_content_region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return [line[region.x : region.right].rstrip() for line in lines]


@pytest.mark.slow
async def test_review_text_reflows_when_the_terminal_grows(project: Project) -> None:
    store = open_laptop(project)
    app = make_app(store)
    narrative = LONG + "\n\nKhalid wrote to us once from Raqqa."
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        interview = at_step("narrative").set_answer("narrative", narrative)
        app.open_interview(interview.next().next(), None)
        await app.workers.wait_for_complete()
        await pilot.pause()
        for size in ((120, 40), (60, 20), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            rows = [row for row in review_rows(app) if row]
            shown = " ".join(" ".join(rows).split())
            assert shown.startswith(" ".join(narrative.split())[: len(shown)]), size
    store.close()


async def test_keys_typed_right_after_tab_go_to_the_next_question(project: Project) -> None:
    """A name typed fast after Tab must not land in the question before (maybe not protected)."""
    from textual import events
    from textual.widgets import Input

    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, at_step("identity"))
        first = app.screen.query_one("#field-real_name", Input)
        first.focus()
        await pilot.pause()
        for key, character in [("A", "A"), ("b", "b"), ("tab", None), ("C", "C"), ("d", "d")]:
            app.post_message(events.Key(key, character))  # all arrive before any is handled
        await pilot.pause()
        await pilot.pause()
        second = app.screen.query_one("#field-aliases", Input)
        assert (first.value, second.value) == ("Ab", "Cd")
    store.close()


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_review_title_keeps_its_counts_and_cuts_the_label(
    project: Project, size: tuple[int, int]
) -> None:
    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await unlock(pilot)
        interview = at_step("narrative").set_answer("narrative", "Khalid went to Raqqa.")
        while interview.step_id != "interviewer_notes":
            interview = interview.next()
        interview = interview.set_answer("notes", "Calm; Khalid's brother waited outside.")
        app.open_interview(interview.next(), None)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("tab")  # the notes, whose label is long
        await pilot.pause()
        title = screen_text(app).splitlines()[0]
        assert "text 2 of 2" in title and "to decide" in title
        assert title.rstrip().endswith("…")
    store.close()


@pytest.mark.slow
async def test_answers_typed_fast_across_questions_land_where_they_were_meant(
    project: Project,
) -> None:
    """y, Tab, y, Tab, y, Tab, n arriving at once answer the four consent questions in order."""
    from textual import events

    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, Interview.start(default_protocol()))
        keys = ["y", "tab", "y", "tab", "y", "tab", "n"]
        for key in keys:
            app.post_message(events.Key(key, "\t" if key == "tab" else key))
        await pilot.pause()
        await pilot.pause()
        screen = current_screen(app)
        assert isinstance(screen, InterviewScreen)
        screen.collect()
        assert screen.interview.answers == {
            "consent_participation": True,
            "consent_quotation": True,
            "consent_archiving": True,
            "consent_follow_up": False,
        }
        app.go_home()
        await pilot.pause()
        app.open_interview(at_step("background").set_answer("region_of_origin", 1), None)
        await pilot.pause()
        app.screen.query_one("#field-age_band", ChoiceList).focus()
        await pilot.pause()
        for key in ["down", "space", "tab", "down", "down", "space"]:
            app.post_message(events.Key(key, " " if key == "space" else None))
        await pilot.pause()
        await pilot.pause()
        screen = current_screen(app)
        assert isinstance(screen, InterviewScreen)
        screen.collect()
        answers = screen.interview.answers
        assert (answers["age_band"], answers["gender"]) == (
            app.screen.query_one("#field-age_band", ChoiceList).chosen[0],
            app.screen.query_one("#field-gender", ChoiceList).chosen[0],
        )
        assert app.screen.query_one("#field-age_band", ChoiceList).highlighted == 1
        assert app.screen.query_one("#field-gender", ChoiceList).highlighted == 2
    store.close()


@pytest.mark.slow
async def test_locking_removes_the_list_of_leftovers(project: Project) -> None:
    """The list quotes testimony around each leftover: locking leaves none of it on screen."""
    from app_helpers import every_widget, shown_text

    from intake.app.screens.leftovers import LeftoversScreen
    from intake.app.screens.unlock import UnlockScreen

    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        interview = at_step("narrative").set_answer("narrative", "Khalid met Zarqawi in 2014.")
        app.open_interview(interview.next().next(), None)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LeftoversScreen)
        assert "Zarqawi" in screen_text(app)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        assert not any(isinstance(s, LeftoversScreen) for s in app.screen_stack)
        assert not any("Zarqawi" in shown_text(widget) for widget in every_widget(pilot))
    store.close()


@pytest.mark.slow
async def test_no_then_next_arriving_together_still_asks(project: Project) -> None:
    """A stray n and ctrl+n in one burst: the No is read, and ending the interview is asked."""
    from textual import events

    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot, consented())
        app.post_message(events.Key("n", "n"))
        app.post_message(events.Key("ctrl+n", None))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
    store.close()
