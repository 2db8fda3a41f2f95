"""Runs of Arabic-script words in a text the model cannot read in that script.

In an English text a few Arabic-script words are almost always a name, a place
or a quoted word; a longer run is quoted speech. Neither is read by the English
model, so every run is proposed. The analyser cuts a run around the interview's
known identifiers inside it, so those keep a pseudonym of their own.
"""

from __future__ import annotations

import regex

from anonymise.arabic import arabic_lexicon, arabic_words, has_arabic
from anonymise.candidates import OTHER, PERSON, Candidate, Evidence

RECOGNISER = "arabic-script"
#: Words in Arabic script (with their marks and tatweel), joined by single spaces.
ARABIC_SCRIPT = regex.compile(
    r"[\p{Script=Arabic}][\p{Script=Arabic}\p{M}\u0640]*"
    r"(?:[ \u00a0][\p{Script=Arabic}][\p{Script=Arabic}\p{M}\u0640]*)*"
)
#: Runs of at most this many words are taken for names.
NAME_WORDS = 4


def find_arabic_script(text: str) -> list[Candidate]:
    """Every run of Arabic-script words: a name when short, quoted text when long.

    This is for texts in Latin script that quote Arabic. A text written in Arabic
    (two thirds of its letters or more, as a testimony in Arabic with an e-mail
    address in it) is read by the rules of :func:`find_unread_arabic` and the
    modules it names.
    """
    if max(text, default="") < "\u0600" or _written_in_arabic(text):
        return []
    found = []
    for match in ARABIC_SCRIPT.finditer(text):
        if not any(ch.isalpha() for ch in match.group()):
            continue
        short = len(match.group().split()) <= NAME_WORDS
        kind, why = (
            (PERSON, Evidence.ARABIC_SCRIPT_NAME) if short else (OTHER, Evidence.ARABIC_SCRIPT_TEXT)
        )
        found.append(Candidate(match.start(), match.end(), kind, 0.8, RECOGNISER, why))
    return found


def _letters(text: str) -> tuple[int, int]:
    """How many Arabic-script and Latin letters ``text`` has."""
    arabic_letters = sum(1 for ch in text if "\u0600" <= ch <= "\u06ff" and ch.isalpha())
    latin_letters = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return arabic_letters, latin_letters


def _mostly_latin(text: str) -> bool:
    """True when ``text`` has more Latin letters than Arabic-script ones."""
    arabic_letters, latin_letters = _letters(text)
    return latin_letters > arabic_letters


def _written_in_arabic(text: str) -> bool:
    """True when two thirds of the letters of ``text`` or more are Arabic-script ones."""
    arabic_letters, latin_letters = _letters(text)
    return arabic_letters >= 2 * latin_letters


UNREAD_RECOGNISER = "arabic-unread"
#: A stretch of Arabic script between Latin letters: words, digits, punctuation.
_STRETCH = regex.compile(r"[^\p{Script=Latin}\n]*\p{Script=Arabic}[^\p{Script=Latin}\n]*")
#: A quotation of at most this many Arabic words in Latin-script notes is a name.
QUOTED_NAME_WORDS = 2
#: Score of a word the Arabic-script rules cannot read: proposed for review, not masked.
UNREAD_SCORE = 0.3


def find_unread_arabic(text: str) -> list[Candidate]:
    """Arabic-script words that no rule reads and that are not common words.

    What the rules of :mod:`anonymise.recognisers.arabic_names`,
    :mod:`~anonymise.recognisers.arabic_places` and
    :mod:`~anonymise.recognisers.arabic_numbers` do not take is still proposed
    for review, so nothing in Arabic script passes unseen. In a text written
    mostly in Latin script, a short quotation in Arabic script is almost always a
    name, a place or a word the notes translate ("« اللحام »"): its unknown words
    are masked, not only proposed.
    """
    if not has_arabic(text):
        return []
    lexicon = arabic_lexicon()
    mostly_latin = _mostly_latin(text)
    found = []
    for stretch in _STRETCH.finditer(text):
        words = arabic_words(stretch.group())
        quoted = mostly_latin and len(words) <= QUOTED_NAME_WORDS
        start = end = -1
        for word in words:
            unread = not lexicon.common(word)
            if not quoted:
                # Each word on its own, so an allowed term beside it stays readable.
                if unread:
                    found.append(_unread(stretch.start() + word.start, stretch.start() + word.end))
                continue
            if not unread or (
                end >= 0 and stretch.group()[end - stretch.start() : word.start].strip()
            ):
                if end > start:
                    found.append(_quoted(start, end))
                start = end = -1
                if not unread:
                    continue
            if end < 0:
                start = stretch.start() + word.start
            end = stretch.start() + word.end
        if end > start:
            found.append(_quoted(start, end))
    return found


def _unread(start: int, end: int) -> Candidate:
    why = "Arabic-script word the rules do not read"
    return Candidate(start, end, OTHER, UNREAD_SCORE, UNREAD_RECOGNISER, why)


def _quoted(start: int, end: int) -> Candidate:
    return Candidate(start, end, PERSON, 0.8, UNREAD_RECOGNISER, Evidence.ARABIC_SCRIPT_NAME)
