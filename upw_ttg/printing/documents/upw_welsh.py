"""Phrases and clock times of the person-facing UPW documents; wording and dates: the glossary."""

from __future__ import annotations

import datetime as dt

from upw_ttg.domain.codes import Language
from upw_ttg.printing import glossary


def label(key: str, language: Language, **values: object) -> str:
    """The appointment letter's phrase ``key`` in ``language``, placeholders filled."""
    shared = {"date": "service.date", "page": "service.page", "printed": "service.printed"}
    return glossary.phrase(shared.get(key, f"appointment.{key}"), language, **values)


def clock(value: dt.time) -> str:
    """24-hour time, as printed on every UPW document: ``09:00``."""
    return f"{value:%H:%M}"
