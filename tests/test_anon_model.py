"""The model is verified by digest, loaded by path, and nothing reaches for the network."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from anonymise.errors import AnonymiseError
from anonymise.model import file_digests, load_model, model_path, recorded_digests, verify_model
from conftest import run_python


def test_installed_model_matches_the_recorded_digests() -> None:
    assert file_digests(model_path()) == recorded_digests()


def test_a_modified_copy_of_the_model_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "model"
    shutil.copytree(model_path(), copy)
    verify_model(copy)
    with (copy / "ner" / "cfg").open("a", encoding="utf-8") as handle:
        handle.write(" ")
    with pytest.raises(AnonymiseError, match=r"does not match the recorded digests.*ner/cfg"):
        load_model(copy)


def test_an_extra_file_in_the_model_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "model"
    shutil.copytree(model_path(), copy)
    (copy / "extra.py").write_text("print('hello')\n", encoding="utf-8")
    with pytest.raises(AnonymiseError, match=r"unexpected: extra\.py"):
        verify_model(copy)


def test_importing_anonymise_loads_neither_spacy_nor_presidio() -> None:
    result = run_python(
        "import sys, anonymise, anonymise.candidates, anonymise.known, anonymise.redact;"
        "import anonymise.review, anonymise.evaluate;"
        "heavy = [m for m in ('spacy', 'presidio_analyzer', 'textual', 'store', 'intake')"
        " if m in sys.modules]; print(heavy)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.slow
def test_loading_and_analysing_never_touch_the_network() -> None:
    result = run_python(
        "from anonymise.analyser import Anonymiser\n"
        "a = Anonymiser()\n"
        "found = a.analyse('Mail abu.omar@example.org or see https://example.com, '\n"
        "                  'Abu Omar al-Britani met me in Raqqa on 3 May 2014.')\n"
        "print(sorted({c.entity_type for c in found}))\n"
    )
    assert result.returncode == 0, result.stderr
    assert "NETWORK ATTEMPT" not in result.stderr
    assert "EMAIL" in result.stdout and "URL" in result.stdout and "PERSON" in result.stdout
