"""The Python values a validated answer takes."""

from __future__ import annotations

from datetime import date

AnswerValue = str | int | float | bool | date | tuple[int, ...]
"""A validated answer: text, a number or year, a yes/no, a date, a code or sorted codes."""
