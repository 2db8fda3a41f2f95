"""Places, tribes, institutions and occupations in Arabic script.

Places come from the Arabic gazetteer (:func:`anonymise.places.arabic_place_names`),
read with their article and fused proclitics (بالموصل، وبمنبج، عالركبان). A
one-word place the gazetteer has is masked where it has the article or a
proclitic, or follows a preposition of place (من، في، إلى، قرب); elsewhere it is
proposed for review, as many such names are also words. After حي the quarter is
taken with حي; after مخيم or سجن, and after عشيرة or قبيلة, only the name. The
words after an institution (جامعة الفرات، سرية الصمود) name it; an occupation
is taken with what says which (فني كهرباء، طالب في كلية الحقوق، مسؤول عن
مولدات المشفى), and "the only one" with what he alone did.
"""

from __future__ import annotations

from anonymise.arabic import (
    ArabicLexicon,
    ArabicWord,
    arabic_lexicon,
    arabic_words,
    has_arabic,
    joined,
)
from anonymise.candidates import OCCUPATION, ORGANISATION, OTHER, PLACE, Candidate, Evidence

RECOGNISER = "arabic-places"
FIRM = 0.85
TENTATIVE = 0.4
#: Words of being before "الوحيد": "كان الوحيد القادر على ..." says a role no one else had.
_BEING = frozenset(["كان", "كانت", "كنت", "هو", "هي", "انا", "اني", "صار", "صرت"])
#: Words that start a two-word camp or prison name (سجن أبو غريب، مخيم عين عيسى).
_COMPOUND = frozenset(["ابو", "ام", "عين", "تل", "راس", "دير", "جسر", "خان", "كفر", "بير"])


class _Places:
    def __init__(self, text: str, lexicon: ArabicLexicon) -> None:
        self.text = text
        self.lexicon = lexicon
        self.words = arabic_words(text)
        self.found: list[Candidate] = []

    def next_to(self, index: int) -> bool:
        return index + 1 < len(self.words) and joined(
            self.text, self.words[index], self.words[index + 1]
        )

    def nameable(self, index: int) -> bool:
        return index < len(self.words) and not self.lexicon.common(self.words[index])

    def noun(self, index: int) -> bool:
        """A word that may be part of an institution's name: not a function word."""
        return index < len(self.words) and not self.lexicon.is_in(self.words[index], "common")

    def add(self, first: int, last: int, kind: str, score: float, why: str) -> None:
        start, end = self.words[first].start, self.words[last].end
        self.found.append(Candidate(start, end, kind, score, RECOGNISER, why))

    def place_at(self, index: int) -> tuple[int, str] | None:
        """The last word of a gazetteer name starting at ``index``, and the name."""
        lexicon = self.lexicon
        word = self.words[index]
        if lexicon.is_in(word, "common"):
            return None
        # A word the rules read otherwise (بن، عين، تل) starts only a longer name: بن قردان.
        shortest = 2 if lexicon.common(word) else 1
        longest = min(lexicon.places_longest, len(self.words) - index)
        for size in range(longest, shortest - 1, -1):
            if size > 1 and not all(self.next_to(index + k) for k in range(size - 1)):
                continue
            rest = " ".join(w.key for w in self.words[index + 1 : index + size])
            for stem in word.stems:
                short = size == 1 and len(stem) < 4 and not stem.startswith("ال")
                if stem != word.key and short:
                    continue
                name = f"{stem} {rest}" if rest else stem
                if name in lexicon.places:
                    return index + size - 1, name
        return None

    def trusted(self, index: int, last: int, name: str) -> bool:
        """A country, or a name with an article, a proclitic, several words or a word of place
        before it."""
        word = self.words[index]
        if last > index or name.startswith("ال") or word.key != name.split(" ")[0]:
            return True
        if name in self.lexicon.countries or name in self.lexicon.curated or len(name) >= 5:
            return True
        if word.start > 0 and self.text[word.start - 1] == "\u0640":
            return True
        return (
            index > 0
            and self.next_to(index - 1)
            and self.lexicon.is_in(self.words[index - 1].key, "place-word")
        )

    def name_after(self, index: int, longest: int, loose: bool = False) -> int | None:
        """The last word of a name right after word ``index`` (at most ``longest`` words).

        A second word is taken when the first starts a compound (أبو، عين، تل) or it has
        the article; ``loose`` takes any second word that is not a common one (a
        quarter's name: حي جامع مزواق، حي باب عمرو).
        """
        first = index + 1
        if not self.next_to(index) or not self.nameable(first):
            return None
        last = first
        while last - first + 1 < longest and self.next_to(last) and self.nameable(last + 1):
            compound = self.words[last].key in _COMPOUND
            if not (loose or compound or self.words[last + 1].key.startswith("ال")):
                break
            last += 1
        return last


def find_arabic_places(text: str) -> list[Candidate]:
    """Places, quarters, camps, prisons, tribes, institutions and occupations in ``text``."""
    if not has_arabic(text):
        return []
    reader = _Places(text, arabic_lexicon())
    lexicon = reader.lexicon
    index = 0
    while index < len(reader.words):
        word = reader.words[index]
        last = _keyword(reader, index, word)
        if last is not None:
            index = last + 1
            continue
        origin = _origin(reader, index)
        if origin is not None:
            index = origin + 1
            continue
        place = reader.place_at(index)
        if place is not None:
            last, name = place
            score = FIRM if reader.trusted(index, last, name) else TENTATIVE
            reader.add(index, last, PLACE, score, Evidence.GAZETTEER)
            index = last + 1
            continue
        if any(stem in lexicon.tribes for stem in word.stems):
            reader.add(index, index, OCCUPATION, FIRM, "tribe in Arabic")
        index += 1
    return reader.found


def _origin(reader: _Places, index: int) -> int | None:
    """A place no gazetteer has after "I am from" or "his origin is from" (أنا من الزرزورية)."""
    lexicon = reader.lexicon
    word = reader.words[index]
    if not (lexicon.is_in(word, "self") or lexicon.is_in(word, "origin")):
        return None
    if not (reader.next_to(index) and reader.words[index + 1].key == "من"):
        return None
    if index + 2 >= len(reader.words) or reader.place_at(index + 2) is not None:
        # The gazetteer reads a place it knows, with its own trust.
        return None
    last = reader.name_after(index + 1, 2)
    if last is None:
        return None
    reader.add(index + 2, last, PLACE, FIRM, "place of origin in Arabic")
    return last


def _keyword(reader: _Places, index: int, word: ArabicWord) -> int | None:
    """Handle a word that names what follows it; the last word used, if any."""
    lexicon = reader.lexicon
    if (
        word.key in ("الوحيد", "الوحيده")
        and index > 0
        and reader.next_to(index - 1)
        and any(stem in _BEING for stem in reader.words[index - 1].stems)
    ):
        end = index
        while end - index < 6 and reader.next_to(end):
            end += 1
        if end - index >= 2:
            reader.add(index, end, OTHER, FIRM, "the only one to do something, in Arabic")
            return end
    if lexicon.is_in(word, "quarter"):
        last = reader.name_after(index, 2, loose=True)
        if last is not None:
            reader.add(index, last, PLACE, FIRM, "quarter in Arabic")
            return last
    for group, why in (
        ("camp", "camp or prison"),
        ("prison", "camp or prison"),
        ("village", "town"),
    ):
        if lexicon.is_in(word, group):
            last = reader.name_after(index, 2)
            if last is not None:
                reader.add(index + 1, last, PLACE, FIRM, f"{why} in Arabic")
                return last
    if lexicon.is_in(word, "tribe"):
        last = reader.name_after(index, 2)
        if last is not None:
            reader.add(index + 1, last, OCCUPATION, FIRM, "tribe in Arabic")
            return last
    if lexicon.is_in(word, "institution"):
        last = _institution_end(reader, index)
        if last is not None:
            reader.add(index, last, ORGANISATION, FIRM, "institution in Arabic")
            return last
    if _occupation(lexicon, word):
        last = _occupation_end(reader, index)
        first = index - 1 if index > 0 and reader.words[index - 1].key == "صف" else index
        reader.add(first, last, OCCUPATION, FIRM, "occupation in Arabic")
        return last
    return None


def _institution_end(reader: _Places, index: int) -> int | None:
    """The last word naming the institution at ``index``: up to three words.

    A name in a construct chain ends at its first word with the article: مكتب تسجيل
    الزيجات، ديوان الركاز.
    """
    last = index
    while last - index < 3 and reader.next_to(last) and reader.noun(last + 1):
        last += 1
        if reader.words[last].key.startswith("ال"):
            break
    return last if last > index else None


def _occupation(lexicon: ArabicLexicon, word: ArabicWord) -> bool:
    occupations = lexicon.group("occupation")
    if lexicon.is_in(word, "common"):
        return False
    for stem in word.stems:
        if stem in occupations or (stem.endswith("ا") and stem[:-1] in occupations):
            return True
    return False


def _occupation_end(reader: _Places, index: int) -> int:
    """The occupation's last word: with one word saying which, or where it is practised."""
    end = _occupation_object(reader, index)
    return _only_one(reader, end)


def _only_one(reader: _Places, end: int) -> int:
    """Past "الوحيد" and where ("الوحيد في القاطع"): a role no one else had."""
    words = reader.words
    if not reader.next_to(end) or words[end + 1].key not in ("الوحيد", "الوحيده"):
        return end
    end += 1
    if reader.next_to(end) and words[end + 1].key == "في" and reader.next_to(end + 1):
        end += 2
    return end


def _occupation_object(reader: _Places, index: int) -> int:
    words = reader.words
    if not reader.next_to(index):
        return index
    following = words[index + 1]
    if following.key == "عن" and reader.next_to(index + 1):
        # "مسؤول عن مولدات المشفى الوطني": the chain to its first word with the article,
        # and the adjectives after it.
        end = _institution_end(reader, index + 1)
        if end is None:
            return index
        while (
            reader.next_to(end)
            and words[end + 1].key.startswith("ال")
            and words[end + 1].key.endswith(("ي", "يه"))
            and reader.noun(end + 1)
        ):
            end += 1
        return end
    if following.key == "في" and reader.next_to(index + 1):
        place = index + 2
        if reader.lexicon.is_in(words[place], "workplace") or reader.lexicon.is_in(
            words[place], "institution"
        ):
            end = _institution_end(reader, place)
            if end is not None:
                return end
        return index
    if (
        reader.noun(index + 1)
        and not following.key.startswith("و")
        and reader.place_at(index + 1) is None
    ):
        return index + 1
    return index
