"""Numbers and handles that point to one person: accounts, documents, devices, places on a map.

The rule behind the family: a token with three or more digits that is not a
year, a date, an amount, a time or a count of things is masked, whatever it is
called in the text. Keywords (passport, kimlik, NIK, IMEI, MTCN, tent, plate...)
take in the letters and groups around the digits that belong to the number;
handles, IBANs in any grouping and GPS coordinates have rules of their own.
Digits of any script count (Eastern Arabic and Persian digits too).
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from anonymise.candidates import EMAIL, HANDLE, IBAN, ID_NUMBER, PLACE, Candidate
from anonymise.recognisers.numbers import (
    AMOUNTS,
    DATES,
    DAY_LISTS,
    DURATIONS,
    PERCENTAGES,
    TIMES,
    YEAR,
)

#: A handle on a social network or messenger: "@abu_x99", "@rodel.nunez.marawi".
HANDLES = regex.compile(r"(?<![\w@.])@[\p{L}\p{N}_](?:[\p{L}\p{N}_.]*[\p{L}\p{N}_])?")
#: An account named after the network it is on, with or without "@":
#: "telegram: abu_x99", "IG lina.k.2003", "his skype was karim.b77".
NETWORK_ACCOUNTS = regex.compile(
    r"(?i:\b(?:telegram|instagram|insta|facebook|fb|ig|twitter|tiktok|snapchat|snap|skype|"
    r"vk|vkontakte|odnoklassniki|youtube|signal|threema|wickr|kik|discord|reddit|username|"
    r"user\s*name|user\s*id|screen\s*name|handle|nick(?:name)?|account|channel|profile)\b)"
    r"(?i:\s*(?:account|channel|name|id|handle|profile|page)?\s*(?:[:=(]|was|is|called|named)?)"
    r"\s*@?(?P<handle>[\p{L}\p{N}](?:[\p{L}\p{N}_.-]*[\p{L}\p{N}])?)"
)
_NETWORKS = (
    r"(?:telegram|instagram|insta|facebook|fb|ig|twitter|tiktok|snapchat|snap|skype|vk|"
    r"vkontakte|youtube|signal|threema|wickr|kik|discord|reddit|whatsapp)"
)
#: The name someone goes by on a network, before it: "wrote as kbenali on telegram",
#: "known as abu_x on insta", "called salma.t on facebook".
NAMED_ON_NETWORK = regex.compile(
    r"(?i:\b(?:as|called|named|by|username|handle)\s+)@?"
    r"(?P<handle>(?!(?:him|her|them|me|us|you|it|the|a|an|my|his|their|our)\b)"
    r"[\p{L}\p{N}](?:[\p{L}\p{N}_.-]*[\p{L}\p{N}])?)"
    rf"(?=\s+(?i:on|in|at)\s+{_NETWORKS}\b)"
)
#: An e-mail address spelt out to dodge filters: "karim dot b at gmail dot com".
SPELT_EMAILS = regex.compile(
    r"(?i:\b[\p{L}\p{N}._-]+(?:\s*(?:\(dot\)|\[dot\]|\sdot\s)\s*[\p{L}\p{N}_-]+)*"
    r"\s*(?:\(at\)|\[at\]|\sat\s|\s@\s)\s*[\p{L}\p{N}-]+"
    r"(?:(?:\s*(?:\(dot\)|\[dot\]|\sdot\s)\s*|\.)[\p{L}]{2,6})+\b)"
)
#: An IBAN written whole or in groups of four: "NL91 ABNA 0417 1643 00".
IBANS = regex.compile(
    r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b", regex.IGNORECASE
)
_DECIMAL = r"[-+]?\d{1,3}\.\d{2,}(?!\d)\s?°?"
_HEMISPHERE = r"\s?[NSEWnsew]\b"
_DMS = r"\d{1,3}\s?°\s?\d{1,2}\s?['′’]\s?(?:\d{1,2}(?:[.,]\d+)?\s?(?:[\"″”]|'')?)?\s?[NSEW]"
_DECIMAL_MINUTES = r"[NSEW]\s?\d{1,3}°?\s\d{1,2}[.,]\d+['′]?"
#: GPS coordinates: decimal degrees, degrees-minutes-seconds, or hemisphere and minutes.
COORDINATES = regex.compile(
    rf"(?<![\w.])(?:{_DECIMAL}(?:{_HEMISPHERE})?\s?[,;/]?\s?{_DECIMAL}(?:{_HEMISPHERE})?"
    rf"|{_DMS}[\s,;/]*{_DMS}"
    rf"|{_DECIMAL_MINUTES}[\s,;/]*{_DECIMAL_MINUTES})(?![\w])"
)
#: Words after which a number identifies a person, a document, a device or a place of
#: detention. The number may follow "no.", "number", "is", a colon and the like.
_KEYWORD = (
    r"passports?|(?:national\s+|civil\s+|identity\s+|id\s+|residence\s+)?"
    r"(?:id|identity|card|register|registration|insurance|social\s+security)\s*"
    r"(?:card\s+|number\s+)?|permits?|ikamet|kimlik|tc|cin|nik|nin|nic|mykad|ktp|jmbg|embg|bsn|"
    r"pesel|oib|egn|snils|inn|fødselsnummer|personnummer|henkilötunnus|hetu|"
    r"national\s+(?:number|register\s+number|card)|patent|visa|licen[cs]e|"
    r"detainee|prisoner|inmate|cell|tent|caravan|block|room|plates?|registration|registered|"
    r"reg\.?|mtcn|imei|imsi|iccid|serial|transfer|reference|ref\.?|receipt|tracking|account|"
    r"acct\.?|wallet|file|dossier|case|series|badge|unit\s+number|number"
)
_MARKER = (
    r"(?:\s*(?:no\.?|nos\.?|nr\.?|number|num\.?|#|№|:|was|is|were|are|of|series\s+and\s+number))*"
)
#: One code: letters and digits in groups joined by - . / : or by single spaces when
#: the next group is digits, capitals (up to four) or №.
_CODE = (
    r"(?:\p{Lu}{1,4}[-\s]?|\p{Ll}{1,3}-)?[\p{N}\p{L}]*\p{N}[\p{N}\p{L}]*"
    r"(?:(?:[-./:]|\s№?\s?)(?:[\p{N}]+|\p{Lu}{1,4}(?!\p{L})|[\p{N}\p{L}]*\p{N}[\p{N}\p{L}]*)"
    r"|[-./:]\p{L}{1,4}(?!\p{L}))*"
)
ANCHORED = regex.compile(rf"(?i:\b(?:{_KEYWORD})\b{_MARKER})\s*[,:]?\s*(?P<code>{_CODE})")
#: A code word or password in quotes after the words that name it.
CODE_WORDS = regex.compile(
    r"\b(?:code\s*word|password|passphrase|pass\s*word|pin)\b[^\"“'‘\n]{0,20}"
    r"[\"“'‘](?P<code>[^\"”'’\n]{1,40})[\"”'’]",
    regex.IGNORECASE,
)
#: Any run of digits with letters or separators inside it: the general rule's tokens.
TOKENS = regex.compile(
    r"(?<![\p{L}\p{N}]|\p{N}[,.])(?:(?P<lead>\p{Lu}{1,3})\s(?=\p{N}))?(?=[\p{L}\p{N}.:/-]*\p{N})[\p{L}\p{N}]+"
    r"(?:(?:[-./:]|\s?№\s?|\s(?=\p{N}))[\p{L}\p{N}]+)*"
)
_KEYWORD_ONLY = regex.compile(rf"(?:{_KEYWORD})", regex.IGNORECASE)
#: A reference to a law or a page before a number: "Articles 125 and", "section 189", "p.".
_REFERENCE_BEFORE = regex.compile(
    r"(?:\b(?:Articles?|[Ss]ections?|Rules?|[Pp]aragraphs?|paras?\.?|pp?\.|[Pp]ages?|"
    r"[Cc]hapters?|Annex(?:es)?|Protocols?|Regulations?|Directives?|Acts?|Codes?|Laws?|"
    r"Circulars?|Decrees?|Decisions?|Orders?|Ordinances?|Resolutions?|Reports?)|§)"
    r"\s*(?:(?:no|nos|nr)\.?\s*)?"
    r"(?:(?:\p{Lu}\.\s*)?[\p{N}.()§-]+[\p{L}]?(?:\s*\([\p{N}\p{L}]+\))*\s*(?:,|and|or|to|-|–)\s*)*"
    r"(?:\p{Lu}\.\s*)?$"
)
#: Numbers written with thousands separators are quantities, not identifiers.
_QUANTITY = regex.compile(r"^\p{N}{1,3}(?:,\p{N}{3})+(?:\.\p{N}+)?$")
#: A count of things after a number: "300 fighters", "120 km", "500 metres".
_COUNTED = regex.compile(r"\s?(?:-|\s)?(?:[a-z]+s\b|km|kg|m\b|cm|mm|km/h|kph|mph|hp|cc|ml|g\b)")
#: A number made an adjective: "a 192-page judgment", "a 10-year sentence".
_MEASURE = regex.compile(r"^\p{N}+-\p{Ll}{3,}$")
_ORDINAL = regex.compile(r"^\p{N}+(?:st|nd|rd|th)$", regex.IGNORECASE)


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in ".,:;-/ ":
        end -= 1
    return start, end


def _candidates(
    spans: Iterable[tuple[int, int]], kind: str, score: float, recogniser: str, why: str
) -> list[Candidate]:
    return [Candidate(s, e, kind, score, recogniser, why) for s, e in spans if s < e]


def _account_like(handle: str) -> bool:
    """A user name has a digit, an underscore or a dot inside; a word has none."""
    inner = handle[1:-1]
    return any(ch.isdigit() or ch in "_." for ch in inner)


def find_handles(text: str) -> list[Candidate]:
    """Handles on social networks and messengers, and e-mail addresses spelt out."""
    spans = [_trim(text, m.start(), m.end()) for m in HANDLES.finditer(text)] if "@" in text else []
    for match in NETWORK_ACCOUNTS.finditer(text):
        if _account_like(match.group("handle")) and text[match.start("handle") - 1] != "@":
            spans.append(_trim(text, *match.span("handle")))
    spans += [_trim(text, *match.span("handle")) for match in NAMED_ON_NETWORK.finditer(text)]
    found = _candidates(spans, HANDLE, 0.9, "handles", "social media handle")
    if " at " in text or "(at)" in text or "[at]" in text or " @ " in text:
        found += _candidates(
            ((m.start(), m.end()) for m in SPELT_EMAILS.finditer(text)),
            EMAIL,
            0.85,
            "handles",
            "e-mail address spelt out",
        )
    return found


def _iban_valid(raw: str) -> bool:
    compact = "".join(raw.split()).upper()
    if not 15 <= len(compact) <= 34:
        return False
    moved = compact[4:] + compact[:4]
    digits = "".join(str(int(ch, 36)) for ch in moved)
    return int(digits) % 97 == 1


def find_ibans(text: str) -> list[Candidate]:
    """IBANs whole or in groups, checked with their mod-97 digits."""
    return _candidates(
        ((m.start(), m.end()) for m in IBANS.finditer(text) if _iban_valid(m.group())),
        IBAN,
        0.95,
        "ibans",
        "bank account number (IBAN)",
    )


def find_coordinates(text: str) -> list[Candidate]:
    """GPS coordinates: a house or a grave on a map is as precise as an address."""
    return _candidates(
        ((m.start(), m.end()) for m in COORDINATES.finditer(text)),
        PLACE,
        0.9,
        "coordinates",
        "GPS coordinates",
    )


def find_anchored_codes(text: str) -> list[Candidate]:
    """Numbers after a word that says what they number, and quoted code words."""
    found = []
    for match in ANCHORED.finditer(text):
        start, end = _trim(text, match.start("code"), match.end("code"))
        if _digits(text[start:end]) >= 2:
            found.append((start, end))
    found.extend((m.start("code"), m.end("code")) for m in CODE_WORDS.finditer(text))
    return _candidates(found, ID_NUMBER, 0.85, "anchored-codes", "document or account number")


def _covered(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pattern in (DATES, YEAR, DAY_LISTS, TIMES, AMOUNTS, PERCENTAGES, DURATIONS):
        spans.extend((m.start(), m.end()) for m in pattern.finditer(text))
    return spans


def find_long_numbers(text: str) -> list[Candidate]:
    """Every other token with three or more digits: not a year, date, amount, time or count."""
    if not any(ch.isdigit() for ch in text):
        return []
    covered = _covered(text)
    found = []
    for match in TOKENS.finditer(text):
        start, end = _trim(text, match.start(), match.end())
        lead = match.group("lead")
        if lead and _KEYWORD_ONLY.fullmatch(lead):
            start = match.end("lead") + 1
        token = text[start:end]
        if _digits(token) < 3 or _QUANTITY.match(token) or _ORDINAL.match(token):
            continue
        if any(s <= start and end <= e for s, e in covered):
            continue
        if _REFERENCE_BEFORE.search(text, max(0, start - 60), start):
            continue
        if _MEASURE.match(token):
            continue
        if lead and any(s <= match.end("lead") + 1 and end <= e for s, e in covered):
            continue
        if token.isdigit() and _COUNTED.match(text, end) and len(token) <= 4:
            continue
        found.append((start, end))
    return _candidates(found, ID_NUMBER, 0.7, "long-numbers", "number of three or more digits")
