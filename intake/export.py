"""The steward export: reviewed records, disclosure-controlled, in research formats.

:func:`plan_export` opens the chosen records at an unlocked steward store,
refuses unreviewed ones, builds the neutral dataset from the protocol and runs
disclosure control, writing nothing: the app shows its report before the
steward decides. :func:`write_export` then writes the formats, the
anonymisation log and the manifest into a new folder, and records the export
in the store's audit log. :func:`export` does both.

What leaves: the protocol's non-identity answers (quasi-identifiers
generalised and suppressed as control decided), redacted free text, and
per-record counts of replacements. What never leaves: identity fields, the
original free text, the pseudonym mappings, one-line text answers the
anonymiser was not asked to scrub, and store record ids.

The record document read here is the one ``intake/record.py`` builds
(``format`` ``testimony-intake/record``, ``format_version`` 1): ``protocol``
(id, version, fingerprint), ``reviewed``, ``answers`` (field id to draft JSON
value), ``free_text`` (field id to ``{"redacted": ...}``; only ``redacted`` is
read) and ``anonymisation_log`` (type, recogniser, action, count). ``identity``,
``pseudonyms`` and each free text's ``original`` are never read.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from anonymise.disclosure import DisclosureReport, QuasiIdentifier, Value, control
from intake.errors import IntakeError
from intake.protocol import Field, FieldType, Level, Protocol, bundled_protocol
from store.audit import today
from store.export import FORMATS, Cell, Code, Dataset, Document, Selection, Variable, VariableType
from store.models import RecordStatus
from store.repository import Store

RECORD_FORMAT = "testimony-intake/record"
RECORD_VERSION = 1
ID_VARIABLE = "respondent"
_STABLE_INFO = b"testimony-intake export respondent ids v1"


class ExportError(IntakeError):
    """The export cannot go ahead; the message names the cause and holds no testimony."""


class ExportRefusedError(ExportError):
    """The disclosure threshold does not hold and the risk was not accepted."""


class Pseudonyms(StrEnum):
    """How respondents are named in an export."""

    STABLE = "stable"
    """The same record has the same respondent id in every export from this store."""
    PER_EXPORT = "per-export"
    """Ids are salted afresh for each export, so two exports cannot be linked."""


@dataclass(frozen=True)
class ExportSettings:
    """What the steward chose."""

    formats: tuple[str, ...] = FORMATS
    """Formats to write (see :data:`store.export.FORMATS`)."""
    k: int = 3
    """Smallest group of records sharing their quasi-identifiers."""
    l_diversity: int = 2
    """Fewest distinct values of each sensitive field within a group."""
    accept_risk: str | None = None
    """The steward's reason for exporting below the threshold (else it refuses)."""
    pseudonyms: Pseudonyms = Pseudonyms.STABLE
    """Stable respondent ids across exports, or salted per export."""
    record_ids: tuple[str, ...] | None = None
    """Records to export; ``None`` for every reviewed record in the store."""
    max_suppressed_share: float = 0.1
    """Share of records local suppression may handle before levels are raised."""

    def to_json(self) -> dict[str, Any]:
        """The settings as written to the manifest (record ids never are)."""
        return {
            "formats": list(self.formats),
            "k": self.k,
            "l": self.l_diversity,
            "pseudonyms": self.pseudonyms.value,
            "records": "all reviewed" if self.record_ids is None else "chosen",
            "max_suppressed_share": self.max_suppressed_share,
        }


@dataclass(frozen=True)
class ExportPlan:
    """Everything an export would write, computed without writing anything."""

    protocol: Protocol
    settings: ExportSettings
    dataset: Dataset
    """The controlled dataset the writers take."""
    report: DisclosureReport
    """Disclosure figures before and after control."""
    record_ids: tuple[str, ...] = field(repr=False)
    """Store ids of the exported records (for the audit log only)."""
    log: tuple[dict[str, object], ...] = field(repr=False)
    """Anonymisation log rows: respondent, entity type, recogniser, action, count."""
    skipped_unreviewed: int
    """Records left out because their review was not complete."""
    withheld: tuple[str, ...]
    """Fields never exported: identity and unscrubbed text."""

    @property
    def refused(self) -> bool:
        """Whether writing would be refused at these settings."""
        return self.report.refused and self.settings.accept_risk is None


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    export_id: str
    folder: Path
    files: tuple[str, ...]
    """Every file written, the manifest last."""
    plan: ExportPlan


ProtocolSource = Callable[[str, str], Protocol]


def bundled(protocol_id: str, version: str) -> Protocol:
    """The bundled protocol with this id, if its version matches."""
    protocol = bundled_protocol(protocol_id)
    if protocol.version != version:
        raise ExportError(
            f"the records follow {protocol_id} {version}, but the bundled protocol is "
            f"{protocol.version}; give the protocol file the records were taken with"
        )
    return protocol


def plan_export(
    store: Store, settings: ExportSettings, *, protocols: ProtocolSource = bundled
) -> ExportPlan:
    """Read the chosen reviewed records and compute the controlled dataset; writes nothing."""
    if settings.k < 1 or settings.l_diversity < 1:
        raise ExportError("k and l must be at least 1")
    infos = {info.record_id: info for info in store.list_records()}
    if settings.record_ids is None:
        chosen = [i for i in infos.values() if i.status is RecordStatus.REVIEWED]
        skipped = len(infos) - len(chosen)
    else:
        missing = [r for r in settings.record_ids if r not in infos]
        if missing:
            raise ExportError(f"no record {missing[0]} in this store")
        chosen = [infos[r] for r in dict.fromkeys(settings.record_ids)]
        unreviewed = [i.record_id for i in chosen if i.status is not RecordStatus.REVIEWED]
        if unreviewed:
            raise ExportError(
                f"record {unreviewed[0]} was not reviewed; only reviewed records are exported"
            )
        skipped = 0
    if not chosen:
        raise ExportError("there are no reviewed records to export")
    keys = {(i.protocol_id, i.protocol_version) for i in chosen}
    if len(keys) > 1:
        raise ExportError("the records follow different protocols; export one protocol at a time")
    protocol = protocols(*keys.pop())
    respondent = _respondent_ids(store, settings.pseudonyms)
    names = {info.record_id: respondent(info.record_id) for info in chosen}
    order = sorted(names, key=lambda r: names[r])
    builder = _Builder(protocol)
    rows: list[dict[str, Value]] = []
    texts: list[Document] = []
    log: list[dict[str, object]] = []
    for record_id in order:
        # One record at a time: its original text and mappings are dropped at once.
        record = _open(store, record_id, protocol)
        rows.append(builder.row(names[record_id], record))
        text = builder.document(names[record_id], record)
        if text is not None:
            texts.append(text)
        log.extend(
            {"respondent": names[record_id], **_log_entry(entry)}
            for entry in record.get("anonymisation_log", [])
        )
        del record
    qis = [_quasi_identifier(f) for f in protocol.quasi_identifiers() if f.id in builder.exported]
    sensitive = [f.id for f in protocol.sensitive_fields() if f.id in builder.exported]
    result = control(
        rows,
        qis,
        sensitive,
        k=settings.k,
        l_diversity=settings.l_diversity,
        max_suppressed_share=settings.max_suppressed_share,
    )
    depths = {name: choice.depth for name, choice in result.report.levels.items()}
    dataset = Dataset(
        name=f"{protocol.id}-{protocol.version}",
        title=protocol.title,
        id_variable=ID_VARIABLE,
        variables=builder.variables(depths),
        rows=tuple(builder.expand(row) for row in result.rows),
        documents=tuple(texts),
        codes=builder.codes(),
        description=protocol.description,
    )
    return ExportPlan(
        protocol=protocol,
        settings=settings,
        dataset=dataset,
        report=result.report,
        record_ids=tuple(order),
        log=tuple(log),
        skipped_unreviewed=skipped,
        withheld=builder.withheld(),
    )


def write_export(store: Store, plan: ExportPlan, folder: Path) -> ExportResult:
    """Write a planned export into ``folder`` (new or empty) and record it in the audit log."""
    from store.errors import StoreError
    from store.export.audit import check_reason, record_export
    from store.export.manifest import write_anonymisation_log, write_manifest
    from store.export.writers import check_formats, write_formats
    from store.files import make_private_folder

    settings = plan.settings
    reason = None
    if settings.accept_risk is not None:
        try:
            given = check_reason(settings.accept_risk)
        except ValueError as problem:
            raise ExportError(str(problem)) from None
        # The reason is kept only when it was needed: the threshold does not hold.
        reason = given if plan.report.refused else None
    if plan.report.refused and reason is None:
        raise ExportRefusedError(
            f"disclosure threshold not met (k = {settings.k}, l = {settings.l_diversity}): "
            f"{plan.report.problem}; nothing was written. Export fewer fields or records, "
            "or give --accept-risk with your reason"
        )
    try:
        formats = check_formats(settings.formats)
    except StoreError as problem:
        raise ExportError(str(problem)) from None
    export_id = secrets.token_hex(16)
    make_private_folder(folder)
    written: list[str] = []
    try:
        written += write_formats(plan.dataset, folder, formats)
        written += write_anonymisation_log(folder, plan.log)
        about = _manifest(plan, export_id, reason)
        written += write_manifest(folder, written, about)
        record_export(store, export_id, plan.record_ids, reason)
    except BaseException:
        for name in written:
            with contextlib.suppress(OSError):
                (folder / name).unlink()
        raise
    return ExportResult(export_id, folder, tuple(written), plan)


def export(
    store: Store, folder: Path, settings: ExportSettings, *, protocols: ProtocolSource = bundled
) -> ExportResult:
    """Plan and write in one go."""
    return write_export(store, plan_export(store, settings, protocols=protocols), folder)


def _manifest(plan: ExportPlan, export_id: str, reason: str | None) -> dict[str, Any]:
    dataset = plan.dataset
    return {
        "export_id": export_id,
        "created": today(),
        "dataset": dataset.name,
        "protocol": {
            "id": plan.protocol.id,
            "version": plan.protocol.version,
            "fingerprint": plan.protocol.fingerprint,
        },
        "counts": {
            "records": len(dataset.rows),
            "texts": len(dataset.documents),
            "variables": len(dataset.variables),
            "skipped_unreviewed": plan.skipped_unreviewed,
        },
        "settings": plan.settings.to_json(),
        "disclosure": plan.report.to_json(),
        "accepted_risk": reason,
        "withheld_fields": list(plan.withheld),
        "never_exported": [
            "identity fields",
            "original free text",
            "pseudonym mappings",
            "store record ids",
        ],
    }


def _open(store: Store, record_id: str, protocol: Protocol) -> dict[str, Any]:
    document = store.open_record(record_id)
    if document.get("format") != RECORD_FORMAT or document.get("format_version") != RECORD_VERSION:
        raise ExportError(f"record {record_id} is not a finished interview record this tool reads")
    if document.get("reviewed") is not True:
        raise ExportError(f"record {record_id} was not reviewed; it cannot be exported")
    about = document.get("protocol")
    if not isinstance(about, dict) or about.get("fingerprint") != protocol.fingerprint:
        raise ExportError(
            f"record {record_id} was taken with a different text of protocol {protocol.key}"
        )
    for name in ("answers", "free_text"):
        if not isinstance(document.get(name, {}), dict):
            raise ExportError(f"record {record_id} is damaged ({name})")
    return document


def _respondent_ids(store: Store, mode: Pseudonyms) -> Callable[[str], str]:
    if mode is Pseudonyms.STABLE:
        key = hmac.new(store.signing_key(), _STABLE_INFO, hashlib.sha256).digest()
    else:
        key = secrets.token_bytes(32)

    def respondent(record_id: str) -> str:
        digest = hmac.new(key, record_id.encode("ascii"), hashlib.sha256).hexdigest()
        return f"R{digest[:12].upper()}"

    return respondent


def _log_entry(entry: object) -> dict[str, object]:
    if not isinstance(entry, dict):
        return {}
    return {
        "entity_type": str(entry.get("type", "")),
        "recogniser": str(entry.get("recogniser", "")),
        "action": str(entry.get("action", "")),
        "count": int(entry.get("count", 0)),
    }


def _level_function(level: Level) -> Callable[[Value], Value]:
    """A hierarchy level as a function from an answer to its category's code."""

    def generalise(value: Value) -> Value:
        if not isinstance(value, int | float) or isinstance(value, bool):
            return None
        category = level.generalise(value)
        return None if category is None else category.code

    return generalise


def _quasi_identifier(field: Field) -> QuasiIdentifier:
    assert field.hierarchy is not None
    levels = field.hierarchy.levels
    return QuasiIdentifier(
        field.id,
        tuple(_level_function(level) for level in levels),
        tuple(level.name for level in levels),
    )


class _Builder:
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
        for qi in protocol.quasi_identifiers():
            if qi.type is FieldType.MULTIPLE_CHOICE:
                raise ExportError(f"{qi.id}: a multiple-choice quasi-identifier is not supported")
        self.exported = {f.id for f in self.tabular}

    def withheld(self) -> tuple[str, ...]:
        return tuple(
            f.id
            for f in self.protocol.fields
            if f.protected or (f.type in (FieldType.TEXT, FieldType.LONG_TEXT) and not f.anonymise)
        )

    def row(self, respondent: str, document: Mapping[str, Any]) -> dict[str, Value]:
        answers = document.get("answers", {})
        row: dict[str, Value] = {ID_VARIABLE: respondent}
        for f in self.tabular:
            value = answers.get(f.id)
            if f.type is FieldType.MULTIPLE_CHOICE:
                row[f.id] = tuple(value) if isinstance(value, list) else None
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
            row[f.id] = item.get("redacted") if isinstance(item, dict) else None
        return row

    def expand(self, row: Mapping[str, Value]) -> dict[str, Cell]:
        out: dict[str, Cell] = {}
        for name, value in row.items():
            f = self._field(name)
            if f is not None and f.type is FieldType.MULTIPLE_CHOICE:
                assert f.vocabulary is not None
                chosen = value if isinstance(value, tuple) else None
                for choice in f.vocabulary.choices:
                    flag = None if chosen is None else int(choice.code in chosen)
                    out[_dummy_name(f.id, choice.code)] = flag
            else:
                out[name] = value if isinstance(value, int | float | str) else None
        return out

    def variables(self, depths: Mapping[str, int]) -> tuple[Variable, ...]:
        out = [
            Variable(
                ID_VARIABLE, "Respondent (export pseudonym)", VariableType.STRING, required=True
            )
        ]
        for f in self.tabular:
            out.extend(self._variables_of(f, depths.get(f.id, 0)))
        for f in self.short_texts:
            out.append(
                Variable(f.id, f.label, VariableType.STRING, description="Redacted free text.")
            )
        return tuple(out)

    def _variables_of(self, f: Field, depth: int) -> list[Variable]:
        step = self.protocol.step_of(f.id).title
        note = f"Step: {step}." + (f" {f.help}" if f.help else "")
        if f.type is FieldType.MULTIPLE_CHOICE:
            assert f.vocabulary is not None
            return [
                Variable(
                    _dummy_name(f.id, c.code),
                    f"{f.label}: {c.label}",
                    VariableType.INTEGER,
                    ((0, "Not chosen"), (1, "Chosen")),
                    description=note,
                )
                for c in f.vocabulary.choices
            ]
        if f.hierarchy is not None and depth > 0:
            level = f.hierarchy.levels[depth - 1]
            return [
                Variable(
                    f.id,
                    f"{f.label} (generalised to {level.name})",
                    VariableType.INTEGER,
                    tuple(level.codebook().items()),
                    description=f"{note} Generalised for disclosure control.",
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
            )
        ]

    def document(self, respondent: str, record: Mapping[str, Any]) -> Document | None:
        free = record.get("free_text", {})
        text = ""
        selections: list[Selection] = []
        for f in self.long_texts:
            item = free.get(f.id)
            body = item.get("redacted") if isinstance(item, dict) else None
            if not isinstance(body, str) or not body.strip():
                continue
            heading = f"== {f.label} ==\n\n"
            start = len(text) + len(heading)
            text += heading + body + "\n\n"
            selections.append(Selection(start, start + len(body), f"section:{f.id}", f.label))
        if not text:
            return None
        answers = record.get("answers", {})
        for f in self.tabular:
            if f.vocabulary is None or f.quasi_identifier:
                continue
            value = answers.get(f.id)
            codes = value if isinstance(value, list) else [value]
            for code in codes:
                if isinstance(code, int) and code in f.vocabulary.codes:
                    name = f.vocabulary.choice(code).label
                    selections.append(Selection(0, len(text), f"answer:{f.id}:{code}", name))
        return Document(respondent, respondent, text, tuple(selections))

    def codes(self) -> tuple[Code, ...]:
        sections = Code(
            "sections",
            "Sections of the testimony",
            "Each section of a text is coded with the question it answers.",
            tuple(Code(f"section:{f.id}", f.label) for f in self.long_texts),
            codable=False,
        )
        answers = [
            Code(
                f"answers:{f.id}",
                f.label,
                "Whole texts coded with the answer given to this question.",
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


def _dummy_name(field_id: str, code: int) -> str:
    suffix = f"_{code}"
    return field_id[: 32 - len(suffix)] + suffix
