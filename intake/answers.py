"""Answer values: turning what was typed or chosen into a typed, validated value.

Every function here is pure. ``parse_answer`` accepts what a form gives (text as
typed, a code, a list of codes, a yes/no) and also the JSON form written by
``answer_to_json``, so a saved answer always reads back to the same value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime

from intake.errors import IntakeError
from intake.protocol.model import AnswerValue, Field, FieldType

JsonAnswer = str | int | float | bool | list[int]
"""An answer as it is stored in a draft document."""

_YES = frozenset({"yes", "y", "true"})
_NO = frozenset({"no", "n", "false"})
_LINE_BREAKS = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")


class AnswerError(IntakeError):
    """An answer the field does not accept; the message is one short line for the form."""


def parse_answer(field: Field, raw: object) -> AnswerValue | None:
    """The typed value of an answer, or ``None`` when it is empty (no answer).

    Raises :class:`AnswerError` with a human message when the answer is not acceptable.
    """
    if raw is None:
        return None
    parser = _PARSERS[field.type]
    return parser(field, raw)


def answer_to_json(field: Field, value: AnswerValue) -> JsonAnswer:
    """The JSON form of a validated answer (dates as ``YYYY-MM-DD``, codes as lists)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _text(field: Field, raw: object) -> str | None:
    if not isinstance(raw, str):
        raise AnswerError("Type the answer as text.")
    if field.type is FieldType.TEXT:
        text = " ".join(_LINE_BREAKS.split(raw)).strip()
    else:
        text = _LINE_BREAKS.sub("\n", raw)
    if not text.strip():
        return None
    if field.min_length is not None and len(text) < field.min_length:
        raise AnswerError(f"Write at least {field.min_length} characters.")
    if field.max_length is not None and len(text) > field.max_length:
        raise AnswerError(
            f"This is {len(text)} characters long; at most {field.max_length} fit here."
        )
    if field.pattern is not None and not re.fullmatch(field.pattern, text):
        raise AnswerError("This is not in the form the question expects.")
    return text


def _digits(raw: object, what: str) -> str | int | float | None:
    if isinstance(raw, bool):
        raise AnswerError(f"Enter {what}.")
    if isinstance(raw, int | float):
        return raw
    if not isinstance(raw, str):
        raise AnswerError(f"Enter {what}.")
    text = raw.strip()
    if not text:
        return None
    if "_" in text:
        raise AnswerError(f"Enter {what}.")
    return text


def _number(field: Field, raw: object) -> int | float | None:
    what = "a whole number" if field.integer else "a number"
    given = _digits(raw, what)
    if given is None:
        return None
    value: int | float
    if isinstance(given, str):
        try:
            value = int(given)
        except ValueError:
            try:
                value = float(given.replace(",", ".") if given.count(",") == 1 else given)
            except ValueError:
                raise AnswerError(f"Enter {what}.") from None
    else:
        value = given
    if isinstance(value, float):
        if not math.isfinite(value):
            raise AnswerError(f"Enter {what}.")
        if field.integer:
            if not value.is_integer():
                raise AnswerError("Enter a whole number.")
            value = int(value)
    _check_range(field, value)
    return value


def _whole(field: Field, raw: object) -> int | None:
    what = "a year" if field.type is FieldType.YEAR else "a point of the scale"
    given = _digits(raw, what)
    if given is None:
        return None
    if isinstance(given, float):
        if not given.is_integer():
            raise AnswerError(f"Enter {what}.")
        given = int(given)
    if isinstance(given, str):
        try:
            given = int(given)
        except ValueError:
            raise AnswerError(f"Enter {what}.") from None
    _check_range(field, given)
    return given


def _check_range(field: Field, value: int | float) -> None:
    low, high = field.minimum, field.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            raise AnswerError(f"Enter a value from {low} to {high}.")
        if low is not None:
            raise AnswerError(f"Enter {low} or more.")
        raise AnswerError(f"Enter {high} or less.")


def _date(field: Field, raw: object) -> date | None:
    if isinstance(raw, datetime):
        raw = raw.date()
    if isinstance(raw, str):
        text = raw.strip()
        if not text:
            return None
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise AnswerError("Enter the date as YYYY-MM-DD.")
        try:
            raw = date.fromisoformat(text)
        except ValueError:
            raise AnswerError("There is no such date.") from None
    if not isinstance(raw, date):
        raise AnswerError("Enter the date as YYYY-MM-DD.")
    if (field.earliest and raw < field.earliest) or (field.latest and raw > field.latest):
        first = field.earliest.isoformat() if field.earliest else "any date"
        last = field.latest.isoformat() if field.latest else "any later date"
        raise AnswerError(f"Enter a date from {first} to {last}.")
    return raw


def _code(field: Field, raw: object) -> int:
    assert field.vocabulary is not None
    code: object = raw
    if isinstance(raw, str) and re.fullmatch(r"-?\d{1,10}", raw.strip()):
        code = int(raw.strip())
    if isinstance(code, bool) or not isinstance(code, int) or code not in field.vocabulary.codes:
        raise AnswerError("Choose one of the listed answers.")
    return code


def _single(field: Field, raw: object) -> int | None:
    if isinstance(raw, str) and not raw.strip():
        return None
    return _code(field, raw)


def _multiple(field: Field, raw: object) -> tuple[int, ...] | None:
    if isinstance(raw, str | bytes) or not isinstance(raw, Iterable):
        raise AnswerError("Choose from the listed answers.")
    codes = tuple(sorted({_code(field, item) for item in raw}))
    if not codes:
        return None
    assert field.vocabulary is not None
    for code in codes:
        choice = field.vocabulary.choice(code)
        if choice.exclusive and len(codes) > 1:
            raise AnswerError(f"“{choice.label}” cannot be combined with other answers.")
    if field.min_choices is not None and len(codes) < field.min_choices:
        raise AnswerError(f"Choose at least {field.min_choices}.")
    if field.max_choices is not None and len(codes) > field.max_choices:
        raise AnswerError(f"Choose at most {field.max_choices}.")
    return codes


def _yes_no(field: Field, raw: object) -> bool | None:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        word = raw.strip().casefold()
        if not word:
            return None
        if word in _YES:
            return True
        if word in _NO:
            return False
    raise AnswerError("Answer yes or no.")


_PARSERS = {
    FieldType.TEXT: _text,
    FieldType.LONG_TEXT: _text,
    FieldType.NUMBER: _number,
    FieldType.YEAR: _whole,
    FieldType.SCALE: _whole,
    FieldType.DATE: _date,
    FieldType.SINGLE_CHOICE: _single,
    FieldType.MULTIPLE_CHOICE: _multiple,
    FieldType.YES_NO: _yes_no,
}
