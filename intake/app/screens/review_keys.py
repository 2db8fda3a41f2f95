"""The keys of a review, shared by the interviewer's review and the steward's re-review."""

from __future__ import annotations

from textual.binding import Binding, BindingType


def review_bindings(prefix: str, *, missed_tooltip: str) -> list[BindingType]:
    """The keys of a review, their ids under ``prefix`` so each screen's stay its own."""
    return [
        # The arrows are priority bindings: the focused text view would take them
        # to move its cursor, and here they move between entities and resize mentions.
        Binding(
            "down,j",
            "move(1)",
            "Next",
            id=f"{prefix}.next",
            tooltip="Next entity",
            show=False,
            priority=True,
        ),
        Binding(
            "up,k",
            "move(-1)",
            "Prev",
            id=f"{prefix}.previous",
            tooltip="Previous entity",
            show=False,
            priority=True,
        ),
        Binding(
            "n",
            "mention(1)",
            "Mention",
            id=f"{prefix}.next_mention",
            tooltip="Next mention of this entity, in whichever text",
            show=False,
        ),
        Binding(
            "N",
            "mention(-1)",
            "Prev mention",
            id=f"{prefix}.previous_mention",
            tooltip="Previous mention of this entity",
            show=False,
        ),
        Binding(
            "a",
            "decide('accept')",
            "Mask",
            id=f"{prefix}.accept",
            tooltip="Mask this entity: every mention, in every text",
        ),
        Binding(
            "r",
            "decide('reject')",
            "Keep",
            id=f"{prefix}.reject",
            tooltip="Keep this entity readable: every mention, in every text",
        ),
        Binding(
            "M",
            "merge",
            "Merge",
            id=f"{prefix}.merge",
            tooltip="This entity is the same as another: choose it, they become one",
        ),
        Binding(
            "s",
            "split",
            "Split",
            id=f"{prefix}.split",
            tooltip="Make the mention shown an entity of its own",
        ),
        Binding(
            "t",
            "retype",
            "Type",
            id=f"{prefix}.retype",
            tooltip="Change the type of this entity (or of a mention split off)",
        ),
        Binding(
            "right",
            "resize('end', 1)",
            "Longer",
            id=f"{prefix}.extend",
            show=False,
            priority=True,
            tooltip="End the mention one word later (its decision stays)",
        ),
        Binding(
            "left",
            "resize('end', -1)",
            "Shorter",
            id=f"{prefix}.shrink",
            show=False,
            priority=True,
            tooltip="End the mention one word earlier (its decision stays)",
        ),
        Binding(
            "shift+left",
            "resize('start', 1)",
            "Earlier",
            id=f"{prefix}.earlier",
            show=False,
            priority=True,
            tooltip="Start the mention one word earlier (its decision stays)",
        ),
        Binding(
            "shift+right",
            "resize('start', -1)",
            "Later",
            id=f"{prefix}.later",
            show=False,
            priority=True,
            tooltip="Start the mention one word later (its decision stays)",
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
