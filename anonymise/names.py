"""Given names and surnames of the cultures this work meets, folded for look-up.

The lists come from Faker's locale providers (MIT licence; each locale's lists
are compiled from public sources such as national statistics offices' lists of
common names, as the provider files say), for the locales named in
:data:`LOCALES`, and from ``data/names_extra.txt``: common Arabic, Kurdish,
Chechen, Dagestani, Central Asian, Malay and Indonesian names in the Latin
spellings field notes use, written for this project from naming conventions. No
list is built from leaked or scraped personal data.

A name in these lists is never proof on its own: many are English words (Hope,
Storm, Will). The recognisers use them with context: a relation word before,
a given name followed by a surname, or a word no dictionary knows.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import lru_cache

from anonymise.lexicon import data_lines, fold

#: Faker person locales whose names are read: the Middle East and North Africa, Turkey,
#: Iran, the Caucasus and Central Asia, Europe, Russia and Ukraine, South and South-East
#: Asia, and Africa.
LOCALES = (
    "ar_AA",
    "ar_DZ",
    "ar_PS",
    "ar_SA",
    "fr_DZ",
    "fa_IR",
    "tr_TR",
    "az_AZ",
    "hy_AM",
    "ka_GE",
    "uz_UZ",
    "ru_RU",
    "uk_UA",
    "bg_BG",
    "hr_HR",
    "mk_MK",
    "sl_SI",
    "el_GR",
    "en",
    "en_GB",
    "en_IE",
    "en_US",
    "en_PK",
    "en_IN",
    "en_KE",
    "en_NG",
    "nl_NL",
    "nl_BE",
    "fr_FR",
    "fr_BE",
    "fr_CH",
    "de_DE",
    "de_AT",
    "de_CH",
    "da_DK",
    "sv_SE",
    "no_NO",
    "fi_FI",
    "is_IS",
    "pl_PL",
    "cs_CZ",
    "sk_SK",
    "hu_HU",
    "ro_RO",
    "it_IT",
    "es_ES",
    "pt_PT",
    "id_ID",
    "bn_BD",
    "ha_NG",
    "yo_NG",
    "ig_NG",
    "sw",
    "zu_ZA",
    "tw_GH",
)
#: Shorter names are too often words of some language to count as evidence.
MINIMUM_LENGTH = 3


@dataclass(frozen=True)
class NameLexicon:
    """Folded given names and surnames."""

    given: frozenset[str]
    surnames: frozenset[str]

    def is_given(self, key: str) -> bool:
        """True when the folded word is a given name."""
        return key in self.given

    def is_name(self, key: str) -> bool:
        """True when the folded word is a given name or a surname."""
        return key in self.given or key in self.surnames


def _values(provider: object, prefix: str) -> set[str]:
    found: set[str] = set()
    for attribute in dir(provider):
        if not attribute.startswith(prefix):
            continue
        value = getattr(provider, attribute)
        items = value.keys() if isinstance(value, dict) else value
        if isinstance(items, (tuple, list, set, frozenset, type({}.keys()))):
            found.update(item for item in items if isinstance(item, str))
    return found


def _keys(names: set[str]) -> frozenset[str]:
    keys = set()
    for name in names:
        for part in fold(name).split():
            if len(part) >= MINIMUM_LENGTH and part.isalpha():
                keys.add(part)
    return frozenset(keys)


@lru_cache(maxsize=1)
def name_lexicon() -> NameLexicon:
    """The lexicon, built once per process from the installed lists."""
    given: set[str] = set()
    surnames: set[str] = set()
    for locale in LOCALES:
        module = importlib.import_module(f"faker.providers.person.{locale}")
        provider = module.Provider
        given |= _values(provider, "first_names")
        surnames |= _values(provider, "last_names")
    for line in data_lines("names_extra.txt"):
        kind, _sep, names = line.partition(":")
        target = surnames if kind.strip() == "surname" else given
        target.update(names.split())
    return NameLexicon(_keys(given), _keys(surnames))
