"""Tests of the England-and-Wales working-day calendar."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
from hypothesis import given, settings
from hypothesis import strategies as st

from upw_ttg.domain.working_days import WorkingCalendar, knows_bank_holidays

CAL = WorkingCalendar()

dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
counts = st.integers(min_value=0, max_value=300)
signed_counts = st.integers(min_value=-300, max_value=300)


# Independent oracle: asks the library directly, day by day, with no caching of its own.
_LIBRARY = holidays.country_holidays("GB", subdiv="ENG")


def _naive_is_working(day: date, closures: frozenset[date] = frozenset()) -> bool:
    return day.weekday() < 5 and day not in _LIBRARY and day not in closures


def _naive_add(start: date, n: int, closures: frozenset[date] = frozenset()) -> date:
    day = start
    if n == 0:
        while not _naive_is_working(day, closures):
            day += timedelta(days=1)
        return day
    step = timedelta(days=1 if n > 0 else -1)
    remaining = abs(n)
    while remaining:
        day += step
        if _naive_is_working(day, closures):
            remaining -= 1
    return day


# Explicit cases


def test_easter_2026() -> None:
    assert not CAL.is_working_day(date(2026, 4, 3))  # Good Friday
    assert not CAL.is_working_day(date(2026, 4, 6))  # Easter Monday
    assert CAL.is_working_day(date(2026, 4, 2))
    assert CAL.is_working_day(date(2026, 4, 7))
    assert CAL.bank_holidays(2026)[date(2026, 4, 3)] == "Good Friday"
    assert CAL.bank_holidays(2026)[date(2026, 4, 6)] == "Easter Monday"


def test_christmas_2026_with_boxing_day_substitute() -> None:
    assert not CAL.is_working_day(date(2026, 12, 25))  # Friday
    assert not CAL.is_working_day(date(2026, 12, 26))  # Saturday
    assert not CAL.is_working_day(date(2026, 12, 28))  # Monday, substitute for Boxing Day
    assert CAL.is_working_day(date(2026, 12, 29))
    bank = CAL.bank_holidays(2026)
    assert date(2026, 12, 25) in bank
    assert date(2026, 12, 28) in bank
    assert date(2026, 12, 26) not in bank  # a weekend day: only the substitute is listed


def test_all_bank_holidays_2027() -> None:
    assert set(CAL.bank_holidays(2027)) == {
        date(2027, 1, 1),
        date(2027, 3, 26),  # Good Friday
        date(2027, 3, 29),  # Easter Monday
        date(2027, 5, 3),
        date(2027, 5, 31),
        date(2027, 8, 30),
        date(2027, 12, 27),  # substitute for Christmas Day (Saturday)
        date(2027, 12, 28),  # substitute for Boxing Day (Sunday)
    }


def test_bank_holidays_returns_a_copy() -> None:
    CAL.bank_holidays(2027).clear()
    assert len(CAL.bank_holidays(2027)) == 8


def test_special_bank_holiday_2023_coronation() -> None:
    assert not CAL.is_working_day(date(2023, 5, 8))


def test_weekend_is_not_working() -> None:
    assert not CAL.is_working_day(date(2026, 3, 7))  # Saturday
    assert not CAL.is_working_day(date(2026, 3, 8))  # Sunday
    assert CAL.is_working_day(date(2026, 3, 9))


def test_add_ten_working_days_skips_easter() -> None:
    # Wed 1 Apr 2026; Good Friday 3 Apr and Easter Monday 6 Apr are skipped.
    assert CAL.add_working_days(date(2026, 4, 1), 10) == date(2026, 4, 17)
    assert CAL.working_days_between(date(2026, 4, 1), date(2026, 4, 17)) == 10


def test_add_ten_working_days_skips_christmas() -> None:
    # Wed 23 Dec 2026: 24, 29, 30, 31 Dec; 1 Jan 2027 is a bank holiday; then 4..8 and 11 Jan.
    assert CAL.add_working_days(date(2026, 12, 23), 10) == date(2027, 1, 11)


def test_closure_day_is_skipped() -> None:
    closure = date(2026, 3, 11)  # Wednesday
    cal = WorkingCalendar(closures=[closure])
    assert not cal.is_working_day(closure)
    assert CAL.is_working_day(closure)
    assert CAL.add_working_days(date(2026, 3, 9), 3) == date(2026, 3, 12)
    assert cal.add_working_days(date(2026, 3, 9), 3) == date(2026, 3, 13)
    assert cal.next_working_day(closure) == date(2026, 3, 12)
    assert cal.previous_working_day(closure) == date(2026, 3, 10)


def test_saturday_start() -> None:
    saturday = date(2026, 3, 7)
    assert CAL.add_working_days(saturday, 0) == date(2026, 3, 9)
    assert CAL.add_working_days(saturday, 1) == date(2026, 3, 9)
    assert CAL.add_working_days(saturday, 5) == date(2026, 3, 13)
    assert CAL.add_working_days(saturday, -1) == date(2026, 3, 6)
    assert CAL.working_days_between(saturday, date(2026, 3, 9)) == 1
    assert CAL.working_days_between(saturday, date(2026, 3, 8)) == 0


def test_n_zero() -> None:
    monday = date(2026, 3, 9)
    assert CAL.add_working_days(monday, 0) == monday
    assert CAL.add_working_days(date(2026, 4, 3), 0) == date(2026, 4, 7)  # Good Friday
    assert CAL.working_days_between(monday, monday) == 0


def test_negative_n() -> None:
    # Tue 7 Apr 2026 back one working day passes Easter Monday and Good Friday.
    assert CAL.add_working_days(date(2026, 4, 7), -1) == date(2026, 4, 2)
    assert CAL.working_days_between(date(2026, 4, 7), date(2026, 4, 2)) == -1


def test_next_and_previous_working_day() -> None:
    assert CAL.next_working_day(date(2026, 12, 25)) == date(2026, 12, 29)
    assert CAL.previous_working_day(date(2026, 12, 28)) == date(2026, 12, 24)
    monday = date(2026, 3, 9)
    assert CAL.next_working_day(monday) == monday
    assert CAL.previous_working_day(monday) == monday


def test_across_many_years_and_year_ends() -> None:
    start = date(2026, 12, 31)
    assert CAL.add_working_days(start, 2000) == _naive_add(start, 2000)
    assert CAL.add_working_days(start, -2000) == _naive_add(start, -2000)


def test_years_without_known_bank_holidays_count_weekends_only() -> None:
    assert not knows_bank_holidays(2101) and knows_bank_holidays(2100)
    assert CAL.bank_holidays(2101) == {}
    assert CAL.is_working_day(date(2101, 1, 3))  # a Monday; 1 January is not known there
    assert CAL.add_working_days(date(2100, 12, 1), 300) > date(2101, 12, 1)
    assert CAL.is_working_day(date(1, 1, 1))  # a Monday in year 1


def test_the_calendar_copes_at_the_edges_of_the_date_range() -> None:
    first, last = date(1, 1, 1), date(9999, 12, 31)  # a Monday and a Friday
    assert CAL.add_working_days(first, -5) == first
    assert CAL.previous_working_day(first) == first
    assert CAL.add_working_days(last, 5) == last
    assert CAL.next_working_day(date(9999, 12, 31)) == last
    assert CAL.add_working_days(date(9999, 12, 20), 40) == last
    assert CAL.working_days_between(date(1, 1, 1), date(1, 1, 8)) == 5
    assert CAL.working_days_between(date(9999, 12, 24), date(9999, 12, 31)) == 5
    assert CAL.add_working_days(date(1, 1, 3), 2) == date(1, 1, 5)
    assert CAL.add_working_days(date(1900, 1, 1), -(10 ** 6)) == first


# Properties


@settings(max_examples=300, deadline=None)
@given(start=dates, n=counts)
def test_add_working_days_properties(start: date, n: int) -> None:
    result = CAL.add_working_days(start, n)
    assert result >= start
    if n >= 1:
        assert CAL.is_working_day(result)
        assert CAL.working_days_between(start, result) == n
    if CAL.is_working_day(start):
        assert CAL.working_days_between(start, result) == n
    else:
        assert result > start


@settings(max_examples=300, deadline=None)
@given(start=dates, n=signed_counts)
def test_round_trip_from_working_day(start: date, n: int) -> None:
    start = CAL.next_working_day(start)
    result = CAL.add_working_days(start, n)
    assert CAL.working_days_between(start, result) == n
    assert CAL.add_working_days(result, -n) == start


@settings(max_examples=100, deadline=None)
@given(start=dates, n=signed_counts)
def test_matches_naive_day_by_day(start: date, n: int) -> None:
    assert CAL.add_working_days(start, n) == _naive_add(start, n)


@settings(max_examples=200, deadline=None)
@given(start=dates, n=counts, extra=st.integers(min_value=0, max_value=50))
def test_monotonic_in_n(start: date, n: int, extra: int) -> None:
    assert CAL.add_working_days(start, n) <= CAL.add_working_days(start, n + extra)
    if n >= 1:
        assert CAL.add_working_days(start, n) < CAL.add_working_days(start, n + 1)


@settings(max_examples=200, deadline=None)
@given(start=dates, n=counts, closures=st.lists(dates, max_size=5))
def test_closure_never_makes_result_earlier(start: date, n: int, closures: list[date]) -> None:
    with_closures = WorkingCalendar(closures)
    result = with_closures.add_working_days(start, n)
    assert result >= CAL.add_working_days(start, n)
    assert result not in closures
    assert result == _naive_add(start, n, frozenset(closures))


@settings(max_examples=300, deadline=None)
@given(a=dates, b=dates)
def test_between_is_antisymmetric(a: date, b: date) -> None:
    assert CAL.working_days_between(a, b) == -CAL.working_days_between(b, a)


@settings(max_examples=200, deadline=None)
@given(a=dates, b=dates)
def test_between_counts_working_days(a: date, b: date) -> None:
    lo, hi = min(a, b), max(a, b)
    if (hi - lo).days > 400:
        hi = lo + timedelta(days=400)
    expected = sum(
        CAL.is_working_day(lo + timedelta(days=k)) for k in range(1, (hi - lo).days + 1)
    )
    assert CAL.working_days_between(lo, hi) == expected


@settings(max_examples=200, deadline=None)
@given(day=dates)
def test_next_and_previous_bracket_the_day(day: date) -> None:
    after = CAL.next_working_day(day)
    before = CAL.previous_working_day(day)
    assert before <= day <= after
    assert CAL.is_working_day(after) and CAL.is_working_day(before)
    assert (after == day) == CAL.is_working_day(day)
    assert CAL.working_days_between(before, after) == (0 if after == day else 1)


def test_only_the_uk_calendar_is_loaded_and_it_agrees_with_the_whole_library() -> None:
    """In a fresh interpreter the calendar loads the library's UK module alone (not its 250
    other countries), and gives the bank holidays the library gives when loaded whole."""
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import sys\n"
        "from upw_ttg.domain.working_days import WorkingCalendar\n"
        "cal = WorkingCalendar()\n"
        "days = sorted(d for y in range(2020, 2036) for d in cal.bank_holidays(y))\n"
        "print(','.join(d.isoformat() for d in days))\n"
        "print('holidays.countries.germany' in sys.modules)\n")
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, timeout=120, cwd=root)
    days, germany_loaded = result.stdout.split()
    expected = sorted(d for y in range(2020, 2036) for d in CAL.bank_holidays(y))
    assert days == ",".join(d.isoformat() for d in expected)
    assert germany_loaded == "False"
