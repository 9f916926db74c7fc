"""Working days for the whole service: bank holidays plus the closure dates users add."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from upw_ttg.domain.codes import AuditAction
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.validation import (
    FieldErrors,
    clean,
    require_calendar_dates,
    require_working_days,
    text_problem,
)
from upw_ttg.domain.working_days import WorkingCalendar
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.calendar import ClosureRow
from upw_ttg.records.recheck import RecheckReport
from upw_ttg.services import audit
from upw_ttg.services.context import ServiceContext
from upw_ttg.storage.models import ClosureDate, Office, Project


class CalendarService:
    """Service-wide working days; office and project closures are applied where they matter."""

    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx
        self._calendar: WorkingCalendar | None = None

    def calendar(self) -> WorkingCalendar:
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        if self._calendar is None:
            with self._ctx.db.read() as session:
                days = session.scalars(select(ClosureDate.closed_on).where(
                    ClosureDate.office_id.is_(None), ClosureDate.project_id.is_(None)))
                self._calendar = WorkingCalendar(days)
        return self._calendar

    def is_working_day(self, day: dt.date) -> bool:
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        require_calendar_dates(day=day)
        return self.calendar().is_working_day(day)

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        require_calendar_dates(start=start)
        require_working_days(days)
        return self.calendar().add_working_days(start, days)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        require_calendar_dates(start=start, end=end)
        return self.calendar().working_days_between(start, end)

    def closures(self) -> list[ClosureRow]:
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        with self._ctx.db.read() as session:
            rows = session.scalars(select(ClosureDate).order_by(ClosureDate.closed_on))
            return [ClosureRow(r.id, r.closed_on, r.reason, r.office_id, r.project_id)
                    for r in rows]

    def add_closure(self, closed_on: dt.date, reason: str, *, office_id: int | None = None,
                    project_id: int | None = None) -> ClosureRow:
        self._ctx.require(Capability.MANAGE_CALENDAR)
        reason = clean(reason) or ""
        errors = FieldErrors()
        errors.check("reason", text_problem("reason", reason, required=True))
        if errors:
            raise ValidationError(errors)
        with self._ctx.db.write() as session:
            if office_id is not None and session.get(Office, office_id) is None:
                raise ValidationError({"office_id": "That office is no longer on record."})
            if project_id is not None and session.get(Project, project_id) is None:
                raise ValidationError({"project_id": "That project is no longer on record."})
            row = ClosureDate(closed_on=closed_on, reason=reason, office_id=office_id,
                              project_id=project_id, created_by_id=self._ctx.actor_id)
            session.add(row)
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, "closure_date", row.id,
                         after=audit.snapshot(row))
            from upw_ttg.services.upw.recheck import recheck_bookings  # loaded when needed

            recheck_bookings(session, self._ctx, dates=[closed_on])
            result = ClosureRow(row.id, row.closed_on, row.reason, row.office_id, row.project_id)
        self._calendar = None
        return result

    def remove_closure(self, closure_id: int) -> None:
        self._ctx.require(Capability.MANAGE_CALENDAR)
        with self._ctx.db.write() as session:
            row = session.get(ClosureDate, closure_id)
            if row is None:
                raise NotFoundError("That closure date is no longer on record.")
            audit.record(session, self._ctx, AuditAction.DELETE, "closure_date", row.id,
                         before=audit.snapshot(row))
            session.delete(row)
            from upw_ttg.services.upw.recheck import recheck_bookings  # loaded when needed

            recheck_bookings(session, self._ctx, dates=[row.closed_on])
        self._calendar = None

    def preview_closure(self, closed_on: dt.date, reason: str, *, office_id: int | None = None,
                        project_id: int | None = None) -> RecheckReport:
        """The bookings on that day a closure would break, without adding it."""
        # The Unpaid Work services (and their printing) load only when a closure is made.
        from upw_ttg.services.upw.recheck import what_if

        return what_if(lambda: self.add_closure(closed_on, reason, office_id=office_id,
                                                project_id=project_id))
