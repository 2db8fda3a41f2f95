"""Dates, ages, lengths of time, sums and counts as French texts write them.

"le 3 mars 1992", "mars 2014", "l'été 2014" (the elided article stays outside),
"15 chaabane 1435" (Hijri months in French transliteration), "33 ans",
"vingt-quatre ans", "six semaines", "12 000 euros", "quatre enfants", and
numbers of documents after the French words for them ("CIN n° 05281947",
"numéro de registre national 93.05.21-148.07", "passeport EP483021").
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from anonymise.candidates import AGE, AMOUNT, DATE, ID_NUMBER, Candidate

_UNITS = (
    r"(?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|"
    r"quinze|seize|vingt|trente|quarante|cinquante|soixante|cent|cents|mille)"
)
#: A number in digits or in words: "33", "seize", "vingt-quatre", "trente-et-un".
NUMBER = rf"(?:\d{{1,3}}(?:[  .]\d{{3}})*(?:,\d+)?|{_UNITS}(?:(?:-et-|-|\s+et\s+|\s+){_UNITS})*)"
MONTHS = (
    r"(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    r"novembre|décembre|decembre|janv|févr|fevr|avr|juil|sept|oct|nov|déc|dec)\.?"
)
#: Hijri months as French texts transliterate them.
HIJRI_MONTHS = (
    r"(?:mou?harr?am|muharram|safar|rabi[ae]?[\s'’-]*(?:al|el)?[\s-]*(?:aw+al|aou+el|ou+la|"
    r"th?ani|akhir|akhar)|rabi[ae]?\s+[12I]{1,2}|jou?mada[\s-]*(?:al|el)?[\s-]*(?:oula|ula|"
    r"awal|akhira|th?ani|akhir)|ra[dj]+ab|cha[aâ]+bane?|chaban|sha[a']?ban|ramadan|ramadhan|"
    r"chaou?al|chawwal|shawwal|dhou?[\s-]*(?:al|el|l)?[\s-]*(?:qi['’]?d[ae]h?|hij+[ae]h?)|"
    r"dhul?[\s-]*(?:qi['’]?d[ae]h?|hij+[ae]h?))"
)
_DAY = r"(?:1er|premier|[12]\d|3[01]|0?[1-9])"
_YEAR = r"(?:1[89]\d\d|20\d\d|14\d\d|13\d\d)"
SEASONS = r"(?:printemps|été|ete|automne|hiver)"
#: "3 mars 1992", "mars 2014", "1er juin", "l'été 2014", "15 chaabane 1435", "ramadan 1436".
FRENCH_DATES = regex.compile(
    rf"(?i:\b(?:{_DAY}\s+{MONTHS}(?:\s+{_YEAR})?|{MONTHS}\s+{_YEAR}|{SEASONS}\s+{_YEAR}"
    rf"|{_DAY}\s+{HIJRI_MONTHS}(?:\s+{_YEAR})?|{HIJRI_MONTHS}\s+{_YEAR})\b)"
)
_UNITE = r"(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf)"
_DIX = r"(?:dix[-\s](?:sept|huit|neuf)|dix|onze|douze|treize|quatorze|quinze|seize)"
_DIZAINE = r"(?:vingt|trente|quarante|cinquante|soixante|quatre[-\s]vingts?)"
#: 1 to 99 in words: "douze", "vingt et un", "quatre-vingt-douze", "soixante-dix-huit".
_UN_A_99 = rf"(?:{_DIZAINE}(?:[-\s](?:et[-\s])?(?:{_DIX}|{_UNITE}))?|{_DIX}|{_UNITE})"
#: A year in words: "mille neuf cent quatre-vingt-douze", "dix-neuf cent quatre-vingt",
#: "deux mille quinze", "deux mille et un". "Deux mille" alone is a count.
YEARS_IN_WORDS = regex.compile(
    rf"(?i:\b(?:(?:mil|mille)[-\s]neuf[-\s]cents?|dix[-\s]neuf[-\s]cents?)"
    rf"(?:[-\s]{_UN_A_99})?\b(?![-\s]+(?:mille|cents?)\b)"
    rf"|\bdeux[-\s]mille[-\s](?:et[-\s])?{_UN_A_99}\b(?![-\s]+(?:mille|cents?)\b))"
)
#: Day, month and year in digits, the French way round: "02.05.1999", "3/4/2015".
NUMERIC_DATES = regex.compile(
    r"(?<![\d.,/-])(?:0?[1-9]|[12]\d|3[01])([./-])(?:0?[1-9]|1[0-2])\1(?:19|20)\d\d(?![\d.,/-]\d)"
)
_TIME = r"(?:ans|an|années|annees|mois|semaines|semaine|jours|jour|nuits)"
#: A length of time: "deux ans", "six semaines", "neuf mois", "trois jours".
DURATIONS = regex.compile(rf"(?i:\b(?!(?:un|une)\s+(?:jour|nuit)\b){NUMBER}\s+{_TIME}\b)")
#: An age: "j'avais 17 ans", "âgé de 33 ans", "Karim, 26 ans,", "à seize ans", "(37 ans)".
AGES = regex.compile(
    rf"(?i:(?:\b(?:âgée?s?|agée?s?|age|âge)\s+(?:de\s+)?|\b(?:avais|avait|avaient|ai|a|as|"
    rf"avoir|aura|aurait|fête|fêté|eu|eue|vers|(?<!condamnée?s?\s)à|de|sur\s+ses)\s+"
    r"(?:(?:alors|déjà|deja|seulement|juste|à\s+peine|tout\s+juste|presque|environ)\s+)?"
    r"|,\s*|\(\s*)"
    rf"(?P<age>{NUMBER}\s+ans)\b"
    # "à quinze ans de réclusion" is a sentence, not an age.
    r"(?!\s+(?:de\s+(?:prison|réclusion|reclusion|détention|detention|travaux|sursis)|ferme)))"
)
_KIN = (
    r"(?:enfants?|fils|filles?|garçons?|garcons?|frères?|freres?|sœurs?|soeurs?|épouses?|"
    r"epouses?|femmes|petits-enfants|neveux|nièces?|orphelins?)"
)
#: A number of children or relatives: "quatre enfants", "deux filles".
KIN_COUNTS = regex.compile(rf"(?i:\b{NUMBER}\s+{_KIN}\b)")
_CURRENCIES = (
    r"(?:euros?|€|dollars?|\$|dinars?|dirhams?|livres?|francs?|dt|dh|da|tnd|mad|dzd|usd|eur|"
    r"lires?|livres\s+syriennes|livres\s+turques)"
)
#: A sum of money: "12 000 euros", "50 dollars", "5 000 €", "mille dinars".
SUMS = regex.compile(rf"(?i:(?<![\w.,])(?:{NUMBER})\s*{_CURRENCIES}(?![\w]))")
#: A document number after the French words for it: "CIN n° 05281947", "registre national
#: 93.05.21-148.07", "passeport n° EP483021", "écrou S-11842", "numéro de dossier 458 921".
ANCHORED = regex.compile(
    r"(?i:\b(?:cin|c\.i\.n\.?|carte\s+(?:nationale\s+)?d['’]identité|carte\s+d['’]identite|"
    r"cni|passeport|registre\s+national|numéro\s+national|numero\s+national|niss|"
    r"sécurité\s+sociale|securite\s+sociale|écrou|ecrou|matricule|dossier|plainte|"
    r"procès-verbal|proces-verbal|pv|notice|permis(?:\s+de\s+conduire)?|titre\s+de\s+séjour|"
    r"carte\s+de\s+séjour|immatriculation|plaque)\b)"
    r"(?:\s+(?:n°|no\.?|nº|numéro|numero|num\.?|:|de|du)){0,3}\s*:?\s*"
    r"(?P<code>(?=[\p{L}\p{N}./-]*\d)[\p{Lu}\p{N}](?:[\p{Lu}\p{N}./-]|\s(?=\d))*[\p{Lu}\p{N}])"
)


def _found(
    matches: Iterable[regex.Match[str]],
    kind: str,
    score: float,
    why: str,
    group: int | str = 0,
    recogniser: str = "french-numbers",
) -> list[Candidate]:
    return [Candidate(m.start(group), m.end(group), kind, score, recogniser, why) for m in matches]


def find_french_dates(text: str) -> list[Candidate]:
    """Calendar dates as French writes them, numeric ones too ("02.05.1999")."""
    found = [*FRENCH_DATES.finditer(text), *NUMERIC_DATES.finditer(text)]
    return _found(found, DATE, 0.9, "calendar date", recogniser="french-dates") + _found(
        YEARS_IN_WORDS.finditer(text), DATE, 0.85, "year in words", recogniser="french-dates"
    )


def find_french_numbers(text: str) -> list[Candidate]:
    """Ages, lengths of time, sums, counts of relatives and document numbers."""
    return (
        _found(AGES.finditer(text), AGE, 0.8, "age", "age")
        + _found(DURATIONS.finditer(text), DATE, 0.6, "length of time")
        + _found(KIN_COUNTS.finditer(text), AMOUNT, 0.6, "number of children or relatives")
        + _found(SUMS.finditer(text), AMOUNT, 0.7, "sum of money")
        + _found(ANCHORED.finditer(text), ID_NUMBER, 0.9, "document number", "code")
    )
