"""UPW orders: creating and editing with the domain's validation, extensions, hours totals."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import AuditAction
from upw_ttg.domain.orders import completion_deadline, derive_status, order_problems
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.validation import FieldErrors, clean, text_problem
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.orders import OrderExtensionRow, OrderInput, OrderRecord
from upw_ttg.records.recheck import RecheckReport
from upw_ttg.services import audit
from upw_ttg.services.access import check_case, check_case_of
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.order_totals import order_totals
from upw_ttg.services.settings import read_setting
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import (
    Appointment,
    OrderExtension,
    OutcomeCodeRow,
    Person,
    UpwOrder,
)
from upw_ttg.storage.models.base import ColumnValues

_ORDER_FIELDS = ["court", "sentence_date", "order_type", "subtype", "hours_ordered",
                 "standalone", "ete_allowed", "travel_time_eligible"]


def order_values(data: OrderInput, today: dt.date, date_of_birth: dt.date | None,
                 deadline: tuple[int, bool]) -> ColumnValues:
    """The column values of an order form (or an imported order), checked with the one rule,
    its deadline worked out from the settings; raises ValidationError by field."""
    court = clean(data.court)
    problems = order_problems(court=court, sentence_date=data.sentence_date,
                              hours_ordered=data.hours_ordered, date_of_birth=date_of_birth,
                              today=today)
    if problems:
        raise ValidationError(problems)
    assert data.sentence_date is not None
    return {
        "court": court, "sentence_date": data.sentence_date, "order_type": data.order_type,
        "subtype": data.subtype, "hours_ordered": data.hours_ordered,
        "standalone": data.standalone, "ete_allowed": data.ete_allowed,
        "travel_time_eligible": data.travel_time_eligible,
        "deadline": completion_deadline(data.sentence_date, *deadline),
    }


def deadline_settings(session: Session) -> tuple[int, bool]:
    """The months an order runs (rule UPW-14) and whether that limit applies at all."""
    return (int(read_setting(session, "upw.deadline_months")),
            bool(read_setting(session, "upw.deadline_applies")))


def order_record(session: Session, row: UpwOrder) -> OrderRecord:
    """The order with its minutes credited and adjusted and its extensions."""
    totals = order_totals(session, row.id)[row.id]
    extensions = tuple(
        OrderExtensionRow(e.granted_on, e.court, e.new_deadline, e.reason)
        for e in session.scalars(select(OrderExtension)
                                 .where(OrderExtension.order_id == row.id)
                                 .order_by(OrderExtension.granted_on)))
    return OrderRecord(
        id=row.id, person_id=row.person_id, court=row.court,
        sentence_date=row.sentence_date, order_type=row.order_type, subtype=row.subtype,
        hours_ordered=row.hours_ordered, standalone=row.standalone,
        ete_allowed=row.ete_allowed, travel_time_eligible=row.travel_time_eligible,
        status=row.status, deadline=row.deadline, minutes_credited=totals.credited_minutes,
        minutes_adjusted=totals.adjustment_minutes, extensions=extensions, version=row.version)


def refresh_status(session: Session, row: UpwOrder, today: dt.date) -> None:
    """Set the order's status from its ledger after a change to its hours, dates or credits."""
    record = order_record(session, row)
    attended = session.scalar(
        select(func.count()).select_from(Appointment)
        .join(OutcomeCodeRow, OutcomeCodeRow.code == Appointment.outcome_code)
        .where(Appointment.order_id == row.id, OutcomeCodeRow.attended.is_(True))) or 0
    row.status = derive_status(current=row.status, remaining_minutes=record.minutes_remaining,
                               has_attended=attended > 0, deadline=record.effective_deadline,
                               today=today)


class OrdersService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def for_person(self, person_id: int) -> list[OrderRecord]:
        self._ctx.require(Capability.READ_ORDERS)
        with self._ctx.db.read() as session:
            check_case(session, self._ctx, person_id)
            rows = session.scalars(select(UpwOrder).where(UpwOrder.person_id == person_id)
                                   .order_by(UpwOrder.sentence_date.desc(), UpwOrder.id.desc()))
            return [order_record(session, r) for r in rows]

    def get(self, order_id: int) -> OrderRecord:
        self._ctx.require(Capability.READ_ORDERS)
        with self._ctx.db.read() as session:
            check_case_of(session, self._ctx, UpwOrder, order_id)
            row = session.get(UpwOrder, order_id)
            if row is None:
                raise NotFoundError("That order is no longer on record.")
            return order_record(session, row)

    def _validated(self, session: Session, data: OrderInput) -> ColumnValues:
        birth = session.scalar(select(Person.date_of_birth).where(Person.id == data.person_id))
        return order_values(data, self._ctx.today(), birth, deadline_settings(session))

    def create(self, data: OrderInput) -> OrderRecord:
        self._ctx.require(Capability.EDIT_ORDERS)
        with self._ctx.db.write() as session:
            check_case(session, self._ctx, data.person_id)
            values = self._validated(session, data)
            row = UpwOrder(person_id=data.person_id, updated_by_id=self._ctx.actor_id, **values)
            session.add(row)
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, "upw_order", row.id,
                         after=audit.snapshot(row))
            return order_record(session, row)

    def update(self, order_id: int, data: OrderInput) -> OrderRecord:
        self._ctx.require(Capability.EDIT_ORDERS)
        with self._ctx.db.write() as session:
            check_case_of(session, self._ctx, UpwOrder, order_id)
            row = session.get(UpwOrder, order_id)
            if row is None:
                raise NotFoundError("That order is no longer on record.")
            check_version(session, row, data.version, "order")
            values = self._validated(session, data)
            before = audit.snapshot(row)
            for name, value in values.items():
                setattr(row, name, value)
            row.updated_by_id = self._ctx.actor_id
            flush_versioned(session, row, "order", self._ctx.db)
            refresh_status(session, row, self._ctx.today())
            audit.record(session, self._ctx, AuditAction.UPDATE, "upw_order", row.id,
                         before=before, after=audit.snapshot(row))
            from upw_ttg.services.upw.recheck import recheck_bookings  # loaded when needed

            recheck_bookings(session, self._ctx, order_ids=[row.id])
            return order_record(session, row)

    def preview_update(self, order_id: int, data: OrderInput) -> RecheckReport:
        """The bookings a new sentence date (and so deadline) would break, unsaved."""
        from upw_ttg.services.upw.recheck import what_if  # loaded when needed

        return what_if(lambda: self.update(order_id, data))

    def add_extension(self, order_id: int, extension: OrderExtensionRow) -> OrderRecord:
        self._ctx.require(Capability.EDIT_ORDERS)
        errors = FieldErrors()
        errors.check("court", text_problem("court", clean(extension.court), required=True,
                                           max_length=100))
        errors.check("reason", text_problem("reason", clean(extension.reason), required=True))
        with self._ctx.db.write() as session:
            check_case_of(session, self._ctx, UpwOrder, order_id)
            row = session.get(UpwOrder, order_id)
            if row is None:
                raise NotFoundError("That order is no longer on record.")
            current = max([e.new_deadline for e in session.scalars(
                select(OrderExtension).where(OrderExtension.order_id == order_id))]
                + ([row.deadline] if row.deadline else []), default=None)
            if current is not None and extension.new_deadline <= current:
                errors.check("new_deadline", "The new deadline must be after the current one "
                                             f"({current:%d %b %Y}).")
            if errors:
                raise ValidationError(errors)
            added = OrderExtension(order_id=order_id, granted_on=extension.granted_on,
                                   court=clean(extension.court), reason=clean(extension.reason),
                                   new_deadline=extension.new_deadline)
            session.add(added)
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, "order_extension", added.id,
                         after=audit.snapshot(added))
            refresh_status(session, row, self._ctx.today())
            from upw_ttg.services.upw.recheck import recheck_bookings  # loaded when needed

            recheck_bookings(session, self._ctx, order_ids=[row.id])
            return order_record(session, row)
