"""The interview app copies nothing it shows to a file, whatever Textual's variables say.

Textual reads its environment when it is imported: ``TEXTUAL_SCREENSHOT`` makes
any app save an SVG of the whole screen (testimony included) to disk after a
delay, ``TEXTUAL_LOG`` writes its log to a file, ``TEXTUAL`` switches devtools
on, ``TEXTUAL_DEBUG`` prints log lines and ``TEXTUAL_DRIVER`` replaces the
terminal with another driver. ``testimony interview`` removes them all first.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from io import StringIO
from pathlib import Path

import pexpect
import pytest
from app_helpers import make_app, open_laptop, project
from click.testing import CliRunner
from rich.console import Console
from rich.traceback import Traceback

from conftest import ROOT, subprocess_env
from intake.app.app import CRASH_LINE, InterviewApp
from intake.cli.interview import TEXTUAL_LEAKS
from intake.cli.main import cli

HOSTILE = {
    "TEXTUAL": "devtools,debug",
    "TEXTUAL_LOG": "textual-log-canary.log",
    "TEXTUAL_DEBUG": "1",
    "TEXTUAL_DEVTOOLS_HOST": "127.0.0.1",
    "TEXTUAL_DEVTOOLS_PORT": "9",
    "TEXTUAL_SCREENSHOT": "0",
    "TEXTUAL_SCREENSHOT_LOCATION": "shots",
    "TEXTUAL_SCREENSHOT_FILENAME": "screen.svg",
    "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
}


def test_every_hostile_variable_is_on_the_list() -> None:
    assert set(HOSTILE) <= set(TEXTUAL_LEAKS)


def test_the_app_starts_without_textual_variables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = project(tmp_path / "project")
    seen: dict[str, str | None] = {}

    class RecordingApp:
        return_code = 0

        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def run(self) -> None:
            seen.update({name: os.environ.get(name) for name in HOSTILE})

    import intake.app.app

    monkeypatch.setattr(intake.app.app, "InterviewApp", RecordingApp)
    result = CliRunner().invoke(
        cli,
        ["interview", "--store", str(made.laptop_dir), "--idle-lock", "0"],
        env=HOSTILE,
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert seen == dict.fromkeys(HOSTILE)


@pytest.mark.slow
def test_a_screenshot_variable_writes_no_picture_of_the_screen(tmp_path: Path) -> None:
    """The real process in a terminal: Textual would save the screen and quit at once."""
    made = project(tmp_path / "project")
    work = tmp_path / "work"
    (work / "shots").mkdir(parents=True)
    home, temp, cache = tmp_path / "home", tmp_path / "tmp", tmp_path / "cache"
    for folder in (home, temp, cache):
        folder.mkdir()
    env = subprocess_env(
        HOME=str(home),
        TMPDIR=str(temp),
        XDG_CACHE_HOME=str(cache),
        TERM="xterm-256color",
        COLUMNS="80",
        LINES="24",
        TEXTUAL_SCREENSHOT="1",
        TEXTUAL_SCREENSHOT_LOCATION=str(work / "shots"),
        TEXTUAL_SCREENSHOT_FILENAME="screen.svg",
        TEXTUAL_LOG=str(work / "textual.log"),
    )
    child = pexpect.spawn(
        sys.executable,
        ["-m", "intake", "interview", "--store", str(made.laptop_dir), "--idle-lock", "0"],
        env=env,
        cwd=str(work),
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=60,
    )
    try:
        child.expect("Passphrase")
        time.sleep(3.0)
        still_running = child.isalive()
    finally:
        if child.isalive():
            child.kill(signal.SIGKILL)
        child.wait()
    stores = tmp_path / "project"
    written = [p for p in tmp_path.rglob("*") if p.is_file() and not p.is_relative_to(stores)]
    assert still_running, "the app quit on its own (Textual's screenshot timer)"
    assert written == []
    assert not list(ROOT.glob("*.svg"))


CANARY = "Tarsimkhel-canary-7731"


class _RichError(Exception):
    """An error that renders itself, as Textual's own CSS errors do."""

    def __rich__(self) -> str:
        return f"rendered: {self.args[0]}"


def _printed(app: InterviewApp) -> str:
    out = StringIO()
    console = Console(file=out, width=200, color_system=None)
    for renderable in app._exit_renderables:
        console.print(renderable)
    return out.getvalue()


@pytest.mark.parametrize("how", ["rich error", "panic with a traceback"])
def test_no_crash_path_prints_the_error(tmp_path: Path, how: str) -> None:
    """Errors that render themselves, and the terminal driver's input-thread traceback
    (``panic``), print the fixed line like every other crash."""
    store = open_laptop(project(tmp_path / "project"))
    app = make_app(store)
    try:
        raise _RichError(f"the narrator {CANARY} said")
    except _RichError as error:
        if how == "rich error":
            app._handle_exception(error)
        else:
            app.panic(Traceback())
    printed = _printed(app)
    store.close()
    assert CANARY not in printed
    assert " ".join(CRASH_LINE.split()) in " ".join(printed.split())
