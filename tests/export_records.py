"""Synthetic finished records in the shape ``intake/record.py`` documents, for export tests.

Every identity answer, original text and pseudonym mapping carries a canary
string, so a test can prove none of them reaches an exported byte.
"""

from __future__ import annotations

import random
from typing import Any

from intake.protocol import Field, FieldType, Protocol

CANARY_NAME = "CANARY-Zubayr-al-Qanari"
CANARY_PLACE = "CANARY-Hay-al-Sirri"
CANARY_TEXT = "CANARY-raw-narrative-never-leaves"
ARABIC_REDACTED = "ثم غادر [PERSON 1] المدينة 🙂 مع عائلته"


def _answer(field: Field, rng: random.Random) -> Any:
    if field.vocabulary is not None:
        codes = sorted(field.vocabulary.codes)
        if field.type is FieldType.MULTIPLE_CHOICE:
            ordinary = [c for c in codes if not field.vocabulary.choice(c).exclusive]
            return sorted(rng.sample(ordinary, rng.randint(1, min(3, len(ordinary)))))
        return rng.choice(codes[: max(1, min(len(codes), 6))])
    if field.type is FieldType.YES_NO:
        return rng.random() < 0.5
    if field.type is FieldType.YEAR:
        return rng.randint(2012, 2019)
    if field.type in (FieldType.NUMBER, FieldType.SCALE):
        low = int(field.minimum if field.minimum is not None else 0)
        high = int(field.maximum if field.maximum is not None else 100)
        return rng.randint(low, min(high, low + 40))
    if field.type is FieldType.DATE:
        return f"2019-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
    return f"{CANARY_TEXT} unscrubbed one-line answer"


def synthetic_record(
    protocol: Protocol, rng: random.Random, *, reviewed: bool = True, words: int = 60
) -> dict[str, Any]:
    """One finished, reviewed record of ``protocol`` with canaries in every protected part."""
    answers: dict[str, Any] = {}
    identity: dict[str, Any] = {}
    free_text: dict[str, Any] = {}
    for field in protocol.fields:
        if field.protected:
            identity[field.id] = f"{CANARY_NAME} {CANARY_PLACE}"
        elif field.anonymise:
            body = " ".join(f"word{rng.randint(1, 500)}" for _ in range(words))
            free_text[field.id] = {
                "redacted": f"[PERSON 1] said {body}. {ARABIC_REDACTED}",
                "original": f"{CANARY_NAME} said {body}. {CANARY_TEXT} in {CANARY_PLACE}",
                "candidates": [
                    {
                        "start": 0,
                        "end": len(CANARY_NAME),
                        "type": "PERSON",
                        "score": 0.9,
                        "recogniser": "known",
                        "status": "accepted",
                    }
                ],
                "decisions": [],
            }
        elif field.consent is not None:
            answers[field.id] = True
        else:
            answers[field.id] = _answer(field, rng)
    return {
        "format": "testimony-intake/record",
        "format_version": 1,
        "protocol": {
            "id": protocol.id,
            "version": protocol.version,
            "fingerprint": protocol.fingerprint,
        },
        "reviewed": reviewed,
        "answers": answers,
        "identity": identity,
        "free_text": free_text,
        "pseudonyms": {CANARY_NAME: "[PERSON 1]", CANARY_PLACE: "[PLACE 1]"},
        "anonymisation_log": [
            {"type": "PERSON", "recogniser": "known", "action": "pseudonym", "count": 2},
            {"type": "PLACE", "recogniser": "gazetteer", "action": "pseudonym", "count": 1},
        ],
    }
