"""A supervisor sees what a work sheet and register need, for the sessions they supervise."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from upw_ttg.domain.codes import Role
from upw_ttg.errors import CapabilityDeniedError, PermissionDeniedError
from upw_ttg.services.attendance import build_attendance
from upw_ttg.storage.models import Appointment, SessionSupervisor

from tests.services.attendance.attendance_data import World

DAY = dt.date(2026, 11, 27)


@pytest.fixture
def world(app) -> World:
    return World(app)


@pytest.fixture
def sessions(world, add_staff):
    """Two sessions tomorrow: Sam supervises the first (and helps on none), Tom the second."""
    sam = add_staff("sam", Role.SUPERVISOR, "Sam Supervisor")
    tom = add_staff("tom", Role.SUPERVISOR, "Tom Supervisor")
    project = world.project()
    mine = world.session(project, DAY, supervisor_id=sam.id)
    theirs = world.session(world.project(), DAY, supervisor_id=tom.id)
    booked = world.book(mine, world.order(world.person("Rhys", "Evans")))
    world.book(theirs, world.order(world.person("Owen", "Price")))
    with world.app.db.write() as s:
        s.execute(update(Appointment).where(Appointment.id == booked)
                  .values(notes="Disclosed a health matter", notes_sensitive=True))
    return sam, mine, theirs


def as_member(make_services, member):
    services = make_services()
    services.ctx.actor = member
    return services


def test_a_supervisor_lists_and_opens_only_their_own_sessions(sessions, make_services):
    sam, mine, theirs = sessions
    services = as_member(make_services, sam)
    sheets = services.attendance.work_sheets
    assert [d.session_id for d in sheets.day_sessions(DAY)] == [mine]
    assert sheets.work_sheet(mine).rows
    with pytest.raises(PermissionDeniedError, match="sessions you supervise"):
        sheets.work_sheet(theirs)
    with pytest.raises(PermissionDeniedError, match="sessions you supervise"):
        services.attendance.registers.load_register(theirs)
    with pytest.raises(PermissionDeniedError):
        sheets.print_sheet(theirs)


def test_an_extra_supervisor_on_a_session_sees_it_too(sessions, make_services, app, add_staff):
    _sam, _mine, theirs = sessions
    helper = add_staff("hal", Role.SUPERVISOR, "Hal Helper")
    with app.db.write() as s:
        s.add(SessionSupervisor(session_id=theirs, staff_id=helper.id))
    services = as_member(make_services, helper)
    assert [d.session_id for d in services.attendance.work_sheets.day_sessions(DAY)] == [theirs]


def test_a_supervisor_reads_their_register_without_sensitive_notes_and_cannot_key_it(
        sessions, make_services, app):
    sam, mine, _theirs = sessions
    services = as_member(make_services, sam)
    register = services.attendance.registers.load_register(mine)
    row = register.rows[0]
    assert row.notes_sensitive and row.notes is None
    with pytest.raises(CapabilityDeniedError):
        services.attendance.registers.save_register(mine, [row.to_entry()])
    # A coordinator reads the sensitive note in full.
    assert build_attendance(app.ctx).registers.load_register(mine).rows[0].notes \
        == "Disclosed a health matter"


def test_a_supervisor_prints_their_own_sheet_and_day(sessions, make_services):
    sam, mine, _theirs = sessions
    sheets = as_member(make_services, sam).attendance.work_sheets
    assert sheets.print_sheet(mine).startswith(b"%PDF")
    assert sheets.print_day(DAY).startswith(b"%PDF")


def test_a_supervisor_reads_no_casework(sessions, make_services):
    sam, _mine, _theirs = sessions
    services = as_member(make_services, sam)
    for call in (lambda: services.people.search("Evans"), lambda: services.upw.planner.waiting(),
                 lambda: services.attendance.enforcement.queue(),
                 lambda: services.caseload.caseload()):
        with pytest.raises(CapabilityDeniedError):
            call()
