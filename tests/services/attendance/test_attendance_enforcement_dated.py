"""Enforcement dated when it happened: the 12 months run from the warning's own date."""

from __future__ import annotations

import datetime as dt

import pytest

from upw_ttg.domain.enforcement import Decision
from upw_ttg.errors import ValidationError

from tests.services.attendance.attendance_data import World, set_clock

# 25 and 26 Dec 2027 fall on a weekend: Mon 27 and Tue 28 Dec are the bank holidays, and
# New Year's Day (a Saturday) is kept on Mon 3 Jan 2028.
CHRISTMAS_EVE_2027 = dt.date(2027, 12, 24)
KEYED = dt.date(2027, 12, 29)


@pytest.fixture
def world(app) -> World:
    return World(app)


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(17, 0))


@pytest.fixture
def order(world) -> int:
    return world.order(world.person(), sentence=dt.date(2027, 9, 1),
                       deadline=dt.date(2029, 9, 1))


def fail(world: World, order: int, day: dt.date, code: str = "UAAB") -> int:
    set_clock(world.app, at(day))
    session = world.session(world.project(), day)
    appointment = world.book(session, order)
    world.key(session, appointment, code)
    return appointment


def warned_on_christmas_eve_keyed_after_the_holidays(world: World, order: int) -> int:
    failed = fail(world, order, dt.date(2027, 12, 22))
    set_clock(world.app, at(KEYED))
    world.att.enforcement.decide(failed, Decision.WARN, circumstances="You did not attend.",
                                 decided_on=CHRISTMAS_EVE_2027,
                                 late_reason="Office closed over Christmas")
    return failed


def test_a_late_keyed_warning_carries_its_own_date_and_respond_by(app, world, order):
    failed = warned_on_christmas_eve_keyed_after_the_holidays(world, order)
    decided = world.att.enforcement.decision(failed).decided
    assert decided.action_date == CHRISTMAS_EVE_2027
    # Five working days from Fri 24 Dec: 29, 30, 31 Dec, 4 and 5 Jan.
    assert decided.respond_by == dt.date(2028, 1, 5)
    assert decided.late_reason == "Office closed over Christmas"
    created = next(e for e in app.audit.events_for("enforcement_action", decided.id)
                   if e.action == "create")
    assert created.changes["after"]["action_date"] == "2027-12-24"
    assert created.changes["after"]["late_reason"] == "Office closed over Christmas"


def test_the_twelve_months_count_from_the_warning_not_the_keying(world, order):
    warned_on_christmas_eve_keyed_after_the_holidays(world, order)
    # The warning of 24 Dec 2027 covers failures to 24 Dec 2028, not to 29 Dec 2028.
    inside = fail(world, order, dt.date(2028, 12, 22), "AFTC")
    info = world.att.enforcement.decision(inside)
    assert (info.must_refer, info.covering_warning_on) == (True, CHRISTMAS_EVE_2027)
    assert info.covering_warning_ends == dt.date(2028, 12, 24)
    after = fail(world, order, dt.date(2028, 12, 27), "AFTC")
    assert world.att.enforcement.decision(after).choices == (Decision.WARN, Decision.REFER)


def test_the_letter_is_dated_the_day_the_warning_was_given(world, order):
    failed = warned_on_christmas_eve_keyed_after_the_holidays(world, order)
    set_clock(world.app, at(dt.date(2028, 1, 4)))
    letter = world.att.letters.warning_letter(failed)
    assert letter.head.letter_date == letter.warning_date == CHRISTMAS_EVE_2027
    assert letter.warning_ends_on == dt.date(2028, 12, 24)
    # Recorded as 5 January; printed on the 4th, the person still gets 5 working days to
    # answer (rule DOC-3), never a date they could not meet.
    assert letter.respond_by == dt.date(2028, 1, 11)
    set_clock(world.app, at(CHRISTMAS_EVE_2027))
    assert world.att.letters.warning_letter(failed).respond_by == dt.date(2028, 1, 5)


def test_a_decision_cannot_be_in_the_future_or_before_the_failure(world, order):
    failed = fail(world, order, dt.date(2027, 12, 22))
    enforcement = world.att.enforcement
    with pytest.raises(ValidationError) as caught:
        enforcement.decide(failed, Decision.WARN, decided_on=dt.date(2027, 12, 23))
    assert caught.value.fields == {"action_date": "The date it was taken cannot be in the "
                                                  "future."}
    with pytest.raises(ValidationError) as caught:
        enforcement.decide(failed, Decision.WARN, decided_on=dt.date(2027, 12, 21),
                           late_reason="Typed late")
    assert "cannot be before the failure (22 Dec 2027)" in caught.value.fields["action_date"]


def test_a_date_before_today_needs_a_reason(world, order):
    failed = fail(world, order, dt.date(2027, 12, 22))
    set_clock(world.app, at(KEYED))
    with pytest.raises(ValidationError) as caught:
        world.att.enforcement.decide(failed, Decision.WARN, decided_on=CHRISTMAS_EVE_2027)
    assert caught.value.fields == {"late_reason": "Say why this is recorded after the day it "
                                                  "was taken."}
    assert world.att.enforcement.decision(failed).decided is None
    action = world.att.enforcement.decide(failed, Decision.REFER, late_reason="Not needed")
    assert (action.action_date, action.late_reason) == (KEYED, None), "today is not late"


def test_a_backdated_decision_sees_only_the_warnings_given_by_then(world, order):
    """A warning given after the day a decision was taken did not oblige that decision."""
    first = fail(world, order, dt.date(2027, 12, 1))
    second = fail(world, order, dt.date(2027, 12, 2), "AFTC")
    set_clock(world.app, at(dt.date(2027, 12, 10)))
    world.att.enforcement.decide(first, Decision.WARN)  # warned 10 Dec
    enforcement = world.att.enforcement
    assert enforcement.decision(second).must_refer
    as_of_the_sixth = enforcement.decision(second, dt.date(2027, 12, 6))
    assert as_of_the_sixth.choices == (Decision.WARN, Decision.REFER)
    action = enforcement.decide(second, Decision.WARN, decided_on=dt.date(2027, 12, 6),
                                late_reason="Decided at the supervision on 6 Dec")
    assert action.action_date == dt.date(2027, 12, 6)


def test_follow_up_actions_are_dated_with_their_respond_by_from_that_date(world, order):
    failed = warned_on_christmas_eve_keyed_after_the_holidays(world, order)
    enforcement = world.att.enforcement
    action = enforcement.record_action(order, "EA08", appointment_id=failed,
                                       action_date=dt.date(2027, 12, 23),
                                       late_reason="Phoned from home")
    # From Thu 23 Dec: 24, 29, 30, 31 Dec, then 4 Jan.
    assert (action.action_date, action.respond_by) == (dt.date(2027, 12, 23),
                                                       dt.date(2028, 1, 4))
    with pytest.raises(ValidationError) as caught:
        enforcement.record_action(order, "EA06", appointment_id=failed,
                                  action_date=dt.date(2027, 12, 23), late_reason="x")
    assert "cannot be before the warning (24 Dec 2027)" in caught.value.fields["action_date"]
    with pytest.raises(ValidationError) as caught:
        enforcement.record_action(order, "ROM", appointment_id=failed,
                                  action_date=dt.date(2027, 12, 30))
    assert "future" in caught.value.fields["action_date"]
    withdrawn = enforcement.record_action(order, "EA06", appointment_id=failed)
    assert (withdrawn.action_date, withdrawn.late_reason) == (KEYED, None)


def test_a_breach_is_laid_no_earlier_than_it_was_requested(world, order):
    failed = fail(world, order, dt.date(2027, 12, 20))
    set_clock(world.app, at(KEYED))
    enforcement = world.att.enforcement
    enforcement.decide(failed, Decision.REFER, decided_on=dt.date(2027, 12, 23),
                       late_reason="Recorded after the holidays")
    with pytest.raises(ValidationError) as caught:
        enforcement.record_action(order, "BRE02", action_date=dt.date(2027, 12, 22),
                                  late_reason="x")
    assert "before the referral for breach" in caught.value.fields["action_date"]
    laid = enforcement.record_action(order, "BRE02", action_date=dt.date(2027, 12, 24),
                                     late_reason="Court papers sent on Christmas Eve")
    assert laid.action_date == dt.date(2027, 12, 24)
    assert enforcement.queue().breaches_not_laid == ()
