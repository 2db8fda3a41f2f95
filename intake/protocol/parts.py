"""Reading the reusable parts of a protocol: vocabularies, hierarchies and conditions."""

from __future__ import annotations

import re
from collections.abc import Mapping

from yaml.nodes import MappingNode, Node

from intake.protocol.model import (
    CHOICE_TYPES,
    NUMERIC_TYPES,
    Category,
    Choice,
    Condition,
    ConditionValue,
    Field,
    FieldType,
    Hierarchy,
    Level,
    Op,
    Vocabulary,
)
from intake.protocol.yamlnodes import Reader, show

NAME = re.compile(r"[a-z][a-z0-9_]{0,31}")
"""Names of fields, steps, vocabularies and levels: valid variable names everywhere."""
CODE_LIMIT = 2_147_483_647
"""Codes must fit a 32-bit integer (Stata and SPSS value labels)."""


def read_name(reader: Reader, node: Node, where: str, what: str) -> str:
    """An identifier: lower case letters, digits and underscores, at most 32 characters."""
    name = reader.text(node, where)
    if not NAME.fullmatch(name):
        reader.fail(
            node,
            where,
            f"{what} {show(name)} must be lower-case letters, digits and underscores, "
            "starting with a letter, at most 32 characters",
        )
    return name


MISSING_LIMIT = 3
"""Declared missing choices a vocabulary may have: SPSS keeps at most three per variable."""


def read_choices(reader: Reader, node: Node, where: str, name: str) -> Vocabulary:
    """A list of ``{code, label}`` choices with unique integer codes and labels."""
    choices: list[Choice] = []
    labels: set[str] = set()
    for item in reader.sequence(node, where):
        keys = reader.mapping(
            item,
            where,
            required=("code", "label"),
            optional=("help", "other", "exclusive", "missing"),
        )
        code = reader.integer(keys["code"], where)
        if not -CODE_LIMIT <= code <= CODE_LIMIT:
            reader.fail(keys["code"], where, f"code {code} does not fit a 32-bit integer")
        if any(choice.code == code for choice in choices):
            reader.fail(keys["code"], where, f"duplicate code {code}")
        label = reader.label(keys["label"], where)
        if label.casefold() in labels:
            reader.fail(keys["label"], where, f"duplicate label {show(label)}")
        labels.add(label.casefold())
        choices.append(
            Choice(
                code=code,
                label=label,
                help=reader.label(keys["help"], where) if "help" in keys else "",
                other="other" in keys and reader.boolean(keys["other"], where),
                exclusive="exclusive" in keys and reader.boolean(keys["exclusive"], where),
                missing="missing" in keys and reader.boolean(keys["missing"], where),
            )
        )
    if sum(choice.other for choice in choices) > 1:
        reader.fail(node, where, "only one choice can be the 'other' choice")
    if sum(choice.missing for choice in choices) > MISSING_LIMIT:
        reader.fail(
            node, where, f"at most {MISSING_LIMIT} choices can be missing (SPSS declares three)"
        )
    return Vocabulary(name=name, choices=tuple(choices))


def read_vocabularies(reader: Reader, node: Node) -> dict[str, Vocabulary]:
    """The protocol's ``vocabularies:`` section."""
    vocabularies: dict[str, Vocabulary] = {}
    for name, value in reader.mapping(node, "vocabularies", open_keys=True).items():
        where = f"vocabulary {show(name)}"
        if not NAME.fullmatch(name):
            reader.fail(value, where, "names are lower-case letters, digits and underscores")
        vocabularies[name] = read_choices(reader, value, where, name)
    return vocabularies


def read_hierarchy(
    reader: Reader, node: Node, where: str, name: str, vocabularies: Mapping[str, Vocabulary]
) -> Hierarchy:
    """A hierarchy's levels from most to least detailed, ending with ``suppressed``."""
    items = reader.sequence(node, where)
    last = items[-1]
    if isinstance(last, MappingNode) or reader.scalar(last, where) != "suppressed":
        reader.fail(last, where, "the last level must be 'suppressed'")
    levels: list[Level] = []
    for item in items[:-1]:
        if not isinstance(item, MappingNode):
            reader.fail(item, where, "'suppressed' can only be the last level")
        keys = reader.mapping(
            item, where, required=("level",), optional=("vocabulary", "groups", "ranges")
        )
        level = read_name(reader, keys["level"], where, "level")
        if any(existing.name == level for existing in levels):
            reader.fail(keys["level"], where, f"duplicate level {show(level)}")
        here = f"{where}, level {show(level)}"
        if "ranges" in keys:
            if "groups" in keys or "vocabulary" in keys:
                reader.fail(item, here, "a level has either ranges or vocabulary and groups")
            levels.append(Level(level, _ranges(reader, keys["ranges"], here)))
        elif "groups" in keys and "vocabulary" in keys:
            levels.append(Level(level, _groups(reader, keys, here, vocabularies)))
        else:
            reader.fail(item, here, "a level needs 'ranges', or 'vocabulary' and 'groups'")
    return Hierarchy(name=name, levels=tuple(levels))


def _ranges(reader: Reader, node: Node, where: str) -> tuple[Category, ...]:
    categories: list[Category] = []
    for item in reader.sequence(node, where):
        keys = reader.mapping(item, where, required=("code", "label", "from", "to"))
        low, high = reader.integer(keys["from"], where), reader.integer(keys["to"], where)
        if low > high:
            reader.fail(item, where, f"range {low}–{high} runs backwards")
        code = reader.integer(keys["code"], where)
        if any(c.code == code for c in categories):
            reader.fail(keys["code"], where, f"duplicate code {code}")
        for other in categories:
            assert other.low is not None and other.high is not None
            if low <= other.high and other.low <= high:
                reader.fail(item, where, f"range {low}–{high} overlaps {other.low}–{other.high}")
        label = reader.text(keys["label"], where)
        categories.append(Category(code=code, label=label, low=low, high=high))
    return tuple(sorted(categories, key=lambda c: c.low or 0))


def _groups(
    reader: Reader, keys: dict[str, Node], where: str, vocabularies: Mapping[str, Vocabulary]
) -> tuple[Category, ...]:
    name = reader.text(keys["vocabulary"], where)
    target = vocabularies.get(name)
    if target is None:
        reader.fail(keys["vocabulary"], where, f"unknown vocabulary {show(name)}")
    groups = keys["groups"]
    if not isinstance(groups, MappingNode) or not groups.value:
        reader.fail(groups, where, "groups map each code of the vocabulary to a list of codes")
    categories: list[Category] = []
    seen: set[int] = set()
    for key_node, value_node in groups.value:
        code = reader.integer(key_node, where)
        if code not in target.codes:
            reader.fail(key_node, where, f"code {code} is not in vocabulary {show(name)}")
        if any(c.code == code for c in categories):
            reader.fail(key_node, where, f"duplicate group {code}")
        members: set[int] = set()
        for member_node in reader.sequence(value_node, where):
            member = reader.integer(member_node, where)
            if member in seen or member in members:
                reader.fail(member_node, where, f"code {member} is in more than one group")
            members.add(member)
        seen |= members
        label = target.choice(code).label
        categories.append(Category(code=code, label=label, members=frozenset(members)))
    return tuple(categories)


CODED_TYPES = (FieldType.SINGLE_CHOICE, FieldType.MULTIPLE_CHOICE)
"""Fields whose hierarchy groups codes."""


def check_hierarchy(reader: Reader, line: int, field: Field, hierarchy: Hierarchy) -> None:
    """Fail unless the hierarchy fits the field and each level coarsens the one before."""
    where = f"field {show(field.id)}: hierarchy {show(hierarchy.name)}"
    if not hierarchy.levels:
        if field.type in (FieldType.TEXT, FieldType.LONG_TEXT):
            reader.fail(line, where, f"a {field.type} field cannot be a quasi-identifier")
        return
    if field.type in CODED_TYPES:  # a multiple choice: each chosen code is generalised
        assert field.vocabulary is not None
        domain = sorted(field.vocabulary.codes)
        for level in hierarchy.levels:
            if any(c.low is not None for c in level.categories):
                reader.fail(line, where, f"level {show(level.name)}: use groups for coded fields")
    elif field.type in NUMERIC_TYPES:
        if field.minimum is None or field.maximum is None:
            reader.fail(line, where, "a hierarchy of ranges needs the field's min and max")
        if field.type is FieldType.NUMBER and not field.integer:
            reader.fail(line, where, "a hierarchy of ranges needs 'integer: true'")
        if field.maximum - field.minimum > 100_000:
            reader.fail(line, where, "the field's range is too wide to check; narrow min and max")
        domain = list(range(int(field.minimum), int(field.maximum) + 1))
        for level in hierarchy.levels:
            if any(c.low is None for c in level.categories):
                reader.fail(line, where, f"level {show(level.name)}: use ranges for numbers")
    else:
        reader.fail(line, where, f"a {field.type} field can only be suppressed ([suppressed])")
    previous: dict[int, int] | None = None
    for level in hierarchy.levels:
        mapping: dict[int, int] = {}
        for value in domain:
            category = level.generalise(value)
            if category is None:
                reader.fail(line, where, f"level {show(level.name)} has no place for {value}")
            mapping[value] = category.code
        if previous is not None:
            merged: dict[int, tuple[int, int]] = {}
            for value in domain:
                first, code = merged.setdefault(previous[value], (value, mapping[value]))
                if code != mapping[value]:
                    reader.fail(
                        line,
                        where,
                        f"level {show(level.name)} splits {first} and {value}, which the "
                        "level before it groups together; each level must be coarser",
                    )
        previous = mapping
    if field.type in CODED_TYPES:
        for level in hierarchy.levels:
            extra = set().union(*(c.members for c in level.categories)) - set(domain)
            if extra:
                reader.fail(
                    line, where, f"level {show(level.name)} groups unknown code {min(extra)}"
                )


def read_condition(
    reader: Reader,
    node: Node,
    where: str,
    earlier: Mapping[str, Field],
    known: set[str],
    own: str | None = None,
) -> Condition:
    """A ``when:`` condition over the fields in ``earlier`` (``known`` holds every field id)."""
    if not isinstance(node, MappingNode):
        reader.fail(node, where, f"a condition is a mapping, found {reader.kind(node)}")
    combinators = {Op.ALL.value, Op.ANY.value, Op.NOT.value}
    comparisons = [op.value for op in Op if op.value not in combinators]
    keys = reader.mapping(node, where, optional=["field", *Op], open_keys=False)
    ops = [key for key in keys if key != "field"]
    if len(ops) != 1:
        reader.fail(node, where, f"a condition needs exactly one of {', '.join(Op)}")
    op = Op(ops[0])
    if op.value in combinators:
        if "field" in keys:
            reader.fail(node, where, f"'{op}' combines conditions and takes no 'field'")
        if op is Op.NOT:
            return Condition(
                op, terms=(read_condition(reader, keys["not"], where, earlier, known, own),)
            )
        terms = tuple(
            read_condition(reader, item, where, earlier, known, own)
            for item in reader.sequence(keys[op.value], where)
        )
        return Condition(op, terms=terms)
    if "field" not in keys:
        reader.fail(node, where, f"'{op}' needs a 'field'")
    field_id = reader.text(keys["field"], where)
    field = earlier.get(field_id)
    if field is None:
        if field_id == own:
            reader.fail(keys["field"], where, "a condition cannot refer to its own field")
        if field_id in known:
            reader.fail(
                keys["field"], where, f"condition refers to {show(field_id)}, which comes later"
            )
        reader.fail(keys["field"], where, f"condition refers to unknown field {show(field_id)}")
    value_node = keys[op.value]
    value = _condition_value(reader, value_node, f"{where}: {op} on {show(field_id)}", field, op)
    assert op.value in comparisons
    return Condition(op, field=field_id, value=value)


def _condition_value(
    reader: Reader, node: Node, where: str, field: Field, op: Op
) -> ConditionValue:
    if op is Op.ANSWERED:
        return reader.boolean(node, where)
    if op in (Op.AT_LEAST, Op.AT_MOST):
        if field.type not in NUMERIC_TYPES:
            reader.fail(node, where, f"only for numbers, years and scales, not {field.type}")
        return reader.number(node, where)
    if op is Op.INCLUDES:
        if field.type is not FieldType.MULTIPLE_CHOICE:
            reader.fail(node, where, "'includes' is for multiple-choice fields")
        return _code(reader, node, where, field)
    if op is Op.IN:
        if field.type is not FieldType.SINGLE_CHOICE:
            reader.fail(node, where, "'in' is for single-choice fields")
        return tuple(_code(reader, item, where, field) for item in reader.sequence(node, where))
    if field.type is FieldType.YES_NO:
        return reader.boolean(node, where)
    if field.type is FieldType.SINGLE_CHOICE:
        return _code(reader, node, where, field)
    if field.type in NUMERIC_TYPES:
        return reader.number(node, where)
    hint = "'includes'" if field.type in CHOICE_TYPES else "'answered'"
    return reader.fail(node, where, f"cannot compare a {field.type} field; use {hint}")


def _code(reader: Reader, node: Node, where: str, field: Field) -> int:
    code = reader.integer(node, where)
    assert field.vocabulary is not None
    if code not in field.vocabulary.codes:
        reader.fail(node, where, f"code {code} is not one of the field's choices")
    return code
