"""The top of a step: where the interview is, and whether the step is protected.

Both widgets take their state from the screen through ``data_bind``: the
screen sets ``heading`` and ``protected`` and they follow.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static


class StepHeading(Static):
    """ "Step 3 of 10 · Background"."""

    heading: reactive[str] = reactive("")

    def watch_heading(self, heading: str) -> None:
        self.update(Content(heading))


class ProtectedBanner(Static):
    """Shown only on steps that hold protected identity questions."""

    protected: reactive[bool] = reactive(False)

    def on_mount(self) -> None:
        self.update(Content("PROTECTED · sealed with the record · never exported"))
        self.display = self.protected

    def watch_protected(self, protected: bool) -> None:
        self.display = protected
