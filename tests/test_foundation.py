"""The project's standing rules: light start-up, the rooms, and no network."""

from __future__ import annotations

import json
import socket
import tomllib

import pytest

import netguard
from conftest import ROOT, run_python, run_testimony
from intake.cli.main import COMMANDS

HEAVY = ("spacy", "presidio_analyzer", "textual", "thinc", "pyarrow", "pandas")


def _modules_after(code: str) -> set[str]:
    result = run_python(f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))")
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.splitlines()[-1]))


@pytest.mark.parametrize("args", [["--help"], ["--version"], *[[c, "--help"] for c in COMMANDS]])
def test_help_does_not_import_heavy_libraries(args: list[str]) -> None:
    loaded = _modules_after(
        "import contextlib, io\n"
        "from intake.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main({args!r}) == 0\n"
    )
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def _packages_of(room: str) -> list[str]:
    names = (path.relative_to(ROOT).with_suffix("").parts for path in (ROOT / room).rglob("*.py"))
    return sorted(".".join(parts).removesuffix(".__init__") for parts in names)


@pytest.mark.parametrize(
    ("room", "forbidden"),
    [("anonymise", ("textual", "store", "intake")), ("store", ("textual", "anonymise", "intake"))],
)
def test_rooms_do_not_import_what_they_must_not(room: str, forbidden: tuple[str, ...]) -> None:
    modules = _packages_of(room)
    loaded = _modules_after(
        "import importlib\n" + "".join(f"importlib.import_module({name!r})\n" for name in modules)
    )
    leaked = sorted(
        name for name in loaded if any(name == f or name.startswith(f + ".") for f in forbidden)
    )
    assert not leaked, f"{room} imports {leaked}"


APP_SIDE = ("intake.app", "intake.cli.interview", "intake.__main__")
"""The interview app and what starts it; everything else in intake is its core."""


def _intake_core() -> list[str]:
    return [
        name
        for name in _packages_of("intake")
        if not any(name == side or name.startswith(side + ".") for side in APP_SIDE)
    ]


@pytest.mark.slow
def test_intake_core_never_loads_textual() -> None:
    """The flow, records, drafts, codec, steward work and non-app commands run without a UI."""
    loaded = _modules_after(
        "import importlib\n"
        + "".join(f"importlib.import_module({name!r})\n" for name in _intake_core())
    )
    leaked = sorted(n for n in loaded if n == "textual" or n.startswith(("textual.", "intake.app")))
    assert not leaked, f"intake's core loads {leaked[:5]}"


def test_the_import_contract_names_every_core_module() -> None:
    """A new core module is covered by lint-imports, not only by the run-time check."""
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    [core] = [
        c
        for c in contracts["contracts"]
        if "textual" in c.get("forbidden_modules", [])
        and any(m.startswith("intake") for m in c["source_modules"])
    ]
    named = core["source_modules"]
    missing = [
        name
        for name in _intake_core()
        if name != "intake"
        and name != "intake.cli"
        and not any(name == n or name.startswith(n + ".") for n in named)
    ]
    assert not missing, f"add to the contract: {missing}"


def test_version_and_help_answer() -> None:
    assert run_testimony(["--version"]).stdout.strip() == "testimony, version 0.1.0"
    home = run_testimony([])
    assert home.returncode == 0
    for name in COMMANDS:
        assert name in home.stdout


def test_errors_are_one_line_without_traceback() -> None:
    result = run_testimony(["no-such-command"])
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_unexpected_errors_hide_their_message() -> None:
    code = (
        "import click, sys\n"
        "from intake.cli import main as m\n"
        "@click.command()\n"
        "def boom():\n"
        "    raise ValueError('CANARY-secret-testimony')\n"
        "m.cli.add_command(boom)\n"
        "m.COMMANDS['boom'] = ('intake.cli.main', 'cli', '')\n"
        "m.LazyGroup.get_command = lambda self, ctx, name: boom\n"
        "sys.exit(m.main(['boom']))\n"
    )
    result = run_python(code)
    assert result.returncode == 1
    assert "CANARY" not in result.stderr + result.stdout
    assert "internal error (ValueError)" in result.stderr


def test_guard_refuses_connections_and_lookups() -> None:
    with pytest.raises(netguard.NetworkAttemptError):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    with pytest.raises(netguard.NetworkAttemptError):
        socket.getaddrinfo("example.org", 443)
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(netguard.NetworkAttemptError),
    ):
        sock.connect(("192.0.2.1", 80))
    assert len(netguard.ATTEMPTS) == 3
    netguard.ATTEMPTS.clear()  # these attempts were the point of the test


def test_guard_reaches_subprocesses() -> None:
    result = run_python(
        "import socket\n"
        "try:\n"
        "    socket.getaddrinfo('example.org', 443)\n"
        "except Exception:\n"
        "    pass\n"
    )
    assert "NETWORK ATTEMPT" in result.stderr


def test_tldextract_stays_offline_once_anonymise_is_imported() -> None:
    result = run_python(
        "import anonymise\n"
        "import tldextract\n"
        "print(tldextract.extract('someone@mail.example.co.uk').suffix)\n",
        TLDEXTRACT_CACHE="/nonexistent-never-written",
    )
    assert result.returncode == 0, result.stderr
    assert "NETWORK ATTEMPT" not in result.stderr
    assert result.stdout.strip() == "co.uk"


def test_every_command_is_documented_in_the_readme() -> None:
    import click

    from intake.cli.main import cli

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    context = click.Context(cli)
    missing = []
    for name in COMMANDS:
        command = cli.get_command(context, name)
        assert command is not None
        if f"`{name}`" not in readme:
            missing.append(name)
        if isinstance(command, click.Group):
            missing += [
                f"{name} {sub}"
                for sub in command.list_commands(context)
                if f"testimony {name} {sub}" not in readme
            ]
    assert not missing, f"commands the README never shows: {missing}"
