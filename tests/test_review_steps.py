"""The review's steps as plain functions: resizing keeps the decision, previews cut cleanly."""

from __future__ import annotations

from anonymise.candidates import Candidate
from anonymise.redact import Policy
from anonymise.residual import PSEUDONYM
from anonymise.review import ACCEPTED, PENDING, REJECTED, Review
from intake.review_steps import (
    PREVIEW_BEFORE,
    all_leftovers,
    mark_words,
    moved_span,
    preview,
    preview_window,
    resize,
    step_candidate,
)

TEXT = "They met Abu Omar near Tal Afar, by the shop."


def found(text: str, word: str, kind: str = "PERSON") -> Candidate:
    start = text.index(word)
    return Candidate(start, start + len(word), kind, 0.9, "test", "a test")


def test_resizing_an_undecided_span_leaves_it_undecided() -> None:
    place = found(TEXT, "Tal Afar", "PLACE")
    review = Review.start(TEXT, [place])
    resized = resize(review, place, "end", 1)
    assert resized is not None
    after, current = resized
    assert TEXT[current.start : current.end] == "Tal Afar, by"
    assert after.status(current) == PENDING
    assert [d.action for d in after.decisions] == ["resize"]


def test_resizing_keeps_a_decision_already_taken() -> None:
    place = found(TEXT, "Tal Afar", "PLACE")
    for decide, status in ((Review.accept, ACCEPTED), (Review.reject, REJECTED)):
        review = decide(Review.start(TEXT, [place]), place)
        resized = resize(review, place, "start", 1)
        assert resized is not None
        assert resized[0].status(resized[1]) == status


def test_an_end_that_cannot_move_says_so() -> None:
    last = found(TEXT, "shop")
    review = Review.start(TEXT, [last])
    assert resize(review, last, "end", 1) is None
    assert moved_span(TEXT, last.start, last.end, "end", -1) == (last.start, last.end)


def test_marking_missed_words_finds_them_after_the_cursor_first() -> None:
    text = "Omar said Omar left."
    marked = mark_words(Review.start(text, []), "omar", "PERSON", False, origin=5)
    assert marked is not None
    review, current = marked
    assert (current.start, review.status(current)) == (10, ACCEPTED)
    assert mark_words(review, "Karim", "PERSON", False, origin=0) is None


def test_moving_wraps_around() -> None:
    a, b = found(TEXT, "Abu Omar"), found(TEXT, "Tal Afar", "PLACE")
    review = Review.start(TEXT, [a, b])
    assert step_candidate(review, b, 1) == a
    assert step_candidate(review, a, -1) == b


def test_the_preview_never_starts_inside_a_pseudonym() -> None:
    """A cut at the space of "[PERSON 5]" would show "5]" and list the 5 as a leftover."""
    names = [f"Name{n}" for n in range(1, 40)]
    text = " ".join(f"{name} said so." for name in names) + " Then they left."
    spans = [found(text, name) for name in names]
    review = Review.start(text, spans)
    for span in spans:
        review = review.accept(span)
    redacted = review.preview(Policy()).text
    inside = [(m.start(), m.end()) for m in PSEUDONYM.finditer(redacted)]
    for position in range(0, len(redacted), 7):
        low, high = preview_window(redacted, position)
        assert not any(start < low < end or start < high < end for start, end in inside)
        assert low >= max(0, position - PREVIEW_BEFORE - len("[PERSON 39] "))
    shown = preview(review, spans[-1], Policy(), frozenset())
    assert not any(line.startswith(tuple("0123456789")) for line in shown.leftovers)


def test_every_leftover_is_listed_with_words_around_it() -> None:
    text = "Abu Omar called from 0944 123 456 and Zarqawi answered."
    review = Review.start(text, [found(text, "Abu Omar")])
    review = review.accept(review.pending[0])
    other = Review.start("Nothing here.", [])
    lines = all_leftovers([review, other], Policy(), frozenset({"nothing"}))
    assert len(lines) == 2
    digits, name = lines
    assert digits.startswith("0944 123 456  · digits  · ")
    assert "called from 0944" in digits
    assert name.startswith("Zarqawi  · name?")
    assert "[PERSON 1]" not in "".join(line.split("·")[0] for line in lines)


def test_the_preview_of_a_long_text_is_the_same_from_the_part_around_the_mention() -> None:
    """The review redacts only the part of a long text it can show: the same words come out."""
    words = [("Abu Omar al-Tikriti" if n % 7 == 0 else f"word{n}") for n in range(3_000)]
    text = " ".join(words)
    spans = []
    start = text.find("Abu Omar al-Tikriti")
    while start >= 0:
        spans.append(Candidate(start, start + 19, "PERSON", 0.9, "test", "a test"))
        start = text.find("Abu Omar al-Tikriti", start + 1)
    review = Review.start(text, spans)
    review = review.decide_all(review.candidates, accept=True)
    pseudonyms = {(c.start, c.end): "[PERSON 1]" for c in spans}
    for current in (spans[0], spans[len(spans) // 2], spans[-1]):
        whole = preview(review, current, Policy(), frozenset(), pseudonyms)
        part = preview(review, current, Policy(), frozenset(), pseudonyms, review.accepted())
        assert part == whole
        assert "Tikriti" not in part.text
