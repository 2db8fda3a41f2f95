"""What the command prints: never a control character from a store, a bundle or an input file.

A record id, a protocol name, a redacted text or an error naming a file's
content could carry terminal escapes (a clipboard write, a title change, a
cleared screen) planted in a store or pasted into testimony. Everything the
command prints goes through :func:`echo`, which removes control characters
other than newline and tab.
"""

from __future__ import annotations

import click

from store.datasets import printable


def echo(message: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Print one message, without control characters, to stdout (or stderr)."""
    click.echo(printable(message), err=err, nl=nl)
