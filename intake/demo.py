"""Synthetic, plainly fake interviews that follow a real protocol, for demo stores.

A demo store should let a newcomer try the whole path — interview, bundle,
steward review, export — so its records are built the way the app builds
them: answers go through :class:`~intake.flow.Interview` (conditions, required
questions and validation apply), the free text names only invented people and
places, and :func:`~intake.record.build_record` makes the record. Every third
record is left with its candidates pending, so it arrives unreviewed and the
steward has something to review.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from anonymise.candidates import Candidate
from anonymise.review import Review
from intake.flow import Interview, Stage
from intake.protocol import Field, FieldType, IdentityKind, Protocol
from intake.record import build_record, free_text_answers
from store.demo import DemoRecord, DemoRecordMaker

_SENTENCES = (
    "This is synthetic demo text about {person}, who does not exist.",
    "In the made-up town of {place}, {person} met {other} at an invented market.",
    "Nothing in this demo record describes a real person, place or event.",
    "{other} said the fictional unit moved every few weeks.",
    "{person} describes leaving {place} by an imaginary road.",
    "This sentence exists only to give the demo record some length.",
)


def demo_record(protocol: Protocol, rng: random.Random, number: int) -> dict[str, Any]:
    """A finished record of ``protocol`` about invented people; every third is unreviewed."""
    person, other = f"Demo Person {number:04d}", f"Demo Neighbour {number:04d}"
    place = f"Placeville {rng.randint(1, 99)}"
    interview = Interview.start(protocol)
    while interview.stage in (Stage.CONSENT, Stage.INTERVIEW):
        answered: set[str] = set()
        fresh = True
        while fresh:  # an answer can bring a later question of the step into view
            fresh = False
            for field in interview.visible_fields():
                if field.id not in answered:
                    answered.add(field.id)
                    fresh = True
                    value = _answer(field, rng, person, other, place)
                    if value is not None:
                        interview = interview.set_answer(field.id, value)
        interview = interview.next()
    interview = interview.complete()
    reviews = {
        field_id: _review(text, (person, other, place), decide=number % 3 != 0)
        for field_id, text in free_text_answers(interview).items()
    }
    return build_record(interview, reviews)


def _answer(field: Field, rng: random.Random, person: str, other: str, place: str) -> object:
    if field.consent is not None:
        return field.consent.value != "follow_up"
    if field.identity is not None:
        return place if field.identity is IdentityKind.PLACE else f"{person}, {other}"
    if field.vocabulary is not None:
        ordinary = [c.code for c in field.vocabulary.choices if not c.exclusive and not c.other]
        if field.type is FieldType.MULTIPLE_CHOICE:
            most = min(len(ordinary), field.max_choices or 3, 3)
            least = min(field.min_choices or 1, most)
            return sorted(rng.sample(ordinary, rng.randint(least, most)))
        return rng.choice(ordinary)
    if field.type is FieldType.YES_NO:
        return rng.random() < 0.5
    if field.type in (FieldType.YEAR, FieldType.NUMBER, FieldType.SCALE):
        low = int(field.minimum if field.minimum is not None else 0)
        high = int(field.maximum if field.maximum is not None else low + 40)
        if field.type is FieldType.YEAR:  # the years of the conflict, within the field's range
            low, high = max(low, 2012), max(low, min(high, 2019))
        return rng.randint(low, min(high, low + 40))
    if field.type is FieldType.DATE:
        first = field.earliest or date(2019, 1, 1)
        last = max(first, field.latest or date(2019, 12, 31))
        return (first + timedelta(days=rng.randint(0, min(365, (last - first).days)))).isoformat()
    if field.type is FieldType.LONG_TEXT or field.anonymise:
        count = 12 if field.type is FieldType.LONG_TEXT else 1
        return " ".join(
            rng.choice(_SENTENCES).format(person=person, other=other, place=place)
            for _ in range(count)
        )
    return None  # other one-line text is optional in a demo


def _review(text: str, names: tuple[str, ...], *, decide: bool) -> Review:
    """Candidates at every mention of the invented names, accepted when ``decide``."""
    candidates = []
    for name in names:
        start = text.find(name)
        while start >= 0:
            kind = "PLACE" if name.startswith("Placeville") else "PERSON"
            candidates.append(Candidate(start, start + len(name), kind, 0.99, "demo", "invented"))
            start = text.find(name, start + len(name))
    review = Review.start(text, candidates)
    if decide:
        for candidate in candidates:
            review = review.accept(candidate)
    return review


def demo_records(protocol: Protocol) -> DemoRecordMaker:
    """What ``store.demo.make_demo_store`` calls for each record of a demo store."""

    def make(rng: random.Random, number: int) -> DemoRecord:
        record = demo_record(protocol, rng, number)
        return record, protocol.id, protocol.version, bool(record["reviewed"])

    return make
