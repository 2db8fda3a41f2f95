"""The export form: settings, the disclosure report before anything is written, then writing.

"Check" plans the export in a worker (:func:`intake.steward.plan`, which
writes nothing) and shows the report: records, groups and unique records
before and after control, suppressed cells, and whether the threshold holds.
"Export" is possible only once a plan is shown and the settings have not
changed since; a refused plan needs the steward's reason for accepting the
risk, which goes to the manifest and the audit log. Writing runs in a worker
and ends in one line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.message import Message
from textual.reactive import reactive
from textual.validation import Integer
from textual.widgets import Button, Checkbox, Footer, Input, Label, RadioButton, RadioSet, Static

from intake.app.screens.base import AppScreen
from intake.app.screens.steward_home import STEWARD_CSS
from intake.errors import IntakeError
from intake.release import (
    DEFAULT_K,
    DEFAULT_L,
    Audience,
    Pseudonyms,
    ReleasePlan,
    ReleaseSettings,
    plan_summary,
    written_line,
)
from intake.steward import plan, protocol_source, write_planned
from store.datasets import FORMATS
from store.errors import StoreError


class Stage(StrEnum):
    """Where the export form is."""

    UNCHECKED = "unchecked"
    """No report for the current settings: Export is not possible."""
    CHECKING = "checking"
    """The disclosure check runs."""
    READY = "ready"
    """The report holds: Export writes."""
    REFUSED = "refused"
    """The report is below the threshold: Export needs a reason."""
    WRITING = "writing"
    """The export is being written."""
    WRITTEN = "written"
    """Written; check again to export once more."""


@dataclass
class PlanReady(Message):
    """The disclosure check finished."""

    plan: ReleasePlan = field(repr=False)
    """What would be written."""


@dataclass
class ExportWritten(Message):
    """The export was written."""

    line: str
    """What was written, in one line."""


@dataclass
class ExportProblem(Message):
    """The check or the writing was refused; one line, never testimony."""

    line: str
    """What to show."""


class StewardExportScreen(AppScreen):
    """Export reviewed records after reading the disclosure report."""

    CSS_PATH = STEWARD_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+r",
            "check",
            "Check",
            id="steward_export.check",
            tooltip="Run the disclosure check and show its report; writes nothing",
        ),
        Binding(
            "ctrl+s",
            "export",
            "Export",
            id="steward_export.export",
            tooltip="Write the checked export",
        ),
        Binding("escape", "leave", "Back", id="steward_export.back", tooltip="Back to the records"),
    ]

    stage: reactive[Stage] = reactive(Stage.UNCHECKED)
    """Where the form is; decides what Export does and whether the reason is asked."""

    def __init__(self) -> None:
        super().__init__(id="steward-export")
        self.planned: ReleasePlan | None = None
        """The plan the report shows, for the settings as they are."""

    def compose(self) -> ComposeResult:
        if self.interview_app.settings.demo:
            yield Static(Content("DEMO STORE · synthetic data · not secret"), classes="demo-banner")
        yield Static(Content("Export reviewed records"), id="export-title")
        with Vertical(id="export-form"):
            with Horizontal(classes="export-row"):
                yield Label(Content("Folder"), classes="export-label")
                yield Input(
                    placeholder="a new or empty folder",
                    id="export-folder",
                    compact=True,
                )
            with Horizontal(classes="export-row", id="export-formats"):
                yield Label(Content("Formats"), classes="export-label")
                for name in FORMATS:
                    yield Checkbox(name, True, id=f"format-{name}", compact=True)
            with Horizontal(classes="export-row"):
                yield Label(Content("k"), classes="export-label")
                yield Input(
                    str(DEFAULT_K),
                    type="integer",
                    validators=[Integer(minimum=1)],
                    id="export-k",
                    classes="export-number",
                    compact=True,
                )
                yield Label(Content("l"), classes="export-label-short")
                yield Input(
                    str(DEFAULT_L),
                    type="integer",
                    validators=[Integer(minimum=1)],
                    id="export-l",
                    classes="export-number",
                    compact=True,
                )
            with Horizontal(classes="export-row"):
                yield Label(Content("For"), classes="export-label")
                with RadioSet(id="export-audience", compact=True):
                    yield RadioButton("project", True, id="audience-project")
                    yield RadioButton("archive", id="audience-archive")
                yield Label(Content("Ids"), classes="export-label-short")
                with RadioSet(id="export-pseudonyms", compact=True):
                    yield RadioButton("stable", True, id="pseudonyms-stable")
                    yield RadioButton("per export", id="pseudonyms-per-export")
            with Horizontal(classes="export-row", id="export-reason-row"):
                yield Label(Content("Reason"), classes="export-label")
                yield Input(
                    placeholder="why export below the threshold (no names, no testimony)",
                    id="export-reason",
                    compact=True,
                )
            with Horizontal(classes="export-row", id="export-buttons"):
                yield Button("Check (ctrl+r)", id="export-check", compact=True, variant="primary")
                yield Button("Export (ctrl+s)", id="export-write", compact=True, disabled=True)
                yield Button("Back (esc)", id="export-back", compact=True)
        with VerticalScroll(id="export-report-box"):
            yield Static(
                Content("Choose the settings, then Check: the report comes before any writing."),
                id="export-report",
            )
        yield Static(Content(""), id="export-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#export-report-box").border_title = "Disclosure report"
        self.query_one("#export-folder", Input).focus()
        self.watch_stage(self.stage)

    # State

    def watch_stage(self, stage: Stage) -> None:
        """Export only with a plan in hand; the reason only when the plan is refused."""
        try:
            write = self.query_one("#export-write", Button)
        except NoMatches:  # not composed yet
            return
        write.disabled = stage not in (
            Stage.READY,
            Stage.REFUSED,
        )
        self.query_one("#export-check", Button).disabled = stage in (
            Stage.CHECKING,
            Stage.WRITING,
        )
        self.query_one("#export-reason-row").display = stage is Stage.REFUSED

    def _settings_changed(self) -> None:
        if self.stage in (Stage.CHECKING, Stage.WRITING):
            return
        if self.planned is not None or self.stage is not Stage.UNCHECKED:
            self.planned = None
            self.stage = Stage.UNCHECKED
            self.query_one("#export-reason", Input).value = ""
            self._report(["The settings changed: Check again before exporting."])

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._settings_changed()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self._settings_changed()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.input.id in ("export-k", "export-l"):
            self._settings_changed()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "export-reason":
            self.action_export()
        else:
            self.action_check()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export-check":
            self.action_check()
        elif event.button.id == "export-write":
            self.action_export()
        elif event.button.id == "export-back":
            self.action_leave()

    # Settings

    def read_settings(self) -> ReleaseSettings | list[str]:
        """The settings from the form, or every problem with them."""
        problems: list[str] = []
        formats = tuple(
            name for name in FORMATS if self.query_one(f"#format-{name}", Checkbox).value
        )
        if not formats:
            problems.append("choose at least one format")
        numbers: dict[str, int] = {}
        for name in ("k", "l"):
            text = self.query_one(f"#export-{name}", Input).value.strip()
            if not text.isdigit() or int(text) < 1:
                problems.append(f"{name} must be a whole number of at least 1")
            else:
                numbers[name] = int(text)
        if problems:
            return problems
        archive = self.query_one("#audience-archive", RadioButton).value
        per_export = self.query_one("#pseudonyms-per-export", RadioButton).value
        return ReleaseSettings(
            formats=formats,
            k=numbers["k"],
            l_diversity=numbers["l"],
            pseudonyms=Pseudonyms.PER_EXPORT if per_export else Pseudonyms.STABLE,
            audience=Audience.ARCHIVE if archive else Audience.PROJECT,
        )

    # Checking

    def action_check(self) -> None:
        """Plan the export in a worker and show the report; nothing is written."""
        if self.stage in (Stage.CHECKING, Stage.WRITING):
            return
        settings = self.read_settings()
        if isinstance(settings, list):
            self._status("Cannot check: " + "; ".join(settings) + ".")
            return
        self.planned = None
        self.stage = Stage.CHECKING
        self._status("Checking: opening the reviewed records and running disclosure control…")
        self.check(settings)

    @work(thread=True, exclusive=True, exit_on_error=False, group="steward-plan")
    def check(self, settings: ReleaseSettings) -> None:
        """Plan off the interface thread."""
        app = self.interview_app
        try:
            planned = plan(app.store, settings, protocol_source(app.protocol))
        except (IntakeError, StoreError) as problem:
            self.post_message(ExportProblem(str(problem)))
            return
        self.post_message(PlanReady(planned))

    def on_plan_ready(self, message: PlanReady) -> None:
        self.planned = message.plan
        self._report(plan_summary(message.plan))
        if message.plan.report.refused:
            self.stage = Stage.REFUSED
            self._status(
                "Refused at these settings: type a reason to export anyway, or change them."
            )
            self.query_one("#export-reason", Input).focus()
        else:
            self.stage = Stage.READY
            self._status("The threshold holds. Give a folder and Export (ctrl+s) to write.")

    # Writing

    def action_export(self) -> None:
        """Write the checked export (in a worker)."""
        planned = self.planned
        if self.stage not in (Stage.READY, Stage.REFUSED) or planned is None:
            self._status("Check first: the report comes before anything is written.")
            return
        folder_text = self.query_one("#export-folder", Input).value.strip()
        reason = self.query_one("#export-reason", Input).value.strip() or None
        problems = []
        if not folder_text:
            problems.append("give a new or empty folder to write into")
        if self.stage is Stage.REFUSED and reason is None:
            problems.append(
                "this plan is below the threshold: type your reason for accepting the risk"
            )
        if problems:
            self._status("Cannot export: " + "; ".join(problems) + ".")
            return
        self.stage = Stage.WRITING
        self._status("Writing…")
        folder = Path(folder_text).expanduser()
        self.write(planned, folder, reason if planned.report.refused else None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="steward-export")
    def write(self, planned: ReleasePlan, folder: Path, reason: str | None) -> None:
        """Write the formats, the anonymisation log and the manifest off the interface thread."""
        try:
            result = write_planned(self.interview_app.store, planned, folder, reason)
        except (IntakeError, StoreError) as problem:
            self.post_message(ExportProblem(str(problem)))
            return
        except OSError as problem:
            self.post_message(ExportProblem(f"the folder could not be written: {problem.strerror}"))
            return
        self.post_message(ExportWritten(written_line(result)))

    def on_export_written(self, message: ExportWritten) -> None:
        self.planned = None
        self.query_one("#export-reason", Input).value = ""
        self.stage = Stage.WRITTEN
        self._status(message.line)
        self.notify(message.line, timeout=8)

    def on_export_problem(self, message: ExportProblem) -> None:
        if self.stage is Stage.WRITING:
            self.stage = Stage.REFUSED if self._refused() else Stage.READY
        else:
            self.planned = None
            self.stage = Stage.UNCHECKED
        self._status(message.line)

    def _refused(self) -> bool:
        return self.planned is not None and self.planned.report.refused

    def failed(self) -> None:
        """A worker of this screen failed (the app has said so)."""
        self.on_export_problem(ExportProblem(""))

    # Leaving

    def action_leave(self) -> None:
        """Back to the records (not while writing)."""
        if self.stage is Stage.WRITING:
            self._status("Wait for the export to finish.")
            return
        self.planned = None
        self.dismiss()

    def before_lock(self) -> None:
        self.planned = None

    def _report(self, lines: list[str]) -> None:
        self.query_one("#export-report", Static).update(Content("\n".join(lines)))

    def _status(self, text: str) -> None:
        self.query_one("#export-status", Static).update(Content(text))
