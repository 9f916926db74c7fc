"""Risk changes that reach everyone (rule UPW-RISKSHARE): who is listed, told, confirmed, chased."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from upw_ttg.domain.codes import (
    ContactMethod,
    RiskLevel,
    Role,
)
from upw_ttg.domain.risk_sharing import (
    RISK_FIELDS,
    Contact,
    ContactKind,
    distinct_contacts,
    risk_changes,
)
from upw_ttg.errors import CapabilityDeniedError, ValidationError
from upw_ttg.storage.models import (
    AuditEvent,
    DeliveryUnit,
    Office,
    Person,
)

from tests.services.attendance.attendance_data import World, set_clock, set_setting
from tests.services.upw.risk_support import change, with_contacts

TODAY = dt.date(2026, 11, 26)  # a Thursday


@pytest.fixture
def world(app) -> World:
    set_clock(app, dt.datetime(2026, 11, 26, 10, 0))
    return World(app)


def test_a_risk_change_lists_everyone_with_upcoming_contact_once(app, world):
    person, assessment = with_contacts(world)
    change(app, assessment, risk_level=RiskLevel.HIGH, risk_to_children=True)
    [notice] = app.upw.risk_sharing.for_person(person)
    assert notice.changes == ("Risk of harm: medium → high", "Risk to children: now applies")
    assert notice.open
    listed = [(c.kind, c.contact) for c in notice.contacts]
    assert listed == [(ContactKind.SUPERVISOR, "Sam Supervisor"),
                      (ContactKind.BENEFICIARY, "Siân Jones"),
                      (ContactKind.SUPERVISOR, "Tess Supervisor"),
                      (ContactKind.PROVIDER, "Shelter"),
                      (ContactKind.RESPONSIBLE_OFFICER, "Priya Officer")]
    # Two working days from Thursday 26 November: Monday 30 November.
    assert {c.confirm_by for c in notice.contacts} == {dt.date(2026, 11, 30)}
    with app.db.read() as s:
        assert s.scalar(select(AuditEvent.id).where(AuditEvent.entity == "risk_change")
                        .limit(1)) is not None


def test_answers_other_than_risk_and_a_draft_assessment_tell_nobody(app, world):
    person, assessment = with_contacts(world)
    change(app, assessment, literacy_need=True)
    assert app.upw.risk_sharing.for_person(person) == []
    draft = world.assessment(person, completed_on=None)
    change(app, draft, risk_violence=True)
    assert app.upw.risk_sharing.for_person(person) == []


def test_told_confirmed_and_chased_in_working_days(app, world):
    person, assessment = with_contacts(world)
    change(app, assessment, no_female_supervisor=True)
    sharing = app.upw.risk_sharing
    queue = sharing.open_contacts()
    assert len(queue) == 5 and not any(c.chase_due for c in queue)
    first = queue[0]
    told = sharing.record_told(first.id, first.version, ContactMethod.PHONE,
                               note="Spoke to Sam before the session.")
    assert (told.told_on, told.told_method, told.told_by) == (
        TODAY, ContactMethod.PHONE, app.ctx.actor.full_name)
    confirmed = sharing.record_confirmed(told.id, told.version)
    assert confirmed.confirmed_on == TODAY
    assert first.id not in {c.id for c in sharing.open_contacts()}
    # Tuesday 1 December: past Monday's confirm-by day, the rest are to be chased.
    set_clock(app, dt.datetime(2026, 12, 1, 9, 0))
    queue = sharing.open_contacts()
    assert len(queue) == 4 and all(c.chase_due for c in queue)
    chased = sharing.record_chased(queue[0].id, queue[0].version)
    assert chased.chased_on == dt.date(2026, 12, 1)
    assert chased.confirm_by == dt.date(2026, 12, 3) and not chased.chase_due
    assert [c.chase_due for c in sharing.open_contacts()] == [True, True, True, False]


def test_bank_holidays_and_closures_are_not_working_days(app, world):
    set_clock(app, dt.datetime(2026, 12, 24, 10, 0))
    app.calendar.add_closure(dt.date(2026, 12, 29), "Office closed")
    person, assessment = with_contacts(world)
    set_setting(app, "upw.risk_confirm_working_days", "3")
    change(app, assessment, close_supervision=True)
    [notice] = app.upw.risk_sharing.for_person(person)
    # 25, 28 December bank holidays, 29th closed: 30, 31 December, then 1 January (bank
    # holiday) and 4 January.
    assert notice.contacts[-1].confirm_by == dt.date(2027, 1, 4)


def test_refusals_are_plain_and_a_supervisor_reads_nothing(app, world, signed_in_as):
    person, assessment = with_contacts(world)
    change(app, assessment, risk_hate_behaviour=True)
    sharing = app.upw.risk_sharing
    contact = sharing.open_contacts()[0]
    with pytest.raises(ValidationError) as refused:
        sharing.record_told(contact.id, contact.version, ContactMethod.EMAIL,
                            told_on=TODAY + dt.timedelta(days=1))
    assert "future" in refused.value.fields["told_on"]
    with pytest.raises(ValidationError) as refused:
        sharing.record_told(contact.id, contact.version, ContactMethod.EMAIL,
                            told_on=TODAY - dt.timedelta(days=3))
    assert "before the change" in refused.value.fields["told_on"]
    supervisor = signed_in_as(Role.SUPERVISOR)
    with pytest.raises(CapabilityDeniedError):
        supervisor.upw.risk_sharing.open_contacts()
    with pytest.raises(CapabilityDeniedError):
        supervisor.upw.risk_sharing.record_confirmed(contact.id, contact.version)


def test_the_queue_filters_by_unit_and_coordinator(app, world):
    person, assessment = with_contacts(world)
    change(app, assessment, risk_violence=True)
    sharing = app.upw.risk_sharing
    with app.db.read() as s:
        unit = s.scalar(select(Office.delivery_unit_id).join(Person, Person.office_id == Office.id)
                        .where(Person.id == person))
        other = s.scalar(select(DeliveryUnit.id).where(DeliveryUnit.id != unit).limit(1))
    assert len(sharing.open_contacts(delivery_unit_id=unit)) == 5
    assert sharing.open_contacts(delivery_unit_id=other) == []
    assert sharing.open_contacts(coordinator_id=987654) == []


_facts = st.fixed_dictionaries({
    field: (st.sampled_from([None, *RiskLevel]) if field == "risk_level" else st.booleans())
    for field in RISK_FIELDS})


@given(_facts, _facts)
def test_a_change_is_listed_exactly_when_a_watched_answer_differs(before, after):
    changes = risk_changes(before, after)
    differing = [f for f in RISK_FIELDS if before[f] != after[f]]
    assert len(changes) == len(differing)
    assert risk_changes(after, after) == ()


@given(st.lists(st.tuples(st.sampled_from(list(ContactKind)), st.sampled_from(["Ann", "ann ",
                                                                               "Bob"]),
                          st.sampled_from([None, 1, 2]))))
def test_everyone_is_told_once(raw):
    contacts = [Contact(kind, name, "detail", staff) for kind, name, staff in raw]
    kept = distinct_contacts(contacts)
    keys = [(c.kind, c.staff_id if c.staff_id is not None else c.name.strip().casefold())
            for c in kept]
    assert len(keys) == len(set(keys))
    assert set(keys) == {(c.kind, c.staff_id if c.staff_id is not None
                          else c.name.strip().casefold()) for c in contacts}
