"""Names a text itself declares to be one person, as a careful reader links them.

"Loïc DURAND, alias Abou Ibrahim al-Faransi", "Walid Trabelsi, known as Abu
Qatada", "Mélanie DUBOIS (Umm Ilyas)", "HOFFMANN used the kunya Abu Luqman" and
"Abu Zakariya al-Belgiki. His real name is Rachid Ouazzani" each name one person
twice. And the narrator or respondent names themselves: "My name is …", "In Syria
I was …", "they called me …", or a notes line "Name: …", "Kunya: …", "R: …".
The cues must touch the names (nothing but the cue between them), so a name in
passing ("I was with Omar") is never taken for the speaker.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import regex

from anonymise.candidates import PERSON, Candidate
from anonymise.evidence import strength
from anonymise.name_forms import is_kunya, name_form, same_token

_OPEN = r"""[\s"“‘'(«]*(?:(?i:the)\s+)?"""
"""What may open a name after its cue: quotes, a bracket, and "the" ("the Vicar")."""
_CUE = (
    r"(?:(?:also\s+|better\s+)?(?:known|recorded|registered|written|called|named)"
    r"(?:\s+(?:in|to|among|at)\s+(?:his|her|their|the)\s+\w+)?\s+as"
    r"|alias|aka|a\.k\.a\.?|also\s+called|called|nicknamed|nom\s+de\s+guerre"
    r"|now|now\s+known\s+as|kunya(?:\s+in\s+syria)?:?|real\s+name:?|(?:whose|his|her)\s+real\s+name\s+(?:is|was)"
    r"|(?:who\s+|he\s+|she\s+)?(?:used|took|had|was\s+given|adopted|got)\s+the\s+"
    r"(?:kunya|name|alias|nickname|nom\s+de\s+guerre)"
    r"|(?:who\s+|he\s+|she\s+)?(?:was|is)\s+(?:also\s+)?(?:known|called)(?:\s+as)?)"
)
#: What may stand between two names of one person.
_BETWEEN = regex.compile(
    r"""[\s"”’')»]*[,;]?\s*(?:\(\s*(?:""" + _CUE + r")?|" + _CUE + "|=)" + _OPEN + "$",
    regex.IGNORECASE,
)
#: A sentence naming the person just named again: "His real name is Rachid Ouazzani".
_REAL_NAME = regex.compile(
    r"(?:\b(?:his|her|their)\s+real\s+name\s+(?:is|was)|\breal\s+name\s*[:=]?"
    r"|\breal\s+name\b[^.\n]{0,50}:)" + _OPEN + "$",
    regex.IGNORECASE,
)
#: Arabic short vowels, shadda and tatweel, which a cue may be written with or without.
_MARKS = "[\u064b-\u0652\u0670\u0640]*"


def _arabic(*words: str) -> str:
    """Arabic words as a pattern that reads them with or without short vowels."""
    return "(?:" + "|".join(_MARKS.join(word) + _MARKS for word in words) + ")"


#: Arabic cues naming someone just named: "known as", "nicknamed", "given the kunya",
#: "whose name is", with "and" and the preposition glued on.
_ARABIC_THIRD = (
    "(?<![\\p{L}])(?:و"
    + _MARKS
    + ")?"
    + _arabic(
        "عرف",
        "يعرف",
        "المعروف",
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
    + "(?:\\s+(?:"
    + _arabic("باسم", "بلقب", "بكنية", "بعدها", "بعد ذلك", "هناك", "بينهم")
    + "))?"
    + "\\s*(?:ب"
    + _MARKS
    + "|:)?"
)
#: "His (her) name on the card, in the passport, the real one": a person's other name.
_ARABIC_OWN_NAME = (
    "(?<![\\p{L}])(?:و"
    + _MARKS
    + ")?"
    + _arabic("اسمه", "اسمها")
    + "\\s+(?:"
    + _arabic("الحقيقي", "الأصلي", "الاصلي")
    + "|(?:"
    + _arabic("في", "على")
    + ")\\s+\\S+)\\s*:?"
)
#: Arabic cues of the speaker naming themselves: "my name", "I am", "they named me".
_ARABIC_SELF = (
    "(?<![\\p{L}])(?:و"
    + _MARKS
    + ")?"
    + _arabic(
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
    + _arabic("الحقيقي", "كان", "هو", "بينهم", "بيناتهم", "عندهم", "هناك", "هنا")
    + ")?"
    + "\\s*(?:ب"
    + _MARKS
    + "|:)?"
)
#: A name given to someone just named: "In Syria he used the name …", "there she was …",
#: "who started calling himself …", "everybody called him …", "connu en Syrie comme …".
_THIRD_PERSON = regex.compile(
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
    r"|" + _ARABIC_THIRD + "|" + _ARABIC_OWN_NAME + ")" + _OPEN + "$",
    regex.IGNORECASE,
)
#: A question asking the respondent's name, and the start of the answer before a name.
_YOUR_NAME = regex.compile(r"\byour\s+(?:full\s+|real\s+)?name\b[^\n]*\?", regex.IGNORECASE)
_ANSWER = regex.compile(r"\s*(?:r|resp|a)\s*[:=][^.\n]{0,40}?[\s,:]", regex.IGNORECASE)
_PRONOUN_REACH = 400
"""How far back the person a pronoun names may be."""
#: The speaker naming themselves, just before the name.
_SELF = regex.compile(
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
    r"|" + _ARABIC_SELF + ")" + _OPEN + "$",
    regex.IGNORECASE,
)
#: "I (am)" in Arabic and Iraqi Arabic, right before a person's name: "آني ليث …". (Not
#: before a place: "أنا بمرعش", "I am in Marash", so a person's name only.)
_ARABIC_I = regex.compile("(?<![\\p{L}])" + _arabic("أنا", "انا", "آني", "اني") + "[\\s،,]*$")
#: A name the speaker says is theirs, after it: "Brooks is my dad's name".
_MY_NAME_AFTER = regex.compile(
    r"""["”’']?\s+(?:is|was)\s+my\s+(?:\w+['’]s\s+)?(?:real\s+|family\s+|first\s+|last\s+)?"""
    r"(?:name|surname|kunya|nickname)\b",
    regex.IGNORECASE,
)
#: A notes line giving the kunya or alias of the person its list item is about:
#: "2) gulnora, tajik, 27\n- kunya umm hamza".
_ITEM_ALIAS = regex.compile(
    r"\n[ \t]*[-*•–][ \t]*(?:kunya|alias|aka|a\.k\.a\.?|nickname|also)[ \t]*[:=]?[ \t]*$",
    regex.IGNORECASE,
)
#: Where a list item starts: a blank line or a numbered line.
_ITEM_START = regex.compile(r"(?:^|\n[ \t]*\n|\n)[ \t]*\d{1,2}[.)][ \t]*|\n[ \t]*\n|^")
#: A notes line naming the respondent: "Name: …", "R = …", "Kunya: …".
_LABEL = regex.compile(
    r"(?:^|\n|[.;]\s)[ \t]*(?:\d+[.)]\s*)?(?P<label>r|resp|respondent|interviewee|subject|defendant"
    r"|accused|name|full\s+name|muslim\s+name|kunya|alias)"
    r"(?:\s+in\s+\w+)?(?:\s*\([^)\n]{0,40}\))?[ \t]*[:=][ \t]*$",
    regex.IGNORECASE,
)
#: What ends the name on a notes line: the end of the line, a comma, a bracket.
_LABEL_END = regex.compile(r"\s*(?:$|[\n,;(.:]|\s[-–—]\s)")
#: A nickname's circle after it: "Vicky to my mates", "Lillen" by his friends.
_CIRCLE = regex.compile(
    r"""["”’']?\s+(?:to|by|for|among)\s+(?:(?:my|his|her|their|the)\s+"""
    r"(?:friends|mates|family|brothers|sisters|colleagues|comrades|others|lads|guys)"
    r"|everyone|everybody|all)\b"
    r"""|["”’']?\s+(?:pour|chez|parmi)\s+(?:(?:les|ses|leurs|mes)\s+(?:autres\s+)?\w+"""
    r"|tout\s+le\s+monde)",
    regex.IGNORECASE,
)
_QUOTES = frozenset('"”')
_WE = regex.compile(r"\b(?:we|i)\b", regex.IGNORECASE)
#: A name the person's circle calls them, after it: "Sami, as his mother still calls him".
_AS_CALLED = regex.compile(
    r",?\s+as\s+(?:his|her|their|the)\s+\w+(?:\s+\w+)?\s+(?:still\s+|always\s+)?"
    r"(?:calls?|called|knows?|knew)\s+(?:him|her)\b",
    regex.IGNORECASE,
)
#: A nickname in quotes after a person's name, an age between allowed: 'Sam, 21, "Tank"'.
_CLOSED_ITEM = regex.compile(r"""["”’']\s*(?:[,;.)]|$)""", regex.MULTILINE)
_NICKNAME_GAP = regex.compile(r"""\s*,\s*(?:\d{1,3}\s*,\s*)?["“‘](?:(?i:the)\s+)?""")
_CUE_WORDS = frozenset(["aka", "alias", "kunya", "name", "real name", "nickname"])
#: Labels after which only a name can follow.
_NAME_LABELS = frozenset(["kunya", "alias", "muslim name", "full name"])
#: A cue a detected span may open with ("kunya Abu Anas").
_LEAD_CUE = regex.compile(r"(?:kunya|alias|aka|a\.k\.a\.?)\s+", regex.IGNORECASE)
_REACH = 80
"""Characters looked at before a name for a cue."""
_REAL_NAME_REACH = 200
"""How far back the name a "real name" sentence names again may be."""


@dataclass(frozen=True)
class Declared:
    """What a text says about its names: pairs that are one person, and the speaker's."""

    same: tuple[tuple[int, int], ...]
    """Indices (into the names given) of two names of one person."""
    speaker: frozenset[int]
    """Indices of names the narrator or respondent gives themselves."""


def declared(text: str, names: Sequence[Candidate]) -> Declared:
    """The aliases and the speaker's names ``text`` declares among ``names`` (in text order)."""
    kept = [
        i for i, name in enumerate(names) if not _cue_word(text, name) and not _handle(text, name)
    ]
    found = _declared(text, [names[i] for i in kept])
    return Declared(
        tuple((kept[a], kept[b]) for a, b in found.same),
        frozenset(kept[a] for a in found.speaker),
    )


def _handle(text: str, name: Candidate) -> bool:
    """An account name ("yanis_lyon69"), which is no alias of a person: an account is
    found, and masked, on its own."""
    return bool(_HANDLE.search(text, name.start, name.end))


_HANDLE = regex.compile(r"[_@\d]")


def _cue_word(text: str, name: Candidate) -> bool:
    """A cue taken for a name ("a.k.a", "Kunya")."""
    return text[name.start : name.end].lower().replace(".", "") in _CUE_WORDS


def _declared(text: str, names: Sequence[Candidate]) -> Declared:
    same: list[tuple[int, int]] = []
    speaker: set[int] = set()
    labelled: dict[str, list[int]] = {}
    unplaced: list[int] = []
    """Names given to "he" or "she" with nobody named just before: the notes' subject."""
    narrator: set[int] = set()
    """Names the speaker gives themselves in the first person: never "him" or "her"."""
    for index, name in enumerate(names):
        before = text[max(0, name.start - _REACH) : name.start]
        if index > 0:
            previous = names[index - 1]
            gap = _apposition_gap(text, previous, name)
            between = _BETWEEN.fullmatch(gap) if previous.end <= name.start else None
            apposed = bool(between) and "\n\n" not in gap and _closes(text, gap, previous, name)
            apposed = apposed or (
                bool(same) and same[-1][1] == index - 1 and _quoted_series(text, previous, name)
            )
            apposed = apposed or _quoted_nickname(text, previous, name)
            near = name.start - previous.end <= _REAL_NAME_REACH
            if apposed or _one_name(gap, previous, name):
                same.append((index - 1, index))
            elif near and _REAL_NAME.search(before):
                alias = _alias_before(text, names, index)
                if alias is not None:
                    same.append((alias, index))
            elif cue := _THIRD_PERSON.search(before):
                # "We called him …" names someone else than the speaker; an interpreter's
                # "friends call him …" may name the speaker.
                among_us = bool(_WE.search(cue.group()))
                referent = _referent(text, names, index, narrator if among_us else ())
                if referent is not None:
                    same.append((referent, index))
                else:
                    unplaced.append(index)
        if index > 0 and _AS_CALLED.match(text, name.end):
            referent = _referent(text, names, index)
            if referent is not None and (referent, index) not in same:
                same.append((referent, index))
        circle = index > 0 and bool(_CIRCLE.match(text, name.end))
        if circle and (index - 1, index) not in same and name.start - names[index - 1].end < _REACH:
            same.append((index - 1, index))
        if index > 0 and (subject := _item_subject(text, names, index)) is not None:
            same.append((subject, index))
        i_am = name.entity_type == PERSON and strength(name) > 0 and bool(_ARABIC_I.search(before))
        if (
            _SELF.search(before) or _MY_NAME_AFTER.match(text, name.end) or i_am
        ) and not _possessive(text, name.end):
            speaker.add(index)  # whatever its guessed type: "they called me "al-Kurdi""
            narrator.add(index)
        elif index - 1 in speaker and _quoted_series(text, names[index - 1], name):
            speaker.add(index)  # "they called me "al-Kurdi" or "Kaka Rêbwar""
        elif name.entity_type != PERSON and strength(name) > 0:
            continue
        elif _answers_your_name(text, name) and name.entity_type == PERSON:
            speaker.add(index)
        elif (label := _labelled(text, before, name, _chain_end(text, names, index))) is not None:
            labelled.setdefault(label, []).append(index)
    for hits in labelled.values():
        # A label naming several people ("Name:" twice) is a list, not the respondent.
        forms = [name_form(text[names[i].start : names[i].end]).skeletons for i in hits]
        if all(form == forms[0] for form in forms):
            speaker.update(hits)
    if labelled and speaker:
        speaker.update(unplaced)
    return Declared(tuple(same), frozenset(speaker))


def _labelled(text: str, before: str, name: Candidate, end: int) -> str | None:
    """The label of a notes line naming a person in full ("Name:", "R =", "Kunya:"); after
    a label only a name can follow ("Muslim name:", "Alias:"), one word will do. The name
    may be cut in two spans; ``end`` is where the last of them ends."""
    label = _LABEL.search(before)
    if label is None or not _LABEL_END.match(text, end):
        return None
    kind = label.group("label").lower()
    whole = Candidate(name.start, end, name.entity_type, name.score, name.recogniser, "")
    if not _named_in_full(text, whole) and kind not in _NAME_LABELS:
        return None
    return kind


def _chain_end(text: str, names: Sequence[Candidate], index: int) -> int:
    """Where the name ``names[index]`` ends, counting the spans it was cut into."""
    end = names[index].end
    for following in range(index + 1, len(names)):
        if names[following].start < end:
            break
        if not _one_name(
            text[end : names[following].start], names[following - 1], names[following]
        ):
            break
        end = names[following].end
    return end


def _item_subject(text: str, names: Sequence[Candidate], index: int) -> int | None:
    """The person a list item is about, for a kunya or alias on a line of its own within
    it: the first name on the item's first line."""
    name = names[index]
    if not _ITEM_ALIAS.search(text, max(0, name.start - 40), name.start):
        return None
    starts = [m.end() for m in _ITEM_START.finditer(text, 0, name.start)]
    head = starts[-1] if starts else 0
    line_end = text.find("\n", head)
    line_end = len(text) if line_end < 0 else line_end
    for earlier in range(index):
        if head <= names[earlier].start < line_end and names[earlier].entity_type == PERSON:
            return earlier
    return None


def _one_name(gap: str, previous: Candidate, name: Candidate) -> bool:
    """Two spans with nothing but a space or a line break between them are one name cut in
    two ("Maricel" "dela Cruz", "Salem Abdelkader" / "al-Mansouri")."""
    person = PERSON in (previous.entity_type, name.entity_type)
    return person and gap in (" ", "\n", " \n", "\n ", "\u00a0")


def _apposition_gap(text: str, previous: Candidate, name: Candidate) -> str:
    """What stands between two names, an aside closing after the first left out, and a cue
    the second's span opens with put back: '"Salim" in the files), kunya Abu Anas'."""
    gap = regex.sub(r"""^["”’']?[^()\n]{0,40}\)""", ")", text[previous.end : name.start])
    gap = regex.sub(r"^\s*\([^()\n]{0,40}\)(?=\s*,)", "", gap)
    lead = _LEAD_CUE.match(text, name.start, name.end)
    return gap + (lead.group() if lead else "")


def _alias_before(text: str, names: Sequence[Candidate], index: int) -> int | None:
    """The name a "real name" sentence gives the truth of: the last kunya or full name."""
    for earlier in range(index - 1, -1, -1):
        if names[index].start - names[earlier].end > _REAL_NAME_REACH:
            return None
        if names[earlier].entity_type == PERSON and _named_in_full(text, names[earlier]):
            return earlier
    return None


def _named_in_full(text: str, name: Candidate) -> bool:
    """A name of two or more words, or a kunya: what a notes line names a person by."""
    tokens = name_form(text[name.start : name.end]).tokens
    return len(tokens) >= 2 or any(is_kunya(token) for token in tokens)


def _referent(
    text: str, names: Sequence[Candidate], index: int, narrator: Collection[int] = ()
) -> int | None:
    """The person a "he" or "she" before ``names[index]`` is: the last person named in full
    before it (or by a part of a full name), not in the speaker's words ("my brother Omar"),
    and not the speaker, who is "I" ("My name is Adnan … we called him "the Professor"")."""
    own = {
        token
        for i in narrator
        if i < index
        for token in name_form(text[names[i].start : names[i].end]).tokens
    }
    full = [
        name_form(text[n.start : n.end]).tokens
        for n in names[:index]
        if n.entity_type == PERSON and _named_in_full(text, n)
    ]
    parts = {token for tokens in full for token in (tokens[0], tokens[-1])}
    for earlier in range(index - 1, -1, -1):
        name = names[earlier]
        if names[index].start - name.end > _PRONOUN_REACH:
            return None
        before = text[max(0, name.start - 20) : name.start].lower()
        if name.entity_type != PERSON:
            continue
        tokens = name_form(text[name.start : name.end]).tokens
        if not _named_in_full(text, name) and not any(
            same_token(token, part) for token in tokens for part in parts
        ):
            continue
        if earlier in narrator or any(same_token(token, mine) for token in tokens for mine in own):
            continue
        if regex.search(r"\bmy\s+\w+\s*$", before) or _NOT_REFERENT.search(before):
            continue
        return earlier
    return None


#: Words before a name that make it no referent of a later "he": a place word ("in",
#: "quartier", "tribe of") before a name the model took for a person, or a cue
#: introducing someone new ("an emir called …", "un homme nommé …").
_NOT_REFERENT = regex.compile(
    r"(?:\b(?:in|at|near|à|au|aux|en|quartier|district|village|quarter|hay|tribu|tribe|clan"
    r"|(?:tribu|tribe|clan)\s+(?:of|des|de\s+la|du)"
    r"|(?:vien[st]|venai(?:t|s|ent)|originaire|natif|native)\s+d[e'’]"
    r"|(?:a|an|one)\s+\w+(?:\s+\w+)?\s+(?:called|named)|nommée?|appelée?)"
    r"|(?<![\p{L}])" + _arabic("يدعى", "تدعى", "حي", "في", "عشيرة", "قبيلة") + ")\\s*$"
)


def _closes(text: str, gap: str, previous: Candidate, name: Candidate) -> bool:
    """A name in brackets with no cue ("DUBOIS (Umm Ilyas)") must be all the brackets hold,
    or open with the same given name ("Rania Osman Elhag (Rania Othman al-Hajj in …")."""
    if regex.search(r"[a-z]{3}", gap, regex.IGNORECASE):
        return True
    if previous.entity_type != PERSON or name.entity_type != PERSON:
        return False  # "Newcastle (England)" places a place
    if regex.match(r"""["”’')]*\s*[),]""", text, pos=name.end):
        return True
    first = name_form(text[previous.start : previous.end]).tokens[:1]
    second = name_form(text[name.start : name.end]).tokens[:1]
    return bool(first and second) and same_token(first[0], second[0])


def _quoted_series(text: str, previous: Candidate, name: Candidate) -> bool:
    """Two quoted names in one clause after an alias cue: 'called "Lillen" by his friends,
    "Abu Bakr" in Syria'."""
    quoted = text[previous.end : previous.end + 1] in _QUOTES
    gap = text[previous.end : name.start]
    series = r"""["”](?:[^.;:\n"“”]*,|\s+or|\s+and)\s*["“]"""
    return quoted and len(gap) < 40 and bool(regex.fullmatch(series, gap))


def _quoted_nickname(text: str, previous: Candidate, name: Candidate) -> bool:
    """A quoted name set after a person's name with a comma: 'Sam Tate, 21, "Tank";' (not a
    list of names: 'Karim, "Omar" and Ali')."""
    if previous.entity_type != PERSON or previous.end > name.start:
        return False
    closed = bool(_CLOSED_ITEM.match(text, name.end))
    return closed and bool(_NICKNAME_GAP.fullmatch(text, previous.end, name.start))


def _answers_your_name(text: str, name: Candidate) -> bool:
    """The first name of a transcript's answer to "What is your name?"."""
    line_start = text.rfind("\n", 0, name.start) + 1
    previous_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    question = text[previous_start:line_start]
    answer = text[line_start : name.start]
    return bool(_YOUR_NAME.search(question)) and bool(_ANSWER.fullmatch(answer))


def _possessive(text: str, end: int) -> bool:
    return text[end : end + 2] in ("'s", "’s")
