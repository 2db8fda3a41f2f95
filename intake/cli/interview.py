"""The ``testimony interview`` command: open the interview app on a store.

Textual and the anonymiser are imported only inside the command, so
``testimony interview --help`` stays instant.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from intake.cli.output import echo

DEMO_FOLDER = Path(".demo-store")
"""Where ``--demo`` keeps its store (created on first use, in the current folder)."""
DEMO_RECORDS = 3
"""How many synthetic records a new demo store holds."""
TEXTUAL_LEAKS = (
    "TEXTUAL",
    "TEXTUAL_LOG",
    "TEXTUAL_DEBUG",
    "TEXTUAL_DEVTOOLS_HOST",
    "TEXTUAL_DEVTOOLS_PORT",
    "TEXTUAL_SCREENSHOT",
    "TEXTUAL_SCREENSHOT_LOCATION",
    "TEXTUAL_SCREENSHOT_FILENAME",
    "TEXTUAL_DRIVER",
)
"""Textual's variables that would copy what the screen shows somewhere else: features
(devtools, debug), a log file, a screenshot to disk after a delay, debug printing, or
another driver than the terminal. Removed before Textual is imported (it reads them then)."""


@click.command(name="interview")
@click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The store's folder.",
)
@click.option(
    "--protocol",
    "protocol_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="An interview protocol (YAML); the default is defector-interview.",
)
@click.option(
    "--idle-lock",
    type=click.FloatRange(min=0),
    default=None,
    help="Lock after this many seconds without input: 0 (never) or at least 10; "
    "default 180, or TESTIMONY_IDLE_LOCK.",
)
@click.option(
    "--demo",
    is_flag=True,
    help=f"Use the demo store in {DEMO_FOLDER}/ (made on first use; synthetic, not secret).",
)
@click.option(
    "--language",
    "display",
    default=None,
    metavar="TAG",
    help="Show the protocol's questions in this language when it has them (fr, ar...); "
    "right-to-left languages only in a terminal that draws them.",
)
def interview(
    store_dir: Path | None,
    protocol_file: Path | None,
    idle_lock: float | None,
    demo: bool,
    display: str | None,
) -> None:
    """Open the interview app on a store.

    The app asks for the store's passphrase, then offers new interviews,
    drafts to resume and the review of finished ones. ctrl+l locks at once.
    """
    from intake.errors import IntakeError

    if demo and store_dir is not None:
        raise IntakeError("use either --store or --demo, not both")
    if not demo and store_dir is None:
        raise IntakeError("say which store to open with --store DIR (or try --demo)")
    for name in TEXTUAL_LEAKS:
        os.environ.pop(name, None)

    from intake.analysis import anonymiser_for
    from intake.app.app import InterviewApp
    from intake.protocol import default_protocol, load_protocol
    from intake.settings import load_settings
    from store.database import DATABASE_FILE
    from store.demo import DEMO_NOTE_FILE, DEMO_PASSPHRASE, make_demo_store
    from store.repository import Store

    protocol = load_protocol(protocol_file) if protocol_file else default_protocol()
    if demo:
        store_dir = DEMO_FOLDER
    assert store_dir is not None
    is_demo = demo or (store_dir / DEMO_NOTE_FILE).is_file()
    shown = None
    if display is not None:
        from intake.display_language import display_language
        from intake.protocol.translate import languages

        shown, note = display_language(display, protocol.language, languages(protocol), os.environ)
        if note:
            echo(f"testimony: {note}", err=True)
    settings = load_settings(
        idle_lock=idle_lock,
        demo=is_demo,
        demo_passphrase=DEMO_PASSPHRASE if is_demo else None,
        display_language=shown,
    )
    if demo and not (store_dir / DATABASE_FILE).is_file():
        echo(f"Making the demo store in {store_dir}/ …")
        from intake.demo import demo_records

        make_demo_store(store_dir, DEMO_RECORDS, make_record=demo_records(protocol)).close()
    with Store.open(store_dir) as store:
        app = InterviewApp(store, anonymiser_for(protocol), protocol, settings)
        app.run()
    if app.return_code:
        raise IntakeError("the interview app stopped after an unexpected error")
