"""Reading one field of a protocol: its type, its constraints and its roles."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime

from yaml.nodes import MappingNode, Node, SequenceNode

from intake.protocol.model import (
    CHOICE_TYPES,
    TEXT_TYPES,
    ConsentKind,
    Field,
    FieldType,
    Hierarchy,
    IdentityKind,
    Vocabulary,
)
from intake.protocol.parts import check_hierarchy, read_choices, read_hierarchy, read_name
from intake.protocol.yamlnodes import Reader, line_of, show

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


class FieldReader:
    """Reads fields against the vocabularies and hierarchies read so far."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        """Where nodes are read from, and errors raised."""
        self.vocabularies: dict[str, Vocabulary] = {}
        """Named vocabularies, and inline choices under their field's id."""
        self.hierarchies: dict[str, Hierarchy] = {}
        """Named hierarchies."""
        self.used_hierarchies: dict[str, Hierarchy] = {}
        """Every hierarchy a field uses, named or inline."""

    def read_field(self, node: Node, step_where: str) -> tuple[Field, Node | None]:
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
            label=reader.label(keys["label"], where),
            type=field_type,
            line=line_of(node),
            help=reader.label(keys["help"], where) if "help" in keys else "",
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
            anchors[point] = reader.label(value_node, where)
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
