"""Opening sensitive UPW records and printing are logged (DPA 2018 s.62), with ids only."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from upw_ttg.domain.access import AccessAction, AccessedRecord, Recipient
from upw_ttg.domain.codes import Role
from upw_ttg.errors import PermissionDeniedError
from upw_ttg.services.audit import WITHHELD_TEXT
from upw_ttg.storage.chain import ACCESS, verify_chain
from upw_ttg.storage.models import AccessEvent

from tests.services.attendance.attendance_data import World

PAST = dt.date(2026, 11, 24)


@pytest.fixture
def world(app) -> World:
    return World(app)


def logged(app) -> list[tuple]:
    """(action, kind, record id, person id, document, recipient, staff id), oldest first."""
    with app.db.read() as session:
        return [(e.action, e.record_kind, e.record_id, e.person_id, e.document, e.recipient,
                 e.staff_id)
                for e in session.scalars(select(AccessEvent).order_by(AccessEvent.chain_seq))]


def test_opening_an_assessment_is_logged_once_per_viewer(app, world, add_staff):
    person = world.person()
    assessment = world.assessment(person)
    admin = app.ctx.actor.id
    app.upw.assessments.get(assessment)
    app.upw.assessments.get(assessment)  # a refresh moments later is the same consultation
    assert logged(app) == [(AccessAction.VIEW, AccessedRecord.UPW_ASSESSMENT.value,
                            str(assessment), person, None, None, admin)]
    coordinator = add_staff("cc", Role.COORDINATOR)
    app.ctx.actor = coordinator
    app.upw.assessments.for_person(person)
    assert logged(app)[-1][1:] == (AccessedRecord.UPW_ASSESSMENT.value, str(assessment),
                                   person, None, None, coordinator.id)
    assert verify_chain_ok(app)


def test_an_assessment_that_is_not_found_logs_nothing(app):
    with pytest.raises(Exception):  # noqa: B017 - NotFoundError; the log is the point
        app.upw.assessments.get(999_999)
    assert logged(app) == []


def test_a_register_with_sensitive_notes_logs_each_sensitive_note_opened(app, world):
    project = world.project()
    session = world.session(project, PAST)
    plain, sensitive = (world.book(session, world.order(world.person(f, "Evans")))
                        for f in ("Ann", "Bryn"))
    world.key(session, plain, "ATTC", notes="Worked well")
    world.key(session, sensitive, "ATTC", notes="Disclosed a health matter",
              notes_sensitive=True)
    before = len(logged(app))
    world.att.registers.load_register(session)
    rows = logged(app)[before:]
    assert [(r[1], r[2]) for r in rows] == [(AccessedRecord.SENSITIVE_NOTES.value,
                                             str(sensitive))]


def test_the_case_summary_is_logged_when_opened_and_when_printed(app, world):
    person = world.person()
    app.case_summary.summary(person)
    app.case_summary.render(person)
    (view, printed) = logged(app)
    assert view[:4] == (AccessAction.VIEW, AccessedRecord.CASE_SUMMARY.value, str(person),
                        person)
    assert printed[:6] == (AccessAction.PRINT, AccessedRecord.DOCUMENT.value, str(person),
                           person, "case summary", Recipient.CASE_FILE.value)


def test_a_printed_work_sheet_logs_each_person_on_it_for_the_supervisor(app, world):
    project = world.project()
    session = world.session(project, dt.date(2026, 11, 27))
    people = [world.person(f, "Evans") for f in ("Ann", "Bryn")]
    for person in people:
        world.book(session, world.order(person))
    world.att.work_sheets.print_sheet(session)
    prints = [r for r in logged(app) if r[0] == AccessAction.PRINT]
    assert sorted(r[3] for r in prints) == sorted(people)
    assert {(r[2], r[4], r[5]) for r in prints} == {
        (str(session), "work sheet", Recipient.SUPERVISOR.value)}


def test_every_print_is_logged_even_when_repeated(app, world):
    person = world.person()
    app.case_summary.render(person)
    app.case_summary.render(person)
    assert [r[0] for r in logged(app)].count(AccessAction.PRINT) == 2


def test_managers_see_who_has_looked_and_others_cannot(app, world, add_staff):
    person = world.person()
    assessment = world.assessment(person)
    app.ctx.actor = add_staff("cc", Role.COORDINATOR, "Cerys Coordinator")
    app.upw.assessments.get(assessment)
    app.case_summary.render(person)
    with pytest.raises(PermissionDeniedError):
        app.access_log.who_has_looked(person)
    app.ctx.actor = add_staff("mm", Role.MANAGER)
    rows = app.access_log.who_has_looked(person)
    assert [(r.staff, r.action, r.what, r.document, r.recipient) for r in rows] == [
        ("Cerys Coordinator", "Printed", "Case summary", "case summary", "the case file"),
        ("Cerys Coordinator", "Opened", "UPW assessment", None, None),
    ]


def test_the_access_log_holds_ids_and_codes_only(app, world):
    person = world.person("Gwenllïan", "Ap Rhys")
    app.case_summary.render(person)
    app.upw.assessments.get(world.assessment(person))
    with app.db.read() as session:
        events = session.scalars(select(AccessEvent)).all()
        text = " ".join(str(getattr(e, c.key)) for e in events
                        for c in AccessEvent.__table__.columns)
    assert "Gwenll" not in text and "Rhys" not in text and "X0" not in text
    assert "12 High Street" not in text


def verify_chain_ok(app) -> bool:
    with app.db.read() as session:
        return verify_chain(session, ACCESS).ok


def test_sensitive_notes_in_the_audit_trail_are_withheld_from_roles_that_do_not_read_them(
        app, world, add_staff):
    project = world.project()
    session = world.session(project, PAST)
    plain, sensitive = (world.book(session, world.order(world.person(f, "Evans")))
                        for f in ("Ann", "Bryn"))
    world.key(session, plain, "ATTC", notes="Worked well")
    world.key(session, sensitive, "ATTC", notes="Disclosed a health matter",
              notes_sensitive=True)
    # An administrator reads the trail but is not given casework by that role alone.
    app.ctx.actor = add_staff("aa", Role.ADMINISTRATOR)
    (event,) = app.audit.events_for("appointment", sensitive)
    assert event.changes["notes"] == WITHHELD_TEXT
    assert event.changes["outcome_code"] == [None, "ATTC"]
    assert app.audit.events_for("appointment", plain)[0].changes["notes"] == [
        None, "Worked well"]
    app.ctx.actor = add_staff("mm", Role.MANAGER)
    (event,) = app.audit.events_for("appointment", sensitive)
    assert event.changes["notes"] == [None, "Disclosed a health matter"]
