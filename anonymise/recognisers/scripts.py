"""Text in scripts the analyser cannot read: masked unless the reviewer keeps it.

The English model reads Latin script and the project's own rules read Arabic
script (Persian and Kurdish in it too). A name in Hebrew, Chinese, Devanagari,
Georgian or any other script would pass through both unseen, so every word that
holds a letter of another script is proposed, and neighbouring words of the same
script are proposed together. Cyrillic is treated as unreadable too: the model
tags a capitalised Cyrillic name now and then, but nothing reads a lowercase one
("madina" written мадина in hasty notes), and in English testimony Cyrillic is
almost always a name, a place or a number plate copied from a document.
"""

from __future__ import annotations

import unicodedata

import regex

from anonymise.candidates import OTHER, Candidate

RECOGNISER = "scripts"
SCORE = 0.6
EXPLANATION = "text in a script the analyser cannot read"
#: A letter of a script with neither model nor rules. Letters of no script
#: (mathematical bold letters and the like) count as unreadable too; modifier
#: letters (ʹ in transliterations) do not.
_UNREADABLE = r"[^\P{L}\p{Script=Latin}\p{Script=Arabic}\p{Lm}\p{Script=Inherited}]"
_UNREADABLE_LETTERS = regex.compile(rf"{_UNREADABLE}(?:\p{{Cf}}*{_UNREADABLE})*")
#: The rest of the word after them: letters, marks, digits, inner apostrophes and hyphens,
#: and invisible characters, which must not cut a word in two.
_WORD_TAIL = regex.compile(r"[\p{L}\p{M}\p{N}\p{Cf}]*(?:['’\-‐‑][\p{L}\p{M}\p{N}\p{Cf}]+)*")
#: Between two words of one run: spaces or tabs, not a line break.
_GAP = regex.compile(r"[ \t\u00a0\u3000]+")
_WORD_CHARACTER = regex.compile(r"[\p{L}\p{M}\p{N}\p{Cf}'’\-‐‑]")


def _script(letter: str) -> str:
    """A key for the script of a letter: "CYRILLIC", "HEBREW", "CJK", "DEVANAGARI"."""
    return unicodedata.name(letter, "UNKNOWN").split(" ", 1)[0]


def find_unsupported_scripts(text: str) -> list[Candidate]:
    """Runs of words in scripts the analyser cannot read, one candidate a run.

    A word is taken whole when any letter of it is unreadable, so a Latin name
    with one Hebrew letter inside is masked entirely.
    """
    if text.isascii():
        return []
    found: list[Candidate] = []
    run_start = run_end = -1
    run_script = ""
    for match in _UNREADABLE_LETTERS.finditer(text):
        if match.start() < run_end:
            continue
        start = match.start()
        while start > 0 and _WORD_CHARACTER.match(text, start - 1):
            start -= 1
        tail = _WORD_TAIL.match(text, match.end())
        end = tail.end() if tail else match.end()
        script = _script(match.group()[0])
        if run_end >= 0 and script == run_script and _GAP.fullmatch(text, run_end, start):
            run_end = end
            continue
        if run_end >= 0:
            found.append(_candidate(run_start, run_end))
        run_start, run_end, run_script = start, end, script
    if run_end >= 0:
        found.append(_candidate(run_start, run_end))
    return found


def _candidate(start: int, end: int) -> Candidate:
    return Candidate(start, end, OTHER, SCORE, RECOGNISER, EXPLANATION)
