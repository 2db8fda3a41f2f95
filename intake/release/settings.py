"""What the steward chooses for a release, and the defaults the command line and the app share."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from store.datasets import FORMATS

DEFAULT_K = 3
"""Smallest group of records sharing their quasi-identifiers, unless the steward says otherwise."""
DEFAULT_L = 2
"""Fewest distinct values of each sensitive field within a group, unless the steward chooses."""
DEFAULT_MAX_SUPPRESSED_SHARE = 0.1
"""Share of records local suppression may blank before generalisation levels are raised."""


class Audience(StrEnum):
    """Who the export is for, which decides what the interviewee's consents allow."""

    PROJECT = "project"
    """The study's own researchers, for analysis: every reviewed record goes."""
    ARCHIVE = "archive"
    """A deposit for other researchers: only records whose interviewee agreed to
    archiving, and free text only where they also agreed to be quoted."""


class Pseudonyms(StrEnum):
    """How respondents are named in an export."""

    STABLE = "stable"
    """The same record has the same respondent id in every export from this store."""
    PER_EXPORT = "per-export"
    """Ids are salted afresh for each export, so two exports cannot be linked."""


@dataclass(frozen=True)
class ReleaseSettings:
    """What the steward chose."""

    formats: tuple[str, ...] = FORMATS
    """Formats to write (see :data:`store.datasets.FORMATS`)."""
    k: int = DEFAULT_K
    """Smallest group of records sharing their quasi-identifiers."""
    l_diversity: int = DEFAULT_L
    """Fewest distinct values of each sensitive field within a group."""
    accept_risk: str | None = None
    """The steward's reason for exporting below the threshold (else it refuses)."""
    pseudonyms: Pseudonyms = Pseudonyms.STABLE
    """Stable respondent ids across exports, or salted per export."""
    record_ids: tuple[str, ...] | None = None
    """Records to export; ``None`` for every reviewed record in the store."""
    max_suppressed_share: float = DEFAULT_MAX_SUPPRESSED_SHARE
    """Share of records local suppression may handle before levels are raised."""
    audience: Audience = Audience.PROJECT
    """Who the export is for (see :class:`Audience`)."""

    def to_json(self) -> dict[str, Any]:
        """The settings as written to the manifest (record ids never are)."""
        return {
            "formats": list(self.formats),
            "k": self.k,
            "l": self.l_diversity,
            "pseudonyms": self.pseudonyms.value,
            "records": "all reviewed" if self.record_ids is None else "chosen",
            "max_suppressed_share": self.max_suppressed_share,
            "audience": self.audience.value,
        }
