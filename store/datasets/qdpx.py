"""REFI-QDA project exchange (``.qdpx``): NVivo, ATLAS.ti, MAXQDA, QualCoder.

A ``.qdpx`` file is a zip holding ``project.qde`` (QDA-XML 1.0) and a
``sources/`` folder. Each testimony is a ``TextSource`` whose plain text is
``sources/<guid>.txt``; its coded spans are ``PlainTextSelection`` elements
with code-point offsets into that text; the codebook is the dataset's codes;
each row is a ``Case`` holding its variables and pointing at its source.

The texts are read once, each written into the zip as it comes; the project
document is written last (readers do not mind the order). Each source's small
element (offsets and codes, no text) is set aside meanwhile, compressed, in
an unnamed temporary file in the export's own folder, and copied into the
project document from there. A large export never sits whole in memory.
"""

from __future__ import annotations

import codecs
import re
import tempfile
import uuid
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape, quoteattr

from store.datasets.dataset import Cell, Code, Dataset, Document, Variable, VariableType
from store.datasets.export_folder import write_with

QDPX_FILE = "project.qdpx"
NAMESPACE = "urn:QDA-XML:project:1.0"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
"""Zip entry times: the export's date is in the manifest, not in every member."""
_LEVEL = 1
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot carry; they are dropped from names and values (not from texts)."""


def write_qdpx(dataset: Dataset, folder: Path) -> list[str]:
    """``project.qdpx``: the project document and one plain-text source per testimony."""
    return [write_with(folder, QDPX_FILE, lambda path: write_archive(dataset, path))]


def write_archive(dataset: Dataset, path: Path) -> None:
    """Write the zip to ``path``."""
    guids = Guids(dataset.name)
    user = guids("user", dataset.creator)
    # One pass over the texts: each source is written as it comes, and its
    # small XML element (offsets and codes, no text) is set aside, compressed,
    # in an unnamed file beside the archive until the project document,
    # written last, lists them.
    with (
        tempfile.TemporaryFile(dir=path.parent) as elements,
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        packer = zlib.compressobj(_LEVEL)
        for document in dataset.iter_documents():
            name = f"sources/{guids('source', document.id)}.txt"
            with archive.open(_info(name), "w", force_zip64=True) as handle:
                handle.write(document.text.encode("utf-8"))
            elements.write(packer.compress("".join(_source(document, guids, user)).encode()))
        elements.write(packer.flush())
        elements.seek(0)
        with archive.open(_info("project.qde"), "w", force_zip64=True) as handle:
            _write(handle, project_xml(dataset, guids, _unpacked(elements)))


def _unpacked(packed: IO[bytes]) -> Iterator[str]:
    """The text set aside in ``packed``, a piece at a time (never split inside a character)."""
    unpacker = zlib.decompressobj()
    decoder = codecs.getincrementaldecoder("utf-8")()
    while block := packed.read(1 << 20):
        yield decoder.decode(unpacker.decompress(block))
    yield decoder.decode(unpacker.flush(), final=True)


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    # Fast deflate: several times quicker than the default for a few percent in size.
    # (``_compresslevel`` before Python 3.13, ``compress_level`` after).
    attribute = "compress_level" if hasattr(info, "compress_level") else "_compresslevel"
    setattr(info, attribute, _LEVEL)
    return info


def _write(handle: IO[bytes], pieces: Iterator[str], size: int = 1 << 20) -> None:
    """Write the pieces in batches of about ``size`` characters."""
    batch: list[str] = []
    held = 0
    for piece in pieces:
        batch.append(piece)
        held += len(piece)
        if held >= size:
            handle.write("".join(batch).encode("utf-8"))
            batch.clear()
            held = 0
    handle.write("".join(batch).encode("utf-8"))


class Guids:
    """Deterministic GUIDs for one dataset, so the same export reads back the same."""

    def __init__(self, dataset_name: str) -> None:
        self._namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"testimony-export:{dataset_name}")
        self._known: dict[tuple[str, str], str] = {}

    def __call__(self, kind: str, key: str) -> str:
        if kind in ("variable", "code", "user"):
            known = self._known.get((kind, key))
            if known is None:
                known = self._known[(kind, key)] = self._make(kind, key)
            return known
        return self._make(kind, key)

    def _make(self, kind: str, key: str) -> str:
        return str(uuid.uuid5(self._namespace, f"{kind}\0{key}"))


def _attr(value: str) -> str:
    return quoteattr(_NOT_XML.sub("", value))


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _open(tag: str, attributes: dict[str, str], *, empty: bool = False) -> str:
    attrs = "".join(f" {name}={_attr(value)}" for name, value in attributes.items())
    return f"<{tag}{attrs}{'/' if empty else ''}>"


def project_xml(
    dataset: Dataset, guids: Guids, sources: Iterable[str] | None = None
) -> Iterator[str]:
    """``project.qde``, piece by piece; ``sources`` are the ``TextSource`` elements, if made."""
    user = guids("user", dataset.creator)
    yield '<?xml version="1.0" encoding="utf-8"?>\n'
    yield (
        f'<Project xmlns="{NAMESPACE}" name={_attr(dataset.title)} origin="testimony-intake" '
        f'creatingUserGUID="{user}">\n'
    )
    # Readers drop codings with no known creator: one user, the exporting store's pseudonym.
    yield f'<Users><User guid="{user}" name={_attr(dataset.creator)}/></Users>\n'
    if dataset.codes:
        yield "<CodeBook><Codes>\n"
        for code in dataset.codes:
            yield from _code(code, guids)
        yield "</Codes></CodeBook>\n"
    variables = [v for v in dataset.variables if v.name != dataset.id_variable]
    if variables:
        yield "<Variables>\n"
        for variable in variables:
            attributes = {
                "guid": guids("variable", variable.name),
                "name": variable.name,
                "typeOfVariable": _variable_type(variable),
            }
            yield _open("Variable", attributes)
            yield f"<Description>{_text(_variable_description(variable))}</Description>"
            yield "</Variable>\n"
        yield "</Variables>\n"
    labels = {v.name: v.labels() for v in variables if v.categorical}
    if dataset.rows:
        yield "<Cases>\n"
        names = [dataset.id_variable, *(v.name for v in variables)]
        for batch in dataset.batches(names):
            for row_id_value, *values in batch:
                row_id = str(row_id_value)
                yield _open("Case", {"guid": guids("case", row_id), "name": row_id})
                for variable, value in zip(variables, values, strict=True):
                    if value is not None:
                        yield _variable_value(variable, value, guids, labels.get(variable.name, {}))
                if dataset.has_document(row_id):
                    yield _open("SourceRef", {"targetGUID": guids("source", row_id)}, empty=True)
                yield "</Case>\n"
        yield "</Cases>\n"
    if dataset.document_count:
        yield "<Sources>\n"
        if sources is None:
            for document in dataset.iter_documents():
                yield from _source(document, guids, user)
        else:
            yield from sources
        yield "</Sources>\n"
    yield "</Project>\n"


def _code(code: Code, guids: Guids) -> Iterator[str]:
    attributes = {
        "guid": guids("code", code.id),
        "name": code.name,
        "isCodable": "true" if code.codable else "false",
    }
    yield _open("Code", attributes)
    if code.description:
        yield f"<Description>{_text(code.description)}</Description>"
    for child in code.children:
        yield from _code(child, guids)
    yield "</Code>\n"


def _source(document: Document, guids: Guids, user: str) -> Iterator[str]:
    guid = guids("source", document.id)
    attributes = {
        "guid": guid,
        "name": document.name,
        "plainTextPath": f"internal://{guid}.txt",
        "creatingUser": user,
    }
    yield _open("TextSource", attributes) + "\n"
    for number, selection in enumerate(document.selections):
        key = f"{document.id}\0{number}"
        # GUIDs and offsets need no escaping; only the name does.
        yield (
            f'<PlainTextSelection guid="{guids("selection", key)}" '
            f"name={_attr(selection.name or selection.code_id)} "
            f'startPosition="{selection.start:d}" endPosition="{selection.end:d}" '
            f'creatingUser="{user}">'
            f'<Coding guid="{guids("coding", key)}" creatingUser="{user}">'
            f'<CodeRef targetGUID="{guids("code", selection.code_id)}"/>'
            "</Coding></PlainTextSelection>\n"
        )
    yield "</TextSource>\n"


def _variable_type(variable: Variable) -> str:
    if variable.type is VariableType.STRING or variable.categorical:
        return "Text"
    return "Integer" if variable.type is VariableType.INTEGER else "Float"


def _variable_description(variable: Variable) -> str:
    parts = [variable.label]
    if variable.description:
        parts.append(variable.description)
    if variable.categorical:
        parts.append("; ".join(f"{code} = {label}" for code, label in variable.value_labels))
    return "\n".join(parts)


def _variable_value(variable: Variable, value: Cell, guids: Guids, labels: dict[int, str]) -> str:
    ref = f'<VariableRef targetGUID="{guids("variable", variable.name)}"/>'
    if variable.categorical and isinstance(value, int):
        inner = f"<TextValue>{_text(labels.get(value, str(value)))}</TextValue>"
    elif isinstance(value, str) or variable.categorical:
        inner = f"<TextValue>{_text(str(value))}</TextValue>"
    elif variable.type is VariableType.INTEGER:
        inner = f"<IntegerValue>{int(value or 0)}</IntegerValue>"
    else:
        inner = f"<FloatValue>{format(float(value or 0), 'f')}</FloatValue>"
    return f"<VariableValue>{ref}{inner}</VariableValue>"
