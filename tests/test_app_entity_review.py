"""The review by entity at 80x24, driven by keyboard over the real store and the real model.

One decision masks or keeps every mention of an entity, in every text; the
reviewer merges two entities, splits a mention off and changes a type; going
back to fix an answer keeps every decision over the texts left unchanged. The
sealed record follows the review: one pseudonym per entity as the reviewer left
it, and the steward's re-review opens with the same entities.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from app_helpers import SIZE, current_screen, make_app, open_laptop, project, set_text, unlock
from store_fixtures import Project
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from anonymise.analyser import Anonymiser
from anonymise.entities import Entity
from intake.app.screens.entity_choice import EntityChoiceScreen, TypeChoiceScreen
from intake.app.screens.interview import InterviewScreen
from intake.app.screens.review import ReviewScreen
from intake.flow import Interview, Stage
from intake.protocol import default_protocol
from intake.steward import open_for_review, protocol_source

pytestmark = pytest.mark.anyio

NARRATIVE = (
    "Karim Benali was born in Tunis. Everyone called him Abu Hamza. When Mr Benali "
    "reached Raqqa he met the Professor, a smuggler called Faisal Omran. Omran took him "
    "to Turkey in 2015. His wife, Salma Trabelsi, stayed in Sfax."
)
NOTES = "Benali was calm. Salma joined later. The Professor has a scar."


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
def anonymiser() -> Anonymiser:
    """The real analyser, built once for the module (it takes seconds)."""
    return Anonymiser()


@pytest.fixture
def made(tmp_path: Path) -> Iterator[Project]:
    yield project(tmp_path)


def in_review(notes: str = NOTES) -> Interview:
    """A default-protocol interview with a name, a kunya, a narrative and notes, in review."""
    interview = Interview.start(default_protocol())
    for field_id in ("consent_participation", "consent_quotation", "consent_archiving"):
        interview = interview.set_answer(field_id, True)
    interview = interview.set_answer("consent_follow_up", False).next()
    interview = interview.set_answer("real_name", "Karim Benali").set_answer("kunya", "Abu Hamza")
    while interview.stage is not Stage.REVIEW:
        if interview.step_id == "narrative":
            interview = interview.set_answer("narrative", NARRATIVE)
        if interview.step_id == "interviewer_notes":
            interview = interview.set_answer("notes", notes)
        interview = interview.next()
    return interview


async def open_review(pilot: Pilot[Any], interview: Interview) -> ReviewScreen:
    """Unlock, open the interview in review and wait for the analysis."""
    await unlock(pilot)
    pilot.app.open_interview(interview, None)  # type: ignore[attr-defined]
    return await analysed(pilot)


async def analysed(pilot: Pilot[Any]) -> ReviewScreen:
    """The review screen once its analysis is done (its worker may start a moment late)."""
    for _ in range(200):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = current_screen(pilot.app)
        if isinstance(screen, ReviewScreen) and screen.state is not None:
            return screen
    raise AssertionError("the review was never ready")


def entity(screen: ReviewScreen) -> Entity:
    """The entity being decided, read afresh."""
    chosen = screen.entity
    assert chosen is not None
    return chosen


def words(screen: ReviewScreen, chosen: Entity) -> list[str]:
    """The words of every mention of an entity."""
    assert screen.state is not None
    return [screen.state.surface(m) for m in chosen.mentions]


async def go_to(pilot: Pilot[Any], screen: ReviewScreen, mention: str) -> None:
    """Press j until the entity shown has a mention ``mention``, then n until it is shown."""
    for _ in range(40):
        if mention in words(screen, entity(screen)):
            break
        await pilot.press("j")
    assert mention in words(screen, entity(screen))
    for _ in range(len(entity(screen).mentions)):
        current = screen.current
        assert current is not None and screen.review is not None
        if screen.review.text[current.start : current.end] == mention:
            return
        await pilot.press("n")
    raise AssertionError(f"no mention {mention!r}")


def statuses(screen: ReviewScreen, chosen: Entity) -> set[str]:
    assert screen.state is not None
    reviews = screen.state.reviews
    return {reviews[m.text_id].status(screen.state.candidate(m)) for m in chosen.mentions}


def redacted(screen: ReviewScreen, field_id: str) -> str:
    """The text as the record will redact it, with the record's pseudonyms."""
    state = screen.state
    assert state is not None
    pseudonyms = state.numbered(screen._policy).pseudonyms(field_id)
    return state.reviews[field_id].preview(screen._policy, pseudonyms).text


async def test_one_decision_masks_every_mention_in_every_text(
    made: Project, anonymiser: Anonymiser
) -> None:
    store = open_laptop(made)
    app = make_app(store, anonymiser)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot, in_review())
        await go_to(pilot, screen, "Abu Hamza")
        person = entity(screen)
        # The full name, the kunya, "Benali" of "Mr Benali" and "Benali" in the notes.
        assert sorted(words(screen, person)) == ["Abu Hamza", "Benali", "Benali", "Karim Benali"]
        assert {m.text_id for m in person.mentions} == {"narrative", "notes"}
        # The interviewee's own name is a known identifier: it arrives masked by that rule.
        assert statuses(screen, person) == {"accepted"}
        assert "settled: a known identifier" in str(screen.query_one("#review-status").render())
        left = len(screen.state.pending) if screen.state else 0
        await pilot.press("r")
        await pilot.pause()
        assert statuses(screen, person) == {"rejected"}
        await go_to(pilot, screen, "Abu Hamza")
        await pilot.press("a")
        await pilot.pause()
        assert statuses(screen, person) == {"accepted"}
        assert screen.state is not None and len(screen.state.pending) == left
        assert f"{left} to decide" in str(screen.query_one("#review-title").render())
        narrative, notes = redacted(screen, "narrative"), redacted(screen, "notes")
        assert "Benali" not in narrative + notes and "Abu Hamza" not in narrative
        assert narrative.count("[PERSON 1]") >= 3 and notes.startswith("[PERSON 1] was calm")
        # The list of entities shows the decision without colour.
        listing = screen.query_one("#review-entities", OptionList)
        lines = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert any(line.startswith("M PERSON Karim Benali") for line in lines)
        await pilot.press("r")  # the next entity is kept: every mention of it
        await pilot.pause()
    store.close()


async def test_merge_two_entities_gives_them_one_pseudonym(
    made: Project, anonymiser: Anonymiser
) -> None:
    """The smuggler is "the Professor": the reviewer says they are one person."""
    store = open_laptop(made)
    app = make_app(store, anonymiser)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot, in_review())
        await go_to(pilot, screen, "Faisal Omran")
        smuggler = entity(screen)
        await go_to(pilot, screen, "Professor")
        nickname = entity(screen)
        assert nickname.id != smuggler.id
        await pilot.press("M")
        await pilot.pause()
        modal = current_screen(app)
        assert isinstance(modal, EntityChoiceScreen)
        modal.query_one(Input).value = "omran"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert current_screen(app) is screen
        merged = entity(screen)
        assert set(words(screen, merged)) == {"Faisal Omran", "Omran", "Professor"}
        assert merged.entity_type == "PERSON"
        assert len(merged.mentions) == len(smuggler.mentions) + len(nickname.mentions)
        await pilot.press("a")
        await pilot.pause()
        narrative, notes = redacted(screen, "narrative"), redacted(screen, "notes")
        pseudonym = next(e.pseudonym for e in screen.state.numbered() if e.id == merged.id)  # type: ignore[union-attr]
        # "smuggler" is an occupation: the protocol's policy masks it on arrival.
        smuggler_masked = f"a [OCCUPATION 1] called {pseudonym}. {pseudonym} took"
        assert f"the {pseudonym}, {smuggler_masked}" in narrative
        assert f"The {pseudonym} has a scar" in notes
        # Escape closes the list without merging anything.
        await pilot.press("j", "M")
        await pilot.pause()
        assert isinstance(current_screen(app), EntityChoiceScreen)
        before = screen.state
        await pilot.press("escape")
        await pilot.pause()
        assert current_screen(app) is screen and screen.state is before
    store.close()


async def test_split_a_mention_off_and_change_its_type(
    made: Project, anonymiser: Anonymiser
) -> None:
    """ "Salma" in the notes is another Salma: split off, she gets a pseudonym of her own."""
    store = open_laptop(made)
    app = make_app(store, anonymiser)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot, in_review())
        await go_to(pilot, screen, "Salma Trabelsi")
        wife = entity(screen)
        assert "Salma" in words(screen, wife)
        await go_to(pilot, screen, "Salma")
        assert screen.field_ids[screen.field_index] == "notes"
        await pilot.press("s")
        await pilot.pause()
        alone = entity(screen)
        assert alone.id != wife.id and words(screen, alone) == ["Salma"]
        assert screen.state is not None
        rest = screen.state.entities.get(wife.id)
        assert words(screen, rest) == ["Salma Trabelsi"]
        await pilot.press("s")  # one mention: nothing to split
        await pilot.pause()
        assert "nothing to split off" in str(screen.query_one("#review-status").render())
        await pilot.press("a")
        await pilot.pause()
        await go_to(pilot, screen, "Salma Trabelsi")
        await pilot.press("a")
        await pilot.pause()
        assert "Salma" not in redacted(screen, "notes") + redacted(screen, "narrative")
        pseudonyms = {e.id: e.pseudonym for e in screen.state.numbered()}
        assert pseudonyms[alone.id] and pseudonyms[alone.id] != pseudonyms[wife.id]
        # A type change: "Sfax" is a place whatever the model said; t, then p for Place.
        await go_to(pilot, screen, "Sfax")
        await pilot.press("t")
        await pilot.pause()
        modal = current_screen(app)
        assert isinstance(modal, TypeChoiceScreen)
        await pilot.press("o", "enter")  # o: Organisation
        await pilot.pause()
        town = entity(screen)
        assert town.entity_type == "ORGANISATION"
        typed = screen.state.typed(town.first.text_id)
        assert {c.entity_type for c in typed.candidates if c.start == town.first.key[1]} == {
            "ORGANISATION"
        }
        # The review keeps the analyser's type, so that a text analysed again links as before.
        assert screen.state.candidate(town.first).entity_type == "PLACE"
        # A letter jumps to the next type it begins: from Organisation p is Phone, then Person.
        await pilot.press("t", "p", "p", "enter")
        await pilot.pause()
        assert entity(screen).entity_type == "PERSON"
        await pilot.press("t", "p", "enter")  # from Person, p is Place
        await pilot.pause()
        assert entity(screen).entity_type == "PLACE"
        await pilot.press("a")
        await pilot.pause()
        assert redacted(screen, "narrative").endswith("stayed in [PLACE 1].")
    store.close()


async def test_the_sealed_record_keeps_the_entities_as_reviewed(
    made: Project, anonymiser: Anonymiser
) -> None:
    """Merges reach the record's pseudonyms, and the steward's re-review opens with them."""
    store = open_laptop(made)
    app = make_app(store, anonymiser)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot, in_review())
        await go_to(pilot, screen, "Professor")
        await pilot.press("M")
        await pilot.pause()
        current_screen(app).query_one(Input).value = "faisal"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.state is not None
        for _ in range(40):
            if not screen.state.pending:
                break
            await pilot.press("a")
            await pilot.pause()
        assert not screen.state.pending
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
    [record] = store.list_records()
    store.close()
    from store.bundle import export_bundle, import_bundle

    bundle = made.laptop_dir.parent / "bundle.tib"
    with made.laptop() as laptop:
        export_bundle(laptop, bundle)
        fingerprint = laptop.device_fingerprint
    with made.steward() as steward:
        import_bundle(steward, bundle, enrol_fingerprint=fingerprint)
        document = steward.open_record(record.record_id)
        opened = open_for_review(steward, record.record_id, protocol_source(default_protocol()))
    narrative = document["free_text"]["narrative"]["redacted"]
    notes = document["free_text"]["notes"]["redacted"]
    assert "Professor" not in narrative + notes and "Omran" not in narrative
    start = narrative.index("met the ") + len("met the ")
    pseudonym = narrative[start : narrative.index("]", start) + 1]
    assert f"called {pseudonym}. {pseudonym} took" in narrative  # "smuggler" was masked too
    assert f"The {pseudonym} has a" in notes
    assert [edit.action for edit in opened.edits] == ["merge"]


async def test_going_back_to_fix_a_typo_keeps_every_decision_over_unchanged_texts(
    made: Project, anonymiser: Anonymiser
) -> None:
    """Fixing the notes used to throw every decision of every text away."""
    store = open_laptop(made)
    app = make_app(store, anonymiser)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot, in_review("Benali was calm. The Profesor has a scar."))
        await go_to(pilot, screen, "smuggler")
        await pilot.press("r")  # the research needs the occupation
        await go_to(pilot, screen, "Sfax")
        await pilot.press("t", "o", "enter")
        await go_to(pilot, screen, "Professor")
        await pilot.press("M")
        await pilot.pause()
        current_screen(app).query_one(Input).value = "omran"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("a")  # the smuggler, "the Professor", is masked
        await pilot.pause()
        assert screen.state is not None
        before = screen.state.reviews["narrative"]
        edits = screen.state.edits
        await pilot.press("ctrl+b")  # no question: nothing is dropped
        await pilot.pause()
        steps = current_screen(app)
        assert isinstance(steps, InterviewScreen)
        assert steps.interview.step_id == "interviewer_notes"
        set_text(pilot, "notes", "Benali was calm. The Professor has a scar.")
        await pilot.pause()
        await pilot.press("ctrl+n")
        again = await analysed(pilot)
        assert again.state is not None
        kept = again.state.reviews["narrative"]
        assert kept.items == before.items and kept.decisions == before.decisions
        assert again.state.edits == tuple(e for e in edits if e.texts() == {"narrative"})
        assert again.state.reviews["notes"].text.endswith("The Professor has a scar.")
        # The fixed notes keep no decision of the reviewer's: only the rule's, which masks
        # "Benali", a known identifier, again.
        notes_decisions = again.state.reviews["notes"].decisions
        assert [(d.start, d.end) for d in notes_decisions] == [(0, len("Benali"))]
        # Omran's entity is decided in the narrative, still to decide in the fixed notes,
        # where "the Professor" joins him again.
        await go_to(pilot, again, "Faisal Omran")
        omran = entity(again)
        assert "notes" in {m.text_id for m in omran.mentions}
        assert again.state.status(omran) == "pending"
        narrative_statuses = {
            again.state.reviews["narrative"].status(again.state.candidate(m))
            for m in omran.mentions
            if m.text_id == "narrative"
        }
        assert narrative_statuses == {"accepted"}
        await go_to(pilot, again, "Sfax")
        assert entity(again).entity_type == "ORGANISATION"  # the type change is kept too
        await go_to(pilot, again, "smuggler")
        assert again.state.status(entity(again)) == "rejected"
    store.close()


async def test_research_content_arrives_settled_with_its_reason_and_can_be_changed(
    made: Project, anonymiser: Anonymiser
) -> None:
    """The default protocol masks dates as research content: the year arrives decided."""
    store = open_laptop(made)
    app = make_app(store, anonymiser)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot, in_review())
        await go_to(pilot, screen, "2015")
        year = entity(screen)
        assert statuses(screen, year) == {"accepted"}
        status = str(screen.query_one("#review-status").render())
        assert "settled: research content the protocol settles as masked" in status
        assert len(status.strip()) <= SIZE[0] - 2  # readable whole at 80 columns
        listing = screen.query_one("#review-entities", OptionList)
        lines = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert any(line.startswith("M DATE") and "2015" in line for line in lines)
        left = len(screen.state.pending) if screen.state else 0
        await pilot.press("r")  # the reviewer overrides the rule
        await pilot.pause()
        assert statuses(screen, year) == {"rejected"}
        assert screen.state is not None and len(screen.state.pending) == left
        await go_to(pilot, screen, "2015")
        status = str(screen.query_one("#review-status").render())
        assert "DATE, kept" in status and "settled" not in status
        assert "Turkey in 2015" in redacted(screen, "narrative")
    store.close()
