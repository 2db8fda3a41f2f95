"""Interview app: time to the first usable screen, and keystroke cost at 20,000 words.

1. Start-up: from creating the app (store opened, real anonymiser factory) to the
   unlock screen accepting input, while the language model loads behind it.
   Target: under 1 s.
2. Keystrokes in the narrative editor holding 20,000 words, as one paragraph
   (the worst case for soft wrapping) and as paragraphs of 200 words. Measured
   as processor time per key through Pilot (key event, edit, re-wrap and
   render of the screen); Pilot's own idle waits are not work and are not
   counted. Target: under 50 ms. Textual's stock ``TextArea`` is measured
   alongside as the anchor.
3. A review decision (mask the current entity, every mention of it, move to the
   next, update the list of entities, the highlighted text and the redacted
   preview) on a 20,000-word narrative with 2,000 mentions of 400 people. The
   candidates come from a fixed stand-in: the analyser's own speed is measured
   in ``bench/anonymise.py``. Target: under 50 ms.
"""

from __future__ import annotations

import asyncio
import re
import sys
import tempfile
import time
from collections.abc import Collection, Sequence
from pathlib import Path

# bench/anonymise.py would shadow the package of the same name: keep this folder off the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import Input, TextArea  # noqa: E402

from anonymise.candidates import Candidate  # noqa: E402
from anonymise.known import KnownIdentifiers  # noqa: E402
from intake.analysis import real_anonymiser  # noqa: E402
from intake.app.app import InterviewApp  # noqa: E402
from intake.app.screens.review import ReviewScreen  # noqa: E402
from intake.app.widgets.editor import NarrativeEditor  # noqa: E402
from intake.flow import Interview, Stage  # noqa: E402
from intake.protocol import default_protocol  # noqa: E402
from intake.settings import Settings  # noqa: E402
from store.keys import make_project_keys  # noqa: E402
from store.passphrase import KdfParams  # noqa: E402
from store.repository import Store  # noqa: E402

WORDS = 20_000
KEYS = 30
FAST = KdfParams(memory_kib=64, iterations=1, lanes=1)
PASSPHRASE = "bench passphrase 123"  # noqa: S105 - a throwaway store


def narrative(words: int, paragraph: int) -> str:
    """Synthetic text: ``words`` words, a blank line every ``paragraph`` words."""
    parts = []
    for index in range(words):
        word = f"word{index % 97}" + ("." if index % 13 == 12 else "")
        parts.append(word + ("\n\n" if index % paragraph == paragraph - 1 else " "))
    return "".join(parts).strip()


async def startup_seconds(folder: Path) -> float:
    """Seconds from making the app to the unlock screen taking input."""
    key = make_project_keys(folder / "keys", PASSPHRASE, kdf=FAST)
    Store.create(folder / "store", project_public_key=key, passphrase=PASSPHRASE, kdf=FAST).close()
    store = Store.open(folder / "store")
    started = time.perf_counter()
    app = InterviewApp(store, real_anonymiser, default_protocol(), Settings(idle_lock_seconds=0))
    async with app.run_test(size=(80, 24)) as pilot:
        while not isinstance(app.focused, Input):
            await pilot.pause(0.005)
        ready = time.perf_counter() - started
        loading = app.model_loading
        await app.workers.wait_for_complete()
    store.close()
    if not loading:
        print("  (the model had already loaded: the figure is not behind-load)")
    return ready


class EditorApp(App[None]):
    """One editor, full screen."""

    def __init__(self, editor: TextArea) -> None:
        super().__init__()
        self.editor = editor

    def compose(self) -> ComposeResult:
        yield self.editor


async def key_cost_ms(editor: TextArea, at_end_of_paragraph: bool) -> float:
    """Processor milliseconds per typed key."""
    app = EditorApp(editor)
    async with app.run_test(size=(80, 24)) as pilot:
        editor.focus()
        row = min(50, editor.document.line_count - 1)
        column = len(editor.document.get_line(row)) // 2 if at_end_of_paragraph else 10
        editor.move_cursor((row, column))
        await pilot.pause()
        await pilot.press("x")
        started = time.process_time()
        for _ in range(KEYS):
            await pilot.press("x")
        return (time.process_time() - started) / KEYS * 1000


GIVEN = ["Khalid", "Yusuf", "Hassan", "Omar", "Samir", "Karim", "Nabil", "Tariq", "Walid", "Ziad"]
SURNAMES = [f"{stem}{tail}" for stem in ("Had", "Nas", "Tab", "Mal", "Sal") for tail in "abcdefgh"]


class NamesAnalyser:
    """Marks every full name of ``review_text``: a stand-in that costs nothing."""

    dictionary: frozenset[str] = frozenset()

    def analyse_many(
        self,
        texts: Sequence[str],
        known: KnownIdentifiers | None = None,
        allow: Collection[str] = (),
        language: str | None = None,
    ) -> list[list[Candidate]]:
        found: list[list[Candidate]] = []
        for text in texts:
            spans = [
                Candidate(m.start(), m.end(), "PERSON", 0.9, "bench", "a name")
                for m in re.finditer(r"\b(?:" + "|".join(GIVEN) + r") [A-Z][a-z]+\b", text)
            ]
            found.append(spans)
        return found


def review_text(words: int) -> str:
    """A narrative in which one word in ten is a full name, of 400 people named 5 times each."""
    names = [f"{given} {surname}" for given in GIVEN for surname in SURNAMES]
    parts = [names[(i // 10) % 400] if i % 10 == 0 else f"word{i % 97}" for i in range(words)]
    return " ".join(parts)


async def decision_ms(folder: Path) -> tuple[float, int, int, float]:
    """Processor milliseconds per review decision, the number of candidates and of entities,
    and the seconds from opening the review to its first entity (analysis and linking)."""
    key = make_project_keys(folder / "keys2", PASSPHRASE, kdf=FAST)
    store = Store.create(folder / "store2", project_public_key=key, passphrase=PASSPHRASE, kdf=FAST)
    protocol = default_protocol()
    interview = Interview.start(protocol)
    for field in protocol.steps[0].fields:
        interview = interview.set_answer(field.id, True)
    interview = interview.next()
    while interview.stage is not Stage.REVIEW:
        if interview.step_id == "narrative":
            interview = interview.set_answer("narrative", review_text(WORDS))
        interview = interview.next()
    app = InterviewApp(store, NamesAnalyser, protocol, Settings(idle_lock_seconds=0))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        opened = time.perf_counter()
        app.open_interview(interview, None)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        ready = time.perf_counter() - opened
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.reviews is not None
        count = len(screen.reviews["narrative"].items)
        assert screen.state is not None
        entities = len(screen.state.entities)
        started = time.process_time()
        for _ in range(KEYS):
            await pilot.press("a")
        cost = (time.process_time() - started) / KEYS * 1000
    store.close()
    return cost, count, entities, ready


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        seconds = await startup_seconds(Path(folder))
    print(f"start to usable unlock screen (model loading behind): {seconds:.3f} s (target < 1 s)")
    for label, paragraph in (("one paragraph", WORDS + 1), ("paragraphs of 200 words", 200)):
        text = narrative(WORDS, paragraph)
        ours = await key_cost_ms(NarrativeEditor(text, soft_wrap=True), True)
        stock = await key_cost_ms(TextArea(text, soft_wrap=True), True)
        print(
            f"keystroke, {WORDS:,} words as {label}: {ours:.1f} ms "
            f"(stock TextArea {stock:.1f} ms; target < 50 ms)"
        )
    with tempfile.TemporaryDirectory() as folder:
        cost, count, entities, ready = await decision_ms(Path(folder))
    print(
        f"review decision, {WORDS:,} words, {count:,} mentions of 400 people "
        f"({entities} entities as linked): {cost:.1f} ms (target < 50 ms)"
    )
    print(f"review opened to its first entity (stand-in analysis, linking): {ready:.1f} s")


if __name__ == "__main__":
    asyncio.run(main())
