"""Atomic writes into the export folder: each file is absent or complete, never half.

Every file is written to a temporary name in its own folder and then linked
into place (never over an existing file). Large files are streamed. Many
small files (one text per testimony) skip the per-file flush; :func:`flush`
makes everything durable once, before the manifest is written, so an export
whose manifest exists is complete on disk.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from store.errors import StoreError
from store.files import link_new, sync_file, sync_folder, temporary_beside


def check_name(name: str) -> None:
    """Refuse names that would escape the export folder."""
    parts = Path(name).parts
    if not parts or Path(name).is_absolute() or any(p in ("..", ".", "") for p in parts):
        raise StoreError(f"{name!r} is not a file name inside the export folder")


def write_with(
    folder: Path, name: str, produce: Callable[[Path], None], *, durable: bool = True
) -> str:
    """Let ``produce`` write a temporary path in the folder, then link it into place.

    The temporary file lives beside its destination in the export folder,
    never in the system's temp folder. Returns ``name``.
    """
    check_name(name)
    path = folder / name
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with temporary_beside(path) as temp:
        produce(temp)
        temp.chmod(0o600)
        if durable:
            sync_file(temp)
        link_new(temp, path)
    if durable:
        sync_folder(path.parent)
    return name


def write_stream(folder: Path, name: str, chunks: Iterable[bytes], *, durable: bool = True) -> str:
    """Write ``folder/name`` from chunks, atomically, without holding the whole file."""

    def produce(path: Path) -> None:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb", buffering=1 << 20) as handle:
            for chunk in chunks:
                handle.write(chunk)

    return write_with(folder, name, produce, durable=durable)


def write_file(folder: Path, name: str, data: bytes, *, durable: bool = True) -> str:
    """Write ``folder/name`` atomically (mode 0600, never overwriting); returns ``name``."""
    return write_stream(folder, name, (data,), durable=durable)


def flush() -> None:
    """Make every written file durable (one system-wide flush, not one per file)."""
    os.sync()
