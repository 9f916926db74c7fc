"""How dates, names and code values are shown and typed: one place for every screen."""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum

from upw_ttg.domain.codes import (
    GENDER_CATEGORY_LABELS, KEEP_APART_KIND_LABELS, OrderType, Role,
)
from upw_ttg.domain.custody import RELEASE_TYPE_LABELS
from upw_ttg.domain.local_time import DATE_TIME, local_time_text

DATE_HINT = "dd/mm/yyyy"
BLANK = "—"
_DATE_TEXT = re.compile(r"^\s*(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})\s*$")
_ISO_TEXT = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_LABELS: dict[Enum, str] = {
    OrderType.COMMUNITY_ORDER: "Community order",
    OrderType.SUSPENDED_SENTENCE_ORDER: "Suspended sentence order",
    Role.ADMINISTRATOR: "Administrator",
    **RELEASE_TYPE_LABELS,
    **GENDER_CATEGORY_LABELS,
    **KEEP_APART_KIND_LABELS,
}


def format_date(value: dt.date | None, blank: str = "") -> str:
    """A date as 31/12/1990 (the way staff write it), or ``blank``."""
    return value.strftime("%d/%m/%Y") if value else blank


def format_datetime(value: dt.datetime | None, blank: str = "") -> str:
    """A stored (UTC) timestamp in the user's local time, as 31/12/2026 14:05, or ``blank``."""
    return local_time_text(value, DATE_TIME, blank)


def parse_date(text: str) -> dt.date | None:
    """A typed date (31/12/1990, 31.12.1990 or 1990-12-31); empty text is None.

    Raises:
        ValueError: The text is not a real date; the message is fit to show.
    """
    if not text.strip():
        return None
    match = _DATE_TEXT.match(text)
    parts = (match[3], match[2], match[1]) if match else None
    if parts is None:
        iso = _ISO_TEXT.match(text)
        parts = (iso[1], iso[2], iso[3]) if iso else None
    if parts is None:
        raise ValueError("Enter the date as day/month/year, for example 31/12/1990.")
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise ValueError(f"{text.strip()} is not a real date. Enter it as day/month/year, "
                         "for example 31/12/1990.") from None


def label(value: Enum | str | None, blank: str = "") -> str:
    """A code value in plain words: ``OrderStatus.DEADLINE_PASSED`` -> 'Deadline passed'."""
    if value is None:
        return blank
    if isinstance(value, Enum) and value in _LABELS:
        return _LABELS[value]
    raw = value.value if isinstance(value, Enum) else str(value)
    return raw.replace("_", " ").capitalize()


def age_on(birth: dt.date, today: dt.date) -> int:
    """Whole years between ``birth`` and ``today``."""
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def or_blank(text: str | None) -> str:
    """The text, or a dash where nothing is recorded."""
    return text if text else BLANK
