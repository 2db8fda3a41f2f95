"""Numbers in Arabic-script text: phones, codes, dates, ages, durations, amounts.

Digits may be Eastern Arabic (٠-٩), Persian (۰-۹) or Western. Eastern and Persian
digits are read wherever they stand; Western digits only where the word before
them is in Arabic script, so English and French texts keep their own rules.
Dates are read with the Gregorian, Syriac (كانون الثاني، حزيران) and Maghreb
(جانفي، جوان) month names and the Hijri months; a Hijri month that is also a
common word or a research term (رمضان، صفر) is a date only with a day or a year.
Numbers may be written in words (ست عشرة سنة، ألف وخمسمية دولار).
"""

from __future__ import annotations

import regex

from anonymise.arabic import DIGITS, ArabicWord, arabic_lexicon, arabic_words, has_arabic, stems
from anonymise.candidates import (
    AGE,
    AMOUNT,
    DATE,
    EMAIL,
    IBAN,
    ID_NUMBER,
    PHONE,
    Candidate,
)

RECOGNISER = "arabic-numbers"
SCORE = 0.85
#: Phone numbers: international, with a leading 0, or eight digits and more in groups.
_PHONE = regex.compile(
    r"(?<![0-9A-Za-z_+])(?:\+\d{1,3}(?:[ .\-]?\d{1,4}){2,5}|0\d{2,4}(?:[ .\-]?\d{2,4}){1,3}"
    r"|\d{2,4}(?:[ .\-]\d{2,4}){2,4})(?![0-9A-Za-z_])"
)
#: Dates written in digits: 1997/03/08, 07-11-1988.
_DIGIT_DATE = regex.compile(r"(?<![0-9A-Za-z_])\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}(?![0-9A-Za-z_])")
#: Codes: five digits or more, numbers with a slash (tents 7/429), letters and digits.
_CODE = regex.compile(
    r"(?<![0-9A-Za-z_/])(?:\d{5,}|\d{1,4}/\d{1,4})(?![0-9A-Za-z_/])|(?<!\w)[A-Z]{1,3}\d{5,}(?!\w)"
)
#: IBANs: country, check digits, groups of four.
_IBAN = regex.compile(r"(?<!\w)[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?!\w)")
#: Years alone: 1950-2049 and Hijri 1380-1469.
_YEAR = regex.compile(
    r"(?<![0-9A-Za-z_/])(?:19[5-9]\d|20[0-4]\d|13[89]\d|14[0-6]\d)(?![0-9A-Za-z_/])"
)
#: Amounts with a currency sign.
_AMOUNT_SIGN = regex.compile(r"[$€£]\s?\d[\d,.]*|\d[\d,.]*\s?[$€£]")
#: E-mail addresses, handles and profile addresses written in Arabic text.
_EMAIL = regex.compile(r"(?<!\w)[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_HANDLE = regex.compile(
    r"(?<![\w@])@[A-Za-z_]\w{2,}|(?<!\w)(?:www\.)?[a-z]+\.(?:com|net|org)/[\w./\-]*[\w/]"
)
#: A number in digits.
_NUMBER = regex.compile(r"\d+(?:[.,]\d+)?")


def _arabic_before(text: str, start: int) -> bool:
    """True when the last word before ``start`` (on the same line) is in Arabic script."""
    before = text[max(0, start - 40) : start].split("\n")[-1]
    words = regex.findall(r"[\p{L}]+", before)
    return bool(words) and has_arabic(words[-1])


def _eastern(original: str, start: int, end: int) -> bool:
    return any(ch not in "0123456789" and ch.isdigit() for ch in original[start:end])


def find_arabic_numbers(text: str) -> list[Candidate]:
    """Phones, codes, dates, ages, durations and amounts in Arabic-script text."""
    if not has_arabic(text):
        return []
    # Digits read as ASCII, a tatweel as a space (بـ٢٠١٧): offsets are unchanged.
    digits = text.translate(DIGITS).replace("\u0640", " ")
    found: list[Candidate] = []

    def take(start: int, end: int, kind: str, why: str) -> None:
        if _eastern(text, start, end) or _arabic_before(text, start):
            found.append(Candidate(start, end, kind, SCORE, RECOGNISER, why))

    for pattern, kind, why in (
        (_EMAIL, EMAIL, "e-mail address in Arabic text"),
        (_IBAN, IBAN, "IBAN in Arabic text"),
        (_HANDLE, EMAIL, "handle or profile address in Arabic text"),
        (_DIGIT_DATE, DATE, "date in digits in Arabic text"),
        (_PHONE, PHONE, "phone number in Arabic text"),
        (_CODE, ID_NUMBER, "number or code in Arabic text"),
        (_YEAR, DATE, "year in Arabic text"),
        (_AMOUNT_SIGN, AMOUNT, "amount of money in Arabic text"),
    ):
        for match in pattern.finditer(digits):
            if sum(ch.isdigit() for ch in match.group()) >= 7 or kind != PHONE:
                take(match.start(), match.end(), kind, why)
    found.extend(_worded(text, digits))
    return found


def _worded(text: str, digits: str) -> list[Candidate]:
    """Dates with month names, ages, durations, amounts and numbers of children."""
    lexicon = arabic_lexicon()
    words = arabic_words(text)
    tokens = _tokens(digits, words)
    found: list[Candidate] = []
    index = 0
    while index < len(tokens):
        start, end, key = tokens[index]
        span = (
            _month_at(tokens, index)
            or _quantity_at(tokens, index)
            or _worded_year(tokens, index)
            or _worded_age(tokens, index)
        )
        labelled = _labelled_number(tokens, index) if span is None else None
        if labelled is not None:
            kind, why = labelled
            found.append(Candidate(start, end, kind, SCORE, RECOGNISER, why))
        if span is None:
            if key in lexicon.group("time-dual") or (
                key in lexicon.group("children") and (key.endswith("ين") and len(key) > 4)
            ):
                found.append(Candidate(start, end, DATE, SCORE, RECOGNISER, "duration in Arabic"))
            index += 1
            continue
        last, kind, why = span
        found.append(Candidate(start, tokens[last][1], kind, SCORE, RECOGNISER, why))
        index = last + 1
    return found


#: A token: (start, end, folded key), a word or a number ("#" and its digits).
Token = tuple[int, int, str]


def _tokens(digits: str, words: list[ArabicWord]) -> list[Token]:
    tokens: list[Token] = [(w.start, w.end, w.key) for w in words]
    tokens.extend((m.start(), m.end(), "#" + m.group()) for m in _NUMBER.finditer(digits))
    tokens.sort()
    # Mark where a phrase breaks (punctuation between tokens) with a "|" key.
    joined: list[Token] = []
    for token in tokens:
        if joined and digits[joined[-1][1] : token[0]].strip(" \u00a0ـ"):
            joined.append((joined[-1][1], joined[-1][1], "|"))
        joined.append(token)
    return joined


def _is(key: str, group: str) -> bool:
    words = arabic_lexicon().group(group)
    return any(stem in words for stem in stems(key))


def _number_end(tokens: list[Token], index: int) -> int | None:
    """The last token of a number (digits or number words joined by و) at ``index``."""
    if index >= len(tokens) or not _numeric(tokens[index][2]):
        return None
    last = index
    while last + 1 < len(tokens):
        key = tokens[last + 1][2]
        if _is(key, "number") and (key.startswith("و") or not tokens[last][2].startswith("#")):
            last += 1
            continue
        break
    return last


def _month_at(tokens: list[Token], index: int) -> tuple[int, str, str] | None:
    """A date at ``index``: [day] [شهر] month [year], season and year."""
    lexicon = arabic_lexicon()
    position = index
    day = tokens[position][2].startswith("#") and not _is_year(tokens, position)
    if day:
        position += 1
    after_month_word = position < len(tokens) and tokens[position][2].endswith("شهر")
    if after_month_word and _is(tokens[position][2], "time-unit"):
        position += 1
    if position >= len(tokens):
        return None
    key = tokens[position][2]
    pair = f"{key} {tokens[position + 1][2]}" if position + 1 < len(tokens) else ""
    month_end: int | None = None
    ambiguous = False
    if pair and any(stem in lexicon.group("month2") for stem in _pair_stems(pair)):
        month_end = position + 1
    elif _is(key, "month"):
        month_end = position
        ambiguous = _is(key, "month-ambiguous")
    elif _is(key, "season") or (after_month_word and _number_end(tokens, position) is not None):
        month_end = position
        ambiguous = True
    if month_end is None:
        return None
    year = month_end + 1 < len(tokens) and _is_year(tokens, month_end + 1)
    if ambiguous and not (year or (day and not _is(key, "season"))):
        return None
    return (month_end + 1 if year else month_end), DATE, "date with a month name in Arabic"


def _pair_stems(pair: str) -> list[str]:
    first, second = pair.split(" ", 1)
    return [f"{stem} {second}" for stem in stems(first)]


def _numeric(key: str) -> bool:
    return key.startswith("#") or _is(key, "number")


def _is_year(tokens: list[Token], index: int) -> bool:
    key = tokens[index][2]
    return key.startswith("#") and _YEAR.fullmatch(key[1:]) is not None


def _labelled_number(tokens: list[Token], index: int) -> tuple[str, str] | None:
    """A number that a word before it (within two words) says is a code or an age."""
    if not tokens[index][2].startswith("#"):
        return None
    for before in range(index - 1, max(-1, index - 3), -1):
        key = tokens[before][2]
        if key == "|":
            return None
        if _is(key, "number-label"):
            if before > 0 and _is(tokens[before - 1][2], "document-word"):
                return None
            return ID_NUMBER, "number after a word for a number in Arabic"
        if _is(key, "age"):
            return AGE, "age in Arabic"
    return None


def _worded_year(tokens: list[Token], index: int) -> tuple[int, str, str] | None:
    """A year in words: "ألفين وأربعطعش", "سنة ألفين وخمسة عشر"."""
    if tokens[index][2] not in ("الفين", "الفان"):
        return None
    last = _number_end(tokens, index)
    if last is None or last == index:
        return None
    return last, DATE, "year in words in Arabic"


def _worded_age(tokens: list[Token], index: int) -> tuple[int, str, str] | None:
    """A number in words right after a word for age: "عمري خمسة وعشرين"."""
    if index == 0 or not _is(tokens[index - 1][2], "age") or tokens[index][2].startswith("#"):
        return None
    last = _number_end(tokens, index)
    return None if last is None else (last, AGE, "age in words in Arabic")


#: Units that alone, without article or proclitic, say "for a month", "for a year".
_LONE_UNITS = frozenset(["شهر", "سنه", "عام", "اسبوع"])
#: Words before such a unit that make it vague or part of a date ("كل شهر", "في شهر رمضان").
_VAGUE_BEFORE = frozenset(
    ["كل", "في", "هذا", "هذه", "ذلك", "نفس", "راس", "مطلع", "اول", "اخر", "نص", "نصف", "شهر"]
)


def _lone_duration(tokens: list[Token], index: int) -> bool:
    """A unit of time standing alone after a verb: "فحبسوه شهر", "بقيت سنة هناك"."""
    before = tokens[index - 1][2] if index > 0 else "|"
    after = tokens[index + 1][2] if index + 1 < len(tokens) else "|"
    if before == "|" or before.startswith("#") or before in _VAGUE_BEFORE:
        return False
    return not (after.startswith("#") or _is(after, "number") or _is(after, "month"))


def _quantity_at(tokens: list[Token], index: int) -> tuple[int, str, str] | None:
    """A number followed by a unit of time, a currency or children; a unit and a half."""
    key = tokens[index][2]
    if (
        _is(key, "time-unit")
        and index + 1 < len(tokens)
        and tokens[index + 1][2] in ("ونص", "ونصف")
    ):
        return index + 1, DATE, "duration in Arabic"
    if key in _LONE_UNITS and _lone_duration(tokens, index):
        return index, DATE, "duration in Arabic"
    last = _number_end(tokens, index)
    if last is None or last + 1 >= len(tokens):
        return None
    unit = tokens[last + 1][2]
    if _is(unit, "time-unit"):
        return last + 1, AGE, "age or duration in Arabic"
    if _is(unit, "currency"):
        return last + 1, AMOUNT, "amount of money in Arabic"
    if _is(unit, "children"):
        return last + 1, AMOUNT, "number of children in Arabic"
    return None
