"""Orders' totals (credited, adjusted, remaining, effective deadline): one query for all."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import AdjustmentKind, AdjustmentStatus
from upw_ttg.domain.crediting import ETE_PROJECT_TYPE
from upw_ttg.domain.orders import effective_deadline
from upw_ttg.records.attendance import OrderTotals
from upw_ttg.storage.models import (
    Adjustment,
    Appointment,
    OrderExtension,
    Project,
    UpwOrder,
    UpwSession,
)

# Ids sent as bound parameters per statement: below SQLite's and PostgreSQL's limits.
_BATCH = 900


def order_totals(session: Session, orders: int | Iterable[int] | Select[Any]
                 ) -> dict[int, OrderTotals]:
    """The totals of one order, a list of orders, or every order a ``select`` of order ids
    names (a whole delivery unit, say: then one statement, no list of ids sent), by order id.
    Orders not on record are left out."""
    if isinstance(orders, Select):
        return _totals(session, orders)
    ids = sorted({orders} if isinstance(orders, int) else set(orders))
    totals: dict[int, OrderTotals] = {}
    for batch in _batches(ids):
        totals.update(_totals(session, batch))
    return totals


def _batches(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _BATCH):
        yield ids[start:start + _BATCH]


def _totals(session: Session, ids: list[int] | Select[Any]) -> dict[int, OrderTotals]:
    credited = (
        select(Appointment.order_id.label("order_id"),
               func.sum(Appointment.minutes_credited).label("minutes"),
               func.sum(case((Project.project_type == ETE_PROJECT_TYPE,
                              Appointment.minutes_credited), else_=0)).label("ete"))
        .join(UpwSession, UpwSession.id == Appointment.session_id)
        .join(Project, Project.id == UpwSession.project_id)
        .where(Appointment.order_id.in_(ids))
        .group_by(Appointment.order_id).subquery())
    adjusted = (
        select(Adjustment.order_id.label("order_id"),
               func.sum(Adjustment.minutes).label("minutes"),
               func.sum(case((Adjustment.kind == AdjustmentKind.INCENTIVE, Adjustment.minutes),
                             else_=0)).label("incentive"),
               func.sum(case((Adjustment.kind == AdjustmentKind.ETE, Adjustment.minutes),
                             else_=0)).label("ete"))
        .where(Adjustment.order_id.in_(ids), Adjustment.status == AdjustmentStatus.APPROVED)
        .group_by(Adjustment.order_id).subquery())
    extended = (
        select(OrderExtension.order_id.label("order_id"),
               func.max(OrderExtension.new_deadline).label("deadline"))
        .where(OrderExtension.order_id.in_(ids))
        .group_by(OrderExtension.order_id).subquery())
    rows = session.execute(
        select(UpwOrder.id, UpwOrder.hours_ordered, UpwOrder.deadline,
               credited.c.minutes, credited.c.ete, adjusted.c.minutes, adjusted.c.incentive,
               adjusted.c.ete, extended.c.deadline)
        .outerjoin(credited, credited.c.order_id == UpwOrder.id)
        .outerjoin(adjusted, adjusted.c.order_id == UpwOrder.id)
        .outerjoin(extended, extended.c.order_id == UpwOrder.id)
        .where(UpwOrder.id.in_(ids)))
    return {
        order_id: OrderTotals(
            order_id=order_id, ordered_minutes=hours * 60, credited_minutes=int(done or 0),
            # ETE adjustments credit the order, so their minutes are negative.
            ete_used_minutes=int(ete_done or 0) - int(ete_adjusted or 0),
            adjustment_minutes=int(changed or 0), incentive_minutes=int(incentive or 0),
            deadline=effective_deadline(deadline, [later] if later is not None else []))
        for order_id, hours, deadline, done, ete_done, changed, incentive, ete_adjusted, later
        in rows}
