"""Restricted cases: staff not named on one see only its name and CRN, and cannot open, print
or place the person (like the national case system's limited-access cases)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from upw_ttg.domain.codes import AuditAction, Role
from upw_ttg.errors import (
    CapabilityDeniedError,
    RestrictedCaseError,
    StaleRecordError,
    ValidationError,
)
from upw_ttg.records.upw import WarrantInput
from upw_ttg.storage.models import AuditEvent


@pytest.fixture
def restricted(upw, app, signed_in_as):
    """An order whose person's case is restricted to one named coordinator; (order id,
    person id, the named coordinator's services, another coordinator's services)."""
    order_id = upw.man()
    person_id = app.orders.get(order_id).person_id
    named = signed_in_as(Role.COORDINATOR, username="named")
    other = signed_in_as(Role.COORDINATOR, username="other")
    access = app.restrictions.case_access(person_id)
    app.restrictions.set_restriction(person_id, True, [named.ctx.actor.id], access.version)
    return order_id, person_id, named, other


def test_staff_not_named_find_only_the_name_and_crn(restricted):
    _order_id, person_id, _named, other = restricted
    crn = other.restrictions.case_access(person_id).crn
    [row] = other.people.search(crn)
    assert row.restricted and row.limited and row.crn == crn
    assert (row.date_of_birth, row.town, row.office) == (None, None, None)
    access = other.restrictions.case_access(person_id)
    assert access.restricted and not access.may_open and access.allowed == ()


def test_staff_not_named_cannot_open_print_or_place(restricted, upw):
    order_id, person_id, _named, other = restricted
    session_id = upw.session()
    calls = {
        "record": lambda: other.people.get(person_id),
        "orders": lambda: other.orders.for_person(person_id),
        "one order": lambda: other.orders.get(order_id),
        "assessment": lambda: other.upw.assessments.for_person(person_id),
        "case summary": lambda: other.case_summary.render(person_id),
        "placing check": lambda: other.upw.placement.check(order_id, session_id),
        "placing": lambda: other.upw.placement.place(order_id, session_id),
        "warrant": lambda: other.upw.warrants.issue(WarrantInput(person_id=person_id)),
        "completion letter": lambda: other.attendance.letters.completion_letter(order_id),
    }
    refused = []
    for what, call in calls.items():
        with pytest.raises(RestrictedCaseError, match="restricted case"):
            call()
        refused.append(what)
    assert len(refused) == len(calls)


def test_named_staff_work_the_case_as_usual(restricted, upw):
    order_id, person_id, named, _other = restricted
    assert named.people.get(person_id).restricted
    assert named.restrictions.case_access(person_id).may_open
    [row] = named.people.search(named.people.get(person_id).crn)
    assert row.restricted and not row.limited and row.date_of_birth is not None
    appointment = named.upw.placement.place(order_id, upw.session())
    assert appointment.order_id == order_id
    assert named.case_summary.render(person_id).startswith(b"%PDF")


def test_a_manager_or_administrator_names_the_staff_and_lifts_it(restricted, signed_in_as):
    _order_id, person_id, named, other = restricted
    manager = signed_in_as(Role.MANAGER, username="mo")
    access = manager.restrictions.case_access(person_id)
    assert [s.full_name for s in access.allowed] == ["Named"] and not access.may_open
    with pytest.raises(CapabilityDeniedError):
        other.restrictions.set_restriction(person_id, False, [], access.version)
    admin = signed_in_as(Role.ADMINISTRATOR, username="ada")
    lifted = admin.restrictions.set_restriction(person_id, False, [], access.version)
    assert not lifted.restricted and lifted.allowed == ()
    assert other.people.get(person_id).restricted is False
    with pytest.raises(StaleRecordError):
        manager.restrictions.set_restriction(person_id, True, [named.ctx.actor.id],
                                             access.version)


def test_a_restriction_names_someone_and_is_audited(restricted, app):
    _order_id, person_id, named, _other = restricted
    access = app.restrictions.case_access(person_id)
    with pytest.raises(ValidationError, match="at least one"):
        app.restrictions.set_restriction(person_id, True, [], access.version)
    with app.db.read() as session:
        changes = session.scalars(select(AuditEvent.changes).where(
            AuditEvent.entity == "person", AuditEvent.action == AuditAction.UPDATE,
            AuditEvent.entity_id == str(person_id))).all()
    assert any(f"[{named.ctx.actor.id}]" in c for c in changes)
