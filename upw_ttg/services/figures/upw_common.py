"""What the Unpaid Work figures share: their settings, and orders kept to a unit and worker."""

from __future__ import annotations

from typing import Any, TypeVarTuple

from sqlalchemy import Select

from upw_ttg.services.figures.common import Scope
from upw_ttg.storage.models import Office, Person, UpwOrder

UPW_SETTINGS = ("upw.first_session_working_days", "upw.weekly_offer_hours",
                "upw.intensive_max_hours", "upw.enforcement_decision_working_days",
                "upw.warning_period_months", "upw.deadline_applies", "upw.deadline_months",
                "upw.review_first_months", "upw.review_second_months")
# A case's unit is the delivery unit of the person's office; its worker is the order's
# coordinator.
UNIT = Office.delivery_unit_id.label("unit_id")
WORKER = UpwOrder.coordinator_id.label("worker_id")

_Ts = TypeVarTuple("_Ts")  # a query's columns, kept by the scoping

def scoped(scope: Scope, query: Select[*_Ts]) -> Select[*_Ts]:
    """``query`` (over orders) joined to the person's office, kept to the unit and worker."""
    query = (query.join(Person, Person.id == UpwOrder.person_id)
             .outerjoin(Office, Office.id == Person.office_id))
    if scope.unit_id is not None:
        query = query.where(Office.delivery_unit_id == scope.unit_id)
    if scope.worker_id is not None:
        query = query.where(UpwOrder.coordinator_id == scope.worker_id)
    return query


def count_of(scope: Scope, row: Any) -> int:
    return 1 if scope.detail else int(row.n)


def person_of(scope: Scope, row: Any) -> int | None:
    return row.person_id if scope.detail else None
