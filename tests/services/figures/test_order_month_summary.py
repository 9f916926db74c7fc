"""The orders' monthly summary (rule FIG-16) stays what the appointments say after any mix of
register saves, corrections, bookings, removals, session and project edits and closures."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from upw_ttg.domain.crediting import ATTENDED_CODES
from upw_ttg.domain.figures import NOT_OFFERED_CODES, outcome_keying_due
from upw_ttg.domain.working_days import WorkingCalendar
from upw_ttg.errors import UpwError
from upw_ttg.storage.models import (
    Appointment,
    ClosureDate,
    OrderMonth,
    Project,
    UpwOrder,
    UpwSession,
)
from upw_ttg.storage.order_months import refresh

from tests.services.attendance.attendance_data import World, set_clock

# Past sessions either side of a month's end (and the bank holiday of 31 August 2026), and
# future ones that can still be taken off.
PAST = [dt.date(2026, 8, 28), dt.date(2026, 9, 30), dt.date(2026, 10, 1), dt.date(2026, 11, 2)]
FUTURE = [dt.date(2026, 11, 30), dt.date(2026, 12, 1), dt.date(2026, 12, 7)]
CODES = ["ATTC", "AFTC", "UAAB", "AASD", "RSSR", "AAME", "ATSS"]

key_op = st.tuples(st.just("key"), st.integers(0, 7), st.integers(0, len(PAST) - 1),
                   st.sampled_from(CODES), st.integers(0, 9))
book_op = st.tuples(st.just("book"), st.integers(0, 1), st.integers(0, 6))
remove_op = st.tuples(st.just("remove"), st.integers(0, 30))
move_op = st.tuples(st.just("move_session"), st.integers(0, 6), st.integers(-40, 40))
times_op = st.tuples(st.just("times"), st.integers(0, 6), st.integers(8, 11),
                     st.integers(13, 17))
break_op = st.tuples(st.just("break"), st.integers(0, 1), st.sampled_from([0, 15, 30, 60]))
closure_op = st.tuples(st.just("closure"), st.sampled_from(
    [dt.date(2026, 9, 1), dt.date(2026, 10, 2), dt.date(2026, 10, 5), dt.date(2026, 11, 3)]))
operations = st.lists(st.one_of(key_op, book_op, remove_op, move_op, times_op, break_op,
                                closure_op), min_size=1, max_size=10)


def _recomputed(app) -> dict:
    """The summary worked out afresh, appointment by appointment, by the rules' words."""
    with app.db.read() as s:
        calendar = WorkingCalendar(s.scalars(select(ClosureDate.closed_on).where(
            ClosureDate.office_id.is_(None), ClosureDate.project_id.is_(None))))
        out: dict = defaultdict(lambda: [0, 0, 0, 0, None])
        for a, session, project in s.execute(
                select(Appointment, UpwSession, Project)
                .join(UpwSession, UpwSession.id == Appointment.session_id)
                .join(Project, Project.id == UpwSession.project_id)):
            cell = out[(a.order_id, session.session_date.replace(day=1))]
            cell[0] += a.minutes_credited
            if a.outcome_code not in NOT_OFFERED_CODES:
                length = ((session.end_time.hour - session.start_time.hour) * 60
                          + session.end_time.minute - session.start_time.minute)
                cell[1] += max(0, length - project.break_minutes)
            if a.outcome_code is not None:
                cell[2] += 1
                due = outcome_keying_due(calendar, session.session_date)
                cell[3] += a.updated_at.date() <= due
                if a.outcome_code in ATTENDED_CODES:
                    first = cell[4]
                    cell[4] = session.session_date if first is None else min(
                        first, session.session_date)
        return {k: tuple(v) for k, v in out.items()}


def _stored(app) -> dict:
    with app.db.read() as s:
        return {(r.order_id, r.month): (r.credited_minutes, r.offered_minutes, r.outcomes,
                                        r.keyed_in_time, r.first_attended)
                for r in s.scalars(select(OrderMonth))}


def _world(app):
    world = World(app)
    orders = [world.order(world.person(), hours=200) for _ in range(2)]
    projects = [world.project(), world.project(kind="individual", break_minutes=0)]
    sessions = [world.session(projects[i % 2], day) for i, day in enumerate(PAST + FUTURE)]
    bookings = [world.book(sessions[i], orders[i % 2]) for i in range(len(PAST))]
    bookings += [world.book(sessions[i], orders[(i + 1) % 2]) for i in range(len(PAST))]
    return world, orders, projects, sessions, bookings


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=operations)
def test_the_summary_is_what_the_appointments_say_after_any_writes(app, ops):
    world, orders, projects, sessions, bookings = _world(app)
    booked = list(bookings)
    assert _stored(app) == _recomputed(app)
    for op in ops:
        # A refusal (a register rule, two sessions on one slot) writes nothing.
        with contextlib.suppress(UpwError, IntegrityError):
            _apply(app, world, op, orders, projects, sessions, booked)
        assert _stored(app) == _recomputed(app), op


def _apply(app, world, op, orders, projects, sessions, booked) -> None:
    kind = op[0]
    if kind == "key":
        _, which, _past, code, late = op
        appointment = booked[which % len(booked)]
        with app.db.read() as s:
            session_id, day = s.execute(
                select(UpwSession.id, UpwSession.session_date)
                .join(Appointment, Appointment.session_id == UpwSession.id)
                .where(Appointment.id == appointment)).one()
        if day > dt.date(2026, 11, 26):
            return
        register = app.attendance.registers.load_register(session_id)
        if all(row.appointment_id != appointment for row in register.rows):
            # Set aside as a record to check (its credit no longer fits the session's new
            # times): the register offers no row to key until someone has looked at it.
            assert any(check.person_id for check in register.to_check)
            return
        # Keyed on the day or up to 9 days later: on time or late by the rule.
        set_clock(app, dt.datetime.combine(day + dt.timedelta(days=late), dt.time(12)))
        world.key(session_id, appointment, code)
    elif kind == "book":
        _, order_index, session_index = op
        with app.db.read() as s:
            taken = s.scalar(select(Appointment.id).where(
                Appointment.session_id == sessions[session_index],
                Appointment.order_id == orders[order_index]))
        if taken is None:
            booked.append(world.book(sessions[session_index], orders[order_index]))
    elif kind == "remove":
        with app.db.read() as s:
            future = s.scalars(select(Appointment.id)
                               .join(UpwSession, UpwSession.id == Appointment.session_id)
                               .where(UpwSession.session_date > dt.date(2026, 11, 26),
                                      Appointment.outcome_code.is_(None),
                                      Appointment.id.in_(booked))
                               .order_by(Appointment.id)).all()
        if future:
            gone = future[op[1] % len(future)]
            set_clock(app, dt.datetime(2026, 11, 26, 10))
            app.upw.placement.remove(gone)
            booked.remove(gone)
    elif kind == "move_session":
        _, index, days = op
        with app.db.write() as s:
            row = s.get(UpwSession, sessions[index])
            row.session_date = row.session_date + dt.timedelta(days=days)
    elif kind == "times":
        _, index, start, end = op
        with app.db.write() as s:
            row = s.get(UpwSession, sessions[index])
            row.start_time, row.end_time = dt.time(start), dt.time(end)
    elif kind == "break":
        with app.db.write() as s:
            s.get(Project, projects[op[1]]).break_minutes = op[2]
    elif kind == "closure":
        existing = [c for c in app.calendar.closures() if c.closed_on == op[1]]
        if existing:
            app.calendar.remove_closure(existing[0].id)
        else:
            app.calendar.add_closure(op[1], "Staff training")


def test_a_write_that_fails_leaves_the_summary_as_it_was(app):
    world, orders, _projects, sessions, bookings = _world(app)
    before = _stored(app)
    try:
        with app.db.write() as s:
            s.get(Appointment, bookings[0]).outcome_code = "ATTC"
            s.flush()
            raise RuntimeError("refused")
    except RuntimeError:
        pass
    assert _stored(app) == before == _recomputed(app)


def test_the_summary_is_filled_again_from_the_appointments(app):
    """What the migration does for the appointments already held: a summary emptied, or
    written past by a plain UPDATE, is refilled to what the appointments say."""
    world, orders, _projects, sessions, bookings = _world(app)
    set_clock(app, dt.datetime(2026, 9, 1, 9))
    world.key(sessions[0], bookings[0], "ATTC")
    with app.db.write() as s:
        s.execute(update(UpwOrder).where(UpwOrder.id == orders[0]).values(hours_ordered=201))
        s.execute(delete(OrderMonth))
    assert _stored(app) == {}
    with app.db.write() as s:
        refresh(s.connection())
    assert _stored(app) == _recomputed(app)
    assert any(v[0] > 0 for v in _stored(app).values())
