"""French testimony: read with the French model and the project's French rules."""

from __future__ import annotations

import pytest
import regex
from anon_fixtures import anonymiser  # noqa: F401

from anonymise.analyser import Anonymiser
from anonymise.batch import anonymise_texts
from conftest import run_testimony

pytestmark = pytest.mark.slow

ISSUE_EXAMPLE = (
    "Je m'appelle Karim Benali, je suis né à Ben Guerdane le 3 mars 1992. "
    "Mon frère Sofiane habite à Molenbeek, rue de Ribaucourt 12.\n"
)


def _masked(analyser: Anonymiser, text: str, language: str | None = "fr") -> set[str]:
    return {
        text[c.start : c.end] for c in analyser.analyse(text, language=language) if c.score >= 0.5
    }


def test_the_issue_example_comes_out_readable_with_every_identifier_masked() -> None:
    result = run_testimony(["anonymise", "-"], input=ISSUE_EXAMPLE)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for leaked in (
        "Karim",
        "Benali",
        "Guerdane",
        "mars",
        "Sofiane",
        "Molenbeek",
        "Ribaucourt",
        "12",
    ):
        assert leaked not in out, out
    shape = regex.fullmatch(
        r"Je m'appelle \[PERSON 1\], je suis né à \[\w+ \d\] le \[1992\]\. "
        r"Mon frère \[PERSON \d\] habite à \[PLACE \d\], \[PLACE \d\]\.\n",
        out,
    )
    assert shape is not None, out
    # Not told the language, the command reads the text as French and says so.
    assert "look like French, not English" in result.stderr


def test_an_unsupported_language_is_one_line_before_anything_loads() -> None:
    result = run_testimony(["anonymise", "--language", "de", "-"], input=ISSUE_EXAMPLE)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "testimony: texts in language 'de' cannot be analysed yet (supported: ar, en, fr)"
    ]
    assert "Karim" not in result.stdout + result.stderr


def test_naming_words_are_never_a_name(anonymiser: Anonymiser) -> None:  # noqa: F811
    text = "Je m'appelle Inès. Il s'appelait Chbouki. Mon nom est Hamza Belkacem."
    masked = _masked(anonymiser, text)
    assert {"Inès", "Chbouki", "Hamza Belkacem"} <= masked
    assert not any(word in span for span in masked for word in ("Je", "appelle", "Mon", "nom"))


def test_elision_and_titles_stay_outside_the_span(anonymiser: Anonymiser) -> None:  # noqa: F811
    text = "C'est l'oncle d'Ahmed qui a prévenu Mme Dubois et M. Lefèvre à l'été 2014."
    masked = _masked(anonymiser, text)
    assert {"Ahmed", "Dubois", "Lefèvre", "été 2014"} <= masked
    assert not any(span.startswith(("d'", "l'", "Mme", "M.")) for span in masked)


def test_a_given_name_that_is_also_a_word_is_masked_when_it_opens_a_sentence(
    anonymiser: Anonymiser,  # noqa: F811
) -> None:
    text = "Pierre était là aussi. Rose m'a appelé le lendemain."
    assert {"Pierre", "Rose"} <= _masked(anonymiser, text)


def test_lower_case_names_after_relation_words(anonymiser: Anonymiser) -> None:  # noqa: F811
    text = (
        "mon frère karim est parti, puis ma sœur nadia l'a suivi avec son mari. "
        "il parle de son cousin hamza et de ma tante rose. Son père garde le contact. "
        "Il dormait chez les benali."
    )
    masked = _masked(anonymiser, text)
    # "hamza" and "rose" are also words: the relation word before them says they are names.
    assert {"karim", "nadia", "hamza", "rose", "benali"} <= masked
    assert not any(word in span for span in masked for word in ("mari", "garde", "père"))


def test_lower_case_names_after_titles_and_verbs_of_naming(
    anonymiser: Anonymiser,  # noqa: F811
) -> None:
    text = "mon frère s'appelle youssef. On a vu M. dupont, le maire, et mme leroy."
    masked = _masked(anonymiser, text)
    assert {"youssef", "dupont"} <= masked
    assert any(span.endswith("leroy") for span in masked)
    assert not any("appelle" in span for span in masked)


def test_notes_in_lower_case_name_places_relatives_and_phones(
    anonymiser: Anonymiser,  # noqa: F811
) -> None:
    text = (
        "- épouse : roukaya, deux enfants.\n"
        "- passé par tell abyad puis akçakale, né à sidi bouzid.\n"
        "- tél : zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit."
    )
    masked = _masked(anonymiser, text)
    assert {"roukaya", "tell abyad", "akçakale", "sidi bouzid"} <= masked
    assert any(span.startswith("zéro six") for span in masked)


def test_an_article_before_a_word_for_a_village_is_no_place(
    anonymiser: Anonymiser,  # noqa: F811
) -> None:
    assert not any("un" in span for span in _masked(anonymiser, "Il venait d'un village."))


def test_dates_written_the_french_way_are_dates(anonymiser: Anonymiser) -> None:  # noqa: F811
    text = "La mère de Nabil, née le 02.05.1999 à Mons, est arrivée le 3/4/2015."
    found = anonymiser.analyse(text, language="fr")
    kinds = {text[c.start : c.end]: c.entity_type for c in found if c.score >= 0.5}
    assert kinds["02.05.1999"] == "DATE" and kinds["3/4/2015"] == "DATE"
    # After a relation word, "de" belongs to the sentence, not to the name.
    assert kinds["Nabil"] == "PERSON"


def test_rare_details_are_proposed_for_review_not_masked(
    anonymiser: Anonymiser,  # noqa: F811
) -> None:
    text = (
        "Elle était la seule infirmière belge du camp. Il a perdu deux doigts de la main "
        "droite, et porte une cicatrice sur la joue gauche. Elle a été remariée trois fois."
    )
    found = anonymiser.analyse(text, language="fr")
    proposed = {text[c.start : c.end] for c in found if c.score < 0.5}
    for detail in ("doigts de la main droite", "cicatrice", "remariée trois fois"):
        assert any(detail in span for span in proposed), (detail, proposed)
    # The words of a detail that are masked anyway (a trade, a nationality) stay masked;
    # the rest of it is proposed around them.
    detail = "la seule infirmière belge du camp"
    start = text.index(detail)
    covered: set[int] = set()
    for candidate in found:
        covered.update(range(candidate.start, candidate.end))
    assert all(i in covered for i in range(start, start + len(detail)) if text[i] != " ")
    assert "la seule" in proposed


def test_a_sentence_is_not_an_age(anonymiser: Anonymiser) -> None:  # noqa: F811
    text = "Condamné en juin 2018 à quinze ans de réclusion, il avait alors 24 ans."
    found = anonymiser.analyse(text, language="fr")
    kinds = {text[c.start : c.end]: c.entity_type for c in found if c.score >= 0.5}
    assert kinds["24 ans"] == "AGE"
    assert kinds["quinze ans"] == "DATE"


def test_research_terms_stay_readable_through_elision_and_accents(
    anonymiser: Anonymiser,  # noqa: F811
) -> None:
    text = "Il a rejoint l'État islamique en 2014 ; l'émir parlait de la charia à Mayadin."
    allow = ["État islamique", "émir", "charia"]
    found = anonymiser.analyse(text, allow=allow, language="fr")
    masked = {text[c.start : c.end] for c in found if c.score >= 0.5}
    assert {"2014", "Mayadin"} <= masked
    assert not any(term in span for span in masked for term in ("État", "émir", "charia"))


def test_numbers_documents_and_dates_in_french_formats(anonymiser: Anonymiser) -> None:  # noqa: F811
    text = (
        "Joignable au 06 39 98 62 15 ou au +32 477 38 12 64. Registre national "
        "93.05.21-148.07, CIN n° 05281947. Arrivé le 15 chaabane 1435, il avait 24 ans "
        "et a envoyé 12 000 euros à ses quatre enfants."
    )
    masked = _masked(anonymiser, text)
    expected = {
        "06 39 98 62 15",
        "+32 477 38 12 64",
        "93.05.21-148.07",
        "05281947",
        "15 chaabane 1435",
        "24 ans",
        "12 000 euros",
        "quatre enfants",
    }
    assert all(any(item in span for span in masked) for item in expected), masked


def test_the_french_pipeline_is_loaded_only_when_a_text_needs_it() -> None:
    fresh = Anonymiser()
    anonymise_texts(["Karim Benali was born in Ben Guerdane."], anonymiser=fresh)
    assert fresh.loaded() == {"en"}
    anonymise_texts([ISSUE_EXAMPLE], anonymiser=fresh)
    assert fresh.loaded() == {"en", "fr"}


def test_a_french_protocol_reads_english_paragraphs_in_english(
    anonymiser: Anonymiser,  # noqa: F811
) -> None:
    text = (
        "Entretien mené à Tunis. Il raconte son départ et son arrivée à Raqqa.\n\n"
        "The interpreter, Grace Hope, said that he was aged 19 when he stayed in Manchester."
    )
    masked = _masked(anonymiser, text, language="fr")
    # Ages written in English are read by the English rules only.
    assert {"Tunis", "Raqqa", "Grace Hope", "Manchester"} <= masked
    assert any("19" in span for span in masked)
