"""One query for orders' totals: it agrees with a plain sum, for one order, a list or a scope."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from upw_ttg.domain.codes import AdjustmentKind, AdjustmentStatus
from upw_ttg.domain.orders import balance_minutes, effective_deadline
from upw_ttg.services.order_totals import order_totals
from upw_ttg.storage.models import Adjustment, Appointment, OrderExtension, UpwOrder

from tests.services.attendance.attendance_data import World

KINDS = ("group", "individual", "ete")
DAY = dt.date(2026, 11, 2)

appointment = st.tuples(st.integers(0, 2), st.integers(0, 2), st.integers(0, 480))
adjustment = st.tuples(st.integers(0, 2), st.sampled_from(list(AdjustmentKind)),
                       st.sampled_from(list(AdjustmentStatus)), st.integers(-900, 900).filter(bool))
extension = st.tuples(st.integers(0, 2), st.integers(1, 400))
orders = st.lists(st.tuples(st.sampled_from([40, 120, 300]), st.booleans()),
                  min_size=1, max_size=3)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(orders=orders, appointments=st.lists(appointment, max_size=8),
       adjustments=st.lists(adjustment, max_size=6), extensions=st.lists(extension, max_size=3))
def test_the_totals_are_the_sums_of_the_appointments_and_adjustments(
        app, orders, appointments, adjustments, extensions):
    world = World(app)
    person = world.person()
    ids = [world.order(person, hours=hours, deadline=None if open_ended else "default")
           for hours, open_ended in orders]
    projects = [world.project(kind=kind) for kind in KINDS]
    # A session each: a person is booked once on a session.
    booked = [(world.book(world.session(projects[place], DAY + dt.timedelta(days=n)),
                          ids[which % len(ids)]), minutes)
              for n, (which, place, minutes) in enumerate(appointments)]
    with app.db.write() as s:
        for appointment_id, minutes in booked:
            s.get_one(Appointment, appointment_id).minutes_credited = minutes
        for which, kind, status, minutes in adjustments:
            s.add(Adjustment(order_id=ids[which % len(ids)], kind=kind, status=status,
                             minutes=minutes, reason="Test", adjusted_on=DAY))
        for which, days in extensions:
            s.add(OrderExtension(order_id=ids[which % len(ids)], granted_on=DAY,
                                 court="York", new_deadline=dt.date(2027, 9, 1)
                                 + dt.timedelta(days=days), reason="Test"))

    expected = {}
    for place, order_id in enumerate(ids):
        mine = [(kind, minutes) for which, kind_at, minutes in appointments
                if ids[which % len(ids)] == order_id for kind in [KINDS[kind_at]]]
        approved = [(kind, minutes) for which, kind, status, minutes in adjustments
                    if ids[which % len(ids)] == order_id and status == AdjustmentStatus.APPROVED]
        credited = sum(m for _, m in mine)
        adjusted = sum(m for _, m in approved)
        hours, open_ended = orders[place]
        own = None if open_ended else dt.date(2027, 9, 1)
        expected[order_id] = dict(
            ordered_minutes=hours * 60, credited_minutes=credited,
            ete_used_minutes=sum(m for k, m in mine if k == "ete")
            - sum(m for k, m in approved if k == AdjustmentKind.ETE),
            adjustment_minutes=adjusted,
            incentive_minutes=sum(m for k, m in approved if k == AdjustmentKind.INCENTIVE),
            remaining_minutes=balance_minutes(hours * 60, adjusted, credited),
            deadline=effective_deadline(own, [dt.date(2027, 9, 1) + dt.timedelta(days=d)
                                              for which, d in extensions
                                              if ids[which % len(ids)] == order_id]))

    def seen(totals):
        return {oid: {name: getattr(t, name) for name in expected[oid]} | {"id": t.order_id}
                for oid, t in totals.items()}

    wanted = {oid: values | {"id": oid} for oid, values in expected.items()}
    with app.db.read() as s:
        assert seen(order_totals(s, ids)) == wanted
        assert seen(order_totals(s, select(UpwOrder.id).where(UpwOrder.person_id == person))) \
            == wanted
        for order_id in ids:
            assert seen(order_totals(s, order_id)) == {order_id: wanted[order_id]}


def test_orders_not_on_record_are_left_out(app):
    world = World(app)
    order = world.order(world.person())
    with app.db.read() as s:
        assert set(order_totals(s, [order, order + 1000])) == {order}
        assert order_totals(s, []) == {}
