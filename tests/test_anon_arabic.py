"""The Arabic-script rules: names, places, numbers and dates read without a model."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from anonymise.allowed import occurrences, without_allowed
from anonymise.arabic import arabic_words, fold_arabic, stems
from anonymise.candidates import Candidate
from anonymise.known import KnownIdentifiers, find_known
from anonymise.known_scripts import (
    arabic_skeleton,
    find_across_scripts,
    find_across_scripts_in,
    latin_skeletons,
)
from anonymise.recognisers.arabic_names import find_arabic_names
from anonymise.recognisers.arabic_numbers import find_arabic_numbers
from anonymise.recognisers.arabic_places import find_arabic_places
from anonymise.recognisers.arabic_script import find_arabic_script, find_unread_arabic
from anonymise.recognisers.words import pieces, words
from anonymise.redact import generalise_date

MASKED = 0.5


def spans(text: str, found: list[Candidate], firm: bool = True) -> list[str]:
    return [text[c.start : c.end] for c in sorted(found) if (c.score >= MASKED) == firm]


def test_folding_drops_diacritics_and_tatweel_and_unifies_letters() -> None:
    assert fold_arabic("الـمَـوْصِلُ") == "الموصل"
    assert fold_arabic("أُسامة") == fold_arabic("اسامه")
    assert fold_arabic("مصطفى") == "مصطفي"


def test_words_keep_a_fused_proclitic_and_leave_one_set_off_by_tatweel() -> None:
    text = "ذهبنا بالموصل ثم بـأورفة وعـالركبان"
    found = [text[w.start : w.end] for w in arabic_words(text)]
    assert found == ["ذهبنا", "بالموصل", "ثم", "أورفة", "الركبان"]
    assert "الموصل" in stems(fold_arabic("وبالموصل"))
    assert "الرقه" in stems(fold_arabic("للرقة"))


def test_kunya_with_nisba_is_one_name() -> None:
    text = "قال لي أبو حمزة التونسي إنه سافر، وعرفت أم جعفر وبأبي أسامة الجزراوي."
    assert spans(text, find_arabic_names(text)) == [
        "أبو حمزة التونسي",
        "أم جعفر",
        "وبأبي أسامة الجزراوي",
    ]


def test_an_unknown_word_after_a_kunya_word_is_masked() -> None:
    # Not in any list: the position says name (fail closed).
    text = "جاء أبو زرزور وجلس."
    assert spans(text, find_arabic_names(text)) == ["أبو زرزور"]


def test_a_common_word_after_a_kunya_word_is_no_name() -> None:
    text = "قال أبي إنه لم يعد، وأم لا."
    assert spans(text, find_arabic_names(text)) == []


def test_names_after_relation_words_and_titles() -> None:
    text = (
        "قتل أخي طريف، وخويا صابر هرب، وابن عمي عبّود سجن. "
        "زوجتي منى وأخوها الكبير خلف، والشيخ مرعي قال ذلك."
    )
    assert spans(text, find_arabic_names(text)) == [
        "طريف",
        "صابر",
        "عبّود",
        "منى",
        "خلف",
        "مرعي",
    ]


def test_a_full_name_after_a_word_for_naming_and_its_later_mentions() -> None:
    text = "اسمي جلال فاضل القيسي بن ناصر، وكان جلال يعمل. وجلال رجع."
    assert spans(text, find_arabic_names(text)) == ["جلال فاضل القيسي بن ناصر", "جلال", "وجلال"]


def test_a_given_name_that_is_a_word_is_only_proposed_alone() -> None:
    text = "كنت أصلي كل جمعة، ثم جاء جمعة الحمادي."
    assert spans(text, find_arabic_names(text)) == ["جمعة الحمادي"]
    assert spans(text, find_arabic_names(text), firm=False) == ["جمعة"]


def test_places_with_article_and_proclitics_and_a_preposition() -> None:
    text = "عشت بالموصل ثم وبمنبج، وذهبت إلى منبج ومن هناك إلى الرقة ودير الزور."
    assert spans(text, find_arabic_places(text)) == [
        "بالموصل",
        "وبمنبج",
        "منبج",
        "الرقة",
        "ودير الزور",
    ]


def test_a_place_that_starts_with_a_word_for_son_is_found_whole() -> None:
    text = "قال إنه من بن قردان، وابن عمه من بنقردان أيضا."
    assert spans(text, find_arabic_places(text)) == ["بن قردان", "بنقردان"]


def test_quarters_camps_prisons_and_tribes() -> None:
    text = "سكنت في حي الفردوس، ثم نقلوني إلى مخيم الروج وبعدها سجن صيدنايا، وأنا من عشيرة البقارة."
    assert spans(text, find_arabic_places(text)) == ["حي الفردوس", "الروج", "صيدنايا", "البقارة"]


def test_the_name_of_a_mosque_a_street_or_a_square_is_a_place() -> None:
    text = "صلينا في جامع النور ثم مشينا في شارع المتنبي حتى دوار النعيم"
    assert {"النور", "المتنبي", "النعيم"} <= set(spans(text, find_arabic_places(text)))


def test_names_joined_by_and_are_several_people() -> None:
    from anonymise.aliases import declared

    text = "قابلت خالد وسامر وأحمد في السوق، ثم وليد الحمدان."
    found = find_arabic_names(text)
    assert spans(text, found)[:3] == ["خالد", "وسامر", "وأحمد"]
    people = sorted(c for c in found if c.entity_type == "PERSON")
    assert declared(text, people).same == ()


def test_institutions_and_occupations_with_what_says_which() -> None:
    text = "كنت طالبًا في كلية الطب بجامعة حلب، وأبي فني كهرباء، وأخي جندي."
    found = spans(text, find_arabic_places(text))
    assert "طالبًا في كلية الطب" in found
    assert "بجامعة حلب" in found and "فني كهرباء" in found


def test_phones_and_codes_in_eastern_and_persian_digits() -> None:
    text = "رقمي ٠٩٤٤١٢٣٤٥٦ ورقم أخي ۰۹۳۳۲۲۱۱۰۰ والرقم الوطني ٠١٢٣٤٥٦٧٨٩١ والخيمة ٣/١٢٧."
    found = spans(text, find_arabic_numbers(text))
    for number in ("٠٩٤٤١٢٣٤٥٦", "۰۹۳۳۲۲۱۱۰۰", "٠١٢٣٤٥٦٧٨٩١", "٣/١٢٧"):
        assert number in found, number


def test_western_digits_only_after_arabic_words() -> None:
    text = "Call +963 944 123 456 now; هاتفه +963 955 111 222."
    assert spans(text, find_arabic_numbers(text)) == ["+963 955 111 222"]


def test_dates_gregorian_syriac_maghreb_and_hijri() -> None:
    text = (
        "وصلت بحزيران ٢٠١٤ وخرجت في ١٢ كانون الثاني ٢٠١٥، وسُجنت في جوان 2016 "
        "وبايعت في ٣ ذي القعدة ١٤٣٦ ثم في ربيع ٢٠١٧."
    )
    found = spans(text, find_arabic_numbers(text))
    for date in ("بحزيران ٢٠١٤", "١٢ كانون الثاني ٢٠١٥", "جوان 2016", "٣ ذي القعدة ١٤٣٦"):
        assert date in found, date
    assert "ربيع ٢٠١٧" in found


def test_a_hijri_month_alone_is_no_date() -> None:
    text = "ذهبنا إلى منبج في شهر رمضان، وعدنا في صفر."
    assert spans(text, find_arabic_numbers(text)) == []


def test_ages_durations_amounts_and_children() -> None:
    text = "عمري ٢٤ سنة، وبقيت ثلاثة أشهر ثم شهرين، ودفعت ألف وخمسمية دولار، وعندي أربعة أولاد."
    assert spans(text, find_arabic_numbers(text)) == [
        "٢٤ سنة",
        "ثلاثة أشهر",
        "شهرين",
        "ألف وخمسمية دولار",
        "أربعة أولاد",
    ]


def test_words_no_rule_reads_are_proposed_not_masked() -> None:
    text = "ذهبنا إلى السوق واشترينا بطيخا."
    assert spans(text, find_unread_arabic(text)) == []
    assert spans(text, find_unread_arabic(text), firm=False) == ["ذهبنا", "واشترينا", "بطيخا"]


def test_a_short_arabic_quotation_in_latin_notes_is_masked() -> None:
    text = "On l'appelait « الزرزور » au camp, et il disait « الله أكبر » souvent."
    assert spans(text, find_unread_arabic(text)) == ["الزرزور", "أكبر"]


def test_an_allowed_term_beside_an_unread_word_stays_readable() -> None:
    text = "راجلي مشى لسوريا في الصيف، وأنا بقيت."
    found = without_allowed(text, find_unread_arabic(text), ["سوريا"])
    assert spans(text, found, firm=False) == ["مشى", "بقيت"]


def test_arabic_research_terms_match_with_proclitics_article_and_tatweel() -> None:
    text = "بايعت بالدولـة الإسلاميّة، والأمير قال إن الشريعه فوق الكل، ثم تركت داعش."
    terms = ["الدولة الإسلامية", "أمير", "الشريعة", "داعش"]
    found = [text[start:end] for start, end in occurrences(text, terms)]
    assert found == ["بالدولـة الإسلاميّة", "والأمير", "الشريعه", "داعش"]


def known_in(text: str, known: KnownIdentifiers) -> list[str]:
    found = find_known(pieces(words(text)), known, frozenset())
    return sorted({text[c.start : c.end] for c in found})


def test_a_known_name_in_latin_script_is_found_in_arabic_script() -> None:
    known = KnownIdentifiers(kunyas=("Abu Hamza al-Tunisi",), relatives=("Qahtan Nouri",))
    text = "قال أبو حمزة التونسي إن وحمزة وبـأبي حمزة وقحطان جاؤوا."
    assert known_in(text, known) == ["أبو حمزة التونسي", "أبي حمزة", "وحمزة", "وقحطان"]


def test_a_known_name_in_arabic_script_is_found_in_latin_script_and_with_proclitics() -> None:
    known = KnownIdentifiers(names=("محمد الجبوري",), places=("بن قردان",))
    text = "Mohamed al-Jubouri came from Ben Gardane; ومحمد قال إن الجبوري غادر."
    assert known_in(text, known) == ["Ben Gardane", "Mohamed al-Jubouri", "الجبوري", "ومحمد"]


def test_cross_script_matches_carry_the_identifier_they_match() -> None:
    known = KnownIdentifiers(names=("Ayoub Lahlali",), kunyas=("Abu Salman",))
    text = "أيوب ولدي، وأبو سلمان خدعه."
    matches = find_across_scripts_in(text, known)
    assert matches == find_across_scripts(pieces(words(text)), known)
    found = {(text[m.candidate.start : m.candidate.end], m.identifier, m.words) for m in matches}
    assert ("أيوب", "Ayoub Lahlali", ("ayoub",)) in found
    assert ("وأبو سلمان", "Abu Salman", ("abu", "salman")) in found
    assert all(m.candidate.recogniser == "known-identifiers" for m in matches)


def test_a_name_without_a_table_entry_is_matched_by_its_consonants() -> None:
    assert arabic_skeleton(fold_arabic("قحطان")) in latin_skeletons("qahtan")
    assert arabic_skeleton(fold_arabic("الكربولي")) in latin_skeletons("karbouli")
    assert arabic_skeleton(fold_arabic("هشام")) in latin_skeletons("hichem")
    assert arabic_skeleton(fold_arabic("حسن")) not in latin_skeletons("hussam")


def test_compound_names_with_abd_stay_whole() -> None:
    text = "قال أخي عبد الله إن أبو عبد الرحمن الحلبي جاء مع نور الدين الزنكي."
    assert spans(text, find_arabic_names(text)) == [
        "عبد الله",
        "أبو عبد الرحمن الحلبي",
        "نور الدين الزنكي",
    ]


def test_a_call_with_ya_is_a_name_but_either_or_is_not() -> None:
    text = "قلت له: يا زرزور تعال. يا بتشتغل معهم يا بياخدوا الغنم."
    assert spans(text, find_arabic_names(text)) == ["زرزور"]


def test_an_unknown_word_before_a_nisba_is_a_name() -> None:
    text = "وصل رعد الدليمي، ثم جاء الأمن السياسي."
    assert spans(text, find_arabic_names(text)) == ["رعد الدليمي"]


def test_numbers_after_a_word_for_a_number_or_an_age() -> None:
    text = "أنا في الخيمة رقم ١٢، وعمري هسه ٣٢، ورقم السجين ٤٧."
    found = spans(text, find_arabic_numbers(text))
    assert found == ["١٢", "٣٢", "٤٧"]


def test_a_village_after_a_word_for_a_town_is_a_place() -> None:
    text = "أنا من قرية الزرزورية، وسكنت في القرية سنة."
    assert spans(text, find_arabic_places(text)) == ["الزرزورية"]


def test_an_unknown_word_after_a_verb_of_meeting_is_a_person() -> None:
    text = "قابلت زعيتر في الطريق، وكلّمني على الهاتف، وشفت الأمير."
    assert spans(text, find_arabic_names(text)) == ["زعيتر"]


def test_ala_is_never_ali() -> None:
    text = "سمّوني أبو علي الديري، وكان يحكي على الهاتف ويسلم على الناس."
    assert spans(text, find_arabic_names(text)) == ["أبو علي الديري"]


def test_dialect_forms_of_places_prisons_phones_and_years() -> None:
    text = "خويا مشى لليبيا وتوا هو في حبس المرناقية، نومرو تليفوني 22 456 789، وسلّم نفسه بـ٢٠١٧."
    assert "لليبيا" in spans(text, find_arabic_places(text))
    assert "المرناقية" in spans(text, find_arabic_places(text))
    assert spans(text, find_arabic_numbers(text)) == ["22 456 789", "٢٠١٧"]


_PIECES = [
    *"ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءأإآ",
    *["ـ", "ّ", "ً", " ", "،", ".", "٢", "9", "+", "/", "a", "\n", "«"],
    *["بـ", "أبو ", "بن ", "يا ", "أخي ", "حي "],
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_every_arabic_finder_gives_spans_inside_the_text(text: str) -> None:
    known = KnownIdentifiers(names=("Abu Hamza al-Tunisi", "محمد"), places=("بن قردان",))
    for finder in (
        find_arabic_names,
        find_arabic_numbers,
        find_arabic_places,
        find_unread_arabic,
        find_arabic_script,
    ):
        for candidate in finder(text):
            assert 0 <= candidate.start < candidate.end <= len(text)
            assert (
                text[candidate.start : candidate.end].strip()
                == text[candidate.start : candidate.end]
            )
    for match in find_across_scripts_in(text, known):
        assert 0 <= match.candidate.start < match.candidate.end <= len(text)


def test_a_role_no_one_else_had_is_masked_with_what_says_it() -> None:
    text = "كان مسؤولًا عن مخازن السلاح الرئيسية، وكان الوحيد القادر على قيادة الجرافة."
    found = spans(text, find_arabic_places(text))
    assert "مسؤولًا عن مخازن السلاح الرئيسية" in found
    assert "الوحيد القادر على قيادة الجرافة" in found


def test_a_unit_of_time_alone_after_a_verb_is_a_duration() -> None:
    text = "حبسوه شهر ثم بقي سنة هناك، وكان يزورنا كل شهر في شهر رمضان."
    assert spans(text, find_arabic_numbers(text)) == ["شهر", "سنة"]


def test_a_date_in_eastern_arabic_digits_becomes_its_year() -> None:
    assert generalise_date("بحزيران ٢٠١٤") == "[2014]"
    assert generalise_date("۱۹۹۷/۰۳/۰۸") == "[1997]"
    assert generalise_date("٣ صفر ١٤٣٩") == "[DATE]"


def test_a_kunya_broken_over_two_lines_is_one_name() -> None:
    text = "جاء أبو\nزرزور ثم الأخ قسورة."
    assert spans(text, find_arabic_names(text)) == ["أبو\nزرزور", "قسورة"]


def test_numbers_glued_to_arabic_letters_are_found() -> None:
    text = "سنة ١٤٣٦هـ دفعت ٥٠٠$ وهاتفه0944123456"
    found = spans(text, find_arabic_numbers(text))
    for number in ("١٤٣٦", "٥٠٠$", "0944123456"):
        assert number in found, number


def test_arabic_quoted_in_latin_script_is_masked_whole_and_arabic_text_is_read() -> None:
    quoted = "He told me: قال لي إنه ذهب إلى السوق ثم رجع, and left."
    assert spans(quoted, find_arabic_script(quoted)) == ["قال لي إنه ذهب إلى السوق ثم رجع"]
    arabic = "قال لي إنه ذهب إلى السوق ثم رجع إلى البيت في المساء."
    assert find_arabic_script(arabic) == []
    with_address = "قال لي إنه ذهب إلى السوق ثم رجع، وبريده zz.k91@mail.com."
    assert find_arabic_script(with_address) == []


def test_initials_in_arabic_letters_are_a_name() -> None:
    text = "المتهم (م.ع.ح) من مواليد ١٩٩٠، وشريكه م. ع. أيضا."
    assert spans(text, find_arabic_names(text)) == ["م.ع.ح", "م. ع."]


def test_a_word_that_folds_like_a_nisba_is_no_family_name() -> None:
    text = "عمل في نقل الجرحى، ثم جاء رعد الدليمي."
    assert spans(text, find_arabic_names(text)) == ["رعد الدليمي"]


def test_the_number_of_an_interview_stays_readable() -> None:
    text = "المقابلة رقم ٤، ورقم السجين ٤٧."
    assert spans(text, find_arabic_numbers(text)) == ["٤٧"]


def test_a_known_name_of_several_words_is_matched_only_on_neighbouring_words() -> None:
    known = KnownIdentifiers(kunyas=("Abu Hamza",))
    text = "قال أبو (Hamza) حمزة، وأبو حمزة جاء."
    whole = [
        text[m.candidate.start : m.candidate.end]
        for m in find_across_scripts_in(text, known)
        if len(m.words) == 2
    ]
    assert whole == ["وأبو حمزة"]


def test_years_and_ages_in_words() -> None:
    text = "سافرت سنة ألفين وأربعطعش، وكان عمري خمسة وعشرين."
    assert spans(text, find_arabic_numbers(text)) == ["ألفين وأربعطعش", "خمسة وعشرين"]


def test_a_quarter_of_two_words_and_maghreb_words_for_my_name() -> None:
    text = "أنا سميتي خولة، ساكنة فحي باب عمرو، وخويا بلال خدام في طنجة."
    names = spans(text, find_arabic_names(text))
    assert "خولة" in names and "بلال" in names
    assert spans(text, find_arabic_places(text)) == ["فحي باب عمرو", "طنجة"]


def test_a_place_of_origin_no_gazetteer_has() -> None:
    text = "أنا من الزرزورية، وأصله من كفر زيتا، وأنا من البوكمال."
    assert spans(text, find_arabic_places(text)) == ["الزرزورية", "كفر زيتا", "البوكمال"]


def test_a_fathers_name_no_list_has_between_a_given_name_and_a_family_name() -> None:
    text = "وصل سالم زعتور الحمدان، وقال مثنى يركض."
    assert spans(text, find_arabic_names(text)) == ["سالم زعتور الحمدان", "مثنى"]


def test_a_family_name_that_is_also_a_word_ends_a_full_name() -> None:
    # سيد is "master" and a family name: after a full name it is the name.
    text = "على الهوية هو خالد عبد الكريم سيد. والقائمة فيها غيره."
    assert spans(text, find_arabic_names(text)) == ["خالد عبد الكريم سيد"]
