"""The rules behind entities: types from evidence, aliases a text declares, rule settlements.

Every name is invented. Candidates are made by hand, so each rule is tested alone.
"""

from __future__ import annotations

import dataclasses
from importlib import resources

import pytest

from anonymise.aliases import declared
from anonymise.candidates import (
    CASE_NUMBER,
    DATE,
    ID_NUMBER,
    NATIONALITY,
    ORGANISATION,
    PERSON,
    PLACE,
    Candidate,
    Evidence,
)
from anonymise.entities import link
from anonymise.known import KnownIdentifiers
from anonymise.places import gazetteer
from anonymise.retyping import retyped
from anonymise.settlement import ResearchContent, settle

MODEL = "named entity found by the language model"


def at(text: str, words: str, kind: str = PERSON, why: str = MODEL) -> Candidate:
    start = text.index(words)
    return Candidate(start, start + len(words), kind, 0.85, "SpacyRecognizer", why)


def kinds(text: str, *found: Candidate) -> list[str]:
    return [c.entity_type for c in retyped(text, list(found), gazetteer())]


def test_an_address_is_typed_by_its_form_whatever_found_it() -> None:
    text = "He wrote from karim.benali88@gmail.com and http://example.org/x."
    mail = Candidate(14, 38, PERSON, 1.0, "known-identifiers", "matches part of a known identifier")
    assert kinds(text, mail, at(text, "http://example.org/x", ORGANISATION)) == ["EMAIL", "URL"]


def test_a_country_is_a_place_even_after_a_relation_word() -> None:
    text = "His brother Kyrgyzstan stories; he was sent back to Libya."
    found = at(text, "Kyrgyzstan", PERSON, Evidence.RELATION_BEFORE)
    assert kinds(text, found, at(text, "Libya")) == [PLACE, PLACE]


def test_head_words_and_place_words_type_a_guessed_name() -> None:
    text = (
        "We lived on Hünxer Straße near Tovshøj, then in Molenbeek. The Rechtbank Rotterdam "
        "sentenced him; Kampung Ladang was burnt. Karim met Salma."
    )
    assert kinds(
        text,
        at(text, "Hünxer Straße"),
        at(text, "Tovshøj", PERSON, Evidence.UNKNOWN_WORD),
        at(text, "Molenbeek", PERSON, Evidence.UNKNOWN_WORD),
        at(text, "Rechtbank Rotterdam", PLACE, Evidence.GAZETTEER),
        at(text, "Kampung Ladang"),
        at(text, "Karim"),
    ) == [PLACE, PLACE, PLACE, ORGANISATION, PLACE, PERSON]


def test_person_evidence_stands_against_place_words() -> None:
    text = "In Syria I met Mr Haddad, and stayed in Karim's house."
    titled = at(text, "Haddad", PERSON, Evidence.TITLE)
    owner = at(text, "Karim", PERSON, Evidence.UNKNOWN_WORD)
    assert kinds(text, titled, owner) == [PERSON, PERSON]


def test_a_given_name_opening_a_gazetteer_name_is_a_person() -> None:
    text = "Youssef Amrani crossed at night."
    assert kinds(text, at(text, "Youssef Amrani", PLACE, Evidence.GAZETTEER)) == [PERSON]


def test_day_and_month_written_as_a_code_are_a_date() -> None:
    text = "Call notes 21/6, case 99/77."
    notes = Candidate(11, 15, CASE_NUMBER, 0.6, "codes", "case or file number")
    case = Candidate(22, 27, CASE_NUMBER, 0.6, "codes", "case or file number")
    assert kinds(text, notes, case) == [DATE, CASE_NUMBER]


def names(text: str, *words: str) -> list[Candidate]:
    return [at(text, word) for word in words]


def pairs(text: str, *words: str) -> list[tuple[str, str]]:
    found = names(text, *words)
    result = declared(text, found)
    return [(words[a], words[b]) for a, b in result.same]


def speakers(text: str, *words: str) -> set[str]:
    return {words[i] for i in declared(text, names(text, *words)).speaker}


def test_aliases_the_text_declares() -> None:
    assert pairs("Loïc DURAND, alias Abou Ibrahim, was tried.", "Loïc DURAND", "Abou Ibrahim")
    assert pairs("Mélanie DUBOIS (Umm Ilyas), French.", "Mélanie DUBOIS", "Umm Ilyas")
    text = "In Syria HOFFMANN used the kunya Abu Luqman al-Almani."
    assert pairs(text, "HOFFMANN", "Abu Luqman al-Almani")
    text = "The man was Abu Zakariya al-Belgiki. His real name is Rachid Ouazzani."
    assert pairs(text, "Abu Zakariya al-Belgiki", "Rachid Ouazzani")
    text = "The defendant, Thomas STORM, left. In Syria he used the name Abu Yusuf."
    assert pairs(text, "Thomas STORM", "Abu Yusuf")


def test_names_side_by_side_are_not_aliases() -> None:
    assert not pairs("Karim, Salma and Omar left.", "Karim", "Salma", "Omar")
    assert not pairs("Karim (Omar's friend) left.", "Karim", "Omar")
    text = "Karim Haddad came. In Syria he used the name Abu Omar."
    assert pairs(text, "Karim Haddad", "Abu Omar")


def test_the_speakers_own_names() -> None:
    text = "My name is Emir Hasanović. I was with Omar. They gave me the kunya Abu Hamza."
    assert speakers(text, "Emir Hasanović", "Omar", "Abu Hamza") == {
        "Emir Hasanović",
        "Abu Hamza",
    }
    assert speakers("I was Karim's friend.", "Karim") == set()
    notes = "R: Mikko Räsänen, convert, 26. Kunya in Syria: Abu Suhayb al-Finlandi.\nR: Karim said"
    assert speakers(notes, "Mikko Räsänen", "Abu Suhayb al-Finlandi", "Karim") == {
        "Mikko Räsänen",
        "Abu Suhayb al-Finlandi",
    }


def test_a_label_naming_several_people_is_a_list() -> None:
    text = "Name: Omar Haddad\nName: Yusuf Saleh\n"
    assert speakers(text, "Omar Haddad", "Yusuf Saleh") == set()


def test_the_speaker_is_the_interviewee_of_the_identity_section() -> None:
    text = "My name is Karim. In Syria I was Abu Omar. Karim Benali is on the form."
    found = names(text, "Karim", "Abu Omar", "Karim Benali")
    known = KnownIdentifiers(names=("Karim Benali",))
    [entity] = link({"": text}, {"": found}, known)
    assert entity.known == "interviewee" and len(entity.mentions) == 3


def test_rules_settle_known_identifiers_codes_and_research_content() -> None:
    text = "Karim, passport FH8274130, a Tunisian, joined in 2014; 12345 fighters."
    found = [
        Candidate(0, 5, PERSON, 1.0, "known-identifiers", Evidence.KNOWN),
        Candidate(16, 25, ID_NUMBER, 0.9, "anchored-codes", "document number"),
        at(text, "Tunisian", NATIONALITY, "nationality"),
        at(text, "2014", DATE, "year"),
        Candidate(55, 60, ID_NUMBER, 0.4, "long-numbers", "number"),
    ]
    known = KnownIdentifiers(names=("Karim",))
    entities = list(link({"": text}, {"": found}, known))
    research = ResearchContent.from_mapping({"nationality": "keep", "dates": "mask"})
    decided = [settle(entity, research) for entity in entities]
    assert [(d.mask, d.reason) if d else None for d in decided] == [
        (True, "a known identifier of this interview"),
        (True, "a document or ID number found by its form"),
        (False, "a nationality: research content the protocol keeps readable"),
        (True, "a date (shown as its year): research content the protocol settles as masked"),
        None,
    ]
    assert settle(entities[2]) is None  # without the protocol's policy, a person decides


@pytest.mark.parametrize(
    ("fragment", "message"),
    [("religion: keep", "is not one of dates"), ("dates: hide", "must be 'mask' or 'keep'")],
)
def test_a_protocol_declares_research_content_or_is_refused(fragment: str, message: str) -> None:
    from intake.protocol import ProtocolError
    from intake.protocol.loader import default_protocol, load_protocol

    default = default_protocol()
    assert default.research_content["nationality"] == "mask"
    text = (resources.files("intake") / "protocols" / "defector-interview.yaml").read_text("utf-8")
    changed = text.replace("research_content:\n  dates: mask", "research_content:\n  dates: keep")
    assert load_protocol(changed).fingerprint == default.fingerprint
    with pytest.raises(ProtocolError, match=message):
        load_protocol(text.replace("  dates: mask\n", f"  {fragment}\n"))


def test_the_speaker_named_in_quotes_or_in_answer_to_their_name() -> None:
    text = 'In Mosul they called me "al-Kurdi" or "Kaka Rebwar". I fixed cars.'
    found = [at(text, "al-Kurdi", PLACE, Evidence.GAZETTEER), at(text, "Kaka Rebwar")]
    assert declared(text, found).speaker == {0, 1}
    text = "INT: How do you write your name?\nR: In Latin letters, Sherzod Yoldoshev. Omar knows."
    assert speakers(text, "Sherzod Yoldoshev", "Omar") == {"Sherzod Yoldoshev"}
    text = "INT: Who took you?\nR: In a car, Omar Haddad took me."
    assert speakers(text, "Omar Haddad") == set()


def test_notes_write_an_alias_with_an_equals_sign_or_after_an_aside() -> None:
    text = "married online to abu yahya al-hollandi = mo el khatib, from utrecht"
    assert pairs(text, "abu yahya al-hollandi", "mo el khatib")
    text = 'R: Salem Mansouri ("Salim" in the files), kunya Abu Anas, from Derna.'
    found = [at(text, "Salem Mansouri"), at(text, "Salim"), at(text, "kunya Abu Anas")]
    assert declared(text, found).same == ((0, 1), (1, 2))
    notes = "Name: Maricel dela Cruz\nMuslim name: Maryam; kunya Umm Zayd\n"
    assert speakers(notes, "Maricel dela Cruz", "Maryam") == {"Maricel dela Cruz", "Maryam"}


def test_a_name_the_detector_cut_in_two_is_one_person() -> None:
    text = "Name: Maricel dela Cruz\nLater Maricel left; Cruz stayed. Omar\nSaleh came."
    found = [
        at(text, "Maricel"),
        at(text, "dela Cruz"),
        Candidate(text.index("Maricel left"), text.index("Maricel left") + 7, PERSON, 0.9, "t", ""),
        Candidate(text.index("Cruz stayed"), text.index("Cruz stayed") + 4, PERSON, 0.9, "t", ""),
        at(text, "Omar"),
        at(text, "Saleh"),
    ]
    result = declared(text, found)
    assert (0, 1) in result.same and (4, 5) in result.same
    assert (2, 3) not in result.same  # "; " between them: two mentions


def test_full_names_on_consecutive_lines_are_a_list_of_people() -> None:
    text = "Present:\nKarim Haddad\nOmar Farouk\nSalem Abdelkader\nal-Mansouri"
    found = [at(text, "Karim Haddad"), at(text, "Omar Farouk"), at(text, "Salem Abdelkader")]
    found.append(at(text, "al-Mansouri"))
    result = declared(text, found)
    assert (0, 1) not in result.same and (1, 2) not in result.same
    assert (2, 3) in result.same  # one word on the next line finishes the name


def test_a_rule_never_leaves_a_known_identifier_or_a_name_readable() -> None:
    """Fail closed: a protocol that keeps nationality readable never keeps a name so."""
    text = "A Tunisian and Tunisian Karim."
    nationality = at(text, "Tunisian", NATIONALITY, "nationality")
    [entity] = link({"": text}, {"": [nationality]}, None)
    research = ResearchContent.from_mapping({"nationality": "keep"})
    kept = settle(entity, research)
    assert kept is not None and not kept.mask
    # The same entity known to the interview, or with a mention found as a person, is masked.
    known = dataclasses.replace(entity, known="other")
    name = Candidate(24, 29, PERSON, 0.9, "spacy", MODEL)
    mixed = dataclasses.replace(
        entity, mentions=(*entity.mentions, dataclasses.replace(entity.mentions[0], candidate=name))
    )
    for unsafe in (known, mixed):
        decided = settle(unsafe, research)
        assert decided is not None and decided.mask


def test_a_known_name_written_together_or_inside_a_user_name_is_found() -> None:
    from anonymise.known import find_known
    from anonymise.recognisers.words import pieces, words

    known = KnownIdentifiers(names=("Karim Benali",), relatives=("Salma Trabelsi",))
    text = "as karimbenali, kbenali92 and salmatrabelsi_88; the omarket and a bus"
    found = {text[c.start : c.end] for c in find_known(pieces(words(text)), known, frozenset())}
    assert {"karimbenali", "kbenali92", "salmatrabelsi"} <= found
    assert not found & {"omarket", "bus"}


def test_a_given_name_that_is_a_word_of_grammar_joins_the_full_name() -> None:
    from anonymise.name_forms import name_form

    assert name_form("Will").tokens == ("will",)
    assert name_form("Will Mason").tokens[0] == "will"
    assert name_form("will").tokens == ()


def test_a_name_someone_goes_by_names_the_person_just_named() -> None:
    text = 'Then came Tomas Berg, who started calling himself "Brother Yahya".'
    assert pairs(text, "Tomas Berg", "Brother Yahya")
    text = 'Erik Lund was our driver. In the camp everybody called him "Bear".'
    assert pairs(text, "Erik Lund", "Bear")
    text = 'Notes: r = piet van dam, "pietje" to everyone, 29.'
    assert pairs(text, "piet van dam", "pietje")
    text = 'Accused: Omar Said Haddad, born 1990.\n\nKnown as "Omar Kahwa", the accused ran a cafe.'
    assert pairs(text, "Omar Said Haddad", "Omar Kahwa")


def test_french_and_arabic_cues_name_a_person_or_the_speaker() -> None:
    text = "L'accusé DUPRE Marc, né à Lyon, connu en Syrie comme Abou Talha, a parlé."
    assert pairs(text, "DUPRE Marc", "Abou Talha")
    text = "Entretien avec Yacine Ferhat. Un instructeur l'a baptisé Abou Anas al-Jazairi."
    assert pairs(text, "Yacine Ferhat", "Abou Anas al-Jazairi")
    text = "Je m'appelle Nadia Karoui. Là-bas, on m'appelait Oum Safa."
    assert speakers(text, "Nadia Karoui", "Oum Safa") == {"Nadia Karoui", "Oum Safa"}
    text = "اسمي سامي الحداد، وفي الرقة سمّوني أبو عمر."
    assert speakers(text, "سامي الحداد", "أبو عمر") == {"سامي الحداد", "أبو عمر"}
    text = "خالد العمر، مهندس من حلب، عُرف بـأبي حفص الحلبي."
    assert pairs(text, "خالد العمر", "أبي حفص الحلبي")


def test_a_new_person_introduced_by_name_or_an_account_is_no_alias() -> None:
    text = "اسمي هدى. زوّجوني لرجل اسمه أبو سعد."
    assert speakers(text, "هدى", "أبو سعد") == {"هدى"}
    assert not pairs(text, "هدى", "أبو سعد")
    text = "Karim Haddad posted a lot. On Snapchat, he called himself karim_lyon69."
    assert not pairs(text, "Karim Haddad", "karim_lyon69")


def test_a_nickname_in_quotes_or_the_circle_that_uses_it_names_the_person() -> None:
    text = 'Notes:\n- Tom HALE, 22, "Dusty"; left first. Hale\'s sister rang.'
    assert pairs(text, "Tom HALE", "Dusty")
    text = 'Met Ilyas Kurbanov (31), known in his village as "the Teacher" for his glasses.'
    assert pairs(text, "Ilyas Kurbanov", "the Teacher")
    text = 'R is Timur Aliev, from Kizlyar. Friends say "Tima". He drove.'
    assert pairs(text, "Timur Aliev", "Tima")
    text = "- met Robert Hale twice\n- Bobby, as his mother still calls him, says he regrets it"
    assert pairs(text, "Robert Hale", "Bobby")
    text = "I was Abu Talha al-Hindi, and then they made me change it to Abu Talha al-Kashmiri."
    assert speakers(text, "Abu Talha al-Hindi", "Abu Talha al-Kashmiri") == {
        "Abu Talha al-Hindi",
        "Abu Talha al-Kashmiri",
    }
    text = 'I met Karim, "Omar" and Ali there.'
    assert not pairs(text, "Karim", "Omar", "Ali")


def test_a_notes_label_names_the_respondent_whose_name_was_cut_in_two() -> None:
    text = "Name: Rosalinda\ndela Pena\nMuslim name: Aisha; kunya Umm Bilal\n"
    assert speakers(text, "Rosalinda", "dela Pena", "Aisha", "Umm Bilal") == {"Rosalinda", "Aisha"}
    assert ("Aisha", "Umm Bilal") in pairs(text, "Rosalinda", "dela Pena", "Aisha", "Umm Bilal")


def test_a_name_we_gave_someone_is_not_the_speakers() -> None:
    text = 'My name is Haris Delic. The imam there, we called him "the Doctor", was kind.'
    assert not pairs(text, "Haris Delic", "the Doctor")
    text = 'R: I am Haris Delic.\n[Interpreter: friends call him "Hare".]'
    assert pairs(text, "Haris Delic", "Hare")
    text = 'Notes on Sam Tate, "the Welshman", from Cardiff.'
    assert pairs(text, "Sam Tate", "the Welshman")


def test_more_french_and_arabic_cues() -> None:
    text = "Ordonnance. PERRIN Lucas, né le 01/02/1990 à Nîmes, dit Abou Walid, est renvoyé."
    assert pairs(text, "PERRIN Lucas", "Abou Walid")
    text = "Le détenu Samir Bouaziz, 30 ans, se fait appeler Abou Hafs."
    assert pairs(text, "Samir Bouaziz", "Abou Hafs")
    text = "Claire Martin, Oum Yahya pour les autres femmes, a grandi à Liège."
    assert pairs(text, "Claire Martin", "Oum Yahya")
    assert not pairs("Karim est parti avec Omar pour les vacances.", "Karim", "Omar")
    text = "تروي أم رقية، واسمها في الهوية سلمى العلي، أنها من حلب."
    assert pairs(text, "أم رقية", "سلمى العلي")
    text = "سامر الحسن، من حمص، واتخذ كنية أبو قتادة الحمصي."
    assert pairs(text, "سامر الحسن", "أبو قتادة الحمصي")
    # Without its preposition, "عرف" is "he knew": "Samer Hasan knew Ahmad".
    assert not pairs("سامر الحسن من حمص. عرف أحمد الحقيقة.", "سامر الحسن", "أحمد")


def test_a_place_or_someone_newly_introduced_is_no_referent() -> None:
    text = "PERRIN Lucas, né à Nîmes, quartier Pissevin Nord, dit Abou Walid."
    assert pairs(text, "PERRIN Lucas", "Pissevin Nord", "Abou Walid") == [
        ("PERRIN Lucas", "Abou Walid")
    ]
    text = "عمر السيد من حلب. عرض عليه أمير يدعى أبو خالد راتبًا، وعُرف بعدها بـأبي سعد."
    assert pairs(text, "عمر السيد", "أبو خالد", "أبي سعد") == [("عمر السيد", "أبي سعد")]


def test_a_kunya_line_in_a_list_item_names_the_items_person() -> None:
    text = (
        "1) aigul bekova, kazakh, 30\n- husband in prison\n\n"
        "2) zarina (surname refused), tajik, 27\n- kunya umm yusuf al-tajikiya\n- two sons"
    )
    found = ("aigul bekova", "zarina", "umm yusuf al-tajikiya")
    assert pairs(text, *found) == [("zarina", "umm yusuf al-tajikiya")]
    text = "2) zarina, tajik, 27\n- also omar saidov came with her"
    assert not pairs(text, "zarina", "omar saidov")


def test_the_speaker_says_a_name_is_theirs_or_how_it_is_written() -> None:
    text = "Write it as on the form. Tate is my dad's name. Omar is my brother's name."
    assert speakers(text, "Tate", "Omar") == {"Tate"}
    text = 'int. w/ Jomar Reyes aka Abu Bakr al-Filibini (sp? he writes "Filipini")'
    assert ("Abu Bakr al-Filibini", "Filipini") in pairs(
        text, "Jomar Reyes", "Abu Bakr al-Filibini", "Filipini"
    )


def test_a_name_someone_went_by_or_their_kunya_was() -> None:
    text = "We met Yusuf Demir in Gaziantep. His kunya was Abu Ayyub al-Turki."
    assert pairs(text, "Yusuf Demir", "Abu Ayyub al-Turki")
    text = "Colin Reid, who went by the name Abu Musa, drove the van."
    assert pairs(text, "Colin Reid", "Abu Musa")
    text = "Selon le dossier, Paul Girard, de son vrai nom Paul Giraud, est parti."
    assert pairs(text, "Paul Girard", "Paul Giraud")
    text = "Je suis partie en 2014. Ma kunya était Oum Hafsa."
    assert speakers(text, "Oum Hafsa") == {"Oum Hafsa"}
    # A route is no name: "went by Kilis".
    assert not pairs("Colin Reid went by Kilis to the border.", "Colin Reid", "Kilis")


def test_a_name_with_no_letter_in_it_is_typed_by_its_form() -> None:
    text = "[00:12:35] R: at 14:05 he paid 1200"
    assert kinds(text, at(text, "00:12:35"), at(text, "1200", ORGANISATION)) == [DATE, ID_NUMBER]
