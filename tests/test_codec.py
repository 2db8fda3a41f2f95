"""The one codec for reviews and records: round trips, strict parsing, old drafts still open."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anonymise.candidates import ENTITY_TYPES, Candidate
from anonymise.review import ACCEPTED, PENDING, REJECTED, Review, ReviewDecision, ReviewItem
from intake.codec import CodecError, decode_review, encode_review


@st.composite
def reviews(draw: st.DrawFn) -> Review:
    """Any review of any text: candidates and decisions inside the text, any status."""
    text = draw(st.text(min_size=1, max_size=60))
    span = st.tuples(st.integers(0, len(text) - 1), st.integers(1, len(text))).filter(
        lambda pair: pair[0] < pair[1]
    )
    kinds = st.sampled_from(ENTITY_TYPES)
    items = draw(
        st.lists(
            st.builds(
                lambda s, kind, score, rec, why, status: ReviewItem(
                    Candidate(s[0], s[1], kind, score, rec, why), status
                ),
                span,
                kinds,
                st.floats(0, 1, allow_nan=False),
                st.text(max_size=12),
                st.text(max_size=30),
                st.sampled_from([PENDING, ACCEPTED, REJECTED]),
            ),
            max_size=6,
        )
    )
    decisions = draw(
        st.lists(
            st.builds(
                lambda action, s, kind, every: ReviewDecision(action, s[0], s[1], kind, every),
                st.sampled_from(["accept", "reject", "resize", "add"]),
                span,
                kinds,
                st.booleans(),
            ),
            max_size=6,
        )
    )
    return Review(text, tuple(items), tuple(decisions))


@given(reviews())
def test_a_review_round_trips_through_json(review: Review) -> None:
    encoded = json.loads(json.dumps(encode_review(review, keep_explanations=True)))
    assert decode_review(review.text, encoded) == review


@given(reviews())
def test_a_sealed_review_keeps_everything_but_explanations_and_exact_scores(
    review: Review,
) -> None:
    decoded = decode_review(review.text, encode_review(review, keep_explanations=False))
    assert [i.status for i in decoded.items] == [i.status for i in review.items]
    assert [
        (i.candidate.start, i.candidate.end, i.candidate.entity_type) for i in decoded.items
    ] == [(i.candidate.start, i.candidate.end, i.candidate.entity_type) for i in review.items]
    assert [round(i.candidate.score, 4) for i in review.items] == [
        i.candidate.score for i in decoded.items
    ]
    assert decoded.decisions == review.decisions


def _one() -> tuple[str, dict[str, Any]]:
    text = "Khalid went to Raqqa."
    review = Review.start(text, [Candidate(0, 6, "PERSON", 0.9, "spacy", "a name")])
    review = review.accept(review.pending[0])
    return text, encode_review(review, keep_explanations=True)


@pytest.mark.parametrize(
    ("part", "key", "value"),
    [
        ("decisions", "action", "delete"),
        ("decisions", "every_occurrence", "false"),
        ("decisions", "every_occurrence", 0),
        ("decisions", "start", "0"),
        ("decisions", "end", 10_000),
        ("candidates", "status", "maybe"),
        ("candidates", "start", True),
        ("candidates", "end", 10_000),
        ("candidates", "type", "NICKNAME"),
        ("candidates", "score", "0.9"),
        ("candidates", "score", 7),
        ("candidates", "recogniser", None),
    ],
)
def test_the_parser_refuses_what_it_did_not_write(part: str, key: str, value: object) -> None:
    text, encoded = _one()
    encoded[part][0][key] = value
    with pytest.raises(CodecError):
        decode_review(text, encoded)


def test_false_written_as_text_is_not_read_as_true() -> None:
    text, encoded = _one()
    assert decode_review(text, encoded).decisions[0].every_occurrence is False
    encoded["decisions"][0]["every_occurrence"] = "false"
    with pytest.raises(CodecError, match="true or false"):
        decode_review(text, encoded)
