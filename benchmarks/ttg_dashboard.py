"""The TTG caseload dashboard on the crc demo: whole service, one prison, one worker."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from upw_ttg.domain.codes import Role
from upw_ttg.records.staff import StaffMember
from upw_ttg.storage.models import Prison, Staff

from benchmarks.common import open_services, time_calls

RUNS = 50


def run(path: Path) -> list[str]:
    services = open_services(path)
    try:
        # The demo's "today"; the dashboard's lists depend on it.
        services.ctx.now = lambda: dt.datetime(2026, 11, 26, 10, 30)
        with services.db.read() as session:
            worker = session.scalars(select(Staff).where(
                Staff.role == Role.RESETTLEMENT_WORKER).order_by(Staff.id)).first()
            services.ctx.actor = StaffMember(worker.id, worker.username, worker.full_name,
                                             worker.role, worker.gender, worker.office_id, True)
            worker_id = worker.id
            hull = session.scalar(select(Prison.id).where(Prison.code == "HLI"))
        board = services.caseload
        every = time_calls("TTG dashboard, whole service", [board.caseload] * RUNS)
        prison = time_calls("TTG dashboard, one prison",
                            [lambda: board.caseload(prison_id=hull)] * RUNS)
        mine = time_calls("TTG dashboard, one worker",
                          [lambda: board.caseload(worker_id=worker_id)] * RUNS)
    finally:
        services.close()
    return [every.line(), prison.line(), mine.line()]
