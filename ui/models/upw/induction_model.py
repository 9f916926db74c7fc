"""The people awaiting induction and the induction sessions, as table rows (rule UPW-INDUCTION)."""

from __future__ import annotations

from upw_ttg.domain.text import fold
from upw_ttg.records.skills import AwaitingInduction, InductionSession

from ui.models.table_model import Column, RowTableModel
from ui.models.upw.text import format_day, format_times


def deadline_text(row: AwaitingInduction) -> str:
    """'Overdue by 3 working days', 'Due today', '4 working days left'."""
    left = row.working_days_left
    if left < 0:
        return f"Overdue by {-left} working day{'s' if left != -1 else ''}"
    if left == 0:
        return "Due today"
    return f"{left} working day{'s' if left != 1 else ''} left"


class AwaitingInductionModel(RowTableModel[AwaitingInduction]):
    """One line per order with no attended session yet, the most urgent first."""

    NAME, CRN, OFFICE, SENTENCED, SINCE, DUE, DEADLINE, BOOKED = range(8)
    COLUMNS = (
        Column("Name", lambda r: r.name, lambda r: fold(r.name)),
        Column("CRN", lambda r: r.crn),
        Column("Office", lambda r: r.office_name or "—"),
        Column("Sentenced", lambda r: format_day(r.sentence_date), lambda r: r.sentence_date),
        Column("Working days since", lambda r: str(r.working_days_since),
               lambda r: r.working_days_since, numeric=True,
               tooltip=lambda r: "Working days from sentence to today (rule DAYS-1)"),
        Column("First session due", lambda r: format_day(r.due_by), lambda r: r.due_by,
               tooltip=lambda r: "The first-session deadline (rule UPW-10)"),
        Column("Deadline", deadline_text, lambda r: r.working_days_left),
        Column("Induction booked", lambda r: format_day(r.induction_booked)
               if r.induction_booked else "Not booked",
               lambda r: r.induction_booked.toordinal() if r.induction_booked else 0),
    )


class InductionSessionsModel(RowTableModel[InductionSession]):
    """Induction sessions in the next four weeks with their free places."""

    DATE, TIMES, PROJECT, OFFICE, BOOKED, FREE = range(6)
    COLUMNS = (
        Column("Date", lambda r: format_day(r.session_date), lambda r: r.session_date),
        Column("Times", lambda r: format_times(r.start_time, r.end_time)),
        Column("Induction", lambda r: r.project_name + (" (female-only)" if r.female_only
                                                        else "")),
        Column("Office", lambda r: r.office_name),
        Column("Booked", lambda r: f"{r.booked} of {r.places}", lambda r: r.booked,
               numeric=True),
        Column("Free places", lambda r: str(r.free), lambda r: r.free, numeric=True),
    )
