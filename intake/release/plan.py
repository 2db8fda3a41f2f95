"""Planning and writing a steward export: settings, consent, disclosure control, manifest."""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from anonymise.disclosure import Columns, DisclosureReport
from anonymise.disclosure_control import SearchFigures, control_columns
from intake.protocol import ConsentKind, Protocol, bundled_protocol
from intake.release.builder import ID_VARIABLE, DatasetBuilder, quasi_identifier
from intake.release.errors import ReleaseError, ReleaseRefusedError
from intake.release.held import AnonymisationLog, RawTable, TextMarkers
from intake.release.records import (
    agreed,
    consent_field,
    open_record,
    respondent_ids,
    sealed_protocol,
    store_pseudonym,
)
from intake.release.settings import ReleaseSettings
from intake.release.texts import TextControl, TextFigures, markers
from store.datasets import Dataset, Document
from store.datasets.table import Column, Table
from store.models import RecordStatus

if TYPE_CHECKING:
    from store.repository import Store


@dataclass(frozen=True)
class ReleasePlan:
    """Everything an export would write, computed without writing anything."""

    protocol: Protocol
    settings: ReleaseSettings
    dataset: Dataset
    """The controlled dataset the writers take."""
    report: DisclosureReport
    """Disclosure figures before and after control."""
    record_ids: tuple[str, ...] = field(repr=False)
    """Store ids of the exported records (for the audit log only)."""
    log: Sequence[Mapping[str, object]] = field(repr=False)
    """Anonymisation log rows: respondent, entity type, recogniser, action, count."""
    skipped_unreviewed: int
    """Records left out because their review was not complete."""
    withheld: tuple[str, ...]
    """Fields never exported: identity and unscrubbed text."""
    left_out_no_archiving: int = 0
    """Records left out of an archive export: archiving was not agreed."""
    texts_withheld_no_quotation: int = 0
    """Records whose free text was withheld from an archive export: quotation was not agreed."""
    texts: TextFigures = field(default_factory=TextFigures)
    """Years and ages in the texts that disclosure control generalised or suppressed."""
    search: SearchFigures | None = None
    """Information loss and how the search for the plan went."""

    @property
    def refused(self) -> bool:
        """Whether writing would be refused at these settings."""
        return self.report.refused and self.settings.accept_risk is None


@dataclass(frozen=True)
class WrittenRelease:
    """What an export wrote."""

    export_id: str
    folder: Path
    files: tuple[str, ...]
    """Every file written, the manifest last."""
    plan: ReleasePlan


ProtocolSource = Callable[[str, str], Protocol]


def bundled(protocol_id: str, version: str) -> Protocol:
    """The bundled protocol with this id, if its version matches."""
    protocol = bundled_protocol(protocol_id)
    if protocol.version != version:
        raise ReleaseError(
            f"the records follow {protocol_id} {version}, but the bundled protocol is "
            f"{protocol.version}; give the protocol file the records were taken with"
        )
    return protocol


def plan_release(
    store: Store, settings: ReleaseSettings, *, protocols: ProtocolSource = bundled
) -> ReleasePlan:
    """Read the chosen reviewed records and compute the controlled dataset; writes nothing."""
    if settings.k < 1 or settings.l_diversity < 1:
        raise ReleaseError("k and l must be at least 1")
    infos = {info.record_id: info for info in store.list_records()}
    if settings.record_ids is None:
        chosen = [i for i in infos.values() if i.status is RecordStatus.REVIEWED]
        skipped = len(infos) - len(chosen)
    else:
        missing = [r for r in settings.record_ids if r not in infos]
        if missing:
            raise ReleaseError(f"no record {missing[0]} in this store")
        chosen = [infos[r] for r in dict.fromkeys(settings.record_ids)]
        unreviewed = [i.record_id for i in chosen if i.status is not RecordStatus.REVIEWED]
        if unreviewed:
            raise ReleaseError(
                f"record {unreviewed[0]} was not reviewed; only reviewed records are exported"
            )
        skipped = 0
    if not chosen:
        raise ReleaseError("there are no reviewed records to export")
    # Each record's protocol is sealed inside it: the first names the protocol, and
    # opening each record below refuses one that follows another.
    protocol = protocols(*sealed_protocol(store, chosen[0].record_id))
    archiving = consent_field(protocol, ConsentKind.ARCHIVING, settings.audience)
    quotation = consent_field(protocol, ConsentKind.QUOTATION, settings.audience)
    respondent = respondent_ids(store, settings.pseudonyms)
    names = {info.record_id: respondent(info.record_id) for info in chosen}
    order = sorted(names, key=names.__getitem__)
    del infos, chosen
    builder = DatasetBuilder(protocol)
    # Held by column, never a dict per record: each column's distinct values once and
    # a small integer per record (see store.datasets.table).
    raw = RawTable(f.id for f in builder.short_texts)
    found = TextMarkers()
    """For each record with text: its row, and the year and age markers in its text."""
    log = AnonymisationLog()
    kept: list[str] = []
    no_archiving = no_quotation = 0
    for record_id in order:
        # One record at a time: its text, original and mappings are dropped at once.
        record = open_record(store, record_id, protocol)
        if archiving is not None and not agreed(record, archiving):
            no_archiving += 1
            continue
        quotable = quotation is None or agreed(record, quotation)
        no_quotation += not quotable
        row = len(kept)
        kept.append(record_id)
        raw.append(builder.row(names[record_id], record, with_text=quotable))
        parts = builder.text_parts(record) if quotable else None
        if parts is not None:
            found.add(row, [m for _field, body in parts.sections for m in markers(body)])
        log.extend(row, record.get("anonymisation_log", []))
        del record, parts
    del names, order
    if not kept:
        raise ReleaseError("no chosen record may be archived: none of them agreed to archiving")
    kept_ids = tuple(kept)
    del kept
    columns = raw.columns()
    del raw
    size = len(kept_ids)
    respondents = [str(name) for name in columns[ID_VARIABLE].values()]
    log.name_rows(respondents)
    qis = [quasi_identifier(f) for f in protocol.quasi_identifiers() if f.id in builder.exported]
    sensitive = [f.id for f in protocol.sensitive_fields() if f.id in builder.exported]
    held = {name: columns[name].values() for name in (*(qi.name for qi in qis), *sensitive)}
    result = control_columns(
        Columns(held, size),
        qis,
        sensitive,
        k=settings.k,
        l_diversity=settings.l_diversity,
        max_suppressed_share=settings.max_suppressed_share,
    )
    depths = {name: choice.depth for name, choice in result.report.levels.items()}
    text_control = TextControl(protocol, depths)
    no_years, no_ages = text_control.suppressed_rows(held, result.columns, size)
    del held
    text_control.tally_all(found.with_flags(no_years, no_ages))
    # Each row's texts are rewritten by one of four rewritings: years, ages suppressed or not.
    rewriters = [text_control.rewriting(bool(y), bool(a)) for y in (0, 1) for a in (0, 1)]
    rewriter_of_row = no_years.astype(np.uint8) * 2 + no_ages.astype(np.uint8)
    for name, controlled in result.columns.items():
        columns[name] = Column.of(controlled)
    table = Table(builder.expand_columns(columns, rewriters, rewriter_of_row, depths))
    del columns
    sources = found.rows()

    def documents() -> Iterator[Document]:
        """Each text afresh from the store, rewritten, one record at a time."""
        for row in sources:
            record_id = kept_ids[row]
            record = open_record(store, record_id, protocol)
            parts = builder.text_parts(record)
            del record
            if parts is None:
                raise ReleaseError(f"record {record_id} changed since the check; check again")
            rewrite = rewriters[int(rewriter_of_row[row])]
            yield builder.document(respondents[row], parts, rewrite)

    dataset = Dataset(
        name=f"{protocol.id}-{protocol.version}",
        title=protocol.title,
        id_variable=ID_VARIABLE,
        variables=builder.variables(depths, result.report.levels),
        rows=table,
        documents=documents,
        document_ids=frozenset(respondents[row] for row in sources),
        codes=builder.codes(),
        description=_description(protocol, result.report, result.search),
        creator=store_pseudonym(store, settings.pseudonyms),
    )
    return ReleasePlan(
        protocol=protocol,
        settings=settings,
        dataset=dataset,
        report=result.report,
        record_ids=kept_ids,
        log=log,
        skipped_unreviewed=skipped,
        withheld=builder.withheld(),
        left_out_no_archiving=no_archiving,
        texts_withheld_no_quotation=no_quotation,
        texts=text_control.figures(),
        search=result.search,
    )


def write_release(store: Store, plan: ReleasePlan, folder: Path) -> WrittenRelease:
    """Write a planned export into ``folder`` (new or empty) and record it in the audit log."""
    from store.datasets.manifest import write_anonymisation_log, write_manifest
    from store.datasets.writers import check_formats, write_formats
    from store.errors import StoreError
    from store.files import make_private_folder
    from store.release_audit import check_reason, record_export

    settings = plan.settings
    reason = None
    if settings.accept_risk is not None:
        try:
            given = check_reason(settings.accept_risk)
        except ValueError as problem:
            raise ReleaseError(str(problem)) from None
        # The reason is kept only when it was needed: the threshold does not hold.
        reason = given if plan.report.refused else None
    if plan.report.refused and reason is None:
        raise ReleaseRefusedError(
            f"disclosure threshold not met (k = {settings.k}, l = {settings.l_diversity}): "
            f"{plan.report.problem}; nothing was written. Export fewer fields or records, "
            "or give --accept-risk with your reason"
        )
    try:
        formats = check_formats(settings.formats)
    except StoreError as problem:
        raise ReleaseError(str(problem)) from None
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
        _remove_partial(folder)
        raise
    return WrittenRelease(export_id, folder, tuple(written), plan)


def _remove_partial(folder: Path) -> None:
    """Remove what a failed export wrote: every file and subfolder in ``folder``.

    The folder was new or empty when the export began, so everything in it is
    the export's, including the formats finished before the one that failed.
    """
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                path.rmdir()
            else:
                path.unlink()


def release(
    store: Store, folder: Path, settings: ReleaseSettings, *, protocols: ProtocolSource = bundled
) -> WrittenRelease:
    """Plan and write in one go."""
    return write_release(store, plan_release(store, settings, protocols=protocols), folder)


def _manifest(plan: ReleasePlan, export_id: str, reason: str | None) -> dict[str, Any]:
    from store.audit import today

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
            "texts": dataset.document_count,
            "variables": len(dataset.variables),
            "skipped_unreviewed": plan.skipped_unreviewed,
            "left_out_no_archiving": plan.left_out_no_archiving,
            "texts_withheld_no_quotation": plan.texts_withheld_no_quotation,
        },
        "settings": plan.settings.to_json(),
        "disclosure": {
            **plan.report.to_json(),
            "texts": plan.texts.to_json(),
            **(plan.search.to_json() if plan.search is not None else {}),
        },
        "accepted_risk": reason,
        "withheld_fields": list(plan.withheld),
        "never_exported": [
            "identity fields",
            "original free text",
            "pseudonym mappings",
            "store record ids",
        ],
    }


def _description(protocol: Protocol, report: DisclosureReport, search: SearchFigures) -> str:
    """The protocol's description and what disclosure control did (for the codebook)."""
    control = (
        f"Disclosure control: every combination of {len(report.quasi_identifiers)} "
        f"quasi-identifier(s) is shared by at least {report.k} respondents"
        + (
            f", with {report.l_diversity} values of each sensitive field"
            if report.sensitive
            else ""
        )
        + f"; information lost {search.information_loss:.1%}, {report.suppressed_cells} "
        f"cell(s) of {search.suppressed_records} respondent(s) suppressed locally. "
        "Each generalised or suppressed variable says so in its description."
    )
    if not report.satisfied:
        control += " The threshold was NOT met; the steward accepted the risk."
    return f"{protocol.description}\n\n{control}".strip()
