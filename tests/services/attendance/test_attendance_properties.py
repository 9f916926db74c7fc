"""Property tests: balance = ordered + adjustments - credited >= 0; keying twice is a no-op."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from upw_ttg.domain.codes import OUTCOME_CODES, AdjustmentKind
from upw_ttg.domain.crediting import (
    IncentiveState,
    credit_minutes,
    incentive_status,
    is_attended,
    is_enforceable,
)
from upw_ttg.errors import ValidationError
from upw_ttg.storage.models import AuditEvent

from tests.services.attendance.attendance_data import World, set_setting

CODES = [o.code for o in OUTCOME_CODES]
DAYS = [dt.date(2026, 11, d) for d in (2, 3, 4, 5)]
KINDS = ["group", "individual", "group", "ete"]

key_op = st.tuples(st.just("key"), st.integers(0, 3), st.sampled_from(CODES),
                   st.integers(0, 90), st.integers(0, 120), st.integers(0, 120))
adjust_op = st.tuples(st.just("adjust"),
                      st.sampled_from([AdjustmentKind.OTHER, AdjustmentKind.COURT_ORDERED,
                                       AdjustmentKind.ETE]),
                      st.integers(-900, 900).filter(bool))
travel_op = st.tuples(st.just("travel"), st.booleans(), st.integers(1, 200))
operations = st.lists(st.one_of(key_op, adjust_op, travel_op), min_size=1, max_size=8)


def _audit_count(app) -> int:
    with app.db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent))


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=operations, hours=st.sampled_from([40, 45]), incentive=st.booleans())
def test_the_balance_identity_holds_and_keying_twice_changes_nothing(app, ops, hours,
                                                                    incentive):
    world = World(app)
    wanted = "true" if incentive else "false"
    if str(app.settings.value("upw.incentive_reduction")).lower() != wanted:
        set_setting(app, "upw.incentive_reduction", wanted)
    order = world.order(world.person(), hours=hours, travel=True, ete=True)
    sessions = [world.session(world.project(kind=kind), day) for kind, day in zip(KINDS, DAYS,
                                                                                 strict=True)]
    appointments = [world.book(s, order) for s in sessions]
    att = world.att
    for op in ops:
        try:
            if op[0] == "key":
                _, index, code, penalty, late, early = op
                start = dt.time(9 + late // 60, late % 60)
                end = dt.time(15 - early // 60, 59 - early % 60)
                result = world.key(sessions[index], appointments[index], code,
                                   penalty_minutes=penalty if is_attended(code) else 0,
                                   start_time=start, end_time=end)
                before = (att.ledger.ledger(order), _audit_count(app))
                entry = next(r for r in result.register.rows).to_entry()
                again = att.registers.save_register(sessions[index], [entry])
                assert again.changed == ()
                assert (att.ledger.ledger(order), _audit_count(app)) == before
            elif op[0] == "adjust":
                _, kind, minutes = op
                if kind == AdjustmentKind.ETE:
                    minutes = -abs(minutes)
                att.ledger.add_adjustment(order, kind, minutes, "Property test")
            else:
                tasks = [t for t in att.ledger.travel_tasks() if t.order_id == order]
                if tasks:
                    att.ledger.decide_travel_time(tasks[0].adjustment_id, approve=op[1],
                                                  minutes=op[2])
        except ValidationError:
            pass  # refused changes must leave the identity intact too
        ledger = att.ledger.ledger(order)
        raw = ledger.ordered_minutes + ledger.adjustment_minutes - ledger.credited_minutes
        assert raw >= 0
        assert ledger.remaining_minutes == raw
        assert ledger.lines[-1].balance_after == raw
        assert ledger.ete_used_minutes <= ledger.ete_cap_minutes
        record = app.orders.get(order)
        assert (record.minutes_credited, record.minutes_adjusted, record.minutes_remaining) \
            == (ledger.credited_minutes, ledger.adjustment_minutes, raw)
        assert (ledger.status.value == "completed") == (raw == 0)


@given(start=st.integers(0, 1439), length=st.integers(-60, 600), penalty=st.integers(0, 600),
       break_minutes=st.integers(0, 120), owed=st.integers(-100, 20000),
       code=st.sampled_from(CODES + [None]))
def test_credit_is_never_negative_nor_more_than_owed(start, length, penalty, break_minutes,
                                                     owed, code):
    end_minutes = min(1439, max(0, start + length))
    credited = credit_minutes(outcome_code=code, start=dt.time(start // 60, start % 60),
                              end=dt.time(end_minutes // 60, end_minutes % 60),
                              penalty_minutes=penalty, break_minutes=break_minutes,
                              owed_minutes=owed)
    assert 0 <= credited <= max(0, owed)
    if not is_attended(code):
        assert credited == 0


@given(ordered=st.integers(40, 300).map(lambda h: h * 60),
       credits=st.lists(st.tuples(st.sampled_from(CODES), st.integers(0, 480)), max_size=40))
def test_the_incentive_never_exceeds_a_quarter_and_a_failure_freezes_it(ordered, credits):
    day = dt.date(2026, 1, 1)
    rows = [(day + dt.timedelta(days=i), code, minutes) for i, (code, minutes)
            in enumerate(credits)]
    status = incentive_status(enabled=True, ordered_minutes=ordered, credits=rows)
    assert 0 <= status.current_discount <= status.projected_discount <= ordered // 4
    assert status.maximum_discount == ordered // 4
    failed = any(is_enforceable(code) for _, code, _ in rows)
    assert (status.state == IncentiveState.DISQUALIFIED) == failed
    if failed:
        assert status.current_discount == status.projected_discount
