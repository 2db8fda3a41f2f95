"""Reading a composed YAML node tree while keeping every value's line number.

The loader never builds Python objects from the whole document: it composes the
node tree (safe loading only, aliases refused) and reads it node by node, so that
every error can name the line it comes from.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Collection, Iterable
from typing import NoReturn

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from intake.protocol.errors import ProtocolError

_TAG = "tag:yaml.org,2002:"
_KINDS = {
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "a yes/no value",
    "null": "nothing",
    "timestamp": "a date",
    "binary": "binary data",
}
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str, limit: int = 200) -> str:
    """Text made safe for a one-line message: control characters escaped, length capped."""
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", " ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def show(value: object) -> str:
    """A value quoted for a message, on one line."""
    return "'" + one_line(str(value), 60) + "'"


class _Composer(yaml.SafeLoader):
    """The safe loader's composer, refusing aliases (they can blow up or loop)."""

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in a protocol", event.start_mark
            )
        return super().compose_node(parent, index)


def line_of(node: Node) -> int:
    """The 1-based line a node starts on."""
    return int(node.start_mark.line) + 1


class Reader:
    """Typed access to the nodes of one protocol document, failing with its line."""

    def __init__(self, source: str) -> None:
        self.source = source
        """The name used in error messages."""
        self.language = ""
        """The protocol's language: a label given in several must be given in it."""
        self.translations: dict[str, dict[str, str]] = {}
        """Labels in other languages: tag -> {label in the protocol's language: translation}."""

    def fail(self, node: Node | int | None, where: str, detail: str) -> NoReturn:
        """Raise a :class:`ProtocolError` at the node's line."""
        line = line_of(node) if isinstance(node, Node) else node
        raise ProtocolError(self.source, line, f"{where}: {detail}" if where else detail)

    def compose(self, text: str) -> Node:
        """The document's root node; YAML errors become protocol errors."""
        try:
            root = yaml.compose(text, Loader=_Composer)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            problem = one_line(error.problem or error.context or "unreadable")
            line = int(mark.line) + 1 if mark is not None else None
            raise ProtocolError(self.source, line, f"not valid YAML: {problem}") from None
        except yaml.YAMLError as error:
            raise ProtocolError(
                self.source, None, f"not valid YAML: {one_line(str(error))}"
            ) from None
        except RecursionError:
            raise ProtocolError(self.source, None, "not valid YAML: nested too deeply") from None
        if root is None:
            raise ProtocolError(self.source, 1, "the file is empty")
        return root

    def kind(self, node: Node) -> str:
        """What a node holds, in words."""
        if isinstance(node, MappingNode):
            return "a mapping"
        if isinstance(node, SequenceNode):
            return "a list"
        tag = str(node.tag)
        return (
            _KINDS.get(tag.removeprefix(_TAG), "a tagged value")
            if tag.startswith(_TAG)
            else ("a tagged value")
        )

    def scalar(self, node: Node, where: str) -> object:
        """The Python value of a scalar node (safe constructors only)."""
        if not isinstance(node, ScalarNode):
            self.fail(node, where, f"expected a single value, found {self.kind(node)}")
        if not str(node.tag).startswith(_TAG):
            self.fail(node, where, f"tags such as {show(node.tag)} are not allowed")
        try:
            return yaml.constructor.SafeConstructor().construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError):
            self.fail(node, where, f"cannot read the value {show(node.value)}")

    def mapping(
        self,
        node: Node,
        where: str,
        *,
        required: Collection[str] = (),
        optional: Collection[str] = (),
        open_keys: bool = False,
    ) -> dict[str, Node]:
        """A mapping's values by key, refusing duplicate, missing and (unless open) unknown keys."""
        if not isinstance(node, MappingNode):
            self.fail(node, where, f"expected a mapping, found {self.kind(node)}")
        allowed = [*required, *optional]
        values: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node, where)
            if not isinstance(key, str):
                self.fail(key_node, where, f"keys must be text, found {self.kind(key_node)}")
            if key in values:
                self.fail(key_node, where, f"duplicate key {show(key)}")
            if not open_keys and key not in allowed:
                self.fail(key_node, where, f"unknown key {show(key)}{_suggest(key, allowed)}")
            values[key] = value_node
        missing = [key for key in required if key not in values]
        if missing:
            self.fail(node, where, f"missing {show(missing[0])}")
        return values

    def sequence(self, node: Node, where: str, *, non_empty: bool = True) -> list[Node]:
        """A list's item nodes."""
        if not isinstance(node, SequenceNode):
            self.fail(node, where, f"expected a list, found {self.kind(node)}")
        if non_empty and not node.value:
            self.fail(node, where, "the list is empty")
        return list(node.value)

    def text(self, node: Node, where: str, *, allow_empty: bool = False) -> str:
        """A text value; a yes/no or number where text was meant gets a hint to quote it."""
        value = self.scalar(node, where)
        if not isinstance(value, str):
            hint = "; put it in quotes" if isinstance(node, ScalarNode) and node.value else ""
            self.fail(node, where, f"expected text, found {self.kind(node)}{hint}")
        if not allow_empty and not value.strip():
            self.fail(node, where, "the text is empty")
        return value

    def label(self, node: Node, where: str) -> str:
        """A text shown to people: plain, or in several languages (``{en: …, fr: …}``).

        The text in the protocol's language is returned (it is what records, exports
        and codebooks use); the others are kept in :attr:`translations`.
        """
        if not isinstance(node, MappingNode):
            return self.text(node, where)
        texts = {
            key: self.text(value, f"{where} ({key})")
            for key, value in self.mapping(node, where, open_keys=True).items()
        }
        for key in texts:
            if not _LANGUAGE_TAG.fullmatch(key):
                self.fail(node, where, f"{show(key)} is not a language tag")
        own = texts.get(self.language)
        if own is None:
            self.fail(node, where, f"no text in the protocol's language {show(self.language)}")
        for key, text in texts.items():
            if key != self.language:
                self.translations.setdefault(key, {})[own] = text
        return own

    def integer(self, node: Node, where: str) -> int:
        """A whole number (yes/no values are not numbers)."""
        value = self.scalar(node, where)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(node, where, f"expected a whole number, found {self.kind(node)}")
        return value

    def number(self, node: Node, where: str) -> int | float:
        """A finite number."""
        value = self.scalar(node, where)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(node, where, f"expected a number, found {self.kind(node)}")
        if isinstance(value, float) and not math.isfinite(value):
            self.fail(node, where, "the number must be finite")
        return value

    def boolean(self, node: Node, where: str) -> bool:
        """A yes/no value (``true``/``false`` or ``yes``/``no``)."""
        value = self.scalar(node, where)
        if not isinstance(value, bool):
            self.fail(node, where, f"expected true or false, found {self.kind(node)}")
        return value

    def choice(self, node: Node, where: str, options: Iterable[str], what: str) -> str:
        """One of a fixed set of words."""
        options = list(options)
        value = self.scalar(node, where)
        if not isinstance(value, str) or value not in options:
            self.fail(
                node,
                where,
                f"unknown {what} {show(value)} (expected one of {', '.join(options)})",
            )
        return value


def _suggest(word: str, options: Collection[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1)
    if close:
        return f" (did you mean {show(close[0])}?)"
    return f" (expected one of {', '.join(options)})" if options else ""
