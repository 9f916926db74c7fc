"""Session dates from a project's availability pattern (dateutil rrule), minus closed days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from dateutil.rrule import FR, MO, SA, SU, TH, TU, WE, WEEKLY, rrule

from upw_ttg.domain.codes import PatternFrequency

_RRULE_DAYS = (MO, TU, WE, TH, FR, SA, SU)


@dataclass(frozen=True, slots=True)
class Pattern:
    """A project's availability: ISO weekdays (1 = Monday), how often, and from–to dates."""

    frequency: PatternFrequency
    weekdays: tuple[int, ...]
    available_from: dt.date
    available_to: dt.date | None = None
    end_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class SkippedDay:
    day: dt.date
    reason: str


def parse_weekdays(text: str) -> tuple[int, ...]:
    """ISO weekdays from the stored digits, e.g. "246" -> (2, 4, 6)."""
    return tuple(sorted({int(ch) for ch in text if ch.isdigit() and 1 <= int(ch) <= 7}))


def format_weekdays(days: Iterable[int]) -> str:
    return "".join(str(d) for d in sorted(set(days)))


def pattern_dates(pattern: Pattern, start: dt.date, end: dt.date) -> list[dt.date]:
    """The days in ``start``–``end`` on which the pattern falls, before skipping closures.

    Fortnightly counts from the week of ``available_from`` (as the MoJ scheduler does from an
    allocation's start date), so the fortnight does not shift with the range chosen.
    """
    last = min(d for d in (end, pattern.available_to, pattern.end_date) if d is not None)
    if pattern.frequency == PatternFrequency.ONCE:
        day = pattern.available_from
        return [day] if start <= day <= last else []
    if not pattern.weekdays or last < start:
        return []
    anchor = pattern.available_from - dt.timedelta(days=pattern.available_from.weekday())
    interval = 2 if pattern.frequency == PatternFrequency.FORTNIGHTLY else 1
    rule = rrule(WEEKLY, interval=interval, wkst=MO,
                 byweekday=[_RRULE_DAYS[d - 1] for d in pattern.weekdays],
                 dtstart=dt.datetime.combine(anchor, dt.time()),
                 until=dt.datetime.combine(last, dt.time()))
    first = max(start, pattern.available_from)
    return [d.date() for d in rule if d.date() >= first]


def session_dates(pattern: Pattern, start: dt.date, end: dt.date,
                  closed: Callable[[dt.date], str | None]) -> tuple[list[dt.date],
                                                                    list[SkippedDay]]:
    """Days to hold a session, and the days skipped with why (bank holiday, closure).

    ``closed(day)`` returns the reason a day is closed for this project, or None.
    """
    days, skipped = [], []
    for day in pattern_dates(pattern, start, end):
        reason = closed(day)
        if reason:
            skipped.append(SkippedDay(day, reason))
        else:
            days.append(day)
    return days, skipped
