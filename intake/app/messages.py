"""Messages the app's workers post back: small dataclasses, no testimony in any repr."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from anonymise.review import Review


@dataclass
class ModelReady(Message):
    """The anonymiser is built and verified; review can run."""

    seconds: float
    """How long building it took."""


@dataclass
class ModelFailed(Message):
    """The anonymiser could not be built; review cannot run in this session."""

    reason: str
    """One line for the status bar (never testimony)."""


@dataclass
class Unlocked(Message):
    """The store accepted the passphrase."""


@dataclass
class UnlockRefused(Message):
    """The passphrase did not open the store."""


@dataclass
class AnalysisProgress(Message):
    """How many free-text answers have been analysed."""

    done: int
    """Answers analysed so far."""
    total: int
    """Answers to analyse."""


@dataclass
class AnalysisDone(Message):
    """Every free-text answer has been analysed."""

    reviews: dict[str, Review] = field(repr=False)
    """One review per answered free-text field, every candidate pending."""


@dataclass
class RecordSealed(Message):
    """The record is sealed and the draft deleted."""

    record_id: str
    """The new record's id."""
    reviewed: bool
    """Whether every candidate was decided."""
