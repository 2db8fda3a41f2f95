"""A screen that makes one move at a time: keys pressed during a move wait, then apply in order.

Replacing a step's questions takes a few frames; an interviewer who types ahead
(ctrl+n, then the first letters of the next answer) must not lose those keys or
have them land on questions being removed.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable

from textual import events
from textual.widgets import Input, TextArea

from intake.app.screens.base import AppScreen


class OneMoveScreen(AppScreen):
    """A screen whose ``next`` and ``back`` moves never overlap, holding keys meanwhile."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._moving = False
        self._held: deque[events.Key] = deque()

    @property
    def moving(self) -> bool:
        return self._moving

    def hold_key(self, event: events.Key) -> None:
        self._held.append(events.Key(event.key, event.character))

    async def _next(self) -> None:
        """The forward move (ctrl+n)."""
        raise NotImplementedError

    async def _back(self) -> None:
        """The backward move (ctrl+b)."""
        raise NotImplementedError

    async def _one_move(self, move: Callable[[], Awaitable[None]]) -> None:
        if self._moving:
            return
        self._moving = True
        try:
            await move()
            while self._held and self.is_current:
                key = self._held.popleft()
                if key.key == "ctrl+n":
                    await self._next()
                elif key.key == "ctrl+b":
                    await self._back()
                else:
                    self._deliver(key)
        finally:
            self._moving = False
            self._held.clear()

    def _deliver(self, key: events.Key) -> None:
        """Apply a key held during a move to what has focus now."""
        focused = self.focused
        text_box = isinstance(focused, Input) or (
            isinstance(focused, TextArea) and not focused.read_only
        )
        if key.key == "tab":
            self.focus_next()
        elif key.key == "shift+tab":
            self.focus_previous()
        elif text_box and key.key == "backspace":
            assert isinstance(focused, Input | TextArea)
            focused.action_delete_left()
        elif text_box and key.is_printable and key.character:
            if isinstance(focused, Input):
                focused.insert_text_at_cursor(key.character)
            elif isinstance(focused, TextArea):
                focused.insert(key.character)
        elif focused is not None:
            focused.post_message(key)

    async def _settle(self) -> None:
        """Let the focused question take the keys already sent to it, before reading it."""
        focused = self.focused
        done = asyncio.Event()
        if focused is not None and focused.call_later(done.set):
            await done.wait()
