"""No session on a bank holiday's own date, weekends included; auto-fill only what is to come."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from upw_ttg.domain.placement import Rule, session_started
from upw_ttg.domain.working_days import WorkingCalendar
from upw_ttg.storage.models import UpwSession

CAL = WorkingCalendar()
TODAY = dt.date(2026, 11, 26)  # the test clock: Thursday, 10:30


def test_the_calendar_names_weekend_holidays_but_counts_substitute_days():
    christmas, boxing_day = dt.date(2027, 12, 25), dt.date(2027, 12, 26)  # Saturday, Sunday
    assert CAL.holiday_name(christmas) == "Christmas Day"
    assert CAL.holiday_name(boxing_day) == "Boxing Day"
    assert CAL.holiday_name(dt.date(2027, 12, 27)) == "Christmas Day (observed)"
    assert CAL.holiday_name(dt.date(2027, 12, 29)) is None
    # Working days still skip the substitute days, not the weekend dates themselves.
    assert christmas not in CAL.bank_holidays(2027)
    assert CAL.add_working_days(dt.date(2027, 12, 24), 1) == dt.date(2027, 12, 29)
    assert CAL.working_days_between(dt.date(2027, 12, 24), dt.date(2027, 12, 31)) == 3
    assert CAL.holiday_name(dt.date(2028, 1, 1)) == "New Year's Day"  # a Saturday
    assert CAL.add_working_days(dt.date(2027, 12, 31), 1) == dt.date(2028, 1, 4)


def test_a_weekend_project_skips_christmas_on_a_saturday(upw):
    weekend = upw.project(weekdays=(6, 7), available_from=dt.date(2027, 1, 1))
    result = upw.svc.sessions.generate(weekend, dt.date(2027, 12, 18), dt.date(2028, 1, 9))
    assert result.created == (dt.date(2027, 12, 18), dt.date(2027, 12, 19),
                              dt.date(2028, 1, 2), dt.date(2028, 1, 8), dt.date(2028, 1, 9))
    assert {s.day: s.reason for s in result.skipped} == {
        dt.date(2027, 12, 25): "bank holiday (Christmas Day)",
        dt.date(2027, 12, 26): "bank holiday (Boxing Day)",
        dt.date(2028, 1, 1): "bank holiday (New Year's Day)"}
    every_day = upw.project(weekdays=(1, 2, 3, 4, 5, 6, 7), available_from=dt.date(2027, 1, 1))
    created = upw.svc.sessions.generate(every_day, dt.date(2027, 12, 24),
                                        dt.date(2027, 12, 31)).created
    # The substitute Monday and Tuesday are holidays too.
    assert created == (dt.date(2027, 12, 24), dt.date(2027, 12, 29), dt.date(2027, 12, 30),
                       dt.date(2027, 12, 31))


def test_a_session_already_on_a_weekend_holiday_is_closed_to_placing(upw, app):
    project = upw.project(weekdays=(6,), available_from=dt.date(2027, 1, 1))
    upw.svc.sessions.generate(project, dt.date(2027, 12, 18), dt.date(2027, 12, 18))
    sid = upw.svc.sessions.list_sessions(project_id=project, date_from=dt.date(2027, 12, 18),
                                         date_to=dt.date(2027, 12, 18))[0].id
    with app.db.write() as session:  # as an older version of the application generated it
        session.execute(update(UpwSession).where(UpwSession.id == sid)
                        .values(session_date=dt.date(2027, 12, 25)))
    decision = upw.svc.placement.check(upw.man(), sid)
    closed = [b for b in decision.hard if b.rule == Rule.PROJECT_NOT_AVAILABLE]
    assert closed and "bank holiday (Christmas Day)" in closed[0].message


def test_session_started_is_judged_to_the_minute():
    now = dt.datetime(2026, 11, 26, 10, 30)
    assert session_started(TODAY, dt.time(9), now)
    assert session_started(TODAY, dt.time(10, 30), now)
    assert not session_started(TODAY, dt.time(10, 31), now)
    assert not session_started(TODAY + dt.timedelta(days=1), dt.time(8), now)
    assert session_started(TODAY - dt.timedelta(days=1), dt.time(23), now)


def test_auto_fill_proposes_only_sessions_that_have_not_started(upw, app):
    morning = upw.session(TODAY, start_time=dt.time(9), end_time=dt.time(12))
    afternoon = upw.session(TODAY, start_time=dt.time(13), end_time=dt.time(16))
    tomorrow = upw.session(TODAY + dt.timedelta(days=1), start_time=dt.time(8),
                           end_time=dt.time(9, 30))
    orders = [upw.man(), upw.man()]
    proposal = upw.svc.autofill.propose(TODAY, upw.unit)
    offered = {p.session_id for p in proposal.placements}
    assert morning not in offered and {afternoon, tomorrow} <= offered
    # The proposal sat on screen until after one o'clock: that session is not booked.
    app.ctx.now = lambda: dt.datetime.combine(TODAY, dt.time(13, 5))
    result = upw.svc.autofill.apply(proposal)
    started = [(p.session_id, why) for p, why in result.refused]
    assert started and all(sid == afternoon and "already started" in why[0]
                           for sid, why in started)
    assert not upw.people_on(afternoon) and upw.people_on(tomorrow) <= set(orders)
    assert upw.people_on(tomorrow)
