"""Find, verify and load the spaCy model by directory, never by package.

Loading a model by package name imports the package's code; loading it by path
runs none. Before spaCy reads a byte, every file of the model directory is
checked against the SHA-256 digests recorded in ``model_digests.json``, so a
tampered or swapped model is refused with one clear error.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from importlib import resources
from pathlib import Path
from typing import Any

from anonymise.errors import AnonymiseError
from anonymise.languages import DEFAULT_LANGUAGE, language

#: English plurals not formed with -s, which the lemmatizer tables do not list.
IRREGULAR_PLURALS = frozenset(
    [
        "men",
        "women",
        "children",
        "people",
        "feet",
        "teeth",
        "mice",
        "geese",
        "oxen",
        "lice",
        "data",
        "media",
        "criteria",
        "phenomena",
        "alumni",
        "policemen",
        "policewomen",
        "gentlemen",
        "businessmen",
        "fishermen",
    ]
)
#: Pipeline parts the analyser does not need: the NER has its own tok2vec layer.
UNUSED_COMPONENTS = (
    "tok2vec",
    "tagger",
    "morphologizer",
    "parser",
    "senter",
    "attribute_ruler",
    "lemmatizer",
)


def model_path(tag: str = DEFAULT_LANGUAGE) -> Path:
    """The model directory of the language's installed package, found without importing it."""
    chosen = language(tag)
    if chosen.model_package is None:
        raise AnonymiseError(f"{chosen.name} texts are read by rules alone; there is no model")
    spec = importlib.util.find_spec(chosen.model_package)
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        candidate = Path(location) / chosen.model_directory
        if (candidate / "config.cfg").is_file():
            return candidate
    raise AnonymiseError(
        f"the spaCy model package {chosen.model_package} is not installed; "
        "run 'make run' to install it."
    )


def recorded_digests(tag: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """The digests the project records: relative path -> SHA-256 hex."""
    digests = language(tag).digests
    raw = resources.files("anonymise").joinpath(digests).read_text("utf-8")
    data = json.loads(raw)
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict) or not files:
        raise AnonymiseError("the recorded model digests are missing or malformed.")
    return {str(name): str(digest) for name, digest in files.items()}


def file_digests(directory: Path) -> dict[str, str]:
    """SHA-256 of every file under ``directory``, keyed by POSIX relative path."""
    digests: dict[str, str] = {}
    for path in sorted(directory.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest = hashlib.sha256()
            with path.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            digests[path.relative_to(directory).as_posix()] = digest.hexdigest()
    return digests


def verify_model(directory: Path, tag: str = DEFAULT_LANGUAGE) -> None:
    """Refuse a model directory whose files differ from the language's recorded digests."""
    expected = recorded_digests(tag)
    actual = file_digests(directory)
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    changed = sorted(name for name in expected if name in actual and actual[name] != expected[name])
    if missing or extra or changed:
        problems = [
            f"{label}: {', '.join(names[:3])}"
            for label, names in (("changed", changed), ("missing", missing), ("unexpected", extra))
            if names
        ]
        raise AnonymiseError(
            f"the spaCy model at {directory} does not match the recorded digests "
            f"({'; '.join(problems)}); reinstall it with 'make run'."
        )


def load_model(directory: Path | None = None, tag: str = DEFAULT_LANGUAGE) -> Any:
    """Verify and load the NER-only pipeline from ``directory`` (the installed model by default)."""
    path = model_path(tag) if directory is None else directory
    verify_model(path, tag)
    import spacy

    return spacy.load(path, exclude=list(UNUSED_COMPONENTS))


def blank_pipeline(tag: str) -> Any:
    """spaCy's tokenizer alone for a language that has no trained pipeline (no download)."""
    import spacy

    return spacy.blank(tag)


def dictionary_words(directory: Path | None = None) -> frozenset[str]:
    """The language's words (lower case) from the model's verified lemmatizer tables.

    The lemmas of the index and exceptions, and, where the model has a lookup
    table (French), every inflected form it lists ("habite", "travaillait").
    """
    path = model_path() if directory is None else directory
    from spacy.lookups import Lookups

    lookups = Lookups().from_disk(path / "lemmatizer" / "lookups")
    index = lookups.get_table("lemma_index")
    words: set[str] = set()
    for entries in index.values():
        words.update(word.lower() for word in entries if "_" not in word)
    exceptions = lookups.get_table("lemma_exc")
    for table in exceptions.values():
        words.update(word.lower() for word in table)
    if lookups.has_table("lemma_lookup"):
        words.update(_inflected_forms(path, lookups.get_table("lemma_lookup")))
    # Irregular plurals the lemmatizer tables leave out: common words, never names.
    words.update(IRREGULAR_PLURALS)
    return frozenset(words)


def _inflected_forms(path: Path, table: Any) -> set[str]:
    """The words of the model's vocabulary its lemma lookup table lists, and their lemmas."""
    from spacy.strings import get_string_id

    strings = json.loads((path / "vocab" / "strings.json").read_text("utf-8"))
    forms = {word.lower() for word in strings if "_" not in word and get_string_id(word) in table}
    lemmas = {
        lemma.lower()
        for value in table.values()
        for lemma in (value if isinstance(value, list) else [value])
        if isinstance(lemma, str) and "_" not in lemma
    }
    return forms | lemmas


def write_digests(target: Path, tag: str = DEFAULT_LANGUAGE) -> None:
    """Record the digests of the installed model (maintainers, after a deliberate upgrade)."""
    chosen = language(tag)
    path = model_path(chosen.tag)
    payload = {
        "model": f"{chosen.model_package}/{chosen.model_directory}",
        "files": file_digests(path),
    }
    target.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    import sys

    for tag in sys.argv[1:] or [DEFAULT_LANGUAGE]:
        write_digests(Path(__file__).with_name(language(tag).digests), tag)
