"""Bookings that break a rule, one line each: when, who, where, which rules and why."""

from __future__ import annotations

from upw_ttg.domain.text import fold
from upw_ttg.records.recheck import BrokenBooking

from ui.models.table_model import Column, RowTableModel
from ui.models.upw.text import format_day, format_times


def _when(row: BrokenBooking) -> str:
    if row.session_date is None:  # a restricted case: name and CRN only
        return ""
    return f"{format_day(row.session_date)} {format_times(row.start_time, row.end_time)}"


def _found(row: BrokenBooking) -> str:
    return f"{row.found_at:%d %b %H:%M}" if row.found_at else ""


class BrokenBookingsModel(RowTableModel[BrokenBooking]):
    """The queue (and the pre-save warning, which hides FOUND)."""

    WHEN, NAME, CRN, SESSION, RULES, WHY, FOUND = range(7)
    COLUMNS = (
        Column("When", _when,
               lambda r: (r.session_date, r.start_time)),
        Column("Name", lambda r: r.name, lambda r: fold(r.name)),
        Column("CRN", lambda r: r.crn),
        Column("Session", lambda r: r.project_name),
        Column("Rule", lambda r: r.rules_text(),
               tooltip=lambda r: "Soft rules can be accepted with a reason; the others "
                                 "cannot." if not r.hard else "Cannot be overridden: move or "
                                                              "remove the booking."),
        Column("Why", lambda r: r.why(), tooltip=lambda r: r.why()),
        Column("Found", _found, lambda r: r.found_at,
               tooltip=lambda r: "When the re-check found it"),
    )
