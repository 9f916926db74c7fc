"""One damaged record never takes down an Unpaid Work list or printout: it is set aside, named
under "Records to check" with what to correct, and every other row is still there."""

from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from upw_ttg.domain.codes import Language
from upw_ttg.domain.records_to_check import RecordToCheck, Subject, set_aside
from upw_ttg.domain.site_alerts import site_alerts
from upw_ttg.storage.models import (
    BookingBreach,
    Office,
    Person,
    TravelWarrant,
    UpwSession,
    Van,
)

from tests.corrupt_rows import corrupt
from tests.pdf_support import pdf_text
from tests.services.attendance.attendance_data import World

MONDAY = dt.date(2026, 11, 30)  # the conftest clock is Thursday 26 November 2026
# (sentence date, deadline) as a slip or an old import left them; the deadline stays after
# the sentence date, as the database itself insists.
BAD_DATES = [("0001-01-01", "0001-06-01"), ("9999-12-30", "9999-12-31")]


@pytest.fixture
def case(app) -> SimpleNamespace:
    """Ann (healthy) and Bob (about to be damaged), each with a live order, booked together
    by van next Monday and on other sessions each list needs."""
    w = World(app)
    with app.db.read() as s:
        unit = s.scalar(select(Office.delivery_unit_id).where(Office.id == w.office_id()))
    c = SimpleNamespace(world=w, unit=unit)
    ann, bob = w.person("Ann", "Good"), w.person("Bob", "Broken")
    c.people = {"good": ann, "bad": bob}
    c.orders = {k: w.order(p, sentence=dt.date(2026, 11, 2)) for k, p in c.people.items()}
    for person in c.people.values():
        w.assessment(person)
    with app.db.read() as s:
        c.crn = {k: s.get(Person, p).crn for k, p in c.people.items()}
    supervisor = w.staff("Sam Supervisor")
    project = w.project(name="Riverside Clean-up")
    c.monday = w.session(project, MONDAY, supervisor_id=supervisor)
    with app.db.write() as s:
        van = Van(registration="YK71ABC", name="Minibus", seats=8, office_id=w.office_id())
        s.add(van)
        s.flush()
        c.van = van.id
        s.get(UpwSession, c.monday).van_id = van.id
    pickup = w.pickup(c.monday)
    c.places = {k: w.book(c.monday, o, pickup_id=pickup) for k, o in c.orders.items()}
    # A session each on Tuesday, with a booking in the queue of broken bookings.
    c.tuesday, c.breaches = {}, {}
    for k, order in c.orders.items():
        c.tuesday[k] = w.session(w.project(), MONDAY + dt.timedelta(days=1))
        appointment = w.book(c.tuesday[k], order)
        with app.db.write() as s:
            s.add(BookingBreach(appointment_id=appointment, session_id=c.tuesday[k],
                                rule="availability", hard=False,
                                message="Not available on Tuesdays."))
    # A past session each with no outcome recorded (rule UPW-17).
    c.past = {k: w.session(w.project(), dt.date(2026, 11, 24)) for k in c.orders}
    for k, order in c.orders.items():
        w.book(c.past[k], order)
    # A failure to attend each, waiting for an enforcement decision.
    failed = w.session(w.project(), dt.date(2026, 11, 23))
    c.failures = {}
    for k, order in c.orders.items():
        c.failures[k] = w.book(failed, order)
    corrupt_values = {"outcome_code": "UAAB", "enforcement_due": "2026-11-30"}
    for appointment in c.failures.values():
        corrupt(app, "appointment", appointment, **corrupt_values)
    # A travel warrant each.
    c.warrants = {}
    with app.db.write() as s:
        for serial, (k, person) in enumerate(c.people.items(), start=1):
            row = TravelWarrant(office_id=w.office_id(), serial=serial, person_id=person,
                                valid_from=MONDAY, valid_to=MONDAY, travel_from="York",
                                travel_to="Selby", mode="bus", fare_pence=450,
                                eligibility="benefits", reason="Session in Selby",
                                issued_on=dt.date(2026, 11, 25), status="issued")
            s.add(row)
            s.flush()
            c.warrants[k] = row.id
    return c


@pytest.fixture(params=BAD_DATES, ids=lambda d: d[0][:4])
def mistyped(request, app, case) -> SimpleNamespace:
    """Bob's order with an impossible sentence date and deadline."""
    sentenced, deadline = request.param
    corrupt(app, "upw_order", case.orders["bad"], sentence_date=sentenced, deadline=deadline)
    return case


def named(records, case) -> list[str]:
    """Which of the case's people the records set aside, by CRN."""
    by_crn = {crn: k for k, crn in case.crn.items()}
    return [by_crn.get(r.crn, r.crn) for r in records]


def assert_names_the_dates(record: RecordToCheck) -> None:
    assert "sentence date" in record.reason and "deadline" in record.reason
    assert "between 1900 and 2100" in record.reason
    assert record.name == "Bob Broken"


# --- lists on screen ------------------------------------------------------------------------

def test_the_week_planner_keeps_the_session_and_names_the_order(app, mistyped):
    plan = app.upw.planner.week(mistyped.unit, MONDAY)
    cells = [c for row in plan.rows for day in row.days for c in day]
    assert mistyped.monday in {c.session_id for c in cells}
    monday = next(c for c in cells if c.session_id == mistyped.monday)
    assert monday.booked == 2  # Bob still holds his place
    assert named(plan.to_check, mistyped) == ["bad"] * len(plan.to_check) != []
    assert_names_the_dates(plan.to_check[0])


def test_session_detail_lists_the_others(app, mistyped):
    detail = app.upw.sessions.detail(mistyped.monday)
    assert [p.order_id for p in detail.people] == [mistyped.orders["good"]]
    assert named(detail.to_check, mistyped) == ["bad"]


def test_the_waiting_list_and_auto_fill_set_the_order_aside(app, mistyped):
    # Nothing is booked the week after, so Ann is below the weekly offer then.
    waiting = app.upw.planner.waiting(mistyped.unit, week_start=MONDAY + dt.timedelta(days=7))
    assert mistyped.orders["bad"] not in {r.order_id for r in waiting}
    assert mistyped.orders["good"] in {r.order_id for r in waiting}
    assert named(waiting.to_check, mistyped) == ["bad"]
    assert_names_the_dates(waiting.to_check[0])
    proposal = app.upw.autofill.propose(MONDAY, mistyped.unit)
    assert named(proposal.to_check, mistyped) == ["bad"]
    assert mistyped.orders["bad"] not in {p.order_id for p in proposal.placements}
    assert mistyped.orders["bad"] not in {s.order_id for s in proposal.shortfalls}


def test_forecast_reviews_and_extensions_keep_working(app, mistyped):
    forecast = app.attendance.forecast
    rows = forecast.forecast(delivery_unit_id=mistyped.unit)
    assert [r.order_id for r in rows] == [mistyped.orders["good"]]
    assert named(rows.to_check, mistyped) == ["bad"]
    for listing in (forecast.reviews_due, forecast.extensions_needed):
        assert named(listing(delivery_unit_id=mistyped.unit).to_check, mistyped) == ["bad"]


def test_the_register_sets_the_row_aside(app, mistyped):
    register = app.attendance.registers.load_register(mistyped.monday)
    assert [r.order_id for r in register.rows] == [mistyped.orders["good"]]
    assert named(register.to_check, mistyped) == ["bad"]


def test_the_register_sets_aside_hours_no_session_could_give(app, case):
    """An order whose hours are inconsistent: more credit than the session lasted."""
    corrupt(app, "appointment", case.places["bad"], minutes_credited=100_000)
    register = app.attendance.registers.load_register(case.monday)
    assert [r.order_id for r in register.rows] == [case.orders["good"]]
    assert named(register.to_check, case) == ["bad"]
    assert register.to_check[0].reason.startswith("Check the hours credited (1666 h 40)")


def test_the_broken_bookings_queue(app, case):
    corrupt(app, "upw_session", case.tuesday["bad"], session_date="9999-12-31")
    queue = app.upw.broken.list()
    assert [b.order_id for b in queue] == [case.orders["good"]]
    assert named(queue.to_check, case) == ["bad"]
    assert "session date (31 Dec 9999)" in queue.to_check[0].reason


def test_the_enforcement_queue(app, case):
    corrupt(app, "appointment", case.failures["bad"], enforcement_due="9999-12-31")
    queue = app.attendance.enforcement.queue(delivery_unit_id=case.unit)
    assert [i.appointment_id for i in queue.decisions] == [case.failures["good"]]
    assert named(queue.to_check, case) == ["bad"]


def test_outstanding_outcomes(app, case):
    corrupt(app, "upw_session", case.past["bad"], session_date="0001-01-01")
    rows = app.attendance.registers.outstanding_outcomes(delivery_unit_id=case.unit)
    assert case.crn["good"] in {r.crn for r in rows}
    assert case.crn["bad"] not in {r.crn for r in rows}
    assert named(rows.to_check, case) == ["bad"]


def test_the_warrants_register(app, case):
    corrupt(app, "travel_warrant", case.warrants["bad"], issued_on="0001-01-01")
    rows = app.upw.warrants.register()
    assert [r.id for r in rows] == [case.warrants["good"]]
    assert named(rows.to_check, case) == ["bad"]
    assert "issue date (1 Jan 1)" in rows.to_check[0].reason


def test_healthy_lists_have_nothing_to_check(app, case):
    assert app.upw.planner.week(case.unit, MONDAY).to_check == ()
    assert app.upw.planner.waiting(case.unit).to_check == ()
    assert app.upw.broken.list().to_check == ()
    assert app.attendance.enforcement.queue().to_check == ()
    assert app.attendance.forecast.forecast().to_check == ()
    assert "Records to check" not in pdf_text(app.attendance.work_sheets.print_day(MONDAY))


# --- paper ----------------------------------------------------------------------------------

def test_work_sheets_print_the_others_and_name_the_record(app, mistyped):
    sheets = app.attendance.work_sheets
    for pdf in (sheets.print_sheet(mistyped.monday), sheets.print_day(MONDAY)):
        text = pdf_text(pdf)
        assert "Ann Good" in text and mistyped.crn["good"] in text
        assert "Records to check" in text and mistyped.crn["bad"] in text


def test_a_sheet_whose_only_person_is_set_aside_still_prints(app, mistyped):
    text = pdf_text(app.attendance.work_sheets.print_sheet(mistyped.tuesday["bad"]))
    assert "Everyone booked is named under Records to check" in text
    assert mistyped.crn["bad"] in text and "Nobody is booked" not in text


def test_the_van_manifest_names_the_passenger_without_the_record(app, mistyped):
    text = pdf_text(app.upw.documents.render_manifest(mistyped.van, MONDAY))
    assert "Ann Good" in text and "Bob Broken" in text and "Records to check" in text
    # A driver reads only the name and what to do.
    assert "sentence date" not in text and mistyped.crn["bad"] not in text


def test_the_days_letters_print_the_others_and_list_the_rest(app, mistyped):
    pdf = app.upw.documents.render_day(MONDAY)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    assert any("Ann" in page and "Riverside Clean-up" in page for page in pages)
    assert "Records to check" in pages[-1] and mistyped.crn["bad"] in pages[-1]
    assert not any("Bob" in page for page in pages[:-2])  # no letter for Bob


def test_a_row_that_cannot_be_worked_out_is_set_aside_on_paper(app, case, monkeypatch):
    """Damage the checks cannot foresee: building Bob's row raises."""
    from upw_ttg.services.attendance import work_sheets

    real = site_alerts

    def alerts(answers, interpreter):
        if answers is not None and answers.get("_bob"):
            raise ValueError("damaged")
        return real(answers, interpreter)

    def answers(session, person_ids):
        found = real_answers(session, person_ids)
        found[case.people["bad"]] = {**found.get(case.people["bad"], {}), "_bob": True}
        return found

    real_answers = work_sheets.WorkSheetService._answers
    monkeypatch.setattr(work_sheets, "site_alerts", alerts)
    monkeypatch.setattr(work_sheets.WorkSheetService, "_answers", staticmethod(answers))
    text = pdf_text(app.attendance.work_sheets.print_day(MONDAY))
    assert "Ann Good" in text and "Records to check" in text
    assert "could not be worked out" in text


# --- the helper itself ----------------------------------------------------------------------

def test_set_aside_keeps_order_and_explains_each_kind_of_problem():
    def build(n: int) -> int | None:
        if n == 3:
            raise ZeroDivisionError
        return None if n == 4 else n * 10

    def about(n: int) -> Subject:
        day = dt.date(1, 1, 1) if n == 2 else dt.date(2026, 1, 1)
        return Subject(f"X00000{n}", f"Person {n}", "order", {"sentence date": day})

    rows, aside = set_aside(range(6), build, about)
    assert rows == [0, 10, 50]
    assert [(r.crn, r.record) for r in aside] == [("X000002", "order"), ("X000003", "order")]
    assert aside[0].reason.startswith("Check the sentence date (1 Jan 1)")
    assert "could not be worked out" in aside[1].reason
    assert aside[1].line.startswith("X000003 Person 3 (order): ")


def test_welsh_paper_says_what_to_check_in_welsh(app, mistyped):
    """The supervisor's sheet and the day's batch in Welsh name the record and what to check
    in Welsh (the date too); the English is not left in them."""
    pdf = app.attendance.work_sheets.print_sheet(mistyped.monday, Language.WELSH)
    text = " ".join(pdf_text(pdf).split())
    assert "Cofnodion i'w gwirio" in text and mistyped.crn["bad"] in text
    assert "Gorchymyn gwaith di-dâl" in text and "Gwiriwch: " in text
    assert "Rhaid i ddyddiadau cofnod fod rhwng 1900 a 2100." in text
    assert "Check the" not in text and "Unpaid Work order" not in text
    pdf = app.upw.documents.render_day(MONDAY, staff_language=Language.WELSH)
    last = " ".join(PdfReader(io.BytesIO(pdf)).pages[-1].extract_text().split())
    for expected in ("Cofnodion i'w gwirio", "y llythyrau apwyntiad", "llythyr apwyntiad",
                     "Gwiriwch: ", mistyped.crn["bad"], "Tudalen 1 o 1"):
        assert expected in last, expected
    assert "Records to check" not in last and "Check the" not in last
