"""What reads one language: its spaCy pipeline (or a blank tokenizer) and its word lists.

A pipeline is built when a text first needs its language (:mod:`anonymise.analyser`
keeps those built); the model is verified against its recorded digests before it
is loaded (:mod:`anonymise.model`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from anonymise.french import french_lexicon
from anonymise.languages import language
from anonymise.model import blank_pipeline, dictionary_words, load_model, model_path
from anonymise.places import demonyms, gazetteer
from anonymise.recognisers.naming import Lexicon


@dataclass(frozen=True)
class Pipeline:
    """What reads one language: its spaCy pipeline and the word lists of its recognisers."""

    tag: str
    """The language's primary tag."""
    nlp: Any
    """The verified spaCy pipeline (NER only), or spaCy's blank tokenizer."""
    lexicon: Lexicon
    """The word lists its recognisers consult."""


def build_pipeline(tag: str, model_directory: Path | None = None) -> Pipeline:
    """Verify and load the language's model (or a blank tokenizer) and its word lists."""
    chosen = language(tag)
    if chosen.has_model:
        directory = model_path(chosen.tag) if model_directory is None else model_directory
        nlp = load_model(directory, chosen.tag)
        dictionary = dictionary_words(directory)
    else:
        nlp = blank_pipeline(chosen.tag)
        dictionary = frozenset()
    if chosen.tag == "fr":
        lexicon = french_lexicon(dictionary)
    else:
        lexicon = Lexicon(dictionary, gazetteer(), demonyms())
    return Pipeline(chosen.tag, nlp, lexicon)
