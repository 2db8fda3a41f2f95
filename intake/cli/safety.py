"""Process-wide protections applied before any command runs."""

from __future__ import annotations

import contextlib
import os


def harden_process() -> None:
    """Keep decrypted testimony out of crash dumps and stray files.

    A core dump would write the process memory, decrypted testimony and keys
    included, to disk; files the process creates are readable by its owner only.
    """
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.umask(0o077)
