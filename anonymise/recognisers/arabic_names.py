"""Names of people in Arabic script, found by their position and the name lists.

Arabic script has no capitals, so a name is known by where it stands: after a
kunya word (أبو حمزة، أم يحيى، بـأبي عاصم), a relation word (أخي أنس، ابن عمي
عبود، ابنه البكر حسام), a title (الشيخ، الحاج), a word for naming (اسمي،
يدعى، الملقب، سموني) or "I" (آني ليث); or by the given-name list. A name runs
on over further given names, عبد + a word, بن / ابن / بنت + a word, and family
names and nisbas with the article (التونسي، الخوالدة). It fails closed: an
unknown word in a name position is taken for a name; only a word of the common
vocabulary stops it. Every later mention of a name's words is found too.
"""

from __future__ import annotations

import regex

from anonymise.arabic import (
    ArabicLexicon,
    and_another,
    arabic_lexicon,
    arabic_words,
    has_arabic,
    joined,
    written,
)
from anonymise.candidates import PERSON, Candidate, Evidence

RECOGNISER = "arabic-names"
#: Score of a name found by its position or the name list.
FIRM = 0.85
#: Score of a given name that is also a common word, standing where nothing says name.
TENTATIVE = 0.4
#: Prepositions written with ى that fold to a name in ي (على and علي).
_PREPOSITIONS_LIKE_NAMES = frozenset(["على", "علی", "إلى", "الى", "لدى", "حتى"])
#: Initials in Arabic letters: م.ع.ح or م. ع.
_INITIALS = regex.compile(
    r"(?<![\p{L}\p{M}])[\p{Arabic}&&\p{L}]\.(?:[ ]?[\p{Arabic}&&\p{L}]\.?){1,3}(?![\p{L}\p{M}])",
    regex.V1,
)
INITIALS_WHY = "initials in Arabic letters"
#: Why an unknown word before a nisba is masked.
NISBA_AFTER = "unknown word before a family name in ـي"
#: Why a word after يا is masked.
VOCATIVE = "name after يا"


#: The most words a name chain takes after its first.
_LONGEST = 4


class _Reader:
    """The words of one text and the lexicon, with the questions the rules ask."""

    def __init__(self, text: str, lexicon: ArabicLexicon) -> None:
        self.text = text
        self.lexicon = lexicon
        self.words = arabic_words(text)

    def next_to(self, index: int) -> bool:
        """True when word ``index + 1`` follows word ``index`` in the same phrase."""
        return index + 1 < len(self.words) and joined(
            self.text, self.words[index], self.words[index + 1]
        )

    def either_or(self, index: int) -> bool:
        """True when the يا at ``index`` pairs with another in its phrase: "يا ... يا ..."."""
        for step in (1, -1):
            position = index
            for _ in range(4):
                joined = self.next_to(position) if step > 0 else self.next_to(position - 1)
                if not joined or not 0 <= position + step < len(self.words):
                    break
                position += step
                if self.words[position].key == "يا":
                    return True
        return False

    def never_name(self, index: int) -> bool:
        """A preposition that folds like a name: على is no علي, whatever its position."""
        word = self.words[index]
        return written(self.text, word) in _PREPOSITIONS_LIKE_NAMES

    def name_word(self, index: int) -> bool:
        """A word that may be a name in a name position: a given name or not a common word.

        Folding makes some names look like common words (منى as مني "from me", علي as
        عليّ "on me"); in a name position the name is read.
        """
        word = self.words[index]
        if self.never_name(index):
            return False
        return self.lexicon.name(word) is not None or not self.lexicon.common(word)

    def family(self, index: int) -> bool:
        """A family name or nisba with the article, as written after a given name."""
        word = self.words[index]
        return word.key.startswith("ال") and not self.lexicon.common(word)

    def chain(self, index: int, open_ended: bool) -> int:
        """The index past the last word of the name starting at ``index``.

        ``open_ended`` (after a word for naming) takes unknown words too, as a full
        name is expected there.
        """
        lexicon = self.lexicon
        end = index + 1
        if self.words[index].key == "عبد" and self.next_to(index):
            end += 1
        while end < len(self.words) and end - index <= _LONGEST and self.next_to(end - 1):
            word = self.words[end]
            if lexicon.is_in(word.key, "nasab") and self.next_to(end):
                if self.name_word(end + 1):
                    end += 2
                    continue
                break
            if word.key == "عبد" and self.next_to(end):
                end += 2
                continue
            if and_another(word.key):
                break  # "خالد وسامر": "and Samer", a second person
            pair = f"{self.words[end - 1].key} {word.key}"
            if (
                word.key in lexicon.given
                or word.key in lexicon.ambiguous
                or pair in lexicon.given
                or self.family(end)
            ):
                end += 1
                continue
            if open_ended and self.name_word(end) and not lexicon.is_in(word, "kunya"):
                end += 1
                continue
            # A father's name no list knows between a given name and a family name:
            # سالم زعتور الحمدان.
            if (
                self.name_word(end)
                and not lexicon.is_in(word, "kunya")
                and not any(stem.startswith("ال") for stem in word.stems)
                and self.next_to(end)
                and self.family(end + 1)
            ):
                end += 2
                continue
            break
        return end

    def kunya(self, index: int) -> int | None:
        """The end of a kunya starting at ``index`` (أبو حمزة التونسي), if one does."""
        if not self.lexicon.is_in(self.words[index], "kunya") or not self.next_to(index):
            return None
        if not self.name_word(index + 1):
            return None
        end = index + 2
        if self.words[index + 1].key == "عبد" and self.next_to(index + 1):
            end += 1
        while end < len(self.words) and end - index < 5 and self.next_to(end - 1):
            word = self.words[end]
            if self.family(end) and (word.key.endswith("ي") or word.key not in self.lexicon.places):
                end += 1
                continue
            break
        return end


def find_arabic_names(text: str) -> list[Candidate]:
    """Names of people in the Arabic-script words of ``text``."""
    if not has_arabic(text):
        return []
    reader = _Reader(text, arabic_lexicon())
    spans: list[tuple[int, int, str, float]] = []
    index = 0
    while index < len(reader.words):
        found = _name_at(reader, index)
        if found is None:
            index += 1
            continue
        start, end, why, score = found
        spans.append((reader.words[start].start, reader.words[end - 1].end, why, score))
        index = end
    spans.extend(_other_mentions(reader, spans))
    spans.extend((m.start(), m.end(), INITIALS_WHY, FIRM) for m in _INITIALS.finditer(text))
    return [
        Candidate(start, end, PERSON, score, RECOGNISER, why) for start, end, why, score in spans
    ]


def _name_at(reader: _Reader, index: int) -> tuple[int, int, str, float] | None:
    """The name that starts at word ``index``, or after a word that announces one."""
    lexicon = reader.lexicon
    word = reader.words[index]
    kunya_end = reader.kunya(index)
    if kunya_end is not None:
        return index, kunya_end, Evidence.ARABIC_NAMING, FIRM
    announced = _announced(reader, index)
    if announced is not None:
        first, why, open_ended = announced
        kunya_end = reader.kunya(first)
        if kunya_end is not None:
            return first, kunya_end, Evidence.ARABIC_NAMING, FIRM
        return first, reader.chain(first, open_ended), why, FIRM
    key = lexicon.name(word)
    if key is None or lexicon.is_in(word, "common"):
        return _before_nisba(reader, index)
    if key in lexicon.given:
        return index, reader.chain(index, False), Evidence.NAME_LEXICON, FIRM
    # A given name that is also a common word: a name when a family name follows.
    following = reader.words[index + 1].key if reader.next_to(index) else ""
    if following and (reader.family(index + 1) or f"{word.key} {following}" in lexicon.given):
        return index, reader.chain(index, False), Evidence.NAME_LEXICON, FIRM
    return index, index + 1, Evidence.NAME_LEXICON, TENTATIVE


def _before_nisba(reader: _Reader, index: int) -> tuple[int, int, str, float] | None:
    """An unknown word before a nisba: a given name and a family name (رعد الدليمي).

    A word with the article, or a common word, is a noun and its adjective (الأمن
    السياسي); a word without either, before a word of origin in ـي, is taken for a name.
    """
    word = reader.words[index]
    if (
        not reader.next_to(index)
        or reader.lexicon.common(word)
        or any(stem.startswith("ال") for stem in word.stems)
        or word.key.endswith("ا")
    ):
        return None
    nisba = reader.words[index + 1]
    # A nisba ends in ي as written: الجرحى (the wounded) folds to the same letters.
    if not (reader.family(index + 1) and written(reader.text, nisba).endswith("ي")):
        return None
    if nisba.key in reader.lexicon.places:
        return None
    return index, reader.chain(index, False), NISBA_AFTER, FIRM


def _announced(reader: _Reader, index: int) -> tuple[int, str, bool] | None:
    """(first word of the name, why, open-ended) when word ``index`` announces a name."""
    lexicon = reader.lexicon
    word = reader.words[index]
    if lexicon.is_in(word, "naming"):
        first = index + 1
        if (
            first < len(reader.words)
            and reader.next_to(index)
            and reader.words[first].key == "في"
            and reader.next_to(first)
            and reader.next_to(first + 1)
        ):
            first += 2
        if first < len(reader.words) and reader.next_to(first - 1) and reader.name_word(first):
            return first, Evidence.NICKNAME, True
        return None
    if word.key == "يا":
        # "يا ... يا ..." is "either ... or", no call.
        if reader.either_or(index):
            return None
        first = index + 1
        if first < len(reader.words) and reader.next_to(index) and reader.name_word(first):
            return first, VOCATIVE, False
        return None
    if lexicon.is_in(word, "person-verb"):
        first = index + 1
        if (
            first < len(reader.words)
            and reader.next_to(index)
            and reader.name_word(first)
            and not any(stem.startswith("ال") for stem in reader.words[first].stems)
            and reader.words[first].key not in lexicon.places
        ):
            return first, Evidence.PERSON_VERB, False
        return None
    if lexicon.is_in(word, "self"):
        first = index + 1
        if (
            first < len(reader.words)
            and reader.next_to(index)
            and lexicon.name(reader.words[first])
        ):
            return first, Evidence.NICKNAME, False
        return None
    if lexicon.is_in(word, "title"):
        first = index + 1
        if first < len(reader.words) and reader.next_to(index) and reader.name_word(first):
            return first, Evidence.TITLE, False
        return None
    if not lexicon.is_in(word, "relation"):
        return None
    first = index + 1
    while first < len(reader.words) and reader.next_to(first - 1):
        after = reader.words[first]
        if lexicon.is_in(after, "relation") or after.key in lexicon.group("relation-adjective"):
            first += 1
            continue
        if reader.name_word(first) and not lexicon.is_in(after, "nasab"):
            return first, Evidence.RELATION_BEFORE, False
        return None
    return None


def _other_mentions(
    reader: _Reader, spans: list[tuple[int, int, str, float]]
) -> list[tuple[int, int, str, float]]:
    """Every other word that is a word of a firmly found name (ووسيم، وصهيب)."""
    lexicon = reader.lexicon
    names: set[str] = set()
    covered: list[tuple[int, int]] = []
    for start, end, _why, score in spans:
        covered.append((start, end))
        if score < FIRM:
            continue
        for word in reader.words:
            if start <= word.start and word.end <= end:
                if lexicon.is_in(word, "kunya") or lexicon.is_in(word, "nasab"):
                    continue
                if len(word.key) >= 3 and not lexicon.common(word):
                    names.add(word.stems[-1] if word.key not in lexicon.given else word.key)
    found: list[tuple[int, int, str, float]] = []
    for index, word in enumerate(reader.words):
        if reader.never_name(index):
            continue
        if any(start <= word.start < end for start, end in covered):
            continue
        if any(stem in names for stem in word.stems):
            found.append((word.start, word.end, Evidence.ANOTHER_MENTION, FIRM))
    return found
