"""Analysing an interview's free text: the anonymiser as the interview needs it.

Plain functions, called from the app's thread workers and from the command
line alike; nothing here knows about Textual.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Protocol

from anonymise.candidates import Candidate
from anonymise.known import KnownIdentifiers
from anonymise.review import Review
from intake.flow import Interview
from intake.known_from_answers import known_identifiers
from intake.record import free_text_answers


class Analyser(Protocol):
    """What an interview needs of the anonymiser (``anonymise.analyser.Anonymiser`` has it)."""

    dictionary: frozenset[str]

    def analyse_many(
        self,
        texts: Sequence[str],
        known: KnownIdentifiers | None = None,
        allow: Collection[str] = (),
    ) -> list[list[Candidate]]: ...


AnalyserFactory = Callable[[], Analyser]
"""Builds the anonymiser; slow (loads and verifies the language model)."""


def real_anonymiser() -> Analyser:
    """The verified spaCy model and Presidio (imported here: the import alone is slow)."""
    from anonymise.analyser import Anonymiser

    return Anonymiser()


def analyse_interview(analyser: Analyser, interview: Interview) -> dict[str, Review]:
    """Analyse every answered free-text field with the identity answers as known identifiers."""
    reviews = analyse_with_progress(analyser, interview, lambda _done, _total: True)
    assert reviews is not None
    return reviews


def analyse_with_progress(
    analyser: Analyser,
    interview: Interview,
    progress: Callable[[int, int], bool],
) -> dict[str, Review] | None:
    """:func:`analyse_interview`, one text at a time, telling ``progress(done, total)``.

    ``progress`` is called before each text and after the last; when it returns
    ``False`` the analysis stops and ``None`` is returned (the screen was left).
    """
    texts = free_text_answers(interview)
    known = known_identifiers(interview.protocol, interview.relevant_answers())
    allow = interview.protocol.all_research_terms()
    reviews: dict[str, Review] = {}
    for done, (field_id, text) in enumerate(texts.items()):
        if not progress(done, len(texts)):
            return None
        [candidates] = analyser.analyse_many([text], known, allow)
        reviews[field_id] = Review.start(text, candidates)
    if not progress(len(texts), len(texts)):
        return None
    return reviews
