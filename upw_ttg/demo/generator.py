"""The demo-data generator: seeded, realistic, bulk-inserted in one unit of work."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Integer, func, insert, select, update
from sqlalchemy.orm import Session

from upw_ttg.demo import places
from upw_ttg.demo.booking import Booker
from upw_ttg.demo.case_reviews import case_reviews_demo
from upw_ttg.demo.core import (
    SCALE_SPECS,
    Context,
    OfficeInfo,
    Sink,
    Workdays,
    stamp,
)
from upw_ttg.demo.orders import build_profile, keep_apart_pairs
from upw_ttg.demo.oversight import oversight_demo
from upw_ttg.demo.people import TTG, UPW, build_people, build_staff
from upw_ttg.demo.projects import (
    Proj,
    build_projects,
    build_sessions,
    closure_dates,
    save_projects,
    session_rows,
)
from upw_ttg.demo.skills import skills_demo
from upw_ttg.demo.ttg import build_custody
from upw_ttg.domain.access import AccessAction, AccessedRecord
from upw_ttg.domain.codes import AuditAction
from upw_ttg.errors import UpwError
from upw_ttg.progress import CancelledFn, ProgressFn, stop_if_cancelled
from upw_ttg.security import hash_password
from upw_ttg.storage import chain
from upw_ttg.storage.database import Database
from upw_ttg.storage.models import (
    AccessEvent,
    AuditEvent,
    Base,
    CustodyEpisode,
    ResettlementPlan,
    UpwAssessment,
)
from upw_ttg.storage.models.base import utc_now
from upw_ttg.storage.order_months import refresh_all as refresh_order_months
from upw_ttg.storage.statistics import refresh_statistics

SCALES = ("small", "crc", "national")
DEMO_PASSWORD = "demo-password"
BATCH_ROWS = 5000
_GENERATION_STAGES = ("Staff and projects", "People", "Sessions", "Orders and appointments",
                      "Custody and resettlement")



@dataclass(frozen=True)
class DemoSummary:
    scale: str
    counts: dict[str, int]
    seconds: float


NEW_DATABASE, DEMO_DATA, REAL_DATA = "new", "demo", "real"
REFUSAL = ("This database already holds real data: staff accounts or people that the demo did "
           "not create. Demo data was not added, and nothing was changed. To try the demo, give "
           "it a new, empty data folder with --data-dir (for example --demo --data-dir "
           "~/upw-ttg-demo), or another database with --database-url.")


class DemoRefusedError(UpwError):
    """Demo data was asked for on a database that holds real data."""


def database_state(session: Session) -> str:
    """NEW_DATABASE (no staff, no people), DEMO_DATA (marked by the generator) or REAL_DATA."""
    tables = Base.metadata.tables
    if session.scalar(select(func.count()).select_from(tables["demo_marker"])):
        people = session.scalar(select(func.count()).select_from(tables["person"]))
        return DEMO_DATA if people else NEW_DATABASE
    for name in ("staff", "person"):
        if session.scalar(select(func.count()).select_from(tables[name])):
            return REAL_DATA
    return NEW_DATABASE


def demo_state(db: Database) -> str:
    """What ``db`` holds, as far as demo data is concerned (see ``database_state``)."""
    with db.read() as session:
        return database_state(session)


def generate_demo(db: Database, scale: str = "small", *, seed: int = 2019,
                  today: dt.date | None = None, progress: ProgressFn | None = None,
                  cancelled: CancelledFn | None = None) -> DemoSummary:
    """Fill a new, migrated database with realistic made-up data and mark it as demo data.

    Refuses (DemoRefusedError) a database with staff or people the demo did not create, and
    one that already holds demo data.

    The same ``seed`` and ``today`` give the same rows (staff password hashes aside, because
    each hash has its own random salt). Every staff account's password is ``DEMO_PASSWORD``.
    Raises ``Cancelled``, with nothing saved, if ``cancelled()`` returns True.
    """
    if scale not in SCALES:
        raise UpwError(f"There is no demo scale called {scale!r}: choose one of "
                       f"{', '.join(SCALES)}.")
    started = time.perf_counter()
    today = today or dt.date.today()
    stage_total = len(_GENERATION_STAGES) + len(Base.metadata.sorted_tables) + 1

    def report(done: int, text: str) -> None:
        if progress is not None:
            progress(done, stage_total, text)

    def check() -> None:
        stop_if_cancelled(cancelled, "Demo data generation was cancelled; nothing was saved.")

    with db.write() as session:
        state = database_state(session)
        if state == REAL_DATA:
            raise DemoRefusedError(REFUSAL)
        if state == DEMO_DATA:
            raise UpwError("The database already holds people (demo data), so no more demo "
                           "data was added. It is ready to use.")
        ctx = _context(session, scale, seed, today)
        # Hashing is deliberately slow (scrypt), so every demo account shares one hash.
        password_hash = hash_password(DEMO_PASSWORD)
        _generate(ctx, session, password_hash, report, check)
        # The mark that lets --demo open this database again, and nothing else receive demo data.
        ctx.sink.add("demo_marker", {"id": ctx.ids("demo_marker"), "scale": scale, "seed": seed,
                                     "generated_at": stamp(today)})
        counts = _save(ctx, session, db.engine.dialect.name, report, check, len(
            _GENERATION_STAGES))
        counts["booking_breach"] = _recheck(db, session, today)
        counts.update(_exchange(db, session, today))
        counts.update(oversight_demo(session, today))
        counts.update(skills_demo(session, today))
        # The figures' monthly summary of the appointments written directly (rule FIG-16).
        counts["upw_order_month"] = refresh_order_months(session)
        counts.update(case_reviews_demo(session, today))
        _record_demo_run(ctx, session, counts)
    # A million fresh rows: PostgreSQL must learn of them before the first screen plans a query.
    refresh_statistics(db)
    report(stage_total, "Finished")
    return DemoSummary(scale, counts, round(time.perf_counter() - started, 2))


def _recheck(db: Database, session: Session, today: dt.date) -> int:
    """Judge the future bookings by the placement rules, as every change in the application
    does: they were written directly, so the queue of bookings that break a rule starts true."""
    from upw_ttg.services.context import ServiceContext
    from upw_ttg.services.upw.recheck import recheck_bookings
    from upw_ttg.storage.models import BookingBreach

    context = ServiceContext(db, now=lambda: dt.datetime.combine(today, dt.time(9)))
    recheck_bookings(session, context, everything=True)
    return session.scalar(select(func.count()).select_from(BookingBreach)) or 0


def _exchange(db: Database, session: Session, today: dt.date) -> dict[str, int]:
    """A remembered column mapping for NDelius extracts, and the outcomes of most of the last
    fortnight already sent to the national record by each unit's first coordinator (the last
    few days are left to send), through the same code the screens use."""
    from upw_ttg.domain.extract import layout_key
    from upw_ttg.domain.ndelius import guess_mapping
    from upw_ttg.domain.working_days import WorkingCalendar
    from upw_ttg.records.staff import StaffMember
    from upw_ttg.services.context import ServiceContext
    from upw_ttg.services.exchange.national_export import export_outcomes
    from upw_ttg.services.exchange.people_export import COLUMNS
    from upw_ttg.services.exchange.people_import import KIND
    from upw_ttg.storage.models import (
        DeliveryUnit,
        ImportLayout,
        NationalExport,
        NationalExportItem,
        Office,
        Staff,
    )

    headers = tuple(header for _name, header in COLUMNS)
    session.add(ImportLayout(kind=KIND, layout_key=layout_key(headers),
                             mapping=json.dumps(guess_mapping(headers), sort_keys=True)))
    calendar = WorkingCalendar()
    days = [today - dt.timedelta(days=n) for n in range(14, 3, -1)]
    for unit_id in session.scalars(select(DeliveryUnit.id).order_by(DeliveryUnit.id)):
        staff = session.scalars(select(Staff).join(Office, Office.id == Staff.office_id).where(
            Office.delivery_unit_id == unit_id, Staff.role == "coordinator")
            .order_by(Staff.id)).first()
        if staff is None:
            continue
        member = StaffMember(staff.id, staff.username, staff.full_name, staff.role,
                             staff.gender, staff.office_id, True, staff.roles)
        ctx = ServiceContext(db, actor=member, now=lambda: dt.datetime.combine(today,
                                                                               dt.time(17)))
        for day in days:
            if calendar.is_working_day(day):
                export_outcomes(session, ctx, day, unit_id)
    session.flush()
    return {"import_layout": 1,
            "national_export": session.scalar(select(func.count())
                                              .select_from(NationalExport)) or 0,
            "national_export_item": session.scalar(select(func.count())
                                                   .select_from(NationalExportItem)) or 0}


def _context(session: Session, scale: str, seed: int, today: dt.date) -> Context:
    tables = Base.metadata.tables
    next_ids = {}
    for table in Base.metadata.sorted_tables:
        column = table.c.get("id")
        if column is not None and isinstance(column.type, Integer) and column.primary_key:
            next_ids[table.name] = (session.scalar(select(func.max(column))) or 0) + 1
    office, unit = tables["office"], tables["delivery_unit"]
    rows = session.execute(select(office.c.id, office.c.code, office.c.name, unit.c.code)
                           .join(unit, unit.c.id == office.c.delivery_unit_id)
                           .order_by(office.c.id)).all()
    offices = [OfficeInfo(r[0], r[1], r[2], r[3], i) for i, r in enumerate(
        r for r in rows if r[1] in places.OFFICE_PLACES)]
    if not offices:
        raise UpwError("The database has none of the demo's offices; run the upgrade first.")
    prison = tables["prison"]
    prisons = dict(session.execute(select(prison.c.code, prison.c.id).order_by(prison.c.id))
                   .all())
    start = today - dt.timedelta(days=3 * 365 + 1)
    ctx = Context(scale, SCALE_SPECS[scale], seed, today, Sink(), next_ids, offices, prisons,
                  Workdays(start - dt.timedelta(days=500), today + dt.timedelta(days=600)))
    ctx.extra["unit_ids"] = dict(session.execute(select(unit.c.code, unit.c.id)).all())
    serials = tables["warrant_serial"]
    ctx.extra["warrant_next_serial"] = dict(session.execute(
        select(serials.c.office_id, serials.c.next_serial)).all())
    staff = tables["staff"]
    ctx.extra["existing_usernames"] = set(session.scalars(select(staff.c.username)))
    return ctx


def _generate(ctx: Context, session: Session, password_hash: str,
              report: Callable[[int, str], None], check: Callable[[], None]) -> None:
    report(0, _GENERATION_STAGES[0])
    projects = build_projects(ctx)
    build_staff(ctx, projects, password_hash, ctx.extra["existing_usernames"])
    save_projects(ctx, projects)
    closed = closure_dates(ctx, projects)
    check()
    report(1, _GENERATION_STAGES[1])
    people = build_people(ctx)
    check()
    report(2, _GENERATION_STAGES[2])
    sessions = build_sessions(ctx, projects, closed)
    check()
    report(3, _GENERATION_STAGES[3])
    rng = ctx.rng("profiles")
    by_unit: dict[str, list[Proj]] = {}
    for p in projects:
        by_unit.setdefault(p.unit, []).append(p)
    profiles = [build_profile(ctx, rng, info, by_unit) for info in people if info.kind == UPW]
    keep_apart_pairs(ctx, profiles)
    booker = Booker(ctx, projects, sessions, profiles)
    booker.run(check)
    booker.warrant_rows()
    session_rows(ctx, projects, sessions)
    check()
    report(4, _GENERATION_STAGES[4])
    build_custody(ctx, [p for p in people if p.kind == TTG],
                  [(profile.person, day) for profile, day in booker.revoked])
    check()


def _record_demo_run(ctx: Context, session: Session, counts: dict[str, int]) -> None:
    """The demo run goes into the audit trail, chained like every other audit row."""
    chain.append(session, AuditEvent(
        occurred_at=utc_now(), staff_id=None, action=AuditAction.CREATE, entity="demo_data",
        entity_id=None, changes=json.dumps({
            "scale": ctx.scale, "seed": ctx.seed, "today": ctx.today.isoformat(),
            "rows": sum(counts.values()),
            "note": "Demo data generated: every name, address and record is made up."},
            sort_keys=True)))
    session.flush()
    _demo_access_log(ctx, session)


def _demo_access_log(ctx: Context, session: Session, sample: int = 150) -> None:
    """Some openings of assessments and plans by the staff who wrote them, for the "who has
    looked at this record" view; chained like every access-log row."""
    completed = session.execute(
        select(UpwAssessment.id, UpwAssessment.person_id, UpwAssessment.completed_by_id,
               UpwAssessment.completed_on)
        .where(UpwAssessment.completed_on.is_not(None)).order_by(UpwAssessment.id.desc())
        .limit(sample)).all()
    plans = session.execute(
        select(ResettlementPlan.id, CustodyEpisode.person_id, CustodyEpisode.worker_id,
               ResettlementPlan.started_on)
        .join(CustodyEpisode, CustodyEpisode.id == ResettlementPlan.episode_id)
        .where(ResettlementPlan.started_on.is_not(None)).order_by(ResettlementPlan.id.desc())
        .limit(sample)).all()
    events = [(day, AccessedRecord.UPW_ASSESSMENT, rid, pid, sid)
              for rid, pid, sid, day in completed]
    events += [(day, AccessedRecord.PLAN_RISK, rid, pid, sid) for rid, pid, sid, day in plans]
    for day, kind, record_id, person_id, staff_id in sorted(
            events, key=lambda e: e[0] or dt.date.min):
        if day is None:
            continue
        chain.append(session, AccessEvent(
            occurred_at=dt.datetime.combine(day, dt.time(11, 15)), staff_id=staff_id,
            action=AccessAction.VIEW, record_kind=kind.value, record_id=str(record_id),
            person_id=person_id))
    session.flush()


def _save(ctx: Context, session: Session, dialect: str, report: Callable[[int, str], None],
          check: Callable[[], None], stage: int) -> dict[str, int]:
    """Insert every table's rows in dependency order, in batches, in this unit of work."""
    counts: dict[str, int] = {}
    warrant_serials = ctx.extra.get("warrant_serials", {})
    existing_serials = ctx.extra["warrant_next_serial"]
    for index, table in enumerate(Base.metadata.sorted_tables, start=stage + 1):
        report(index, f"Saving {table.name.replace('_', ' ')}")
        check()
        if table.name == "office":
            _fill_office_details(ctx, session)
        if table.name == "warrant_serial":
            for office_id, next_serial in warrant_serials.items():
                if office_id in existing_serials:
                    session.execute(update(table).where(table.c.office_id == office_id)
                                    .values(next_serial=next_serial))
                else:
                    ctx.sink.add("warrant_serial", {"office_id": office_id,
                                                    "next_serial": next_serial})
        rows = ctx.sink.tables.get(table.name)
        if rows is None:
            continue
        names = [c.name for c in table.columns]
        statement = insert(table)
        if rows.dicts:
            for first in range(0, len(rows.dicts), BATCH_ROWS):
                check()
                batch = [{name: row.get(name) for name in names}
                         for row in rows.dicts[first:first + BATCH_ROWS]]
                session.execute(statement, batch)
        if rows.tuples:
            columns = rows.columns
            assert columns is not None
            for first in range(0, len(rows.tuples), BATCH_ROWS):
                check()
                batch = [dict(zip(columns, row, strict=True))
                         for row in rows.tuples[first:first + BATCH_ROWS]]
                session.execute(statement, batch)
        counts[table.name] = len(rows.dicts) + len(rows.tuples)
        # Free memory as we go: the national scale holds millions of rows.
        del ctx.sink.tables[table.name]
    if dialect == "postgresql":
        for table in Base.metadata.sorted_tables:
            if table.name in ctx.next_ids and counts.get(table.name):
                # Ids were assigned here, so the sequence must move past them.
                session.execute(select(func.setval(
                    func.pg_get_serial_sequence(table.name, "id"),
                    select(func.max(table.c.id)).scalar_subquery())))
    return counts


def _fill_office_details(ctx: Context, session: Session) -> None:
    """Give the seeded offices an address and phone number where they have none."""
    office = Base.metadata.tables["office"]
    for info in ctx.offices:
        place = places.OFFICE_PLACES[info.code]
        session.execute(update(office).where(office.c.id == info.id, office.c.address.is_(None))
                        .values(address=place.address))
        session.execute(update(office).where(office.c.id == info.id, office.c.phone.is_(None))
                        .values(phone=place.phone))


__all__ = ["DEMO_PASSWORD", "SCALES", "DemoSummary", "generate_demo"]
