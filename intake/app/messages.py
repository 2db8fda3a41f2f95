"""Messages the app's workers post back: small dataclasses, no testimony in any repr."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from anonymise.entity_review import EntityReview


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

    review: EntityReview = field(repr=False)
    """The review of every answered free-text field, linked into entities."""
    analysed: bool = True
    """Whether the texts were analysed now (else a review kept in the draft was linked)."""


@dataclass
class RecordSealed(Message):
    """The record is sealed and the draft deleted."""

    record_id: str
    """The new record's id."""
    reviewed: bool
    """Whether every candidate was decided."""
