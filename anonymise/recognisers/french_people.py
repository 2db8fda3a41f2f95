"""People, institutions and occupations from the way French sentences name them.

* a name after a relation word: "mon frère Sofiane", "sa femme, Nadia", "son
  cousin rayan", "chez les benali" (hasty notes are in lower case: a word no dictionary knows is
  taken for the name);
* a name after a verb of naming: "je m'appelle Karim", "il s'appelait
  yanis_lyon69", "surnommé Chbouki", "connu sous le nom d'Abou Talib" (the verb
  itself is never part of the name);
* a street address: "rue de Ribaucourt 12", "12, rue des Lilas";
* an institution with its place: "tribunal correctionnel de Paris", "cour
  d'appel de Rabat", "katiba Ansar al-Haqq", "hôpital Robert-Ballanger";
* a given name that is also a word, opening a sentence: "Pierre était là";
* a nationality in lower case: "tunisien", "marocaine";
* an occupation with what completes it: "vendeur de téléphones", "ingénieur
  en hydrocarbures", "éducateur sportif".
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from anonymise.candidates import (
    NATIONALITY,
    OCCUPATION,
    ORGANISATION,
    PERSON,
    PLACE,
    Candidate,
    Evidence,
)
from anonymise.lexicon import data_lines, fold, in_dictionary
from anonymise.recognisers.words import words

if TYPE_CHECKING:
    from anonymise.recognisers.naming import Lexicon

RECOGNISER = "french-people"
_KIN = (
    r"(?:(?:demi|grand|petit|arrière-grand|beau|belle)[-\s])?"
    r"(?:frère|frere|sœur|soeur|cousine?|oncle|tante|mari|femme|épouse|epouse|époux|epoux|"
    r"fils|fille|père|pere|mère|mere|papa|maman|neveu|nièce|niece|amie?|copain|copine|"
    r"fiancée?|voisine?|camarade|compagnon|compagne|codétenue?|collègue|gendre|belle-fille|"
    r"enfant|bébé|garçon|émir|emir|recruteur|recruteuse|passeur|chef|logeur|logeuse|"
    r"famille)s?"
)
#: A relation word with its determiner: "mon frère", "sa femme", "son grand cousin".
RELATIONS = regex.compile(
    r"(?i:\b(?:mon|ma|mes|ton|ta|tes|son|sa|ses|notre|nos|votre|vos|leur|leurs|le|la|les|"
    r"un|une|du|au|l['’])\s*(?:(?:grand|petit|jeune|aîné|aînée|cadet|cadette|défunt|défunte|"
    rf"feu|ancien|ancienne|premier|première|second|seconde|nouveau|nouvelle|meilleur|"
    rf"meilleure|propre)\s+)?{_KIN}(?:\s+(?:aînée?|ainée?|cadet|cadette|jumeau|jumelle|"
    r"préférée?))?)(?P<gap>\s*[,:(]?\s*)"
)
#: A relation word as the label of a notes line: "- épouse : roukaya", "frère: Anis".
LABELLED_RELATIONS = regex.compile(rf"(?i:\b{_KIN}\s*:\s*)")
#: A verb of naming and what it names: "il s'appelait X", "surnommé X", "alias X".
NAMING_VERBS = regex.compile(
    r"(?i:\b(?:[sm]['’]appel(?:le|ait|ais|lait|lent|aient)|appelée?s?|surnommée?s?|prénommée?s?|"
    r"nommée?s?|alias|connue?s?\s+(?:comme|sous\s+le\s+nom\s+(?:de|d['’]))|"
    r"(?:mon|son|sa|leur)\s+(?:vrai\s+)?(?:nom|prénom|surnom|kunya|pseudo|pseudonyme)"
    r"(?:\s+de\s+guerre)?\s+(?:est|était|etait|c['’]est|c['’]était|:)|"
    r"de\s+son\s+vrai\s+nom)\b)\s*[,:]?\s*[\"“«‹]?\s*"
)
#: A family or a household named by its name: "chez les benali", "chez Karim".
AT_HOME = regex.compile(r"(?i:\bchez\s+(?:les\s+)?)")
#: "dit" before a capitalised name or quotes: "Karim, dit « le Belge »", "dite Oum Safia".
CALLED = regex.compile(r"\b(?:dite?s?|surnommée?s?)\s*[\"“«‹]?\s*")
#: The words of a name: capitalised, with the particles inside names.
NAME = regex.compile(
    r"(?:(?:al|el|ben|ould|bin|ibn|bent|bint|abou|abu|oum|umm)[-\s]+)?"
    r"\p{Lu}[\p{L}\p{M}'’]*(?:-[\p{L}\p{M}]+)*"
    r"(?:\s+(?:(?:al|el|ben|ould|bin|ibn|bent|bint|abou|abu|oum|umm)[-\s]+)?"
    r"(?:\p{Lu}[\p{L}\p{M}'’]*(?:-[\p{L}\p{M}]+)*|(?:al|el)-[\p{L}\p{M}]+)){0,3}"
)
_TITLE = regex.compile(r"(?P<title>\p{L}+)\.?\s+(?=\p{L})")
#: After a word that is a verb, not a name: "garde le contact", "attend qu'on", "se".
_OBJECT_AFTER = regex.compile(
    r"\s+(?:le|la|les|l['’]|un|une|des|du|de|d['’]|à|au|aux|qu['’]|que|ne|n['’]|se|s['’]|"
    r"lui|leur|en|y|pas|bien|tout|avec|sur|pour|par)\b",
    regex.IGNORECASE,
)
#: One token as a name is written in notes, handles included: "rayan", "yanis_lyon69".
TOKEN = regex.compile(r"[\p{L}\p{N}@][\p{L}\p{M}\p{N}_.'’-]*[\p{L}\p{N}]|\p{L}")
_STREETS = (
    r"(?:rue|avenue|av\.|boulevard|bd|place|chaussée|chaussee|impasse|allée|allee|chemin|quai|"
    r"route|square|passage|cours|rond-point)"
)
#: A street address: "rue de Ribaucourt 12", "12, rue des Lilas", "bd Mohammed V n° 3".
ADDRESSES = regex.compile(
    r"(?i:(?:\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+)?\b"
    rf"{_STREETS}\s+(?:(?:de\s+la|de|du|des|d['’])\s*)?)"
    r"\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:(?:de|du|des|la|le|el|al|ben|ibn)\s+)?"
    r"(?:\p{Lu}[\p{L}\p{M}'’-]*|[IVX]+\b))*"
    r"(?:,?\s+(?:n°\s*)?\d{1,4}(?:\s?(?:bis|ter|[a-z])\b)?)?"
)
#: A word in lower case: "tunisien", "marocaine" (French writes nationalities so).
_LOWER_WORD = regex.compile(r"(?<![\p{L}'’-])\p{Ll}[\p{Ll}\p{M}]{2,}(?![\p{L}'’-])")
_INSTITUTIONS = (
    r"(?:tribunal|cour|parquet|hôpital|hopital|clinique|université|universite|faculté|lycée|"
    r"lycee|collège|college|école|ecole|mosquée|mosquee|association|entreprise|société|usine|"
    r"katiba|kataeb|brigade|bataillon|liwa|jaych|jaysh|jound|jund|foyer|club)"
)
#: What stands between an institution's word and its name: "correctionnel", "d'appel".
_QUALIFIERS = (
    r"(?:correctionnel|correctionnelle|criminel|criminelle|d['’]appel|d['’]assises|"
    r"de\s+(?:grande|première)\s+instance|d['’]instance|administratif|administrative|"
    r"militaire|spéciale?|pénal|antiterroriste|universitaire|régional|régionale|national|"
    r"nationale|islamique|civil|privée?|public|publique|général|générale|central|centrale)"
)
#: An institution and its name or place: "tribunal correctionnel de Paris".
INSTITUTIONS = regex.compile(
    rf"(?i:\b{_INSTITUTIONS}(?:\s+{_QUALIFIERS}){{0,2}}"
    r"\s*(?:de\s+la\s+|de\s+|du\s+|des\s+|d['’])?)"
    r"(?P<name>(?:(?:al|el)-)?\p{Lu}[\p{L}\p{M}'’]*(?:-[\p{L}\p{M}]+)*"
    r"(?:\s+(?:(?:al|el)-[\p{L}\p{M}]+|(?:El|Al|al|el|de|du|Ben|ben)\s+\p{Lu}[\p{L}\p{M}'’-]*"
    r"|\p{Lu}[\p{L}\p{M}'’]*(?:-[\p{L}\p{M}]+)*)){0,3})"
)


def _plain(word: str, lexicon: Lexicon) -> bool:
    key = fold(word)
    return key in lexicon.function_words or not any(ch.isalpha() for ch in key)


def _after(
    text: str, position: int, lexicon: Lexicon, lower_known: bool
) -> tuple[int, int, float] | None:
    """The name that starts at ``position`` and its score: capitalised words, or one word
    of notes ("son cousin hamza").

    A title before it ("Mme", "M.", "Dr") stays outside. A word in lower case that the
    dictionary knows is a name when the name lists have it, unless an article or a
    pronoun follows, as after a verb ("son père garde le contact"): then it is proposed.
    """
    title = _TITLE.match(text, position)
    while title and fold(title.group("title")) in lexicon.titles:
        position = title.end()
        title = _TITLE.match(text, position)
    named = NAME.match(text, position)
    if named:
        end = named.end()
        while end > position and text[end - 1] in "'’":
            end -= 1
        return position, end, 0.85
    token = TOKEN.match(text, position)
    if token is None or _plain(token.group(), lexicon):
        return None
    key = fold(token.group())
    if lower_known or not in_dictionary(key, lexicon.dictionary):
        return token.start(), token.end(), 0.85
    if lexicon.names.is_given(key):
        verb_like = _OBJECT_AFTER.match(text, token.end())
        return token.start(), token.end(), 0.45 if verb_like else 0.6
    return None


#: Words after a subject: "Pierre était", "Rose m'a appelé", "Olivier, lui, ...".
_AFTER_SUBJECT = frozenset(
    [
        "a",
        "avait",
        "aura",
        "aurait",
        "est",
        "était",
        "etait",
        "sera",
        "serait",
        "fut",
        "ont",
        "avaient",
        "sont",
        "étaient",
        "etaient",
        "m",
        "t",
        "l",
        "s",
        "n",
        "me",
        "te",
        "le",
        "la",
        "les",
        "lui",
        "leur",
        "nous",
        "vous",
        "se",
        "ne",
        "y",
        "en",
        "et",
        "ou",
        "dit",
        "disait",
        "raconte",
        "explique",
        "affirme",
        "pense",
        "voulait",
        "veut",
        "vient",
        "venait",
        "part",
        "partait",
        "est-il",
    ]
)


def _opening_given_names(text: str, lexicon: Lexicon) -> list[Candidate]:
    """A given name that is also a word, opening a sentence: "Pierre était là", "Rose m'a dit".

    Masked when a verb or a pronoun follows, as after a subject; proposed otherwise.
    """
    found: list[Candidate] = []
    every = words(text)
    for index, word in enumerate(every):
        key = fold(word.bare)
        if not (word.sentence_initial and word.capitalised and not word.upper):
            continue
        if key in lexicon.function_words or key in lexicon.titles:
            continue
        if not (lexicon.names.is_given(key) and in_dictionary(key, lexicon.dictionary)):
            continue
        after = every[index + 1] if index + 1 < len(every) else None
        subject = after is not None and (
            fold(after.bare) in _AFTER_SUBJECT or text[word.end : after.start].strip() == ","
        )
        score = 0.6 if subject else 0.45
        found.append(Candidate(word.start, word.end, PERSON, score, RECOGNISER, "given name"))
    return found


def find_french_people(text: str, lexicon: Lexicon) -> list[Candidate]:
    """Names after relation words and verbs of naming, institutions and occupations."""
    found = _opening_given_names(text, lexicon)
    for match in RELATIONS.finditer(text):
        if NAMING_VERBS.match(text, match.end()):
            continue  # "mon frère s'appelle Youssef": the verb's rule takes the name
        span = _after(text, match.end(), lexicon, lower_known=False)
        if span:
            start, end, score = span
            found.append(Candidate(start, end, PERSON, score, RECOGNISER, Evidence.RELATION_BEFORE))
    for match in LABELLED_RELATIONS.finditer(text):
        span = _after(text, match.end(), lexicon, lower_known=False)
        if span:
            start, end, score = span
            found.append(Candidate(start, end, PERSON, score, RECOGNISER, Evidence.RELATION_BEFORE))
    for match in AT_HOME.finditer(text):
        span = _after(text, match.end(), lexicon, lower_known=False)
        if span:
            start, end, score = span
            found.append(Candidate(start, end, PERSON, score, RECOGNISER, Evidence.RELATION_BEFORE))
    for match in CALLED.finditer(text):
        span = _after(text, match.end(), lexicon, lower_known=False)
        if span and text[span[0]].isupper():
            found.append(Candidate(span[0], span[1], PERSON, 0.85, RECOGNISER, Evidence.NICKNAME))
    for match in NAMING_VERBS.finditer(text):
        span = _after(text, match.end(), lexicon, lower_known=True)
        if span:
            found.append(Candidate(span[0], span[1], PERSON, 0.85, RECOGNISER, Evidence.NICKNAME))
    for match in ADDRESSES.finditer(text):
        found.append(Candidate(match.start(), match.end(), PLACE, 0.85, RECOGNISER, "address"))
    for match in INSTITUTIONS.finditer(text):
        found.append(
            Candidate(match.start(), match.end(), ORGANISATION, 0.7, RECOGNISER, "institution")
        )
    for word in _LOWER_WORD.finditer(text):
        if fold(word.group()) in lexicon.demonyms:
            found.append(
                Candidate(word.start(), word.end(), NATIONALITY, 0.6, RECOGNISER, "nationality")
            )
    for match in _occupations().finditer(text):
        found.append(
            Candidate(match.start(), match.end(), OCCUPATION, 0.55, RECOGNISER, "occupation")
        )
    return found


@lru_cache(maxsize=1)
def _occupations() -> regex.Pattern[str]:
    """Occupations (with feminine and plural forms) and what completes them."""
    names = data_lines("fr_occupations.txt")
    alternatives = "|".join(regex.escape(name) for name in sorted(names, key=len, reverse=True))
    return regex.compile(
        rf"(?i:\b(?:{alternatives})s?\b"
        # "de téléphones", "en hydrocarbures", "d'oliviers", "sportif".
        r"(?:\s+(?:de|d['’]|en|du|des)\s*(?!(?:la|le|les|son|sa|ses|mon|ma|mes|leur|un|une)\b)"
        r"[\p{Ll}][\p{L}'’-]{2,}|\s+[\p{Ll}][\p{L}-]*(?:if|ive|ifs|ives|el|elle|al|ale|aux|"
        r"aire|aires|ique|iques|ier|ière))?)"
    )
