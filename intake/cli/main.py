"""Entry point of the ``testimony`` command.

Subcommands live in their own modules and are imported only when they run (or
when their help is asked for), so ``testimony --help`` starts at once and never
loads spaCy, Presidio or Textual. Every failure reaches the user as one line on
stderr with a non-zero exit; a traceback is shown only with ``--debug``, and
unexpected errors never print their message, which could hold testimony.
"""

from __future__ import annotations

import errno
import importlib
import sys
from collections.abc import Sequence
from typing import Any

import click

from intake import __version__
from intake.cli.output import echo
from intake.cli.safety import harden_process, hide_stray_errors

#: name -> (module, attribute, one-line summary). The summary is shown in the
#: top-level help without importing the module.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": ("intake.cli.store_commands", "init", "Create a laptop or steward store."),
    "keys": ("intake.cli.keys", "keys", "Make project keys and check fingerprints."),
    "interview": ("intake.cli.interview", "interview", "Open the interview app on a store."),
    "anonymise": ("intake.cli.anonymise", "anonymise", "Find and mask identifying details."),
    "records": ("intake.cli.records", "records", "Add and list finished records."),
    "bundle": ("intake.cli.bundle", "bundle", "Carry sealed records from a laptop to the steward."),
    "export": ("intake.cli.export", "export", "Export reviewed records for researchers."),
    "audit": ("intake.cli.audit", "audit", "Check the store's tamper-evident audit log."),
    "demo": ("intake.cli.demo", "demo", "Make a demo store filled with synthetic records."),
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module_name, attribute, _summary = entry
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{module_name}.{attribute} is not a click command")
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, summary) for name, (_m, _a, summary) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, invoke_without_command=True)
@click.version_option(__version__, prog_name="testimony")
@click.option("--debug", is_flag=True, help="Show a full traceback when something fails.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Take testimony safely: encrypted, anonymised, offline.

    Interviewers run `testimony interview`; data stewards make keys, gather
    bundles and export redacted sets. Each command has its own --help.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    if ctx.invoked_subcommand is None:
        echo(ctx.get_help())


def _user_errors() -> tuple[type[BaseException], ...]:
    """The error types whose messages are written for the user (light imports only)."""
    from anonymise.errors import AnonymiseError
    from intake.errors import IntakeError
    from store.errors import StoreError

    return (IntakeError, StoreError, AnonymiseError)


def _fail(message: str, code: int = 1) -> int:
    echo(f"testimony: {message}", err=True)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status instead of raising."""
    harden_process()
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    if not debug:
        hide_stray_errors()
    try:
        cli.main(args=args, prog_name="testimony", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.Abort:
        return _fail("cancelled.", 130)
    except click.ClickException as problem:
        return _fail(problem.format_message(), problem.exit_code)
    except KeyboardInterrupt:
        return _fail("interrupted; nothing half-written was kept.", 130)
    except Exception as problem:
        if debug:
            raise
        return _report_unexpected(problem)
    return 0


def _report_unexpected(problem: BaseException) -> int:
    if isinstance(problem, _user_errors()):
        return _fail(_one_line(str(problem)))
    if isinstance(problem, OSError) and problem.errno == errno.ENOSPC:
        return _fail("the disk is full; free some space and try again (nothing was lost).")
    if isinstance(problem, PermissionError):
        return _fail(f"permission denied: {problem.filename}")
    if isinstance(problem, FileNotFoundError):
        return _fail(f"no such file or folder: {problem.filename}")
    # The message of an unexpected error may quote testimony: name the type only.
    return _fail(f"internal error ({type(problem).__name__}); run again with --debug for details.")


def _one_line(text: str) -> str:
    return " ".join(text.split()) or "failed."


def run(argv: Sequence[str] | None = None) -> Any:
    """Console-script entry point."""
    sys.exit(main(argv))


if __name__ == "__main__":
    run()
