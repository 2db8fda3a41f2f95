"""Passphrases for the command line: a no-echo prompt, or a file for automation.

A passphrase is never a command-line argument: arguments are visible to every
user of the machine (``ps``) and stay in shell history.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from intake.errors import IntakeError

F = TypeVar("F", bound=Callable[..., Any])


def passphrase_file_option(
    name: str = "--passphrase-file", what: str = "the store"
) -> Callable[[F], F]:
    """The ``--passphrase-file F`` option (its first line is the passphrase)."""
    return click.option(
        name,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        default=None,
        help=f"Read the passphrase of {what} from the first line of this file instead of "
        "asking (for automation; keep the file private).",
    )


def read_passphrase(passphrase_file: Path | None, prompt: str, *, new: bool = False) -> str:
    """The passphrase from the file, or asked without echo (twice when ``new``).

    A new passphrase that is too short or too easy to guess is refused as soon
    as it is typed, before the second asking, and asked again.
    """
    if passphrase_file is not None:
        _warn_if_shared(passphrase_file)
        try:
            lines = passphrase_file.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            raise IntakeError(f"{passphrase_file} is not UTF-8 text") from None
        if not lines or not lines[0]:
            raise IntakeError(f"{passphrase_file} holds no passphrase on its first line")
        return lines[0]
    value: str = click.prompt(
        prompt,
        hide_input=True,
        confirmation_prompt=new,
        err=True,
        show_default=False,
        value_proc=_strong_enough if new else None,
    )
    return value


def _strong_enough(value: str) -> str:
    """A new passphrase long enough to resist guessing, else click asks again."""
    from store.errors import WeakPassphraseError
    from store.passphrase import check_new_passphrase

    try:
        check_new_passphrase(value)
    except WeakPassphraseError as problem:
        raise click.UsageError(str(problem)) from None
    return value


def _warn_if_shared(path: Path) -> None:
    """Say so when other users of the machine can read a passphrase file (it is still read)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if mode & 0o077:
        click.echo(
            f"warning: {path} can be read by other users of this machine "
            f"(mode {mode & 0o777:o}); make it private with chmod 600",
            err=True,
        )
