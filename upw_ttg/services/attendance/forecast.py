"""Completion forecast for every live order, the 6- and 9-month reviews and extensions due."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import Session, aliased

from upw_ttg.domain.codes import OrderStatus, SessionStatus
from upw_ttg.domain.crediting import minutes_between
from upw_ttg.domain.forecast import (
    RATE_WEEKS,
    forecast,
    needs_extension,
    recent_rate,
    review_dates,
    review_due,
)
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.records_to_check import Listed, Subject, listed
from upw_ttg.records.attendance import OrderForecast, OrderTotals
from upw_ttg.services.access import mask_restricted
from upw_ttg.services.attendance.common import full_name, read_settings, session_start
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.order_totals import order_totals
from upw_ttg.storage.models import (
    Appointment,
    DeliveryUnit,
    Office,
    Person,
    Project,
    Staff,
    UpwAssessment,
    UpwOrder,
    UpwSession,
)

LIVE = (OrderStatus.AWAITING_FIRST_SESSION, OrderStatus.ACTIVE, OrderStatus.DEADLINE_PASSED,
        OrderStatus.IN_BREACH)
FORECAST_SETTINGS = ("upw.deadline_applies", "upw.weekly_offer_hours",
                     "upw.intensive_max_hours", "upw.review_first_months",
                     "upw.review_second_months")


class ForecastService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def forecast(self, *, delivery_unit_id: int | None = None,
                 coordinator_id: int | None = None) -> Listed[OrderForecast]:
        """Every live order with its RAG status, worst first, then nearest deadline."""
        self._ctx.require(Capability.READ_ATTENDANCE)
        return self._masked(self._sorted(delivery_unit_id, coordinator_id))

    def reviews_due(self, *, delivery_unit_id: int | None = None,
                    coordinator_id: int | None = None) -> Listed[OrderForecast]:
        """Orders whose 6- or 9-month review (the settings' months) falls about now."""
        self._ctx.require(Capability.READ_ATTENDANCE)
        rows = self._sorted(delivery_unit_id, coordinator_id)
        due = [f for f in rows if f.review_due is not None]
        return self._masked(Listed(sorted(due, key=lambda f: (
            f.second_review if f.review_due == "second" else f.first_review, f.order_id)),
            rows.to_check))

    def extensions_needed(self, *, delivery_unit_id: int | None = None,
                          coordinator_id: int | None = None) -> Listed[OrderForecast]:
        """Rule UPW-22: from the second review on, orders that need an extension application."""
        self._ctx.require(Capability.READ_ATTENDANCE)
        rows = self._sorted(delivery_unit_id, coordinator_id)
        return self._masked(Listed(sorted((f for f in rows if f.needs_extension),
                                          key=lambda f: (f.deadline or dt.date.max, f.order_id)),
                                   rows.to_check))

    def _sorted(self, delivery_unit_id: int | None, coordinator_id: int | None
                ) -> Listed[OrderForecast]:
        """Every live order with its RAG status, worst first, then nearest deadline."""
        with self._ctx.db.read() as session:
            rows = self._compute(session, delivery_unit_id, coordinator_id)
        rank = {"red": 0, "amber": 1, "green": 2}
        return Listed(sorted(rows, key=lambda f: (rank[f.rag.value], f.deadline or dt.date.max,
                                                  f.order_id)), rows.to_check)

    def _masked(self, rows: Listed[OrderForecast]) -> Listed[OrderForecast]:
        with self._ctx.db.read() as session:
            return mask_restricted(session, self._ctx, rows)

    def _compute(self, session: Session, delivery_unit_id: int | None,
                 coordinator_id: int | None) -> Listed[OrderForecast]:
        settings = read_settings(session, *FORECAST_SETTINGS)
        now = self._ctx.now()
        today = now.date()
        coordinator = aliased(Staff)
        query = (select(UpwOrder, Person.forename, Person.surname, Person.crn,
                        DeliveryUnit.code, coordinator.full_name)
                 .join(Person, Person.id == UpwOrder.person_id)
                 .outerjoin(Office, Office.id == Person.office_id)
                 .outerjoin(DeliveryUnit, DeliveryUnit.id == Office.delivery_unit_id)
                 .outerjoin(coordinator, coordinator.id == UpwOrder.coordinator_id)
                 .where(UpwOrder.status.in_(LIVE)))
        if delivery_unit_id is not None:
            query = query.where(DeliveryUnit.id == delivery_unit_id)
        if coordinator_id is not None:
            query = query.where(UpwOrder.coordinator_id == coordinator_id)
        orders = session.execute(query).all()
        if not orders:
            return Listed()
        live = self._live_ids(delivery_unit_id, coordinator_id)
        totals = order_totals(session, live)
        recent_from = today - dt.timedelta(weeks=RATE_WEEKS)
        recent = self._grouped(session, select(Appointment.order_id,
                                               func.sum(Appointment.minutes_credited))
                               .join(UpwSession, UpwSession.id == Appointment.session_id)
                               .where(Appointment.order_id.in_(live),
                                      UpwSession.session_date >= recent_from,
                                      UpwSession.session_date <= today))
        extra = self._intensive(session, live)
        bookings: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
        for order_id, day, start, end, break_minutes in session.execute(
                select(Appointment.order_id, UpwSession.session_date, UpwSession.start_time,
                       UpwSession.end_time, Project.break_minutes)
                .join(UpwSession, UpwSession.id == Appointment.session_id)
                .join(Project, Project.id == UpwSession.project_id)
                .where(Appointment.order_id.in_(live), Appointment.outcome_code.is_(None),
                       UpwSession.session_date >= today,
                       UpwSession.status != SessionStatus.STOOD_DOWN)):
            if session_start(day, start) > now:
                bookings[order_id].append(
                    (day, max(0, minutes_between(start, end) - break_minutes)))
        applies = bool(settings["upw.deadline_applies"])
        base_offer = int(settings["upw.weekly_offer_hours"]) * 60
        most = int(settings["upw.intensive_max_hours"]) * 60

        # No delivery unit or coordinator where the person has no office or the order none.
        def build(row: Row[UpwOrder, str, str, str, str | None, str | None]) -> OrderForecast:
            order, forename, surname, crn, unit, coordinator_name = row
            oid = order.id
            total = totals[oid]
            remaining = total.remaining_minutes
            deadline = total.deadline if applies else None
            usable = [(d, m) for d, m in bookings[oid] if deadline is None or d <= deadline]
            booked = min(remaining, sum(m for _, m in usable))
            last = max((d for d, _ in usable), default=None)
            offer = min(most, base_offer + extra.get(order.person_id, 0) * 60)
            rate = recent_rate(recent.get(oid, 0), order.sentence_date, today)
            figures = forecast(remaining=remaining, booked=booked, last_booked=last,
                               deadline=deadline, today=today, offer_per_week=offer,
                               rate_per_week=rate)
            first, second = review_dates(order.sentence_date,
                                         int(settings["upw.review_first_months"]),
                                         int(settings["upw.review_second_months"]))
            return OrderForecast(
                order_id=oid, person_id=order.person_id, crn=crn,
                name=full_name(forename, surname), delivery_unit_code=unit,
                coordinator_id=order.coordinator_id, coordinator=coordinator_name,
                sentence_date=order.sentence_date, deadline=deadline,
                remaining_minutes=remaining, booked_minutes=booked, last_booked=last,
                rate_per_week=rate, deliverable_minutes=figures.deliverable_minutes,
                at_rate_minutes=figures.at_rate_minutes, rag=figures.rag, reason=figures.reason,
                first_review=first, second_review=second,
                review_due=review_due(first, second, today),
                needs_extension=needs_extension(remaining=remaining,
                                                at_rate=figures.at_rate_minutes,
                                                deadline=deadline, second_review=second,
                                                today=today))

        return listed(orders, build, lambda row: Subject(
            row[3], full_name(row[1], row[2]), "Unpaid Work order",
            {"sentence date": row[0].sentence_date, "deadline": row[0].deadline,
             "deadline in force": _in_force(totals, row[0].id)}, row[0].person_id))

    @staticmethod
    def _live_ids(delivery_unit_id: int | None, coordinator_id: int | None) -> Select[int]:
        """The ids of the live orders asked for, as a subquery (no list of thousands of ids is
        sent), joining only what the filters need: each read below repeats it."""
        query = select(UpwOrder.id).where(UpwOrder.status.in_(LIVE))
        if delivery_unit_id is not None:
            query = (query.join(Person, Person.id == UpwOrder.person_id)
                     .join(Office, Office.id == Person.office_id)
                     .where(Office.delivery_unit_id == delivery_unit_id))
        if coordinator_id is not None:
            query = query.where(UpwOrder.coordinator_id == coordinator_id)
        return query

    @staticmethod
    def _grouped(session: Session, query: Select[int, Any]) -> dict[int, int]:
        grouped = query.group_by(query.selected_columns[0])
        return {k: int(v or 0) for k, v in session.execute(grouped)}

    @staticmethod
    def _intensive(session: Session, live: Select[int]) -> dict[int, int]:
        """Extra weekly hours from each person's latest completed assessment."""
        latest = (select(UpwAssessment.person_id, func.max(UpwAssessment.id).label("id"))
                  .join(UpwOrder, UpwOrder.person_id == UpwAssessment.person_id)
                  .where(UpwOrder.id.in_(live), UpwAssessment.completed_on.is_not(None))
                  .group_by(UpwAssessment.person_id).subquery())
        return dict(session.execute(
            select(UpwAssessment.person_id, UpwAssessment.intensive_extra_hours)
            .join(latest, latest.c.id == UpwAssessment.id)).all())


def _in_force(totals: dict[int, OrderTotals], order_id: int) -> dt.date | None:
    total = totals.get(order_id)
    return total.deadline if total is not None else None
