"""One plain-text file per testimony, and a codebook (Taguette and any text tool)."""

from __future__ import annotations

from pathlib import Path

from store.datasets.dataset import Code, Dataset, codebook_lines
from store.datasets.export_folder import write_file

TEXT_FOLDER = "texts"
CODEBOOK_FILE = "codebook.txt"


def write_texts(dataset: Dataset, folder: Path) -> list[str]:
    """``texts/<name>.txt`` for each document (UTF-8, LF) and ``codebook.txt``."""
    written = [
        write_file(
            folder,
            f"{TEXT_FOLDER}/{document.name}.txt",
            document.text.encode("utf-8"),
            durable=False,
        )
        for document in dataset.iter_documents()
    ]
    written.append(write_file(folder, CODEBOOK_FILE, codebook_text(dataset).encode("utf-8")))
    return written


def codebook_text(dataset: Dataset) -> str:
    """The codebook: the variables with their labels and codes, then the text codes."""
    lines = [dataset.title, "=" * len(dataset.title), ""]
    if dataset.description:
        lines.extend([dataset.description, ""])
    lines.extend(["Variables", "---------", ""])
    lines.extend(codebook_lines(dataset.variables))
    if dataset.codes:
        lines.extend(["", "Codes of the texts", "------------------", ""])
        for top in dataset.codes:
            lines.extend(_code_lines(top, 0))
    if dataset.document_count:
        lines.extend(
            [
                "",
                "Texts",
                "-----",
                "",
                f"{TEXT_FOLDER}/<id>.txt holds each testimony's redacted text; the file name is",
                f"the value of {dataset.id_variable}. Bracketed pseudonyms such as [PERSON 1]",
                "stand for the same person throughout one text, never across texts.",
            ]
        )
    return "\n".join(lines) + "\n"


def _code_lines(code: Code, depth: int) -> list[str]:
    line = "    " * depth + code.name + (f": {code.description}" if code.description else "")
    return [line, *(out for child in code.children for out in _code_lines(child, depth + 1))]
