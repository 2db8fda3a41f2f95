"""The word lists of French texts: common words, titles, places and peoples in French.

The recognisers read capitalised words the same way in English and French
(a word no dictionary knows is taken for a name); what differs is the lists.
The French dictionary comes from the verified model's lemmatizer tables, with
the forms they leave out ("transférée", "détenues") derived from the lemmas;
country names come from pycountry's French translations, and nationalities
from a curated list with their feminine and plural forms.
"""

from __future__ import annotations

import gettext
from dataclasses import replace
from functools import lru_cache

from anonymise.lexicon import FUNCTION_WORDS, TITLES, data_lines, fold
from anonymise.names import name_lexicon
from anonymise.places import Gazetteer, demonyms, gazetteer
from anonymise.recognisers.naming import Lexicon

#: French function words, folded.
FRENCH_FUNCTION_WORDS = frozenset(
    fold(word) for line in data_lines("fr_function_words.txt") for word in line.split()
)
#: French titles and ranks, folded: "M.", "Mme", "Me" (maître), "cheikh".
FRENCH_TITLES = frozenset(
    fold(word) for line in data_lines("fr_titles.txt") for word in line.split()
)


#: Capitalised words that name no one ("État", "Dieu", "Facebook"), folded.
NOT_NAMES = frozenset(
    fold(word) for line in data_lines("fr_not_names.txt") for word in line.split()
)


def _inflections(word: str) -> tuple[str, ...]:
    """Participles and feminine and plural forms the lemmatizer tables do not list."""
    if word.endswith("er"):
        stem = word[:-2]
        return (stem + "e", stem + "ee", stem + "es", stem + "ees")
    if word.endswith("ir"):
        stem = word[:-2]
        return (stem + "i", stem + "ie", stem + "is", stem + "ies")
    if word.endswith("ien"):
        return (word + "s", word + "ne", word + "nes")
    if word.endswith("e"):
        return (word + "s",)
    if word.endswith(("i", "u", "t", "l", "n", "d", "r", "f")):
        return (word + "e", word + "s", word + "es")
    return ()


def french_dictionary(words: frozenset[str]) -> frozenset[str]:
    """The model's French words folded, with their derived forms and the function words."""
    folded = {word if word.isascii() and word.isalpha() else fold(word) for word in words}
    derived = {form for word in folded for form in _inflections(word)}
    return frozenset(folded | derived | FRENCH_FUNCTION_WORDS | NOT_NAMES)


@lru_cache(maxsize=1)
def french_demonyms() -> frozenset[str]:
    """French nationality adjectives and nouns, folded, with feminine and plural forms."""
    words = {fold(word) for line in data_lines("fr_demonyms.txt") for word in line.split()}
    forms = {form for word in words for form in _inflections(word)}
    return frozenset(words | forms)


@lru_cache(maxsize=1)
def french_gazetteer() -> Gazetteer:
    """The place names of every text, with the countries' French names ("Belgique", "Libye")."""
    import pycountry

    base = gazetteer()
    translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    countries = set()
    for country in pycountry.countries:
        for attribute in ("name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                french = translation.gettext(value)
                countries.add(fold(french.split(",")[0]))
    countries -= FRENCH_FUNCTION_WORDS
    places = {fold(line) for line in data_lines("fr_places.txt")} | countries
    return replace(
        base,
        names=(base.names | places) - FRENCH_FUNCTION_WORDS,
        countries=base.countries | countries,
        major=(base.major | places) - FRENCH_FUNCTION_WORDS,
    )


def french_lexicon(words: frozenset[str]) -> Lexicon:
    """The word lists the recognisers consult in French texts."""
    return Lexicon(
        french_dictionary(words),
        french_gazetteer(),
        demonyms() | french_demonyms(),
        name_lexicon(),
        function_words=FUNCTION_WORDS | FRENCH_FUNCTION_WORDS,
        titles=TITLES | FRENCH_TITLES,
        language="fr",
    )
