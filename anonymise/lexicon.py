"""Word lists the recognisers share: titles, name particles, function words, months.

Small curated lists ship as package data (:func:`data_lines`); the place lists
are in :mod:`anonymise.places`. Every lookup goes through :func:`fold`, so
diacritics, Arabic transliteration marks (ʿ ʾ ’) and case never make a name slip
past.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources

#: Marks that transliterations of Arabic use for ʿayn and hamza, and apostrophes.
TRANSLITERATION_MARKS = "ʿʾʼʻʹ’‘`´'ʽ"
_MARK_TABLE: dict[int, str | None] = {ord(mark): None for mark in TRANSLITERATION_MARKS}
_MARK_TABLE.update({ord("-"): " ", ord("‐"): " ", ord("‑"): " ", ord("–"): " "})

#: Honorifics and ranks that come before a name.
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "professor",
        "sir",
        "madam",
        "lady",
        "lord",
        "judge",
        "justice",
        "sheikh",
        "shaykh",
        "sheik",
        "imam",
        "emir",
        "amir",
        "mullah",
        "mawlana",
        "maulana",
        "haji",
        "hajji",
        "hajj",
        "hajja",
        "ustadh",
        "ustaz",
        "qadi",
        "commander",
        "general",
        "colonel",
        "col",
        "major",
        "maj",
        "captain",
        "capt",
        "lieutenant",
        "lt",
        "sergeant",
        "sgt",
        "brigadier",
        "officer",
        "inspector",
        "detective",
        "constable",
        "president",
        "minister",
        "governor",
        "mayor",
        "father",
        "brother",
        "sister",
        "uncle",
        "aunt",
        "doctor",
        "abu",
        "umm",
        "um",
        "om",
        "ibn",
        "bin",
        "bint",
        "ben",
    ]
)
#: The Arabic article and its forms before sun letters: al-, el-, ash-, az-...
ARABIC_ARTICLES = frozenset(["al", "el", "ul", "ad", "ar", "as", "ash", "at", "az"])
#: Titles that are also kinship words: a name must follow them directly, capitalised.
KINSHIP = frozenset(["father", "brother", "sister", "uncle", "aunt"])
#: Arabic name particles: kunya (Abu, Umm), nasab (bin, ibn, bint), article (al-).
NAME_PARTICLES = (
    frozenset(["abu", "abou", "abo", "umm", "um", "om", "oum", "ibn", "bin", "bint", "ben"])
    | ARABIC_ARTICLES
    | frozenset(["ad-din", "uddin"])
)
#: Articles, prepositions, conjunctions, pronouns and auxiliaries.
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "to",
        "into",
        "onto",
        "over",
        "under",
        "between",
        "among",
        "about",
        "above",
        "across",
        "after",
        "against",
        "along",
        "around",
        "before",
        "behind",
        "below",
        "beside",
        "besides",
        "beyond",
        "during",
        "except",
        "inside",
        "near",
        "off",
        "out",
        "outside",
        "since",
        "through",
        "throughout",
        "till",
        "toward",
        "towards",
        "until",
        "upon",
        "within",
        "without",
        "via",
        "per",
        "and",
        "or",
        "but",
        "nor",
        "so",
        "yet",
        "if",
        "then",
        "than",
        "that",
        "this",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "why",
        "how",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "not",
        "no",
        "he",
        "she",
        "it",
        "everyone",
        "everybody",
        "anyone",
        "anybody",
        "someone",
        "somebody",
        "nobody",
        "we",
        "they",
        "i",
        "you",
        "me",
        "him",
        "her",
        "us",
        "them",
        "his",
        "its",
        "our",
        "their",
        "my",
        "your",
        "mine",
        "hers",
        "ours",
        "theirs",
        "myself",
        "yourself",
        "himself",
        "herself",
        "itself",
        "ourselves",
        "yourselves",
        "themselves",
        "all",
        "any",
        "both",
        "each",
        "every",
        "few",
        "more",
        "most",
        "other",
        "some",
        "such",
        "only",
        "own",
        "same",
        "too",
        "very",
        "just",
        "also",
        "there",
        "here",
        "one",
    ]
)
#: Words a capitalised sequence may contain without ending it ("Ras al Ain", "Bank of X").
CONNECTORS = ARABIC_ARTICLES | frozenset(
    [
        "ez",
        "es",
        "de",
        "del",
        "da",
        "di",
        "du",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "bin",
        "ibn",
        "bint",
        "abu",
        "umm",
        "of",
    ]
)
#: Month names (and their abbreviations), lower case.
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
]


@lru_cache(maxsize=1 << 15)
def fold(text: str) -> str:
    """Lower case without diacritics, transliteration marks or hyphens; spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.translate(_MARK_TABLE).casefold().split())


def data_lines(name: str) -> list[str]:
    """The entries of a list shipped in ``anonymise/data``, without blank and comment lines."""
    text = resources.files("anonymise").joinpath("data", name).read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def in_dictionary(key: str, dictionary: frozenset[str]) -> bool:
    """True when the folded word, or its stem after a plural or verb ending, is English."""
    if key in dictionary:
        return True
    for ending, replacement in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
        ("’s", ""),
        ("'s", ""),
    ):
        if not key.endswith(ending):
            continue
        stem = key[: -len(ending)] + replacement
        # Three letters at least: "died" is "die", but "Ines" is not "in".
        if len(stem) >= 3 and stem in dictionary:
            return True
    return False
