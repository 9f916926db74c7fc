"""Working-day calendar for England and Wales: weekends, bank holidays and office closures."""

from __future__ import annotations

import importlib.util
import sys
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from datetime import MAXYEAR, MINYEAR, date
from functools import cache
from types import MappingProxyType
from typing import Any

# The supported years are module attributes computed on first use (see __getattr__).
__all__ = ["WorkingCalendar", "FIRST_SUPPORTED_YEAR", "LAST_SUPPORTED_YEAR",  # noqa: F822
           "knows_bank_holidays"]

# England and Wales share one set of bank holidays, so the ENG subdivision serves both.
_COUNTRY = "GB"
_SUBDIVISION = "ENG"
_COUNTRIES = "holidays.countries"


@cache
def _united_kingdom() -> Any:
    """The holidays library's United Kingdom calendar, imported on first use.

    The library's ``countries`` package imports every country it knows (some 250 modules,
    about 8 MB and twice the time) when one is asked for; only the UK's is loaded here, under
    that package left unrun. Should the library be laid out otherwise, it is loaded whole.
    """
    import holidays  # the library's own set-up, before its countries

    if _COUNTRIES not in sys.modules:
        spec = importlib.util.find_spec(_COUNTRIES)
        if spec is not None and spec.submodule_search_locations is not None:
            sys.modules[_COUNTRIES] = importlib.util.module_from_spec(spec)
    try:
        from holidays.countries.united_kingdom import UnitedKingdom
    except ImportError:
        sys.modules.pop(_COUNTRIES, None)
        return getattr(holidays, _COUNTRY)
    return UnitedKingdom


def _country_holidays(year: int) -> Mapping[date, str]:
    calendar: Mapping[date, str] = _united_kingdom()(subdiv=_SUBDIVISION, years=year)
    return calendar


@cache
def _supported_years() -> tuple[int, int]:
    # The library returns an empty calendar outside its range instead of failing, which would
    # silently turn bank holidays into working days; so the range is enforced here.
    return _united_kingdom().start_year, _united_kingdom().end_year


def __getattr__(name: str) -> int:
    if name == "FIRST_SUPPORTED_YEAR":
        return _supported_years()[0]
    if name == "LAST_SUPPORTED_YEAR":
        return _supported_years()[1]
    raise AttributeError(name)

_SATURDAY = 5


@cache
def _bank_holidays(year: int) -> Mapping[date, str]:
    """Weekday bank holidays of `year`, as published on GOV.UK, in date order; none for a
    year the library does not cover (see ``knows_bank_holidays``)."""
    if not knows_bank_holidays(year):
        return MappingProxyType({})
    source = _country_holidays(year)
    # The library also lists the nominal day when it falls at a weekend (e.g. Christmas Day on
    # a Saturday, next to "Christmas Day (observed)"); GOV.UK lists only the weekday that is
    # actually taken off, and weekends are not working days anyway.
    return MappingProxyType(
        {day: name for day, name in sorted(source.items()) if day.weekday() < _SATURDAY}
    )


@cache
def _holiday_dates(year: int) -> Mapping[date, str]:
    """Every day of `year` named as a bank holiday: the substitute weekday and also the
    holiday's own date when it falls at a weekend (Christmas Day on a Saturday)."""
    if not knows_bank_holidays(year):
        return MappingProxyType({})
    source = _country_holidays(year)
    return MappingProxyType(dict(sorted(source.items())))


@cache
def _bank_holiday_ordinals(year: int) -> frozenset[int]:
    return frozenset(day.toordinal() for day in _bank_holidays(year))


def knows_bank_holidays(year: int) -> bool:
    """True for the years whose bank holidays are known (FIRST_ to LAST_SUPPORTED_YEAR).

    Outside them the calendar still answers, counting weekends and closures only, so a
    mistyped date (year 1, or 2230) cannot stop a list from being worked out; screens flag
    such dates for correction rather than trust the deadlines computed from them.
    """
    first, last = _supported_years()
    return first <= year <= last


class WorkingCalendar:
    """Working days in England and Wales: Monday to Friday, except bank holidays and closures.

    Conventions (all arithmetic is on whole dates; a `datetime` is treated as its date):

    * ``working_days_between(start, end)`` counts working days ``d`` with ``start < d <= end``;
      it is negative when ``end < start`` (``-working_days_between(end, start)``) and 0 when
      they are equal.
    * ``add_working_days(start, n)`` for ``n >= 1`` is the n-th working day strictly after
      ``start``; for ``n <= -1`` it is the |n|-th working day strictly before ``start``; for
      ``n == 0`` it is ``start`` if that is a working day, otherwise the next working day.
      So a Saturday plus 0 or plus 1 working days are both the following Monday (if working).
    * For a working day ``start`` and any ``n``:
      ``working_days_between(start, add_working_days(start, n)) == n``.

    Bank holidays are known for the years the `holidays` library covers (see
    ``FIRST_SUPPORTED_YEAR``, ``LAST_SUPPORTED_YEAR`` and ``knows_bank_holidays``); other years
    count weekends and closures only. Nothing raises at the edges of the calendar: a count
    that would run past 1 January of year 1 or 31 December 9999 stops at the first or last
    working day there is.
    """

    def __init__(self, closures: Iterable[date] = ()) -> None:
        self._closures: frozenset[int] = frozenset(day.toordinal() for day in closures)
        # (first year, last year, sorted ordinals of all working days in those years), kept in
        # one tuple so a reader in another thread never sees bounds and list out of step.
        self._index: tuple[int, int, list[int]] = (0, -1, [])
        self._lock = threading.Lock()

    @property
    def closures(self) -> frozenset[date]:
        return frozenset(date.fromordinal(ordinal) for ordinal in self._closures)

    def bank_holidays(self, year: int) -> dict[date, str]:
        """Bank holidays of England and Wales in `year` that fall on a weekday, with names.

        Substitute days carry the library's name, e.g. "Boxing Day (observed)".
        """
        return dict(_bank_holidays(year))

    def holiday_name(self, day: date) -> str | None:
        """The bank holiday `day` is, weekends included, or None.

        Working-day arithmetic uses the substitute weekday (``bank_holidays``); nothing is
        scheduled on the holiday's own date either, so a weekend project does not work on
        Christmas Day when it falls on a Saturday.
        """
        return _holiday_dates(day.year).get(day)

    def no_session_days(self, year: int) -> dict[date, str]:
        """Every day of `year` named as a bank holiday, weekends included (``holiday_name``)."""
        return dict(_holiday_dates(year))

    def is_working_day(self, day: date) -> bool:
        ordinal = day.toordinal()
        return (
            day.weekday() < _SATURDAY
            and ordinal not in self._closures
            and ordinal not in _bank_holiday_ordinals(day.year)
        )

    def next_working_day(self, day: date) -> date:
        """The first working day on or after `day`."""
        return self.add_working_days(day, 0)

    def previous_working_day(self, day: date) -> date:
        """The last working day on or before `day` (use ``add_working_days(day, -1)`` for
        strictly before)."""
        ordinal = day.toordinal()
        lo = max(MINYEAR, day.year - 1)
        while True:
            lo, hi, working = self._covering(lo, day.year)
            i = bisect_right(working, ordinal) - 1
            if i >= 0:
                return date.fromordinal(working[i])
            if lo == MINYEAR:
                return date.fromordinal(working[0])
            lo -= 1

    def add_working_days(self, start: date, n: int) -> date:
        """See the class docstring for the convention on `n` and on non-working `start`."""
        ordinal = start.toordinal()
        # About 250 working days a year; one spare year each side covers year ends and the
        # usual closures, and the loop below grows the index if many closures need more.
        years = abs(n) // 200 + 1
        if n >= 0:
            lo, hi = start.year, min(MAXYEAR, start.year + years)
        else:
            lo, hi = max(MINYEAR, start.year - years), start.year
        while True:
            lo, hi, working = self._covering(lo, hi)
            if n > 0:
                i = bisect_right(working, ordinal) + n - 1
            elif n == 0:
                i = bisect_left(working, ordinal)
            else:
                i = bisect_left(working, ordinal) + n
            if 0 <= i < len(working):
                return date.fromordinal(working[i])
            if i < 0:
                if lo == MINYEAR:
                    return date.fromordinal(working[0])
                lo = max(MINYEAR, lo - years)
            else:
                if hi == MAXYEAR:
                    return date.fromordinal(working[-1])
                hi = min(MAXYEAR, hi + years)

    def working_days_between(self, start: date, end: date) -> int:
        """Number of working days d with start < d <= end; negative if end < start."""
        _, _, working = self._covering(min(start.year, end.year), max(start.year, end.year))
        return bisect_right(working, end.toordinal()) - bisect_right(working, start.toordinal())

    def _covering(self, first_year: int, last_year: int) -> tuple[int, int, list[int]]:
        """The working-day index, grown if needed to cover `first_year`..`last_year`."""
        index = self._index
        lo, hi, _ = index
        if lo <= first_year and last_year <= hi:
            return index
        with self._lock:
            lo, hi, working = self._index
            if lo > hi:
                lo, hi = first_year, last_year
                working = self._working_ordinals(lo, hi)
            else:
                # Keep the covered years contiguous so bisecting over the list stays valid.
                if first_year < lo:
                    working = self._working_ordinals(first_year, lo - 1) + working
                    lo = first_year
                if last_year > hi:
                    working = working + self._working_ordinals(hi + 1, last_year)
                    hi = last_year
            self._index = (lo, hi, working)
            return self._index

    def _working_ordinals(self, first_year: int, last_year: int) -> list[int]:
        result: list[int] = []
        for year in range(first_year, last_year + 1):
            closed = _bank_holiday_ordinals(year) | self._closures
            begin = date(year, 1, 1).toordinal()
            end = date(year, 12, 31).toordinal()
            # Ordinal 1 (1 Jan of year 1) was a Monday, so (ordinal - 1) % 7 is the weekday.
            result.extend(
                o for o in range(begin, end + 1) if (o - 1) % 7 < _SATURDAY and o not in closed
            )
        return result
