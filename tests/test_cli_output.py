"""The command prints no control character that came from a store or an input file."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_testimony
from intake.cli.output import echo

ESCAPES = "\x1b]52;c;cGF5bG9hZA==\x07\x1b]0;owned\x07\x9b2J\r"


def test_echo_removes_control_characters(capsys: pytest.CaptureFixture[str]) -> None:
    echo(f"record R1{ESCAPES}\tdone")
    echo(f"to stderr{ESCAPES}", err=True)
    out, err = capsys.readouterr()
    assert out == "record R1]52;c;cGF5bG9hZA==]0;owned2J\tdone\n"
    assert err == "to stderr]52;c;cGF5bG9hZA==]0;owned2J\n"


@pytest.mark.slow
def test_anonymise_prints_no_escape_pasted_into_a_text(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(f"He left in 2019.{ESCAPES}\nThen he waited.\n", encoding="utf-8")
    result = run_testimony(["anonymise", str(story)])
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\x9b" not in result.stdout and "\r" not in result.stdout
    assert "Then he waited." in result.stdout
