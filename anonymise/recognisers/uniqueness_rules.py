"""What phrases that single someone out look like: the rules behind :mod:`.uniqueness`.

Each rule is a pattern for the core of a phrase (a word of uniqueness, a mark on
the body, a family fact, an event, a role in a named place), how far the phrase
is carried on after it, and the trigger words near which it is tried.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from anonymise.lexicon import data_lines

#: A word: letters and digits, with inner apostrophes and hyphens.
WORD = r"[\p{L}\p{N}][\p{L}\p{N}'’\-‐‑]*"
#: A word in lower case (roles are not proper names).
_LOWER = r"(?-i:[\p{Ll}\p{N}][\p{L}\p{N}'’\-‐‑]*)"
#: A lower-case word that is not a preposition or conjunction: part of a noun phrase.
_NOUN = (
    r"(?!(?:for|of|in|at|on|onto|to|from|with|and|but|or|because|when|while|until|"
    rf"after|before|since|as|than|then|that|which|who)\b){_LOWER}"
)
_DET = r"(?:the|a|an|his|her|my|their|our|your|its|this|that|one|both|two|three|several)"
_BODY = (
    r"(?:head|face|forehead|cheeks?|chin|jaw|neck|throat|ears?|eyes?|eyebrows?|eyelids?|nose|"
    r"lips?|mouth|teeth|tooth|scalp|temples?|shoulders?|arms?|forearms?|elbows?|wrists?|"
    r"hands?|palms?|fingers?|thumbs?|knuckles?|chest|breasts?|back|stomach|belly|abdomen|"
    r"sides?|hips?|waist|legs?|thighs?|knees?|shins?|calf|calves|ankles?|foot|feet|toes?|"
    r"skin|body|torso|spine|collarbone|ribs?|buttocks?|groin|skull|limbs?)"
)
_LIMB = (
    r"(?:arms?|forearms?|hands?|fingers?|thumbs?|legs?|foot|feet|toes?|eyes?|ears?|"
    r"teeth|kidney|limbs?)"
)
_SIDE = r"(?:(?:left|right|lower|upper|little|index|middle|ring|big|front|both)\s+)"
_MARK_MODIFIER = (
    r"(?:long|deep|large|big|small|thin|wide|visible|faint|old|fresh|ugly|jagged|vertical|"
    r"horizontal|round|circular|knife|bullet|shrapnel|burn|surgical|acid|war|red|dark|white|"
    r"blue|black|distinctive|noticeable|prominent|huge|little|clear|obvious)"
)
_NUMBER_WORDS = (
    r"(?:six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|[6-9]|[1-9]\d)"
)
_TIMES = r"(?:twice|three times|four times|five times|six times|seven times|\d+ times)"
_KIN = (
    r"(?:son|sons|daughter|daughters|child|children|brother|brothers|sister|sisters|"
    r"wife|wives|husband|husbands|widow|widower|nephew|niece|grandson|granddaughter|"
    r"father|mother|parents|uncle|aunt|cousin|family)"
)
_NOTABLE = (
    r"(?:judge|imam|sheikh|shaykh|general|colonel|officer|minister|mayor|mukhtar|governor|"
    r"emir|amir|commander|diplomat|ambassador|professor|prosecutor|priest|rabbi|pastor|"
    r"mufti|preacher|footballer|boxer|singer|actor|actress|politician|president|king|"
    r"prince|chief|leader|founder|police chief|police officer|member of parliament|mp)"
)
_EVENT = (
    r"(?:executions?|beheadings?|stonings?|crucifixions?|massacres?|attacks?|bombings?|"
    r"hangings?|floggings?|lashings?|amputations?|punishments?|killings?|murders?|"
    r"assassinations?|sieges?|raids?|ambush(?:es)?|explosions?|suicide (?:attack|operation|"
    r"bombing)s?|kidnappings?|abductions?|trials?|sentencing|burnings?|funerals?|"
    r"ceremon(?:y|ies)|parades?|sermons?|speech(?:es)?|broadcasts?|riots?|mutin(?:y|ies)|"
    r"escapes?|jailbreaks?|prison break|uprisings?|shootings?)"
)
_VEHICLE = (
    r"(?:ambulances?|trucks?|tankers?|buses|bus|lorr(?:y|ies)|bulldozers?|tanks?|pickups?|"
    r"motorbikes?|motorcycles?|boats?|planes?|vans?|minibus(?:es)?|cars?|jeeps?|tractors?|"
    r"taxis?)"
)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Word after "the only / the first / the youngest ..." that says it is not about a person.
NOT_A_PERSON = _word_set(
    """time times thing things way ways reason reasons option options choice choices chance
    problem problems question questions answer answers difference hope word words step steps
    day days week weeks month months year years night nights morning mornings evening hour
    hours minute minutes moment moments part half stage phase round wave page line chapter
    sign thought idea impression priority condition rule lesson meal few couple bit place
    places food money of number numbers reference message messages call calls transfer
    transfers payment payments letter letters news photo photos video videos picture
    pictures contact contacts applicant applicants instance section hearing hearings trial
    trials sentence sentences plea pleas paragraph paragraphs article articles judgment
    judgments decision decisions application applications complaint complaints appeal
    appeals court courts chamber floor session sessions meeting meetings interview
    interviews issue issues case cases document documents report reports attempt attempts
    visit visits"""
)
#: Words that end a phrase when it is carried on.
STOPS = _word_set(
    """and but or nor because so when while although though since until unless where
    whereas which then than if as after before yet"""
)
VERBS_AFTER_CLAUSE = _word_set("was were is are has had have says said told")
#: Words that end a prepositional phrase: a new subject, a relative clause, a verb.
PHRASE_STOPS = _word_set("he she i we they it you that who whom whose was were is are had has have")
PREPOSITIONS = _word_set(
    """for of in at on onto to between across from inside near with among along under
    over above below behind beside around down into through"""
)


@dataclass(frozen=True)
class Rule:
    """A pattern for the core of a phrase, how far the phrase goes on, and when to look."""

    pattern: regex.Pattern[str]
    carry: str
    """"pp": through prepositional phrases; "clause": to the end of a short clause; "": no."""
    triggers: frozenset[str]
    """Words near which the pattern can match: it is only tried around them."""
    cased: bool
    """The pattern tells capitals apart, so it reads the text as written, not lowered."""


def _rule(pattern: str, carry: str, triggers: str, cased: bool = False) -> Rule:
    flags = regex.VERSION1 | (regex.IGNORECASE if cased else 0)
    return Rule(regex.compile(pattern, flags), carry, _word_set(triggers), cased)


_EVENT_WORDS = """execution executions beheading beheadings stoning stonings crucifixion
        crucifixions massacre massacres attack attacks bombing bombings hanging hangings
        flogging floggings
        lashing lashings amputation amputations punishment punishments killing killings murder
        murders assassination assassinations siege sieges raid raids ambush ambushes explosion
        explosions suicide kidnapping kidnappings abduction abductions trial trials sentencing
        burning burnings funeral funerals ceremony ceremonies parade parades sermon sermons
        speech speeches broadcast broadcasts riot riots mutiny mutinies escape escapes
        jailbreak jailbreaks break uprising uprisings shooting shootings"""
_ROLE_VERBS = """made appointed assigned tasked became worked working served serving put language
    speaking announcer anaesthetist"""
#: Occupations: a noun phrase after "was a" or "as the" is a role only when one heads it.
ROLE_NOUNS = frozenset(line.split()[-1] for line in data_lines("occupations.txt"))
#: Endings of nouns for people who do something: editor, driver, anaesthetist, guardsman.
ROLE_ENDINGS = ("er", "or", "ist", "ian", "man", "woman", "ant", "ent")
#: Occupations, and the verbs that give someone a role.
_ROLE_WORDS = " ".join(
    [line.split()[-1] for line in data_lines("occupations.txt")]
    + [
        "made",
        "appointed",
        "assigned",
        "tasked",
        "became",
        "worked",
        "working",
        "served",
        "serving",
        "put",
    ]
    + ["language", "speaking", "announcer", "anaesthetist"]
)


RULES = (
    # the only / first / last / youngest / oldest X (to, who, in, of ...)
    _rule(
        rf"\b(?P<core>(?:the|an?|his|her|my|their|our)\s+"
        rf"(?:only|sole|first|last|youngest|oldest|eldest)\s+(?P<head>{WORD}))",
        "clause",
        "only sole first last youngest oldest eldest",
    ),
    # the one / the person who ...
    _rule(r"\b(?P<core>the\s+(?:one|person)\s+(?:who|that|whom))\b", "clause", "one person"),
    # superlatives of a person within a group: the tallest man in the brigade
    _rule(
        rf"\b(?P<core>the\s+(?:most\s+{WORD}|best|worst|{WORD}est)\s+(?:{WORD}\s+)?"
        r"(?:man|men|woman|women|person|fighters?|foreigners?|members?|one|girl|boy|child|"
        r"kid|sniper|commander|doctor|nurse|recruits?|convert|soldiers?|guards?|driver|"
        r"student|prisoners?|detainees?|westerners?|(?-i:\p{Lu}\p{Ll}+)))"
        r"(?=\s+(?:in|of|among|at|on)\s)",
        "pp",
        """man men woman women person fighter fighters foreigner foreigners member members one
        girl boy child kid sniper commander doctor nurse recruit recruits convert soldier
        soldiers guard guards driver student prisoner prisoners detainee detainees westerner
        westerners most best worst""",
        cased=True,
    ),
    # marks on the body
    _rule(
        rf"\b(?P<core>(?:{_MARK_MODIFIER}\s+){{0,2}}(?:scars?|tattoos?|birthmarks?|"
        r"burn marks?|brands?|glass eye|false eye|eye patch|wooden leg|hook|limp|"
        rf"(?:prosthetic|artificial|false)\s+{_LIMB}|prosthesis|amputee|"
        r"one-(?:legged|armed|eyed|handed)|wheelchair|crutches|hunchback|harelip|cleft lip|"
        r"gold (?:tooth|teeth)))\b",
        "pp",
        """scar scars tattoo tattoos birthmark birthmarks mark marks brand brands eye patch leg
        hook limp prosthetic artificial false prosthesis amputee legged armed eyed handed
        wheelchair crutches hunchback harelip lip tooth teeth""",
    ),
    _rule(
        rf"\b(?P<core>(?:burns?|wounds?|injur(?:y|ies)|moles?|disfigurement)\s+"
        rf"(?:on|to|across|in)\s+(?:{_DET}\s+)?{_SIDE}?{_BODY})\b",
        "pp",
        "burn burns wound wounds injury injuries mole moles disfigurement",
    ),
    _rule(
        rf"\b(?P<core>(?:missing|lost|losing|lose|amputated)\s+(?:{_DET}\s+)?{_SIDE}?"
        rf"{_LIMB})\b",
        "pp",
        "missing lost losing lose amputated",
    ),
    _rule(
        rf"\b(?P<core>(?:{_DET}\s+)?{_SIDE}?{_LIMB}\s+(?:was|were|had been|has been)\s+"
        r"(?:amputated|cut off|blown off|removed))\b",
        "pp",
        "amputated off removed",
    ),
    _rule(
        rf"\b(?P<core>(?:blind|deaf)\s+in\s+(?:one|his|her|my|the)\s+{_SIDE}?(?:eye|ear))\b",
        "",
        "blind deaf",
    ),
    # family facts
    _rule(
        rf"\b(?P<core>(?:(?:his|her|my|their|a)\s+)?twin\s+{_KIN}|twins|triplets|"
        r"quadruplets|(?:is|was|are|were)\s+a\s+twin)\b",
        "pp",
        "twin twins triplets quadruplets",
    ),
    _rule(rf"\b(?P<core>married\s+(?:{WORD}\s+)?{_TIMES})\b", "", "married"),
    _rule(
        r"\b(?P<core>(?:his|her|my|their)\s+(?:second|third|fourth|fifth)\s+"
        r"(?:wife|husband|marriage))\b",
        "",
        "wife husband marriage",
    ),
    _rule(
        rf"\b(?P<core>(?:(?:father|mother|one|eldest|youngest)\s+of\s+{_NUMBER_WORDS})|"
        rf"{_NUMBER_WORDS}\s+(?:children|kids|sons|daughters|brothers|sisters|siblings|"
        r"wives|grandchildren))\b",
        "",
        """father mother children kids sons daughters brothers sisters siblings wives
        grandchildren six seven
        eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen
        nineteen twenty""",
    ),
    _rule(r"\b(?P<core>(?:an\s+)?only\s+child)\b", "", "child"),
    _rule(r"\b(?P<core>(?:the\s+)?widow(?:er)?\s+of)\s", "clause", "widow widower"),
    _rule(
        rf"\b(?P<core>{_KIN}\s+of\s+(?:a|an|the)\s+(?:(?:famous|well-known|former|senior|"
        rf"local|retired|high-ranking|prominent)\s+)?{_NOTABLE})\b",
        "pp",
        """judge imam sheikh shaykh general colonel officer minister mayor mukhtar governor emir
        amir commander diplomat ambassador professor prosecutor priest rabbi pastor mufti
        preacher footballer boxer singer actor actress politician president king prince
        chief leader founder mp parliament""",
    ),
    _rule(
        rf"\b(?P<core>whose\s+{_KIN}\s+(?:was|is|were|are|had been|has been))\s", "clause", "whose"
    ),
    # events someone filmed, witnessed or took part in
    _rule(
        r"\b(?P<core>(?:filmed|videoed|photographed|live-streamed)\s+"
        rf"(?!(?:it|this|that|them|him|her|me|us|everything|nothing)\b){WORD})",
        "clause",
        "filmed videoed photographed live",
    ),
    _rule(
        r"\b(?P<core>(?:witnessed|carried out|took part in|led|organi[sz]ed|announced|"
        r"read out|narrated|survived|escaped|planned|ordered|guarded|attended|performed|"
        rf"conducted|saw|watched|filmed)\s+(?:{_DET}\s+)?(?:{WORD}\s+)?{_EVENT})\b",
        "pp",
        _EVENT_WORDS,
    ),
    _rule(
        rf"\b(?P<core>(?:the|a|an)\s+(?:public\s+)?{_EVENT}\s+of\s+(?:the|a|an|his|her|my|"
        rf"their)\s+{WORD})",
        "pp",
        _EVENT_WORDS,
    ),
    _rule(
        rf"\b(?P<core>(?:drove|driving|drive|drives|flew|piloted)\s+(?:{_DET}\s+)?"
        rf"(?:{WORD}\s+)?{_VEHICLE})(?=\s+(?:between|from|for|to|into|that|across)\s)",
        "pp",
        "drove driving drive drives flew piloted",
    ),
    # a role in a named place: head of the office that..., ran the shop for the fighters
    _rule(
        r"\b(?P<core>(?:head|chief|director|manager|deputy|in charge)\s+of\s+the\s+"
        rf"{WORD})",
        "clause",
        "head chief director manager deputy charge",
    ),
    _rule(
        r"\b(?P<core>(?:maintained|maintaining|repaired|repairing|ran|running|managed|"
        r"managing|headed|heading|teaching|taught|giving|doing|guarded|guarding|welding)"
        rf"\s+(?:{_DET}\s+)?(?:{WORD}\s+){{0,3}}?{WORD})"
        r"(?=\s+(?:for|of|at|in|onto|to)\s)",
        "pp",
        """maintained maintaining repaired repairing ran running managed managing headed
        heading teaching taught giving doing guarded guarding welding""",
    ),
    _rule(
        r"(?:\b(?:was\s+made|was\s+appointed|appointed|was\s+assigned|assigned|"
        r"worked\s+(?:as|in|at|for)|working\s+(?:as|in|at|for)|served\s+as|serving\s+as|"
        r"became|as|was\s+put\s+on|put\s+on|tasked\s+with|was|were)\s+)"
        rf"(?P<core>(?:the|a|an)\s+(?:{_LOWER}\s+){{0,3}}?(?:{WORD}-(?:language|speaking)\s+)?"
        rf"(?P<role>{_LOWER}))"
        r"(?=\s+(?:for|of|at|in|onto|to)\s+(?:the|a|an|his|her|their|local|foreign)\s)",
        "pp",
        _ROLE_WORDS,
        cased=True,
    ),
    _rule(
        r"\b(?:worked|working|work|served|serving)\s+(?:in|at|for)\s+"
        rf"(?P<core>(?:the|a|an)\s+(?:{_NOUN}\s+){{0,3}}{_NOUN})\b",
        "pp",
        "worked working work served serving",
    ),
    # how someone was smuggled or hid
    _rule(
        r"\b(?P<core>(?:hidden|hid|hiding|smuggled|lying|crouched)\s+(?:under|beneath|inside|"
        rf"among|in the back of|in the boot of|in the trunk of)\s+(?:{_DET}\s+)?{WORD})",
        "pp",
        "hidden hid hiding smuggled lying crouched",
    ),
    _rule(
        rf"(?P<core>(?:(?-i:\p{{Lu}}){WORD}-?\s+and\s+)?(?-i:\p{{Lu}}){WORD}-(?:language|speaking)\s+"
        rf"{WORD})",
        "pp",
        "language speaking",
        cased=True,
    ),
)
