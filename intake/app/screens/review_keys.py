"""The keys of a review, shared by the interviewer's review and the steward's re-review."""

from __future__ import annotations

from textual.binding import Binding, BindingType


def review_bindings(prefix: str, *, missed_tooltip: str) -> list[BindingType]:
    """The keys of a review, their ids under ``prefix`` so each screen's stay its own."""
    return [
        # The arrows are priority bindings: the focused text view would take them
        # to move its cursor, and here they move between and resize candidates.
        Binding(
            "down,j",
            "move(1)",
            "Next",
            id=f"{prefix}.next",
            tooltip="Next candidate",
            priority=True,
        ),
        Binding(
            "up,k",
            "move(-1)",
            "Prev",
            id=f"{prefix}.previous",
            tooltip="Previous candidate",
            show=False,
            priority=True,
        ),
        Binding(
            "a", "decide('accept', False)", "Mask", id=f"{prefix}.accept", tooltip="Mask this one"
        ),
        Binding(
            "r",
            "decide('reject', False)",
            "Keep",
            id=f"{prefix}.reject",
            tooltip="Keep this one readable",
        ),
        Binding(
            "A",
            "decide('accept', True)",
            "Mask all",
            id=f"{prefix}.accept_all",
            tooltip="Mask every mention of these words",
        ),
        Binding(
            "R",
            "decide('reject', True)",
            "Keep all",
            id=f"{prefix}.reject_all",
            show=False,
            tooltip="Keep every mention of these words readable",
        ),
        Binding(
            "right",
            "resize('end', 1)",
            "Longer",
            id=f"{prefix}.extend",
            show=False,
            priority=True,
            tooltip="End one word later (its decision stays)",
        ),
        Binding(
            "left",
            "resize('end', -1)",
            "Shorter",
            id=f"{prefix}.shrink",
            show=False,
            priority=True,
            tooltip="End one word earlier (its decision stays)",
        ),
        Binding(
            "shift+left",
            "resize('start', 1)",
            "Earlier",
            id=f"{prefix}.earlier",
            show=False,
            priority=True,
            tooltip="Start one word earlier (its decision stays)",
        ),
        Binding(
            "shift+right",
            "resize('start', -1)",
            "Later",
            id=f"{prefix}.later",
            show=False,
            priority=True,
            tooltip="Start one word later (its decision stays)",
        ),
        Binding("m", "missed", "Missed", id=f"{prefix}.missed", tooltip=missed_tooltip),
        Binding(
            "l",
            "leftovers",
            "Leftovers",
            id=f"{prefix}.leftovers",
            tooltip="List every possible leftover of every text, with its context",
            show=False,
        ),
        Binding(
            "tab",
            "field(1)",
            "Next text",
            id=f"{prefix}.next_text",
            show=False,
            tooltip="The next free-text answer",
        ),
        Binding(
            "shift+tab",
            "field(-1)",
            "Prev text",
            id=f"{prefix}.previous_text",
            show=False,
            tooltip="The previous free-text answer",
        ),
    ]
