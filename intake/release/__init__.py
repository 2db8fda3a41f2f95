"""The steward export: reviewed records, disclosure-controlled, in research formats.

:func:`plan_release` opens the chosen records at an unlocked steward store,
refuses unreviewed ones, builds the neutral dataset from the protocol and runs
disclosure control, writing nothing: the app shows its report before the
steward decides. :func:`write_release` then writes the formats, the
anonymisation log and the manifest into a new folder, and records the export
in the store's audit log. :func:`release` does both.

What leaves: the protocol's non-identity answers (quasi-identifiers
generalised and suppressed as control decided), redacted free text, and
per-record counts of replacements. What never leaves: identity fields, the
original free text, the pseudonym mappings, one-line text answers the
anonymiser was not asked to scrub, and store record ids.

This is release policy: which records and answers may leave, for whom, and
how coarse. The package: :mod:`~intake.release.settings` (what the steward
chooses, and the defaults the command line and the app share),
:mod:`~intake.release.plan` (planning and writing), :mod:`~intake.release.records`
(opening records, their consents and pseudonyms), :mod:`~intake.release.builder`
(protocol and records to the neutral dataset; disclosure control itself, the
least-loss search for k and l, is :mod:`anonymise.disclosure_control`'s),
:mod:`~intake.release.texts` (years and ages in the texts at the table's level)
and :mod:`~intake.release.summary` (the one summary both show). The formats
themselves are written by :mod:`store.datasets`. Texts are read from the store
again, one record at a time, when a format writes them: a plan holds the
table, never the texts.

The record document read here is the one ``intake/record.py`` builds
(``format`` ``testimony-intake/record``, ``format_version`` 1): ``protocol``
(id, version, fingerprint), ``reviewed``, ``answers`` (field id to draft JSON
value), ``free_text`` (field id to ``{"redacted": ...}``; only ``redacted`` is
read) and ``anonymisation_log`` (type, recogniser, action, count). ``identity``,
``pseudonyms`` and each free text's ``original`` are never read.
"""

from intake.release.errors import ReleaseError, ReleaseRefusedError
from intake.release.plan import (
    ProtocolSource,
    ReleasePlan,
    WrittenRelease,
    bundled,
    plan_release,
    release,
    write_release,
)
from intake.release.settings import (
    DEFAULT_K,
    DEFAULT_L,
    DEFAULT_MAX_SUPPRESSED_SHARE,
    Audience,
    Pseudonyms,
    ReleaseSettings,
)
from intake.release.summary import plan_summary, written_line

__all__ = [
    "DEFAULT_K",
    "DEFAULT_L",
    "DEFAULT_MAX_SUPPRESSED_SHARE",
    "Audience",
    "ProtocolSource",
    "Pseudonyms",
    "ReleaseError",
    "ReleasePlan",
    "ReleaseRefusedError",
    "ReleaseSettings",
    "WrittenRelease",
    "bundled",
    "plan_release",
    "plan_summary",
    "release",
    "write_release",
    "written_line",
]
