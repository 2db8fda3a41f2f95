"""The slow work of the app as plain functions, called from thread workers.

Nothing here knows about Textual; each function is tested on its own and
returns a value the worker posts back as a message.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, Protocol

from anonymise.candidates import Candidate
from anonymise.known import KnownIdentifiers
from anonymise.review import Review
from intake.app.drafts import draft_document
from intake.flow import Interview, Stage
from intake.known_from_answers import known_identifiers
from intake.record import build_record, free_text_answers
from store.repository import Store


class Analyser(Protocol):
    """What the app needs of the anonymiser (``anonymise.analyser.Anonymiser`` has it)."""

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


def unlock_store(store: Store, passphrase: str) -> bool:
    """Try the passphrase (Argon2id, slow on purpose); ``False`` if it is wrong."""
    from store.errors import WrongPassphraseError

    try:
        store.unlock(passphrase)
    except WrongPassphraseError:
        return False
    return True


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


def save_draft(
    store: Store,
    interview: Interview,
    draft_id: str | None,
    reviews: Mapping[str, Review] | None = None,
) -> str:
    """Encrypt and save the interview (and its review so far) as a draft; returns its id."""
    return store.save_draft(
        draft_document(interview, reviews),
        draft_id=draft_id,
        protocol_id=interview.protocol.id,
        protocol_version=interview.protocol.version,
    )


def seal_interview(
    store: Store, interview: Interview, reviews: Mapping[str, Review], draft_id: str | None
) -> tuple[str, bool]:
    """Complete the interview, build its record and seal it, deleting the draft."""
    finished = interview if interview.stage is Stage.COMPLETE else interview.complete()
    document: dict[str, Any] = build_record(finished, reviews)
    reviewed = bool(document["reviewed"])
    record_id = store.finalise(
        document,
        draft_id=draft_id,
        protocol_id=finished.protocol.id,
        protocol_version=finished.protocol.version,
        reviewed=reviewed,
    )
    return record_id, reviewed
