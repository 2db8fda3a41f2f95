"""Loading a protocol file: safe YAML, every rule checked, errors with line numbers."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from importlib import resources
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from anonymise.settlement import KEEP, MASK, RESEARCH_KINDS
from intake.protocol.errors import ProtocolError
from intake.protocol.fields import FieldReader
from intake.protocol.model import (
    ConsentKind,
    Field,
    FieldType,
    Protocol,
    Step,
)
from intake.protocol.parts import (
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
_TOP_OPTIONAL = (
    "description",
    "research_terms",
    "research_content",
    "vocabularies",
    "hierarchies",
)
_STEP_KEYS = ("id", "title", "fields")
_STEP_OPTIONAL = ("intro", "when")


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


class _Loader(FieldReader):
    """One load: the reader, and what has been read so far."""

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
        reader.language = language
        if "vocabularies" in keys:
            self.vocabularies = read_vocabularies(reader, keys["vocabularies"])
        if "hierarchies" in keys:
            self._read_hierarchies(keys["hierarchies"])
        steps = self._read_steps(keys["steps"])
        return Protocol(
            id=protocol_id,
            version=self._version(keys["version"]),
            title=reader.label(keys["title"], "title"),
            language=language,
            format=file_format,
            steps=steps,
            vocabularies=tuple(self.vocabularies.values()),
            hierarchies=tuple({**self.hierarchies, **self.used_hierarchies}.values()),
            research_terms=self._research_terms(keys.get("research_terms")),
            research_content=self._research_content(keys.get("research_content")),
            fingerprint=hashlib.sha256(json.dumps(_canonical(root, top=True)).encode()).hexdigest(),
            source=reader.source,
            description=reader.label(keys["description"], "description")
            if "description" in keys
            else "",
            translations=reader.translations,
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

    def _research_content(self, node: Node | None) -> dict[str, str]:
        """Kinds of research content (dates, ages, nationality, occupation) and whether
        their mentions are masked or kept readable without a reviewer's decision."""
        if node is None:
            return {}
        reader = self.reader
        content: dict[str, str] = {}
        for kind, value in reader.mapping(node, "research_content", open_keys=True).items():
            where = f"research_content {show(kind)}"
            if kind not in RESEARCH_KINDS:
                reader.fail(value, where, f"is not one of {', '.join(RESEARCH_KINDS)}")
            action = reader.text(value, where)
            if action not in (MASK, KEEP):
                reader.fail(value, where, f"{show(action)} must be 'mask' or 'keep'")
            content[kind] = action
        return content

    def _read_hierarchies(self, node: Node) -> None:
        for name, value in self.reader.mapping(node, "hierarchies", open_keys=True).items():
            where = f"hierarchy {show(name)}"
            if name in self.vocabularies or not re.fullmatch(r"[a-z][a-z0-9_]{0,31}", name):
                self.reader.fail(value, where, "needs a lower-case name of its own")
            self.hierarchies[name] = read_hierarchy(
                self.reader, value, where, name, self.vocabularies
            )

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
                field, when = self.read_field(field_node, where)
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
                    title=reader.label(keys["title"], where),
                    fields=tuple(step_fields),
                    line=line_of(item),
                    intro=reader.label(keys["intro"], where) if "intro" in keys else "",
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


def _canonical(node: Node, *, top: bool = False) -> object:
    """The document's content, independent of layout, comments and key order."""
    if isinstance(node, ScalarNode):
        return [str(node.tag), str(node.value)]
    if isinstance(node, SequenceNode):
        return [_canonical(item) for item in node.value]
    pairs = [
        [_canonical(key), _canonical(value)]
        for key, value in node.value
        if not (_EXPORT_ONLY.get(str(key.value)) and _is_choice(node))
        and not (top and str(key.value) in _REVIEW_ONLY)
    ]
    return sorted(pairs, key=json.dumps)


_REVIEW_ONLY = frozenset(["research_content"])
"""Top-level keys that change only how a review is settled, not what was asked or what
the data mean: records keep matching the protocol's fingerprint when they change."""


_EXPORT_ONLY = {"missing": True}
"""Choice keys that change only how answers are exported, not what was asked: records
taken before a choice was declared missing still match the protocol's fingerprint."""


def _is_choice(node: Node) -> bool:
    keys = {str(key.value) for key, _value in node.value if isinstance(key, ScalarNode)}
    return {"code", "label"} <= keys
