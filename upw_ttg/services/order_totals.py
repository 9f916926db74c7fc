"""Orders' totals (credited, adjusted, remaining, effective deadline): one query for all."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
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


def order_totals(session: Session, orders: int | Iterable[int] | Select[Any], *,
                 crediting: bool = False) -> dict[int, OrderTotals]:
    """The totals of one order, a list of orders, or every order a ``select`` of order ids
    names (a whole delivery unit, say: then one statement, no list of ids sent), by order id.
    ``crediting`` adds what capping a credit needs (the ETE share and the incentive), which
    costs a look at every appointment's project. Orders not on record are left out."""
    if isinstance(orders, Select):
        # Never correlated with the orders read here: the scope is a query of its own.
        return _totals(session, UpwOrder.id.in_(orders.correlate(None)), crediting)
    ids = sorted({orders} if isinstance(orders, int) else set(orders))
    totals: dict[int, OrderTotals] = {}
    for start in range(0, len(ids), _BATCH):
        totals.update(_totals(session, UpwOrder.id.in_(ids[start:start + _BATCH]), crediting))
    return totals


def _sum(column: Any, *where: ColumnElement[bool]) -> Any:
    return select(func.coalesce(func.sum(column), 0)).where(*where).scalar_subquery()


def _totals(session: Session, wanted: ColumnElement[bool], crediting: bool
            ) -> dict[int, OrderTotals]:
    # Correlated sums, one index probe per order: cheaper here than grouping and joining
    # whole subqueries, since most orders have few rows of each kind.
    worked = Appointment.order_id == UpwOrder.id
    approved = (Adjustment.order_id == UpwOrder.id,
                Adjustment.status == AdjustmentStatus.APPROVED)
    columns = [UpwOrder.id, UpwOrder.hours_ordered, UpwOrder.deadline,
               _sum(Appointment.minutes_credited, worked), _sum(Adjustment.minutes, *approved),
               select(func.max(OrderExtension.new_deadline))
               .where(OrderExtension.order_id == UpwOrder.id).scalar_subquery()]
    if crediting:
        ete_sessions = (select(UpwSession.id).join(Project, Project.id == UpwSession.project_id)
                        .where(Project.project_type == ETE_PROJECT_TYPE))
        columns += [
            _sum(Appointment.minutes_credited, worked, Appointment.session_id.in_(ete_sessions)),
            _sum(Adjustment.minutes, *approved, Adjustment.kind == AdjustmentKind.ETE),
            _sum(Adjustment.minutes, *approved, Adjustment.kind == AdjustmentKind.INCENTIVE)]
    totals = {}
    for order_id, hours, deadline, credited, adjusted, later, *more in session.execute(
            select(*columns).where(wanted)):
        ete_used = incentive = None
        if more:
            ete_worked, ete_adjusted, incentive = (int(value) for value in more)
            # ETE adjustments credit the order, so their minutes are negative.
            ete_used = ete_worked - ete_adjusted
        totals[order_id] = OrderTotals(
            order_id=order_id, ordered_minutes=hours * 60, credited_minutes=int(credited),
            adjustment_minutes=int(adjusted),
            deadline=effective_deadline(deadline, [later] if later is not None else []),
            ete_used_minutes=ete_used, incentive_minutes=incentive)
    return totals
