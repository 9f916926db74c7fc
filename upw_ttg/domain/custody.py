"""Custody dates: which date is the expected release date, and what type it is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from upw_ttg.domain.codes import ReleaseDateType

# rule TTG-1: the first present of confirmed, HDC approved, CRD, ARD.
_RELEASE_PRECEDENCE: tuple[tuple[str, ReleaseDateType], ...] = (
    ("confirmed_release_date", ReleaseDateType.CONFIRMED),
    ("hdc_approved_date", ReleaseDateType.HDC),
    ("conditional_release_date", ReleaseDateType.CRD),
    ("automatic_release_date", ReleaseDateType.ARD),
)

# The date field each release type comes from.
RELEASE_DATE_FIELDS: dict[ReleaseDateType, str] = {kind: field
                                                   for field, kind in _RELEASE_PRECEDENCE}

RELEASE_TYPE_LABELS = {
    ReleaseDateType.CONFIRMED: "Confirmed release date",
    ReleaseDateType.HDC: "HDC approved date (may change)",
    ReleaseDateType.CRD: "Conditional release date",
    ReleaseDateType.ARD: "Automatic release date",
}


def expected_release(dates: dict[str, dt.date | None]) -> tuple[dt.date | None,
                                                                ReleaseDateType | None]:
    """The expected release date and its type from a custody episode's dates."""
    for field, kind in _RELEASE_PRECEDENCE:
        value = dates.get(field)
        if value is not None:
            return value, kind
    return None, None


def sentence_days(start: dt.date, years: int, months: int, days: int) -> int:
    """A sentence of years, months and days (as the court states it) in days from ``start``:
    calendar months and years, so 1 year from 1 March 2027 is 366 days (2028 is a leap year).
    """
    return (start + relativedelta(years=years, months=months, days=days) - start).days


def sentence_parts(start: dt.date, total_days: int) -> tuple[int, int, int]:
    """The years, months and days of a sentence of ``total_days`` from ``start`` (the inverse of
    ``sentence_days``), for showing a stored length the way the court stated it."""
    gap = relativedelta(start + dt.timedelta(days=total_days), start)
    return gap.years, gap.months, gap.days


@dataclass(frozen=True, slots=True)
class DateChangeRow:
    """One change to a custody date: what it was, what it became, why, when and by whom."""

    field: str
    old_value: dt.date | None
    new_value: dt.date | None
    reason: str | None
    changed_at: dt.datetime
    changed_by: str | None
