"""Induction: the people still awaiting their first session, and induction sessions to book
them on through the placement rules (rule UPW-INDUCTION)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, func, select

from upw_ttg.domain.codes import OrderStatus, SessionStatus
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.placement import Decision
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.skills import AwaitingInduction, InductionSession
from upw_ttg.records.upw import AppointmentRow
from upw_ttg.services.access import check_case_of, mask_restricted
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.settings import read_setting
from upw_ttg.services.upw.facts import active_appointment, load_occupants, load_sessions
from upw_ttg.services.upw.placement import PlacementService
from upw_ttg.services.upw.planner import service_calendar
from upw_ttg.storage.models import (
    Appointment,
    Office,
    Person,
    Project,
    UpwOrder,
    UpwSession,
)

INDUCTION = "induction"
WEEKS_AHEAD = 4


def _induction_sessions(unit_id: int | None, first: dt.date, last: dt.date) -> Select[int]:
    query = (select(UpwSession.id)
             .join(Project, Project.id == UpwSession.project_id)
             .join(Office, Office.id == Project.office_id)
             .where(Project.project_type == INDUCTION, UpwSession.status == SessionStatus.PLANNED,
                    UpwSession.session_date.between(first, last)))
    if unit_id is not None:
        query = query.where(Office.delivery_unit_id == unit_id)
    return query


class InductionService:
    """Rule UPW-INDUCTION: an order's first session is its induction. Everyone whose order has
    no attended session yet is listed against the first-session deadline (rule UPW-10), and
    booking goes through the one placement rule engine, as any other booking does."""

    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def awaiting(self, delivery_unit_id: int | None = None) -> list[AwaitingInduction]:
        """Live orders with no attended session yet, the most urgent first."""
        self._ctx.require(Capability.READ_SCHEDULE)
        today = self._ctx.today()
        with self._ctx.db.read() as session:
            days = int(read_setting(session, "upw.first_session_working_days"))
            calendar = service_calendar(session)
            query = (select(UpwOrder.id, UpwOrder.sentence_date, Person.id, Person.crn,
                            Person.forename, Person.surname, Office.name,
                            Office.delivery_unit_id)
                     .join(Person, Person.id == UpwOrder.person_id)
                     .outerjoin(Office, Office.id == Person.office_id)
                     .where(UpwOrder.status == OrderStatus.AWAITING_FIRST_SESSION))
            if delivery_unit_id is not None:
                query = query.where(Office.delivery_unit_id == delivery_unit_id)
            orders = session.execute(query).all()
            booked = dict(session.execute(
                select(Appointment.order_id, func.min(UpwSession.session_date))
                .join(UpwSession, UpwSession.id == Appointment.session_id)
                .join(Project, Project.id == UpwSession.project_id)
                .join(UpwOrder, UpwOrder.id == Appointment.order_id)
                .where(UpwOrder.status == OrderStatus.AWAITING_FIRST_SESSION,
                       Project.project_type == INDUCTION, active_appointment(),
                       UpwSession.status == SessionStatus.PLANNED,
                       UpwSession.session_date >= today)
                .group_by(Appointment.order_id)).all())
            rows = []
            for order_id, sentenced, person_id, crn, forename, surname, office, unit in orders:
                due = calendar.add_working_days(sentenced, days)
                rows.append(AwaitingInduction(
                    order_id, person_id, crn, f"{forename} {surname}", office, unit, sentenced,
                    max(0, calendar.working_days_between(sentenced, today)), due,
                    calendar.working_days_between(today, due), booked.get(order_id)))
            rows.sort(key=lambda r: (r.induction_booked is not None, r.working_days_left,
                                     r.name, r.order_id))
            return mask_restricted(session, self._ctx, rows)

    def sessions(self, delivery_unit_id: int | None = None, *,
                 start: dt.date | None = None) -> list[InductionSession]:
        """Planned induction sessions from ``start`` (today) for four weeks, with free places."""
        self._ctx.require(Capability.READ_SCHEDULE)
        first = start or self._ctx.today()
        last = first + dt.timedelta(weeks=WEEKS_AHEAD)
        with self._ctx.db.read() as session:
            ids = list(session.scalars(_induction_sessions(delivery_unit_id, first, last)))
            facts, _ = load_sessions(session, session_ids=ids)
            occupants = load_occupants(session, ids)
            offices: dict[int | None, str] = dict(
                session.execute(select(Office.id, Office.name)).all())
            units: dict[int | None, int] = dict(
                session.execute(select(Office.id, Office.delivery_unit_id)).all())
            rows = [InductionSession(
                f.session_id, f.project_id, f.project_name, offices.get(f.office_id, ""),
                units.get(f.office_id, 0), f.date, f.start, f.end, f.female_only,
                len(occupants.get(f.session_id, ())), f.places) for f in facts.values()]
        rows.sort(key=lambda r: (r.session_date, r.start_time, r.project_name, r.session_id))
        return rows

    def check(self, order_id: int, session_id: int) -> Decision:
        """What the placement rules say about this person joining this induction."""
        self._ctx.require(Capability.PLACE_PEOPLE)
        self._induction_only(order_id, session_id)
        return PlacementService(self._ctx).check(order_id, session_id)

    def book(self, order_id: int, session_id: int, *, session_pickup_id: int | None = None,
             override_reason: str | None = None) -> AppointmentRow:
        """Book the person on an induction session through the placement rules; soft rules go
        ahead only with ``override_reason``, hard rules never (PlacementRefused)."""
        self._ctx.require(Capability.PLACE_PEOPLE)
        self._induction_only(order_id, session_id)
        return PlacementService(self._ctx).place(
            order_id, session_id, session_pickup_id=session_pickup_id,
            override_reason=override_reason)

    def _induction_only(self, order_id: int, session_id: int) -> None:
        with self._ctx.db.read() as session:
            check_case_of(session, self._ctx, UpwOrder, order_id)
            order = session.get(UpwOrder, order_id)
            if order is None:
                raise NotFoundError("That order is no longer on record.")
            kind = session.scalar(select(Project.project_type)
                                  .join(UpwSession, UpwSession.project_id == Project.id)
                                  .where(UpwSession.id == session_id))
            if kind is None:
                raise NotFoundError("That session is no longer on record.")
            if kind != INDUCTION:
                raise ValidationError({"session_id": "That session is not an induction: book "
                                                     "it from the week planner instead."})
            if order.status != OrderStatus.AWAITING_FIRST_SESSION:
                raise ValidationError({"order_id": "This person has already attended a first "
                                                   "session, so they need no induction."})
