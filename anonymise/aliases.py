"""Names a text itself declares to be one person, as a careful reader links them.

"Loïc DURAND, alias Abou Ibrahim al-Faransi", "Walid Trabelsi, known as Abu
Qatada", "Mélanie DUBOIS (Umm Ilyas)", "HOFFMANN used the kunya Abu Luqman" and
"Abu Zakariya al-Belgiki. His real name is Rachid Ouazzani" each name one person
twice. And the narrator or respondent names themselves: "My name is …", "In Syria
I was …", "they called me …", or a notes line "Name: …", "Kunya: …", "R: …".
The cues must touch the names (nothing but the cue between them), so a name in
passing ("I was with Omar") is never taken for the speaker.

A name given to "him" or "her" ("everybody called him "Borz"", "who started calling
himself …", "his kunya was …") names the last person named in full before it: not a
place the model took for a person ("quartier Jamaa Mezouak"), not someone just
introduced ("an emir called Abu Shuayb"), and not the speaker when "we" gave it. A
nickname may follow a name in quotes ('Sam BELL, 21, "Dinger";'), or be the name a
circle uses ('"kimo" to everyone', "Danny, as his mother still calls him"). A kunya on a
line of its own in a numbered list names the item's person. French ("connu en Syrie
comme", "dit", "se fait appeler", "on m'appelait") and Arabic ("عُرف بـ", "اسمي",
"سمّوني", "واسمها في الهوية", "اتخذ كنية") cues are read as the English ones; an
account name ("yanis_lyon69") is never an alias.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import regex

from anonymise import alias_cues as cues
from anonymise.arabic import and_another
from anonymise.candidates import PERSON, Candidate
from anonymise.evidence import strength
from anonymise.name_forms import is_kunya, name_form, same_token


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
    return bool(cues.HANDLE.search(text, name.start, name.end))


def _cue_word(text: str, name: Candidate) -> bool:
    """A cue taken for a name ("a.k.a", "Kunya")."""
    return text[name.start : name.end].lower().replace(".", "") in cues.CUE_WORDS


def _declared(text: str, names: Sequence[Candidate]) -> Declared:
    same: list[tuple[int, int]] = []
    speaker: set[int] = set()
    labelled: dict[str, list[int]] = {}
    unplaced: list[int] = []
    """Names given to "he" or "she" with nobody named just before: the notes' subject."""
    narrator: set[int] = set()
    """Names the speaker gives themselves in the first person: never "him" or "her"."""
    for index, name in enumerate(names):
        before = text[max(0, name.start - cues.REACH) : name.start]
        if index > 0:
            previous = names[index - 1]
            gap = _apposition_gap(text, previous, name)
            between = cues.BETWEEN.fullmatch(gap) if previous.end <= name.start else None
            apposed = bool(between) and "\n\n" not in gap and _closes(text, gap, previous, name)
            apposed = apposed or (
                bool(same) and same[-1][1] == index - 1 and _quoted_series(text, previous, name)
            )
            apposed = apposed or _quoted_nickname(text, previous, name)
            near = name.start - previous.end <= cues.REAL_NAME_REACH
            if apposed or _one_name(text, gap, previous, name):
                same.append((index - 1, index))
            elif near and cues.REAL_NAME.search(before):
                alias = _alias_before(text, names, index)
                if alias is not None:
                    same.append((alias, index))
            elif cue := cues.THIRD_PERSON.search(before):
                # "We called him …" names someone else than the speaker; an interpreter's
                # "friends call him …" may name the speaker.
                among_us = bool(cues.WE.search(cue.group()))
                referent = _referent(text, names, index, narrator if among_us else ())
                if referent is not None:
                    same.append((referent, index))
                else:
                    unplaced.append(index)
        if index > 0 and cues.AS_CALLED.match(text, name.end):
            referent = _referent(text, names, index)
            if referent is not None and (referent, index) not in same:
                same.append((referent, index))
        circle = index > 0 and bool(cues.CIRCLE.match(text, name.end))
        if (
            circle
            and (index - 1, index) not in same
            and name.start - names[index - 1].end < cues.REACH
        ):
            same.append((index - 1, index))
        if index > 0 and (subject := _item_subject(text, names, index)) is not None:
            same.append((subject, index))
        i_am = (
            name.entity_type == PERSON and strength(name) > 0 and bool(cues.ARABIC_I.search(before))
        )
        if (
            cues.SELF.search(before) or cues.MY_NAME_AFTER.match(text, name.end) or i_am
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
    label = cues.LABEL.search(before)
    if label is None or not cues.LABEL_END.match(text, end):
        return None
    kind = label.group("label").lower()
    whole = Candidate(name.start, end, name.entity_type, name.score, name.recogniser, "")
    if not _named_in_full(text, whole) and kind not in cues.NAME_LABELS:
        return None
    return kind


def _chain_end(text: str, names: Sequence[Candidate], index: int) -> int:
    """Where the name ``names[index]`` ends, counting the spans it was cut into."""
    end = names[index].end
    for following in range(index + 1, len(names)):
        if names[following].start < end:
            break
        if not _one_name(
            text, text[end : names[following].start], names[following - 1], names[following]
        ):
            break
        end = names[following].end
    return end


def _item_subject(text: str, names: Sequence[Candidate], index: int) -> int | None:
    """The person a list item is about, for a kunya or alias on a line of its own within
    it: the first name on the item's first line."""
    name = names[index]
    if not cues.ITEM_ALIAS.search(text, max(0, name.start - 40), name.start):
        return None
    starts = [m.end() for m in cues.ITEM_START.finditer(text, 0, name.start)]
    head = starts[-1] if starts else 0
    line_end = text.find("\n", head)
    line_end = len(text) if line_end < 0 else line_end
    for earlier in range(index):
        if head <= names[earlier].start < line_end and names[earlier].entity_type == PERSON:
            return earlier
    return None


def _one_name(text: str, gap: str, previous: Candidate, name: Candidate) -> bool:
    """Two spans with nothing but a space or a line break between them are one name cut in
    two ("Maricel" "dela Cruz", "Salem Abdelkader" / "al-Mansouri")."""
    person = PERSON in (previous.entity_type, name.entity_type)
    if and_another(text[name.start : name.end].split()[0] if name.end > name.start else ""):
        return False  # "خالد وسامر": Khaled and Samer
    if "\n" in gap:
        # A name wraps onto the next line in notes, but two full names on two lines are a
        # list of two people ("Karim Benali" / "Omar Farouk").
        return (
            person
            and gap.strip(" ") == "\n"
            and not all(len(name_form(text[n.start : n.end]).tokens) >= 2 for n in (previous, name))
        )
    return person and gap in (" ", "\u00a0")


def _apposition_gap(text: str, previous: Candidate, name: Candidate) -> str:
    """What stands between two names, an aside closing after the first left out, and a cue
    the second's span opens with put back: '"Salim" in the files), kunya Abu Anas'."""
    gap = regex.sub(r"""^["”’']?[^()\n]{0,40}\)""", ")", text[previous.end : name.start])
    gap = regex.sub(r"^\s*\([^()\n]{0,40}\)(?=\s*,)", "", gap)
    lead = cues.LEAD_CUE.match(text, name.start, name.end)
    return gap + (lead.group() if lead else "")


def _alias_before(text: str, names: Sequence[Candidate], index: int) -> int | None:
    """The name a "real name" sentence gives the truth of: the last kunya or full name."""
    for earlier in range(index - 1, -1, -1):
        if names[index].start - names[earlier].end > cues.REAL_NAME_REACH:
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
        if names[index].start - name.end > cues.PRONOUN_REACH:
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
        if regex.search(r"\bmy\s+\w+\s*$", before) or cues.NOT_REFERENT.search(before):
            continue
        return earlier
    return None


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
    quoted = text[previous.end : previous.end + 1] in cues.QUOTES
    gap = text[previous.end : name.start]
    series = r"""["”](?:[^.;:\n"“”]*,|\s+or|\s+and)\s*["“]"""
    return quoted and len(gap) < 40 and bool(regex.fullmatch(series, gap))


def _quoted_nickname(text: str, previous: Candidate, name: Candidate) -> bool:
    """A quoted name set after a person's name with a comma: 'Sam Tate, 21, "Tank";' (not a
    list of names: 'Karim, "Omar" and Ali')."""
    if previous.entity_type != PERSON or previous.end > name.start:
        return False
    closed = bool(cues.CLOSED_ITEM.match(text, name.end))
    return closed and bool(cues.NICKNAME_GAP.fullmatch(text, previous.end, name.start))


def _answers_your_name(text: str, name: Candidate) -> bool:
    """The first name of a transcript's answer to "What is your name?"."""
    line_start = text.rfind("\n", 0, name.start) + 1
    previous_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    question = text[previous_start:line_start]
    answer = text[line_start : name.start]
    return bool(cues.YOUR_NAME.search(question)) and bool(cues.ANSWER.fullmatch(answer))


def _possessive(text: str, end: int) -> bool:
    return text[end : end + 2] in ("'s", "’s")
