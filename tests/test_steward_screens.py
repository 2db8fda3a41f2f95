"""The steward screens, driven by keyboard over a real app and a real unlocked steward store.

Records are typed up with the small household protocol, sealed on the laptop
and carried to the steward store by a bundle (see ``test_steward_functions``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from app_helpers import SIZE, current_screen, every_widget, make_app, shown_text, type_text, unlock
from store_fixtures import STEWARD_PASSPHRASE, Project, make_project
from test_steward_functions import HOUSEHOLD, SOURCE, ScoredAnalyser, answers, carry, typed_up
from textual.pilot import Pilot
from textual.widgets import Button, Checkbox, Input, Static

from intake.app.app import InterviewApp
from intake.app.screens.steward_export import Stage, StewardExportScreen
from intake.app.screens.steward_home import StewardHomeScreen
from intake.app.screens.steward_review import StewardReviewScreen
from intake.app.screens.unlock import UnlockScreen
from intake.app.widgets.menu import Menu
from intake.release import ReleaseSettings, plan_release
from intake.settings import Settings
from intake.steward import open_for_review
from intake.typed_up import interview_from_answers, unreviewed_record
from store.models import RecordStatus
from store.repository import Store

SnapCompare = Callable[..., bool]
pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return make_project(tmp_path)


def steward_app(project: Project, *, demo: bool = False) -> InterviewApp:
    return make_app(
        Store.open(project.steward_dir),
        protocol=HOUSEHOLD,
        settings=Settings(idle_lock_seconds=0, demo=demo),
    )


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def at_steward_home(pilot: Pilot[Any]) -> StewardHomeScreen:
    """Unlock the steward store: the app shows the steward's home by itself."""
    await settle(pilot)
    await unlock(pilot, STEWARD_PASSPHRASE)
    await settle(pilot)
    screen = current_screen(pilot.app)
    assert isinstance(screen, StewardHomeScreen)
    return screen


def stage(screen: StewardExportScreen) -> Stage:
    """The form's stage, read afresh (type checkers keep no narrowing across key presses)."""
    return screen.stage


def text_of(pilot: Pilot[Any], selector: str) -> str:
    return str(current_screen(pilot.app).query_one(selector, Static).render())


def statuses(project: Project) -> list[RecordStatus]:
    with project.steward() as steward:
        return [info.status for info in steward.list_records()]


async def test_home_lists_records_by_status(project: Project) -> None:
    carry(project, [{**typed_up(1), "reviewed": True}, typed_up(2)])
    app = steward_app(project, demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await at_steward_home(pilot)
        assert "2 records: 1 reviewed (exportable), 1 waiting for review" in text_of(
            pilot, "#steward-overview"
        )
        assert "DEMO STORE" in str(current_screen(app).query_one(".demo-banner", Static).render())
        menu = current_screen(app).query_one("#steward-menu", Menu)
        prompts = [menu.line_text(i) for i in range(menu.option_count)]
        assert prompts[0] == "› Export reviewed records (1)", "the highlighted line is marked"
        prompts = [prompt.removeprefix("› ").strip() for prompt in prompts]
        assert prompts[0] == "Export reviewed records (1)"
        assert prompts[1].startswith("Review record") and "waiting for review" in prompts[1]
        assert prompts[2].startswith("Re-review record") and prompts[2].endswith("reviewed")
        assert prompts[-1] == "Lock now"


async def test_re_review_by_keyboard_makes_the_record_exportable(project: Project) -> None:
    [record_id] = carry(project, [typed_up()])
    app = steward_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await at_steward_home(pilot)
        await pilot.press("down", "enter")  # the unreviewed record, below Export
        await settle(pilot)
        screen = current_screen(app)
        assert isinstance(screen, StewardReviewScreen)
        # Tal Afar and Karim, each named in both texts: two entities, one decision each.
        assert "2 to decide" in text_of(pilot, "#steward-review-title")
        await pilot.press("ctrl+f")
        assert "2 entities still to decide" in text_of(pilot, "#steward-review-status")
        await pilot.press("a", "a")
        assert "0 to decide" in text_of(pilot, "#steward-review-title")
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(current_screen(app), StewardHomeScreen)
        assert "1 reviewed (exportable), 0 waiting" in text_of(pilot, "#steward-overview")
        assert not any("Karim" in shown_text(w) for w in every_widget(pilot))
    assert statuses(project) == [RecordStatus.REVIEWED]
    with project.steward() as steward:
        record = steward.open_record(record_id)
        planned = plan_release(steward, ReleaseSettings(k=1, l_diversity=1), protocols=SOURCE)
    assert planned.record_ids == (record_id,)
    assert "Karim" not in json.dumps(record["free_text"]["remarks"]["redacted"])


async def test_leaving_or_locking_a_review_keeps_its_decisions(project: Project) -> None:
    [record_id] = carry(project, [typed_up()])
    app = steward_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await at_steward_home(pilot)
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("r")  # keep the first entity to decide: Tal Afar, in both texts
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(current_screen(app), StewardHomeScreen)
        await pilot.press("u")
        await settle(pilot)
        assert "1 to decide" in text_of(pilot, "#steward-review-title")
        await pilot.press("a")
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(current_screen(app), UnlockScreen)
        assert not any("Yusuf" in shown_text(w) for w in every_widget(pilot))
    assert statuses(project) == [RecordStatus.UNREVIEWED]
    with project.steward() as steward:
        opened = open_for_review(steward, record_id, SOURCE)
    assert sum(len(r.pending) for r in opened.reviews.values()) == 0
    assert [d.action for d in opened.reviews["district_other"].decisions][-2:] == [
        "reject",
        "accept",
    ]
    assert [d.action for d in opened.reviews["remarks"].decisions][-2:] == ["reject", "accept"]


async def test_the_arrows_move_between_and_resize_candidates(project: Project) -> None:
    """The focused text view must not swallow the arrows the review keys use."""
    carry(project, [typed_up()])
    app = steward_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await at_steward_home(pilot)
        await pilot.press("u")
        await settle(pilot)
        status = text_of(pilot, "#steward-review-status")
        assert status.startswith("PLACE, to decide · mention 1 of 2 in 2 texts")
        await pilot.press("right")  # "Tal Afar" becomes "Tal Afar, by", still undecided
        status = text_of(pilot, "#steward-review-status")
        # Still a mention of the same place, named in the remarks too.
        assert status.startswith("PLACE, to decide · mention 1 of 2 in 2 texts")
        assert "span set by the reviewer" in status
        assert text_of(pilot, "#steward-review-preview") == "near Tal Afar, by Karim's shop"
        await pilot.press("left", "right", "a")  # resizing never decides; a masks
        assert text_of(pilot, "#steward-review-preview") == "near [PLACE 1] Karim's shop"
        assert text_of(pilot, "#steward-review-status").startswith("PERSON, to decide")
        await pilot.press("up", "left")  # a masked span stays masked when it shrinks
        assert text_of(pilot, "#steward-review-preview") == "near [PLACE 1], by Karim's shop"


async def test_testimony_is_never_markup_in_the_review(project: Project) -> None:
    words = {"Karim": ("PERSON", 0.3)}
    remarks = "[Abu Omar] and [bold]Karim[/bold] met \x1b[31m here."
    interview = interview_from_answers(
        HOUSEHOLD, answers(remarks=remarks, district=1, district_other=None)
    )
    carry(project, [unreviewed_record(interview, ScoredAnalyser(words))])
    app = steward_app(project)
    async with app.run_test(size=SIZE) as pilot:
        await at_steward_home(pilot)
        await pilot.press("u")
        await settle(pilot)
        preview = text_of(pilot, "#steward-review-preview")
        assert "[Abu Omar] and [bold]Karim[/bold] met ␛[31m here." in preview


async def export_screen(pilot: Pilot[Any]) -> StewardExportScreen:
    await at_steward_home(pilot)
    await pilot.press("e")
    await settle(pilot)
    screen = current_screen(pilot.app)
    assert isinstance(screen, StewardExportScreen)
    return screen


async def test_a_refused_plan_is_shown_first_and_needs_a_reason(
    project: Project, tmp_path: Path
) -> None:
    carry(project, [{**typed_up(n), "reviewed": True} for n in range(2)] + [typed_up(5)])
    out = tmp_path / "export"
    app = steward_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await export_screen(pilot)
        assert screen.query_one("#export-write", Button).disabled
        await pilot.press("ctrl+s")
        assert "Check first" in text_of(pilot, "#export-status")
        await type_text(pilot, str(out))
        await pilot.press("ctrl+r")
        await settle(pilot)
        report = text_of(pilot, "#export-report")
        assert "2 record(s) of household-survey 3 would be exported" in report
        assert "before: 2 records" in report and "after:" in report
        assert "suppressed cells:" in report
        assert "threshold NOT met" in report
        assert "1 unreviewed record(s) left out" in report
        assert stage(screen) is Stage.REFUSED
        assert not out.exists()  # the report came before anything was written
        await pilot.press("ctrl+s")
        assert "type your reason" in text_of(pilot, "#export-status")
        assert not out.exists()
        assert screen.query_one("#export-reason", Input).has_focus
        await type_text(pilot, "pilot data for the team only")
        await pilot.press("enter")
        await settle(pilot)
        assert stage(screen) is Stage.WRITTEN
        assert text_of(pilot, "#export-status").startswith("Exported 2 record(s) as csv")
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["accepted_risk"] == "pilot data for the team only"
    assert manifest["settings"]["k"] == 3 and manifest["settings"]["l"] == 2
    assert manifest["counts"]["skipped_unreviewed"] == 1
    assert all((out / name).exists() for name in ("data.csv", "data.sav", "project.qdpx"))


async def test_the_chosen_settings_are_what_is_written(project: Project, tmp_path: Path) -> None:
    carry(project, [{**typed_up(n), "reviewed": True} for n in range(3)])
    out = tmp_path / "chosen"
    app = steward_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await export_screen(pilot)
        await type_text(pilot, str(out))
        # Tab to the formats: keep csv and jsonl only.
        await pilot.press("tab", "tab", "tab", "space", "tab", "space", "tab", "space")
        await pilot.press("tab", "space", "tab", "space", "tab")
        await pilot.press("ctrl+a", "ctrl+k", "1", "tab", "ctrl+a", "ctrl+k", "1")
        await pilot.press("tab", "tab", "right", "enter")  # ids: per export
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert stage(screen) is Stage.READY
        assert "threshold holds" in text_of(pilot, "#export-report")
        assert not screen.query_one("#export-reason-row").display
        # Changing a setting after the check asks for a new check.
        screen.query_one("#export-k", Input).value = "2"
        await pilot.pause()
        assert stage(screen) is Stage.UNCHECKED
        assert screen.query_one("#export-write", Button).disabled
        screen.query_one("#export-k", Input).value = "1"
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert stage(screen) is Stage.WRITTEN
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["settings"]["formats"] == ["csv", "jsonl"]
    assert manifest["settings"]["k"] == 1 and manifest["settings"]["l"] == 1
    assert manifest["settings"]["pseudonyms"] == "per-export"
    assert manifest["settings"]["audience"] == "project"
    assert manifest["accepted_risk"] is None
    assert sorted(p.name for p in out.iterdir()) == [
        "anonymisation-log.csv",
        "data.csv",
        "data.jsonl",
        "datapackage.json",
        "manifest.json",
    ]


async def test_bad_settings_are_gathered_in_one_line(project: Project) -> None:
    carry(project, [{**typed_up(1), "reviewed": True}])
    app = steward_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await export_screen(pilot)
        for name in ("csv", "jsonl", "parquet", "sav", "dta", "qdpx", "txt"):
            screen.query_one(f"#format-{name}", Checkbox).value = False
        screen.query_one("#export-l", Input).value = "0"
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert text_of(pilot, "#export-status") == (
            "Cannot check: choose at least one format; l must be a whole number of at least 1."
        )
        assert stage(screen) is Stage.UNCHECKED


async def test_an_export_nothing_can_leave_says_why(project: Project) -> None:
    carry(project, [typed_up(1)])
    app = steward_app(project)
    async with app.run_test(size=SIZE) as pilot:
        screen = await export_screen(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert text_of(pilot, "#export-status") == "there are no reviewed records to export"
        assert stage(screen) is Stage.UNCHECKED


def test_export_screen_snapshot(snap_compare: SnapCompare, project: Project) -> None:
    carry(project, [{**typed_up(n), "reviewed": True} for n in range(2)])
    app = steward_app(project, demo=True)

    async def run_before(pilot: Pilot[Any]) -> None:
        await export_screen(pilot)
        await type_text(pilot, "/tmp/never-written")
        await pilot.press("ctrl+r")
        await settle(pilot)

    assert snap_compare(app, run_before=run_before, terminal_size=SIZE)


async def test_a_laptop_store_cannot_open_records_for_review(project: Project) -> None:
    with project.laptop() as laptop:
        laptop.finalise(typed_up(), protocol_id=HOUSEHOLD.id, protocol_version=HOUSEHOLD.version)
    app = make_app(Store.open(project.laptop_dir), protocol=HOUSEHOLD)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await unlock(pilot)
        await app.push_screen(StewardHomeScreen())
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(current_screen(app), StewardHomeScreen)
        assert "cannot open finished records" in text_of(pilot, "#steward-status")
