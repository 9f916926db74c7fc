"""The managers' figures on a demo: all of them for the whole service over 12 months, one
unit's, and a drill-down to the cases behind one month's number."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from upw_ttg.domain.codes import Role
from upw_ttg.records.staff import StaffMember
from upw_ttg.storage.models import DeliveryUnit, Staff

from benchmarks.common import Timing, open_services

RUNS = 5


def timed(name: str, call: Callable[[], object], runs: int = RUNS) -> Timing:
    """Wall clock and processor time of each run, after one run to warm the caches."""
    call()
    wall, cpu = [], []
    for _ in range(runs):
        started, processor = time.perf_counter(), time.process_time()
        call()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - processor) * 1000)
    return Timing(name, wall, cpu)


def run(path: Path | str, runs: int = RUNS) -> list[str]:
    services = open_services(path)
    try:
        services.ctx.now = lambda: dt.datetime(2026, 11, 26, 10, 30)
        with services.db.read() as session:
            manager = session.scalars(select(Staff).where(Staff.role == Role.MANAGER)
                                      .order_by(Staff.id)).first()
            services.ctx.actor = StaffMember(manager.id, manager.username, manager.full_name,
                                             manager.role, manager.gender, manager.office_id,
                                             True, frozenset({Role.MANAGER}))
            unit = session.scalar(select(DeliveryUnit.id).order_by(DeliveryUnit.id))
        figures = services.figures

        def cold(call: Callable[[], object]) -> Callable[[], object]:
            """``call`` with the figures read lately forgotten: what a change costs."""
            def read() -> object:
                figures._readings.clear()
                return call()
            return read

        def every() -> None:
            figures.figures("upw")
            figures.figures("ttg")

        lines = [
            timed("all figures (UPW and TTG), whole service", cold(every), runs),
            timed("Unpaid Work figures, whole service", cold(lambda: figures.figures("upw")),
                  runs),
            timed("Through the Gate figures, whole service",
                  cold(lambda: figures.figures("ttg")), runs),
            timed("Unpaid Work figures, one delivery unit",
                  cold(lambda: figures.figures("upw", unit_id=unit)), runs),
            timed("all figures again, nothing changed since", every, runs),
            timed("cases behind one month's outcomes keyed",
                  lambda: figures.cases("outcomes_keyed", month=dt.date(2026, 10, 1)), runs),
        ]
    finally:
        services.close()
    return [t.line() for t in lines]


