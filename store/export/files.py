"""Atomic writes into the export folder: each file is absent or complete, never half."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from store.errors import StoreError
from store.files import sync_folder, write_private_file


def check_name(name: str) -> None:
    """Refuse names that would escape the export folder."""
    parts = Path(name).parts
    if not parts or Path(name).is_absolute() or any(p in ("..", ".", "") for p in parts):
        raise StoreError(f"{name!r} is not a file name inside the export folder")


def write_file(folder: Path, name: str, data: bytes) -> str:
    """Write ``folder/name`` atomically (mode 0600, never overwriting); returns ``name``."""
    check_name(name)
    path = folder / name
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_private_file(path, data)
    return name


def write_with(folder: Path, name: str, produce: Callable[[Path], None]) -> str:
    """Let ``produce`` write a temporary path in the folder, then link it into place.

    For libraries that only write to a path (pyreadstat). The temporary file
    lives in the export folder itself, never in the system's temp folder.
    """
    check_name(name)
    path = folder / name
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temp = path.parent / f".{path.name}.{secrets.token_hex(8)}.tmp"
    try:
        produce(temp)
        temp.chmod(0o600)
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(temp, path)
        except FileExistsError:
            raise StoreError(f"{path} already exists; nothing was overwritten") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    sync_folder(path.parent)
    return name
