"""Recognisers beyond spaCy's NER: plain functions from text to candidates, registered once.

Each module here works on the text alone (regular expressions and word lists),
so it can be tested without the model. :data:`REGISTRY` declares every source
of candidates (these finders, Presidio's own recognisers, spaCy's entities and
the analyser's later stages) with its entity types, languages and priority; the
Presidio engine and the overlap resolution read it. Adding a recogniser is a
module and one line below.
"""

from __future__ import annotations

from anonymise.candidates import (
    AGE,
    AMOUNT,
    CASE_NUMBER,
    DATE,
    EMAIL,
    HANDLE,
    IBAN,
    ID_NUMBER,
    NATIONALITY,
    OCCUPATION,
    ORGANISATION,
    OTHER,
    PERSON,
    PHONE,
    PLACE,
    URL,
)
from anonymise.recognisers import (
    arabic_names,
    arabic_numbers,
    arabic_places,
    arabic_script,
    arabizi,
    background,
    camps,
    codes,
    french_details,
    french_numbers,
    french_people,
    health,
    lowercase,
    name_lists,
    naming,
    numbers,
    people,
    roles,
    scripts,
    uniqueness,
)
from anonymise.registry import Recogniser, Registry, text_only

#: English, French and Arabic (:mod:`anonymise.languages`).
EN = frozenset({"en"})
FR = frozenset({"fr"})
AR = frozenset({"ar"})
#: Languages in Latin script, read by a spaCy model: rules on capitals and words fit both.
LATIN = EN | FR
#: Every language: stages and patterns that work on any text (numbers, addresses, scripts).
ANY = frozenset({"*"})
NAMES = (PERSON, PLACE, ORGANISATION, NATIONALITY)

REGISTRY = Registry(
    [
        # Stages of the analyser and Presidio's own recognisers: a priority, no finder.
        Recogniser("known-identifiers", (PERSON, PLACE, ORGANISATION), ANY, 6),
        Recogniser("EmailRecognizer", (EMAIL,), ANY, 5),
        Recogniser("UrlRecognizer", (URL,), ANY, 5),
        Recogniser("IbanRecognizer", (IBAN,), ANY, 5),
        Recogniser("SpacyRecognizer", (*NAMES, DATE, AMOUNT), LATIN, 2),
        Recogniser("propagation", (PERSON, PLACE, ORGANISATION), ANY, 2),
        # The project's finders.
        Recogniser("phones", (PHONE, ID_NUMBER), ANY, 5, text_only(numbers.find_phones)),
        Recogniser("handles", (HANDLE, EMAIL), ANY, 5, text_only(codes.find_handles)),
        Recogniser("ibans", (IBAN,), ANY, 5, text_only(codes.find_ibans)),
        Recogniser("coordinates", (PLACE,), ANY, 5, text_only(codes.find_coordinates)),
        Recogniser(camps.RECOGNISER, (PLACE,), LATIN, 3, text_only(camps.find_camp_sections)),
        Recogniser("anchored-codes", (ID_NUMBER,), LATIN, 4, text_only(codes.find_anchored_codes)),
        Recogniser("dates", (DATE,), ANY, 4, text_only(numbers.find_dates)),
        Recogniser("ages", (AGE,), EN, 4, text_only(numbers.find_ages)),
        Recogniser("codes", (CASE_NUMBER,), LATIN, 4, text_only(numbers.find_codes)),
        Recogniser("documents", (ID_NUMBER,), LATIN, 4, text_only(numbers.find_documents)),
        Recogniser("amounts", (AMOUNT,), LATIN, 4, text_only(numbers.find_amounts)),
        Recogniser("people", (PERSON,), LATIN, 3, people.find_people),
        Recogniser(arabizi.RECOGNISER, (PERSON, OTHER), LATIN, 3, arabizi.find_arabizi),
        Recogniser(name_lists.RECOGNISER, (PERSON,), LATIN, 3, name_lists.find_listed_names),
        Recogniser("naming", NAMES, LATIN, 3, naming.find_names),
        Recogniser("long-numbers", (ID_NUMBER,), ANY, 3, text_only(codes.find_long_numbers)),
        Recogniser(
            arabic_script.RECOGNISER,
            (PERSON, OTHER),
            ANY,
            3,
            text_only(arabic_script.find_arabic_script),
        ),
        Recogniser("french-dates", (DATE,), FR, 5, text_only(french_numbers.find_french_dates)),
        Recogniser(
            "french-numbers",
            (AGE, DATE, AMOUNT, ID_NUMBER),
            FR,
            4,
            text_only(french_numbers.find_french_numbers),
        ),
        Recogniser(
            french_people.RECOGNISER,
            (PERSON, ORGANISATION, OCCUPATION),
            FR,
            3,
            french_people.find_french_people,
        ),
        Recogniser(
            french_details.RECOGNISER,
            (OTHER,),
            FR,
            1,
            text_only(french_details.find_french_details),
        ),
        # Arabic script, in any language's text: the rules, and what they cannot read.
        Recogniser(
            arabic_numbers.RECOGNISER,
            (PHONE, ID_NUMBER, DATE, AGE, AMOUNT, EMAIL, IBAN),
            ANY,
            4,
            text_only(arabic_numbers.find_arabic_numbers),
        ),
        Recogniser(
            arabic_names.RECOGNISER, (PERSON,), ANY, 3, text_only(arabic_names.find_arabic_names)
        ),
        Recogniser(
            arabic_places.RECOGNISER,
            (PLACE, ORGANISATION, OCCUPATION),
            ANY,
            3,
            text_only(arabic_places.find_arabic_places),
        ),
        Recogniser(
            arabic_script.UNREAD_RECOGNISER,
            (PERSON, OTHER),
            ANY,
            1,
            text_only(arabic_script.find_unread_arabic),
        ),
        Recogniser("durations", (DATE,), LATIN, 1, text_only(numbers.find_durations)),
        Recogniser("times", (DATE,), EN, 1, text_only(numbers.find_times)),
        Recogniser("event-dates", (DATE,), EN, 1, text_only(numbers.find_event_dates)),
        Recogniser("punishments", (OTHER,), EN, 1, text_only(numbers.find_punishments)),
        Recogniser("occupations", (OCCUPATION,), EN, 1, text_only(roles.find_occupations)),
        Recogniser("health", (OTHER,), EN, 1, text_only(health.find_conditions)),
        Recogniser("background", (OCCUPATION, OTHER), EN, 1, text_only(background.find_background)),
        Recogniser("lowercase", (PLACE, NATIONALITY), LATIN, 2, lowercase.find_lowercase_places),
        Recogniser(
            scripts.RECOGNISER, (OTHER,), ANY, 1, text_only(scripts.find_unsupported_scripts)
        ),
        Recogniser(
            uniqueness.RECOGNISER, (OTHER,), LATIN, 1, text_only(uniqueness.find_unique_details)
        ),
    ]
)
