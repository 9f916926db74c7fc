"""Attendance: a day's work sheets beside bare reportlab, and saving a 20-row register."""

from __future__ import annotations

import io
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle
from sqlalchemy import func, select

from upw_ttg.domain.codes import Role
from upw_ttg.printing import fonts
from upw_ttg.services.attendance import apply_bulk_outcome
from upw_ttg.storage.database import Database, sqlite_url
from upw_ttg.storage.migrate import upgrade
from upw_ttg.storage.models import Appointment, UpwOrder, UpwSession

from benchmarks.actors import act_as
from benchmarks.common import Timing, open_services, time_calls

SHEETS = 60
REGISTER_ROWS = 20


def _bare_reportlab(rows_per_page: list[int]) -> bytes:
    """The floor: one landscape page per session with a plain 14-column table holding the
    same rows as its sheet (the people and two spare rows), in the same embedded font."""
    fonts.register_fonts()
    styles = getSampleStyleSheet()
    story = []
    for page, rows in enumerate(rows_per_page):
        story.append(Paragraph(f"Work sheet {page + 1}", styles["Title"]))
        data = [["No.", "Name", "CRN", "Pick-up", "Health and safety", "Start", "End",
                 "Penalty", "Outcome", "Quality", "Behaviour", "Hi-vis", "Initials", "Notes"]]
        data += [[str(i), f"Forename{i} Surname", "X123456", "08:15 Hull office",
                  "None recorded", *[""] * 9] for i in range(1, rows + 3)]
        table = Table(data, repeatRows=1, rowHeights=[18] + [23] * (rows + 2))
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                                   ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                                   ("FONTSIZE", (0, 0), (-1, -1), 8)]))
        story += [table, PageBreak()]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=landscape(A4)).build(story)
    return buffer.getvalue()


def _alternated(subject: tuple[str, Callable[[], object]],
                baseline: tuple[str, Callable[[], object]], runs: int
                ) -> tuple[Timing, Timing, float]:
    """Both timed in turn, run after run, so a busy machine slows both alike; also the
    ratio of their median processor times, which other processes on the machine disturb
    less than the wall clock."""
    (subject_name, subject_call), (baseline_name, baseline_call) = subject, baseline
    subject_call(), baseline_call()
    wall: tuple[list[float], list[float]] = ([], [])
    cpu: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for index, call in enumerate((subject_call, baseline_call)):
            start, start_cpu = time.perf_counter(), time.process_time()
            call()
            wall[index].append((time.perf_counter() - start) * 1000)
            cpu[index].append((time.process_time() - start_cpu) * 1000)
    ratio = statistics.median(cpu[0]) / statistics.median(cpu[1])
    return Timing(subject_name, wall[0]), Timing(baseline_name, wall[1]), ratio


def _twenty_row_session(services) -> int:
    """A past session topped up to 20 people (on the benchmark's copy of the database)."""
    with services.db.write() as session:
        session_id, day = session.execute(
            select(UpwSession.id, UpwSession.session_date)
            .join(Appointment, Appointment.session_id == UpwSession.id)
            .where(UpwSession.session_date < services.ctx.today())
            .group_by(UpwSession.id, UpwSession.session_date)
            .order_by(func.count().desc(), UpwSession.session_date.desc()).limit(1)).one()
        booked = set(session.scalars(select(Appointment.person_id)
                                     .where(Appointment.session_id == session_id)))
        extra = session.execute(select(UpwOrder.id, UpwOrder.person_id)
                                .where(UpwOrder.sentence_date < day,
                                       UpwOrder.person_id.not_in(booked))
                                .order_by(UpwOrder.id).limit(REGISTER_ROWS * 3)).all()
        for order_id, person_id in extra:
            if len(booked) >= REGISTER_ROWS:
                break
            if person_id not in booked:
                booked.add(person_id)
                session.add(Appointment(person_id=person_id, order_id=order_id,
                                        session_id=session_id))
    return session_id


def run(path: Path) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        # The cached database may predate the latest migration; only the copy is upgraded.
        database = Database(sqlite_url(copy))
        upgrade(database)
        database.dispose()
        services = open_services(copy)
        try:
            act_as(services, Role.COORDINATOR)
            sheets = services.attendance.work_sheets
            with services.db.read() as session:
                busiest = session.execute(
                    select(UpwSession.session_date).join(Appointment)
                    .group_by(UpwSession.session_date)
                    .order_by(func.count(func.distinct(UpwSession.id)).desc())
                    .limit(1)).scalar_one()
            day = sheets.day_sessions(busiest)
            day_count, rows = len(day), [d.people for d in day]
            printed, bare, cpu_ratio = _alternated(
                (f"a day's work sheets ({day_count} sessions, {sum(rows)} people, one PDF)",
                 lambda: sheets.print_day(busiest)),
                (f"bare reportlab, {day_count} pages of the same rows",
                 lambda: _bare_reportlab(rows)), runs=7)
            session_id = _twenty_row_session(services)
            registers = services.attendance.registers
            register = registers.load_register(session_id)
            ids = [row.appointment_id for row in register.rows]
            codes = ["ATTC", "ATSS"] * 10
            saves = time_calls(f"save a {len(ids)}-row register (every row changed)", [
                (lambda code=code: registers.save_register(
                    session_id, apply_bulk_outcome(registers.load_register(session_id), ids,
                                                   code)))
                for code in codes], warmup=2)
            loads = time_calls("load that register", [
                (lambda: registers.load_register(session_id))] * 20)
        finally:
            services.close()
    per_sheet = printed.median / max(day_count, 1) * SHEETS
    return [printed.line(bare), bare.line(),
            f"    processor time: ×{cpu_ratio:.2f} bare reportlab",
            f"    scaled to {SHEETS} sessions: about {per_sheet / 1000:.2f} s",
            saves.line(), loads.line()]


