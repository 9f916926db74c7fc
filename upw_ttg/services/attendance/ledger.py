"""The order ledger: credits, adjustments, travel-time tasks, the incentive and the status."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import and_, func, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import AdjustmentKind, AdjustmentStatus, AuditAction, OrderStatus
from upw_ttg.domain.crediting import (
    TRAVEL_TIME_PROJECT_TYPES,
    IncentiveState,
    IncentiveStatus,
    LedgerEntry,
    LedgerLineKind,
    ete_cap_minutes,
    incentive_status,
    is_attended,
    ledger_lines,
    outcome_description,
)
from upw_ttg.domain.orders import derive_status
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.validation import FieldErrors, clean, text_problem
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.attendance import OrderLedger, OrderTotals, TravelTask
from upw_ttg.services import audit
from upw_ttg.services.access import check_case_of, mask_restricted
from upw_ttg.services.attendance.common import full_name, read_settings
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.order_totals import order_totals
from upw_ttg.storage.models import (
    Adjustment,
    Appointment,
    DeliveryUnit,
    Office,
    Person,
    Project,
    UpwOrder,
    UpwSession,
)
from upw_ttg.storage.models.base import ColumnValues
from upw_ttg.time_text import format_minutes

CREDIT_SETTINGS = ("upw.travel_time_allowed", "upw.travel_time_cap_minutes",
                   "upw.ete_cap_percent", "upw.incentive_reduction")
INCENTIVE_REASON = "Incentive reduction (Sentencing Act 2026 s.37)"
# Adjustments a coordinator may add by hand; travel time has its task and the incentive is
# worked out from the register.
MANUAL_KINDS = (AdjustmentKind.ETE, AdjustmentKind.COURT_ORDERED, AdjustmentKind.OTHER)
_KIND_LABELS = {AdjustmentKind.TRAVEL_TIME: "Travel time", AdjustmentKind.ETE: "ETE",
                AdjustmentKind.COURT_ORDERED: "Court-ordered", AdjustmentKind.INCENTIVE:
                "Incentive reduction", AdjustmentKind.OTHER: "Other adjustment"}


@dataclass(slots=True)
class OrderSums:
    """Running totals of one order inside a unit of work (minutes)."""

    ordered: int
    adjustments: int          # approved, all kinds
    incentive: int            # the approved incentive adjustment (negative or 0)
    credited: int
    ete_used: int
    ete_cap: int

    @property
    def balance(self) -> int:
        return self.ordered + self.adjustments - self.credited

    @property
    def base(self) -> int:
        """The balance before the incentive: what credit is capped against (rule UPW-12)."""
        return self.balance - self.incentive


def lock_orders(session: Session, order_ids: Iterable[int]) -> dict[int, UpwOrder]:
    """The orders, locked in id order so concurrent saves on PostgreSQL cannot over-credit."""
    ids = sorted(set(order_ids))
    if not ids:
        return {}
    rows = session.scalars(select(UpwOrder).where(UpwOrder.id.in_(ids)).order_by(UpwOrder.id)
                           .with_for_update())
    return {row.id: row for row in rows}


def order_sums(session: Session, orders: dict[int, UpwOrder], ete_percent: int
               ) -> dict[int, OrderSums]:
    """The orders' totals as running totals a unit of work updates as it credits."""
    return _running(order_totals(session, list(orders), crediting=True), orders, ete_percent)


def _running(totals: Mapping[int, OrderTotals], orders: dict[int, UpwOrder], ete_percent: int
             ) -> dict[int, OrderSums]:
    sums: dict[int, OrderSums] = {}
    for oid, row in orders.items():
        total = totals[oid]
        # Asked for with ``crediting``, so never None here.
        assert total.incentive_minutes is not None and total.ete_used_minutes is not None
        sums[oid] = OrderSums(total.ordered_minutes, total.adjustment_minutes,
                              total.incentive_minutes, total.credited_minutes,
                              total.ete_used_minutes,
                              ete_cap_minutes(row.hours_ordered, ete_percent)
                              if row.ete_allowed else 0)
    return sums


def _credits_in_order(session: Session, order_ids: list[int]
                      ) -> dict[int, list[tuple[dt.date, str, int]]]:
    result: dict[int, list[tuple[dt.date, str, int]]] = defaultdict(list)
    for order_id, day, code, minutes in session.execute(
            select(Appointment.order_id, UpwSession.session_date, Appointment.outcome_code,
                   Appointment.minutes_credited)
            .join(UpwSession, UpwSession.id == Appointment.session_id)
            .where(Appointment.order_id.in_(order_ids), Appointment.outcome_code.is_not(None))
            .order_by(UpwSession.session_date, UpwSession.start_time, Appointment.id)):
        result[order_id].append((day, code or "", int(minutes)))
    return result


def refresh_orders(session: Session, ctx: ServiceContext, orders: dict[int, UpwOrder],
                   settings: Mapping[str, int | bool | str]) -> dict[int, OrderSums]:
    """Bring each order's incentive adjustment, status and completion date up to date;
    returns the orders' totals as they now stand."""
    if not orders:
        return {}
    session.flush()
    ids = list(orders)
    totals = order_totals(session, ids, crediting=True)
    sums = _running(totals, orders, int(settings["upw.ete_cap_percent"]))
    credits = _credits_in_order(session, ids)
    today = ctx.today()
    for order_id, row in orders.items():
        total = sums[order_id]
        if settings["upw.incentive_reduction"]:
            status = incentive_status(enabled=True, ordered_minutes=total.ordered,
                                      credits=credits[order_id])
            # Never more than is owed before the discount, so the balance stays >= 0.
            wanted = -min(status.current_discount, max(0, total.base))
            if wanted != total.incentive:
                _set_incentive(session, ctx, order_id, wanted, today)
                total.adjustments += wanted - total.incentive
                total.incentive = wanted
        order_credits = credits[order_id]
        attended = any(is_attended(code) for _, code, _ in order_credits)
        before = audit.snapshot(row, ["status", "completed_on"])
        row.status = derive_status(current=row.status, remaining_minutes=max(0, total.balance),
                                   has_attended=attended, deadline=totals[order_id].deadline,
                                   today=today)
        if row.status == OrderStatus.COMPLETED:
            if row.completed_on is None:
                row.completed_on = _completion_date(session, order_id, order_credits) or today
        elif row.status != OrderStatus.CLOSED:
            row.completed_on = None
        after = audit.snapshot(row, ["status", "completed_on"])
        if after != before:
            row.updated_by_id = ctx.actor_id
            audit.record(session, ctx, AuditAction.UPDATE, "upw_order", order_id,
                         before=before, after=after)
    session.flush()
    return sums


def _completion_date(session: Session, order_id: int,
                     credits: list[tuple[dt.date, str, int]]) -> dt.date | None:
    """The day the last minute was worked or credited."""
    worked = max((day for day, _, minutes in credits if minutes > 0), default=None)
    adjusted = session.scalar(select(func.max(Adjustment.adjusted_on)).where(
        Adjustment.order_id == order_id, Adjustment.status == AdjustmentStatus.APPROVED,
        Adjustment.minutes < 0))
    return max([d for d in (worked, adjusted) if d is not None], default=None)


def _set_incentive(session: Session, ctx: ServiceContext, order_id: int, minutes: int,
                   today: dt.date) -> None:
    rows = list(session.scalars(select(Adjustment).where(
        Adjustment.order_id == order_id, Adjustment.kind == AdjustmentKind.INCENTIVE)
        .order_by(Adjustment.id)))
    row = rows[0] if rows else None
    for extra in rows[1:]:
        session.delete(extra)
    if minutes == 0:
        if row is not None:
            audit.record(session, ctx, AuditAction.DELETE, "adjustment", row.id,
                         before=audit.snapshot(row))
            session.delete(row)
        return
    if row is None:
        row = Adjustment(order_id=order_id, kind=AdjustmentKind.INCENTIVE, minutes=minutes,
                         status=AdjustmentStatus.APPROVED, reason=INCENTIVE_REASON,
                         adjusted_on=today, created_by_id=ctx.actor_id)
        session.add(row)
        session.flush()
        audit.record(session, ctx, AuditAction.CREATE, "adjustment", row.id,
                     after=audit.snapshot(row))
        return
    before = audit.snapshot(row)
    row.minutes, row.adjusted_on = minutes, today
    audit.record(session, ctx, AuditAction.UPDATE, "adjustment", row.id, before=before,
                 after=audit.snapshot(row))


def sync_travel_task(session: Session, ctx: ServiceContext, appointment: Appointment,
                     order: UpwOrder, project_type: str,
                     settings: Mapping[str, int | bool | str],
                     existing: Adjustment | None) -> None:
    """Rule UPW-13: one travel-time task per eligible attended group or individual appointment."""
    cap = int(settings["upw.travel_time_cap_minutes"])
    eligible = (bool(settings["upw.travel_time_allowed"]) and cap > 0
                and order.travel_time_eligible and project_type in TRAVEL_TIME_PROJECT_TYPES
                and is_attended(appointment.outcome_code))
    if eligible and existing is None:
        task = Adjustment(order_id=order.id, appointment_id=appointment.id,
                          kind=AdjustmentKind.TRAVEL_TIME, minutes=-cap,
                          status=AdjustmentStatus.PENDING, reason="Travel time to be decided",
                          adjusted_on=ctx.today(), created_by_id=ctx.actor_id)
        session.add(task)
        session.flush()
        audit.record(session, ctx, AuditAction.CREATE, "adjustment", task.id,
                     after=audit.snapshot(task))
    elif existing is not None and not is_attended(appointment.outcome_code):
        if existing.status == AdjustmentStatus.PENDING:
            audit.record(session, ctx, AuditAction.DELETE, "adjustment", existing.id,
                         before=audit.snapshot(existing))
            session.delete(existing)
        elif existing.status == AdjustmentStatus.APPROVED:
            before = audit.snapshot(existing)
            existing.status = AdjustmentStatus.REJECTED
            existing.reason = "Withdrawn: the appointment no longer counts as attended"[:200]
            audit.record(session, ctx, AuditAction.UPDATE, "adjustment", existing.id,
                         before=before, after=audit.snapshot(existing))


class LedgerService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def ledger(self, order_id: int) -> OrderLedger:
        self._ctx.require(Capability.READ_ATTENDANCE)
        with self._ctx.db.read() as session:
            check_case_of(session, self._ctx, UpwOrder, order_id)
            return build_ledger(session, self._ctx, order_id)

    def refresh_status(self, order_id: int) -> OrderStatus:
        """Re-derive one order's status (e.g. the day after its deadline passes)."""
        self._ctx.require(Capability.TAKE_ENFORCEMENT_DECISIONS)
        with self._ctx.db.write() as session:
            check_case_of(session, self._ctx, UpwOrder, order_id)
            orders = lock_orders(session, [order_id])
            if not orders:
                raise NotFoundError("That order is no longer on record.")
            refresh_orders(session, self._ctx, orders, read_settings(session, *CREDIT_SETTINGS))
            return orders[order_id].status

    def add_adjustment(self, order_id: int, kind: AdjustmentKind, minutes: int, reason: str,
                       *, appointment_id: int | None = None) -> OrderLedger:
        """A court-ordered, ETE or other change in minutes owed; negative credits the order."""
        self._ctx.require(Capability.TAKE_ENFORCEMENT_DECISIONS)
        errors = FieldErrors()
        text = clean(reason)
        errors.check("reason", text_problem("reason", text, required=True))
        if kind not in MANUAL_KINDS:
            errors.check("kind", "Travel time is decided on its task, and the incentive "
                                 "reduction is worked out from the registers.")
        if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes == 0:
            errors.check("minutes", "Enter the minutes: more than 0 to add to the order, less "
                                    "than 0 to credit it.")
        elif kind == AdjustmentKind.ETE and minutes > 0:
            errors.check("minutes", "ETE time credits the order, so its minutes are negative.")
        if errors:
            raise ValidationError(errors)
        with self._ctx.db.write() as session:
            check_case_of(session, self._ctx, UpwOrder, order_id)
            orders = lock_orders(session, [order_id])
            if not orders:
                raise NotFoundError("That order is no longer on record.")
            order = orders[order_id]
            settings = read_settings(session, *CREDIT_SETTINGS)
            sums = order_sums(session, orders, int(settings["upw.ete_cap_percent"]))[order_id]
            if appointment_id is not None and session.scalar(
                    select(Appointment.order_id).where(Appointment.id == appointment_id)) \
                    != order_id:
                errors.check("appointment_id", "That appointment is not on this order.")
            if minutes < 0 and -minutes > max(0, sums.balance):
                errors.check("minutes", "That would credit more than the "
                             f"{format_minutes(max(0, sums.balance))} still owed.")
            if kind == AdjustmentKind.ETE:
                if not order.ete_allowed:
                    errors.check("kind", "This order has no ETE allowance.")
                elif -minutes > sums.ete_cap - sums.ete_used:
                    errors.check("minutes", "ETE may count for at most "
                                 f"{format_minutes(sums.ete_cap)} of this order; "
                                 f"{format_minutes(max(0, sums.ete_cap - sums.ete_used))} "
                                 "is left.")
            if errors:
                raise ValidationError(errors)
            row = Adjustment(order_id=order_id, appointment_id=appointment_id, kind=kind,
                             minutes=minutes, status=AdjustmentStatus.APPROVED, reason=text,
                             adjusted_on=self._ctx.today(), created_by_id=self._ctx.actor_id)
            session.add(row)
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, "adjustment", row.id,
                         after=audit.snapshot(row))
            refresh_orders(session, self._ctx, orders, settings)
            return build_ledger(session, self._ctx, order_id)

    def travel_tasks(self, *, delivery_unit_id: int | None = None,
                     coordinator_id: int | None = None) -> list[TravelTask]:
        """Pending travel-time decisions, oldest session first."""
        self._ctx.require(Capability.READ_ATTENDANCE)
        with self._ctx.db.read() as session:
            cap = int(read_settings(session, "upw.travel_time_cap_minutes")
                      ["upw.travel_time_cap_minutes"])
            query = (select(Adjustment, Person.id, Person.forename, Person.surname, Person.crn,
                            UpwSession.session_date, Project.code, Project.name,
                            DeliveryUnit.code)
                     .join(Appointment, Appointment.id == Adjustment.appointment_id)
                     .join(Person, Person.id == Appointment.person_id)
                     .join(UpwSession, UpwSession.id == Appointment.session_id)
                     .join(Project, Project.id == UpwSession.project_id)
                     .join(Office, Office.id == Project.office_id)
                     .join(DeliveryUnit, DeliveryUnit.id == Office.delivery_unit_id)
                     .where(Adjustment.kind == AdjustmentKind.TRAVEL_TIME,
                            Adjustment.status == AdjustmentStatus.PENDING)
                     .order_by(UpwSession.session_date, Adjustment.id))
            if delivery_unit_id is not None:
                query = query.where(DeliveryUnit.id == delivery_unit_id)
            if coordinator_id is not None:
                query = query.join(UpwOrder, UpwOrder.id == Adjustment.order_id).where(
                    UpwOrder.coordinator_id == coordinator_id)
            return mask_restricted(session, self._ctx, [
                TravelTask(a.id, a.order_id, cast(int, a.appointment_id), person_id, crn,
                           full_name(forename, surname), day, code, name, unit, -a.minutes, cap)
                for a, person_id, forename, surname, crn, day, code, name, unit
                in session.execute(query)])

    def decide_travel_time(self, adjustment_id: int, *, approve: bool, minutes: int | None = None,
                           reason: str | None = None) -> OrderLedger:
        """Approve up to the cap (and no more than is owed) or reject one travel-time task."""
        self._ctx.require(Capability.TAKE_ENFORCEMENT_DECISIONS)
        text = clean(reason)
        errors = FieldErrors()
        errors.check("reason", text_problem("reason", text))
        if errors:
            raise ValidationError(errors)
        with self._ctx.db.write() as session:
            task = session.get(Adjustment, adjustment_id)
            if task is None or task.kind != AdjustmentKind.TRAVEL_TIME:
                raise NotFoundError("That travel-time task is no longer on record.")
            check_case_of(session, self._ctx, UpwOrder, task.order_id)
            orders = lock_orders(session, [task.order_id])
            settings = read_settings(session, *CREDIT_SETTINGS)
            cap = int(settings["upw.travel_time_cap_minutes"])
            values: ColumnValues = {"reason": text or task.reason}
            if approve:
                sums = order_sums(session, orders, int(settings["upw.ete_cap_percent"]))
                owed = max(0, sums[task.order_id].balance)
                if not settings["upw.travel_time_allowed"]:
                    errors.check("approve", "Travel time may not be credited: the setting "
                                            "does not allow it.")
                elif not isinstance(minutes, int) or isinstance(minutes, bool) or \
                        not 1 <= minutes <= cap:
                    errors.check("minutes", f"Enter between 1 and {cap} minutes of travel time.")
                elif minutes > owed:
                    errors.check("minutes", "That would credit more than the "
                                            f"{format_minutes(owed)} still owed.")
                values.update(status=AdjustmentStatus.APPROVED, minutes=-(minutes or 0),
                              adjusted_on=self._ctx.today())
                if text is None:
                    values["reason"] = "Travel time"
            else:
                values.update(status=AdjustmentStatus.REJECTED, adjusted_on=self._ctx.today())
                if text is None:
                    values["reason"] = "Not eligible for travel time"
            if errors:
                raise ValidationError(errors)
            before = audit.snapshot(task)
            # Conditional on still pending, so two coordinators cannot both decide it.
            done = cast(CursorResult[Any], session.execute(update(Adjustment).where(and_(
                Adjustment.id == adjustment_id, Adjustment.status == AdjustmentStatus.PENDING))
                .values(**values).execution_options(synchronize_session=False))).rowcount
            if done != 1:
                raise ValidationError({"approve": "This travel-time task has already been "
                                                  "decided."})
            session.refresh(task)
            audit.record(session, self._ctx, AuditAction.UPDATE, "adjustment", task.id,
                         before=before, after=audit.snapshot(task))
            refresh_orders(session, self._ctx, orders, settings)
            return build_ledger(session, self._ctx, task.order_id)


def incentive_for(session: Session, order: UpwOrder, enabled: bool) -> IncentiveStatus:
    credits = _credits_in_order(session, [order.id])[order.id]
    return incentive_status(enabled=enabled, ordered_minutes=order.hours_ordered * 60,
                            credits=credits)


def build_ledger(session: Session, ctx: ServiceContext, order_id: int) -> OrderLedger:
    order = session.get(UpwOrder, order_id)
    if order is None:
        raise NotFoundError("That order is no longer on record.")
    person = session.get(Person, order.person_id)
    assert person is not None
    settings = read_settings(session, *CREDIT_SETTINGS)
    totals = order_totals(session, order_id, crediting=True)
    sums = _running(totals, {order_id: order}, int(settings["upw.ete_cap_percent"]))[order_id]
    entries: list[LedgerEntry] = []
    for appt_id, code, minutes, day, project_code, project_name in session.execute(
            select(Appointment.id, Appointment.outcome_code, Appointment.minutes_credited,
                   UpwSession.session_date, Project.code, Project.name)
            .join(UpwSession, UpwSession.id == Appointment.session_id)
            .join(Project, Project.id == UpwSession.project_id)
            .where(Appointment.order_id == order_id, Appointment.outcome_code.is_not(None))):
        entries.append(LedgerEntry(day, LedgerLineKind.APPOINTMENT,
                                   f"{outcome_description(code)} · {project_code} {project_name}",
                                   -int(minutes), appointment_id=appt_id, outcome_code=code))
    pending = 0
    for adj in session.scalars(select(Adjustment).where(Adjustment.order_id == order_id)):
        counts = adj.status == AdjustmentStatus.APPROVED
        if adj.kind == AdjustmentKind.TRAVEL_TIME and adj.status == AdjustmentStatus.PENDING:
            pending += -adj.minutes
        label = _KIND_LABELS[adj.kind]
        suffix = "" if counts else f" ({adj.status.value})"
        entries.append(LedgerEntry(adj.adjusted_on, LedgerLineKind.ADJUSTMENT,
                                   f"{label}: {adj.reason}{suffix}", adj.minutes, counts,
                                   appointment_id=adj.appointment_id, adjustment_id=adj.id,
                                   adjustment_kind=adj.kind, status=adj.status.value))
    incentive = incentive_for(session, order, bool(settings["upw.incentive_reduction"]))
    if not settings["upw.incentive_reduction"] and sums.incentive:
        # Applied while the setting was on: shown as it stands.
        incentive = IncentiveStatus(IncentiveState.OFF, incentive.threshold_minutes, 0,
                                    -sums.incentive, -sums.incentive, incentive.maximum_discount,
                                    None)
    return OrderLedger(
        order_id=order_id, person_id=person.id, crn=person.crn,
        name=full_name(person.forename, person.surname), hours_ordered=order.hours_ordered,
        ordered_minutes=sums.ordered, credited_minutes=sums.credited,
        adjustment_minutes=sums.adjustments, remaining_minutes=max(0, sums.balance),
        pending_travel_minutes=pending, ete_cap_minutes=sums.ete_cap,
        ete_used_minutes=sums.ete_used, status=order.status,
        deadline=totals[order_id].deadline,
        completed_on=order.completed_on,
        completion_letter_ready=order.status == OrderStatus.COMPLETED,
        incentive=incentive,
        lines=tuple(ledger_lines(order.sentence_date, sums.ordered, entries)))

