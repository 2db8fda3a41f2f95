"""The bundled defector-interview protocol holds what the design says such studies record."""

from __future__ import annotations

import pytest

from intake.protocol import (
    Category,
    ConsentKind,
    FieldType,
    IdentityKind,
    Protocol,
    ProtocolError,
    bundled_protocol,
    default_protocol,
)


@pytest.fixture(scope="module")
def protocol() -> Protocol:
    return default_protocol()


def labels(protocol: Protocol, field_id: str) -> list[str]:
    vocabulary = protocol.field(field_id).vocabulary
    assert vocabulary is not None
    return [choice.label for choice in vocabulary.choices]


def category(value: object) -> Category:
    assert isinstance(value, Category), value
    return value


def test_identity_and_steps_in_the_design_order(protocol: Protocol) -> None:
    assert protocol.key == "defector-interview@1.0"
    assert protocol.language == "en"
    assert [step.id for step in protocol.steps] == [
        "consent",
        "identity",
        "background",
        "joining",
        "experience",
        "leaving",
        "reappraisal",
        "reintegration",
        "narrative",
        "interviewer_notes",
    ]
    for step in protocol.steps:
        assert step.title.strip() and (step.intro.strip() or len(step.fields) == 1), step.id
        for field in step.fields:
            assert field.label.strip(), field.id


def test_consent_comes_first_and_asks_all_four(protocol: Protocol) -> None:
    consent = protocol.steps[0]
    kinds = [field.consent for field in consent.fields]
    assert kinds == list(ConsentKind)
    assert all(field.type is FieldType.YES_NO and field.required for field in consent.fields)
    assert protocol.participation_field.id == "consent_participation"


def test_identity_is_protected_and_covers_the_known_identifiers(protocol: Protocol) -> None:
    identity = protocol.step("identity")
    assert identity.protected
    assert all(field.protected for field in identity.fields)
    kinds = {field.identity for field in protocol.identity_fields()}
    assert {
        IdentityKind.NAME,
        IdentityKind.ALIAS,
        IdentityKind.KUNYA,
        IdentityKind.RELATIVE,
        IdentityKind.PLACE,
        IdentityKind.UNIT,
    } <= kinds
    codebook = protocol.codebook()
    for field in protocol.identity_fields():
        assert not field.quasi_identifier and not field.anonymise and not field.sensitive
        assert field.id not in codebook
    assert protocol.field("contact").when is not None, "contact only with follow-up consent"


def test_background_and_region_of_origin(protocol: Protocol) -> None:
    assert [f.id for f in protocol.step("background").fields] == [
        "region_of_origin",
        "country",
        "age_band",
        "gender",
        "education",
    ]
    assert labels(protocol, "region_of_origin")[:4] == [
        "Local: Syria or Iraq",
        "Arab country other than Syria and Iraq",
        "Western country (Europe, North America, Australia, New Zealand)",
        "Other country (e.g. Turkey, Russia, Central Asia, Asia, Balkans)",
    ]


@pytest.mark.parametrize(
    ("country", "region"),
    [
        (760, 1),
        (368, 1),
        (788, 2),
        (682, 2),
        (826, 3),
        (276, 3),
        (840, 3),
        (643, 4),
        (762, 4),
        (383, 4),
        (998, 4),
        (999, 99),
    ],
)
def test_country_generalises_to_region_then_suppression(
    protocol: Protocol, country: int, region: int
) -> None:
    hierarchy = protocol.field("country").hierarchy
    assert hierarchy is not None
    assert hierarchy.level_names("country") == ("country", "region_of_origin", "suppressed")
    assert category(hierarchy.generalise(country, 1)).code == region
    assert hierarchy.generalise(country, 2) is None


def test_every_country_has_a_region(protocol: Protocol) -> None:
    country = protocol.field("country")
    assert country.vocabulary is not None and len(country.vocabulary.choices) >= 50
    assert country.hierarchy is not None
    regions = protocol.vocabulary("region_of_origin").codes
    for code in country.vocabulary.codes:
        assert category(country.hierarchy.generalise(code, 1)).code in regions


@pytest.mark.parametrize(
    ("year", "period", "era"),
    [
        (2012, "2011–2013", "Before the caliphate (to 2013)"),
        (2014, "2014–2016", "The caliphate years (2014–2019)"),
        (2019, "2017–2019", "The caliphate years (2014–2019)"),
        (2021, "2020 or later", "After the caliphate (2020 or later)"),
    ],
)
def test_years_generalise_to_periods(protocol: Protocol, year: int, period: str, era: str) -> None:
    for field_id in ("join_year", "leave_year"):
        hierarchy = protocol.field(field_id).hierarchy
        assert hierarchy is not None and hierarchy.name == "conflict_period"
        assert category(hierarchy.generalise(year, 1)).label == period
        assert category(hierarchy.generalise(year, 2)).label == era
        assert hierarchy.generalise(year, 3) is None


def test_age_bands_widen(protocol: Protocol) -> None:
    hierarchy = protocol.field("age_band").hierarchy
    assert hierarchy is not None
    assert category(hierarchy.generalise(3, 1)).label == "18–29"
    assert category(hierarchy.generalise(5, 1)).label == "30–39"
    assert category(hierarchy.generalise(1, 1)).label == "Under 18"


def test_motivations_and_reasons_for_leaving(protocol: Protocol) -> None:
    assert protocol.field("motivations").type is FieldType.MULTIPLE_CHOICE
    assert labels(protocol, "motivations")[:6] == [
        "Opposition to the Assad regime and protection of Sunni Muslims",
        "Building an Islamic state under Sharia",
        "Material incentives (salary, housing, marriage, goods)",
        "Adventure and status",
        "Revenge",
        "Identity and belonging",
    ]
    reasons = labels(protocol, "leaving_reasons")
    for expected in (
        "Infighting among Sunni groups and neglect of the fight against Assad",
        "Violence against Sunni Muslims, civilians, hostages or fellow fighters",
        "Corruption and un-Islamic conduct of commanders",
        "Harsh living conditions and unmet material promises",
    ):
        assert expected in reasons
    assert any(label.startswith("Family") for label in reasons)
    for field_id in (
        "pathway",
        "join_year",
        "roles",
        "months_in_group",
        "leave_year",
        "how_left",
        "stance",
        "current_situation",
    ):
        protocol.field(field_id)


def test_other_choices_have_a_follow_up_question(protocol: Protocol) -> None:
    for field in protocol.fields:
        if field.vocabulary is None or field.id.startswith("main_"):
            continue
        other = [c.code for c in field.vocabulary.choices if c.other]
        if not other or field.id in (
            "country",
            "interview_language",
            "setting",
            "support_received",
            "current_situation",
        ):
            continue
        follow_ups = [
            f
            for f in protocol.fields
            if f.when is not None
            and f.when.field == field.id
            and f.when.value in (other[0], (other[0],))
        ]
        assert follow_ups and follow_ups[0].anonymise, field.id


def test_free_text_is_anonymised_and_the_narrative_is_roomy(protocol: Protocol) -> None:
    narrative = protocol.field("narrative")
    assert narrative.type is FieldType.LONG_TEXT and narrative.anonymise
    assert narrative.max_length is not None and narrative.max_length >= 500_000
    for field in protocol.fields:
        if field.type in (FieldType.TEXT, FieldType.LONG_TEXT):
            assert field.anonymise or field.protected, field.id
    assert "narrative" in {f.id for f in protocol.free_text_fields()}


def test_roles_for_export(protocol: Protocol) -> None:
    qi = {field.id for field in protocol.quasi_identifiers()}
    assert {"region_of_origin", "country", "age_band", "gender", "join_year", "leave_year"} <= qi
    assert {field.id for field in protocol.sensitive_fields()} >= {"main_role", "current_situation"}
    coded = {f.id for f in protocol.quasi_identifiers() if f.vocabulary is not None}
    assert set(protocol.codebook()) >= coded
    for field in protocol.quasi_identifiers():
        assert field.hierarchy is not None
        for level in field.hierarchy.levels:
            assert level.codebook(), (field.id, level.name)


def test_interviewer_notes(protocol: Protocol) -> None:
    ids = [field.id for field in protocol.step("interviewer_notes").fields]
    for expected in ("setting", "interpreter", "interview_language", "credibility", "notes"):
        assert expected in ids
    assert protocol.field("credibility").type is FieldType.SCALE


def test_research_terms_keep_what_the_research_is_about(protocol: Protocol) -> None:
    terms = {term.casefold() for term in protocol.all_research_terms()}
    for term in (
        "ISIS",
        "ISIL",
        "Daesh",
        "Jabhat al-Nusra",
        "Free Syrian Army",
        "HTS",
        "PKK",
        "YPG",
        "SDF",
        "Syria",
        "Iraq",
        "hijra",
        "bay'ah",
        "sharia",
        "caliphate",
        "takfir",
        "jihad",
    ):
        assert term.casefold() in terms, term
    assert set(protocol.research_terms) == {"armed_groups", "places", "ideology"}


def test_bundled_protocols_by_id() -> None:
    assert bundled_protocol("defector-interview") == default_protocol()
    with pytest.raises(ProtocolError, match="no such bundled protocol"):
        bundled_protocol("../../etc/passwd")
