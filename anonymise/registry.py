"""The recognisers the analyser runs, each declared once with what it finds and how it ranks.

A recogniser is a name, the entity types it proposes, the languages it reads,
a priority and a finder. The Presidio engine (:mod:`anonymise.presidio_engine`)
wraps every finder of a text's language; the overlap resolution
(:func:`anonymise.analyser.resolve`) ranks candidates by the priority declared
here. Some sources are declared without a finder: Presidio's own recognisers,
spaCy's entities, and the analyser's later stages (known identifiers,
propagation), so that their priority lives in the same place.

Adding a recogniser is one module with a finder and one line in
:mod:`anonymise.recognisers` that registers it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from anonymise.candidates import ENTITY_TYPES, Candidate

if TYPE_CHECKING:
    from anonymise.recognisers.naming import Lexicon

#: A finder reads a text (with the shared word lists) and proposes candidates.
Finder = Callable[[str, "Lexicon"], list[Candidate]]
#: What an unregistered recogniser ranks: below every registered one.
UNREGISTERED_PRIORITY = 0


@dataclass(frozen=True)
class Recogniser:
    """One source of candidates, declared once."""

    name: str
    """The name its candidates carry in ``Candidate.recogniser``."""
    entity_types: tuple[str, ...]
    """The project entity types it may propose."""
    languages: frozenset[str]
    """Languages (BCP 47 primary tags) whose texts it reads; ``*`` for every language."""
    priority: int
    """Which recogniser wins where candidates overlap: higher first."""
    find: Finder | None = None
    """The plain function it runs; None for Presidio's recognisers and the analyser's stages."""

    def __post_init__(self) -> None:
        if not self.name or not self.languages or self.priority <= UNREGISTERED_PRIORITY:
            raise ValueError("a recogniser needs a name, a language and a positive priority")
        unknown = set(self.entity_types) - set(ENTITY_TYPES)
        if unknown or not self.entity_types:
            raise ValueError(f"recogniser {self.name} declares unknown entity types")

    def reads(self, language: str) -> bool:
        """True when this recogniser runs on texts in ``language``."""
        return "*" in self.languages or language in self.languages


class Registry:
    """Recognisers by name, in the order they were registered."""

    def __init__(self, recognisers: Iterable[Recogniser] = ()) -> None:
        self._by_name: dict[str, Recogniser] = {}
        for recogniser in recognisers:
            self.register(recogniser)

    def register(self, recogniser: Recogniser) -> None:
        """Add ``recogniser``; a second one of the same name is a programming error."""
        if recogniser.name in self._by_name:
            raise ValueError(f"recogniser {recogniser.name} is registered twice")
        self._by_name[recogniser.name] = recogniser

    def __iter__(self) -> Iterator[Recogniser]:
        return iter(self._by_name.values())

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def get(self, name: str) -> Recogniser | None:
        """The recogniser called ``name``, if registered."""
        return self._by_name.get(name)

    def priority(self, name: str) -> int:
        """How ``name`` ranks in the overlap resolution."""
        found = self._by_name.get(name)
        return UNREGISTERED_PRIORITY if found is None else found.priority

    def finders(self, language: str) -> list[Recogniser]:
        """The recognisers with a finder that read ``language``, in registration order."""
        return [r for r in self._by_name.values() if r.find is not None and r.reads(language)]

    def languages(self) -> frozenset[str]:
        """Every language some recogniser declares (``*`` excluded)."""
        return frozenset(
            language for r in self._by_name.values() for language in r.languages if language != "*"
        )


def text_only(find: Callable[[str], list[Candidate]]) -> Finder:
    """A finder for a function that needs the text alone."""

    def finder(text: str, _lexicon: Lexicon) -> list[Candidate]:
        return find(text)

    finder.__name__ = getattr(find, "__name__", "finder")
    finder.__doc__ = find.__doc__
    return finder
