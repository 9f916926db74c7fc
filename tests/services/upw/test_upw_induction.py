"""Induction (rule UPW-INDUCTION): who is awaiting a first session, induction sessions, and
booking them through the one placement rule engine."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from upw_ttg.domain.codes import Gender, OrderStatus, SessionStatus
from upw_ttg.errors import ValidationError
from upw_ttg.services.upw import PlacementRefused
from upw_ttg.storage.models import UpwOrder, UpwSession

TUESDAY = dt.date(2026, 12, 1)


def test_people_awaiting_induction_are_counted_against_the_first_session_deadline(upw, app):
    recent = upw.man(sentenced=dt.date(2026, 11, 16))   # Monday, 8 working days ago
    late = upw.man(sentenced=dt.date(2026, 11, 2))      # due 16 November: overdue
    started = upw.man(sentenced=dt.date(2026, 11, 2))
    with app.db.write() as s:
        s.execute(update(UpwOrder).where(UpwOrder.id == started)
                  .values(status=OrderStatus.ACTIVE))
    rows = {r.order_id: r for r in upw.svc.induction.awaiting(upw.unit)}
    assert started not in rows
    assert (rows[recent].working_days_since, rows[recent].due_by,
            rows[recent].working_days_left) == (8, dt.date(2026, 11, 30), 2)
    assert not rows[recent].overdue
    assert (rows[late].due_by, rows[late].working_days_left) == (dt.date(2026, 11, 16), -8)
    assert rows[late].overdue and rows[late].induction_booked is None
    # The most overdue first; another unit's list does not hold them.
    assert [r.order_id for r in upw.svc.induction.awaiting(upw.unit)][:2] == [late, recent]
    other_unit = next(u for code, u in upw.units.items() if u != upw.unit)
    assert late not in {r.order_id for r in upw.svc.induction.awaiting(other_unit)}


def test_induction_sessions_for_four_weeks_with_free_places(upw, app):
    induction = upw.session(TUESDAY, project_type="induction", capacity=6)
    upw.session(TUESDAY, project_type="group")
    far = upw.session(dt.date(2027, 1, 5), project_type="induction")
    stood = upw.session(dt.date(2026, 12, 2), project_type="induction")
    with app.db.write() as s:
        s.execute(update(UpwSession).where(UpwSession.id == stood)
                  .values(status=SessionStatus.STOOD_DOWN))
    upw.svc.induction.book(upw.man(), induction)
    rows = {r.session_id: r for r in upw.svc.induction.sessions(upw.unit)}
    assert set(rows) == {induction}
    assert far not in rows
    assert (rows[induction].booked, rows[induction].places, rows[induction].free) == (1, 6, 5)


def test_booking_an_induction_goes_through_the_placement_rules(upw):
    order = upw.man()
    session = upw.session(TUESDAY, project_type="induction")
    assert upw.svc.induction.check(order, session).allowed
    row = upw.svc.induction.book(order, session)
    assert row.session_id == session and order in upw.people_on(session)
    awaiting = next(r for r in upw.svc.induction.awaiting(upw.unit) if r.order_id == order)
    assert awaiting.induction_booked == TUESDAY
    # The unbooked come before those already booked.
    other = upw.man()
    assert [r.order_id for r in upw.svc.induction.awaiting(upw.unit)
            if r.order_id in (order, other)] == [other, order]
    # The rules are the engine's: a man is never placed on a female-only induction (UPW-2).
    women_only = upw.session(TUESDAY, project_type="induction", female_only=True,
                             supervisor_gender=Gender.FEMALE)
    with pytest.raises(PlacementRefused) as refused:
        upw.svc.induction.book(other, women_only)
    assert any(b.rule.name.endswith("2") or "UPW-2" in b.message or "female" in b.message.lower()
               for b in refused.value.breaches)
    assert not upw.svc.induction.check(other, women_only).allowed_with_reason


def test_only_inductions_and_only_people_awaiting_one(upw, app):
    order = upw.man()
    group = upw.session(TUESDAY, project_type="group")
    with pytest.raises(ValidationError) as caught:
        upw.svc.induction.book(order, group)
    assert "not an induction" in str(caught.value)
    induction = upw.session(TUESDAY, project_type="induction")
    with app.db.write() as s:
        s.execute(update(UpwOrder).where(UpwOrder.id == order).values(status=OrderStatus.ACTIVE))
    with pytest.raises(ValidationError) as caught:
        upw.svc.induction.book(order, induction)
    assert "already attended a first session" in str(caught.value)


def test_a_restricted_case_shows_only_its_name_and_cannot_be_booked(upw, app, signed_in_as):
    from upw_ttg.domain.codes import Role
    from upw_ttg.errors import RestrictedCaseError
    from upw_ttg.services.access import is_masked

    order = upw.man()
    person_id = next(r.person_id for r in upw.svc.induction.awaiting(upw.unit)
                     if r.order_id == order)
    named = signed_in_as(Role.COORDINATOR, username="named")
    other = signed_in_as(Role.COORDINATOR, username="other")
    access = app.restrictions.case_access(person_id)
    app.restrictions.set_restriction(person_id, True, [named.ctx.actor.id], access.version)
    seen = next(r for r in other.upw.induction.awaiting(upw.unit) if r.person_id == person_id)
    assert is_masked(seen) and seen.sentence_date is None and seen.name
    assert not is_masked(next(r for r in named.upw.induction.awaiting(upw.unit)
                              if r.person_id == person_id))
    session = upw.session(TUESDAY, project_type="induction")
    with pytest.raises(RestrictedCaseError):
        other.upw.induction.book(order, session)
    named.upw.induction.book(order, session)
