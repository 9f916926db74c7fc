"""Work sheets: H&S alerts without offence or risk, row numbers as the register, the day batch."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select, update

from upw_ttg.domain.codes import (
    AllergyAction,
    Gender,
    Language,
    MedicationEffect,
    OrderType,
    RiskLevel,
    SessionStatus,
)
from upw_ttg.errors import Cancelled, NotFoundError
from upw_ttg.records.day_printing import WorkSheet, WorkSheetRow
from upw_ttg.storage.models import (
    Appointment,
    KeepApart,
    Office,
    Person,
    Project,
    UpwAssessment,
    UpwOrder,
    UpwSession,
)

from tests.pdf_support import pdf_pages
from tests.services.attendance.attendance_data import World

DAY = dt.date(2026, 11, 27)


@pytest.fixture
def world(app) -> World:
    return World(app)


def _sheet_session(world: World, app) -> tuple[int, list[int]]:
    supervisor = world.staff("Dafydd Supervisor")
    project = world.project(name="Riverside Clean-up", tags=("heavy_lifting", "female_only",
                                                             "public_facing"))
    session = world.session(project, DAY, supervisor_id=supervisor)
    pickup = world.pickup(session, "York office", dt.time(8, 15))
    ids = []
    for forename, surname, answers in (
            ("Zoë", "Łukasz", dict(hs_epilepsy=True, hs_allergies=True,
                                   hs_allergies_detail="Wasp stings",
                                   hs_allergy_action=AllergyAction.ADRENALINE_PEN)),
            ("Bryn", "Evans", dict(hs_mobility=True, hs_mobility_detail="No kneeling",
                                   hs_medication=True, hs_medication_detail="Methadone",
                                   hs_medication_effects=(MedicationEffect.DROWSY,
                                                          MedicationEffect.SUN_SENSITIVE))),
            ("Ann", "Jones", None)):
        person = world.person(forename, surname, gender=Gender.FEMALE)
        if answers is not None:
            world.assessment(person, risk_level=RiskLevel.VERY_HIGH, risk_to_children=True,
                             victim_exclusion_zone="CANARYVICTIMZONE",
                             restrictive_orders="CANARYRESTRICTIVE", **answers)
        ids.append(world.book(session, world.order(person), pickup_id=pickup))
    with app.db.write() as s:
        s.execute(update(Person).where(Person.surname == "Jones").values(
            interpreter_needed=True, preferred_language=Language.OTHER,
            other_language="Polish"))
        people = sorted(s.scalars(select(Person.id)).all())[:2]
        s.add(KeepApart(person_a_id=people[0], person_b_id=people[1],
                        detail="CANARYOFFENCECODEFENDANT", recorded_on=DAY))
        s.execute(update(Appointment).values(notes="CANARYNOTES",
                                             override_reason="CANARYOVERRIDE"))
        s.execute(update(Office).where(Office.code == "YRK").values(phone="01904 555000"))
    return session, ids


def test_the_sheet_has_the_site_facts_and_hs_alerts_but_no_offence_or_risk(app, world):
    session, _ = _sheet_session(world, app)
    (text,) = pdf_pages(world.att.work_sheets.print_sheet(session), flattened=True)
    for expected in ("Riverside Clean-up", "Riverside Walk, York, YO1 6HP",
                     "York Rivers Trust", "Siân Jones · 01904 000000",
                     "Friday 27 Nov 2026", "09:00 to 16:00", "30 min unpaid break",
                     "Dafydd Supervisor", "HI-VIS VESTS REQUIRED", "Female-only session",
                     "Heavy lifting", "Public-facing", "08:15 York office",
                     "Epilepsy or loss of consciousness",
                     "Allergy (Wasp stings) — Carries an adrenaline pen: use it and call 999",
                     "Mobility — No kneeling",
                     "Medication — May be drowsy: no power tools, ladders or driving",
                     "Medication — Sensitive to sun: shade, cover and sun cream",
                     "H&S not assessed: ask the office before work starts",
                     "Needs an interpreter (Polish)", "OFFICIAL-SENSITIVE",
                     "Supervisor's signature", "Person's initials", "Notes",
                     "Penalty (mins)", "Outcome code", "Work quality", "Hi-vis Y/N",
                     "Call York: 01904 555000"):
        assert expected in text, expected
    assert "CANARY" not in text
    # The site is told the effect; which medicine is for the office only.
    assert "Methadone" not in text
    # Each effect on its own line, not run together.
    assert "driving Medication — Sensitive to sun" in " ".join(text.split())
    # Absence is the office's decision, not a code the supervisor writes.
    assert "UAAB" not in text
    assert "Very high" not in text and "children" not in text.lower()
    register = world.att.registers.load_register(session)
    assert register.sheet_id in text


def test_the_sheet_data_objects_have_no_field_for_offence_or_risk():
    for cls in (WorkSheet, WorkSheetRow):
        for field in dataclasses.fields(cls):
            assert "risk" not in field.name and "offence" not in field.name


def test_printing_fixes_the_row_numbers_and_the_register_follows_row_for_row(app, world):
    session, ids = _sheet_session(world, app)
    with app.db.read() as s:
        versions = dict(s.execute(select(Appointment.id, Appointment.version)).all())
    before = world.att.registers.load_register(session)
    assert not before.sheet_printed
    world.att.work_sheets.print_sheet(session)
    with app.db.read() as s:
        stored = dict(s.execute(select(Appointment.id, Appointment.sheet_row)).all())
        assert dict(s.execute(select(Appointment.id, Appointment.version)).all()) == versions
    after = world.att.registers.load_register(session)
    assert after.sheet_printed
    assert [(r.row_number, r.name) for r in after.rows] == \
        [(r.row_number, r.name) for r in before.rows] == [
        (1, "Bryn Evans"), (2, "Ann Jones"), (3, "Zoë Łukasz")]
    assert {r.appointment_id: r.row_number for r in after.rows} == stored
    # Someone booked after printing keeps the printed numbers and comes last.
    late = world.book(session, world.order(world.person("Aaron", "Abbott")))
    rows = world.att.registers.load_register(session).rows
    assert [(r.row_number, r.name) for r in rows][-1] == (4, "Aaron Abbott")
    sheet = world.att.work_sheets.work_sheet(session)
    assert [(r.row_number, r.name) for r in sheet.rows] == [(r.row_number, r.name)
                                                             for r in rows]
    world.att.work_sheets.print_sheet(session)
    with app.db.read() as s:
        assert s.get(Appointment, late).sheet_row == 4
    assert [e.action.value for e in app.audit.events_for("upw_session", session)] == \
        ["print", "print"]


def _busy_day(app, world: World, sessions: int, people: int) -> list[int]:
    """``sessions`` sessions on DAY with ``people`` each, inserted in one transaction."""
    office = world.office_id()
    n = next(world.counter) * 10_000
    ids = []
    with app.db.write() as s:
        for i in range(sessions):
            project = Project(code=f"B{n + i}", name=f"Community garden {i + 1}",
                              project_type="group", office_id=office, beneficiary="Trust",
                              site_address="Park Lane", frequency="weekly", weekdays="5",
                              start_time=dt.time(9), end_time=dt.time(16),
                              available_from=DAY, hi_vis_required=bool(i % 2), capacity=12)
            s.add(project)
            s.flush()
            sess = UpwSession(project_id=project.id, session_date=DAY, start_time=dt.time(9),
                              end_time=dt.time(16))
            s.add(sess)
            s.flush()
            ids.append(sess.id)
            people_rows = [Person(crn=f"B{(n + i * 100 + j) % 1_000_000:06d}",
                                  forename=f"Name{j}", surname=f"Person{i}",
                                  date_of_birth=dt.date(1990, 1, 1), gender=Gender.MALE,
                                  search_surname="p", search_forename="n")
                           for j in range(people)]
            s.add_all(people_rows)
            s.flush()
            orders = [UpwOrder(person_id=p.id, court="York", sentence_date=DAY
                               - dt.timedelta(days=30), order_type=OrderType.COMMUNITY_ORDER,
                               hours_ordered=100) for p in people_rows]
            s.add_all(orders)
            s.add_all(UpwAssessment(person_id=p.id, completed_on=DAY, hs_epilepsy=j == 0,
                                    hs_allergies=False, hs_pregnancy=False, hs_mobility=False,
                                    hs_medication=False) for j, p in enumerate(people_rows))
            s.flush()
            s.add_all(Appointment(person_id=o.person_id, order_id=o.id, session_id=sess.id)
                      for o in orders)
    return ids


def test_a_days_sheets_print_as_one_pdf_with_progress(app, world):
    ids = _busy_day(app, world, 60, 8)
    seen: list[tuple[int, int]] = []
    data = world.att.work_sheets.print_day(DAY, progress=lambda done, total, _text: seen.append(
        (done, total)))
    texts = pdf_pages(data, flattened=True)
    assert len(texts) == 60
    sheets = [world.att.registers.load_register(i).sheet_id for i in ids]
    # Every page names its own sheet in the header.
    assert all(sheet in text for sheet, text in zip(sheets, texts, strict=True))
    assert seen[-1] == (60, 60) and len(seen) == 60


def test_a_batch_print_can_be_cancelled(app, world):
    ids = _busy_day(app, world, 5, 2)
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(Cancelled):
        world.att.work_sheets.print_day(DAY, is_cancelled=cancelled)
    assert all(app.audit.events_for("upw_session", i) == [] for i in ids)


def test_the_day_list_skips_stood_down_and_empty_sessions_and_filters_by_unit(app, world):
    york = world.session(world.project(), DAY)
    hull = world.session(world.project(office="HUL"), DAY)
    empty = world.session(world.project(), DAY)
    stood_down = world.session(world.project(), DAY)
    for session in (york, hull, stood_down):
        world.book(session, world.order(world.person()))
    with app.db.write() as s:
        s.execute(update(UpwSession).where(UpwSession.id == stood_down).values(
            status=SessionStatus.STOOD_DOWN, stood_down_reason="Flooding"))
    assert [d.session_id for d in world.att.work_sheets.day_sessions(DAY)] == [hull, york]
    assert [d.session_id for d in world.att.work_sheets.day_sessions(
        DAY, delivery_unit_id=1)] == [york]
    assert empty not in [d.session_id for d in world.att.work_sheets.day_sessions(DAY)]
    assert len(pdf_pages(world.att.work_sheets.print_day(DAY, delivery_unit_id=2),
                         flattened=True)) == 1
    with pytest.raises(NotFoundError):
        world.att.work_sheets.print_day(DAY + dt.timedelta(days=1))


def test_the_sheet_and_the_register_screen_show_the_same_name(app, world):
    """If someone is known by a preferred name, then the sheet and the register screen both
    call them by it (the van manifest uses the same function)."""
    session = world.session(world.project(), DAY)
    world.book(session, world.order(world.person("Robert", "Smith", preferred_name="Bob")))
    [on_screen] = world.att.registers.load_register(session).rows
    [on_sheet] = world.att.work_sheets.work_sheet(session).rows
    assert on_screen.name == on_sheet.name == "Bob Smith"
    assert "Bob Smith" in pdf_pages(world.att.work_sheets.print_sheet(session), flattened=True)[0]
