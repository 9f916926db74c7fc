"""Keying registers: sheet order, defaults, MoJ validation, one transaction, idempotency."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, select

from upw_ttg.domain.codes import AuditAction, Rating, Role
from upw_ttg.errors import PermissionDeniedError, StaleRecordError, ValidationError
from upw_ttg.services.attendance import apply_bulk_outcome
from upw_ttg.storage.models import Appointment, AuditEvent, DeliveryUnit

from tests.services.attendance.attendance_data import FOUR, NINE, World, set_clock

PAST = dt.date(2026, 11, 24)
FUTURE = dt.date(2026, 12, 1)


@pytest.fixture
def world(app) -> World:
    return World(app)


def _group(world: World, day: dt.date, names: list[tuple[str, str]], hours: int = 60):
    project = world.project()
    session = world.session(project, day)
    ids = []
    for forename, surname in names:
        order = world.order(world.person(forename, surname), hours=hours)
        ids.append(world.book(session, order))
    return session, ids


def test_rows_come_in_name_order_with_the_sessions_times_filled_in(world):
    session, _ = _group(world, PAST, [("Zoë", "Williams"), ("Ann", "Ŵyn"), ("Bryn", "Evans")])
    register = world.att.registers.load_register(session)
    assert [(r.row_number, r.name) for r in register.rows] == [
        (1, "Bryn Evans"), (2, "Zoë Williams"), (3, "Ann Ŵyn")]
    assert all((r.start_time, r.end_time) == (NINE, FOUR) for r in register.rows)
    assert register.has_ended and not register.sheet_printed
    assert register.sheet_id.startswith("WS-261124-")


def test_saving_credits_each_row_in_one_go(world):
    session, ids = _group(world, PAST, [("Ann", "A"), ("Ben", "B")])
    registers = world.att.registers
    entries = apply_bulk_outcome(registers.load_register(session), ids, "ATTC")
    entries[1].penalty_minutes = 30
    entries[0].work_quality, entries[0].behaviour = Rating.GOOD, Rating.EXCELLENT
    entries[0].hi_vis_worn = True
    result = registers.save_register(session, entries)
    assert result.changed == tuple(ids)
    # Rule UPW-12: 7 hours less the 30-minute break, less any penalty.
    assert [r.minutes_credited for r in result.register.rows] == [390, 360]
    first = registers.load_register(session).rows[0]
    assert (first.work_quality, first.behaviour, first.hi_vis_worn) == (
        Rating.GOOD, Rating.EXCELLENT, True)


def test_saving_the_same_register_twice_has_no_further_effect(app, world):
    session, ids = _group(world, PAST, [("Ann", "A"), ("Ben", "B")])
    registers = world.att.registers
    entries = apply_bulk_outcome(registers.load_register(session), ids, "ATTC")
    first = registers.save_register(session, entries)
    with app.db.read() as s:
        events = s.scalar(select(func.count()).select_from(AuditEvent))
        versions = list(s.scalars(select(Appointment.version).order_by(Appointment.id)))
    # The same form submitted again (double click) carries the old versions: no error.
    again = registers.save_register(session, entries)
    assert again.changed == ()
    assert again.register == first.register
    with app.db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == events
        assert list(s.scalars(select(Appointment.version).order_by(Appointment.id))) == versions


def test_a_past_appointment_must_get_an_outcome(world):
    session, ids = _group(world, PAST, [("Ann", "A")])
    entry = world.att.registers.load_register(session).rows[0].to_entry()
    with pytest.raises(ValidationError) as caught:
        world.att.registers.save_register(session, [entry])
    assert caught.value.fields == {
        f"{ids[0]}:outcome_code": "Row 1, Ann A: enter an outcome; the session has taken place."}


@pytest.mark.parametrize("code", ["AAME", "AASD", "RSSR", "RSOF"])
def test_a_future_appointment_may_be_an_acceptable_absence_or_a_reschedule(world, code):
    session, ids = _group(world, FUTURE, [("Ann", "A")])
    result = world.key(session, ids[0], code)
    assert result.register.rows[0].outcome_code == code
    assert [o.code for o in result.register.outcome_choices] == [
        "AAME", "AAEM", "AAFC", "AACL", "AASD", "RSSR", "RSOF"]


@pytest.mark.parametrize("code", ["ATTC", "AFTC", "ATSH", "ATSS", "UAAB"])
def test_a_future_appointment_cannot_be_attended_or_missed(world, code):
    session, ids = _group(world, FUTURE, [("Ann", "A")])
    with pytest.raises(ValidationError) as caught:
        world.key(session, ids[0], code)
    assert "only an acceptable absence or a reschedule" in caught.value.fields[
        f"{ids[0]}:outcome_code"]


def test_a_session_under_way_takes_any_outcome_and_none(app, world):
    session, ids = _group(world, PAST, [("Ann", "A"), ("Ben", "B")])
    set_clock(app, dt.datetime.combine(PAST, dt.time(12, 0)))
    register = world.att.registers.load_register(session)
    assert register.has_started and not register.has_ended
    entries = register.entries()
    entries[0].outcome_code = "ATSH"
    entries[0].end_time = dt.time(11, 0)
    result = world.att.registers.save_register(session, entries)
    assert [r.outcome_code for r in result.register.rows] == ["ATSH", None]


def test_the_penalty_cannot_exceed_the_session_length(world):
    session, ids = _group(world, PAST, [("Ann", "A")])
    with pytest.raises(ValidationError) as caught:
        world.key(session, ids[0], "ATTC", penalty_minutes=421)
    assert "cannot be longer than the session (420 minutes)" in str(caught.value)
    # A penalty of the whole session is allowed and credits nothing.
    assert world.key(session, ids[0], "ATTC", penalty_minutes=420).register.rows[0] \
        .minutes_credited == 0


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"penalty_minutes": -1}, "penalty_minutes", "0 or more"),
    ({"start_time": dt.time(12, 0), "end_time": dt.time(11, 0)}, "end_time", "after the start"),
    ({"start_time": dt.time(8, 0)}, "start_time", "within the session, 09:00 to 16:00"),
    ({"start_time": None}, "start_time", "enter the start and end times"),
    ({"work_quality": "brilliant"}, "work_quality", "not a rating"),
    ({"notes": "x" * 4001}, "notes", "at most 4000"),
])
def test_attended_rows_need_sensible_times_and_values(world, changes, field, words):
    session, ids = _group(world, PAST, [("Ann", "A")])
    with pytest.raises(ValidationError) as caught:
        world.key(session, ids[0], "ATTC", **changes)
    assert words in caught.value.fields[f"{ids[0]}:{field}"]


def test_an_absence_takes_no_penalty_and_drops_times_and_ratings(world):
    session, ids = _group(world, PAST, [("Ann", "A")])
    with pytest.raises(ValidationError) as caught:
        world.key(session, ids[0], "UAAB", penalty_minutes=15)
    assert "apply only to someone who attended" in str(caught.value)
    row = world.key(session, ids[0], "UAAB", work_quality=Rating.GOOD).register.rows[0]
    assert (row.start_time, row.end_time, row.work_quality, row.minutes_credited) == \
        (None, None, None, 0)


def test_a_sensitive_note_cannot_be_unmarked(world):
    session, ids = _group(world, PAST, [("Ann", "A")])
    world.key(session, ids[0], "ATTC", notes="Spoke about a private matter",
              notes_sensitive=True)
    with pytest.raises(ValidationError) as caught:
        world.key(session, ids[0], "ATTC", notes_sensitive=False)
    assert caught.value.fields[f"{ids[0]}:notes_sensitive"] == (
        "Row 1, Ann A: a note marked sensitive cannot be unmarked.")
    # Editing the text keeps the mark.
    row = world.key(session, ids[0], "ATTC", notes="Edited", notes_sensitive=True) \
        .register.rows[0]
    assert (row.notes, row.notes_sensitive) == ("Edited", True)


def test_one_bad_row_saves_nothing(app, world):
    session, ids = _group(world, PAST, [("Ann", "A"), ("Ben", "B")])
    entries = apply_bulk_outcome(world.att.registers.load_register(session), ids, "ATTC")
    entries[1].penalty_minutes = 999
    with pytest.raises(ValidationError):
        world.att.registers.save_register(session, entries)
    assert all(r.outcome_code is None
               for r in world.att.registers.load_register(session).rows)


def test_bulk_outcome_applies_to_the_selected_rows_only(world):
    session, ids = _group(world, PAST, [("Ann", "A"), ("Ben", "B"), ("Cai", "C")])
    registers = world.att.registers
    registers.save_bulk_outcome(session, ids[:2], "AASD")
    assert [r.outcome_code for r in registers.load_register(session).rows] == \
        ["AASD", "AASD", None]


def test_a_row_changed_by_someone_else_is_refused(app, world, make_services):
    session, ids = _group(world, PAST, [("Ann", "A")])
    stale = world.att.registers.load_register(session).rows[0].to_entry()
    world.key(session, ids[0], "ATTC")
    stale.outcome_code = "UAAB"
    with pytest.raises(StaleRecordError):
        world.att.registers.save_register(session, [stale])


def test_entries_for_other_sessions_or_twice_are_refused(world):
    session, ids = _group(world, PAST, [("Ann", "A")])
    other, other_ids = _group(world, PAST, [("Ben", "B")])
    entry = world.att.registers.load_register(session).rows[0].to_entry()
    with pytest.raises(ValidationError) as caught:
        world.att.registers.save_register(session, [dataclasses.replace(
            entry, appointment_id=other_ids[0])])
    assert "no longer on this session" in str(caught.value)
    entry.outcome_code = "ATTC"
    with pytest.raises(ValidationError) as caught:
        world.att.registers.save_register(session, [entry, entry])
    assert "entered twice" in str(caught.value)


def test_keying_is_audited_and_needs_a_keying_role(app, world, add_staff):
    session, ids = _group(world, PAST, [("Ann", "A")])
    world.key(session, ids[0], "ATTC")
    events = app.audit.events_for("appointment", ids[0])
    assert [e.action for e in events] == [AuditAction.UPDATE]
    assert events[0].changes["outcome_code"] == [None, "ATTC"]
    app.ctx.actor = add_staff("rw", Role.RESETTLEMENT_WORKER)
    with pytest.raises(PermissionDeniedError):
        world.key(session, ids[0], "UAAB")


def test_outstanding_outcomes_are_listed_oldest_first_per_project_and_unit(app, world):
    york = world.project()
    hull = world.project(office="HUL")
    old = world.session(york, dt.date(2026, 11, 2))
    new = world.session(hull, dt.date(2026, 11, 25))
    today_ended = world.session(york, dt.date(2026, 11, 26), start=dt.time(7, 0),
                                end=dt.time(10, 0))
    later_today = world.session(york, dt.date(2026, 11, 26), start=dt.time(13, 0),
                                end=dt.time(16, 0))
    order = world.order(world.person())
    booked = {s: world.book(s, world.order(world.person())) for s in
              (old, new, today_ended, later_today)}
    done = world.book(old, order)
    world.key(old, done, "ATTC")
    rows = world.att.registers.outstanding_outcomes()
    assert [r.appointment_id for r in rows] == [booked[old], booked[new], booked[today_ended]]
    assert [r.days_overdue for r in rows] == [24, 1, 0]
    with app.db.read() as s:
        her = s.scalar(select(DeliveryUnit.id).where(DeliveryUnit.code == "HER"))
    assert [r.appointment_id for r in world.att.registers.outstanding_outcomes(
        delivery_unit_id=her)] == [booked[new]]
    assert [r.appointment_id for r in world.att.registers.outstanding_outcomes(
        project_id=york)] == [booked[old], booked[today_ended]]
    backlog = world.att.registers.outstanding_by_project()
    assert [(b.project_id, b.missing, b.oldest, b.delivery_unit_code) for b in backlog] == [
        (york, 2, dt.date(2026, 11, 2), "YNY"), (hull, 1, dt.date(2026, 11, 25), "HER")]


def test_a_20_row_register_can_be_rekeyed_with_different_outcomes(world):
    """Each re-save of a full register changes every row; its speed is in benchmarks/."""
    session, ids = _group(world, PAST, [(f"Name{i}", f"Person{i:02d}") for i in range(20)])
    registers = world.att.registers
    for code in ("ATTC", "AFTC", "ATTC", "ATSS", "ATTC"):
        entries = apply_bulk_outcome(registers.load_register(session), ids, code)
        for entry in entries[::3]:
            entry.penalty_minutes = 15
        result = registers.save_register(session, entries)
        assert len(result.changed) == 20
