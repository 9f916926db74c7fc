"""How dates, names and code values are shown and typed: one place for every screen."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from enum import Enum

from upw_ttg.domain.codes import (
    GENDER_CATEGORY_LABELS,
    KEEP_APART_KIND_LABELS,
    OrderType,
    Role,
)
from upw_ttg.domain.custody import RELEASE_TYPE_LABELS
from upw_ttg.domain.local_time import DATE_TIME, local_time_text

DATE_HINT = "dd/mm/yyyy"
BLANK = "—"
_DATE_TEXT = re.compile(
    r"^\s*(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4}|\d{2})\s*$")
_ISO_TEXT = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_DIGITS = re.compile(r"^\s*(\d{2})(\d{2})(\d{4}|\d{2})\s*$")
_RELATIVE = re.compile(r"^\s*([+-])\s*(\d{1,4})\s*$")
_WORDS = {"today": 0, "tomorrow": 1, "yesterday": -1}
# A two-digit year is this century's unless that is more than this many years ahead
# (then it is last century's: 31/12/90 is 1990, 31/12/26 is 2026).
_CENTURY_PIVOT_YEARS = 20


def _today() -> dt.date:
    """Today for typed dates such as "tomorrow" (the application sets its own clock)."""
    return dt.date.today()


today_source = _today


def today() -> dt.date:
    """Today by the application's clock (what "today" and "+7" count from)."""
    return today_source()


def set_today_source(source: Callable[[], dt.date]) -> None:
    """Make "today", "tomorrow" and "+7" count from the application's clock."""
    global today_source  # one clock per application
    today_source = source
_LABELS: dict[Enum, str] = {
    OrderType.COMMUNITY_ORDER: "Community order",
    OrderType.SUSPENDED_SENTENCE_ORDER: "Suspended sentence order",
    Role.ADMINISTRATOR: "Administrator",
}
# Added as pairs: a dict keyed by one enum is not a dict keyed by any enum to the type checker.
_LABELS.update(RELEASE_TYPE_LABELS.items())
_LABELS.update(GENDER_CATEGORY_LABELS.items())
_LABELS.update(KEEP_APART_KIND_LABELS.items())


def format_date(value: dt.date | None, blank: str = "") -> str:
    """A date as 31/12/1990 (the way staff write it), or ``blank``."""
    return value.strftime("%d/%m/%Y") if value else blank


def format_datetime(value: dt.datetime | None, blank: str = "") -> str:
    """A stored (UTC) timestamp in the user's local time, as 31/12/2026 14:05, or ``blank``."""
    return local_time_text(value, DATE_TIME, blank)


def _full_year(year: str, today: dt.date) -> str:
    if len(year) != 2:
        return year
    full = 2000 + int(year)
    return str(full - 100 if full > today.year + _CENTURY_PIVOT_YEARS else full)


def parse_date(text: str, today: dt.date | None = None) -> dt.date | None:
    """A typed date; empty text is None. Staff type dates many ways, so all of these work:
    31/12/2026, 31.12.2026, 31 12 26, 31122026, 311226, 2026-12-31, "today", "tomorrow",
    "yesterday", and "+7" or "-3" (days from today).

    Raises:
        ValueError: The text is not a real date; the message is fit to show.
    """
    if not text.strip():
        return None
    today = today or today_source()
    word = text.strip().lower()
    if word in _WORDS:
        return today + dt.timedelta(days=_WORDS[word])
    relative = _RELATIVE.match(text)
    if relative:
        days = int(relative[2])
        return today + dt.timedelta(days=days if relative[1] == "+" else -days)
    match = _DATE_TEXT.match(text) or _DIGITS.match(text)
    parts = (_full_year(match[3], today), match[2], match[1]) if match else None
    if parts is None:
        iso = _ISO_TEXT.match(text)
        parts = (iso[1], iso[2], iso[3]) if iso else None
    if parts is None:
        raise ValueError("Enter the date as day/month/year, for example 31/12/1990, 311290, "
                         "“today”, “tomorrow” or “+7”.")
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
