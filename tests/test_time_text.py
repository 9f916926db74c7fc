"""Times and hours are typed and shown one way on every screen and on paper."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from upw_ttg.time_text import format_minutes, format_time, format_times, parse_time


@pytest.mark.parametrize(("typed", "time"), [
    ("9", dt.time(9, 0)), ("930", dt.time(9, 30)), ("0930", dt.time(9, 30)),
    ("09:30", dt.time(9, 30)), ("9.30", dt.time(9, 30)), ("9h30", dt.time(9, 30)),
    ("9 30", dt.time(9, 30)), ("14:30", dt.time(14, 30)), (" 23.59 ", dt.time(23, 59)),
    ("0", dt.time(0, 0)), ("", None), ("   ", None),
])
def test_every_way_staff_type_a_time_is_read(typed, time):
    assert parse_time(typed) == time


@pytest.mark.parametrize("typed", ["24:00", "9:60", "12345", "noon", "9:3", "-1", "9::30"])
def test_a_typed_text_that_is_no_time_says_how_to_type_one(typed):
    with pytest.raises(ValueError, match=r"is not a time\. Type the time as hh:mm"):
        parse_time(typed)


@given(st.times().map(lambda t: t.replace(second=0, microsecond=0)))
def test_a_shown_time_reads_back_as_itself(time):
    assert parse_time(format_time(time)) == time


def test_times_are_shown_on_the_24_hour_clock():
    assert format_time(dt.time(9, 5)) == "09:05"
    assert format_time(None) == ""
    assert format_times(dt.time(9), dt.time(15, 30)) == "09:00–15:30"


@pytest.mark.parametrize(("minutes", "signed", "shown"), [
    (0, False, "0:00"), (5, False, "0:05"), (125, False, "2:05"), (420, False, "7:00"),
    (-30, False, "\u22120:30"), (-360, True, "\u22126:00"), (90, True, "+1:30"),
    (0, True, "0:00"), (100 * 60, False, "100:00"),
])
def test_hours_are_shown_as_hours_and_minutes(minutes, signed, shown):
    assert format_minutes(minutes, signed=signed) == shown


@given(st.integers(min_value=-10**6, max_value=10**6))
def test_shown_hours_keep_every_minute(minutes):
    shown = format_minutes(minutes)
    negative = shown.startswith("\u2212")
    hours, rest = shown.removeprefix("\u2212").split(":")
    assert (-1 if negative else 1) * (int(hours) * 60 + int(rest)) == minutes
    assert len(rest) == 2
