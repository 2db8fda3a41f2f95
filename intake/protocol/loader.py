"""Loading a protocol file: safe YAML, every rule checked, errors with line numbers."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from datetime import date, datetime
from importlib import resources
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from intake.protocol.errors import ProtocolError
from intake.protocol.model import (
    CHOICE_TYPES,
    TEXT_TYPES,
    ConsentKind,
    Field,
    FieldType,
    Hierarchy,
    IdentityKind,
    Protocol,
    Step,
    Vocabulary,
)
from intake.protocol.parts import (
    check_hierarchy,
    read_choices,
    read_condition,
    read_hierarchy,
    read_name,
    read_vocabularies,
)
from intake.protocol.yamlnodes import Reader, line_of, show

FORMAT = 1
"""The protocol file format this version of the tool reads."""
MAX_BYTES = 2_000_000
"""Protocol files are small; anything larger is refused before it is parsed."""
DEFAULT_PROTOCOL = "defector-interview"
"""The protocol bundled with the tool and used when none is named."""

_PROTOCOL_ID = re.compile(r"[a-z][a-z0-9-]{0,63}")
_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+-]{0,31}")
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*")
_TOP_REQUIRED = ("format", "id", "version", "title", "language", "steps")
_TOP_OPTIONAL = ("description", "research_terms", "vocabularies", "hierarchies")
_STEP_KEYS = ("id", "title", "fields")
_STEP_OPTIONAL = ("intro", "when")
_FIELD_REQUIRED = ("id", "label", "type")
_FIELD_COMMON = (
    "help",
    "required",
    "when",
    "identity",
    "kind",
    "quasi_identifier",
    "hierarchy",
    "sensitive",
    "anonymise",
    "consent",
)
_FIELD_BY_TYPE: dict[FieldType, tuple[str, ...]] = {
    FieldType.TEXT: ("min_length", "max_length", "pattern"),
    FieldType.LONG_TEXT: ("min_length", "max_length"),
    FieldType.NUMBER: ("min", "max", "integer"),
    FieldType.YEAR: ("min", "max"),
    FieldType.DATE: ("min", "max"),
    FieldType.SINGLE_CHOICE: ("choices",),
    FieldType.MULTIPLE_CHOICE: ("choices", "min_choices", "max_choices"),
    FieldType.YES_NO: (),
    FieldType.SCALE: ("min", "max", "anchors"),
}
_DEFAULT_MAX_LENGTH = {FieldType.TEXT: 1_000, FieldType.LONG_TEXT: 1_000_000}
_DEFAULT_YEARS = (1900, 2100)


def load_protocol(source: str | Path, *, name: str | None = None) -> Protocol:
    """Load and check a protocol: a ``Path`` is read as a file, a ``str`` is the YAML itself.

    Raises :class:`ProtocolError` (one line, with the file name and line) for any problem.
    """
    if isinstance(source, Path):
        label = name or source.name
        try:
            with source.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as error:
            raise ProtocolError(label, None, f"cannot read the file ({error.strerror})") from None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise ProtocolError(label, None, "the file is not UTF-8 text") from None
    else:
        label, text = name or "<protocol>", source
    if len(text) > MAX_BYTES:
        raise ProtocolError(label, None, f"the file is larger than {MAX_BYTES} bytes")
    return _Loader(Reader(label)).load(text)


def default_protocol() -> Protocol:
    """The bundled ``defector-interview`` protocol."""
    return bundled_protocol(DEFAULT_PROTOCOL)


def bundled_protocol(protocol_id: str) -> Protocol:
    """A protocol shipped in ``intake/protocols/``, by id."""
    folder = resources.files("intake") / "protocols"
    resource = folder / f"{protocol_id}.yaml"
    if not _PROTOCOL_ID.fullmatch(protocol_id) or not resource.is_file():
        raise ProtocolError(f"{protocol_id}.yaml", None, "no such bundled protocol")
    return load_protocol(resource.read_text(encoding="utf-8"), name=f"{protocol_id}.yaml")


class _Loader:
    """One load: the reader, and what has been read so far."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.vocabularies: dict[str, Vocabulary] = {}
        self.hierarchies: dict[str, Hierarchy] = {}
        self.hierarchy_nodes: dict[str, Node] = {}
        self.used_hierarchies: dict[str, Hierarchy] = {}

    def load(self, text: str) -> Protocol:
        reader = self.reader
        root = reader.compose(text)
        if not isinstance(root, MappingNode):
            reader.fail(root, "", f"a protocol is a mapping, found {reader.kind(root)}")
        keys = reader.mapping(root, "", required=(), optional=(*_TOP_REQUIRED, *_TOP_OPTIONAL))
        if "format" not in keys:
            reader.fail(root, "", "missing 'format' (the protocol file format, 1)")
        file_format = reader.integer(keys["format"], "format")
        if file_format != FORMAT:
            newer = " is newer than this tool reads" if file_format > FORMAT else " is unknown"
            reader.fail(keys["format"], "format", f"format {file_format}{newer} (expected 1)")
        reader.mapping(root, "", required=_TOP_REQUIRED, optional=_TOP_OPTIONAL)
        protocol_id = reader.text(keys["id"], "id")
        if not _PROTOCOL_ID.fullmatch(protocol_id):
            reader.fail(keys["id"], "id", f"{show(protocol_id)} must be lower-case words and -")
        language = reader.text(keys["language"], "language")
        if not _LANGUAGE.fullmatch(language):
            reader.fail(keys["language"], "language", f"{show(language)} is not a language tag")
        if "vocabularies" in keys:
            self.vocabularies = read_vocabularies(reader, keys["vocabularies"])
        if "hierarchies" in keys:
            self._read_hierarchies(keys["hierarchies"])
        steps = self._read_steps(keys["steps"])
        return Protocol(
            id=protocol_id,
            version=self._version(keys["version"]),
            title=reader.text(keys["title"], "title"),
            language=language,
            format=file_format,
            steps=steps,
            vocabularies=tuple(self.vocabularies.values()),
            hierarchies=tuple(self.used_hierarchies.values()),
            research_terms=self._research_terms(keys.get("research_terms")),
            fingerprint=hashlib.sha256(json.dumps(_canonical(root)).encode()).hexdigest(),
            source=reader.source,
            description=reader.text(keys["description"], "description")
            if "description" in keys
            else "",
        )

    def _version(self, node: Node) -> str:
        value = self.reader.scalar(node, "version")
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.reader.fail(node, "version", "write the version as text, e.g. '1.0'")
        version = str(value)
        if not _VERSION.fullmatch(version):
            self.reader.fail(node, "version", f"{show(version)} is not a version")
        return version

    def _research_terms(self, node: Node | None) -> dict[str, tuple[str, ...]]:
        if node is None:
            return {}
        reader = self.reader
        groups: dict[str, tuple[str, ...]] = {}
        seen: set[str] = set()
        for group, value in reader.mapping(node, "research_terms", open_keys=True).items():
            where = f"research_terms {show(group)}"
            terms: list[str] = []
            for item in reader.sequence(value, where):
                term = reader.text(item, where).strip()
                if term.casefold() in seen:
                    reader.fail(item, where, f"duplicate term {show(term)}")
                seen.add(term.casefold())
                terms.append(term)
            groups[group] = tuple(terms)
        return groups

    def _read_hierarchies(self, node: Node) -> None:
        for name, value in self.reader.mapping(node, "hierarchies", open_keys=True).items():
            where = f"hierarchy {show(name)}"
            if name in self.vocabularies or not re.fullmatch(r"[a-z][a-z0-9_]{0,31}", name):
                self.reader.fail(value, where, "needs a lower-case name of its own")
            self.hierarchies[name] = read_hierarchy(
                self.reader, value, where, name, self.vocabularies
            )
            self.hierarchy_nodes[name] = value

    def _read_steps(self, node: Node) -> tuple[Step, ...]:
        reader = self.reader
        steps: list[Step] = []
        when_nodes: dict[str, Node] = {}
        fields: dict[str, Field] = {}
        field_when: dict[str, Node] = {}
        for index, item in enumerate(reader.sequence(node, "steps"), start=1):
            keys = reader.mapping(
                item, f"step {index}", required=_STEP_KEYS, optional=_STEP_OPTIONAL
            )
            step_id = read_name(reader, keys["id"], f"step {index}", "step id")
            where = f"step {show(step_id)}"
            if any(step.id == step_id for step in steps):
                reader.fail(keys["id"], where, "duplicate step id")
            step_fields: list[Field] = []
            for field_node in reader.sequence(keys["fields"], where):
                field, when = self._read_field(field_node, where)
                if field.id in fields:
                    id_node = reader.mapping(field_node, where, open_keys=True)["id"]
                    reader.fail(id_node, f"field {show(field.id)}", "duplicate field id")
                fields[field.id] = field
                step_fields.append(field)
                if when is not None:
                    field_when[field.id] = when
            if "when" in keys:
                when_nodes[step_id] = keys["when"]
            steps.append(
                Step(
                    id=step_id,
                    title=reader.text(keys["title"], where),
                    fields=tuple(step_fields),
                    line=line_of(item),
                    intro=reader.text(keys["intro"], where) if "intro" in keys else "",
                )
            )
        steps = self._resolve_conditions(steps, when_nodes, field_when)
        self._check_consent(steps)
        return tuple(steps)

    def _resolve_conditions(
        self, steps: list[Step], step_when: dict[str, Node], field_when: dict[str, Node]
    ) -> list[Step]:
        known = {field.id for step in steps for field in step.fields}
        earlier: dict[str, Field] = {}
        resolved: list[Step] = []
        for step in steps:
            if step.id in step_when:
                when = read_condition(
                    self.reader, step_when[step.id], f"step {show(step.id)}", earlier, known
                )
                step = dataclasses.replace(step, when=when)
            fields: list[Field] = []
            for field in step.fields:
                if field.id in field_when:
                    where = f"field {show(field.id)}"
                    node = field_when[field.id]
                    when = read_condition(self.reader, node, where, earlier, known, field.id)
                    field = dataclasses.replace(field, when=when)
                earlier[field.id] = field
                fields.append(field)
            resolved.append(dataclasses.replace(step, fields=tuple(fields)))
        return resolved

    def _check_consent(self, steps: list[Step]) -> None:
        reader = self.reader
        first = steps[0]
        seen: dict[ConsentKind, Field] = {}
        for step in steps:
            for field in step.fields:
                if field.consent is None:
                    continue
                where = f"field {show(field.id)}"
                if field.consent in seen:
                    reader.fail(field.line, where, f"a second {field.consent} consent field")
                seen[field.consent] = field
                if step is not first:
                    reader.fail(field.line, where, "consent questions belong in the first step")
                if field.type is not FieldType.YES_NO or not field.required or field.when:
                    reader.fail(
                        field.line, where, "a consent field is a required yes_no with no 'when'"
                    )
        if ConsentKind.PARTICIPATION not in seen:
            reader.fail(first.line, f"step {show(first.id)}", "no field has consent: participation")
        if first.when is not None:
            reader.fail(first.line, f"step {show(first.id)}", "the consent step cannot have 'when'")

    def _read_field(self, node: Node, step_where: str) -> tuple[Field, Node | None]:
        reader = self.reader
        keys = reader.mapping(
            node, f"{step_where}, a field", required=_FIELD_REQUIRED, open_keys=True
        )
        field_id = read_name(reader, keys["id"], step_where, "field id")
        where = f"field {show(field_id)}"
        field_type = FieldType(
            reader.choice(keys["type"], where, [t.value for t in FieldType], "type")
        )
        allowed = {*_FIELD_REQUIRED, *_FIELD_COMMON, *_FIELD_BY_TYPE[field_type]}
        for key_node, _ in node.value if isinstance(node, MappingNode) else ():
            key = key_node.value
            if key not in allowed:
                if any(key in extra for extra in _FIELD_BY_TYPE.values()):
                    reader.fail(
                        key_node, where, f"{show(key)} does not apply to a {field_type} field"
                    )
                reader.mapping(node, where, required=(), optional=sorted(allowed))
        field = Field(
            id=field_id,
            label=reader.text(keys["label"], where),
            type=field_type,
            line=line_of(node),
            help=reader.text(keys["help"], where) if "help" in keys else "",
            required="required" in keys and reader.boolean(keys["required"], where),
        )
        field = self._constraints(field, keys, where)
        field = self._roles(field, keys, where)
        return field, keys.get("when")

    def _constraints(self, field: Field, keys: dict[str, Node], where: str) -> Field:
        reader = self.reader
        changes: dict[str, object] = {}
        kind = field.type
        if kind in TEXT_TYPES:
            low = self._count(keys, "min_length", where)
            high = self._count(keys, "max_length", where)
            changes["min_length"] = low
            changes["max_length"] = _DEFAULT_MAX_LENGTH[kind] if high is None else high
            if low is not None and high is not None and low > high:
                reader.fail(keys["min_length"], where, "min_length is above max_length")
            if "pattern" in keys:
                pattern = reader.text(keys["pattern"], where)
                try:
                    re.compile(pattern)
                except re.error as error:
                    reader.fail(
                        keys["pattern"], where, f"pattern is not a regular expression ({error})"
                    )
                changes["pattern"] = pattern
        elif kind is FieldType.DATE:
            earliest = self._date(keys.get("min"), where)
            latest = self._date(keys.get("max"), where)
            if earliest is not None and latest is not None and earliest > latest:
                reader.fail(keys["min"], where, "min is after max")
            changes["earliest"], changes["latest"] = earliest, latest
        elif kind in (FieldType.NUMBER, FieldType.YEAR, FieldType.SCALE):
            changes.update(self._range(field, keys, where))
            if kind is FieldType.SCALE:
                changes["anchors"] = self._anchors(keys, where, changes)
        elif kind in CHOICE_TYPES:
            if "choices" not in keys:
                reader.fail(keys["type"], where, f"a {kind} field needs 'choices'")
            vocabulary = self._vocabulary(keys["choices"], field.id, where)
            changes["vocabulary"] = vocabulary
            if kind is FieldType.MULTIPLE_CHOICE:
                low = self._count(keys, "min_choices", where)
                high = self._count(keys, "max_choices", where)
                if (high or 0) > len(vocabulary.choices) or (low or 0) > (
                    high if high is not None else len(vocabulary.choices)
                ):
                    reader.fail(
                        keys["type"], where, "min_choices and max_choices do not fit the choices"
                    )
                changes["min_choices"], changes["max_choices"] = low, high
        return dataclasses.replace(field, **changes)  # type: ignore[arg-type]

    def _count(self, keys: dict[str, Node], key: str, where: str) -> int | None:
        if key not in keys:
            return None
        value = self.reader.integer(keys[key], where)
        if value < 0:
            self.reader.fail(keys[key], where, f"{key} cannot be negative")
        return value

    def _date(self, node: Node | None, where: str) -> date | None:
        if node is None:
            return None
        value = self.reader.scalar(node, where)
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                self.reader.fail(node, where, f"{show(value)} is not a date (YYYY-MM-DD)")
        if isinstance(value, datetime) or not isinstance(value, date):
            self.reader.fail(node, where, "expected a date (YYYY-MM-DD)")
        return value

    def _range(self, field: Field, keys: dict[str, Node], where: str) -> dict[str, object]:
        reader = self.reader
        whole = field.type is not FieldType.NUMBER
        if field.type is FieldType.NUMBER and "integer" in keys:
            whole = reader.boolean(keys["integer"], where)
        read = reader.integer if whole else reader.number
        low = read(keys["min"], where) if "min" in keys else None
        high = read(keys["max"], where) if "max" in keys else None
        if field.type is FieldType.YEAR:
            low = _DEFAULT_YEARS[0] if low is None else low
            high = _DEFAULT_YEARS[1] if high is None else high
            if not 1 <= low <= 9999 or not 1 <= high <= 9999:
                reader.fail(keys.get("min", keys["type"]), where, "years run from 1 to 9999")
        if field.type is FieldType.SCALE and (low is None or high is None):
            reader.fail(keys["type"], where, "a scale needs 'min' and 'max'")
        if low is not None and high is not None and low > high:
            reader.fail(keys["min"], where, "min is above max")
        if field.type is FieldType.SCALE and high - low > 100:  # type: ignore[operator]
            reader.fail(keys["max"], where, "a scale has at most 101 points")
        return {"minimum": low, "maximum": high, "integer": whole}

    def _anchors(
        self, keys: dict[str, Node], where: str, limits: dict[str, object]
    ) -> tuple[tuple[int, str], ...]:
        node = keys.get("anchors")
        if node is None:
            return ()
        reader = self.reader
        if not isinstance(node, MappingNode):
            reader.fail(
                node, where, f"anchors map scale points to labels, found {reader.kind(node)}"
            )
        anchors: dict[int, str] = {}
        for key_node, value_node in node.value:
            point = reader.integer(key_node, where)
            if not limits["minimum"] <= point <= limits["maximum"]:  # type: ignore[operator]
                reader.fail(key_node, where, f"anchor {point} is outside the scale")
            if point in anchors:
                reader.fail(key_node, where, f"duplicate anchor {point}")
            anchors[point] = reader.text(value_node, where)
        return tuple(sorted(anchors.items()))

    def _vocabulary(self, node: Node, field_id: str, where: str) -> Vocabulary:
        if isinstance(node, SequenceNode):
            vocabulary = read_choices(self.reader, node, where, field_id)
            if field_id in self.vocabularies:
                self.reader.fail(
                    node, where, f"inline choices clash with vocabulary {show(field_id)}"
                )
            self.vocabularies[field_id] = vocabulary
            return vocabulary
        name = self.reader.text(node, where)
        if name not in self.vocabularies:
            known = ", ".join(self.vocabularies) or "none are defined"
            self.reader.fail(node, where, f"unknown vocabulary {show(name)} (known: {known})")
        return self.vocabularies[name]

    def _roles(self, field: Field, keys: dict[str, Node], where: str) -> Field:
        reader = self.reader

        def flag(key: str) -> bool:
            return key in keys and reader.boolean(keys[key], where)

        identity, qi, sensitive, anonymise = (
            flag("identity"),
            flag("quasi_identifier"),
            flag("sensitive"),
            flag("anonymise"),
        )
        line = line_of(keys["type"])
        if "kind" in keys and not identity:
            reader.fail(keys["kind"], where, "'kind' is only for identity fields")
        if identity:
            if "kind" not in keys:
                reader.fail(
                    keys["identity"],
                    where,
                    f"an identity field needs a 'kind' ({', '.join(IdentityKind)})",
                )
            if field.type not in TEXT_TYPES:
                reader.fail(line, where, "identity fields are text or long_text")
            clash = [
                k
                for k, on in (
                    ("quasi_identifier", qi),
                    ("sensitive", sensitive),
                    ("anonymise", anonymise),
                    ("consent", "consent" in keys),
                )
                if on
            ]
            if clash:
                reader.fail(
                    keys["identity"],
                    where,
                    f"an identity field is never exported, so it cannot also be {clash[0]}",
                )
            kind = IdentityKind(reader.choice(keys["kind"], where, list(IdentityKind), "kind"))
            field = dataclasses.replace(field, identity=kind)
        if anonymise and field.type not in TEXT_TYPES:
            reader.fail(keys["anonymise"], where, "only text and long_text can be anonymised")
        if sensitive and field.type in TEXT_TYPES:
            reader.fail(
                keys["sensitive"],
                where,
                "free text cannot be a sensitive attribute; use a coded field",
            )
        if "consent" in keys:
            if qi or sensitive or anonymise:
                reader.fail(keys["consent"], where, "a consent field has no other role")
            consent = ConsentKind(
                reader.choice(keys["consent"], where, list(ConsentKind), "consent")
            )
            field = dataclasses.replace(field, consent=consent)
        if qi != ("hierarchy" in keys):
            node = keys.get("hierarchy", keys.get("quasi_identifier", keys["type"]))
            reader.fail(node, where, "a quasi_identifier needs a 'hierarchy', and only it has one")
        if qi:
            hierarchy = self._hierarchy(keys["hierarchy"], field.id, where)
            check_hierarchy(reader, line_of(keys["hierarchy"]), field, hierarchy)
            self.used_hierarchies[hierarchy.name] = hierarchy
            field = dataclasses.replace(field, hierarchy=hierarchy)
        return dataclasses.replace(field, sensitive=sensitive, anonymise=anonymise)

    def _hierarchy(self, node: Node, field_id: str, where: str) -> Hierarchy:
        if isinstance(node, SequenceNode):
            if field_id in self.hierarchies:
                self.reader.fail(node, where, f"inline hierarchy clashes with {show(field_id)}")
            return read_hierarchy(self.reader, node, where, field_id, self.vocabularies)
        name = self.reader.text(node, where)
        if name not in self.hierarchies:
            known = ", ".join(self.hierarchies) or "none are defined"
            self.reader.fail(node, where, f"unknown hierarchy {show(name)} (known: {known})")
        return self.hierarchies[name]


def _canonical(node: Node) -> object:
    """The document's content, independent of layout, comments and key order."""
    if isinstance(node, ScalarNode):
        return [str(node.tag), str(node.value)]
    if isinstance(node, SequenceNode):
        return [_canonical(item) for item in node.value]
    pairs = [[_canonical(key), _canonical(value)] for key, value in node.value]
    return sorted(pairs, key=json.dumps)
