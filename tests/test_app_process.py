"""The real ``testimony interview`` process in a terminal (pexpect), killed mid-interview.

After a SIGKILL the draft is still there, encrypted, and the app resumes it. The
store folder, the child's temporary folder and any log hold no plaintext.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pexpect
import pytest
from app_helpers import PASSPHRASE, SIZE, current_screen, make_app, open_laptop, project, unlock

from conftest import ROOT, subprocess_env
from intake.app.screens.home import HomeScreen
from intake.app.screens.interview import InterviewScreen

CANARY = "Qurashi-canary-5150"
CTRL_N = "\x0e"
CTRL_B = "\x02"
CTRL_S = "\x13"

pytestmark = [pytest.mark.anyio, pytest.mark.slow]


def expect(child: pexpect.spawn, text: str) -> None:
    """Wait for ``text`` on the terminal, then for the screen to settle (focus, mounts)."""
    child.expect(text)
    time.sleep(0.6)


def _files(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def _scan(folders: list[Path], *needles: str) -> list[str]:
    found = []
    for folder in folders:
        for path in _files(folder):
            data = path.read_bytes()
            for needle in needles:
                for encoded in (needle.encode("utf-8"), needle.encode("utf-16-le")):
                    if encoded in data:
                        found.append(f"{path.name}: {needle}")
    return found


async def test_killed_process_leaves_an_encrypted_draft_the_app_resumes(tmp_path: Path) -> None:
    made = project(tmp_path / "project")
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = subprocess_env(TMPDIR=str(temp), TERM="xterm-256color", COLUMNS="80", LINES="24")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "intake", "interview", "--store", str(made.laptop_dir), "--idle-lock", "0"],
        env=env,
        cwd=str(ROOT),
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=60,
    )
    try:
        expect(child, "Passphrase")
        child.send(PASSPHRASE + "\r")
        expect(child, "New")
        child.send("n")
        expect(child, "Consent")
        time.sleep(2)  # the title is drawn before the first question takes the focus
        for keys in ("\r", "\t\r", "\t\r", "\t\r"):
            child.send(keys)
            time.sleep(0.6)  # each answer lands before the next key, even on a busy machine
        child.send(CTRL_N)
        expect(child, "PROTECTED")
        child.send(CANARY)
        time.sleep(0.5)
        child.send(CTRL_N)
        expect(child, "Background")
        child.send(CTRL_B)
        expect(child, "PROTECTED")
        child.send(CTRL_S)
        expect(child, "Draft saved")
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    finally:
        if child.isalive():
            child.kill(signal.SIGKILL)
    assert _scan([made.laptop_dir, temp], CANARY) == []
    logs = [p for p in ROOT.glob("*.log")] + [p for p in tmp_path.rglob("*.log")]
    assert all(CANARY.encode() not in p.read_bytes() for p in logs)
    store = open_laptop(made)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await unlock(pilot)
        assert isinstance(current_screen(app), HomeScreen)
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = current_screen(app)
        assert isinstance(screen, InterviewScreen)
        assert screen.interview.step_id == "identity"
        assert screen.interview.answers["real_name"] == CANARY
    store.close()


def test_interview_help_does_not_load_textual_or_the_model() -> None:
    from conftest import run_python

    result = run_python(
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from intake.cli.main import cli\n"
        "out = CliRunner().invoke(cli, ['interview', '--help'])\n"
        "assert out.exit_code == 0, out.output\n"
        "assert '--idle-lock' in out.output\n"
        "heavy = [m for m in ('textual', 'spacy', 'presidio_analyzer') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
