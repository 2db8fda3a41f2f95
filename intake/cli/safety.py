"""Process-wide protections applied before any command runs."""

from __future__ import annotations

import contextlib
import logging
import os
import sys

PR_SET_DUMPABLE = 4
"""Linux ``prctl`` option: whether the process may be dumped or traced."""


def harden_process() -> None:
    """Keep decrypted testimony out of crash dumps and stray files.

    A core dump would write the process memory, decrypted testimony and keys
    included, to disk; files the process creates are readable by their owner only.
    """
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    not_dumpable()
    os.umask(0o077)


def not_dumpable() -> None:
    """Mark the process not dumpable (Linux), so that no core dump is made at all.

    ``RLIMIT_CORE = 0`` stops core files, but the kernel ignores it when crashes
    are piped to a handler (apport, systemd-coredump), which may store the whole
    memory anyway. A process that is not dumpable is never dumped, and other
    processes of the same user cannot trace it or read its memory.
    """
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(ImportError, OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def hide_stray_errors() -> None:
    """Errors outside the command's own handling print their type only.

    An exception raised in a thread, or ignored while an object is freed (in
    ``__del__``, at exit), is printed by Python with its message and, for the
    latter, the object's ``repr``; a library's warning with no logging set up
    is printed with its arguments. Any of them could quote testimony.
    """
    import threading

    def thread_error(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        _stray(args.exc_type.__name__, "in a background thread")

    def unraisable(problem: sys.UnraisableHookArgs) -> None:
        _stray(problem.exc_type.__name__, "while cleaning up")

    threading.excepthook = thread_error
    sys.unraisablehook = unraisable
    logging.lastResort = _QuietLastResort()


class _QuietLastResort(logging.Handler):
    """What a library logs when no handler is set up: its name and the level, never the
    message or its arguments (asyncio, for one, logs the arguments of a failed callback)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        _stray_line(f"testimony: {record.name} logged a {record.levelname} message; not shown.")


def _stray(kind: str, where: str) -> None:
    _stray_line(f"testimony: an error ({kind}) was ignored {where}; not shown.")


def _stray_line(line: str) -> None:
    with contextlib.suppress(Exception):
        sys.stderr.write(line + "\n")
