"""Suite-wide fixtures: the network guard, a project of stores, a sample export, and helpers
for running the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from export_fixtures import sample_dataset
from store_fixtures import Project, make_project

import netguard
from store.datasets.writers import WRITERS, write_formats

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


@pytest.fixture
def anyio_backend() -> str:
    """The async tests (the app's, through Pilot) run on asyncio."""
    return "asyncio"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A project key pair, a laptop store and a steward store (fast Argon2 settings)."""
    return make_project(tmp_path)


@pytest.fixture(scope="session")
def sample_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every format written from the sample dataset, once (tests only read it)."""
    folder = tmp_path_factory.mktemp("sample-export")
    write_formats(sample_dataset(), folder, list(WRITERS))
    return folder


SLOW_SECONDS = 5.0
"""A test that takes longer than this is marked ``slow`` (``pytest -m "not slow"`` skips it)."""
_UNMARKED_SLOW: list[tuple[str, float]] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Note each test over :data:`SLOW_SECONDS` that is not marked ``slow``."""
    if report.when == "call" and report.duration > SLOW_SECONDS and "slow" not in report.keywords:
        _UNMARKED_SLOW.append((report.nodeid, report.duration))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Name the unmarked slow tests, so that their marker can be added (on a quiet machine)."""
    if _UNMARKED_SLOW:
        terminalreporter.section("tests over 5 s not marked slow")
        for nodeid, seconds in sorted(_UNMARKED_SLOW, key=lambda item: -item[1]):
            terminalreporter.write_line(f"{seconds:5.1f} s  {nodeid}")


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
