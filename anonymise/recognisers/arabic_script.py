"""Runs of Arabic-script words in a text the model cannot read in that script.

In an English text a few Arabic-script words are almost always a name, a place
or a quoted word; a longer run is quoted speech. Neither is read by the English
model, so every run is proposed. The analyser cuts a run around the interview's
known identifiers inside it, so those keep a pseudonym of their own.
"""

from __future__ import annotations

import regex

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
    """Every run of Arabic-script words: a name when short, quoted text when long."""
    if max(text, default="") < "\u0600":
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
