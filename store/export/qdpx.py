"""REFI-QDA project exchange (``.qdpx``): NVivo, ATLAS.ti, MAXQDA, QualCoder.

A ``.qdpx`` file is a zip holding ``project.qde`` (QDA-XML 1.0) and a
``sources/`` folder. Each testimony is a ``TextSource`` whose plain text is
``sources/<guid>.txt``; its coded spans are ``PlainTextSelection`` elements
with code-point offsets; the codebook is the dataset's codes; each row is a
``Case`` holding its variables and pointing at its source.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from store.export.dataset import Cell, Code, Dataset, Document, Variable, VariableType
from store.export.files import write_file

QDPX_FILE = "project.qdpx"
NAMESPACE = "urn:QDA-XML:project:1.0"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
"""Zip entry times: the export's date is in the manifest, not in every member."""


def write_qdpx(dataset: Dataset, folder: Path) -> list[str]:
    """``project.qdpx``: the project document and one plain-text source per testimony."""
    return [write_file(folder, QDPX_FILE, qdpx_bytes(dataset))]


def qdpx_bytes(dataset: Dataset) -> bytes:
    """The zip's bytes."""
    guids = _Guids(dataset.name)
    project, sources = project_document(dataset, guids)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _add(archive, "project.qde", project)
        for name, text in sources:
            _add(archive, f"sources/{name}", text.encode("utf-8"))
    return buffer.getvalue()


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)


class _Guids:
    """Deterministic GUIDs for one dataset, so the same export reads back the same."""

    def __init__(self, dataset_name: str) -> None:
        self._namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"testimony-export:{dataset_name}")

    def __call__(self, kind: str, key: str) -> str:
        return str(uuid.uuid5(self._namespace, f"{kind}\0{key}"))


def project_document(dataset: Dataset, guids: _Guids) -> tuple[bytes, list[tuple[str, str]]]:
    """``project.qde`` as bytes, and the source files (name, text) it refers to."""
    ET.register_namespace("", NAMESPACE)
    q = f"{{{NAMESPACE}}}"
    project = ET.Element(f"{q}Project", {"name": dataset.title, "origin": "testimony-intake"})
    if dataset.codes:
        codebook = ET.SubElement(project, f"{q}CodeBook")
        codes = ET.SubElement(codebook, f"{q}Codes")
        for code in dataset.codes:
            _code(codes, code, guids, q)
    variables = [v for v in dataset.variables if v.name != dataset.id_variable]
    if variables:
        holder = ET.SubElement(project, f"{q}Variables")
        for variable in variables:
            element = ET.SubElement(
                holder,
                f"{q}Variable",
                {
                    "guid": guids("variable", variable.name),
                    "name": variable.name,
                    "typeOfVariable": _variable_type(variable),
                },
            )
            ET.SubElement(element, f"{q}Description").text = _variable_description(variable)
    if dataset.rows:
        cases = ET.SubElement(project, f"{q}Cases")
        for row in dataset.rows:
            row_id = str(row.get(dataset.id_variable))
            case = ET.SubElement(cases, f"{q}Case", {"guid": guids("case", row_id), "name": row_id})
            for variable in variables:
                value = row.get(variable.name)
                if value is not None:
                    _variable_value(case, variable, value, guids, q)
            if dataset.document_for(row_id) is not None:
                ET.SubElement(case, f"{q}SourceRef", {"targetGUID": guids("source", row_id)})
    sources: list[tuple[str, str]] = []
    if dataset.documents:
        holder = ET.SubElement(project, f"{q}Sources")
        for document in dataset.documents:
            sources.append(_source(holder, document, guids, q))
    ET.indent(project)
    data = ET.tostring(project, encoding="utf-8", xml_declaration=True)
    return data, sources


def _code(parent: ET.Element, code: Code, guids: _Guids, q: str) -> None:
    element = ET.SubElement(
        parent,
        f"{q}Code",
        {
            "guid": guids("code", code.id),
            "name": code.name,
            "isCodable": "true" if code.codable else "false",
        },
    )
    if code.description:
        ET.SubElement(element, f"{q}Description").text = code.description
    for child in code.children:
        _code(element, child, guids, q)


def _source(parent: ET.Element, document: Document, guids: _Guids, q: str) -> tuple[str, str]:
    guid = guids("source", document.id)
    file_name = f"{guid}.txt"
    source = ET.SubElement(
        parent,
        f"{q}TextSource",
        {"guid": guid, "name": document.name, "plainTextPath": f"internal://{file_name}"},
    )
    for number, selection in enumerate(document.selections):
        element = ET.SubElement(
            source,
            f"{q}PlainTextSelection",
            {
                "guid": guids("selection", f"{document.id}\0{number}"),
                "name": selection.name or selection.code_id,
                "startPosition": str(selection.start),
                "endPosition": str(selection.end),
            },
        )
        coding = ET.SubElement(
            element, f"{q}Coding", {"guid": guids("coding", f"{document.id}\0{number}")}
        )
        ET.SubElement(coding, f"{q}CodeRef", {"targetGUID": guids("code", selection.code_id)})
    return file_name, document.text


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


def _variable_value(
    case: ET.Element, variable: Variable, value: Cell, guids: _Guids, q: str
) -> None:
    holder = ET.SubElement(case, f"{q}VariableValue")
    ET.SubElement(holder, f"{q}VariableRef", {"targetGUID": guids("variable", variable.name)})
    if variable.categorical:
        labels = variable.labels()
        text = labels.get(int(value), str(value)) if isinstance(value, int) else str(value)
        ET.SubElement(holder, f"{q}TextValue").text = text
    elif isinstance(value, str):
        ET.SubElement(holder, f"{q}TextValue").text = value
    elif variable.type is VariableType.INTEGER:
        ET.SubElement(holder, f"{q}IntegerValue").text = str(int(value or 0))
    else:
        ET.SubElement(holder, f"{q}FloatValue").text = format(float(value or 0), "f")
