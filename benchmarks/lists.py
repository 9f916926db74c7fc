"""Each list screen's data, as the screen asks for it, beside the same SQL run raw.

For every list the screen's own reads are timed: its service calls with the scope it starts
at (the coordinator's delivery unit, one worker, one prison) and the page it shows
(``PAGE_ROWS``). Beside each, alternated run after run, the baseline runs exactly the
statements those calls sent, captured from the engine, on the driver's own connection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.codes import Role
from upw_ttg.services.paging import PAGE_ROWS
from upw_ttg.storage.models import CustodyEpisode, Office, Person, UpwOrder

from benchmarks.actors import act_as
from benchmarks.common import RawConnection, Timing, alternated, open_services, statements_of

RUNS = 7
GOAL_MS = 150.0
WORKER_GOAL_MS = 20.0
SESSION_WEEKS = 8
WARRANT_DAYS = 91


def _biggest_unit(services: AppServices) -> int:
    """The delivery unit with the most live orders: the heaviest place a screen starts at."""
    with services.db.read() as session:
        return session.execute(
            select(Office.delivery_unit_id).join(Person, Person.office_id == Office.id)
            .join(UpwOrder, UpwOrder.person_id == Person.id)
            .group_by(Office.delivery_unit_id).order_by(func.count().desc())).scalars().first()


def _busiest(services: AppServices, column) -> int:
    with services.db.read() as session:
        return session.execute(
            select(column).where(column.is_not(None)).group_by(column)
            .order_by(func.count().desc())).scalars().first()


def screen_reads(services: AppServices) -> list[tuple[str, Role, Callable[[], object]]]:
    """What each list screen reads when it opens: (name, who reads it, the reads)."""
    upw, attendance = services.upw, services.attendance
    today = services.ctx.today()
    unit = _biggest_unit(services)
    monday = today + dt.timedelta(days=7 - today.weekday())
    worker = _busiest(services, CustodyEpisode.worker_id)
    prison = _busiest(services, CustodyEpisode.prison_id)

    def outstanding() -> object:
        return (attendance.registers.outstanding_by_project(delivery_unit_id=unit),
                attendance.registers.outstanding_outcomes(delivery_unit_id=unit,
                                                          limit=PAGE_ROWS))

    def warrants() -> object:
        first = today - dt.timedelta(days=WARRANT_DAYS)
        return (upw.warrants.register_totals(date_from=first, date_to=today),
                upw.warrants.register(date_from=first, date_to=today, newest_first=True,
                                      limit=PAGE_ROWS),
                upw.warrants.spend(date_from=first, date_to=today))

    def projects() -> object:
        listed = upw.projects.list_projects(unit_id=unit)
        return listed, upw.sessions.list_sessions(
            project_id=listed[0].id, date_from=today,
            date_to=today + dt.timedelta(weeks=SESSION_WEEKS))

    coordinator, worker_role = Role.COORDINATOR, Role.RESETTLEMENT_WORKER
    return [
        ("outstanding outcomes", coordinator, outstanding),
        ("forecast and reviews", coordinator,
         lambda: attendance.forecast.forecast(delivery_unit_id=unit)),
        ("enforcement queue", coordinator,
         lambda: attendance.enforcement.queue(delivery_unit_id=unit, limit=PAGE_ROWS)),
        ("travel-time tasks", coordinator, lambda: attendance.ledger.travel_tasks()),
        ("travel warrants (3 months)", coordinator, warrants),
        ("waiting to be placed", coordinator,
         lambda: upw.planner.waiting(unit, week_start=monday)),
        ("projects and sessions", coordinator, projects),
        ("TTG caseload, one worker", worker_role,
         lambda: services.caseload.caseload(worker_id=worker)),
        ("TTG caseload, one prison", worker_role,
         lambda: services.caseload.caseload(prison_id=prison)),
        ("TTG caseload, whole service", worker_role, services.caseload.caseload),
    ]


def run(path: Path | str, runs: int = RUNS) -> list[str]:
    """Time every list on the database at ``path`` (a SQLite file or a PostgreSQL URL)."""
    services = open_services(path)
    lines = []
    try:
        act_as(services, Role.COORDINATOR)
        raw = RawConnection(services.db)
        for name, role, reads in screen_reads(services):
            act_as(services, role)
            floor_call = raw.replay(statements_of(services.db, reads))
            subject, floor = alternated((name, reads), (f"{name}, raw SQL", floor_call), runs)
            lines += [_with_goal(subject, floor, name), floor.line()]
        raw.close()
    finally:
        services.close()
    return lines


def _with_goal(subject: Timing, floor: Timing, name: str) -> str:
    goal = WORKER_GOAL_MS if name.endswith("one worker") else GOAL_MS
    verdict = "meets" if subject.median <= goal else "misses"
    return f"{subject.line(floor)}   ({verdict} {goal:.0f} ms)"
