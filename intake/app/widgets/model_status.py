"""Where the language model is: loading (with a moving bar), ready, or failed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import ProgressBar, Static


class ModelStatus(Vertical):
    """A line about the model and, while it loads, an indeterminate progress bar."""

    DEFAULT_CSS = """
    ModelStatus {
        height: auto;
    }
    ModelStatus ProgressBar {
        height: 1;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="model-line")
        yield ProgressBar(total=None, show_eta=False, show_percentage=False, id="model-progress")

    def show(self, line: str, loading: bool) -> None:
        """Show the model's state."""
        self.query_one("#model-line", Static).update(Content(line))
        self.query_one("#model-progress", ProgressBar).display = loading
