"""Suite-wide fixtures: the network guard and helpers for running the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

import netguard

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SHARED = ROOT.parent / "shared"

netguard.install()
# Files the tests write (passphrase files among them) are private, as a user's should be:
# a passphrase file others can read makes the command line warn.
os.umask(0o077)


@pytest.fixture(autouse=True)
def no_network() -> Iterator[None]:
    """Fail any test during which anything tried to reach the network."""
    netguard.ATTEMPTS.clear()
    yield
    attempts = list(netguard.ATTEMPTS)
    netguard.ATTEMPTS.clear()
    if attempts:
        pytest.fail(f"network use is forbidden, but this test tried: {attempts}")


def subprocess_env(**extra: str) -> dict[str, str]:
    """An environment for child processes that carries the network guard."""
    env = dict(os.environ)
    guard = str(TESTS / "guard")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (guard, env.get("PYTHONPATH", "")) if p)
    env.update(extra)
    return env


def run_python(code: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    """Run a snippet in a fresh interpreter with the network guard."""
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=subprocess_env(**extra_env),
        cwd=ROOT,
        timeout=300,
        check=False,
    )


def run_testimony(
    args: Sequence[str], *, input: str | None = None, cwd: Path | None = None, **extra_env: str
) -> subprocess.CompletedProcess[str]:
    """Run the real ``testimony`` command in a subprocess."""
    result = subprocess.run(
        [sys.executable, "-m", "intake", *args],
        capture_output=True,
        text=True,
        input=input,
        env=subprocess_env(**extra_env),
        cwd=cwd or ROOT,
        timeout=600,
        check=False,
    )
    assert "NETWORK ATTEMPT" not in result.stderr, result.stderr
    return result
