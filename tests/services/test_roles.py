"""Roles: the permission table, several roles per member, changes that take effect at once."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from upw_ttg.domain.codes import AuditAction, Gender, Role
from upw_ttg.domain.permissions import PERMISSIONS, Capability, allows, roles_with
from upw_ttg.errors import (
    CapabilityDeniedError,
    PermissionDeniedError,
    StaleRecordError,
    ValidationError,
)
from upw_ttg.records.custody import CustodyInput
from upw_ttg.records.orders import OrderInput
from upw_ttg.records.people import PersonInput
from upw_ttg.records.staff import NewStaff
from upw_ttg.storage.models import AuditEvent, Staff

CASEWORK = {Capability.READ_PERSON, Capability.READ_ORDERS, Capability.READ_CUSTODY,
            Capability.READ_UPW_ASSESSMENT, Capability.READ_SCHEDULE, Capability.READ_REGISTERS,
            Capability.READ_WORK_SHEETS, Capability.READ_SENSITIVE_NOTES,
            Capability.READ_TTG_CASE, Capability.READ_PLAN_RISK, Capability.READ_HANDOVER,
            Capability.READ_ATTENDANCE}


def test_every_capability_belongs_to_some_role():
    assert all(roles_with(c) for c in Capability)


def test_administration_alone_reads_no_casework():
    assert not PERMISSIONS[Role.ADMINISTRATOR] & CASEWORK
    assert {Capability.MANAGE_ACCOUNTS, Capability.CHANGE_SETTINGS,
            Capability.MANAGE_OFFICES_AND_PRISONS} <= PERMISSIONS[Role.ADMINISTRATOR]


def test_the_jobs_read_what_domain_section_4_says():
    coordinator, worker = PERMISSIONS[Role.COORDINATOR], PERMISSIONS[Role.RESETTLEMENT_WORKER]
    assert Capability.READ_UPW_ASSESSMENT in coordinator
    assert not {Capability.READ_PLAN_RISK, Capability.READ_HANDOVER} & coordinator
    assert not {Capability.READ_UPW_ASSESSMENT, Capability.READ_REGISTERS,
                Capability.READ_SENSITIVE_NOTES} & worker
    assert PERMISSIONS[Role.SUPERVISOR] == {
        Capability.USE_REFERENCE_DATA, Capability.MANAGE_OWN_ACCOUNT,
        Capability.READ_WORK_SHEETS, Capability.PRINT_WORK_SHEETS, Capability.READ_REGISTERS}
    assert PERMISSIONS[Role.MANAGER] >= CASEWORK
    assert not allows([], Capability.USE_REFERENCE_DATA)


@pytest.fixture
def case(app):
    """A person with an order and a custody episode, made by the all-roles test actor."""
    person = app.people.create(PersonInput(crn="X100001", forename="Rhys", surname="Evans",
                                           date_of_birth=dt.date(1990, 1, 2),
                                           gender=Gender.MALE))
    app.orders.create(OrderInput(person_id=person.id, court="York Magistrates' Court",
                                 sentence_date=dt.date(2026, 10, 1), hours_ordered=80))
    app.custody.create(CustodyInput(person_id=person.id, prison_id=app.custody.prisons()[0].id,
                                    prison_number="A1234BC",
                                    reception_date=dt.date(2026, 6, 1),
                                    conditional_release_date=dt.date(2027, 3, 1)))
    return person


def test_a_member_with_two_roles_may_do_what_either_may(case, signed_in_as):
    both = signed_in_as(Role.COORDINATOR, Role.RESETTLEMENT_WORKER)
    assert both.orders.for_person(case.id) and both.custody.for_person(case.id)
    assert both.caseload.caseload() is not None
    coordinator = signed_in_as(Role.COORDINATOR)
    with pytest.raises(CapabilityDeniedError):
        coordinator.caseload.caseload()


def test_an_administrator_alone_finds_a_name_but_reads_no_record(case, signed_in_as):
    admin = signed_in_as(Role.ADMINISTRATOR)
    [row] = admin.people.search("Evans")
    assert (row.crn, row.surname, row.limited) == ("X100001", "Evans", True)
    assert row.date_of_birth is None and row.town is None
    assert admin.people.search("02/01/1990") == []
    for call in (lambda: admin.people.get(case.id), lambda: admin.orders.for_person(case.id),
                 lambda: admin.case_summary.render(case.id)):
        with pytest.raises(CapabilityDeniedError):
            call()


def test_a_resettlement_workers_case_summary_leaves_out_unpaid_work(case, signed_in_as):
    worker = signed_in_as(Role.RESETTLEMENT_WORKER)
    summary = worker.case_summary.summary(case.id)
    assert summary.orders == () and len(summary.custody) == 1


def test_a_change_of_roles_takes_effect_at_the_next_action(case, app, signed_in_as):
    coordinator = signed_in_as(Role.COORDINATOR, username="cai")
    assert coordinator.orders.for_person(case.id)
    member = next(m for m in app.staff.list_staff() if m.username == "cai")
    changed = app.roles.set_roles(member.id, Role.RESETTLEMENT_WORKER,
                                  {Role.RESETTLEMENT_WORKER}, member.version)
    assert changed.roles == {Role.RESETTLEMENT_WORKER} and changed.version > member.version
    with pytest.raises(CapabilityDeniedError):
        coordinator.orders.for_person(case.id)
    assert coordinator.custody.for_person(case.id)
    assert coordinator.ctx.actor.roles == {Role.RESETTLEMENT_WORKER}


def test_a_disabled_account_is_stopped_at_its_next_action(case, app, signed_in_as):
    coordinator = signed_in_as(Role.COORDINATOR, username="cai")
    with app.db.write() as session:
        session.execute(update(Staff).where(Staff.username == "cai").values(active=False))
    with pytest.raises(PermissionDeniedError, match="no longer active"):
        coordinator.orders.for_person(case.id)
    assert coordinator.ctx.actor is None
    with pytest.raises(PermissionDeniedError, match="Sign in first"):
        coordinator.orders.for_person(case.id)


def test_roles_are_changed_only_by_account_managers_with_the_version_read(app, signed_in_as):
    manager = signed_in_as(Role.MANAGER, username="mo")
    member = next(m for m in app.staff.list_staff() if m.username == "mo")
    with pytest.raises(CapabilityDeniedError):
        manager.roles.set_roles(member.id, Role.MANAGER, {Role.ADMINISTRATOR}, member.version)
    app.roles.set_roles(member.id, Role.MANAGER, {Role.COORDINATOR}, member.version)
    with pytest.raises(StaleRecordError):
        app.roles.set_roles(member.id, Role.MANAGER, set(), member.version)
    with app.db.read() as session:
        changes = session.scalars(select(AuditEvent.changes).where(
            AuditEvent.entity == "staff", AuditEvent.action == AuditAction.UPDATE)).one()
    assert '"coordinator"' in changes


def test_the_last_administrator_cannot_give_up_the_role(app):
    me = app.ctx.actor
    with pytest.raises(ValidationError, match="only administrator"):
        app.roles.set_roles(me.id, Role.MANAGER, {Role.MANAGER}, me.version)


def test_new_staff_can_be_given_several_roles(app):
    added = app.staff.add_staff(NewStaff("dee", "Dee Dual", Role.COORDINATOR, Gender.FEMALE,
                                         "long-enough-password",
                                         roles=frozenset({Role.SUPERVISOR})))
    assert added.roles == {Role.COORDINATOR, Role.SUPERVISOR}
    assert [m.username for m in app.staff.list_staff(Role.SUPERVISOR)] == ["dee"]
