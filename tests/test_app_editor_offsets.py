"""The narrative editor's wrapped document places a location where Textual's does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.document._document import Document
from textual.document._wrapped_document import WrappedDocument

from intake.app.widgets.editor import FastWrappedDocument

PIECES = ["word", "Karim", "a", "\t", "long-hyphenated-word", "عربي", "日本", "\n", "  "]
words = st.lists(st.sampled_from(PIECES), max_size=80)


@settings(max_examples=150, deadline=None)
@given(words, st.integers(0, 40), st.data())
def test_a_location_is_placed_as_textual_places_it(
    parts: list[str], width: int, data: st.DataObject
) -> None:
    document = Document(" ".join(parts))
    ours, theirs = FastWrappedDocument(document), WrappedDocument(document)
    ours.wrap(width, 4)
    theirs.wrap(width, 4)
    for _ in range(10):
        row = data.draw(st.integers(0, document.line_count - 1))
        column = data.draw(st.integers(0, len(document[row])))
        assert ours.location_to_offset((row, column)) == theirs.location_to_offset((row, column))
        assert ours.get_sections(row) == theirs.get_sections(row)
