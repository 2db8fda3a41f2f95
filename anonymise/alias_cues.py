"""The words by which a text declares names one person (see :mod:`anonymise.aliases`):
cues in English, French and Arabic, notes labels, and what may stand between two names.
"""

from __future__ import annotations

import regex

OPEN = r"""[\s"“‘'(«]*(?:(?i:the)\s+)?"""
"""What may open a name after its cue: quotes, a bracket, and "the" ("the Vicar")."""
CUE = (
    r"(?:(?:also\s+|better\s+)?(?:known|recorded|registered|written|called|named)"
    r"(?:\s+(?:in|to|among|at)\s+(?:his|her|their|the)\s+\w+)?\s+as"
    r"|alias|aka|a\.k\.a\.?|also\s+called|called|nicknamed|nom\s+de\s+guerre"
    r"|now|now\s+known\s+as|kunya(?:\s+in\s+syria)?:?|real\s+name:?|(?:whose|his|her)\s+real\s+name\s+(?:is|was)"
    r"|(?:who\s+|he\s+|she\s+)?(?:used|took|had|was\s+given|adopted|got)\s+the\s+"
    r"(?:kunya|name|alias|nickname|nom\s+de\s+guerre)"
    r"|(?:who\s+|he\s+|she\s+)?(?:was|is)\s+(?:also\s+)?(?:known|called)(?:\s+as)?)"
)
#: What may stand between two names of one person.
BETWEEN = regex.compile(
    r"""[\s"”’')»]*[,;]?\s*(?:\(\s*(?:""" + CUE + r")?|" + CUE + "|=)" + OPEN + "$",
    regex.IGNORECASE,
)
#: A sentence naming the person just named again: "His real name is Rachid Ouazzani".
REAL_NAME = regex.compile(
    r"(?:\b(?:his|her|their)\s+real\s+name\s+(?:is|was)|\breal\s+name\s*[:=]?"
    r"|\breal\s+name\b[^.\n]{0,50}:)" + OPEN + "$",
    regex.IGNORECASE,
)
#: Arabic short vowels, shadda and tatweel, which a cue may be written with or without.
MARKS = "[\u064b-\u0652\u0670\u0640]*"


def arabic(*words: str) -> str:
    """Arabic words as a pattern that reads them with or without short vowels."""
    return "(?:" + "|".join(MARKS.join(word) + MARKS for word in words) + ")"


#: Arabic cues naming someone just named: "known as", "nicknamed", "given the kunya",
#: "whose name is", with "and" and the preposition glued on.
_ARABIC_AND = "(?<![\\p{L}])(?:و" + MARKS + ")?"
_ARABIC_THEN = "(?:\\s+" + arabic("بعدها", "بعد ذلك", "هناك", "بينهم") + ")?"
ARABIC_THIRD = (
    "(?:"
    # "Known as" is known only with its preposition ("عُرف بـ"): bare, "عرف" is "he knew".
    + _ARABIC_AND
    + arabic("عرف", "يعرف", "المعروف")
    + _ARABIC_THEN
    + "\\s*(?:"
    + arabic("باسم", "بلقب", "بكنية")
    + "|ب"
    + MARKS
    + ")"
    + "|"
    + _ARABIC_AND
    + arabic(
        "الملقب",
        "ولقبه",
        "لقبه",
        "يلقب",
        "لقبوه",
        "المكنى",
        "يكنى",
        "كنيته",
        "كنوه",
        "سموه",
        "اسمه الحقيقي",
        "الاسم الحقيقي",
        "اتخذ كنية",
        "اتخذت كنية",
        "اتخذ لقب",
        "اتخذ اسم",
    )
    + _ARABIC_THEN
    + "\\s*(?:"
    + arabic("باسم", "بلقب", "بكنية")
    + "|ب"
    + MARKS
    + "|:)?"
    + ")"
)
#: "His (her) name on the card, in the passport, the real one": a person's other name.
ARABIC_OWN_NAME = (
    "(?<![\\p{L}])(?:و"
    + MARKS
    + ")?"
    + arabic("اسمه", "اسمها")
    + "\\s+(?:"
    + arabic("الحقيقي", "الأصلي", "الاصلي")
    + "|(?:"
    + arabic("في", "على")
    + ")\\s+\\S+)\\s*:?"
)
#: Arabic cues of the speaker naming themselves: "my name", "I am", "they named me".
ARABIC_SELF = (
    "(?<![\\p{L}])(?:و"
    + MARKS
    + ")?"
    + arabic(
        "اسمي",
        "كنيتي",
        "لقبي",
        "سموني",
        "سماوني",
        "لقبوني",
        "كنوني",
        "ينادونني",
        "ينادوني",
        "يسموني",
        "يعرفوني",
        "يعرفونني",
        "عرفوني",
    )
    + "(?:\\s+"
    + arabic("الحقيقي", "كان", "هو", "بينهم", "بيناتهم", "عندهم", "هناك", "هنا")
    + ")?"
    + "\\s*(?:ب"
    + MARKS
    + "|:)?"
)
#: A name given to someone just named: "In Syria he used the name …", "there she was …",
#: "who started calling himself …", "everybody called him …", "connu en Syrie comme …".
THIRD_PERSON = regex.compile(
    r"(?:\b(?:he|she)\s+(?:used|took|had|adopted|got|was\s+given)\s+the\s+"
    r"(?:kunya|name|alias|nickname|nom\s+de\s+guerre)"
    r"|\bin\s+(?:syria|iraq|the\s+camp|raqqa|prison)\s+(?:he|she)\s+(?:was|became)"
    r"|\bin\s+(?:syria|iraq)\s*:"
    r"|\b(?:call(?:s|ed|ing)?|name[sd]?|styl(?:es|ed|ing))\s+(?:himself|herself)"
    r"|\b(?:everybody|everyone|they|people|we|all|(?:(?:his|her|their|the)\s+)?(?:others|brothers"
    r"|sisters|friends|family|mates|comrades|parents|mother|father))\s+(?:\w+\s+)?"
    r"(?:called|calls|call|named|nicknamed)\s+(?:him|her)(?:\s+as)?"
    r"|\b(?:(?:his|her|their|the)\s+)?(?:friends|family|mates|comrades|brothers|sisters|others)"
    r"\s+(?:say|said|call|called)\s*[\"“‘]"
    r"|(?:^|[.!?]\s+|\n\s*)(?:(?:also|better)\s+)?(?:known|nicknamed)\s+as"
    r"|\b(?:he|she)\s+was\s+(?:known|called)\s+(?:as\s+)?"
    r"|\b(?:he|she|they)\s+(?:writes?|wrote|spells?|spelt|spelled)(?:\s+it)?(?:\s+as)?"
    r"|\b(?:his|her)\s+(?:kunya|nickname|alias|nom\s+de\s+guerre|war\s+name|muslim\s+name"
    r"|name\s+in\s+\w+)\s+(?:was|is|became)"
    r"|\b(?:went|goes|go)\s+by\s+the\s+(?:name|kunya|nickname)(?:\s+of)?"
    r"|\b(?:under|using)\s+the\s+(?:name|kunya|alias|nickname)(?:\s+of)?|\bdubbed"
    r"|\b(?:sa|son)\s+(?:kunya|surnom|nom\s+de\s+guerre|vrai\s+nom|pseudonyme)"
    r"\s*(?:est|était|:)|\bde\s+son\s+vrai\s+nom"
    r"|\bconnue?s?\s+(?:en\s+\w+\s+|là-bas\s+|alors\s+)?(?:comme|sous\s+(?:le\s+nom|le\s+surnom"
    r"|la\s+kunya|l['’]alias)(?:\s+(?:de|d['’]))?)"
    r"|\bsurnommée?s?|\b(?:l['’]|les\s+)?a(?:vait|vaient)?\s+baptisée?"
    r"|\b(?:l['’]|les\s+)?ont\s+baptisée?|\bse\s+fai(?:t|sait|saient)\s+appeler"
    r"|,\s*dite?|\bdite?(?=\s*[«\"“])"
    r"|\b(?:l['’]|les\s+)appel(?:ait|aient)|\b(?:il|elle)\s+s['’]appelait"
    r"|" + ARABIC_THIRD + "|" + ARABIC_OWN_NAME + ")" + OPEN + "$",
    regex.IGNORECASE,
)
#: A question asking the respondent's name, and the start of the answer before a name.
YOUR_NAME = regex.compile(r"\byour\s+(?:full\s+|real\s+)?name\b[^\n]*\?", regex.IGNORECASE)
ANSWER = regex.compile(r"\s*(?:r|resp|a)\s*[:=][^.\n]{0,40}?[\s,:]", regex.IGNORECASE)
PRONOUN_REACH = 400
"""How far back the person a pronoun names may be."""
#: The speaker naming themselves, just before the name.
SELF = regex.compile(
    r"(?:\bmy\s+(?:real\s+|full\s+|legal\s+|muslim\s+)?(?:name|kunya|nickname|alias)"
    r"(?:\s+(?:then|in\s+syria|there))?\s+(?:is|was)"
    r"|\bi\s+am|\bi'm|\bi\s+was|\bi\s+became"
    r"|\bchange(?:d)?\s+(?:it|my\s+(?:name|kunya|nickname))\s+to"
    r"|\b(?:called|call|calls|named|gave)\s+me(?:\s+the\s+(?:kunya|name|nickname))?"
    r"|\bje\s+m['’]appel(?:le|ais)|\bje\s+suis|\bj['’]étais"
    r"|\bma\s+kunya\s*(?:est|était|:)|\bi\s+(?:went|go)\s+by\s+the\s+(?:name|kunya)"
    r"|\bmon\s+(?:vrai\s+)?(?:nom|prénom|surnom)(?:\s+de\s+guerre)?\s+(?:est|était|c['’]est)"
    r"|\b(?:on|ils|elles)\s+m['’](?:appelait|appelaient|a\s+(?:appelée?|surnommée?|baptisée?)"
    r"|ont\s+(?:appelée?|surnommée?|baptisée?))"
    r"|" + ARABIC_SELF + ")" + OPEN + "$",
    regex.IGNORECASE,
)
#: "I (am)" in Arabic and Iraqi Arabic, right before a person's name: "آني ليث …". (Not
#: before a place: "أنا بمرعش", "I am in Marash", so a person's name only.)
ARABIC_I = regex.compile("(?<![\\p{L}])" + arabic("أنا", "انا", "آني", "اني") + "[\\s،,]*$")
#: A name the speaker says is theirs, after it: "Brooks is my dad's name" (the family
#: name; "Omar is my brother's name" is the brother's).
MY_NAME_AFTER = regex.compile(
    r"""["”’']?\s+(?:is|was)\s+my\s+(?:(?:dad|father|mum|mom|mother|parents|family)['’]s?\s+)?"""
    r"(?:real\s+|family\s+|first\s+|last\s+)?"
    r"(?:name|surname|kunya|nickname)\b",
    regex.IGNORECASE,
)
#: A notes line giving the kunya or alias of the person its list item is about:
#: "2) gulnora, tajik, 27\n- kunya umm hamza".
ITEM_ALIAS = regex.compile(
    r"\n[ \t]*[-*•–][ \t]*(?:kunya|alias|aka|a\.k\.a\.?|nickname)[ \t]*[:=]?[ \t]*$",
    regex.IGNORECASE,
)
#: Where a list item starts: a blank line or a numbered line.
ITEM_START = regex.compile(r"(?:^|\n[ \t]*\n|\n)[ \t]*\d{1,2}[.)][ \t]*|\n[ \t]*\n|^")
#: A notes line naming the respondent: "Name: …", "R = …", "Kunya: …".
LABEL = regex.compile(
    r"(?:^|\n|[.;]\s)[ \t]*(?:\d+[.)]\s*)?(?P<label>r|resp|respondent|interviewee|subject|defendant"
    r"|accused|name|full\s+name|muslim\s+name|kunya|alias)"
    r"(?:\s+in\s+\w+)?(?:\s*\([^)\n]{0,40}\))?[ \t]*[:=][ \t]*$",
    regex.IGNORECASE,
)
#: What ends the name on a notes line: the end of the line, a comma, a bracket.
LABEL_END = regex.compile(r"\s*(?:$|[\n,;(.:]|\s[-–—]\s)")
#: A nickname's circle after it: "Vicky to my mates", "Lillen" by his friends.
CIRCLE = regex.compile(
    r"""["”’']?\s+(?:to|by|for|among)\s+(?:(?:my|his|her|their|the)\s+"""
    r"(?:friends|mates|family|brothers|sisters|colleagues|comrades|others|lads|guys)"
    r"|everyone|everybody|all)\b"
    r"""|["”’']?\s+(?:pour|chez|parmi)\s+(?:(?:les|ses|leurs|mes)\s+(?:autres\s+)?"""
    r"(?:amis|amies|copains|copines|frères|soeurs|sœurs|femmes|hommes|camarades|proches|autres)"
    r"|tout\s+le\s+monde)\b",
    regex.IGNORECASE,
)
QUOTES = frozenset('"”')
WE = regex.compile(r"\b(?:we|i)\b", regex.IGNORECASE)
#: A name the person's circle calls them, after it: "Sami, as his mother still calls him".
AS_CALLED = regex.compile(
    r",?\s+as\s+(?:his|her|their|the)\s+\w+(?:\s+\w+)?\s+(?:still\s+|always\s+)?"
    r"(?:calls?|called|knows?|knew)\s+(?:him|her)\b",
    regex.IGNORECASE,
)
#: A nickname in quotes after a person's name, an age between allowed: 'Sam, 21, "Tank"'.
CLOSED_ITEM = regex.compile(r"""["”’']\s*(?:[,;.)]|$)""", regex.MULTILINE)
NICKNAME_GAP = regex.compile(r"""\s*,\s*(?:\d{1,3}\s*,\s*)?["“‘](?:(?i:the)\s+)?""")
CUE_WORDS = frozenset(["aka", "alias", "kunya", "name", "real name", "nickname"])
#: Labels after which only a name can follow.
NAME_LABELS = frozenset(["kunya", "alias", "muslim name", "full name"])
#: A cue a detected span may open with ("kunya Abu Anas").
LEAD_CUE = regex.compile(r"(?:kunya|alias|aka|a\.k\.a\.?)\s+", regex.IGNORECASE)
REACH = 80
"""Characters looked at before a name for a cue."""
REAL_NAME_REACH = 200
"""How far back the name a "real name" sentence names again may be."""

#: Words before a name that make it no referent of a later "he": a place word ("in",
#: "quartier", "tribe of") before a name the model took for a person, or a cue
#: introducing someone new ("an emir called …", "un homme nommé …").
NOT_REFERENT = regex.compile(
    r"(?:\b(?:in|at|near|à|au|aux|en|quartier|district|village|quarter|hay|tribu|tribe|clan"
    r"|(?:tribu|tribe|clan)\s+(?:of|des|de\s+la|du)"
    r"|(?:vien[st]|venai(?:t|s|ent)|originaire|natif|native)\s+d[e'’]"
    r"|(?:a|an|one)\s+\w+(?:\s+\w+)?\s+(?:called|named)|nommée?|appelée?)"
    r"|(?<![\p{L}])" + arabic("يدعى", "تدعى", "حي", "في", "عشيرة", "قبيلة") + ")\\s*$"
)
HANDLE = regex.compile(r"[_@\d]")
