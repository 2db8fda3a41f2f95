"""A protocol as people read it in another language: labels, help and choices translated.

Protocols may give their texts in several languages (``label: {en: …, fr: …,
ar: …}``). Records, exports and codebooks always use the protocol's own
language; the app shows a translated copy, :func:`in_language`, whose fields,
codes and rules are the same, only the words differ. A text with no
translation stays in the protocol's language.
"""

from __future__ import annotations

import dataclasses

from intake.protocol.model import Field, Protocol, Step
from intake.protocol.vocabulary import Choice, Vocabulary


def languages(protocol: Protocol) -> tuple[str, ...]:
    """The languages a protocol's texts can be read in, its own first."""
    return (protocol.language, *sorted(t for t in protocol.translations if t != protocol.language))


def in_language(protocol: Protocol, tag: str | None) -> Protocol:
    """``protocol`` with its texts in ``tag`` where it gives them (the same protocol if none)."""
    table = protocol.translations.get(tag or "", {})
    if not table:
        return protocol

    def say(text: str) -> str:
        return table.get(text, text)

    def choice(item: Choice) -> Choice:
        return dataclasses.replace(item, label=say(item.label), help=say(item.help))

    def vocabulary(item: Vocabulary | None) -> Vocabulary | None:
        if item is None:
            return None
        return dataclasses.replace(item, choices=tuple(choice(c) for c in item.choices))

    def field(item: Field) -> Field:
        return dataclasses.replace(
            item,
            label=say(item.label),
            help=say(item.help),
            vocabulary=vocabulary(item.vocabulary),
            anchors=tuple((point, say(text)) for point, text in item.anchors),
        )

    def step(item: Step) -> Step:
        return dataclasses.replace(
            item,
            title=say(item.title),
            intro=say(item.intro),
            fields=tuple(field(f) for f in item.fields),
        )

    return dataclasses.replace(
        protocol,
        title=say(protocol.title),
        description=say(protocol.description),
        steps=tuple(step(s) for s in protocol.steps),
    )
