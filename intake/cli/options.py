"""Click options that several ``testimony`` commands share, so they read alike everywhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def store_option(help: str = "The store's folder.") -> Callable[[F], F]:
    """The required ``--store DIR`` option, passed to the command as ``store_dir``."""
    return click.option(
        "--store",
        "store_dir",
        required=True,
        type=click.Path(file_okay=False, path_type=Path),
        help=help,
    )
