"""How times of day and hours worked are written and typed: one grammar for screens and paper."""

from __future__ import annotations

import datetime as dt
import re

TIME_HINT = "Type the time as hh:mm on the 24-hour clock, for example 09:30."

# "9", "930", "0930", "09:30", "9.30", "9h30" and "9 30": staff key times many ways.
_TIME_TEXT = re.compile(r"^\s*(\d{1,2})(?:\s*[:.h ]?\s*(\d{2}))?\s*$")
_MINUS = "\u2212"


def format_time(value: dt.time | None) -> str:
    """A time of day on the 24-hour clock, ``09:30``; nothing for no time."""
    return f"{value:%H:%M}" if value is not None else ""


def format_times(start: dt.time, end: dt.time) -> str:
    """A span of the day, ``09:00–15:30``."""
    return f"{start:%H:%M}–{end:%H:%M}"


def parse_time(text: str) -> dt.time | None:
    """A typed time of day; empty text is None.

    Every screen accepts the same forms: ``9`` (09:00), ``930`` and ``0930`` (09:30), ``09:30``,
    ``9.30``, ``9h30`` and ``9 30``.

    Raises:
        ValueError: The text is not a time of day; the message is fit to show.
    """
    typed = text.strip()
    if not typed:
        return None
    match = _TIME_TEXT.match(typed)
    if match is None:
        raise ValueError(f"{typed} is not a time. {TIME_HINT}")
    if match[2] is None and len(typed) in (3, 4) and typed.isdigit():
        hours, minutes = int(typed[:-2]), int(typed[-2:])
    else:
        hours, minutes = int(match[1]), int(match[2] or 0)
    if hours > 23 or minutes > 59:
        raise ValueError(f"{typed} is not a time. {TIME_HINT}")
    return dt.time(hours, minutes)


def format_minutes(minutes: int, *, signed: bool = False) -> str:
    """Hours worked as hours and minutes, the one way they are shown: ``125`` -> ``2:05``.

    A negative amount (an adjustment taking hours off) has a true minus sign, ``−0:30``;
    ``signed`` also puts ``+`` before a positive one.
    """
    sign = ""
    if minutes < 0:
        sign = _MINUS
    elif signed and minutes > 0:
        sign = "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours}:{rest:02d}"
