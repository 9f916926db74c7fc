"""Completion forecast: red/amber/green, the 6- and 9-month reviews and extensions (rule UPW-22)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from upw_ttg.domain.codes import OrderStatus
from upw_ttg.domain.forecast import Rag, forecast, review_due
from upw_ttg.storage.models import UpwOrder

from tests.services.attendance.attendance_data import World, set_setting

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def world(app) -> World:
    return World(app)


def _worked(world: World, order: int, days: list[dt.date]) -> None:
    for day in days:
        session = world.session(world.project(), day)
        world.key(session, world.book(session, order), "ATTC")


def _by_order(world: World, **filters):
    return {f.order_id: f for f in world.att.forecast.forecast(**filters)}


def test_nothing_worked_yet_is_amber_even_though_the_offer_would_do(world):
    order = world.order(world.person(), hours=60, sentence=dt.date(2026, 9, 1))
    f = _by_order(world)[order]
    assert (f.rag, f.remaining_minutes, f.rate_per_week) == (Rag.AMBER, 3600, 0)
    assert f.deliverable_minutes == 420 * 39  # 39 whole weeks to 1 Sep 2027
    assert f.reason == "At the current rate the hours will not be worked before the deadline."


def test_an_order_on_course_is_green(world):
    order = world.order(world.person(), hours=40, sentence=dt.date(2026, 11, 2))
    _worked(world, order, [dt.date(2026, 11, 10), dt.date(2026, 11, 17)])
    f = _by_order(world)[order]
    # 780 minutes over the 3 weeks since sentence is 260 a week.
    assert (f.rag, f.remaining_minutes, f.rate_per_week) == (Rag.GREEN, 1620, 260)


def test_hours_that_cannot_fit_before_the_deadline_are_red_and_need_an_extension(world):
    order = world.order(world.person(), hours=300, sentence=dt.date(2025, 12, 1))
    f = _by_order(world)[order]
    assert (f.rag, f.needs_extension) == (Rag.RED, True)
    assert [x.order_id for x in world.att.forecast.extensions_needed()] == [order]


def test_bookings_count_up_to_the_deadline(world):
    order = world.order(world.person(), hours=40, sentence=dt.date(2025, 12, 20))
    project = world.project()
    for day in (dt.date(2026, 12, 1), dt.date(2026, 12, 8), dt.date(2026, 12, 29)):
        world.book(world.session(project, day), order)
    f = _by_order(world)[order]
    # Two sessions fall before the deadline of 20 Dec 2026: 2 x 390.
    assert (f.booked_minutes, f.last_booked) == (780, dt.date(2026, 12, 8))
    assert f.deliverable_minutes == 780 + 420 * 1
    assert f.rag == Rag.RED


def test_intensive_working_raises_the_weekly_offer(world):
    person = world.person()
    world.assessment(person, intensive_extra_hours=14)
    order = world.order(person, hours=100, sentence=dt.date(2026, 2, 1))
    # 9 whole weeks to 1 Feb 2027: 7 h a week would give 63 h, 21 h a week gives 189 h.
    f = _by_order(world)[order]
    assert f.deliverable_minutes == 21 * 60 * 9
    assert f.rag != Rag.RED


def test_with_no_deadline_only_an_unbooked_order_is_amber(app, world):
    set_setting(app, "upw.deadline_applies", "no")
    unbooked = world.order(world.person(), hours=300, sentence=dt.date(2025, 6, 1))
    booked = world.order(world.person("Ann", "B"), hours=300, sentence=dt.date(2025, 6, 1))
    world.book(world.session(world.project(), dt.date(2026, 12, 3)), booked)
    rows = _by_order(world)
    assert (rows[unbooked].rag, rows[unbooked].deadline) == (Rag.AMBER, None)
    assert (rows[booked].rag, rows[booked].needs_extension) == (Rag.GREEN, False)


def test_an_order_made_without_a_time_limit_keeps_none_while_the_limit_applies(app, world):
    """NULL means no deadline: with the limit switched on, an order made while it was off is
    not given one by the forecast (the order record, the ledger and the planner agree)."""
    set_setting(app, "upw.deadline_applies", "yes")
    person = world.person()
    order = world.order(person, hours=300, sentence=dt.date(2025, 6, 1), deadline=None)
    assert _by_order(world)[order].deadline is None
    record = next(o for o in app.orders.for_person(person) if o.id == order)
    assert record.effective_deadline is None


def test_reviews_fall_due_at_6_and_9_months(app, world):
    six = world.order(world.person(), sentence=dt.date(2026, 5, 26))
    nine = world.order(world.person("Ann", "B"), sentence=dt.date(2026, 2, 20))
    later = world.order(world.person("Cai", "C"), sentence=dt.date(2026, 8, 1))
    due = world.att.forecast.reviews_due()
    assert [(f.order_id, f.review_due) for f in due] == [(nine, "second"), (six, "first")]
    assert due[1].first_review == dt.date(2026, 11, 26)
    set_setting(app, "upw.review_first_months", "4")
    assert [f.order_id for f in world.att.forecast.reviews_due()] == [nine, later]


def test_finished_orders_are_not_forecast_and_filters_apply(app, world):
    live = world.order(world.person())
    done = world.order(world.person("Ann", "B"))
    hull = world.order(world.person("Cai", "C", office="HUL"))
    with app.db.write() as s:
        s.execute(update(UpwOrder).where(UpwOrder.id == done).values(
            status=OrderStatus.COMPLETED))
    assert set(_by_order(world)) == {live, hull}
    assert set(_by_order(world, delivery_unit_id=2)) == {hull}


@pytest.mark.parametrize(("remaining", "booked", "rate", "rag"), [
    (0, 0, 0, Rag.GREEN),
    (4200, 0, 420, Rag.AMBER),    # exactly the offer: no margin
    (4200, 0, 300, Rag.AMBER),    # the person's pace falls short
    (4300, 0, 420, Rag.RED),
    (3000, 0, 420, Rag.GREEN),
])
def test_the_rag_rule(remaining, booked, rate, rag):
    figures = forecast(remaining=remaining, booked=booked, last_booked=None,
                       deadline=TODAY + dt.timedelta(weeks=10), today=TODAY,
                       offer_per_week=420, rate_per_week=rate)
    assert figures.rag == rag


def test_a_review_window_runs_two_weeks_before_to_four_after():
    first, second = dt.date(2026, 12, 10), dt.date(2027, 3, 10)
    assert review_due(first, second, dt.date(2026, 11, 25)) is None
    assert review_due(first, second, dt.date(2026, 11, 26)) == "first"
    assert review_due(first, second, dt.date(2027, 1, 7)) == "first"
    assert review_due(first, second, dt.date(2027, 1, 8)) is None
