"""Entities: which mentions are one person, and the edits a reviewer makes to them.

Every name is invented for these tests. Candidates are made by hand from the
text, so the rules of linking are tested apart from detection.
"""

from __future__ import annotations

import pytest

from anonymise.candidates import (
    DATE,
    EMAIL,
    NATIONALITY,
    ORGANISATION,
    PERSON,
    PLACE,
    Candidate,
    Evidence,
)
from anonymise.entities import Entity, Mention, link
from anonymise.known import KnownIdentifiers
from anonymise.name_forms import name_form, same_token
from anonymise.redact import Policy, redact


def marked(text: str, *names: str, kind: str = PERSON) -> list[Candidate]:
    """A candidate at every occurrence of each of ``names``."""
    found = []
    for name in names:
        start = text.find(name)
        while start >= 0:
            found.append(Candidate(start, start + len(name), kind, 0.9, "test", "a test"))
            start = text.find(name, start + len(name))
    return sorted(found)


def groups(
    text: str, candidates: list[Candidate], known: KnownIdentifiers | None = None
) -> list[list[str]]:
    """The entities of one text, each as the texts of its mentions."""
    entities = link({"": text}, {"": candidates}, known)
    return [
        [text[m.candidate.start : m.candidate.end] for m in entity.mentions] for entity in entities
    ]


def test_forms_of_one_name_read_alike() -> None:
    assert name_form("Ben Ali").tokens == name_form("BENALI").tokens == ("benali",)
    assert name_form("Mr Benali's").tokens == ("benali",)
    assert name_form("Abu Hamza al-Tunisi").tokens == ("abuhamza", "tunisi")
    assert name_form("Abou Hamza").tokens == ("abuhamza",)
    assert name_form("Hamza").tokens == ("hamza",)
    assert same_token("kareem", "karim") and same_token("mohammed", "muhammad")
    assert not same_token("ali", "ola")


def test_the_issue_example_is_two_people() -> None:
    text = (
        "Karim Benali grew up by the sea. They called him BENALI; the file wrote Ben Ali. "
        "Mr Benali became Abu Hamza al-Tunisi, and Abu Hamza's men obeyed. Karim says "
        "his wife, Salma Trabelsi, waits. Ms Trabelsi hopes; Salma writes."
    )
    names = ["Karim Benali", "BENALI", "Ben Ali", "Mr Benali", "Abu Hamza al-Tunisi"]
    names += ["Abu Hamza", "Karim", "Salma Trabelsi", "Ms Trabelsi", "Salma"]
    candidates = _without_overlaps(marked(text, *names))
    known = KnownIdentifiers(
        names=("Karim Benali",), kunyas=("Abu Hamza al-Tunisi",), relatives=("Salma Trabelsi",)
    )
    found = groups(text, candidates, known)
    assert len(found) == 2
    assert found[1] == ["Salma Trabelsi", "Ms Trabelsi", "Salma"]
    # Without the identity section the kunya is another person, but the name forms agree.
    assert len(groups(text, candidates)) == 3


def test_a_surname_two_people_share_joins_neither() -> None:
    text = "Karim Benali and Yusuf Benali crossed. Benali was caught; Karim was not. Yusuf ran."
    names = ("Karim Benali", "Yusuf Benali", "Benali", "Karim", "Yusuf")
    found = groups(text, _without_overlaps(marked(text, *names)))
    bare = [g for g in found if g == ["Benali"]]
    assert len(found) == 3 and bare
    assert ["Karim Benali", "Karim"] in found and ["Yusuf Benali", "Yusuf"] in found


def test_a_kunya_is_not_the_name_it_contains() -> None:
    text = "Abu Hamza gave orders. Hamza, his son, was twelve. Abu Hamza left."
    found = groups(text, _without_overlaps(marked(text, "Abu Hamza", "Hamza")))
    assert found == [["Abu Hamza", "Abu Hamza"], ["Hamza"]]


def test_transliterations_and_capitals_are_one_person() -> None:
    text = "Mohammed Darwish came. MUHAMMAD DARWISH signed. Darwish's brother left."
    names = ("Mohammed Darwish", "MUHAMMAD DARWISH", "Darwish")
    found = groups(text, _without_overlaps(marked(text, *names)))
    assert len(found) == 1


def test_other_types_are_one_entity_per_written_form() -> None:
    text = "In March 2013, and again in march 2013, he wrote to a.b@example.org."
    candidates = marked(text, "March 2013", "march 2013", kind=DATE)
    candidates += marked(text, "a.b@example.org", kind=EMAIL)
    assert len(link({"": text}, {"": sorted(candidates)})) == 2


def test_a_guessed_type_gives_way_but_firm_types_stay_apart() -> None:
    text = "Jasim Haddad came. Jasim left. Jordan Saleh stayed in Jordan."
    full = Candidate(0, 12, PERSON, 0.9, "test", Evidence.GIVEN_NAME_FIRST)
    guessed = Candidate(19, 24, PLACE, 0.9, "test", Evidence.GAZETTEER)
    other = Candidate(31, 43, PERSON, 0.9, "test", Evidence.GIVEN_NAME_FIRST)
    country = Candidate(54, 60, PLACE, 0.9, "test", Evidence.COUNTRY)
    entities = link({"": text}, {"": [full, guessed, other, country]})
    assert [(e.entity_type, len(e.mentions)) for e in entities] == [
        (PERSON, 2),
        (PERSON, 1),
        (PLACE, 1),
    ]
    assert entities.of("", guessed) == entities.of("", full)


def test_one_pseudonym_per_entity_across_texts() -> None:
    texts = {"a": "Karim Benali left. Benali was 20.", "b": "Mr Benali wrote to Karim."}
    candidates = {
        "a": marked(texts["a"], "Karim Benali", "Benali"),
        "b": _without_overlaps(marked(texts["b"], "Mr Benali", "Karim")),
    }
    candidates["a"] = _without_overlaps(candidates["a"])
    entities = link(texts, candidates)
    assert len(entities) == 1
    [entity] = entities
    assert entity.id == "E1" and entity.pseudonym == "[PERSON 1]"
    assert {m.text_id for m in entity.mentions} == {"a", "b"}
    assert set(entities.pseudonyms("b").values()) == {"[PERSON 1]"}
    assert "Benali" not in repr(entities) and "Benali" not in repr(entity)


def test_merge_split_and_retype() -> None:
    text = "Omar met Khalid. Khalid left. The Hawk came."
    candidates = marked(text, "Omar", "Khalid", "The Hawk")
    entities = link({"": text}, {"": candidates})
    assert [e.pseudonym for e in entities] == ["[PERSON 1]", "[PERSON 2]", "[PERSON 3]"]
    merged = entities.merge("E2", "E3")
    assert [e.id for e in merged] == ["E1", "E2"]
    assert merged.get("E2").pseudonym == "[PERSON 2]"
    assert len(merged.get("E2").mentions) == 3
    hawk = merged.get("E2").mentions[-1]
    split = merged.split("E2", hawk)
    assert [e.id for e in split] == ["E1", "E2", "E4"]
    assert split.of("", hawk.candidate) == split.get("E4")
    retyped = split.retype("E4", ORGANISATION)
    assert retyped.get("E4").pseudonym == "[ORGANISATION 1]"
    assert retyped.get("E1").pseudonym == "[PERSON 1]"
    with pytest.raises(ValueError, match="itself"):
        retyped.merge("E1", "E1")
    with pytest.raises(ValueError, match="cannot be split"):
        retyped.split("E4", hawk)


def test_numbering_counts_only_masked_pseudonymised_entities() -> None:
    text = "Omar met Khalid in May 2014."
    candidates = marked(text, "Omar", "Khalid") + marked(text, "May 2014", kind=DATE)
    entities = link({"": text}, {"": sorted(candidates)})
    omar = Mention(0, "", candidates[0])
    numbered = entities.numbered(
        masked=lambda mention: mention != omar,
        pseudonymised=lambda kind: kind != DATE,
    )
    assert [e.pseudonym for e in numbered] == ["", "[PERSON 1]", ""]


def test_redaction_without_entities_links_its_spans() -> None:
    text = "Karim Benali left; Mr Benali and BENALI are him. Karim too."
    spans = _without_overlaps(marked(text, "Karim Benali", "Mr Benali", "BENALI", "Karim"))
    assert redact(text, spans, Policy()).text == (
        "[PERSON 1] left; [PERSON 1] and [PERSON 1] are him. [PERSON 1] too."
    )


def test_an_entity_needs_a_mention() -> None:
    with pytest.raises(ValueError, match="at least one mention"):
        Entity("E1", PERSON, ())


def _without_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """The longest candidate where several overlap."""
    kept: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        if not any(candidate.overlaps(other) for other in kept):
            kept.append(candidate)
    return sorted(kept)


def test_a_record_is_redacted_with_the_entities_the_review_left() -> None:
    from intake.record import redact_consistently

    texts = {"story": "Omar met Khalid.", "notes": "The Hawk spoke; Omar listened."}
    spans = {
        "story": marked(texts["story"], "Omar", "Khalid"),
        "notes": marked(texts["notes"], "The Hawk", "Omar"),
    }
    entities = link(texts, spans)
    hawk = entities.of("notes", spans["notes"][0])
    khalid = entities.of("story", spans["story"][1])
    assert hawk is not None and khalid is not None
    merged = entities.merge(khalid.id, hawk.id)
    pairs = {key: (texts[key], spans[key]) for key in texts}
    redacted, mapping, _log = redact_consistently(pairs, Policy(), None, merged)
    assert redacted == {
        "story": "[PERSON 1] met [PERSON 2].",
        "notes": "[PERSON 2] spoke; [PERSON 1] listened.",
    }
    assert (
        redact_consistently(pairs, Policy())[0]["notes"] == "[PERSON 3] spoke; [PERSON 1] listened."
    )
    assert set(mapping.values()) == {"[PERSON 1]", "[PERSON 2]"}


def test_a_retyped_entity_is_redacted_as_its_new_type_in_the_record() -> None:
    from intake.record import redact_consistently

    texts = {"story": "The Hawk came. Omar saw the Hawk."}
    spans = {"story": marked(texts["story"], "The Hawk", "Omar", "the Hawk")}
    entities = link(texts, spans)
    hawk = entities.of("story", spans["story"][0])
    assert hawk is not None and len(hawk.mentions) == 2
    retyped = entities.retype(hawk.id, ORGANISATION)
    pairs = {"story": (texts["story"], spans["story"])}
    redacted, _mapping, log = redact_consistently(pairs, Policy(), None, retyped)
    assert redacted["story"] == "[ORGANISATION 1] came. [PERSON 1] saw [ORGANISATION 1]."
    assert ("ORGANISATION", "test", "pseudonym") in log


def test_spellings_of_muhammad_across_languages_are_one_name() -> None:
    assert same_token("magomed", "muhammad") and same_token("mehmet", "mohamed")
    [russian] = name_form("Магомед").tokens
    assert same_token(russian, "mohmad")
    assert not same_token("mahmud", "muhammad") and not same_token("hamid", "mohammed")
    text = "My cousin Magomed Saidov came. His passport says Muhammad Saidov."
    assert groups(text, marked(text, "Magomed Saidov", "Muhammad Saidov")) == [
        ["Magomed Saidov", "Muhammad Saidov"]
    ]


MODEL = "named entity found by the language model"


def guess(text: str, words: str, kind: str, nth: int = 0) -> Candidate:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Candidate(start, start + len(words), kind, 0.85, "SpacyRecognizer", MODEL)


def test_a_word_only_guessed_a_nationality_or_month_is_the_person_of_that_name() -> None:
    text = "His sister June Hart left. June said in June it was over."
    found = [
        guess(text, "June Hart", PERSON),
        guess(text, "June", DATE, 1),
        guess(text, "June", DATE, 2),
    ]
    assert groups(text, found) == [["June Hart", "June"], ["June"]]
    text = "My cousin Christian drove us. Christian families left too. Christian now works."
    found = [
        guess(text, "Christian", PERSON),
        guess(text, "Christian", NATIONALITY, 1),
        guess(text, "Christian", NATIONALITY, 2),
    ]
    assert len(groups(text, found)) == 1
    text = "Rose Hill left on 3 June. June 2014 was hot."
    found = [guess(text, "Rose Hill", PERSON), guess(text, "June", DATE, 0)]
    assert len(groups(text, found)) == 2


def test_a_guessed_nationality_in_quotes_after_a_name_is_a_nickname() -> None:
    text = 'Contact: Yassin, "the Belgian", from Liège. The Belgian police came.'
    found = [
        guess(text, "Yassin", PERSON),
        guess(text, "Belgian", NATIONALITY),
        guess(text, "Belgian", NATIONALITY, 1),
    ]
    assert groups(text, found) == [["Yassin", "Belgian"], ["Belgian"]]


def test_arabic_joined_particles_and_long_vowels_across_scripts() -> None:
    [joined] = name_form("وصهيب").tokens
    [bare] = name_form("صهيب").tokens
    assert same_token(joined, bare)
    [in_rawa] = name_form("براوة").tokens
    assert same_token(in_rawa, "rawa")
    [dawud] = name_form("داود").tokens
    assert same_token(dawud, "dawud")


def test_a_place_is_not_the_nisba_of_a_person_in_any_script() -> None:
    text = "ثامر الخوالدة اتخذ كنية أبو الدرداء الأردني وسافر من الأردن."
    person = Candidate(0, 13, PERSON, 0.85, "test", "a test")
    kunya_start = text.index("أبو")
    kunya = Candidate(kunya_start, kunya_start + 19, PERSON, 0.85, "test", "a test")
    place_start = text.index("الأردن.")
    place = Candidate(place_start, place_start + 6, PLACE, 0.85, "test", Evidence.GAZETTEER)
    kinds = [e.entity_type for e in link({"": text}, {"": [person, kunya, place]})]
    assert PLACE in kinds


def test_a_short_form_of_one_persons_given_name_is_that_person() -> None:
    text = "Bakhtiyor Ergashev drove. Later Bakha said nothing. Ali Nurov stayed."
    found = marked(text, "Bakhtiyor Ergashev", "Bakha", "Ali Nurov")
    assert groups(text, found) == [["Bakhtiyor Ergashev", "Bakha"], ["Ali Nurov"]]
    # Two people it could be short for: it stays apart.
    text = "Bakhtiyor Ergashev and Bakhrom Tursunov drove. Bakha said nothing."
    found = marked(text, "Bakhtiyor Ergashev", "Bakhrom Tursunov", "Bakha")
    assert len(groups(text, found)) == 3
    # A name of its own is not a short form: Sami is not Samira Haddad.
    text = "Samira Haddad wrote. Sami answered."
    assert len(groups(text, marked(text, "Samira Haddad", "Sami"))) == 2


def test_a_title_tells_apart_people_who_share_a_surname() -> None:
    text = (
        "Present: Grace Hale, mother of Tom Hale and Ben Hale. Mrs Hale says Tom left first. "
        'She asked that we write "the Hale boys".'
    )
    found = marked(text, "Grace Hale", "Tom Hale", "Ben Hale")
    mrs = text.index("Hale says")
    boys = text.index("Hale boys")
    found += [
        Candidate(mrs, mrs + 4, PERSON, 0.9, "test", "a test"),
        Candidate(boys, boys + 4, PERSON, 0.9, "test", "a test"),
    ]
    assert groups(text, sorted(found)) == [
        ["Grace Hale", "Hale"],
        ["Tom Hale"],
        ["Ben Hale"],
        ["Hale"],
    ]
    # Not the man: "Mr Owen Hale … married Ruth Hale … Mrs Hale".
    text = "Mr Owen Hale applied. He married Ruth Hale in 1990. Mrs Hale died in 2001."
    found = marked(text, "Owen Hale", "Ruth Hale")
    mrs = text.index("Hale died")
    found.append(Candidate(mrs, mrs + 4, PERSON, 0.9, "test", "a test"))
    assert groups(text, sorted(found)) == [["Owen Hale"], ["Ruth Hale", "Hale"]]
    # Without a word on who is who, a shared surname joins nobody.
    text = "Grace Hale and Tom Hale came. Hale said little."
    assert len(groups(text, marked(text, "Grace Hale", "Tom Hale", "Hale said"))) == 3


def test_sex_cues_are_the_texts_own_words() -> None:
    from anonymise.gender_cues import FEMALE, MALE, gender

    text = "his wife Amal Saleh came; Mr Saleh stayed, and M. Nadir Saleh, father of two."
    amal, mr, nadir = text.index("Amal"), text.index("Saleh stayed"), text.index("Nadir")
    assert gender(text, amal, amal + 10) == FEMALE
    assert gender(text, mr, mr + 5) == MALE
    assert gender(text, nadir, nadir + 11) == MALE
    assert gender("Karima Saleh came.", 0, 12) == ""


@pytest.mark.parametrize(
    ("latin", "other"),
    [
        ("Abdelhak Mezouar", "عبد الحق مزوار"),
        ("Aïcha", "عائشة"),
        ("Thamer Khawaldeh", "ثامر الخوالدة"),
        ("Salah Eddine", "صلاح الدين"),
        ("Abderrahmane", "عبد الرحمن"),
        ("Abdulrahman", "Abderrahmane"),
        ("Chaima", "شيماء"),
        ("Hamza", "Hamzah"),
        ("Khadidja", "Khadija"),
        ("Tetovo", "Tetova"),
    ],
)
def test_spellings_of_one_name_across_scripts_and_languages(latin: str, other: str) -> None:
    one, two = name_form(latin).tokens, name_form(other).tokens
    assert len(one) == len(two) and all(same_token(a, b) for a, b in zip(one, two, strict=True))


@pytest.mark.parametrize(
    ("one", "other"),
    [("Karim", "Karima"), ("Samir", "Samira"), ("Amine", "Amina"), ("Karim", "كريمة")],
)
def test_a_name_and_its_feminine_are_two_people(one: str, other: str) -> None:
    assert not same_token(name_form(one).tokens[0], name_form(other).tokens[0])
