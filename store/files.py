"""Atomic, private file writes for key files, bundles and the like."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path

from store.errors import StoreError


def write_private_file(path: Path, data: bytes, *, overwrite: bool = False) -> None:
    """Write ``data`` so that ``path`` is either absent, old, or wholly new; mode 0600.

    The bytes go to a temporary file in the same folder, are flushed to disk,
    and the file is then linked (no overwrite) or renamed (overwrite) into place,
    and the folder itself is flushed.
    """
    write_private_parts(path, [data], overwrite=overwrite)


def write_private_parts(path: Path, parts: Iterable[bytes], *, overwrite: bool = False) -> None:
    """:func:`write_private_file` of parts made one at a time (a bundle's records, say).

    If making a part fails, nothing is left at ``path`` or beside it.
    """
    with temporary_beside(path) as temp:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            for part in parts:
                handle.write(part)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            temp.replace(path)
        else:
            link_new(temp, path)
    sync_folder(path.parent)


@contextlib.contextmanager
def temporary_beside(path: Path) -> Iterator[Path]:
    """A fresh temporary name in ``path``'s folder, removed on the way out whatever happens.

    Beside its destination, never in the system's temp folder, so that linking
    or renaming it into place is atomic and it is never left where others look.
    """
    temp = path.parent / f".{path.name}.{secrets.token_hex(8)}.tmp"
    try:
        yield temp
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def link_new(temp: Path, path: Path) -> None:
    """Give ``temp``'s file the name ``path`` too, refusing to replace a file already there."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise StoreError(f"{path} already exists; nothing was overwritten") from None


def sync_file(path: Path) -> None:
    """Flush a written file's content to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def create_empty_private_file(path: Path) -> None:
    """Create an empty file with mode 0600 (SQLite then gives its log files the same mode)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename or new file) to disk where the system allows."""
    with contextlib.suppress(OSError):
        sync_file(folder)


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` (and parents) readable by its owner only; it must be empty if present."""
    if folder.exists():
        if not folder.is_dir():
            raise StoreError(f"{folder} exists and is not a folder")
        if any(folder.iterdir()):
            raise StoreError(f"{folder} is not empty; choose a new folder")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        folder.chmod(0o700)
