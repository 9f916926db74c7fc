"""Crediting and the ledger through the services: rules UPW-12 to UPW-16 and the order's status."""

from __future__ import annotations

import datetime as dt

import pytest

from upw_ttg.domain.codes import AdjustmentKind, OrderStatus, Role
from upw_ttg.domain.crediting import IncentiveState, LedgerLineKind
from upw_ttg.errors import PermissionDeniedError, ValidationError

from tests.services.attendance.attendance_data import World, set_setting

PAST = dt.date(2026, 11, 24)


@pytest.fixture
def world(app) -> World:
    return World(app)


def _session(world: World, day: dt.date = PAST, **project) -> int:
    return world.session(world.project(**project), day)


def test_rule_12_time_less_penalty_less_the_projects_break(world):
    order = world.order(world.person())
    session = _session(world, break_minutes=45)
    appt = world.book(session, order)
    row = world.key(session, appt, "AFTC", start_time=dt.time(9, 40),
                    penalty_minutes=20).register.rows[0]
    # 16:00 - 09:40 = 380, less 20 penalty, less the project's 45-minute break.
    assert row.minutes_credited == 315
    ledger = world.att.ledger.ledger(order)
    assert (ledger.credited_minutes, ledger.remaining_minutes) == (315, 3600 - 315)


@pytest.mark.parametrize("code", ["UAAB", "AAME", "AASD", "RSSR"])
def test_only_attended_outcomes_credit_minutes(world, code):
    order, session, appt = world.case()
    assert world.key(session, appt, code).register.rows[0].minutes_credited == 0


def test_credit_is_never_below_zero(world):
    order, session, appt = world.case()
    row = world.key(session, appt, "ATSH", end_time=dt.time(9, 20)).register.rows[0]
    assert row.minutes_credited == 0  # 20 minutes on site, less a 30-minute break


def test_credit_never_exceeds_what_is_still_owed_and_says_so(world):
    order = world.order(world.person(), hours=40)
    sessions = [_session(world, dt.date(2026, 11, d)) for d in (2, 3, 4, 5, 6, 9, 10)]
    appts = [world.book(s, order) for s in sessions]
    for session, appt in zip(sessions[:6], appts[:6], strict=True):
        world.key(session, appt, "ATTC")  # 6 x 390 = 2340 of 2400
    result = world.key(sessions[6], appts[6], "ATTC")
    assert result.register.rows[0].minutes_credited == 60
    assert result.notices == ("Row 1, Rhys Evans: 1:00 credited, not 6:30: that is all that "
                              "was still owed.",)
    ledger = world.att.ledger.ledger(order)
    assert ledger.remaining_minutes == 0
    assert ledger.status == OrderStatus.COMPLETED
    assert ledger.completed_on == dt.date(2026, 11, 10)
    assert ledger.completion_letter_ready


def test_the_status_follows_the_ledger(world):
    order = world.order(world.person(), hours=40)
    assert world.att.ledger.ledger(order).status == OrderStatus.AWAITING_FIRST_SESSION
    session = _session(world)
    appt = world.book(session, order)
    world.key(session, appt, "UAAB")
    assert world.att.ledger.ledger(order).status == OrderStatus.AWAITING_FIRST_SESSION
    world.key(session, appt, "ATTC")
    assert world.att.ledger.ledger(order).status == OrderStatus.ACTIVE
    world.att.ledger.add_adjustment(order, AdjustmentKind.OTHER, -(2400 - 390),
                                    "Hours worked on a transferred order")
    done = world.att.ledger.ledger(order)
    assert (done.status, done.completed_on) == (OrderStatus.COMPLETED, dt.date(2026, 11, 26))
    # Re-keying the session as an absence re-opens the order.
    world.key(session, appt, "AAME")
    reopened = world.att.ledger.ledger(order)
    assert (reopened.status, reopened.completed_on, reopened.remaining_minutes) == \
        (OrderStatus.AWAITING_FIRST_SESSION, None, 390)


def test_a_passed_deadline_shows_once_the_status_is_refreshed(app, world):
    order = world.order(world.person(), sentence=dt.date(2025, 11, 1),
                        deadline=dt.date(2026, 11, 1))
    assert world.att.ledger.refresh_status(order) == OrderStatus.DEADLINE_PASSED


def test_every_ledger_line_traces_to_an_appointment_or_adjustment(world):
    order, session, appt = world.case(travel=True)
    world.key(session, appt, "ATTC")
    task = world.att.ledger.travel_tasks()[0]
    world.att.ledger.decide_travel_time(task.adjustment_id, approve=True, minutes=60)
    world.att.ledger.add_adjustment(order, AdjustmentKind.COURT_ORDERED, 600,
                                    "10 hours added on breach")
    ledger = world.att.ledger.ledger(order)
    assert [(line.kind, line.change, line.balance_after) for line in ledger.lines] == [
        (LedgerLineKind.ORDERED, 3600, 3600),
        (LedgerLineKind.APPOINTMENT, -390, 3210),
        (LedgerLineKind.ADJUSTMENT, -60, 3150),
        (LedgerLineKind.ADJUSTMENT, 600, 3750)]
    assert ledger.lines[1].appointment_id == appt
    assert ledger.lines[2].appointment_id == appt and ledger.lines[2].adjustment_id
    assert ledger.lines[3].adjustment_id and ledger.lines[3].appointment_id is None
    assert ledger.remaining_minutes == ledger.ordered_minutes + ledger.adjustment_minutes \
        - ledger.credited_minutes == 3750


def test_rule_13_a_travel_task_per_eligible_attended_group_or_individual_appointment(world):
    eligible = world.order(world.person(), travel=True)
    not_eligible = world.order(world.person("Ann", "Other"))
    kinds = {kind: _session(world, kind=kind) for kind in ("group", "individual", "induction",
                                                           "ete")}
    for session in kinds.values():
        world.key(session, world.book(session, eligible), "ATTC")
    absent = _session(world)
    world.key(absent, world.book(absent, eligible), "UAAB")
    other = kinds["group"]
    world.key(other, world.book(other, not_eligible), "ATTC")
    tasks = world.att.ledger.travel_tasks()
    assert sorted(t.project_code for t in tasks) == sorted(
        world.att.registers.load_register(kinds[k]).project_code for k in ("group",
                                                                            "individual"))
    assert {(t.order_id, t.proposed_minutes, t.cap_minutes) for t in tasks} == {
        (eligible, 180, 180)}


def test_travel_time_is_decided_up_to_the_cap_or_rejected(world):
    order, session, appt = world.case(travel=True)
    world.key(session, appt, "ATTC")
    world.key(session, appt, "ATTC")  # saving again makes no second task
    (task,) = world.att.ledger.travel_tasks()
    assert world.att.ledger.ledger(order).pending_travel_minutes == 180
    with pytest.raises(ValidationError) as caught:
        world.att.ledger.decide_travel_time(task.adjustment_id, approve=True, minutes=181)
    assert caught.value.fields["minutes"] == "Enter between 1 and 180 minutes of travel time."
    ledger = world.att.ledger.decide_travel_time(task.adjustment_id, approve=True, minutes=90)
    assert (ledger.adjustment_minutes, ledger.remaining_minutes) == (-90, 3600 - 390 - 90)
    assert world.att.ledger.travel_tasks() == []
    with pytest.raises(ValidationError) as caught:
        world.att.ledger.decide_travel_time(task.adjustment_id, approve=False)
    assert "already been decided" in str(caught.value)


def test_a_rejected_task_credits_nothing_and_an_unattended_one_disappears(world):
    order, session, appt = world.case(travel=True)
    world.key(session, appt, "ATTC")
    (task,) = world.att.ledger.travel_tasks()
    ledger = world.att.ledger.decide_travel_time(task.adjustment_id, approve=False)
    assert ledger.adjustment_minutes == 0
    assert ledger.lines[-1].status == "rejected"
    second_order, second_session, second = world.case(travel=True)
    world.key(second_session, second, "ATTC")
    world.key(second_session, second, "UAAB")
    assert [t.order_id for t in world.att.ledger.travel_tasks()] == []


def test_travel_time_follows_its_settings(app, world):
    set_setting(app, "upw.travel_time_cap_minutes", "120")
    order, session, appt = world.case(travel=True)
    world.key(session, appt, "ATTC")
    (task,) = world.att.ledger.travel_tasks()
    assert task.proposed_minutes == task.cap_minutes == 120
    set_setting(app, "upw.travel_time_allowed", "no")
    with pytest.raises(ValidationError) as caught:
        world.att.ledger.decide_travel_time(task.adjustment_id, approve=True, minutes=60)
    assert "setting does not allow it" in str(caught.value)
    other_order, other_session, other = world.case(travel=True)
    world.key(other_session, other, "ATTC")
    assert [t.order_id for t in world.att.ledger.travel_tasks()] == [order]


def test_rule_14_ete_counts_for_at_most_the_cap(world):
    order = world.order(world.person(), hours=100, ete=True)  # cap 30 h = 1800 minutes
    ledger = world.att.ledger.add_adjustment(order, AdjustmentKind.ETE, -1500,
                                             "Online food hygiene course")
    assert (ledger.ete_cap_minutes, ledger.ete_used_minutes) == (1800, 1500)
    # An ETE session credits only what is left of the allowance.
    session = _session(world, kind="ete")
    result = world.key(session, world.book(session, order), "ATTC")
    assert result.register.rows[0].minutes_credited == 300
    assert "all the ETE allowance left" in result.notices[0]
    with pytest.raises(ValidationError) as caught:
        world.att.ledger.add_adjustment(order, AdjustmentKind.ETE, -1, "More")
    assert "at most 30:00 of this order; 0:00 is left" in caught.value.fields["minutes"]
    no_ete = world.order(world.person())
    with pytest.raises(ValidationError) as caught:
        world.att.ledger.add_adjustment(no_ete, AdjustmentKind.ETE, -60, "Course")
    assert caught.value.fields["kind"] == "This order has no ETE allowance."


@pytest.mark.parametrize(("kind", "minutes", "reason", "field"), [
    (AdjustmentKind.OTHER, 0, "Why", "minutes"),
    (AdjustmentKind.OTHER, 60, "", "reason"),
    (AdjustmentKind.TRAVEL_TIME, -60, "Bus", "kind"),
    (AdjustmentKind.INCENTIVE, -60, "Good", "kind"),
    (AdjustmentKind.ETE, 60, "Course", "minutes"),
    (AdjustmentKind.OTHER, -3601, "Too much", "minutes"),
])
def test_adjustments_need_minutes_a_reason_and_an_allowed_kind(world, kind, minutes, reason,
                                                               field):
    order = world.order(world.person(), ete=True)
    with pytest.raises(ValidationError) as caught:
        world.att.ledger.add_adjustment(order, kind, minutes, reason)
    assert field in caught.value.fields


def test_only_coordinators_and_managers_adjust(app, world, add_staff):
    order = world.order(world.person())
    app.ctx.actor = add_staff("sup", Role.SUPERVISOR)
    with pytest.raises(PermissionDeniedError):
        world.att.ledger.add_adjustment(order, AdjustmentKind.OTHER, 60, "Extra")


def test_rule_16_incentive_is_off_until_its_setting_is_on(world):
    order = world.order(world.person(), hours=40)
    ledger = world.att.ledger.ledger(order)
    assert ledger.incentive.state == IncentiveState.OFF
    assert (ledger.incentive.current_discount, ledger.incentive.projected_discount) == (0, 0)


def test_rule_16_incentive_current_and_projected_discount(app, world):
    set_setting(app, "upw.incentive_reduction", "yes")
    order = world.order(world.person(), hours=40)  # threshold 600, maximum 600
    days = [dt.date(2026, 11, d) for d in (2, 3, 4)]
    for day in days:
        session = _session(world, day)
        world.key(session, world.book(session, order), "ATTC")  # 390 each
    ledger = world.att.ledger.ledger(order)
    # 1170 worked: 570 above the threshold earns 285 off the order.
    assert (ledger.incentive.state, ledger.incentive.current_discount,
            ledger.incentive.projected_discount) == (IncentiveState.EARNING, 285, 600)
    assert ledger.adjustment_minutes == -285
    assert ledger.remaining_minutes == 2400 - 1170 - 285
    failed = _session(world, dt.date(2026, 11, 5))
    world.key(failed, world.book(failed, order), "UAAB")
    later = _session(world, dt.date(2026, 11, 6))
    world.key(later, world.book(later, order), "ATTC")
    ledger = world.att.ledger.ledger(order)
    # Disqualified: keeps what was earned, and earns no more.
    assert (ledger.incentive.state, ledger.incentive.current_discount,
            ledger.incentive.projected_discount) == (IncentiveState.DISQUALIFIED, 285, 285)
    assert ledger.remaining_minutes == 2400 - 1560 - 285
