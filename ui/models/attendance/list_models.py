"""Read-only lists of the Attendance area: outstanding outcomes, queue, forecast, ledger."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from upw_ttg.domain.crediting import LedgerLine, LedgerLineKind, outcome_description
from upw_ttg.domain.forecast import Rag
from upw_ttg.records.attendance import (
    DaySession,
    EnforcementActionRow,
    MissingOutcomeRow,
    OrderForecast,
    QueueItem,
)
from upw_ttg.services.access import RESTRICTED_TEXT
from upw_ttg.time_text import format_minutes, format_time

from ui.formatting import BLANK, format_date
from ui.models.table_model import Column, Index, RowTableModel

_OVERDUE = QBrush(QColor("#b3261e"))
RAG_TEXT = {Rag.RED: "Red", Rag.AMBER: "Amber", Rag.GREEN: "Green"}
RAG_ORDER = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}
RAG_BRUSHES = {Rag.RED: QBrush(QColor("#f6d5d2")), Rag.AMBER: QBrush(QColor("#fde9c4")),
               Rag.GREEN: QBrush(QColor("#d9efdc"))}


def days_text(days: int) -> str:
    return "today" if days == 0 else f"{days} day{'s' if days != 1 else ''}"


def due_text(due: dt.date | None, overdue: bool) -> str:
    if due is None:
        return BLANK
    return f"{format_date(due)} – overdue" if overdue else format_date(due)


def minutes_text(minutes: int | None) -> str:
    return BLANK if minutes is None else format_minutes(minutes)


class StyledTableModel(RowTableModel[Any]):
    """A row model whose subclasses may colour cells; colour never carries meaning alone."""

    def background(self, row: Any, column: int) -> QBrush | None:
        return None

    def foreground(self, row: Any, column: int) -> QBrush | None:
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.row() < len(self._rows) \
                and index.column() < len(self.COLUMNS):
            if role == Qt.ItemDataRole.BackgroundRole:
                return self.background(self._rows[index.row()], index.column())
            if role == Qt.ItemDataRole.ForegroundRole:
                return self.foreground(self._rows[index.row()], index.column())
        return super().data(index, role)


class OutstandingTableModel(StyledTableModel):
    """Rule UPW-17: past appointments still without an outcome, oldest first."""

    DATE, TIMES, PROJECT, UNIT, NAME, CRN, WAITING = range(7)
    COLUMNS = (
        Column("Date", lambda r: format_date(r.session_date), lambda r: r.session_date),
        Column("Times", lambda r: f"{format_time(r.start_time)}–{format_time(r.end_time)}"),
        Column("Project", lambda r: f"{r.project_code} {r.project_name}"),
        Column("Unit", lambda r: r.delivery_unit_code,
               tooltip=lambda r: "Delivery unit of the project"),
        Column("Name", lambda r: r.name),
        Column("CRN", lambda r: r.crn),
        Column("Waiting", lambda r: days_text(r.days_overdue), lambda r: r.days_overdue,
               numeric=True, tooltip=lambda r: "Days since the session"),
    )

    def foreground(self, row: MissingOutcomeRow, column: int) -> QBrush | None:
        return _OVERDUE if column == self.WAITING and row.days_overdue >= 2 else None


class BacklogTableModel(StyledTableModel):
    """Missing outcomes counted per project, the oldest backlog first."""

    COLUMNS = (
        Column("Project", lambda b: f"{b.project_code} {b.project_name}"),
        Column("Unit", lambda b: b.delivery_unit_code),
        Column("Missing", lambda b: str(b.missing), lambda b: b.missing, numeric=True),
        Column("Oldest", lambda b: format_date(b.oldest), lambda b: b.oldest),
    )

    def row_for_project(self, project_id: int) -> int:
        return next((n for n, b in enumerate(self._rows) if b.project_id == project_id), -1)


def _queue_note(item: QueueItem) -> str:
    notes = ["Must refer (warned within the warning period)"] if item.must_refer else []
    if item.reopened_reason is not None:
        notes.append(f"Reopened by a manager: {item.reopened_reason}")
    return "; ".join(notes)


class QueueTableModel(StyledTableModel):
    """Enforcement items: decisions, evidence overdue or breaches not yet laid."""

    DUE, NAME, CRN, EVENT, OUTCOME, COORDINATOR, UNIT, NOTE = range(8)
    COLUMNS = (
        Column("Due", lambda q: due_text(q.due, q.overdue), lambda q: q.due),
        Column("Name", lambda q: q.name),
        Column("CRN", lambda q: q.crn),
        Column("Failure or absence", lambda q: format_date(q.event_date), lambda q: q.event_date),
        Column("Outcome", lambda q: q.code, tooltip=lambda q: outcome_description(q.code)),
        Column("Coordinator", lambda q: q.coordinator or BLANK),
        Column("Unit", lambda q: q.delivery_unit_code or BLANK),
        Column("Note", _queue_note, tooltip=lambda q: _queue_note(q) or None),
    )

    def __init__(self, event_header: str = "Failure or absence", parent: QObject | None = None):
        super().__init__(parent)
        self._event_header = event_header

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if section == self.EVENT and orientation == Qt.Orientation.Horizontal \
                and role == Qt.ItemDataRole.DisplayRole:
            return self._event_header
        return super().headerData(section, orientation, role)

    def foreground(self, row: QueueItem, column: int) -> QBrush | None:
        if (column == self.DUE and row.overdue) or (column == self.NOTE and (
                row.must_refer or row.reopened_reason is not None)):
            return _OVERDUE
        return None


class TravelTasksTableModel(StyledTableModel):
    """Rule UPW-13: travel-time decisions waiting for a coordinator."""

    COLUMNS = (
        Column("Session", lambda t: format_date(t.session_date), lambda t: t.session_date),
        Column("Name", lambda t: t.name),
        Column("CRN", lambda t: t.crn),
        Column("Project", lambda t: f"{t.project_code} {t.project_name}"),
        Column("Unit", lambda t: t.delivery_unit_code),
        Column("Claimed", lambda t: format_minutes(t.proposed_minutes),
               lambda t: t.proposed_minutes, numeric=True,
               tooltip=lambda t: "Travel time claimed (hours:minutes)"),
        Column("Most allowed", lambda t: format_minutes(t.cap_minutes), lambda t: t.cap_minutes,
               numeric=True, tooltip=lambda t: "The travel-time cap in the settings"),
    )


def _review_text(f: OrderForecast) -> str:
    if f.review_due == "first":
        return f"First, {format_date(f.first_review)}"
    if f.review_due == "second":
        return f"Second, {format_date(f.second_review)}"
    return ""


def _review_date(f: OrderForecast) -> dt.date | None:
    if f.review_due is None:
        return None
    return f.second_review if f.review_due == "second" else f.first_review


class ForecastTableModel(StyledTableModel):
    """Live orders with their RAG status: can the hours be worked before the deadline?

    The reason for the status is the status cell's tooltip (the page shows it too).
    """

    RAG, NAME, CRN, COORDINATOR, DEADLINE, REMAINING, BOOKED, DELIVERABLE, AT_RATE, REVIEW, \
        EXTENSION = range(11)
    COLUMNS = (
        Column("Status", lambda f: RAG_TEXT.get(f.rag, RESTRICTED_TEXT),
               lambda f: RAG_ORDER.get(f.rag, len(RAG_ORDER)), tooltip=lambda f: f.reason),
        Column("Name", lambda f: f.name),
        Column("CRN", lambda f: f.crn),
        Column("Coordinator", lambda f: f.coordinator or BLANK),
        Column("Deadline", lambda f: format_date(f.deadline, "No limit"),
               lambda f: f.deadline),
        Column("Remaining", lambda f: format_minutes(f.remaining_minutes),
               lambda f: f.remaining_minutes, numeric=True,
               tooltip=lambda f: "Hours still to work (hours:minutes)"),
        Column("Booked", lambda f: format_minutes(f.booked_minutes), lambda f: f.booked_minutes,
               numeric=True, tooltip=lambda f: "Hours in sessions already booked"),
        Column("Can deliver", lambda f: minutes_text(f.deliverable_minutes),
               lambda f: f.deliverable_minutes, numeric=True,
               tooltip=lambda f: "Bookings plus the weekly offer up to the deadline"),
        Column("At rate", lambda f: minutes_text(f.at_rate_minutes),
               lambda f: f.at_rate_minutes, numeric=True,
               tooltip=lambda f: "Bookings plus the person's recent weekly rate up to the "
               "deadline"),
        Column("Review due", _review_text, _review_date),
        Column("Extension", lambda f: "Needed" if f.needs_extension else "",
               tooltip=lambda f: "Apply to the court for more time"
               if f.needs_extension else None),
    )

    def background(self, row: OrderForecast, column: int) -> QBrush | None:
        return RAG_BRUSHES.get(row.rag) if column == self.RAG else None

    def foreground(self, row: OrderForecast, column: int) -> QBrush | None:
        return _OVERDUE if column == self.EXTENSION and row.needs_extension else None


def _trace(line: LedgerLine) -> str:
    if line.kind == LedgerLineKind.ORDERED:
        return "Court order"
    if line.adjustment_id is not None:
        text = f"Adjustment {line.adjustment_id}"
        return f"{text}, appointment {line.appointment_id}" if line.appointment_id else text
    return f"Appointment {line.appointment_id}"


def _change_text(line: LedgerLine) -> str:
    if not line.counts:
        return f"({line.status or 'not counted'})"
    if line.kind == LedgerLineKind.ORDERED:
        return format_minutes(line.change)
    return f"+{format_minutes(line.change)}" if line.change > 0 else format_minutes(line.change)


class LedgerLinesTableModel(StyledTableModel):
    """Rule UPW-15 line by line: each change to the minutes owed and where it came from."""

    DATE, ENTRY, TRACE, CHANGE, BALANCE = range(5)
    COLUMNS = (
        Column("Date", lambda ln: format_date(ln.on), lambda ln: ln.on),
        Column("Entry", lambda ln: ln.description, tooltip=lambda ln: ln.description),
        Column("Traced to", _trace),
        Column("Change", _change_text, lambda ln: ln.change, numeric=True,
               tooltip=lambda ln: "Effect on the hours owed (hours:minutes); credit reduces "
               "them" if ln.counts else "Listed for the record; it does not change the hours"),
        Column("Owed after", lambda ln: format_minutes(max(0, ln.balance_after)),
               lambda ln: ln.balance_after, numeric=True),
    )

    def foreground(self, row: LedgerLine, column: int) -> QBrush | None:
        return QBrush(QColor("#6b7885")) if not row.counts else None


def _action_text(action: EnforcementActionRow) -> str:
    """Outcome and notes, and why it was recorded after the day it was taken."""
    late = f"Recorded late: {action.late_reason}" if action.late_reason else None
    return "; ".join(x for x in (action.outcome, action.notes, late) if x)


class ActionsTableModel(StyledTableModel):
    """The enforcement actions recorded on an order, oldest first."""

    COLUMNS = (
        Column("Date", lambda a: format_date(a.action_date), lambda a: a.action_date),
        Column("Code", lambda a: a.code),
        Column("Action", lambda a: a.description),
        Column("Respond by", lambda a: format_date(a.respond_by, BLANK), lambda a: a.respond_by),
        Column("By", lambda a: a.staff or BLANK),
        Column("Outcome and notes", lambda a: _action_text(a),
               tooltip=lambda a: _action_text(a) or None),
    )

    def for_appointment(self, appointment_id: int) -> list[EnforcementActionRow]:
        return [a for a in self._rows if a.appointment_id == appointment_id]


class DaySessionsTableModel(StyledTableModel):
    """A day's sessions that go ahead with people booked, in print order."""

    COLUMNS = (
        Column("Unit", lambda d: d.delivery_unit_code),
        Column("Project", lambda d: f"{d.project_code} {d.project_name}"),
        Column("Times", lambda d: f"{format_time(d.start_time)}–{format_time(d.end_time)}"),
        Column("Supervisor", lambda d: d.supervisor or "Not allocated"),
        Column("People", lambda d: str(d.people), lambda d: d.people, numeric=True),
    )


def session_text(session: DaySession) -> str:
    """How a session is named in a chooser."""
    people = f"{session.people} {'person' if session.people == 1 else 'people'}"
    return (f"{session.project_code} {session.project_name} · "
            f"{format_time(session.start_time)}–{format_time(session.end_time)} · {people}")
