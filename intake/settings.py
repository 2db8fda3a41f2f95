"""Typed settings of the interview app, behind one loader.

The app reads nothing else: command-line options and the environment are turned
into one frozen :class:`Settings` here, checked once, so a bad value is one
clear line before any testimony is on screen.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping

from intake.errors import IntakeError

DEFAULT_IDLE_LOCK_SECONDS = 180
"""Lock after three minutes without a key press or mouse action."""
DEFAULT_AUTOSAVE_SECONDS = 5.0
"""Save the draft this often while the interviewer types."""
IDLE_LOCK_ENV = "TESTIMONY_IDLE_LOCK"
"""Environment variable that sets the idle lock, in seconds."""


class SettingsError(IntakeError):
    """A setting that cannot be used; the message is one line for the user."""


@dataclasses.dataclass(frozen=True)
class Settings:
    """How the interview app behaves."""

    idle_lock_seconds: float = DEFAULT_IDLE_LOCK_SECONDS
    """Seconds without input before the app locks itself; 0 turns idle locking off."""
    autosave_seconds: float = DEFAULT_AUTOSAVE_SECONDS
    """Seconds between saves of a changed draft while typing."""
    demo: bool = False
    """The store is a demo store: the app says so on every screen."""
    demo_passphrase: str | None = None
    """The published demo passphrase, shown on the unlock screen of a demo store only."""
    display_language: str | None = None
    """The language the app shows the protocol's texts in; None: the protocol's own."""

    def __post_init__(self) -> None:
        if self.idle_lock_seconds < 0 or (0 < self.idle_lock_seconds < 10):
            raise SettingsError("the idle lock must be 0 (off) or at least 10 seconds")
        if not 0.5 <= self.autosave_seconds <= 600:
            raise SettingsError("autosave must be between 0.5 and 600 seconds")


def load_settings(
    *,
    idle_lock: float | None = None,
    demo: bool = False,
    demo_passphrase: str | None = None,
    display_language: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Settings from command-line options, then the environment, then the defaults."""
    env = os.environ if environ is None else environ
    chosen = idle_lock
    if chosen is None and env.get(IDLE_LOCK_ENV):
        try:
            chosen = float(env[IDLE_LOCK_ENV])
        except ValueError:
            raise SettingsError(f"{IDLE_LOCK_ENV} must be a number of seconds") from None
    return Settings(
        idle_lock_seconds=DEFAULT_IDLE_LOCK_SECONDS if chosen is None else chosen,
        demo=demo,
        demo_passphrase=demo_passphrase if demo else None,
        display_language=display_language,
    )
