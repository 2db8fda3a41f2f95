"""Recognisers beyond spaCy's NER: plain functions from text to candidates.

Each module here works on the text alone (regular expressions and word lists),
so it can be tested without the model; :mod:`anonymise.analyser` wraps them as
Presidio recognisers.
"""
