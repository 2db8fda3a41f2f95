"""The footer: help, lock and quit first, so that a narrow terminal never hides them.

Textual's footer lists the focused widget's keys, then the screen's, then the
app's: at 60 columns the lock and quit keys fell off the end. This footer
lists the same keys with the app's own first, compactly.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

FIRST = ("help", "lock", "quit")
"""The actions always shown first, in this order."""


class KeyFooter(Footer):
    """A compact footer with help, lock and quit first."""

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        shown: dict[str, tuple[Binding, bool, str]] = {}
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in shown:
                shown[binding.action] = (binding, enabled, tooltip)
        order = sorted(
            shown.values(),
            key=lambda row: FIRST.index(row[0].action) if row[0].action in FIRST else len(FIRST),
        )
        self.styles.grid_size_columns = len(order)
        for binding, enabled, tooltip in order:
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
