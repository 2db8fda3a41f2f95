"""No crash dump of a process that holds testimony, even when crashes go to a handler.

``RLIMIT_CORE = 0`` stops core files, but the kernel ignores it when
``core_pattern`` pipes crashes to a handler (apport, systemd-coredump), which can
store the whole memory. The command and the anonymiser's worker processes mark
themselves not dumpable, so the kernel makes no dump at all.
"""

from __future__ import annotations

import ctypes
import dataclasses
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest

from anonymise.batch import start_worker
from conftest import run_python

PR_GET_DUMPABLE = 3

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux prctl")


def dumpable() -> int:
    """This process's dumpable flag (1: it would be dumped on a crash)."""
    return int(ctypes.CDLL(None).prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))


def test_the_command_is_not_dumpable() -> None:
    result = run_python(
        "import ctypes, resource\n"
        "from intake.cli.main import main\n"
        "assert main(['--version']) == 0\n"
        "print(ctypes.CDLL(None).prctl(3, 0, 0, 0, 0), resource.getrlimit(resource.RLIMIT_CORE))\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 (0, 0)"


@pytest.mark.slow
def test_anonymiser_workers_are_not_dumpable() -> None:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=start_worker) as pool:
        assert pool.submit(dumpable).result(timeout=300) == 0


CANARY = "Hawdashir-canary-4409"

STRAY_ERRORS = (
    "import sys, threading\n"
    "from intake.cli.main import main\n"
    "assert main(sys.argv[1:]) == 0\n"
    "class Holder:\n"
    "    def __init__(self, text): self.text = text\n"
    "    def __repr__(self): return f'Holder({self.text})'\n"
    "    def __del__(self): raise RuntimeError(self.text)\n"
    f"Holder('the narrator {CANARY} said')\n"
    "def fail(): raise ValueError('the narrator " + CANARY + " said')\n"
    "worker = threading.Thread(target=fail)\n"
    "worker.start(); worker.join()\n"
    "import logging\n"
    "class Shown:\n"
    "    def __repr__(self): return 'Shown(the narrator " + CANARY + " said)'\n"
    "logging.getLogger('asyncio').error('Exception in callback %r', Shown())\n"
    "print('done')\n"
)


def test_errors_in_threads_and_cleanup_print_no_message() -> None:
    result = run_python(STRAY_ERRORS.replace("sys.argv[1:]", "['--version']"))
    assert result.returncode == 0, result.stderr
    assert "done" in result.stdout
    assert CANARY not in result.stdout + result.stderr
    assert "testimony: an error (RuntimeError) was ignored while cleaning up" in result.stderr
    assert "testimony: an error (ValueError) was ignored in a background thread" in result.stderr
    assert "testimony: asyncio logged a ERROR message; not shown." in result.stderr


def test_debug_shows_them() -> None:
    result = run_python(STRAY_ERRORS.replace("sys.argv[1:]", "['--debug', '--version']"))
    assert result.returncode == 0, result.stderr
    assert CANARY in result.stderr


def test_an_interview_does_not_show_its_answers_in_its_repr() -> None:
    """Tracebacks with locals, asyncio's failed-callback logs and debuggers show reprs."""
    from intake.flow import Interview, Rejected
    from intake.protocol import default_protocol

    interview = dataclasses.replace(
        Interview.start(default_protocol()),
        answers={"real_name": CANARY},
        rejected={"birth_date": Rejected(CANARY, "Enter the date as YYYY-MM-DD.")},
    )
    assert CANARY not in repr(interview)
    assert CANARY not in repr(interview.rejected["birth_date"])
