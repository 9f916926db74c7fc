"""Lists scoped and paged by the service equal the whole list filtered and cut on screen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from upw_ttg.bootstrap import AppLocation, AppServices, build_services
from upw_ttg.demo import generate_demo
from upw_ttg.domain.codes import Role
from upw_ttg.errors import ValidationError
from upw_ttg.records.staff import StaffMember
from upw_ttg.storage.database import Database, sqlite_url
from upw_ttg.storage.models import (
    Appointment,
    DeliveryUnit,
    EnforcementAction,
    Prison,
    Staff,
    UpwSession,
)

from tests.conftest import PG_URL, TODAY, reset_postgres_schema

ONCE = settings(max_examples=15, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def demo(tmp_path_factory, sqlite_template, _postgres_migrated) -> Iterator[AppServices]:
    """The small demo, read by every test here (none of them writes)."""
    if PG_URL:
        reset_postgres_schema(PG_URL)
        url = PG_URL
    else:
        target: Path = tmp_path_factory.mktemp("lists") / "upw-ttg.db"
        target.write_bytes(sqlite_template.read_bytes())
        url = sqlite_url(target)
    db = Database(url)
    generate_demo(db, "small", today=TODAY)
    _leave_registers_unkeyed(db)
    app = build_services(db, AppLocation(tmp_path_factory.mktemp("lists-files"), url))
    app.ctx.now = lambda: dt.datetime.combine(TODAY, dt.time(10, 30))
    with db.read() as session:
        admin = session.scalars(select(Staff).where(Staff.role == Role.ADMINISTRATOR)
                                .order_by(Staff.id).limit(1)).one()
        app.ctx.actor = StaffMember(admin.id, admin.username, admin.full_name, admin.role,
                                    admin.gender, admin.office_id, True, admin.roles)
    yield app
    app.close()
    if PG_URL:
        # The demo changed the reference tables the other tests rely on: start them afresh.
        reset_postgres_schema(PG_URL)


def _leave_registers_unkeyed(db: Database) -> None:
    """The demo keys nearly every past register: take the outcome off every fifth past
    appointment, so the list of missing outcomes is long enough to page through."""
    with db.write() as session:
        past = select(UpwSession.id).where(UpwSession.session_date < TODAY)
        session.execute(update(Appointment)
                        .where(Appointment.session_id.in_(past), Appointment.id % 5 == 0,
                               Appointment.id.not_in(select(EnforcementAction.appointment_id)
                                                     .where(EnforcementAction.appointment_id
                                                            .is_not(None))))
                        .values(outcome_code=None, minutes_credited=0, start_time=None,
                                end_time=None, evidence_due=None, enforcement_due=None))


def _units(app: AppServices) -> list[tuple[int, str]]:
    with app.db.read() as session:
        return list(session.execute(select(DeliveryUnit.id, DeliveryUnit.code)))


def _pages(fetch, size: int) -> list:
    """Every row of a list, read a page at a time as the screen's model does."""
    rows: list = []
    offset = 0
    while True:
        page = fetch(offset, size)
        rows.extend(page)
        offset += len(page) + len(page.to_check)
        if len(page) + len(page.to_check) < size:
            return rows


@ONCE
@given(data=st.data(), size=st.integers(min_value=9, max_value=60))
def test_outstanding_outcomes_by_unit_and_project_in_pages_equal_the_whole_list_filtered(
        demo, data, size):
    registers = demo.attendance.registers
    everything = registers.outstanding_outcomes()
    assert everything, "the demo has appointments without an outcome"
    unit = data.draw(st.sampled_from([None, *_units(demo)]))
    unit_id, unit_code = unit if unit else (None, None)
    backlog = registers.outstanding_by_project(delivery_unit_id=unit_id)
    project = data.draw(st.sampled_from([None, *backlog]))
    project_id = project.project_id if project else None
    expected = [r for r in everything
                if unit_code in (None, r.delivery_unit_code)
                and project_id in (None, r.project_id)]
    paged = _pages(lambda offset, limit: registers.outstanding_outcomes(
        delivery_unit_id=unit_id, project_id=project_id, limit=limit, offset=offset), size)
    assert paged == expected
    # The backlog counts the same appointments the list shows.
    assert sum(p.missing for p in ([project] if project else backlog)) == len(expected)


def test_a_page_that_cannot_be_meant_is_refused_in_plain_words(demo):
    registers = demo.attendance.registers
    for limit, offset in ((0, 0), (-5, 0), (10, -1), (10**9, 0)):
        with pytest.raises(ValidationError):
            registers.outstanding_outcomes(limit=limit, offset=offset)


def test_one_workers_and_one_prisons_caseload_equal_the_whole_service_filtered(demo):
    board = demo.caseload
    whole = board.caseload()
    with demo.db.read() as session:
        prisons = list(session.scalars(select(Prison.id)))
    workers = sorted({r.worker_id for r in whole.releases_within_24_weeks + whole.due_a_plan
                      + whole.handovers_not_acknowledged + whole.handover_not_started
                      if r.worker_id is not None})
    assert workers, "the demo assigns cases to workers"
    lists = ("due_a_plan", "plans_overdue", "releases_within_12_weeks",
             "releases_within_24_weeks", "no_accommodation", "handover_not_started",
             "handovers_not_acknowledged", "referrals_overdue", "needs_attention")
    for worker_id in workers:
        mine = board.caseload(worker_id=worker_id)
        for name in lists:
            assert getattr(mine, name) == tuple(
                r for r in getattr(whole, name) if r.worker_id == worker_id), name
    for prison_id in prisons:
        theirs = board.caseload(prison_id=prison_id)
        codes = {r.prison_code for name in lists for r in getattr(theirs, name)}
        assert len(codes) <= 1
        for name in lists:
            assert getattr(theirs, name) == tuple(
                r for r in getattr(whole, name) if r.prison_code in codes), name


@ONCE
@given(data=st.data(), size=st.integers(min_value=3, max_value=30))
def test_evidence_overdue_by_unit_and_coordinator_in_pages_equal_the_whole_queue_filtered(
        demo, data, size):
    enforcement = demo.attendance.enforcement
    whole = enforcement.queue()
    assert whole.evidence_overdue, "the demo has evidence overdue"
    unit_id, unit_code = data.draw(st.sampled_from([(None, None), *_units(demo)]))
    coordinator_id = data.draw(st.sampled_from(
        [None, *sorted({r.coordinator_id for r in whole.evidence_overdue})]))

    def wanted(rows):
        return [r for r in rows if unit_code in (None, r.delivery_unit_code)
                and coordinator_id in (None, r.coordinator_id)]

    expected = wanted(whole.evidence_overdue)
    paged = _pages(lambda offset, limit: enforcement.evidence_overdue(
        delivery_unit_id=unit_id, coordinator_id=coordinator_id, limit=limit, offset=offset),
        size)
    assert paged == expected
    first = enforcement.queue(delivery_unit_id=unit_id, coordinator_id=coordinator_id,
                              limit=size)
    assert list(first.evidence_overdue) == expected[:size]
    assert first.evidence_overdue_total == len(expected)
    assert list(first.decisions) == wanted(whole.decisions)
    assert list(first.breaches_not_laid) == wanted(whole.breaches_not_laid)


@ONCE
@given(data=st.data(), size=st.integers(min_value=5, max_value=60))
def test_the_warrant_register_newest_first_in_pages_equals_the_whole_register(demo, data, size):
    warrants = demo.upw.warrants
    offices = sorted({w.office_id for w in warrants.register()})
    assert offices, "the demo has travel warrants"
    office_id = data.draw(st.sampled_from([None, *offices]))
    date_from = data.draw(st.sampled_from([None, TODAY - dt.timedelta(days=91)]))
    whole = warrants.register(office_id=office_id, date_from=date_from, newest_first=True)
    assert [(w.issued_on, w.office_code, w.serial) for w in whole] == sorted(
        ((w.issued_on, w.office_code, w.serial) for w in whole), reverse=True)
    assert sorted(whole, key=lambda w: w.id) == sorted(
        warrants.register(office_id=office_id, date_from=date_from), key=lambda w: w.id)
    paged = _pages(lambda offset, limit: warrants.register(
        office_id=office_id, date_from=date_from, newest_first=True, limit=limit,
        offset=offset), size)
    assert paged == list(whole)
    assert warrants.register_totals(office_id=office_id, date_from=date_from) == (
        len(whole), sum(w.fare_pence for w in whole if w.status.value in ("issued", "used")))


def test_travel_tasks_by_unit_and_the_forecast_by_unit_and_coordinator_equal_the_whole_lists(
        demo):
    ledger, forecast = demo.attendance.ledger, demo.attendance.forecast
    tasks, orders = ledger.travel_tasks(), forecast.forecast()
    assert tasks and orders, "the demo has travel-time claims and live orders"
    coordinators = sorted({f.coordinator_id for f in orders if f.coordinator_id})
    for unit_id, unit_code in [(None, None), *_units(demo)]:
        assert ledger.travel_tasks(delivery_unit_id=unit_id) == [
            t for t in tasks if unit_code in (None, t.delivery_unit_code)]
        for coordinator_id in (None, *coordinators[:3]):
            assert forecast.forecast(delivery_unit_id=unit_id,
                                     coordinator_id=coordinator_id) == [
                f for f in orders if unit_code in (None, f.delivery_unit_code)
                and coordinator_id in (None, f.coordinator_id)]


def test_the_waiting_list_of_a_unit_equals_the_whole_list_filtered(demo):
    planner = demo.upw.planner
    monday = TODAY + dt.timedelta(days=7 - TODAY.weekday())
    everyone = planner.waiting(None, week_start=monday)
    assert everyone, "the demo has people waiting to be placed"
    offices = demo.people.offices()
    for unit_id, _code in _units(demo):
        names = {o.name for o in offices if o.delivery_unit_id == unit_id}
        assert planner.waiting(unit_id, week_start=monday) == [
            r for r in everyone if r.office_name in names]
