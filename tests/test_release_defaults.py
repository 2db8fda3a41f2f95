"""One set of defaults: the command line, the steward's screen and the library agree."""

from __future__ import annotations

import click

from anonymise.analyser import DEFAULT_THRESHOLD
from intake.cli.anonymise import anonymise
from intake.cli.export import export
from intake.release import DEFAULT_K, DEFAULT_L, ReleaseSettings
from intake.typed_up import DEFAULT_THRESHOLD as TYPED_UP_THRESHOLD


def _default(command: click.Command, name: str) -> object:
    return next(p.default for p in command.params if p.name == name)


def test_export_defaults_are_the_release_settings() -> None:
    settings = ReleaseSettings()
    assert (settings.k, settings.l_diversity) == (DEFAULT_K, DEFAULT_L)
    assert _default(export, "k") == DEFAULT_K
    assert _default(export, "l_diversity") == DEFAULT_L


def test_masking_threshold_is_the_anonymisers() -> None:
    assert _default(anonymise, "threshold") == DEFAULT_THRESHOLD
    assert TYPED_UP_THRESHOLD == DEFAULT_THRESHOLD
