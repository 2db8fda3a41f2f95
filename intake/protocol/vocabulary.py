"""Controlled vocabularies: the coded choices a choice field offers."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Choice:
    """One entry of a controlled vocabulary."""

    code: int
    """The integer stored and exported (value labels in SPSS and Stata)."""
    label: str
    """What the interviewer sees and the codebook prints."""
    help: str = ""
    """An optional explanation of when this choice applies."""
    other: bool = False
    """True for the catch-all "other" entry, usually followed by a "please say" field."""
    exclusive: bool = False
    """True when this choice cannot be combined with others (e.g. "prefers not to say")."""
    missing: bool = False
    """True for a non-answer ("prefers not to say", "does not know"): exported as a
    declared missing value (SPSS user-missing, Stata extended missing, the data
    package's missing values), never counted as an answer."""


@dataclasses.dataclass(frozen=True)
class Vocabulary:
    """A named, reusable list of choices with unique integer codes and labels."""

    name: str
    """How fields and hierarchies refer to it."""
    choices: tuple[Choice, ...]
    """The choices in the order they are shown."""
    _by_code: dict[int, Choice] = dataclasses.field(
        init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {choice.code: choice for choice in self.choices})

    @property
    def codes(self) -> frozenset[int]:
        """Every code of the vocabulary."""
        return frozenset(self._by_code)

    def choice(self, code: int) -> Choice:
        """The choice with this code (``KeyError`` if there is none)."""
        return self._by_code[code]

    def codebook(self) -> dict[int, str]:
        """Code to label, in display order."""
        return {choice.code: choice.label for choice in self.choices}
