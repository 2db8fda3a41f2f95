"""From a protocol and its finished records to the neutral export dataset.

The builder decides what of a record can leave: the protocol's non-identity
coded answers (multiple choices as one 0/1 variable per choice, dates as their
year), redacted short free text, and one document per record of its redacted
long free text, coded by section and by answer. Identity fields and text the
anonymiser was not asked to scrub never become variables.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from anonymise.disclosure import LevelChoice, QuasiIdentifier, Value
from intake.protocol import Field, FieldType, Level, Protocol
from store.datasets import (
    Cell,
    Code,
    Document,
    Measure,
    Selection,
    Variable,
    VariableType,
    printable,
)
from store.datasets.table import AnyColumn, Column, ColumnBuilder, TextColumn, TextColumnBuilder

ID_VARIABLE = "respondent"
"""The name of the export's respondent-pseudonym column."""
_CHOSEN = ((0, "Not chosen"), (1, "Chosen"))

Rewrite = Callable[[str], str]
"""How a text is changed before it leaves (disclosure control of its markers)."""


def unchanged(text: str) -> str:
    return text


@dataclass(frozen=True)
class TextParts:
    """What a record's document is built from, kept small until disclosure control is done."""

    sections: tuple[tuple[str, str], ...]
    """Field id and redacted text of each long free-text answer given."""
    answers: tuple[tuple[str, int], ...]
    """Field id and code of each coded answer the whole text is coded with."""


def _level_function(level: Level) -> Callable[[Value], Value]:
    """A hierarchy level as a function from an answer to its category's code."""

    def generalise(value: Value) -> Value:
        if isinstance(value, tuple):  # a multiple choice: the set of its categories
            found = {level.generalise(code) for code in value}
            return tuple(sorted(c.code for c in found if c is not None))
        if not isinstance(value, int | float) or isinstance(value, bool):
            return None
        category = level.generalise(value)
        return None if category is None else category.code

    return generalise


def quasi_identifier(field: Field) -> QuasiIdentifier:
    assert field.hierarchy is not None
    levels = field.hierarchy.levels
    return QuasiIdentifier(
        field.id,
        tuple(_level_function(level) for level in levels),
        tuple(level.name for level in levels),
    )


class DatasetBuilder:
    """Turns one protocol's records into variables, rows, documents and codes."""

    def __init__(self, protocol: Protocol) -> None:
        self.protocol = protocol
        self.tabular = [
            f
            for f in protocol.fields
            if not f.protected
            and not f.anonymise
            and f.type not in (FieldType.TEXT, FieldType.LONG_TEXT)
        ]
        self.short_texts = [f for f in protocol.free_text_fields() if f.type is FieldType.TEXT]
        self.long_texts = [f for f in protocol.free_text_fields() if f.type is FieldType.LONG_TEXT]
        self.exported = {f.id for f in self.tabular}

    def withheld(self) -> tuple[str, ...]:
        return tuple(
            f.id
            for f in self.protocol.fields
            if f.protected or (f.type in (FieldType.TEXT, FieldType.LONG_TEXT) and not f.anonymise)
        )

    def row(
        self, respondent: str, document: Mapping[str, Any], *, with_text: bool = True
    ) -> dict[str, Value]:
        """The record's tabular values; short free text left empty unless ``with_text``."""
        answers = document.get("answers", {})
        row: dict[str, Value] = {ID_VARIABLE: respondent}
        for f in self.tabular:
            value = answers.get(f.id)
            if f.type is FieldType.MULTIPLE_CHOICE:
                row[f.id] = tuple(sorted(set(value))) if isinstance(value, list) else None
            elif f.type is FieldType.YES_NO:
                row[f.id] = None if not isinstance(value, bool) else int(value)
            elif f.type is FieldType.DATE:
                row[f.id] = (
                    int(value[:4]) if isinstance(value, str) and value[:4].isdigit() else None
                )
            elif isinstance(value, int | float) and not isinstance(value, bool):
                row[f.id] = value
            else:
                row[f.id] = None
        free = document.get("free_text", {})
        for f in self.short_texts:
            item = free.get(f.id)
            text = item.get("redacted") if with_text and isinstance(item, dict) else None
            row[f.id] = printable(text) if isinstance(text, str) else None
        return row

    def expand(
        self,
        row: Mapping[str, Value],
        rewrite: Rewrite = unchanged,
        depths: Mapping[str, int] | None = None,
    ) -> dict[str, Cell]:
        """A controlled row as cells: one 0/1 column per choice (or category), texts rewritten."""
        out: dict[str, Cell] = {}
        for name, value in row.items():
            out.update(self.expand_cell(name, value, rewrite, depths))
        return out

    def expand_cell(
        self,
        name: str,
        value: Value,
        rewrite: Rewrite = unchanged,
        depths: Mapping[str, int] | None = None,
    ) -> list[tuple[str, Cell]]:
        """One controlled value as the cells it becomes (several for a multiple choice)."""
        f = self._field(name)
        if f is not None and f.type is FieldType.MULTIPLE_CHOICE:
            level = _level_at(f, (depths or {}).get(f.id, 0))
            chosen = value if isinstance(value, tuple) else None
            if level is not None:
                return [
                    (
                        _dummy_name(f.id, category.code),
                        None if chosen is None else int(category.code in chosen),
                    )
                    for category in level.categories
                ]
            assert f.vocabulary is not None
            said = [c.code for c in f.vocabulary.choices if c.missing]
            not_said = next((code for code in said if chosen and code in chosen), None)
            cells: list[tuple[str, Cell]] = []
            for choice in f.vocabulary.choices:
                if choice.missing:
                    continue
                flag = None if chosen is None else int(choice.code in chosen)
                cells.append(
                    (_dummy_name(f.id, choice.code), flag if not_said is None else not_said)
                )
            return cells
        if isinstance(value, str):
            return [(name, rewrite(value))]
        return [(name, value if isinstance(value, int | float) else None)]

    def expand_columns(
        self,
        columns: Mapping[str, Column[Hashable] | TextColumn],
        rewriters: Sequence[Rewrite],
        rewriter_of_row: np.ndarray,
        depths: Mapping[str, int] | None = None,
    ) -> dict[str, AnyColumn]:
        """:meth:`expand` for a table held by column, each distinct value expanded once.

        Texts are rewritten row by row, row ``i`` by ``rewriters[rewriter_of_row[i]]``.
        """
        out: dict[str, AnyColumn] = {}
        for name, column in columns.items():
            if isinstance(column, TextColumn):
                texts = TextColumnBuilder()
                row = 0
                for block in column.blocks():
                    for value in block:
                        rewrite = rewriters[int(rewriter_of_row[row])]
                        texts.append(rewrite(value) if isinstance(value, str) else None)
                        row += 1
                out[name] = texts.build()
                continue
            if not any(isinstance(value, str) for value in column.pool):
                expanded = [
                    self.expand_cell(name, value, unchanged, depths) for value in column.pool
                ]
                for position, (cell_name, _cell) in enumerate(expanded[0]):
                    out[cell_name] = column.replace([cells[position][1] for cells in expanded])
                continue
            builders: dict[str, ColumnBuilder[Cell]] = {}
            done: dict[tuple[int, int], list[tuple[str, Cell]]] = {}
            for code, which in zip(column.codes.tolist(), rewriter_of_row.tolist(), strict=True):
                cells = done.get((code, which))
                if cells is None:
                    value = column.pool[code]
                    cells = self.expand_cell(name, value, rewriters[which], depths)
                    done[(code, which)] = cells
                for cell_name, cell in cells:
                    builders.setdefault(cell_name, ColumnBuilder()).append(cell)
            del done
            out.update((cell_name, b.build()) for cell_name, b in builders.items())
        return out

    def variables(
        self, depths: Mapping[str, int], levels: Mapping[str, LevelChoice] | None = None
    ) -> tuple[Variable, ...]:
        """The columns, each saying when disclosure control suppressed it or some of its cells."""
        out = [
            Variable(
                ID_VARIABLE, "Respondent (export pseudonym)", VariableType.STRING, required=True
            )
        ]
        for f in self.tabular:
            depth = depths.get(f.id, 0)
            made = self._variables_of(f, depth)
            choice = (levels or {}).get(f.id)
            if f.hierarchy is not None and depth > len(f.hierarchy.levels):
                made = [
                    dataclasses.replace(
                        v,
                        label=f"[suppressed] {v.label}",
                        description=f"{v.description} Every value suppressed for disclosure "
                        "control: the column is empty.".strip(),
                    )
                    for v in made
                ]
            elif choice is not None and choice.suppressed_cells:
                made = [
                    dataclasses.replace(
                        v,
                        description=f"{v.description} {choice.suppressed_cells} value(s) "
                        "suppressed for disclosure control (left empty).".strip(),
                    )
                    for v in made
                ]
            out.extend(made)
        for f in self.short_texts:
            out.append(
                Variable(f.id, f.label, VariableType.STRING, description="Redacted free text.")
            )
        return _distinct_labels(out, self.protocol)

    def _variables_of(self, f: Field, depth: int) -> list[Variable]:
        step = self.protocol.step_of(f.id).title
        note = f"Step: {step}." + (f" {f.help}" if f.help else "")
        missing = tuple(c.code for c in f.vocabulary.choices if c.missing) if f.vocabulary else ()
        level = _level_at(f, depth)
        if f.type is FieldType.MULTIPLE_CHOICE and level is not None:
            return [
                Variable(
                    _dummy_name(f.id, category.code),
                    f"{f.label} ({level.name}): {category.label}",
                    VariableType.INTEGER,
                    _CHOSEN,
                    description=f"{note} Generalised for disclosure control.",
                )
                for category in level.categories
            ]
        if f.type is FieldType.MULTIPLE_CHOICE:
            assert f.vocabulary is not None
            said = tuple((c.code, c.label) for c in f.vocabulary.choices if c.missing)
            return [
                Variable(
                    _dummy_name(f.id, c.code),
                    f"{f.label}: {c.label}",
                    VariableType.INTEGER,
                    (*_CHOSEN, *said),
                    description=note,
                    missing_values=missing,
                )
                for c in f.vocabulary.choices
                if not c.missing
            ]
        if level is not None:
            ranged = any(c.low is not None for c in level.categories)
            return [
                Variable(
                    f.id,
                    f"{f.label} (generalised to {level.name})",
                    VariableType.INTEGER,
                    tuple(level.codebook().items()),
                    description=f"{note} Generalised for disclosure control.",
                    missing_values=tuple(
                        c.code
                        for c in level.categories
                        if c.members and c.members <= frozenset(missing)
                    ),
                    measure=Measure.ORDINAL if ranged else Measure.NOMINAL,
                )
            ]
        if f.type is FieldType.DATE:
            return [Variable(f.id, f"{f.label} (year)", VariableType.INTEGER, description=note)]
        labels = tuple(f.codebook().items())
        decimal = f.type is FieldType.NUMBER and not f.integer
        ranged = f.type in (FieldType.NUMBER, FieldType.YEAR, FieldType.SCALE)
        return [
            Variable(
                f.id,
                f.label,
                VariableType.NUMBER if decimal else VariableType.INTEGER,
                labels,
                description=note,
                minimum=f.minimum if ranged else None,
                maximum=f.maximum if ranged else None,
                missing_values=missing,
                measure=Measure.ORDINAL if f.type is FieldType.SCALE else None,
            )
        ]

    def text_parts(self, record: Mapping[str, Any]) -> TextParts | None:
        """The long free text and coded answers a record's document is made of, if any text."""
        free = record.get("free_text", {})
        sections: list[tuple[str, str]] = []
        for f in self.long_texts:
            item = free.get(f.id)
            body = item.get("redacted") if isinstance(item, dict) else None
            if isinstance(body, str) and body.strip():
                sections.append((f.id, printable(body)))
        if not sections:
            return None
        answers: list[tuple[str, int]] = []
        given = record.get("answers", {})
        for f in self.tabular:
            if f.vocabulary is None or f.quasi_identifier:
                continue
            value = given.get(f.id)
            for code in value if isinstance(value, list) else [value]:
                if isinstance(code, int) and code in f.vocabulary.codes:
                    answers.append((f.id, code))
        return TextParts(tuple(sections), tuple(answers))

    def document(self, respondent: str, parts: TextParts, rewrite: Rewrite = unchanged) -> Document:
        """The record's text, its sections headed and coded, markers rewritten by control."""
        text = ""
        selections: list[Selection] = []
        for field_id, body in parts.sections:
            label = self.protocol.field(field_id).label
            heading = f"== {label} ==\n\n"
            shown = rewrite(body)
            start = len(text) + len(heading)
            text += heading + shown + "\n\n"
            selections.append(Selection(start, start + len(shown), f"section:{field_id}", label))
        for field_id, code in parts.answers:
            vocabulary = self.protocol.field(field_id).vocabulary
            assert vocabulary is not None
            name = vocabulary.choice(code).label
            selections.append(Selection(0, len(text), f"answer:{field_id}:{code}", name))
        return Document(respondent, respondent, text, tuple(selections))

    def codes(self) -> tuple[Code, ...]:
        sections = Code(
            "sections",
            "Sections of the testimony",
            "Each section of a text is coded with the question it answers.",
            tuple(Code(f"section:{f.id}", f"{f.id}: {f.label}") for f in self.long_texts),
            codable=False,
        )
        answers = [
            Code(
                f"answers:{f.id}",
                f"{f.id}: {f.label}",
                f"Whole texts coded with the answer given to this question ({f.label}).",
                tuple(
                    Code(f"answer:{f.id}:{c.code}", c.label, f"code {c.code}")
                    for c in f.vocabulary.choices
                ),
                codable=False,
            )
            for f in self.tabular
            if f.vocabulary is not None and not f.quasi_identifier
        ]
        return (sections, *answers) if self.long_texts else tuple(answers)

    def _field(self, name: str) -> Field | None:
        try:
            return self.protocol.field(name)
        except KeyError:
            return None


def _level_at(f: Field, depth: int) -> Level | None:
    """The hierarchy level a depth exports (``None`` for the answer itself or suppression)."""
    if f.hierarchy is None or not 0 < depth <= len(f.hierarchy.levels):
        return None
    return f.hierarchy.levels[depth - 1]


def _distinct_labels(variables: list[Variable], protocol: Protocol) -> tuple[Variable, ...]:
    """Variables whose labels are shared get their step's title in front, so each is distinct."""
    counts = Counter(v.label for v in variables)
    out = []
    for variable in variables:
        if counts[variable.label] > 1:
            step = protocol.step_of(variable.name).title if variable.name in _ids(protocol) else ""
            label = f"{step}: {variable.label}" if step else f"{variable.label} ({variable.name})"
            variable = dataclasses.replace(variable, label=label)
        out.append(variable)
    again = Counter(v.label for v in out)
    return tuple(
        v if again[v.label] == 1 else dataclasses.replace(v, label=f"{v.label} ({v.name})")
        for v in out
    )


def _ids(protocol: Protocol) -> set[str]:
    return {f.id for f in protocol.fields}


def _dummy_name(field_id: str, code: int) -> str:
    suffix = f"_{code}"
    return field_id[: 32 - len(suffix)] + suffix
