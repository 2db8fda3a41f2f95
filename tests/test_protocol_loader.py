"""The protocol loader: what it accepts, and line-numbered errors for what it refuses."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conftest import ROOT
from intake.errors import IntakeError
from intake.protocol import (
    FieldType,
    IdentityKind,
    ProtocolError,
    load_protocol,
)

BASE = textwrap.dedent(
    """\
    format: 1
    id: mini
    version: "1"
    title: Mini
    language: en
    vocabularies:
      colours:
        - {code: 1, label: Red}
        - {code: 2, label: Blue}
        - {code: 3, label: Green}
      shades:
        - {code: 1, label: Warm}
        - {code: 2, label: Cold}
    steps:
      - id: consent
        title: Consent
        fields:
          - id: ok
            label: Agree?
            type: yes_no
            required: true
            consent: participation
      - id: main
        title: Main
        fields:
          - id: colour
            label: Colour
            type: single_choice
            choices: colours
          - id: size
            label: Size
            type: number
            min: 0
            max: 10
    """
)


def mutate(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new, 1)


def line_of(text: str, marker: str) -> int:
    lines = [n for n, line in enumerate(text.splitlines(), start=1) if marker in line]
    assert lines, marker
    return lines[0]


def load_error(text: str) -> ProtocolError:
    with pytest.raises(ProtocolError) as caught:
        load_protocol(text, name="mini.yaml")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("mini.yaml")
    return caught.value


def test_the_base_sample_loads() -> None:
    protocol = load_protocol(BASE)
    assert protocol.key == "mini@1"
    assert [step.id for step in protocol.steps] == ["consent", "main"]
    assert protocol.field("size").type is FieldType.NUMBER
    assert protocol.field("colour").codebook() == {1: "Red", 2: "Blue", 3: "Green"}
    assert protocol.participation_field.id == "ok"


CASES = [
    pytest.param(
        mutate("type: number", "type: nmber"),
        "type: nmber",
        "field 'size': unknown type 'nmber' (expected one of text, long_text, number,",
        id="unknown type",
    ),
    pytest.param(
        mutate("- id: size", "- id: colour  # again"),
        "# again",
        "field 'colour': duplicate field id",
        id="duplicate field id",
    ),
    pytest.param(
        mutate("choices: colours", "choices: colors"),
        "choices: colors",
        "unknown vocabulary 'colors' (known: colours, shades)",
        id="unknown vocabulary",
    ),
    pytest.param(
        mutate("choices: colours", "choices: colours\n        when: {field: size, at_least: 2}"),
        "when: {field: size",
        "field 'colour': condition refers to 'size', which comes later",
        id="condition on a later field",
    ),
    pytest.param(
        mutate("choices: colours", "choices: colours\n        when: {field: nope, equals: 1}"),
        "when: {field: nope",
        "condition refers to unknown field 'nope'",
        id="condition on an unknown field",
    ),
    pytest.param(
        mutate("title: Main", "title: Main\n    when: {field: colour, equals: 1}"),
        "when: {field: colour",
        "step 'main': condition refers to 'colour', which comes later",
        id="step condition on its own field",
    ),
    pytest.param(
        mutate("max: 10", "max: 10\n        when: {field: colour, equals: 7}"),
        "when: {field: colour, equals: 7}",
        "code 7 is not one of the field's choices",
        id="condition with an unknown code",
    ),
    pytest.param(
        mutate("{code: 2, label: Blue}", "{code: 1, label: Blue}"),
        "{code: 1, label: Blue}",
        "vocabulary 'colours': duplicate code 1",
        id="duplicate code",
    ),
    pytest.param(
        mutate("{code: 2, label: Blue}", '{code: "2", label: Blue}'),
        '{code: "2", label: Blue}',
        "expected a whole number, found text",
        id="code as text",
    ),
    pytest.param(
        mutate("{code: 2, label: Cold}", "{code: 2, label: Warm}"),
        "{code: 2, label: Warm}",
        "duplicate label 'Warm'",
        id="duplicate label",
    ),
    pytest.param(
        mutate("label: Agree?", "label: yes"),
        "label: yes",
        "expected text, found a yes/no value; put it in quotes",
        id="yes as a label",
    ),
    pytest.param(
        mutate("required: true", "requird: true"),
        "requird: true",
        "unknown key 'requird' (did you mean 'required'?)",
        id="misspelt key",
    ),
    pytest.param(
        mutate("max: 10", "max: 10\n        pattern: x"),
        "pattern: x",
        "'pattern' does not apply to a number field",
        id="key of another type",
    ),
    pytest.param(
        mutate("format: 1", "format: 2"),
        "format: 2",
        "format 2 is newer than this tool reads",
        id="newer format",
    ),
    pytest.param(
        mutate("title: Mini", "title: Mini\ntitle: Again"),
        "title: Again",
        "duplicate key 'title'",
        id="duplicate key",
    ),
    pytest.param(
        mutate("title: Mini", "title: &t Mini\ndescription: *t"),
        "description: *t",
        "aliases (*name) are not allowed",
        id="alias",
    ),
    pytest.param(
        mutate("        label: Size", "        label: Size\n\t"),
        "\t",
        "not valid YAML",
        id="tab",
    ),
    pytest.param(
        mutate("consent: participation", "consent: quotation"),
        "- id: consent",
        "step 'consent': no field has consent: participation",
        id="no participation consent",
    ),
    pytest.param(
        mutate("label: Agree?", "label: Agree?\n        when: {answered: true, field: ok}"),
        "when: {answered",
        "field 'ok': a condition cannot refer to its own field",
        id="condition on itself",
    ),
    pytest.param(
        mutate("choices: colours", "choices: colours\n        when: {field: ok, equals: 2}"),
        "when: {field: ok",
        "equals on 'ok': expected true or false, found a whole number",
        id="condition value of the wrong type",
    ),
    pytest.param(
        mutate("min: 0", "consent: archiving\n        min: 0"),
        "- id: size",
        "field 'size': consent questions belong in the first step",
        id="consent outside the first step",
    ),
    pytest.param(
        mutate("max: 10", "max: 10\n        identity: true\n        kind: name"),
        "type: number",
        "identity fields are text or long_text",
        id="identity number",
    ),
    pytest.param(
        mutate(
            "type: number",
            "type: text\n        identity: true\n        kind: name\n"
            "        quasi_identifier: true",
        ).replace("        min: 0\n        max: 10\n", ""),
        "identity: true",
        "an identity field is never exported, so it cannot also be quasi_identifier",
        id="identity quasi-identifier",
    ),
    pytest.param(
        mutate("type: number", "type: text\n        identity: true").replace(
            "        min: 0\n        max: 10\n", ""
        ),
        "identity: true",
        "an identity field needs a 'kind'",
        id="identity without kind",
    ),
    pytest.param(
        mutate("max: 10", "max: 10\n        anonymise: true"),
        "anonymise: true",
        "only text and long_text can be anonymised",
        id="anonymise a number",
    ),
    pytest.param(
        mutate("max: 10", "max: 10\n        hierarchy: [suppressed]"),
        "hierarchy: [suppressed]",
        "a quasi_identifier needs a 'hierarchy', and only it has one",
        id="hierarchy without quasi-identifier",
    ),
    pytest.param(
        mutate(
            "choices: colours",
            "choices: colours\n        quasi_identifier: true\n        hierarchy:\n"
            "          - {level: tone, vocabulary: shades, groups: {1: [1, 3]}}\n"
            "          - suppressed",
        ),
        "- {level: tone",
        "hierarchy 'colour': level 'tone' has no place for 2",
        id="group misses a code",
    ),
    pytest.param(
        mutate(
            "choices: colours",
            "choices: colours\n        quasi_identifier: true\n        hierarchy:\n"
            "          - {level: a, vocabulary: shades, groups: {1: [1, 2], 2: [3]}}\n"
            "          - {level: b, vocabulary: shades, groups: {1: [1], 2: [2, 3]}}\n"
            "          - suppressed",
        ),
        "- {level: a",
        "level 'b' splits 1 and 2, which the level before it groups together",
        id="level not coarser",
    ),
    pytest.param(
        mutate(
            "max: 10",
            "max: 10\n        integer: true\n        quasi_identifier: true\n        hierarchy:\n"
            "          - level: band\n            ranges:\n"
            "              - {code: 1, label: low, from: 0, to: 4}\n"
            "              - {code: 2, label: high, from: 6, to: 10}\n"
            "          - suppressed",
        ),
        "- level: band",
        "level 'band' has no place for 5",
        id="ranges leave a gap",
    ),
    pytest.param(
        mutate(
            "max: 10",
            "max: 10\n        quasi_identifier: true\n        hierarchy: [suppressed, suppressed]",
        ),
        "hierarchy: [suppressed, suppressed]",
        "'suppressed' can only be the last level",
        id="suppressed twice",
    ),
    pytest.param(
        mutate(
            "max: 10",
            "max: 10\n        quasi_identifier: true\n        hierarchy: [{level: x, ranges: []}]",
        ),
        "hierarchy: [{level: x",
        "the last level must be 'suppressed'",
        id="hierarchy without suppression",
    ),
    pytest.param(
        mutate("type: number", "type: text\n        pattern: '[a-'").replace(
            "        min: 0\n        max: 10\n", ""
        ),
        "pattern: '[a-'",
        "pattern is not a regular expression",
        id="bad pattern",
    ),
    pytest.param(
        mutate("- id: main", "- id: consent  # again"),
        "# again",
        "step 'consent': duplicate step id",
        id="duplicate step id",
    ),
    pytest.param(
        mutate("min: 0", "min: 20"),
        "min: 20",
        "min is above max",
        id="min above max",
    ),
    pytest.param(
        mutate("- id: size", "- id: Size"),
        "- id: Size",
        "field id 'Size' must be lower-case letters",
        id="field id not a variable name",
    ),
    pytest.param(
        mutate("language: en", "language: English"),
        "language: English",
        "'English' is not a language tag",
        id="language",
    ),
    pytest.param(
        mutate('version: "1"', "version: 1.10"),
        "version: 1.10",
        "write the version as text",
        id="version as a float",
    ),
]


@pytest.mark.parametrize(("text", "marker", "expected"), CASES)
def test_errors_name_the_line_and_the_problem(text: str, marker: str, expected: str) -> None:
    error = load_error(text)
    assert expected in error.detail, error.detail
    assert error.line == line_of(text, marker), str(error)
    assert str(error) == f"mini.yaml:{error.line}: {error.detail}"


def test_the_message_example_from_the_design() -> None:
    text = mutate("- id: size", "- id: age_band").replace("type: number", "type: nmber")
    line = line_of(text, "type: nmber")
    assert str(load_error(text)).startswith(
        f"mini.yaml:{line}: field 'age_band': unknown type 'nmber' (expected one of text,"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "mini.yaml:1: the file is empty"),
        ("- just\n- a list\n", "mini.yaml:1: a protocol is a mapping, found a list"),
        ("id: x\n", "mini.yaml:1: missing 'format'"),
        ("format: 1\n", "mini.yaml:1: missing 'id'"),
        ("a: [1, 2\n", "mini.yaml:2: not valid YAML"),
        ("format: 1\n---\nformat: 1\n", "mini.yaml:2: not valid YAML"),
        ("x: !!python/object:os.system ls\n", "mini.yaml:1"),
    ],
)
def test_documents_that_are_not_protocols(text: str, expected: str) -> None:
    assert str(load_error(text)).startswith(expected)


def test_python_tags_are_never_constructed() -> None:
    text = BASE.replace("title: Mini", "title: !!python/object/apply:os.getcwd []")
    assert "tags" in load_error(text).detail or "title" in load_error(text).detail


def test_a_protocol_error_is_an_intake_error() -> None:
    assert issubclass(ProtocolError, IntakeError)


def test_files_are_read_with_their_name(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(BASE.replace("format: 1", "format: 0"), encoding="utf-8")
    with pytest.raises(ProtocolError, match=r"^mine\.yaml:1: format: format 0 is unknown"):
        load_protocol(path)
    path.write_bytes(b"format: 1\nid: \xff\n")
    with pytest.raises(ProtocolError, match="not UTF-8"):
        load_protocol(path)
    with pytest.raises(ProtocolError, match=r"^missing\.yaml: cannot read the file"):
        load_protocol(tmp_path / "missing.yaml")
    path.write_text(BASE, encoding="utf-8")
    assert load_protocol(path).source == "mine.yaml"


def test_fingerprint_ignores_layout_and_follows_content() -> None:
    reordered = "# a comment\n" + BASE.replace(
        'version: "1"\ntitle: Mini', "title:   Mini\nversion: '1'"
    )
    assert load_protocol(reordered).fingerprint == load_protocol(BASE).fingerprint
    changed = BASE.replace("label: Size", "label: Height")
    assert load_protocol(changed).fingerprint != load_protocol(BASE).fingerprint


def test_roles_and_hierarchies_are_read() -> None:
    text = (
        mutate(
            "max: 10",
            "max: 10\n        integer: true\n        quasi_identifier: true\n        hierarchy:\n"
            "          - level: band\n            ranges:\n"
            "              - {code: 1, label: low, from: 0, to: 4}\n"
            "              - {code: 2, label: high, from: 5, to: 10}\n"
            "          - suppressed\n"
            "      - id: nickname\n        label: Nickname\n        type: text\n"
            "        identity: true\n        kind: alias\n"
            "      - id: story\n        label: Story\n        type: long_text\n"
            "        anonymise: true\n"
            "      - id: mood\n        label: Mood\n        type: scale\n"
            "        min: 1\n        max: 3\n"
            "        sensitive: true\n        anchors: {1: bad, 3: good}",
        )
        + "research_terms:\n  groups: [ISIS, Daesh]\n  ideas: [hijra]\n"
    )
    protocol = load_protocol(text)
    assert [f.id for f in protocol.quasi_identifiers()] == ["size"]
    assert [(f.id, f.identity) for f in protocol.identity_fields()] == [
        ("nickname", IdentityKind.ALIAS)
    ]
    assert [f.id for f in protocol.free_text_fields()] == ["story"]
    assert [f.id for f in protocol.sensitive_fields()] == ["mood"]
    assert protocol.all_research_terms() == ("ISIS", "Daesh", "hijra")
    hierarchy = protocol.field("size").hierarchy
    assert hierarchy is not None
    assert hierarchy.level_names("size") == ("size", "band", "suppressed")
    assert hierarchy.generalise(7, 0) == 7
    level = hierarchy.generalise(7, 1)
    assert level is not None and not isinstance(level, int | float | str | bool | tuple)
    assert (getattr(level, "code", None), getattr(level, "label", None)) == (2, "high")
    assert hierarchy.generalise(7, 2) is None
    codebook = protocol.codebook()
    assert "nickname" not in codebook
    assert codebook["mood"] == {1: "bad", 3: "good"}
    assert codebook["ok"] == {1: "Yes", 0: "No"}
    assert protocol.hierarchies == (hierarchy,)


def test_the_readme_example_loads() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("### Interview protocols", 1)[1].split("```yaml\n", 1)[1]
    example = example.split("```", 1)[0].replace(", ...]", "]")
    protocol = load_protocol(example, name="README.md")
    assert [f.id for f in protocol.fields] == ["agrees", "head_name", "district", "district_other"]
    assert [h.name for h in protocol.hierarchies] == ["period", "district"]
