"""The enforcement clock (rules UPW-17 to UPW-21): the 12-month warning boundary, working days."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from upw_ttg.domain.codes import OrderStatus
from upw_ttg.domain.enforcement import Decision, warning_covers, warning_period_end
from upw_ttg.errors import ValidationError
from upw_ttg.storage.models import Appointment, DeliveryUnit

from tests.services.attendance.attendance_data import World, set_clock, set_setting


@pytest.fixture
def world(app) -> World:
    return World(app)


def at(day: dt.date, hour: int = 17) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0))


def fail(world: World, order: int, day: dt.date, code: str = "UAAB") -> int:
    """Book and key a failure on ``day`` with the clock just after it."""
    set_clock(world.app, at(day))
    session = world.session(world.project(), day)
    appt = world.book(session, order)
    world.key(session, appt, code)
    return appt


def stored(app, appointment_id: int) -> Appointment:
    with app.db.read() as s:
        row = s.get(Appointment, appointment_id)
        s.expunge(row)  # keep the loaded values after the read rolls back
        return row


def test_rule_19_and_18_due_dates_skip_christmas_and_boxing_day(app, world):
    order = world.order(world.person(), sentence=dt.date(2026, 9, 1))
    christmas_eve = dt.date(2026, 12, 24)  # Thursday; 25 and 28 December are bank holidays
    failed = fail(world, order, christmas_eve, "UAAB")
    assert stored(app, failed).enforcement_due == dt.date(2026, 12, 30)
    absent = fail(world, order, christmas_eve, "AAME")
    # 29, 30, 31 December, then 1 January is a bank holiday: 4 and 5 January.
    assert stored(app, absent).evidence_due == dt.date(2027, 1, 5)
    assert stored(app, absent).enforcement_due is None
    info = world.att.enforcement.decision(failed)
    assert info.decision_due == dt.date(2026, 12, 30)
    assert info.breach_due == dt.date(2027, 1, 12)  # rule UPW-21: 10 working days


def test_due_dates_skip_easter_and_follow_the_settings(app, world):
    set_setting(app, "upw.enforcement_decision_working_days", "3")
    order = world.order(world.person(), sentence=dt.date(2027, 1, 4))
    maundy_thursday = dt.date(2027, 3, 25)  # Good Friday 26th, Easter Monday 29th
    failed = fail(world, order, maundy_thursday, "AFTC")
    assert stored(app, failed).enforcement_due == dt.date(2027, 4, 1)


def test_a_user_closure_date_is_not_a_working_day(app, world):
    app.calendar.add_closure(dt.date(2026, 11, 25), "Office move")
    order = world.order(world.person())
    failed = fail(world, order, dt.date(2026, 11, 24), "ATSH")
    assert stored(app, failed).enforcement_due == dt.date(2026, 11, 27)


def test_changing_away_from_an_enforceable_outcome_closes_the_clock(app, world):
    order = world.order(world.person())
    failed = fail(world, order, dt.date(2026, 11, 24))
    session = stored(app, failed).session_id
    world.key(session, failed, "AAFC")
    row = stored(app, failed)
    assert (row.enforcement_due, row.evidence_due) == (None, dt.date(2026, 12, 1))
    assert world.att.enforcement.queue().decisions == ()


def test_without_a_warning_the_officer_may_warn_or_refer(world):
    order = world.order(world.person())
    failed = fail(world, order, dt.date(2026, 11, 24))
    info = world.att.enforcement.decision(failed)
    assert (info.must_refer, info.choices) == (False, (Decision.WARN, Decision.REFER))
    action = world.att.enforcement.decide(failed, Decision.WARN,
                                          circumstances="You told us you overslept.")
    assert (action.code, action.action_date, action.respond_by) == (
        "EA02", dt.date(2026, 11, 24), dt.date(2026, 12, 1))
    with pytest.raises(ValidationError) as caught:
        world.att.enforcement.decide(failed, Decision.REFER)
    assert "decision on this failure was recorded on 24 Nov 2026" in str(caught.value)


def test_rule_20_a_warning_in_the_period_leaves_only_referral(app, world):
    order = world.order(world.person())
    first = fail(world, order, dt.date(2026, 10, 5))
    world.att.enforcement.decide(first, Decision.WARN)
    second = fail(world, order, dt.date(2026, 11, 24), "AFTC")
    info = world.att.enforcement.decision(second)
    assert (info.must_refer, info.choices) == (True, (Decision.REFER,))
    assert info.covering_warning_on == dt.date(2026, 10, 5)
    assert "The law requires referral for breach" in info.explanation
    with pytest.raises(ValidationError) as caught:
        world.att.enforcement.decide(second, Decision.WARN)
    assert "a further warning is not allowed" in caught.value.fields["choice"]
    action = world.att.enforcement.decide(second, Decision.REFER)
    assert (action.code, action.respond_by) == ("BRE01", dt.date(2026, 12, 8))
    assert world.att.ledger.ledger(order).status == OrderStatus.IN_BREACH


@pytest.mark.parametrize(("warned", "failed", "covered"), [
    (dt.date(2025, 3, 3), dt.date(2026, 3, 3), True),    # day 365: the anniversary
    (dt.date(2025, 3, 3), dt.date(2026, 3, 4), False),   # day 366
    (dt.date(2027, 3, 1), dt.date(2028, 2, 29), True),   # day 365 across 29 Feb 2028
    (dt.date(2027, 3, 1), dt.date(2028, 3, 1), True),    # day 366 is the anniversary
    (dt.date(2027, 3, 1), dt.date(2028, 3, 2), False),   # day 367
    (dt.date(2028, 2, 29), dt.date(2029, 2, 28), True),  # from 29 February: to 28 February
    (dt.date(2028, 2, 29), dt.date(2029, 3, 1), False),
])
def test_the_12_month_boundary_through_the_service(app, world, warned, failed, covered):
    order = world.order(world.person(), sentence=warned - dt.timedelta(days=30),
                        deadline=None)
    first = fail(world, order, warned - dt.timedelta(days=1))
    set_clock(app, at(warned, 11))
    world.att.enforcement.decide(first, Decision.WARN)
    second = fail(world, order, failed)
    info = world.att.enforcement.decision(second)
    assert info.must_refer is covered
    assert warning_covers(warned, failed, failed, 12) is covered
    if covered:
        assert info.covering_warning_ends == warning_period_end(warned, 12)


def test_a_warning_after_the_failure_but_before_the_decision_counts(app, world):
    order = world.order(world.person())
    first = fail(world, order, dt.date(2026, 11, 2))
    second = fail(world, order, dt.date(2026, 11, 3))
    set_clock(app, at(dt.date(2026, 11, 4)))
    world.att.enforcement.decide(first, Decision.WARN)
    assert world.att.enforcement.decision(second).must_refer


def test_a_withdrawn_warning_does_not_count(app, world):
    order = world.order(world.person())
    first = fail(world, order, dt.date(2026, 10, 5))
    world.att.enforcement.decide(first, Decision.WARN)
    world.att.enforcement.record_action(order, "EA06", appointment_id=first,
                                        notes="Evidence of illness arrived late")
    second = fail(world, order, dt.date(2026, 11, 24))
    assert not world.att.enforcement.decision(second).must_refer


def test_the_warning_period_follows_its_setting(app, world):
    set_setting(app, "upw.warning_period_months", "1")
    order = world.order(world.person())
    first = fail(world, order, dt.date(2026, 10, 5))
    world.att.enforcement.decide(first, Decision.WARN)
    second = fail(world, order, dt.date(2026, 11, 24))
    assert not world.att.enforcement.decision(second).must_refer


def test_no_further_action_needs_a_decision_first_and_actions_are_checked(world):
    order = world.order(world.person())
    failed = fail(world, order, dt.date(2026, 11, 24))
    enforcement = world.att.enforcement
    with pytest.raises(ValidationError) as caught:
        enforcement.record_action(order, "NFA", appointment_id=failed)
    assert "needs a warning or a referral" in str(caught.value)
    for code, words in (("EA02", "recorded as the decision"), ("XX1", "not an enforcement"),
                        ("BRE02", "No breach has been requested"),
                        ("EA06", "no warning on this failure")):
        with pytest.raises(ValidationError) as caught:
            enforcement.record_action(order, code, appointment_id=failed)
        assert words in str(caught.value)
    pending = enforcement.record_action(order, "EA12", appointment_id=failed)
    assert pending.respond_by == dt.date(2026, 12, 1)


def test_a_decided_outcome_cannot_be_changed_on_the_register(app, world):
    order = world.order(world.person())
    failed = fail(world, order, dt.date(2026, 11, 24))
    world.att.enforcement.decide(failed, Decision.WARN)
    with pytest.raises(ValidationError) as caught:
        world.key(stored(app, failed).session_id, failed, "AAME")
    assert "its outcome cannot change" in str(caught.value)


def test_the_queue_lists_decisions_evidence_and_breaches(app, world):
    coordinator = world.staff()
    mine = world.order(world.person(), coordinator_id=coordinator)
    hull = world.order(world.person("Ann", "Hull", office="HUL"))
    due_today = fail(world, mine, dt.date(2026, 11, 24))
    overdue = fail(world, hull, dt.date(2026, 11, 19), "ATSH")
    absent = fail(world, mine, dt.date(2026, 11, 17), "AAEM")
    breach = fail(world, hull, dt.date(2026, 11, 10))
    set_clock(app, at(dt.date(2026, 11, 10)))
    world.att.enforcement.decide(breach, Decision.REFER)
    set_clock(app, at(dt.date(2026, 11, 26), 10))
    queue = world.att.enforcement.queue()
    assert [(i.appointment_id, i.due, i.overdue) for i in queue.decisions] == [
        (overdue, dt.date(2026, 11, 23), True), (due_today, dt.date(2026, 11, 26), False)]
    assert [(i.appointment_id, i.due, i.overdue) for i in queue.evidence_overdue] == [
        (absent, dt.date(2026, 11, 24), True)]
    assert [(i.order_id, i.due, i.overdue) for i in queue.breaches_not_laid] == [
        (hull, dt.date(2026, 11, 24), True)]
    with app.db.read() as s:
        her = s.scalar(select(DeliveryUnit.id).where(DeliveryUnit.code == "HER"))
    by_unit = world.att.enforcement.queue(delivery_unit_id=her)
    assert [i.appointment_id for i in by_unit.decisions] == [overdue]
    by_coordinator = world.att.enforcement.queue(coordinator_id=coordinator)
    assert [i.appointment_id for i in by_coordinator.decisions] == [due_today]
    assert by_coordinator.decisions[0].coordinator == "Cerys Coordinator"
    assert by_coordinator.breaches_not_laid == ()
    world.att.enforcement.record_evidence(absent, dt.date(2026, 11, 25))
    world.att.enforcement.record_action(hull, "BRE02", notes="Laid at Hull")
    queue = world.att.enforcement.queue()
    assert (queue.evidence_overdue, queue.breaches_not_laid) == ((), ())


def test_the_queue_says_which_decisions_must_be_referrals(app, world):
    order = world.order(world.person())
    first = fail(world, order, dt.date(2026, 10, 5))
    world.att.enforcement.decide(first, Decision.WARN)
    second = fail(world, order, dt.date(2026, 11, 24))
    (item,) = world.att.enforcement.queue().decisions
    assert (item.appointment_id, item.must_refer) == (second, True)


def test_evidence_can_only_be_recorded_for_a_claimed_absence(app, world):
    order = world.order(world.person())
    failed = fail(world, order, dt.date(2026, 11, 24))
    with pytest.raises(ValidationError):
        world.att.enforcement.record_evidence(failed, dt.date(2026, 11, 24))
    absent = fail(world, order, dt.date(2026, 11, 25), "AAME")
    with pytest.raises(ValidationError):
        world.att.enforcement.record_evidence(absent, dt.date(2026, 12, 25))
