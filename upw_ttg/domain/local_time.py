"""Timestamps: stored in UTC (naive), shown in the user's local time; one function formats them.

Record-keeping times (created, changed, audited, signed in) are written in UTC so that every
computer and both databases agree, whatever their time zone, and so the hour that repeats when
the clocks go back stays in order. People read them in the time of the computer in front of
them, with summer time applied: ``local_time_text`` is the one place that turns one into the
other. Appointment times that people type (a meeting at 10:00) are wall-clock times and are
neither stored nor shown through here.
"""

from __future__ import annotations

import datetime as dt

DATE_TIME = "%d/%m/%Y %H:%M"


def to_local(stored: dt.datetime) -> dt.datetime:
    """A naive UTC timestamp as the naive local time of this computer."""
    aware = stored if stored.tzinfo is not None else stored.replace(tzinfo=dt.UTC)
    return aware.astimezone().replace(tzinfo=None)


def to_utc(local: dt.datetime) -> dt.datetime:
    """A naive local time of this computer as the naive UTC timestamp to store."""
    return local.astimezone(dt.UTC).replace(tzinfo=None)


def local_time_text(stored: dt.datetime | None, pattern: str = DATE_TIME,
                    blank: str = "") -> str:
    """A stored UTC timestamp, in local time, formatted with ``pattern``; ``blank`` if None."""
    if stored is None:
        return blank
    local = to_local(stored)
    # Day without a leading zero, the way letters and messages write dates ("3 Dec 2026").
    return local.strftime(pattern.replace("%-d", str(local.day)))


def local_date(stored: dt.datetime) -> dt.date:
    """The local calendar day of a stored UTC timestamp (late evening BST is the next day)."""
    return to_local(stored).date()
