"""The letters of a person's case: one line per letter, with its date, kind and prints; an
overturned warning calls for no letter; a letter printed with a day's paper is found through
the day the log names."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from upw_ttg.domain.access import Recipient
from upw_ttg.domain.enforcement import Decision
from upw_ttg.records.letters import (
    APPOINTMENT_LETTER,
    BREACH_SUMMARY,
    COMPLETION_LETTER,
    WARNING_LETTER,
)
from upw_ttg.services.access_log import log_print
from upw_ttg.storage.models import EnforcementAction, UpwOrder

from tests.services.attendance.attendance_data import TODAY, World


def _kinds(app, person: int) -> list[tuple[str, bool]]:
    letters = app.case_record.overview(person).letters
    return sorted((line.kind, line.printed_on is not None) for line in letters)


def test_each_letter_is_its_own_line_with_its_prints(app):
    world = World(app)
    person = world.person("Rhian", "Morgan")
    order = world.order(person)
    day = TODAY - dt.timedelta(days=2)
    session = world.session(world.project(name="Riverside Clean-up"), day)
    failure = world.book(session, order)
    world.key(session, failure, "UAAB")
    world.att.enforcement.decide(failure, Decision.WARN, circumstances="No call to say.")
    assert _kinds(app, person) == [(WARNING_LETTER, False)]

    world.att.letters.render_warning_letter(failure)
    world.att.letters.render_warning_letter(failure)
    later = world.session(world.project(name="Canal towpath"), TODAY + dt.timedelta(days=5))
    booked = world.book(later, order)
    # Printed with the day's paper: the log names the day, not the appointment.
    with app.db.write() as s:
        log_print(s, app.ctx, "appointment letter", Recipient.THE_PERSON,
                  (TODAY + dt.timedelta(days=5)).isoformat(), [person])
    letters = app.case_record.overview(person).letters
    warning = next(line for line in letters if line.kind == WARNING_LETTER)
    assert warning.times_printed == 2 and warning.ref_id == failure
    assert warning.opens == "warning_letter" and warning.when == TODAY
    appointment = next(line for line in letters if line.kind == APPOINTMENT_LETTER)
    assert appointment.appointment_id == booked and appointment.ref_id == later
    assert "Canal towpath" in appointment.about

    # A referral for breach calls for the summary; a completed order for its letter.
    with app.db.write() as s:
        s.execute(update(EnforcementAction).where(EnforcementAction.appointment_id == failure)
                  .values(overturned_at=dt.datetime(2026, 11, 26, 12)))
        s.execute(update(UpwOrder).where(UpwOrder.id == order).values(
            status="completed", completed_on=TODAY))
    assert _kinds(app, person) == [(APPOINTMENT_LETTER, True), (COMPLETION_LETTER, False)]
    other = world.person("Dai", "Price")
    second = world.order(other)
    again = world.session(world.project(), day)
    failed = world.book(again, second)
    world.key(again, failed, "UAAB")
    world.att.enforcement.decide(failed, Decision.REFER, circumstances="Third failure.")
    summary = app.case_record.overview(other).letters
    assert [(line.kind, line.opens, line.ref_id) for line in summary] == [
        (BREACH_SUMMARY, "breach_summary", second)]
