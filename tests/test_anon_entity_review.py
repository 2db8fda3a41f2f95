"""Review by entity as plain values: decisions, merges, splits, type changes and their replay."""

from __future__ import annotations

import pytest
from anon_fixtures import spotted

from anonymise.candidates import Candidate
from anonymise.entity_review import EntityEdit, EntityReview, edits_over, entity_at
from anonymise.known import KnownIdentifiers
from anonymise.redact import Policy
from anonymise.review import Review
from intake.codec import CodecError, decode_edits, encode_edits

NARRATIVE = "Karim Benali met Faisal Omran in Sfax. Omran is called the Professor. Mr Benali left."
NOTES = "Benali was calm. The Professor has a scar."
KNOWN = KnownIdentifiers(names=("Karim Benali",))
TYPES = {
    "Karim Benali": "PERSON",
    "Faisal Omran": "PERSON",
    "Omran": "PERSON",
    "Sfax": "PLACE",
    "Professor": "OCCUPATION",
    "Benali": "PERSON",
}


def found(text: str) -> list[Candidate]:
    """Every whole occurrence of the words of ``TYPES`` (longest first, never overlapping)."""
    return spotted(text, TYPES)


def reviewed(narrative: str = NARRATIVE, notes: str = NOTES) -> EntityReview:
    reviews = {
        "narrative": Review.start(narrative, found(narrative)),
        "notes": Review.start(notes, found(notes)),
    }
    return EntityReview.link(reviews, KNOWN)


def named(state: EntityReview, words: str) -> str:
    """The id of the entity with a mention ``words``."""
    for entity in state.entities:
        if any(state.surface(m) == words for m in entity.mentions):
            return entity.id
    raise AssertionError(words)


def test_one_decision_covers_every_mention_in_every_text() -> None:
    state = reviewed()
    person = state.entities.get(named(state, "Karim Benali"))
    assert {m.text_id for m in person.mentions} == {"narrative", "notes"}
    assert state.status(person) == "pending"
    masked = state.decide(person.id, accept=True)
    assert masked.status(masked.entities.get(person.id)) == "accepted"
    assert len(masked.pending) == len(state.pending) - 1
    # Every mention got its decision, in the text it lies in.
    for mention in person.mentions:
        review = masked.reviews[mention.text_id]
        assert review.status(masked.candidate(mention)) == "accepted"
    kept = masked.decide(person.id, accept=False)
    assert kept.status(kept.entities.get(person.id)) == "rejected"
    # Mentions whose decisions differ leave the entity to decide.
    [first, *_rest] = person.mentions
    mixed = kept.reviews[first.text_id].accept(kept.candidate(first))
    partly = EntityReview(
        {**kept.reviews, first.text_id: mixed}, kept.entities, kept.edits, kept.known
    )
    assert partly.status(partly.entities.get(person.id)) == "pending"


def test_merge_split_and_retype_survive_a_new_linking() -> None:
    state = reviewed()
    smuggler, nickname = named(state, "Faisal Omran"), named(state, "Professor")
    assert smuggler != nickname
    merged = state.merge(smuggler, nickname)
    one = merged.entities.get(named(merged, "Professor"))
    assert {merged.surface(m) for m in one.mentions} == {"Faisal Omran", "Omran", "Professor"}
    assert one.entity_type == "PERSON"
    # The reviews keep the analyser's types; shown and redacted, mentions take the entity's.
    professor = next(m for m in one.mentions if merged.surface(m) == "Professor")
    assert merged.candidate(professor).entity_type == "OCCUPATION"
    typed = merged.typed(professor.text_id)
    assert {c.entity_type for c in typed.candidates if c.start == professor.key[1]} == {"PERSON"}
    split = merged.split(one.id, professor.key)
    alone = entity_at(split.entities, professor.key)
    assert alone is not None and len(alone.mentions) == 1
    retyped = split.retype(alone.id, "ORGANISATION")
    assert [e.action for e in retyped.edits] == ["merge", "split", "retype"]
    again = EntityReview.link(retyped.reviews, KNOWN, retyped.edits)
    assert [(e.entity_type, len(e.mentions)) for e in again.entities] == [
        (e.entity_type, len(e.mentions)) for e in retyped.entities
    ]
    assert again.edits == retyped.edits


def test_an_edit_that_changes_nothing_is_kept_and_one_whose_mentions_are_gone_dropped() -> None:
    state = reviewed()
    merged = state.merge(named(state, "Faisal Omran"), named(state, "Professor"))
    twice = EntityReview.link(merged.reviews, KNOWN, merged.edits * 2)
    assert twice.edits == merged.edits * 2  # the second merge changes nothing, and stays
    fixed = "Benali was calm."
    notes = {**merged.reviews, "notes": Review.start(fixed, found(fixed))}
    about_notes = EntityEdit("split", ("notes", 21, 30))
    relinked = EntityReview.link(notes, KNOWN, (*merged.edits, about_notes))
    assert relinked.edits == merged.edits


def test_edits_about_a_changed_text_are_not_carried() -> None:
    state = reviewed()
    notes_professor = next(
        m.key
        for e in state.entities
        for m in e.mentions
        if m.text_id == "notes" and state.surface(m) == "Professor"
    )
    edits = (
        EntityEdit("retype", ("narrative", 28, 32), entity_type="PLACE"),
        EntityEdit("split", notes_professor),
    )
    changed = {**state.reviews, "notes": Review.start("Benali is calm.", [])}
    assert edits_over(edits, state.reviews, changed) == edits[:1]
    assert edits_over(edits, state.reviews, state.reviews) == edits


def test_a_resized_mention_stays_a_mention_of_its_entity() -> None:
    state = reviewed()
    person = state.entities.get(named(state, "Karim Benali"))
    mister = next(
        m for m in person.mentions if state.surface(m) == "Benali" and m.text_id == "narrative"
    )
    start, end = mister.key[1], mister.key[2]
    text = state.reviews["narrative"].text
    assert text[start - 3 : end] == "Mr Benali"
    resized = state.reviews["narrative"].resize(state.candidate(mister), start - 3, end)
    moved = state.with_resized("narrative", resized, mister.key, ("narrative", start - 3, end))
    owner = entity_at(moved.entities, ("narrative", start - 3, end))
    assert owner is not None
    assert "Karim Benali" in {moved.surface(m) for m in owner.mentions}
    # Linked again, it stays with him.
    again = EntityReview.link(moved.reviews, KNOWN, moved.edits)
    still = entity_at(again.entities, ("narrative", start - 3, end))
    assert still is not None and "Karim Benali" in {again.surface(m) for m in still.mentions}


def test_pseudonyms_are_numbered_as_the_record_numbers_them() -> None:
    state = reviewed()
    person, smuggler = named(state, "Karim Benali"), named(state, "Faisal Omran")
    decided = state.decide(smuggler, accept=True).decide(person, accept=True)
    numbered = {e.id: e.pseudonym for e in decided.numbered(Policy())}
    assert numbered[person] == "[PERSON 1]" and numbered[smuggler] == "[PERSON 2]"
    assert numbered[named(state, "Sfax")] == ""  # not masked
    allowed = {e.id: e.pseudonym for e in decided.numbered(Policy(allow=frozenset({"Omran"})))}
    assert allowed[person] == "[PERSON 1]"


def test_edits_round_trip_through_the_codec_and_bad_ones_are_refused() -> None:
    state = reviewed()
    merged = state.merge(named(state, "Faisal Omran"), named(state, "Professor"))
    texts = {text_id: review.text for text_id, review in merged.reviews.items()}
    encoded = encode_edits(merged.edits)
    assert decode_edits(texts, encoded) == merged.edits
    for broken in (
        [{**encoded[0], "action": "explode"}],
        [{**encoded[0], "text": "elsewhere"}],
        [{**encoded[0], "end": 10_000}],
        [{**encoded[0], "other": None}],
        [{**encoded[0], "type": "SPACESHIP"}],
        [{**encoded[0], "start": True}],
        {"not": "a list"},
    ):
        with pytest.raises(CodecError):
            decode_edits(texts, broken)


def test_an_entity_review_shows_no_testimony_in_its_repr() -> None:
    state = reviewed()
    merged = state.merge(named(state, "Faisal Omran"), named(state, "Professor"))
    shown = repr(merged) + repr(merged.edits) + repr(list(merged.entities))
    for words in ("Benali", "Omran", "Professor", "Sfax", "Karim"):
        assert words not in shown
