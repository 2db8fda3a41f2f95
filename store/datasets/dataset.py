"""The neutral export dataset: what every writer takes, knowing nothing of protocols.

A dataset is a table (variables and rows) plus text documents with coded
selections and a codebook of codes. The glue that reads records builds it;
each writer turns it into one research format. Values are plain Python:
``int``, ``float``, ``str`` or ``None`` for a missing answer.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from store.datasets.table import BATCH_ROWS, AnyColumn, Column, Table, TextColumn
from store.datasets.table import Cell as Cell

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,31}")
MAX_MISSING_VALUES = 3
"""SPSS declares at most three discrete missing values per variable."""
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 and C1 control characters except tab and newline: terminal escapes, carriage returns."""


def printable(text: str) -> str:
    """``text`` without control characters other than tab and newline.

    Escape sequences typed or pasted into testimony (clipboard writes, title
    changes) must not reach a researcher's terminal from an exported file.
    """
    return _CONTROL.sub("", text)


class Measure(enum.StrEnum):
    """The level of measurement (SPSS's measure), which decides the statistics that make sense."""

    NOMINAL = "nominal"
    """Unordered categories."""
    ORDINAL = "ordinal"
    """Ordered categories (a scale, a band, a period)."""
    SCALE = "scale"
    """Numbers (counts, years, minutes)."""


class VariableType(enum.StrEnum):
    """The storage type of a variable; coded categories are integers with value labels."""

    INTEGER = "integer"
    NUMBER = "number"
    STRING = "string"


@dataclass(frozen=True)
class Variable:
    """One column: a name every package accepts, its label, type and value labels."""

    name: str
    """At most 32 characters, a letter then letters, digits or ``_`` (SPSS, Stata, R)."""
    label: str
    """The question or a short description (the variable label)."""
    type: VariableType
    """How values are stored."""
    value_labels: tuple[tuple[int, str], ...] = ()
    """Code to label, for integer-coded categories."""
    description: str = ""
    """A longer explanation for the codebook and the field descriptions."""
    minimum: int | float | None = None
    """Smallest value the variable can take, when known (a constraint)."""
    maximum: int | float | None = None
    """Largest value the variable can take, when known."""
    required: bool = False
    """Whether every row has a value (the row identifier)."""
    missing_values: tuple[int, ...] = ()
    """Codes that are declared non-answers ("prefers not to say"), each with a value label."""
    measure: Measure | None = None
    """The level of measurement; by default nominal for codes and text, scale for numbers."""

    def __post_init__(self) -> None:
        if not _NAME.fullmatch(self.name):
            raise ValueError(f"{self.name!r} is not a valid variable name")
        if self.value_labels and self.type is not VariableType.INTEGER:
            raise ValueError(f"{self.name}: value labels need an integer variable")
        if not set(self.missing_values) <= {code for code, _label in self.value_labels}:
            raise ValueError(f"{self.name}: every missing value needs a value label")
        if len(self.missing_values) > MAX_MISSING_VALUES:
            raise ValueError(f"{self.name}: at most {MAX_MISSING_VALUES} missing values")

    @property
    def level(self) -> Measure:
        """The level of measurement, given or by default."""
        if self.measure is not None:
            return self.measure
        if self.categorical or self.type is VariableType.STRING:
            return Measure.NOMINAL
        return Measure.SCALE

    @property
    def categorical(self) -> bool:
        """Whether the values are codes with labels."""
        return bool(self.value_labels)

    def labels(self) -> dict[int, str]:
        """Code to label."""
        return dict(self.value_labels)


@dataclass(frozen=True)
class Code:
    """A code of the qualitative codebook (REFI-QDA ``Code``), possibly with children."""

    id: str
    """Stable id within the export (the writers derive GUIDs from it)."""
    name: str
    """The code's name as analysts see it."""
    description: str = ""
    """What it means."""
    children: tuple[Code, ...] = ()
    """Sub-codes."""
    codable: bool = True
    """Whether text can be coded with it (a pure grouping code is not)."""

    def walk(self) -> list[Code]:
        """This code and every descendant, depth first."""
        return [self, *(code for child in self.children for code in child.walk())]


@dataclass(frozen=True)
class Selection:
    """A coded span of a document, in code points (Python string indices)."""

    start: int
    """First code point, inclusive."""
    end: int
    """Last code point, exclusive."""
    code_id: str
    """The :class:`Code` applied."""
    name: str = ""
    """A short name for the span (e.g. the section's title)."""


@dataclass(frozen=True)
class Document:
    """The redacted text of one testimony, with coded selections."""

    id: str
    """The row identifier it belongs to (the respondent's export id)."""
    name: str
    """A file-safe name (letters, digits, ``-`` and ``_``)."""
    text: str
    """The redacted text, sections separated by headings."""
    selections: tuple[Selection, ...] = ()
    """Coded spans; offsets are code points into :attr:`text`."""

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", self.name):
            raise ValueError(f"{self.name!r} is not a safe document name")
        if _CONTROL.search(self.text):
            raise ValueError(f"document {self.name}: control characters (clean it with printable)")
        for selection in self.selections:
            if not 0 <= selection.start <= selection.end <= len(self.text):
                raise ValueError(f"selection {selection.start}..{selection.end} outside the text")


DocumentStream = Callable[[], Iterator[Document]]
"""Produces the documents afresh, in row order, each time it is called."""


@dataclass(frozen=True)
class Dataset:
    """Everything an export writes, in neutral form."""

    name: str
    """A short, file-safe name (e.g. ``defector-interview-1.0``)."""
    title: str
    """A human title."""
    id_variable: str
    """The variable that identifies rows (and links documents to rows)."""
    variables: tuple[Variable, ...]
    """The columns, in order."""
    rows: Sequence[Mapping[str, Cell]]
    """One mapping per record: variable name to value (a :class:`Table` for a large export,
    held by column)."""
    documents: tuple[Document, ...] | DocumentStream = ()
    """One text per record that has any: held, or produced afresh in row order by a
    stream each time a writer reads them (so an archive's texts never sit in memory)."""
    codes: tuple[Code, ...] = ()
    """The qualitative codebook (top-level codes)."""
    description: str = ""
    """What the dataset holds."""
    creator: str = "testimony-intake"
    """Who made it, by a pseudonym (the REFI-QDA user every coding is credited to)."""
    document_ids: frozenset[str] = frozenset()
    """The rows a stream of documents covers (given with a stream; held documents set it)."""
    _by_name: dict[str, Variable] = field(init=False, repr=False, compare=False, hash=False)
    _documents: dict[str, Document] = field(init=False, repr=False, compare=False, hash=False)
    _code_ids: frozenset[str] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        by_name = {variable.name: variable for variable in self.variables}
        if len(by_name) != len(self.variables):
            raise ValueError("variable names must be unique")
        if self.id_variable not in by_name:
            raise ValueError(f"the id variable {self.id_variable!r} is not a variable")
        object.__setattr__(self, "_by_name", by_name)
        labels = [variable.label for variable in self.variables]
        if len(set(labels)) != len(labels):
            raise ValueError("variable labels must be unique (researchers tell them apart by it)")
        _check_code_names(self.codes)
        object.__setattr__(self, "_code_ids", frozenset(c.id for c in self.all_codes()))
        if isinstance(self.documents, tuple):
            documents = {document.id: document for document in self.documents}
            if len(documents) != len(self.documents):
                raise ValueError("each row has at most one document")
            object.__setattr__(self, "_documents", documents)
            object.__setattr__(self, "document_ids", frozenset(documents))
            for document in self.documents:
                self._check_document(document)
        else:
            object.__setattr__(self, "_documents", {})
        held = (
            [set(self.rows.names)] if isinstance(self.rows, Table) else (set(r) for r in self.rows)
        )
        for names in held:
            unknown = names - set(by_name)
            if unknown:
                raise ValueError(f"rows hold unknown variables: {sorted(unknown)}")

    def variable(self, name: str) -> Variable:
        """The variable with this name."""
        return self._by_name[name]

    def column(self, name: str) -> list[Cell]:
        """Every row's value of one variable."""
        if isinstance(self.rows, Table):
            return self.rows.column(name)
        return [row.get(name) for row in self.rows]

    def column_of(self, name: str) -> AnyColumn:
        """One variable's values held by column (the table's own column when it has one)."""
        if isinstance(self.rows, Table):
            found = self.rows.columns.get(name)
            if found is not None:
                return found
        return Column.of(self.column(name))

    def distinct(self, name: str) -> Iterator[list[Cell]]:
        """The values of one variable, each at least once, a batch at a time.

        Every row's value, unless the table holds it by column: then each
        distinct value once (a text column's, a block of rows at a time).
        """
        if not isinstance(self.rows, Table):
            yield self.column(name)
            return
        found = self.rows.columns.get(name)
        if found is None:
            yield [None] if len(self.rows) else []
        elif isinstance(found, TextColumn):
            yield from found.blocks()
        else:
            yield found.used()

    def batches(
        self, names: Sequence[str], rows: int = BATCH_ROWS
    ) -> Iterator[list[tuple[Cell, ...]]]:
        """The rows' values of ``names`` (a tuple each), in row order, ``rows`` at a time."""
        if isinstance(self.rows, Table):
            yield from self.rows.batches(names, rows)
            return
        for start in range(0, len(self.rows), rows):
            held = self.rows[start : start + rows]
            yield [tuple(row.get(name) for name in names) for row in held]

    def column_batches(
        self, names: Sequence[str], rows: int = BATCH_ROWS
    ) -> Iterator[list[list[Cell]]]:
        """The values of ``names`` (a list each) in row order, ``rows`` rows at a time."""
        if isinstance(self.rows, Table):
            yield from self.rows.column_batches(names, rows)
            return
        for start in range(0, len(self.rows), rows):
            held = self.rows[start : start + rows]
            yield [[row.get(name) for row in held] for name in names]

    def all_codes(self) -> list[Code]:
        """Every code, depth first."""
        return [code for top in self.codes for code in top.walk()]

    def document_for(self, row_id: str) -> Document | None:
        """The document of a row, if it has one and the documents are held (not streamed)."""
        return self._documents.get(row_id)

    def has_document(self, row_id: str) -> bool:
        """Whether a row has a document."""
        return row_id in self.document_ids

    @property
    def document_count(self) -> int:
        """How many rows have a document."""
        return len(self.document_ids)

    def iter_documents(self) -> Iterator[Document]:
        """Every document in row order, checked as it passes (a stream is read afresh)."""
        if isinstance(self.documents, tuple):
            yield from self.documents
            return
        seen: set[str] = set()
        for document in self.documents():
            if document.id not in self.document_ids or document.id in seen:
                raise ValueError("the stream of documents does not match its rows")
            self._check_document(document)
            seen.add(document.id)
            yield document
        if len(seen) != len(self.document_ids):
            raise ValueError("the stream of documents does not match its rows")

    def rows_with_documents(self) -> Iterator[tuple[Mapping[str, Cell], Document | None]]:
        """Each row with its document, if any (the documents come in row order)."""
        documents = self.iter_documents()
        pending = next(documents, None)
        for row in self.rows:
            row_id = str(row.get(self.id_variable))
            if pending is not None and pending.id == row_id:
                yield row, pending
                pending = next(documents, None)
            else:
                yield row, None
        if pending is not None:
            raise ValueError("the documents are not in the order of the rows")

    def _check_document(self, document: Document) -> None:
        for selection in document.selections:
            if selection.code_id not in self._code_ids:
                raise ValueError(f"selection codes {selection.code_id!r}, not in the codebook")


def _check_code_names(siblings: Sequence[Code]) -> None:
    """Codes under one parent (and at the top) need distinct names, all the way down."""
    names = [code.name for code in siblings]
    if len(set(names)) != len(names):
        raise ValueError("codes under one parent must have distinct names")
    for code in siblings:
        _check_code_names(code.children)


def check_values(dataset: Dataset) -> None:
    """Refuse values that do not fit their variable's type (before any writer runs)."""
    for variable in dataset.variables:
        for value in (v for batch in dataset.distinct(variable.name) for v in batch):
            if value is None:
                if variable.required:
                    raise ValueError(f"{variable.name} is required but missing in a row")
                continue
            if variable.type is VariableType.INTEGER:
                ok = isinstance(value, int) and not isinstance(value, bool)
            elif variable.type is VariableType.NUMBER:
                ok = isinstance(value, int | float) and not isinstance(value, bool)
            else:
                ok = isinstance(value, str)
                if ok and _CONTROL.search(str(value)):
                    raise ValueError(f"{variable.name} holds control characters")
            if not ok:
                raise ValueError(f"{variable.name} holds a value of the wrong type")


def codebook_lines(variables: Sequence[Variable], documents_note: str = "") -> list[str]:
    """A plain-text codebook: each variable, its label, type and value labels."""
    lines: list[str] = []
    for variable in variables:
        lines.append(f"{variable.name}\t{variable.label}")
        lines.append(f"    type: {variable.type.value}, {variable.level.value}")
        if variable.description:
            lines.append(f"    {variable.description}")
        if variable.minimum is not None or variable.maximum is not None:
            lines.append(f"    range: {variable.minimum} to {variable.maximum}")
        for code, label in variable.value_labels:
            missing = " (missing)" if code in variable.missing_values else ""
            lines.append(f"    {code} = {label}{missing}")
    if documents_note:
        lines.extend(["", documents_note])
    return lines


def value_label_map(variables: Sequence[Variable]) -> Mapping[str, dict[int, str]]:
    """Variable name to its value labels, for the categorical variables."""
    return {v.name: v.labels() for v in variables if v.categorical}
