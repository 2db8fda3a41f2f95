"""Words that tell what a run of capitalised words names: particles, institutions, areas.

The naming recogniser's rules consult these lists; kept apart, the rules stay short.
"""

from __future__ import annotations

import regex

#: A particle glued to a capitalised name: al-Britani, el-Masri, ash-Shishani, bin-Laden.
PREFIXED = regex.compile(
    r"^(?:al|el|ul|ad|ar|as|ash|at|az|ez|ed|es|an|bin|ibn|abu|umm)[-‐’'][ʿʾ‘’']?(\p{Lu})"
)
#: Words that start only place names when a name follows them: "Tel Abyad", "Tell
#: Rifaat", "Deir Hafer", "Kafr Nabl", "Jisr al-Shughur", "Maarat al-Numan". ("Ras"
#: does too, but only before an article: "Ras al-Ain".) Other words that start place
#: names are also names or English words (Abu, Umm, Ain, Khan, Bir, Qasr): after them
#: only a place the gazetteer knows is a place.
PLACE_PREFIXES = frozenset(
    ["tel", "tell", "tal", "deir", "dayr", "dair", "kafr", "kfar", "kafar", "jisr", "maarat"]
)
#: "Ras" starts a place name before an article: "Ras al-Ain", "Ras el-Ayn".
ARTICLE_PLACE_PREFIXES = frozenset(["ras"])
#: The Arabic article in the spellings place names use: al-, el-, ez-, as-...
PLACE_ARTICLES = frozenset(
    ["al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "ez", "es", "ed", "an", "en"]
)
#: Kunya and nasab particles that start or join Arabic names.
KUNYA = frozenset(["abu", "abou", "abo", "umm", "um", "om"])
NASAB = frozenset(["bin", "ibn", "bint", "ben"])
#: Words that make a run of capitalised words an institution.
INSTITUTIONS = frozenset(
    [
        "court",
        "courts",
        "tribunal",
        "university",
        "college",
        "school",
        "academy",
        "institute",
        "hospital",
        "clinic",
        "prison",
        "ministry",
        "department",
        "directorate",
        "office",
        "bureau",
        "agency",
        "authority",
        "council",
        "committee",
        "commission",
        "company",
        "corporation",
        "bank",
        "party",
        "front",
        "brigade",
        "brigades",
        "battalion",
        "regiment",
        "division",
        "army",
        "police",
        "gendarmerie",
        "militia",
        "movement",
        "association",
        "foundation",
        "union",
        "federation",
        "society",
        "centre",
        "center",
        "church",
        "mosque",
        "camp",
        "station",
        "command",
        "headquarters",
        "ensemble",
        "theatre",
        "factory",
        "forces",
        "force",
        "staff",
        "guard",
        "intelligence",
        "branch",
        "faculty",
        "railways",
        "administration",
        "service",
        "services",
    ]
)
#: Arabic words that head the name of an armed group or an office: "Jaysh al-Usra",
#: "Liwa al-Tawhid", "Diwan al-Hisba", "Wilayat Raqqa".
ARABIC_UNITS = frozenset(
    [
        "jaysh",
        "jaish",
        "jeish",
        "liwa",
        "liwaa",
        "katibat",
        "katiba",
        "katibah",
        "kataib",
        "kataeb",
        "saraya",
        "jabhat",
        "jabha",
        "jabhah",
        "harakat",
        "haraka",
        "harakah",
        "hayat",
        "tanzim",
        "ansar",
        "diwan",
        "wilayat",
        "wilayah",
        "wilaya",
        "majlis",
        "mahkama",
        "mahkamat",
        "fawj",
        "firqat",
        "firqa",
    ]
)
#: Words that join the parts of an institution's name but not of a person's:
#: "Office for Veterans and Persecuted Persons", "Labour and Social Court".
INSTITUTION_CONNECTORS = frozenset(["and", "for"])
#: Titles that say nothing about the person and stay outside the masked span.
#: French ones too: "M.", "Mme", "Me" (maître, for a lawyer).
COURTESY_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "m",
        "mme",
        "mlle",
        "monsieur",
        "madame",
        "mademoiselle",
        "me",
        "maitre",
    ]
)
#: Words for administrative areas that belong to the place name next to them.
AREAS = frozenset(
    [
        "district",
        "province",
        "governorate",
        "region",
        "county",
        "municipality",
        "village",
        "town",
        "city",
        "neighbourhood",
        "neighborhood",
        "quarter",
        "suburb",
        "camp",
        "valley",
        "mountains",
        "mountain",
        "river",
        "prefecture",
        "canton",
        "oblast",
        "republic",
        "state",
    ]
)
