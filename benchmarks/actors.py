"""Who the benchmarks act as: the first staff member of a role in the demo data."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.codes import Role
from upw_ttg.records.staff import StaffMember
from upw_ttg.storage.models import Staff


def act_as(services: AppServices, role: Role, today: dt.date | None = None) -> StaffMember:
    """Sign ``services`` in as the demo's first ``role``; optionally fix the clock."""
    if today is not None:
        services.ctx.now = lambda: dt.datetime.combine(today, dt.time(10, 30))
    with services.db.read() as session:
        row = session.scalars(select(Staff).where(Staff.role == role).order_by(Staff.id)).first()
        member = StaffMember(row.id, row.username, row.full_name, row.role, row.gender,
                             row.office_id, True, row.roles)
    services.ctx.actor = member
    return member
