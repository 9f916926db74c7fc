"""How scheduling shows times, hours, money and weeks: one place for models and screens."""

from __future__ import annotations

import datetime as dt

from upw_ttg.domain.placement import format_day
from upw_ttg.time_text import format_minutes, format_time, format_times

__all__ = ["format_day", "format_time", "format_times", "format_minutes", "format_pence",
           "monday_of", "week_text"]


def format_pence(pence: int) -> str:
    return f"£{pence // 100:,}.{pence % 100:02d}"


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_text(monday: dt.date) -> str:
    """'Mon 30 Nov 2026 – Sun 6 Dec 2026'."""
    return f"{format_day(monday)} – {format_day(monday + dt.timedelta(days=6))}"
