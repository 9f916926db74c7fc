"""The monthly summary of each order's appointments (rule FIG-16), kept in step with every
write in the same transaction: the figures read a row per order and month instead of a year of
appointments.

Writes through the ORM are noticed at flush; a write that bypasses it (the register's single
UPDATE) names what it changed with ``mark_appointments``. Before the transaction commits, the
months touched are summed again from their appointments, so the summary is what the
appointments say whatever the order of the changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    DateTime,
    Integer,
    Select,
    String,
    Time,
    and_,
    bindparam,
    column,
    delete,
    event,
    insert,
    inspect,
    select,
    table,
)
from sqlalchemy.orm import Session

from upw_ttg.domain.crediting import ATTENDED_CODES, minutes_between
from upw_ttg.domain.figures import NOT_OFFERED_CODES, OUTCOME_KEYING_WORKING_DAYS, month_end
from upw_ttg.domain.working_days import WorkingCalendar

# The tables as this module reads them, named here rather than through the models so the
# migration that fills the summary reads the columns it knew.
APPOINTMENT = table("appointment", column("id", Integer), column("order_id", Integer),
                    column("session_id", Integer), column("outcome_code", String),
                    column("minutes_credited", Integer), column("updated_at", DateTime))
SESSION = table("upw_session", column("id", Integer), column("project_id", Integer),
                column("session_date", Date), column("start_time", Time),
                column("end_time", Time))
PROJECT = table("project", column("id", Integer), column("break_minutes", Integer))
CLOSURE = table("closure_date", column("closed_on", Date), column("office_id", Integer),
                column("project_id", Integer))
SUMMARY = table("upw_order_month", column("order_id", Integer), column("month", Date),
                column("credited_minutes", Integer), column("offered_minutes", Integer),
                column("outcomes", Integer), column("keyed_in_time", Integer),
                column("first_attended", Date))

MARKS = "upw_order_month_marks"
# A change noted at flush, by kind: ("appointment", order, session), ("session", session, day),
# ("row", appointment), ("project", project) or ("closure", day); ids and days may be None.
Mark = tuple[Any, ...]
BATCH = 500


@dataclass(slots=True)
class MonthSums:
    """One order's month as summed so far: a row of the summary table."""

    credited_minutes: int = 0
    offered_minutes: int = 0
    outcomes: int = 0
    keyed_in_time: int = 0
    first_attended: dt.date | None = None


def summed(rows: Iterable[Any], calendar: WorkingCalendar
           ) -> dict[tuple[int, dt.date], MonthSums]:
    """Each (order, month)'s summary from its appointments' rows: order_id, session_date,
    start_time, end_time, break_minutes, outcome_code, minutes_credited, updated_at."""
    out: dict[tuple[int, dt.date], MonthSums] = {}
    due_of: dict[dt.date, dt.date] = {}
    for order_id, day, start, end, unpaid, outcome, credited, updated_at in rows:
        key = (order_id, day.replace(day=1))
        cell = out.get(key)
        if cell is None:
            cell = out[key] = MonthSums()
        cell.credited_minutes += int(credited or 0)
        if outcome not in NOT_OFFERED_CODES:
            cell.offered_minutes += max(0, minutes_between(start, end) - int(unpaid or 0))
        if outcome is not None:
            cell.outcomes += 1
            due = due_of.get(day)
            if due is None:
                due = due_of[day] = calendar.add_working_days(day, OUTCOME_KEYING_WORKING_DAYS)
            if updated_at is not None and _day(updated_at) <= due:
                cell.keyed_in_time += 1
            if outcome in ATTENDED_CODES and (cell.first_attended is None
                                              or day < cell.first_attended):
                cell.first_attended = day
    return out


def refresh(connection: Connection, months: Iterable[tuple[int, dt.date]] | None = None
            ) -> int:
    """The summary of ``months`` ((order, first of month) pairs) summed again from their
    appointments; of every order and month when None."""
    calendar = service_calendar(connection)
    if months is None:
        connection.execute(delete(SUMMARY))
        return _write(connection, summed(connection.execute(_rows()), calendar))
    by_order: dict[int, set[dt.date]] = {}
    for order_id, month in months:
        if order_id is not None and month is not None:
            by_order.setdefault(order_id, set()).add(month.replace(day=1))
    orders, written = sorted(by_order), 0
    for start in range(0, len(orders), BATCH):
        batch = orders[start:start + BATCH]
        wanted = {(o, m) for o in batch for m in by_order[o]}
        first = min(m for _o, m in wanted)
        last = month_end(max(m for _o, m in wanted))
        rows = connection.execute(_rows().where(APPOINTMENT.c.order_id.in_(batch),
                                                SESSION.c.session_date.between(first, last)))
        values = {k: v for k, v in summed(rows, calendar).items() if k in wanted}
        connection.execute(delete(SUMMARY).where(and_(
            SUMMARY.c.order_id == bindparam("d_order"),
            SUMMARY.c.month == bindparam("d_month"))),
            [{"d_order": o, "d_month": m} for o, m in sorted(wanted)])
        written += _write(connection, values)
    return written


def service_calendar(connection: Connection) -> WorkingCalendar:
    """Weekends, bank holidays and the closures of the whole service (not one office's)."""
    return WorkingCalendar(connection.scalars(select(CLOSURE.c.closed_on).where(
        CLOSURE.c.office_id.is_(None), CLOSURE.c.project_id.is_(None))))


def mark_appointments(session: Session, changed: Iterable[tuple[int, int]]) -> None:
    """Appointments written without the ORM, as (order, session) pairs: their months are
    summed again before the transaction commits."""
    session.info.setdefault(MARKS, set()).update(("appointment", o, s) for o, s in changed)


def _rows() -> Select[*tuple[Any, ...]]:
    return (select(APPOINTMENT.c.order_id, SESSION.c.session_date, SESSION.c.start_time,
                   SESSION.c.end_time, PROJECT.c.break_minutes, APPOINTMENT.c.outcome_code,
                   APPOINTMENT.c.minutes_credited, APPOINTMENT.c.updated_at)
            .select_from(APPOINTMENT)
            .join(SESSION, SESSION.c.id == APPOINTMENT.c.session_id)
            .join(PROJECT, PROJECT.c.id == SESSION.c.project_id))


def _write(connection: Connection, values: dict[tuple[int, dt.date], MonthSums]) -> int:
    rows = [{"order_id": o, "month": m, "credited_minutes": v.credited_minutes,
             "offered_minutes": v.offered_minutes, "outcomes": v.outcomes,
             "keyed_in_time": v.keyed_in_time, "first_attended": v.first_attended}
            for (o, m), v in sorted(values.items(), key=lambda item: item[0])]
    for start in range(0, len(rows), 5000):
        connection.execute(insert(SUMMARY), rows[start:start + 5000])
    return len(rows)


def _day(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


# What a flush changed, noted while the ORM still knows what each row held before.

def _history(obj: Any, name: str) -> list[Any]:
    """Every value ``name`` had in this flush: the new one and the one it replaced."""
    history = inspect(obj).attrs[name].history
    return [*history.added, *history.unchanged, *history.deleted] or [obj.__dict__.get(name)]


def _changed(obj: Any, *names: str) -> bool:
    attrs = inspect(obj).attrs
    return any(attrs[name].history.has_changes() for name in names)


def _noticed(session: Session, _flush_context: Any) -> None:
    from upw_ttg.storage.models import Appointment, ClosureDate, Project, UpwSession

    marks: set[Mark] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Appointment):
            marks.update(("appointment", o, s) for o in _history(obj, "order_id")
                         for s in _history(obj, "session_id"))
            if obj not in session.deleted and obj.id is not None:
                marks.add(("row", obj.id))
        elif isinstance(obj, UpwSession):
            if obj in session.dirty and _changed(obj, "session_date", "start_time",
                                                 "end_time", "project_id"):
                marks.update(("session", obj.id, day) for day in _history(obj, "session_date"))
        elif isinstance(obj, Project):
            if obj in session.dirty and _changed(obj, "break_minutes"):
                marks.add(("project", obj.id))
        elif isinstance(obj, ClosureDate):
            marks.update(("closure", day) for day in _history(obj, "closed_on"))
    if marks:
        session.info.setdefault(MARKS, set()).update(marks)


def _months_marked(connection: Connection, marks: set[Mark]) -> set[tuple[int, dt.date]]:
    """The (order, month) pairs whose summary the marks may have changed."""
    months: set[tuple[int, dt.date]] = set()
    by_session: dict[int, set[int]] = {}
    sessions_moved: dict[int, set[dt.date]] = {}
    projects, closures, rows = set(), set(), set()
    for mark in marks:
        kind = mark[0]
        if kind == "appointment" and mark[1] is not None and mark[2] is not None:
            by_session.setdefault(mark[2], set()).add(mark[1])
        elif kind == "session":
            sessions_moved.setdefault(mark[1], set()).add(mark[2])
        elif kind == "row":
            rows.add(mark[1])
        elif kind == "project":
            projects.add(mark[1])
        elif kind == "closure" and mark[1] is not None:
            closures.add(mark[1])
    dates = _session_dates(connection, by_session.keys() | sessions_moved.keys())
    for session_id, orders in by_session.items():
        if session_id in dates:
            months.update((o, dates[session_id]) for o in orders)
    pairs = select(APPOINTMENT.c.order_id, SESSION.c.session_date).join(
        SESSION, SESSION.c.id == APPOINTMENT.c.session_id)
    moved = sorted(sessions_moved)
    for start in range(0, len(moved), BATCH):
        for order_id, session_id, day in connection.execute(
                select(APPOINTMENT.c.order_id, SESSION.c.id, SESSION.c.session_date)
                .join(SESSION, SESSION.c.id == APPOINTMENT.c.session_id)
                .where(SESSION.c.id.in_(moved[start:start + BATCH]))):
            months.update((order_id, d) for d in {day, *sessions_moved[session_id]}
                          if d is not None)
    listed = sorted(rows)
    for start in range(0, len(listed), BATCH):
        months.update(connection.execute(pairs.where(
            APPOINTMENT.c.id.in_(listed[start:start + BATCH]))).all())
    if projects:
        months.update(connection.execute(pairs.where(SESSION.c.project_id.in_(projects)))
                      .all())
    if closures:
        calendar = service_calendar(connection)
        for closed in closures:
            first, last = _keying_affected(calendar, closed, closures)
            months.update(connection.execute(pairs.where(
                SESSION.c.session_date.between(first, last),
                APPOINTMENT.c.outcome_code.is_not(None))).all())
    return {(o, d.replace(day=1)) for o, d in months}


def _session_dates(connection: Connection, ids: Iterable[int]) -> dict[int, dt.date]:
    ids = sorted(ids)
    dates: dict[int, dt.date] = {}
    for start in range(0, len(ids), BATCH):
        dates.update(connection.execute(select(SESSION.c.id, SESSION.c.session_date).where(
            SESSION.c.id.in_(ids[start:start + BATCH]))).all())
    return dates


def _keying_affected(calendar: WorkingCalendar, closed: dt.date, changed: set[dt.date]
                     ) -> tuple[dt.date, dt.date]:
    """The session days whose keying due date (rule FIG-3) a closure on ``closed`` added or
    removed can move: those with fewer working days than the rule allows between them and it
    (the days closed or opened in the same change count as closed, to be sure)."""
    day, working = closed, 0
    while working < OUTCOME_KEYING_WORKING_DAYS and day > dt.date.min + dt.timedelta(days=1):
        day -= dt.timedelta(days=1)
        if day not in changed and calendar.is_working_day(day) and day != closed:
            working += 1
    return day, closed


def _summed_before_commit(session: Session) -> None:
    if session.new or session.dirty or session.deleted:
        session.flush()  # what this commit would flush, noticed first
    marks = session.info.pop(MARKS, set())
    if marks:
        connection = session.connection()
        refresh(connection, _months_marked(connection, marks))


def _forgotten(session: Session, *_args: Any) -> None:
    session.info.pop(MARKS, None)


def refresh_all(session: Session) -> int:
    """Every order's summary summed again (after a bulk load that bypassed the ORM); the
    number of rows it now holds."""
    session.flush()
    session.info.pop(MARKS, None)
    return refresh(session.connection())


event.listen(Session, "after_flush", _noticed)
event.listen(Session, "before_commit", _summed_before_commit)
event.listen(Session, "after_rollback", _forgotten)
