"""The interview app with the real store and the real language model, driven by Pilot."""

from __future__ import annotations

from typing import Any

import pytest
from anon_fixtures import anonymiser
from app_helpers import (
    PASSPHRASE,
    SIZE,
    choose,
    current_screen,
    every_widget,
    interview_in_review,
    make_app,
    open_laptop,
    set_text,
    shown_text,
    type_text,
    unlock,
)
from store_fixtures import Project
from textual.widgets import TextArea

from anonymise.analyser import Anonymiser
from intake.app.screens.home import HomeScreen
from intake.app.screens.interview import InterviewScreen
from intake.app.screens.review import ReviewScreen
from intake.app.screens.unlock import WRONG, UnlockScreen
from intake.codec import RECORD_FORMAT
from intake.protocol import default_protocol
from store.models import RecordStatus
from store.repository import Store

__all__ = ["anonymiser"]  # the session's model, a fixture

CANARY = "Zubaydi-canary-7741"
pytestmark = [pytest.mark.anyio, pytest.mark.slow]


async def consent_all(pilot: object) -> None:
    """Answer yes to the four consent questions by keyboard and go on."""
    for field_id in ("consent_participation", "consent_quotation", "consent_archiving"):
        await choose(pilot, field_id, 0)  # type: ignore[arg-type]
    await choose(pilot, "consent_follow_up", 1)  # type: ignore[arg-type]
    await pilot.press("ctrl+n")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_wrong_passphrase_then_right(project: Project) -> None:
    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(current_screen(app), UnlockScreen)
        await unlock(pilot, "not the passphrase at all")
        assert isinstance(current_screen(app), UnlockScreen)
        assert WRONG in str(app.screen.query_one("#unlock-status").render())
        assert not store.is_unlocked
        await unlock(pilot)
        assert isinstance(current_screen(app), HomeScreen)
    store.close()


async def test_complete_interview_to_sealed_record(
    project: Project, anonymiser: Anonymiser
) -> None:
    store = open_laptop(project)
    app = make_app(store, anonymiser)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(current_screen(app), InterviewScreen)
        await consent_all(pilot)
        screen = current_screen(app)
        assert isinstance(screen, InterviewScreen)
        assert screen.interview.step_id == "identity"
        assert screen.has_class("protected-step")
        assert store.list_drafts(), "leaving consent saves the draft"
        set_text(pilot, "real_name", "Khalid Haddad")
        set_text(pilot, "kunya", "Abu Omar")
        set_text(pilot, "home_town", "Tel Abyad")
        while screen.interview.step_id != "narrative":
            await pilot.press("ctrl+n")
            await pilot.pause()
        editor = screen.query_one("#field-narrative", TextArea)
        editor.focus()
        await type_text(pilot, "Abu Omar said ")
        editor.insert("that Khalid Haddad left Tel Abyad for Raqqa in 2014 with the Islamic State.")
        while current_screen(app) is screen:
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert isinstance(current_screen(app), ReviewScreen)
        review_screen = current_screen(app)
        assert isinstance(review_screen, ReviewScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert review_screen.reviews is not None
        review = review_screen.reviews["narrative"]
        kinds = {item.candidate.entity_type for item in review.items}
        assert {"PERSON", "PLACE"} <= kinds
        pending = len(review.pending)
        first = review_screen.entity
        assert first is not None
        await pilot.press("r")  # keep the first entity: every mention of it
        await pilot.pause()
        # The interviewee's name arrives masked by the rule; "r" keeps it, every mention.
        assert review_screen.state is not None
        assert review_screen.state.status(first) == "rejected"
        for _ in range(20):  # back to it, and mask it after all
            if review_screen.entity is not None and review_screen.entity.id == first.id:
                break
            await pilot.press("k")
        await pilot.press("a")
        await pilot.pause()
        assert review_screen.state.status(first) == "accepted"
        for _ in range(3 * pending):
            current = review_screen.current
            if current is None or not any(r.pending for r in review_screen.reviews.values()):
                break
            # a reviewer keeps the words of the research ("Islamic" of "Islamic State")
            await pilot.press("r" if current.entity_type == "NATIONALITY" else "a")
            await pilot.pause()
        assert not any(r.pending for r in review_screen.reviews.values())
        preview = str(review_screen.query_one("#review-preview").render())
        assert "Khalid" not in preview and "Abu Omar" not in preview
        assert "Islamic State" in preview
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(current_screen(app), HomeScreen)
    records = store.list_records()
    assert [r.status for r in records] == [RecordStatus.REVIEWED]
    assert store.list_drafts() == []
    store.close()
    with project.steward() as steward:
        steward_records = steward.list_records()
        assert steward_records == []  # the record reaches the steward only in a bundle
    document = _open_sealed(project, records[0].record_id)
    assert document["format"] == RECORD_FORMAT
    assert document["reviewed"] is True
    assert document["identity"]["real_name"] == "Khalid Haddad"
    assert "real_name" not in document["answers"]
    assert document["answers"]["consent_participation"] is True
    narrative = document["free_text"]["narrative"]
    assert "Khalid" not in narrative["redacted"]
    assert "Tel Abyad" not in narrative["redacted"]
    assert "[PERSON 1]" in narrative["redacted"]
    assert "Khalid Haddad" in document["pseudonyms"]
    assert all(c["status"] != "pending" for c in narrative["candidates"])


def is_unlocked(store: Store) -> bool:
    """Whether the store is unlocked, read afresh."""
    return store.is_unlocked


def _open_sealed(project: Project, record_id: str) -> dict[str, Any]:
    """Carry the record to the steward in a bundle and open it there."""
    from store.bundle import export_bundle, import_bundle

    bundle = project.laptop_dir.parent / "bundle.tib"
    with project.laptop() as laptop:
        export_bundle(laptop, bundle)
        fingerprint = laptop.device_fingerprint
    with project.steward() as steward:
        import_bundle(steward, bundle, enrol_fingerprint=fingerprint)
        return steward.open_record(record_id)


async def test_declined_consent_stores_nothing(project: Project) -> None:
    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("n")  # "no" to participation, by its key
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(current_screen(app), HomeScreen)
    assert store.list_drafts() == []
    assert store.list_records() == []
    actions = [row[0] for row in store.db.execute("SELECT action FROM audit").fetchall()]
    assert not [action for action in actions if action.startswith(("draft", "record"))]
    store.close()


async def test_declining_after_a_draft_deletes_it(project: Project) -> None:
    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await pilot.pause()
        await consent_all(pilot)
        assert len(store.list_drafts()) == 1
        await pilot.press("ctrl+b")
        await pilot.pause()
        await choose(pilot, "consent_participation", 1)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert store.list_drafts(), "asked first: nothing deleted yet"
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(current_screen(app), HomeScreen)
    assert store.list_drafts() == []
    actions = [row[0] for row in store.db.execute("SELECT action FROM audit").fetchall()]
    assert actions == ["store.create"]  # not even the fact that a draft was saved
    store.close()


async def test_missing_answer_is_shown_next_to_the_question(project: Project) -> None:
    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        screen = current_screen(app)
        assert isinstance(screen, InterviewScreen)
        assert screen.interview.step_id == "consent"
        error = screen.query_one("#box-consent_participation .field-error")
        assert "needs an answer" in str(error.render())
        assert "4 questions need attention" in str(screen.query_one("#step-status").render())
    store.close()


async def test_invalid_year_is_rejected_beside_the_field(project: Project) -> None:
    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await pilot.pause()
        await consent_all(pilot)
        screen = current_screen(app)
        assert isinstance(screen, InterviewScreen)
        while screen.interview.step_id != "joining":
            await pilot.press("ctrl+n")
            await pilot.pause()
        set_text(pilot, "join_year", "twenty")
        await pilot.pause()
        assert "year" in str(screen.query_one("#box-join_year .field-error").render()).lower()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen.interview.step_id == "joining"
        set_text(pilot, "join_year", "2014")
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen.interview.step_id != "joining"
        assert screen.interview.answers["join_year"] == 2014
    store.close()


async def test_lock_clears_every_widget_and_unlock_reopens_the_draft(project: Project) -> None:
    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await pilot.pause()
        await consent_all(pilot)
        set_text(pilot, "real_name", CANARY)
        await pilot.pause()
        assert any(CANARY in shown_text(w) for w in every_widget(pilot))
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(current_screen(app), UnlockScreen)
        assert not store.is_unlocked
        assert len(app.screen_stack) == 2
        for widget in every_widget(pilot):
            assert CANARY not in shown_text(widget)
        assert CANARY not in app.export_screenshot()
        await unlock(pilot)
        screen = current_screen(app)
        assert isinstance(screen, InterviewScreen)
        assert screen.interview.step_id == "identity"
        assert screen.interview.answers["real_name"] == CANARY
    store.close()


async def test_idle_lock(project: Project) -> None:
    from app_helpers import FixedAnalyser

    from intake.app.app import InterviewApp
    from intake.protocol import default_protocol
    from intake.settings import Settings

    now = [0.0]
    store = open_laptop(project)
    app = InterviewApp(
        store,
        FixedAnalyser,
        default_protocol(),
        Settings(idle_lock_seconds=60),
        clock=lambda: now[0],
    )
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        assert isinstance(current_screen(app), HomeScreen)
        now[0] = 30.0
        app.lock_if_idle()
        assert store.is_unlocked
        await pilot.press("down")
        now[0] = 89.0
        app.lock_if_idle()
        assert store.is_unlocked
        now[0] = 91.0
        app.lock_if_idle()
        await pilot.pause()
        assert isinstance(current_screen(app), UnlockScreen)
        assert not is_unlocked(store)
        assert "without input" in str(app.screen.query_one("#unlock-reason").render())
    store.close()


async def test_markup_and_escape_sequences_show_as_typed(project: Project) -> None:
    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await pilot.pause()
        await consent_all(pilot)
        field = app.screen.query_one("#field-real_name")
        field.focus()
        await type_text(pilot, "[Abu Omar] [bold]x[/bold]")
        await pilot.pause()
        screen_text = app.export_screenshot()
        assert "[Abu Omar] [bold]x[/bold]" in _plain(screen_text)
        set_text(pilot, "aliases", "\x1b[31mred\x1b[0m")
        await pilot.pause()
        shot = app.export_screenshot()
        assert "\x1b" not in shot
        assert "[31mred" in _plain(shot)
    store.close()


def _plain(svg: str) -> str:
    """The text of an SVG screenshot, without its markup (spaces are &#160;)."""
    import html
    import re

    text = re.sub(r"<[^>]+>", "", svg)
    return html.unescape(text).replace("\xa0", " ")


async def test_copy_is_refused(project: Project) -> None:
    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await pilot.pause()
        await consent_all(pilot)
        set_text(pilot, "real_name", CANARY)
        field = app.screen.query_one("#field-real_name")
        field.focus()
        await pilot.press("ctrl+a", "shift+end", "ctrl+c")
        await pilot.pause()
        assert CANARY not in app.clipboard
    store.close()


async def test_review_decisions_survive_a_lock(project: Project) -> None:
    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        app.open_interview(interview_in_review("Khalid went to Raqqa in 2014."), None)
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = current_screen(app)
        assert isinstance(screen, ReviewScreen)
        await pilot.press("a", "r")
        await pilot.pause()
        before = screen.reviews
        assert before is not None
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(current_screen(app), UnlockScreen)
        await unlock(pilot)
        resumed = current_screen(app)
        assert isinstance(resumed, ReviewScreen)
        assert resumed.reviews is not None
        assert resumed.reviews["narrative"].items == before["narrative"].items
        assert resumed.reviews["narrative"].decisions == before["narrative"].decisions
        statuses = [item.status for item in resumed.reviews["narrative"].items]
        assert statuses == ["accepted", "rejected", "accepted"]  # the year: settled, masked
    store.close()


async def test_lock_with_a_form_open_clears_it(project: Project) -> None:
    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        app.open_interview(interview_in_review("Khalid went to Raqqa in 2014."), None)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await type_text(pilot, CANARY)
        assert any(CANARY in shown_text(w) for w in every_widget(pilot))
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(current_screen(app), UnlockScreen)
        assert len(app.screen_stack) == 2
        assert not any(CANARY in shown_text(w) for w in every_widget(pilot))
        assert not any("Khalid" in shown_text(w) for w in every_widget(pilot))
    store.close()


async def test_quit_saves_the_draft(project: Project) -> None:
    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await pilot.pause()
        await consent_all(pilot)
        set_text(pilot, "kunya", CANARY)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not is_unlocked(store)
    store.unlock(PASSPHRASE)
    [draft] = store.list_drafts()
    assert store.load_draft(draft.draft_id)["answers"]["kunya"] == CANARY
    store.close()


async def test_cut_does_not_delete_testimony(project: Project) -> None:
    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await pilot.pause()
        await consent_all(pilot)
        set_text(pilot, "relatives", CANARY)
        field = app.screen.query_one("#field-relatives", TextArea)
        field.focus()
        await pilot.press("ctrl+x")
        await pilot.pause()
        assert field.text == CANARY
        assert CANARY not in app.clipboard
    store.close()


async def test_second_protocol_choices_survive_a_lock(project: Project) -> None:
    from conftest import TESTS
    from intake.protocol import load_protocol

    protocol = load_protocol(TESTS / "data" / "protocols" / "household-survey.yaml")
    store = open_laptop(project)
    app = make_app(store, protocol=protocol)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("y", "ctrl+n")
        await pilot.pause()
        await type_text(pilot, "Amina")
        await pilot.press("tab", "down", "down", "down", "enter")
        await pilot.pause()
        await pilot.press("tab")
        await type_text(pilot, "Old Town")
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        await unlock(pilot)
        screen = current_screen(app)
        assert isinstance(screen, InterviewScreen)
        await pilot.press("tab")
        await pilot.pause()
        expected = {
            "agrees": True,
            "head_name": "Amina",
            "district": 9,
            "district_other": "Old Town",
        }
        assert dict(screen.interview.answers) == expected
        assert screen.query_one("#field-district_other").display
    store.close()


async def test_a_failing_model_is_reported_in_one_line_without_its_error(project: Project) -> None:
    from intake.app.app import FAILURES, InterviewApp
    from intake.settings import Settings

    def broken() -> Any:
        raise RuntimeError(f"model exploded near {CANARY}")

    store = open_laptop(project)
    app = InterviewApp(store, broken, default_protocol(), Settings(idle_lock_seconds=0))
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.model_failed
        await unlock(pilot)
        assert isinstance(current_screen(app), HomeScreen)
        texts = [shown_text(w) for w in every_widget(pilot)]
        assert any(FAILURES["model"] in text for text in texts)
        assert not any(CANARY in text for text in texts)
        notes = [str(n.message) for n in app._notifications]
        assert FAILURES["model"] in notes and not any(CANARY in n for n in notes)
        app.open_interview(interview_in_review("Khalid went to Raqqa."), None)
        await pilot.pause()
        assert FAILURES["model"] in str(app.screen.query_one("#review-status").render())
    store.close()


async def test_typing_straight_after_next_reaches_the_new_step(project: Project) -> None:
    from textual import events

    store = open_laptop(project)
    app = make_app(store)

    def send(*keys: str) -> None:
        for key in keys:
            character = " " if key == "space" else (key if len(key) == 1 else None)
            app.post_message(events.Key(key, character))

    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("y", "tab", "y", "tab", "y", "tab", "n")
        await pilot.pause()
        # keys as a fast typist sends them: all queued before any step is drawn
        send("ctrl+n", *"Samir")
        send(*["ctrl+n"] * 7, *"Abu", "space", *"said")
        send("ctrl+n", "ctrl+n")
        for _ in range(10):
            await pilot.pause()
        await app.workers.wait_for_complete()
        screen = current_screen(app)
        assert isinstance(screen, ReviewScreen)
        assert screen.interview.answers.get("real_name") == "Samir"
        assert screen.interview.answers.get("narrative") == "Abu said"
    store.close()


def test_a_crash_prints_one_fixed_line_without_locals(project: Project) -> None:
    from intake.app.app import CRASH_LINE

    store = open_laptop(project)
    app = make_app(store)
    testimony = f"the narrator {CANARY} said"
    try:
        raise RuntimeError(testimony)
    except RuntimeError:
        app._fatal_error()
    printed = [str(renderable) for renderable in app._exit_renderables]
    assert printed == [CRASH_LINE]
    store.close()


async def test_the_arrows_resize_and_move_between_candidates(project: Project) -> None:
    """The focused text view must not swallow the arrows the review keys use."""
    store = open_laptop(project)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        app.open_interview(interview_in_review("Khalid went to Raqqa in 2014."), None)
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = current_screen(app)
        assert isinstance(screen, ReviewScreen)
        await pilot.press("k", "right")  # back to Khalid (settled: the review opens past him)
        await pilot.pause()
        assert screen.reviews is not None
        first = screen.reviews["narrative"].items[0].candidate
        assert "Khalid went to Raqqa in 2014."[first.start : first.end] == "Khalid went"
        await pilot.press("down", "a")
        await pilot.pause()
        statuses = [item.status for item in screen.reviews["narrative"].items]
        assert statuses[1] == "accepted"
    store.close()
