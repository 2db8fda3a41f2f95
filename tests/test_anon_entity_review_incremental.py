"""What a decision keeps from the review before it equals what is worked out from scratch.

A decision carries the indexes and derived values of the review before it (entity
statuses, labels, typed texts, masked spans, pseudonym numbering) and works out
again only what the decision changed. Over random sequences of decisions, merges,
splits and type changes, every answer of the carried review must equal the answer
of a review built afresh from the same texts, entities and edits, and the indexes
of ``Entities`` and ``Review`` must equal plain scans.
"""

from __future__ import annotations

from collections.abc import Callable

from anon_fixtures import spotted
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anonymise.candidates import ENTITY_TYPES, Candidate
from anonymise.entities import Entities, Entity, Mention, MentionKey
from anonymise.entity_review import EntityReview
from anonymise.known import KnownIdentifiers
from anonymise.redact import GENERALISE, KEEP, REMOVE, Policy
from anonymise.review import ACCEPTED, PENDING, REJECTED, Review, ReviewDecision, ReviewItem
from intake.review_steps import next_pending_entity, step_entity

NARRATIVE = (
    "Karim Benali met Faisal Omran in Sfax in 2014. Omran, a baker, is called the Professor. "
    "Mr Benali left Sfax for Raqqa with the Islamic State. Salma Trabelsi stayed in Sfax; "
    "Trabelsi is a nurse. Karim wrote to Faisal from Raqqa in 2016."
)
NOTES = "Benali was calm. The Professor has a scar. Salma is his wife; Omran came from Tunis."
TYPES = {
    "Karim Benali": "PERSON",
    "Faisal Omran": "PERSON",
    "Salma Trabelsi": "PERSON",
    "Trabelsi": "PERSON",
    "Omran": "PERSON",
    "Benali": "PERSON",
    "Karim": "PERSON",
    "Faisal": "PERSON",
    "Salma": "PERSON",
    "Sfax": "PLACE",
    "Raqqa": "PLACE",
    "Tunis": "PLACE",
    "Islamic": "NATIONALITY",
    "2014": "DATE",
    "2016": "DATE",
    "baker": "OCCUPATION",
    "nurse": "OCCUPATION",
    "Professor": "OCCUPATION",
}
POLICIES = (
    Policy(),
    Policy(allow=frozenset({"Islamic State", "Raqqa"})),
    Policy(actions={"OCCUPATION": GENERALISE, "PLACE": REMOVE, "DATE": KEEP}),
)


def found(text: str) -> list[Candidate]:
    """Every whole occurrence of the words of ``TYPES`` (longest first, never overlapping),
    and a second candidate of another type on the span of each "Sfax" (as when two
    recognisers disagree)."""
    spans = spotted(text, TYPES)
    twins = [
        Candidate(c.start, c.end, "ORGANISATION", 0.5, "other", "another test")
        for c in spans
        if text[c.start : c.end] == "Sfax"
    ]
    return sorted(spans + twins)


def reviewed() -> EntityReview:
    reviews = {
        "narrative": Review.start(NARRATIVE, found(NARRATIVE)),
        "notes": Review.start(NOTES, found(NOTES)),
    }
    return EntityReview.link(reviews, KnownIdentifiers(names=("Karim Benali",)))


def afresh(state: EntityReview) -> EntityReview:
    """The same review with nothing worked out yet."""
    return EntityReview(dict(state.reviews), state.entities, state.edits, state.known)


def assert_same(carried: EntityReview, fresh: EntityReview) -> None:
    """Every answer of ``carried`` equals the one ``fresh`` works out from scratch."""
    assert carried.reviews == fresh.reviews
    assert carried.entities == fresh.entities
    for entity in fresh.entities:
        assert carried.status(entity) == fresh.status(entity)
        assert carried.label(entity) == fresh.label(entity)
        for mention in entity.mentions:
            assert carried.candidate(mention) == fresh.candidate(mention)
    assert [e.id for e in carried.pending] == [e.id for e in fresh.pending]
    assert carried.is_complete == fresh.is_complete
    assert carried.typed_reviews() == fresh.typed_reviews()
    for policy in POLICIES:
        for text_id in fresh.text_ids:
            assert carried.masked(text_id, policy) == fresh.masked(text_id, policy)
        numbered = carried.numbered(policy)
        assert numbered == fresh.numbered(policy)
        masked = {
            (text_id, c.start, c.end)
            for text_id in fresh.text_ids
            for c in fresh.masked(text_id, policy)
        }
        assert numbered == fresh.entities.numbered(
            masked=masked_in(masked),
            pseudonymised=numbers(policy),
        )
        for text_id in fresh.text_ids:
            assert numbered.pseudonyms(text_id) == fresh.numbered(policy).pseudonyms(text_id)


def numbers(policy: Policy) -> Callable[[str], bool]:
    return lambda kind: policy.action(kind) == "pseudonym"


def masked_in(keys: set[MentionKey]) -> Callable[[Mention], bool]:
    return lambda mention: mention.key in keys


def assert_indexes(entities: Entities) -> None:
    """The indexes of ``entities`` answer as scans over them do."""
    for position, entity in enumerate(entities):
        assert entities.get(entity.id) is next(e for e in entities if e.id == entity.id)
        assert entities.index(entity.id) == position
        for mention in entity.mentions:
            first = next(e for e in entities if any(m.key == mention.key for m in e.mentions))
            assert entities.at(mention.key) is first
            assert entities.of(mention.text_id, mention.candidate) is first
    assert entities.at(("narrative", 0, 1)) is None


def naive_next_pending(state: EntityReview, entity_id: str) -> Entity | None:
    ids = [entity.id for entity in state.entities]
    after = ids.index(entity_id) if entity_id in ids else -1
    pending = [e for e in state.entities if state.status(e) == PENDING]
    later = [e for e in pending if ids.index(e.id) > after]
    chosen = later or pending
    return chosen[0] if chosen else None


step = st.one_of(
    st.tuples(st.just("decide"), st.integers(0, 60), st.booleans()),
    st.tuples(st.just("merge"), st.integers(0, 60), st.integers(0, 60)),
    st.tuples(st.just("split"), st.integers(0, 60), st.integers(0, 10)),
    st.tuples(st.just("retype"), st.integers(0, 60), st.sampled_from(sorted(ENTITY_TYPES))),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(step, min_size=1, max_size=14), st.integers(0, 2))
def test_a_carried_review_answers_as_one_worked_out_afresh(
    steps: list[tuple[str, int, object]], asked: int
) -> None:
    state = reviewed()
    for action, first, other in steps:
        entities = list(state.entities)
        entity = entities[first % len(entities)]
        if action == "decide":
            following = state.decide(entity.id, accept=bool(other))
            assert next_pending_entity(following, entity.id) == naive_next_pending(
                following, entity.id
            )
        elif action == "merge":
            partner = entities[int(str(other)) % len(entities)]
            if partner.id == entity.id:
                continue
            following = state.merge(entity.id, partner.id)
        elif action == "split":
            if len(entity.mentions) < 2:
                continue
            mention = entity.mentions[int(str(other)) % len(entity.mentions)]
            following = state.split(entity.id, mention.key)
        else:
            following = state.retype(entity.id, str(other))
        # Ask the review before the step some questions first: what it has worked out is
        # what the next one carries.
        if asked:
            state.numbered(POLICIES[asked])
            state.typed_reviews()
        assert_same(following, afresh(following))
        assert_indexes(following.entities)
        state = following
    for entity in state.entities:
        moved = step_entity(state, entity.id, 1)
        ids = [e.id for e in state.entities]
        assert moved is not None
        assert moved.id == ids[(ids.index(entity.id) + 1) % len(ids)]


def naive_decide_all(review: Review, candidates: list[Candidate], accept: bool) -> Review:
    """What deciding on ``candidates`` is, written as one pass over every item."""
    status, action = (ACCEPTED, "accept") if accept else (REJECTED, "reject")
    wanted = set(candidates)
    last = {item.candidate: item.status for item in review.items}
    changed = sorted(c for c in wanted if last[c] != status)
    if not changed:
        return review
    items = tuple(
        ReviewItem(item.candidate, status) if item.candidate in wanted else item
        for item in review.items
    )
    decisions = [ReviewDecision(action, c.start, c.end, c.entity_type) for c in changed]
    return Review(review.text, items, (*review.decisions, *decisions))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.lists(st.integers(0, 40), max_size=4), st.booleans()), max_size=12))
def test_deciding_many_candidates_equals_one_pass_over_the_items(
    rounds: list[tuple[list[int], bool]],
) -> None:
    text = NARRATIVE
    review = Review.start(text, found(text))
    for chosen, accept in rounds:
        candidates = [review.items[i % len(review.items)].candidate for i in chosen]
        decided = review.decide_all(candidates, accept)
        expected = naive_decide_all(review, candidates, accept)
        assert decided == expected
        fresh = Review(decided.text, decided.items, decided.decisions)
        for item in fresh.items:
            span = (item.candidate.start, item.candidate.end)
            assert decided.status(item.candidate) == fresh.status(item.candidate)
            assert decided.at(*span) == fresh.at(*span)
            last = [i.status for i in fresh.items if (i.candidate.start, i.candidate.end) == span]
            assert decided.status_at(*span) == last[-1]
        assert decided.status_at(0, 1) is None
        review = decided
