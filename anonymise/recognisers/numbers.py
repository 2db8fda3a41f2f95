"""Dates, ages, sums of money, phone numbers, and case, application and document numbers."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from anonymise.candidates import (
    AGE,
    AMOUNT,
    CASE_NUMBER,
    DATE,
    ID_NUMBER,
    OTHER,
    PHONE,
    Candidate,
)

_MONTH = (
    r"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|Muharram|Safar|Rajab|"
    r"Sha[ʿ'’]?ban|Rama[dḍ]h?an|Shawwal|Dhu[ -]?al[ -]?Qi[ʿ'’]?dah|Dhu[ -]?al[ -]?Hijj?ah|"
    r"Rabi[ʿ'’]?(?:ul|\s+al|-al)?[ -]?(?:Awwal|Awal|Thani|Akhir|Tsani)|"
    r"Jumad[ai]l?(?:\s+al|-al)?[ -]?(?:Ula|Awwal|Awal|Akhirah|Akhir|Thani|Tsani|Ukhra)|"
    # Months of the languages respondents' papers are written in: Dutch, French, German,
    # Scandinavian, Indonesian and Malay, Turkish.
    r"januari|februari|maart|mei|juni|juli|augustus|oktober|desember|agustus|"
    r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|"
    r"d[ée]cembre|Januar|Februar|M[äa]rz|Oktober|Dezember|mars|maj|augusti|"
    r"ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
#: Holidays that, with a year, are a day: "Boxing Day 2014", "Eid al-Adha 2015".
_HOLIDAY = (
    r"(?i:Boxing\s+Day|Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]?s?(?:\s+(?:Day|Eve))?|"
    r"Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|Whit(?:sun|\s+Monday)|Midsummer(?:\s+Eve)?|"
    r"Bonfire\s+Night|Guy\s+Fawkes\s+Night|Halloween|Thanksgiving|Victory\s+Day|"
    r"Rosenmontag|Karneval|Carnival|Nowruz|Newroz|Norooz|Eid(?:\s+al|-al|\s+ul|-ul)?[- ]?"
    r"(?:Fitr|Adha|Kabir|Saghir)|Ashura|Mawlid|Laylat\s+al[- ]Qadr|Independence\s+Day|"
    r"National\s+Day|Republic\s+Day|Liberation\s+Day|King['’]?s\s+Day|Queen['’]?s\s+Day|"
    r"Bastille\s+Day|Constitution\s+Day)"
)
_YEAR = r"(?:1[89]\d\d|20\d\d|14[0-4]\d)"
DATES = regex.compile(
    rf"""
    \b{_DAY}(?:\s+(?:of\s+)?|[-\s]){_MONTH}(?:,?[-\s]+{_YEAR})?\b     # 3 May 2014, 3rd of May
    | \b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b                         # May 3, 2014
    | \b(?:(?:early|mid|late|end\ of|beginning\ of)[-\s])?{_MONTH}\s+{_YEAR}\b   # May 2014
    | \b(?:[12]\d|3[01]|0?[1-9])[./-](?:1[0-2]|0?[1-9])[./-](?:{_YEAR}|\d\d)\b  # 03/05/2014
    | \b{_YEAR}-(?:1[0-2]|0[1-9])-(?:[12]\d|3[01]|0[1-9])\b            # 2014-05-03
    | \b(?:the\s+)?(?:19|20)\d0s\b                                   # the 1990s
    | \b{_HOLIDAY}(?:\s+(?:of\s+)?|,\s*){_YEAR}\b                        # Boxing Day 2014
    | \b{_YEAR}\s?(?:AH|A\.H\.|H\.|CE|AD)(?!\w)                          # 1409 AH
    """,
    regex.VERBOSE,
)
#: A year standing alone; not a number after "no.", "Article", "§" or before a slash.
YEAR = regex.compile(
    rf"(?<!(?:\bno\.?|\bnos\.?|\bArticle|\bArticles|\bRule|\bsection|§|\bpara\.?)\s*)"
    rf"(?<![\d/.,-])\b{_YEAR}\b(?![/\d]|\.\d|,\d)"
)
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
#: The last two digits of a year in words: "ninety-two", "fifteen", "oh five".
_YEAR_END = rf"(?:{_TENS}(?:[-\s]{_ONES})?|{_TEENS}|o(?:h)?[-\s]{_ONES})"
#: A year in words: "nineteen ninety-two", "nineteen hundred and eighty", "twenty fifteen",
#: "two thousand and fourteen". "Two thousand" alone is a count, and "twenty five" a number:
#: neither is taken. Nor is "two thousand five" when "hundred" follows.
YEARS_IN_WORDS = regex.compile(
    rf"(?i:\b(?:(?:nineteen|eighteen)(?:[-\s]hundred(?:\s+and)?)?[-\s]{_YEAR_END}"
    rf"|twenty[-\s](?:{_TEENS}|(?:twenty|thirty)(?:[-\s]{_ONES})?|o(?:h)?[-\s]{_ONES})"
    rf"|two[-\s]thousand(?:\s+and)?[-\s](?:{_TEENS}|{_ONES}|(?:twenty|thirty)(?:[-\s]{_ONES})?))"
    r"\b(?![-\s]+(?:hundred|thousand)\b))"
)
#: A year cut to two digits after a word of time: "in '92", "summer of ’14", "since '15".
SHORT_YEARS = regex.compile(
    r"(?i:\b(?:in|since|until|till|from|of|by|to|early|late|mid|spring|summer|autumn|fall|"
    r"winter|class)\s+)(?P<year>['’]\d\d)(?![\w'’])"
)
_NUMBER_WORD = (
    r"(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred)"
)
_UNIT = (
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|winters?|summers?|springs?|"
    r"autumns?|seasons?|nights?)"
)
_AMOUNT_OF_TIME = rf"{_NUMBER_WORD}(?:[-\s]{_NUMBER_WORD})*(?:\s+and\s+a\s+half)?[-\s]{_UNIT}"
#: Lengths of time: "three years and nine months", "15 months'", "two-year".
DURATIONS = regex.compile(
    rf"\b{_AMOUNT_OF_TIME}(?:,?\s+and\s+{_AMOUNT_OF_TIME})*(?:['’]s?)?(?!\w)",
    regex.IGNORECASE,
)
#: Several days of one month: "1 and 2 July 1996", "14, 15 and 27 July".
DAY_LISTS = regex.compile(
    rf"\b{_DAY}(?:(?:,\s*|\s+and\s+|\s*[-–]\s*){_DAY})+\s+{_MONTH}(?:,?\s+{_YEAR})?\b"
)
#: Times of day: "12.45 p.m.", "9:30", "12 noon", "around midnight".
TIMES = regex.compile(
    r"\b(?:[01]?\d|2[0-3])[.:][0-5]\d(?::[0-5]\d)?(?:\s?(?:a\.m\.|p\.m\.|am|pm|hours|hrs|h)(?!\w))?"
    r"|\b(?:[01]?\d)\s?(?:a\.m\.|p\.m\.|am|pm|noon|midnight)(?!\w)",
    regex.IGNORECASE,
)
AGES = regex.compile(
    rf"""
    \b(?:aged|age\ of|ages\ of|at\ the\ age\ of)\s+{_NUMBER_WORD}(?:[-\s]{_NUMBER_WORD})?\b
    | \b{_NUMBER_WORD}(?:[-\s]{_NUMBER_WORD})?[-\s]years?(?:[-\s]old|\ of\ age)\b
    | \b(?:in\ (?:his|her|their)\ )?(?:early|mid|late)[-\s]
      (?:teens|twenties|thirties|forties|fifties|sixties|seventies)\b
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
_CURRENCY = (
    r"(?:EUR|USD|GBP|TRY|TRL|DEM|FRF|CHF|RUB|UAH|PLN|SEK|NOK|DKK|CZK|HUF|RON|BGN|HRK|"
    r"SYP|IQD|JOD|LBP|SAR|AED|QAR|KWD|EGP|ATS|ITL|ESP|GRD|CYP|NLG|BEF|MKD|AZN|GEL|AMD|MDL|"
    r"€|\$|£|US\$)"
)
_CURRENCY_WORD = (
    r"(?:euros?|dollars?|pounds?|liras?|lira|marks|francs?|roubles?|rubles?|dinars?|"
    r"dirhams?|riyals?|rials?|hryvnias?|zlotys?|kronor|kroner|korunas?|forints?|lei|"
    r"levs?|drachmas?|schillings?|manats?|laris?)"
)
_NUMBER = r"\d{1,3}(?:[ ,.]\d{3})*(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
AMOUNTS = regex.compile(
    rf"(?:(?:approximately|around|almost|nearly|over|some)\s)?{_CURRENCY}\s?(?:{_NUMBER})(?:\s?(?:million|billion|thousand))?"
    rf"(?:\s\((?:{_CURRENCY_WORD}|{_CURRENCY})\))?"
    rf"|(?<!\w)(?:(?:approximately|around|almost|nearly|over|some)\s)?(?:{_NUMBER}|{_NUMBER_WORD}(?:[-\s]{_NUMBER_WORD})*)(?:\s?(?:million|billion|thousand))?"
    rf"\s(?:[A-Z][a-z]+\s){{0,2}}(?:{_CURRENCY_WORD}(?:\ssterling)?|{_CURRENCY}|Deutsch(?:e)?\sMarks?)(?!\w)"
    rf"(?:\s\((?:{_CURRENCY}|{_CURRENCY_WORD})[^()]{{0,40}}\))?",
    regex.IGNORECASE,
)
#: Numbers with a slash, dash or dot inside: application, case, file, plot numbers.
CODES = regex.compile(
    r"(?<![\w/.-])(?:\p{Lu}{1,4}[.-]?\s?)?\d+(?:[/.-]\d+)*/\d+(?:[/.-]\d+)*(?:-?\p{Lu})?(?![\w/])"
    r"|(?<![\w/.-])\p{Lu}{1,4}[.-]\d{2,}(?:[/.-]\d+)*(?![\w/])"
)
#: "no. 123", "nos. 12, 13 and 14", "number 5": each number after the marker.
NUMBERED = regex.compile(
    r"(?<!(?:Protocol|Article|Articles|Rule|Law|Act|Decree)\s)\b(?:no|nos|nr|number|numbers|No|Nos|Nr|Number)\.?\s+"
    r"((?:[\w./-]*\d[\w./-]*)(?:(?:,\s*|\s+and\s+)[\w./-]*\d[\w./-]*)*)"
)
_LIST_ITEM = regex.compile(r"[\w./-]*\d(?:[\w./-]*\w)?")
#: Letters and digits mixed, six or more: passports, ID cards, registration plates.
DOCUMENTS = regex.compile(r"\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6,12}\b")
#: Phone numbers: an international prefix or a long enough run of digits in groups.
PHONES = regex.compile(
    r"(?<![\w+])(?:\+|00)\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){1,4}(?!\w)"
    r"|(?<![\w/.-])\(?0\d{1,4}\)?[\s.-]?\d{2,4}(?:[\s.-]?\d{2,4}){1,3}(?![\w/])"
)
_PERCENT = r"\d+(?:[.,]\d+)?\s?(?:%|per\s?cent\b|percent\b)"
#: Rates and shares: "33%", "18.5 per cent", "between 50% and 79%", "50 to 79%".
PERCENTAGES = regex.compile(
    rf"(?<![\w.,])(?:\d+(?:[.,]\d+)?(?:\s?%)?\s?(?:to|and|-|–)\s?)?{_PERCENT}"
)
#: How many people someone was with: "seven other persons", "623 other suspects",
#: "with four other women". The count, with the people, narrows down a group or a case.
PEOPLE_COUNTS = regex.compile(
    rf"\b{_NUMBER_WORD}(?:[-\s]{_NUMBER_WORD})*\s+other\s+"
    r"(?:persons|people|men|women|children|suspects|defendants|detainees|prisoners|"
    r"fighters|soldiers|members|accused|applicants|girls|boys)\b",
    regex.IGNORECASE,
)
#: A converted sum after a sum: "[approx. EUR 2,826]", "(approximately 9,200 euros)".
CONVERSIONS = regex.compile(
    r"\s?[\[(](?:approx\.|approximately|about|around|roughly|some|c\.)\s[^\[\]()]{1,30}"
    r"(?:\([^()]{1,10}\))?[\])]"
)
#: Punishments: with a date and a court they point to one case.
PUNISHMENTS = regex.compile(
    rf"\b(?:life\s+(?:imprisonment|sentence)|death\s+(?:sentence|penalty)|"
    rf"sentenced\s+to\s+death|{_NUMBER_WORD}(?:[-\s]{_NUMBER_WORD})*\s+lashes)\b",
    regex.IGNORECASE,
)
_NOT_AFTER = regex.compile(
    r"(?:Article|Articles|Rule|Rules|Protocol|§|paragraph|section|Section)\s*$"
)


def _after_legal_reference(text: str, start: int) -> bool:
    return bool(_NOT_AFTER.search(text[max(0, start - 14) : start]))


def _found(
    matches: Iterable[regex.Match[str]], kind: str, score: float, recogniser: str, why: str
) -> list[Candidate]:
    return [Candidate(m.start(), m.end(), kind, score, recogniser, why) for m in matches]


def find_dates(text: str) -> list[Candidate]:
    """Calendar dates, years standing alone and lists of days of one month."""
    return (
        _found(DATES.finditer(text), DATE, 0.85, "dates", "calendar date")
        + _found(YEAR.finditer(text), DATE, 0.6, "dates", "year")
        + _found(DAY_LISTS.finditer(text), DATE, 0.85, "dates", "calendar dates")
        + _found(YEARS_IN_WORDS.finditer(text), DATE, 0.85, "dates", "year in words")
        + [
            Candidate(m.start("year"), m.end("year"), DATE, 0.6, "dates", "year in two digits")
            for m in SHORT_YEARS.finditer(text)
        ]
    )


_TIME_UNIT = (
    r"(?:day|days|night|nights|morning|evening|afternoon|week|weeks|weekend|month|months|year|"
    r"years|summer|winter|spring|autumn|fall|season|anniversary)"
)
#: Dates told by an event: "the week after Midsummer 2014", "two days after the market
#: bombing", "the day the bakery on our street burned", "the second winter".
_ORDER = r"(?:(?:last|first|second|third|fourth|final|early|late)\s+)*"
_CLAUSE = r"(?:\s+(?!(?:and|but|so|because|then|while|which|who)\b)[\p{L}\p{N}'’-]+){1,7}"
EVENT_DATES = regex.compile(
    # "the week after Midsummer 2014", "the day the bakery burned", "the week of her exams".
    rf"(?i:\b(?:the|that|this)\s+{_ORDER}{_TIME_UNIT}\s+(?:after|before|of|when|following|"
    rf"since|until|that|the|his|her|my|our|their))(?!\s+(?:the\s+)?(?:act|law|court|case)\b)"
    rf"{_CLAUSE}"
    # "two days after the market bombing".
    rf"|(?i:\b(?:{_NUMBER_WORD}|a|few|several)\s+{_TIME_UNIT}\s+(?:after|before|following))"
    rf"{_CLAUSE}"
    # "the second winter", "that summer".
    r"|(?i:\b(?:the|that|this)\s+"
    r"(?:last|first|second|third|fourth|final|early|late)\s+(?:summer|winter|spring|autumn)s?)"
    r"(?=\s*[.,;:)\n])"
)


def find_event_dates(text: str) -> list[Candidate]:
    """Dates told by an event or a season: "the week after his sister's wedding"."""
    return _found(EVENT_DATES.finditer(text), DATE, 0.5, "event-dates", "date told by an event")


def find_durations(text: str) -> list[Candidate]:
    """Lengths of time: "three years and nine months"."""
    return _found(DURATIONS.finditer(text), DATE, 0.55, "durations", "length of time")


def find_times(text: str) -> list[Candidate]:
    """Times of day."""
    return _found(TIMES.finditer(text), DATE, 0.55, "times", "time of day")


_SMALL = (
    r"(?:[1-9]\d?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?)"
)
#: What may follow an age after "was" or "at": the end of a clause, "when", "and"...
_AGE_END = (
    r"(?=\s*(?:[.,;:!?)\]—–]|$|\s(?:when|and|then|so|but|at|in|on|because|as|years?\b|yrs\b|"
    r"still|already|by|with|from|if|until|the\s+(?:year|time|day)|or)\b))"
)
#: "I was 19 when", "Fox was 31,", "who is five.", "she turned 18 in".
AGE_AFTER_BE = regex.compile(
    rf"(?i:\b(?:was|were|is|am|are|i'm|i’m|he's|she's|turned|turns|turning|be|being|been)\s+"
    r"(?:(?:now|already|only|just|almost|nearly|about|around|barely|then|still)\s+)?)"
    rf"(?P<age>{_SMALL}){_AGE_END}"
)
#: "convert at 17", "came to Norway at four", "married at 16": not a time of day.
AGE_AT = regex.compile(
    rf"(?i:\bat\s+(?:only\s+|just\s+|barely\s+)?)(?P<age>{_SMALL})"
    r"(?!\s*(?:[:.]\d|a\.?m\b|p\.?m\b|o['’]?clock|h\b|hours?\b|hrs\b|percent|%|"
    r"\w+\s+(?:street|road|avenue|lane)))(?=\s*(?:[.,;:!?)—–]|$|\s[a-z]))"
)
#: An age beside a name or a nationality: "SMITH, 24, of", "Daniel Bishop (29)", "Ilyas (9)",
#: "French, 34.", "hairdresser, twenty-two, when", and in notes ", 31, from" or ", 27" at the
#: end of a line.
AGE_BESIDE = regex.compile(
    r"(?<!\b(?:Article|Articles|Section|Sections|Rule|Rules|Paragraph|Protocol|Chapter|Part|"
    r"Annex|Schedule|Art|Para|No|Nos|Nr|Case|Page|Item|Point|Room|Block|Tent|Caravan|Phase|"
    r"Level|Floor|Flat|Apartment|House|Building|Street|Road|Act|Code|Law|Regulation|"
    r"Convention|Directive)\.?)"
    rf"(?:(?<=[\p{{L}}'’.\])])(?:,\s|;\s)|(?<=\b\p{{Lu}}[\p{{L}}'’-]*)\s\()(?P<age>[1-9]\d?|{_SMALL})"
    r"(?=\s*(?:\)|,\s*(?!\d)|\.(?!\d)|;|\n|$|\s(?:when|at\s+(?:the\s+time|departure|arrival)|"
    r"years?\b|yrs\b|y/o\b|from\b)))"
)


#: Children's ages in a list: "kids 3 and 5", "two sons (8, 11)", "daughters: 4, 6".
CHILDREN_AGES = regex.compile(
    r"(?i:\b(?:kids?|children|sons|daughters|boys?|girls?|twins|son|daughter|child|baby|grandsons?|"
    r"wife|husband|brother|sister|mother|father|cousin|nephew|niece|"
    r"granddaughters?)\b)(?:\s+(?:aged|of|are|is|were|was))?\s*[(:,]?\s*"
    rf"(?P<ages>{_SMALL}(?:\s*(?:,|and|&|/)\s*{_SMALL})*)(?![\w.,]\d)(?![\p{{L}}\d])"
)
_ONE_AGE = regex.compile(rf"{_SMALL}")


_ABOUT = r"(?:approx(?:imately|\.)?|about|around|roughly|c\.|ca\.|~)"
#: Ages as notes write them: "34yo", "34 y/o", "22 yrs old", "age: 34", "aged ~30",
#: "(m, approx 34)".
NOTES_AGES = regex.compile(
    r"(?i:\b(?P<age>[1-9]\d?)\s?(?:yo|y/o|y\.o\.?|yrs?\s+old|yr\s+old)(?![\w/])"
    rf"|\b(?:age|aged)\s*(?:[:=-]\s*|{_ABOUT}\s*)+(?P<age>[1-9]\d?)\b(?![.,]\d)"
    rf"|\b(?:m|f|male|female)\s*[,/]\s*{_ABOUT}\s*(?P<age>[1-9]\d?)\b(?![.,]\d))"
)


def find_ages(text: str) -> list[Candidate]:
    """Ages: "aged 19", "a 19-year-old", "in his early twenties", "I was 19 when", "(29)"."""
    found = _found(AGES.finditer(text), AGE, 0.8, "ages", "age")
    for match in CHILDREN_AGES.finditer(text):
        base = match.start("ages")
        found.extend(
            Candidate(base + m.start(), base + m.end(), AGE, 0.6, "ages", "age")
            for m in _ONE_AGE.finditer(match.group("ages"))
        )
    for pattern, score in (
        (AGE_AFTER_BE, 0.7),
        (AGE_AT, 0.6),
        (AGE_BESIDE, 0.6),
        (NOTES_AGES, 0.7),
    ):
        found.extend(
            Candidate(m.start("age"), m.end("age"), AGE, score, "ages", "age")
            for m in pattern.finditer(text)
        )
    return found


def find_amounts(text: str) -> list[Candidate]:
    """Sums of money (with a conversion after them), percentages and numbers of people."""
    found = []
    for match in AMOUNTS.finditer(text):
        end = match.end()
        converted = CONVERSIONS.match(text, end)
        if converted and any(ch.isdigit() for ch in converted.group()):
            end = converted.end()
        found.append(Candidate(match.start(), end, AMOUNT, 0.6, "amounts", "sum of money"))
    found += _found(PERCENTAGES.finditer(text), AMOUNT, 0.6, "amounts", "percentage")
    found += _found(PEOPLE_COUNTS.finditer(text), AMOUNT, 0.55, "amounts", "number of people")
    return found


def find_punishments(text: str) -> list[Candidate]:
    """Punishments: with a date and a court they point to one case."""
    return _found(PUNISHMENTS.finditer(text), OTHER, 0.55, "punishments", "punishment")


def find_codes(text: str) -> list[Candidate]:
    """Case, file and application numbers, and numbered items ("no. 12")."""
    found = _found(
        (m for m in CODES.finditer(text) if not _after_legal_reference(text, m.start())),
        CASE_NUMBER,
        0.8,
        "codes",
        "case or file number",
    )
    for match in NUMBERED.finditer(text):
        base = match.start(1)
        for item in _LIST_ITEM.finditer(match.group(1)):
            found.append(
                Candidate(
                    base + item.start(),
                    base + item.end(),
                    CASE_NUMBER,
                    0.7,
                    "codes",
                    "numbered item",
                )
            )
    return found


def find_documents(text: str) -> list[Candidate]:
    """Letters and digits mixed: passports, ID cards, registration plates."""
    return _found(DOCUMENTS.finditer(text), ID_NUMBER, 0.6, "documents", "document number")


#: One digit said as a word, as numbers are read out: "oh", "double four".
_DIGIT = (
    r"(?:(?:double|triple)[-\s]+)?(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|"
    r"z[ée]ro|un|deux|trois|quatre|cinq|six|sept|huit|neuf)"
)
_FRENCH_PAIR_WORD = (
    r"(?:z[ée]ro|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|"
    r"quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|et)"
)
#: A number read out digit by digit: "nine four four one two three", "zéro six un deux";
#: five digits or more, the length of a phone, a code or an account, never a count. Or,
#: as French reads phones, by pairs after "zéro": "zéro six, douze, trente-quatre, …".
DIGITS_IN_WORDS = regex.compile(
    rf"(?i:\b{_DIGIT}(?:[\s,-]+{_DIGIT}){{4,}}\b"
    rf"|\bz[ée]ro(?:[\s,]+{_FRENCH_PAIR_WORD}(?:-{_FRENCH_PAIR_WORD})*){{3,}}\b)"
)


def find_phones(text: str) -> list[Candidate]:
    """Phone numbers with 7 to 15 digits, and numbers read out digit by digit."""
    return _found(
        (m for m in PHONES.finditer(text) if 7 <= sum(ch.isdigit() for ch in m.group()) <= 15),
        PHONE,
        0.7,
        "phones",
        "phone number",
    ) + _found(
        DIGITS_IN_WORDS.finditer(text), ID_NUMBER, 0.7, "phones", "number read out digit by digit"
    )
