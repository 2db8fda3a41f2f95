"""Analysing an interview's free text: the anonymiser as the interview needs it.

Plain functions, called from the app's thread workers and from the command
line alike; nothing here knows about Textual.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Mapping, Sequence
from functools import partial
from typing import Protocol

from anonymise.candidates import Candidate
from anonymise.entities import Entities, link
from anonymise.entity_review import EntityReview
from anonymise.errors import AnonymiseError
from anonymise.known import KnownIdentifiers
from anonymise.languages import DEFAULT_LANGUAGE, LANGUAGES, language
from anonymise.review import PENDING, Review
from anonymise.settlement import ResearchContent, Settlement, may_keep, settle
from intake.flow import Interview
from intake.known_from_answers import known_identifiers
from intake.protocol.model import Protocol as InterviewProtocol
from intake.record import free_text_answers


class Analyser(Protocol):
    """What an interview needs of the anonymiser (``anonymise.analyser.Anonymiser`` has it)."""

    dictionary: frozenset[str]

    def analyse_many(
        self,
        texts: Sequence[str],
        known: KnownIdentifiers | None = None,
        allow: Collection[str] = (),
        language: str | None = None,
    ) -> list[list[Candidate]]: ...


AnalyserFactory = Callable[[], Analyser]
"""Builds the anonymiser; slow (loads and verifies the language model)."""


def real_anonymiser(tag: str = DEFAULT_LANGUAGE) -> Analyser:
    """The verified spaCy model of language ``tag`` and Presidio (imported here: it is slow)."""
    from anonymise.analyser import Anonymiser

    return Anonymiser(tag=tag)


def anonymiser_for(protocol: InterviewProtocol) -> AnalyserFactory:
    """A factory for the anonymiser of the protocol's language.

    A language the analyser cannot read is refused at once, in one line, before
    anything slow starts.
    """
    return partial(real_anonymiser, language(protocol.language).tag)


#: The field whose answer says which language an interview was held in.
INTERVIEW_LANGUAGE_FIELD = "interview_language"


def interview_language(interview: Interview) -> str:
    """The language of an interview's texts: the interview's choice, else the protocol's.

    The choice is the answer to the ``interview_language`` field when its label names
    a language the analyser reads ("French", "Arabic", or a tag such as "fr"); any
    other choice ("Kurdish", "Another language") leaves the protocol's language, and
    the language identifier still reads each part of the text in its own.
    """
    declared = language(interview.protocol.language).tag
    try:
        field = interview.protocol.field(INTERVIEW_LANGUAGE_FIELD)
    except KeyError:
        return declared
    answer = interview.relevant_answers().get(INTERVIEW_LANGUAGE_FIELD)
    if field.vocabulary is None or not isinstance(answer, int) or isinstance(answer, bool):
        return declared
    try:
        label = field.vocabulary.choice(answer).label.strip()
    except KeyError:
        return declared
    by_name = {lang.name.lower(): tag for tag, lang in LANGUAGES.items()}
    found = by_name.get(label.lower())
    if found is None:
        try:
            found = language(label).tag
        except AnonymiseError:
            return declared
    return found


def analyse_interview(analyser: Analyser, interview: Interview) -> dict[str, Review]:
    """Analyse every answered free-text field with the identity answers as known identifiers."""
    reviews = analyse_with_progress(analyser, interview, lambda _done, _total: True)
    assert reviews is not None
    return reviews


def analyse_with_progress(
    analyser: Analyser,
    interview: Interview,
    progress: Callable[[int, int], bool],
    earlier: Mapping[str, Review] | None = None,
) -> dict[str, Review] | None:
    """:func:`analyse_interview`, one text at a time, telling ``progress(done, total)``.

    ``progress`` is called before each text and after the last; when it returns
    ``False`` the analysis stops and ``None`` is returned (the screen was left).
    ``earlier`` holds reviews taken before an answer was changed: each text still
    as it was keeps every decision (see :meth:`Review.carried_into`).
    """
    texts = free_text_answers(interview)
    known = known_identifiers(interview.protocol, interview.relevant_answers())
    allow = interview.protocol.all_research_terms()
    declared = interview_language(interview)
    reviews: dict[str, Review] = {}
    for done, (field_id, text) in enumerate(texts.items()):
        if not progress(done, len(texts)):
            return None
        [candidates] = analyser.analyse_many([text], known, allow, declared)
        fresh = Review.start(text, candidates)
        before = (earlier or {}).get(field_id)
        reviews[field_id] = before.carried_into(fresh) if before is not None else fresh
    if not progress(len(texts), len(texts)):
        return None
    return reviews


def research_content(protocol: InterviewProtocol) -> ResearchContent:
    """The protocol's policy for the research content it codes, as the anonymiser reads it."""
    return ResearchContent.from_mapping(protocol.research_content)


def record_entities(interview: Interview, reviews: Mapping[str, Review]) -> Entities:
    """Every candidate of every reviewed text linked into the record's entities.

    The identity answers are the known identifiers, so the interviewee's name, aliases
    and kunya are one person in every text. Numbered as if every mention were masked.
    """
    known = known_identifiers(interview.protocol, interview.relevant_answers())
    return link(
        {field_id: review.text for field_id, review in reviews.items()},
        {
            field_id: [item.candidate for item in review.items]
            for field_id, review in reviews.items()
        },
        known,
    )


def settlements(entities: Entities, protocol: InterviewProtocol) -> dict[str, Settlement]:
    """Entity id -> the decision a rule takes for it (known identifiers, addresses and
    numbers by their form, the protocol's research content); the rest need a person."""
    policy = research_content(protocol)
    found = {entity.id: settle(entity, policy) for entity in entities}
    return {entity_id: decision for entity_id, decision in found.items() if decision is not None}


def settled_reviews(
    reviews: Mapping[str, Review], entities: Entities, decided: Mapping[str, Settlement]
) -> dict[str, Review]:
    """``reviews`` with every still-pending mention of a settled entity decided by its rule.

    A mention the reviewer already decided keeps that decision. One pass over each
    text: its pending mentions to mask, then those to keep, each decided at once.
    """
    masked: dict[str, list[Candidate]] = {}
    kept: dict[str, list[Candidate]] = {}
    for entity in entities:
        decision = decided.get(entity.id)
        if decision is None:
            continue
        chosen = masked if decision.mask or not may_keep(entity) else kept
        for mention in entity.mentions:
            chosen.setdefault(mention.text_id, []).append(mention.candidate)
    result = dict(reviews)
    for text_id, review in reviews.items():
        pending = {item.candidate for item in review.items if item.status == PENDING}
        to_mask = [c for c in masked.get(text_id, []) if c in pending]
        to_keep = [c for c in kept.get(text_id, []) if c in pending]
        if to_mask:
            review = review.decide_all(to_mask, True)
        if to_keep:
            review = review.decide_all(to_keep, False)
        result[text_id] = review
    return result


def settled_review(state: EntityReview, protocol: InterviewProtocol) -> EntityReview:
    """``state`` with every entity the rules settle decided, where no one decided it yet."""
    decided = settlements(state.entities, protocol)
    if not decided:
        return state
    reviews = settled_reviews(state.reviews, state.entities, decided)
    return dataclasses.replace(state, reviews=reviews)


def reviews_cover(interview: Interview, reviews: Mapping[str, Review] | None) -> bool:
    """Whether ``reviews`` review exactly the interview's free text as answered now."""
    if reviews is None:
        return False
    texts = free_text_answers(interview)
    return set(reviews) == set(texts) and all(
        reviews[field_id].text == text for field_id, text in texts.items()
    )
