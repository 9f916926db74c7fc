"""Rule 24: re-checking a project's future bookings after an edit, and the queue for a CRC."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, insert, select

from upw_ttg.domain.codes import Role, SessionStatus
from upw_ttg.services.upw.facts import LIVE_STATUSES, active_appointment
from upw_ttg.storage.migrate import upgrade
from upw_ttg.storage.models import Appointment, UpwOrder, UpwSession

from benchmarks.actors import act_as
from benchmarks.common import open_services, time_calls

TARGET = 500  # future bookings on the edited project


def _busiest_project(services) -> tuple[int, int]:
    """The project with the most future bookings: (id, how many)."""
    today = services.ctx.today()
    with services.db.read() as session:
        row = session.execute(
            select(UpwSession.project_id, func.count())
            .join(Appointment, Appointment.session_id == UpwSession.id)
            .where(UpwSession.session_date >= today,
                   UpwSession.status == SessionStatus.PLANNED, active_appointment())
            .group_by(UpwSession.project_id).order_by(func.count().desc()).limit(1)).first()
    return (row[0], row[1]) if row else (0, 0)


def _fill_to(services, project_id: int, wanted: int) -> int:
    """Give the project ``wanted`` future bookings: sessions over the coming weeks, each with
    a few people on live orders not booked that day. Written directly (this is test data for
    the timing, not a placement)."""
    upw = services.upw
    today = services.ctx.today()
    upw.sessions.generate(project_id, today + dt.timedelta(days=1),
                          today + dt.timedelta(days=300))
    with services.db.write() as session:
        sessions = session.execute(
            select(UpwSession.id, UpwSession.session_date).where(
                UpwSession.project_id == project_id, UpwSession.session_date > today,
                UpwSession.status == SessionStatus.PLANNED).order_by(UpwSession.session_date)
        ).all()
        orders = session.execute(select(UpwOrder.id, UpwOrder.person_id).where(
            UpwOrder.status.in_(LIVE_STATUSES)).order_by(UpwOrder.id)).all()
        booked = set(session.execute(select(Appointment.person_id, UpwSession.session_date)
                                     .join(UpwSession,
                                           UpwSession.id == Appointment.session_id)
                                     .where(UpwSession.session_date > today)).all())
        have = session.scalar(select(func.count()).select_from(Appointment)
                              .join(UpwSession, UpwSession.id == Appointment.session_id)
                              .where(UpwSession.project_id == project_id,
                                     UpwSession.session_date > today)) or 0
        places = {r.id: r.places - r.booked for r in upw.sessions.list_sessions(
            project_id=project_id, date_from=today, date_to=today + dt.timedelta(days=300))}
        cursor = 0
        rows = []
        for sid, day in sessions:
            for _ in range(max(0, places.get(sid, 0))):
                if have + len(rows) >= wanted:
                    break
                for _ in range(len(orders)):
                    order_id, person_id = orders[cursor % len(orders)]
                    cursor += 1
                    if (person_id, day) not in booked:
                        booked.add((person_id, day))
                        rows.append(dict(person_id=person_id, order_id=order_id,
                                         session_id=sid, travels_by_van=False, version=1))
                        break
        if rows:
            session.execute(insert(Appointment), rows)
    return _busiest_project(services)[1] if rows else have


def run(path: Path) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        services = open_services(copy)
        try:
            upgrade(services.db)
            act_as(services, Role.COORDINATOR)
            upw = services.upw
            everything = time_calls("re-check every future booking", [upw.broken.recheck_all],
                                    warmup=0)
            project_id, count = _busiest_project(services)
            if count < TARGET:
                _fill_to(services, project_id, TARGET)
                project_id, count = _busiest_project(services)
            record = upw.projects.get_project(project_id)
            tags = set(record.tags)
            tagged = dataclasses.replace(record.to_input(),
                                         tags=tuple(sorted(tags ^ {"children_present"})))
            preview = time_calls(f"preview a project edit ({count} future bookings)",
                                 [lambda: upw.projects.preview_update_project(project_id,
                                                                              tagged)] * 10,
                                 warmup=2)
            # Processor time too: on a shared machine the wall clock mostly measures waiting.
            cpu = _cpu_ms(lambda: upw.projects.preview_update_project(project_id, tagged), 10)

            def toggle() -> None:
                current = upw.projects.get_project(project_id)
                flipped = tuple(sorted(set(current.tags) ^ {"children_present"}))
                upw.projects.update_project(project_id, dataclasses.replace(
                    current.to_input(), tags=flipped))

            saves = time_calls(f"save a project edit and re-check ({count})", [toggle] * 10,
                               warmup=2)
            queue = time_calls("the queue, whole CRC (list)", [upw.broken.list] * 20)
            counted = time_calls("the queue, whole CRC (count)", [upw.broken.count] * 20)
            size = upw.broken.count()
            queue_cpu = _cpu_ms(upw.broken.list, 10)
        finally:
            services.close()
    return [everything.line(), preview.line(), f"    (processor time {cpu:.1f} ms)",
            saves.line(), queue.line(), f"    (processor time {queue_cpu:.1f} ms)",
            counted.line(), f"    ({size:,} bookings in the queue)"]


def _cpu_ms(call, times: int) -> float:
    samples = []
    for _ in range(times):
        start = time.process_time()
        call()
        samples.append((time.process_time() - start) * 1000)
    return statistics.median(samples)
