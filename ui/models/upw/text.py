"""How scheduling shows times, hours, money and weeks: one place for models and screens."""

from __future__ import annotations

import datetime as dt

from upw_ttg.domain.orders import format_minutes
from upw_ttg.domain.placement import format_day

__all__ = ["format_day", "format_time", "format_times", "format_hours", "format_pence",
           "monday_of", "week_text"]


def format_time(value: dt.time | None) -> str:
    return f"{value:%H:%M}" if value is not None else ""


def format_times(start: dt.time, end: dt.time) -> str:
    return f"{start:%H:%M}–{end:%H:%M}"


def format_hours(minutes: int) -> str:
    """Minutes as hours and minutes, as everywhere else: 420 -> '7:00', 330 -> '5:30'."""
    return format_minutes(minutes)


def format_pence(pence: int) -> str:
    return f"£{pence // 100:,}.{pence % 100:02d}"


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_text(monday: dt.date) -> str:
    """'Mon 30 Nov 2026 – Sun 6 Dec 2026'."""
    return f"{format_day(monday)} – {format_day(monday + dt.timedelta(days=6))}"
