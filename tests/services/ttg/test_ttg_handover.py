"""Referrals, the pre-release review and the handover to the responsible officer (and chasing)."""

from __future__ import annotations

import datetime as dt

import pytest

from upw_ttg.domain.codes import ContactMethod, ReferralStatus, Role
from upw_ttg.errors import StaleRecordError, ValidationError
from upw_ttg.records.ttg import (
    ContactInput,
    OfficerInput,
    ReferralInput,
    ReviewInput,
)

from tests.services.ttg.ttg_support import make_episode, make_person, read_at


@pytest.fixture
def plan(ttg, episode_id):
    return ttg.plans.create(episode_id)


def referral(**changes) -> ReferralInput:
    data = ReferralInput(pathway_code="accommodation", provider="Shelter",
                         sent_on=dt.date(2026, 11, 10),
                         response_expected_by=dt.date(2026, 11, 24))
    for name, value in changes.items():
        setattr(data, name, value)
    return data


# ---- referrals -----------------------------------------------------------------------------
def test_a_referral_waiting_past_its_expected_date_is_overdue(app, ttg, plan):
    late = ttg.referrals.create(plan.id, referral())
    ttg.referrals.create(plan.id, referral(provider="Mentoring Plus",
                                           response_expected_by=dt.date(2026, 11, 26)))
    answered = ttg.referrals.create(plan.id, referral(provider="Jobcentre"))
    ttg.referrals.update(answered.id, referral(provider="Jobcentre",
                                               status=ReferralStatus.ACCEPTED,
                                               version=answered.version))
    assert late.overdue and late.pathway_name == "Accommodation"
    overdue = ttg.referrals.overdue()
    assert [(o.referral.provider, o.days_overdue, o.person_name) for o in overdue] == [
        ("Shelter", 2, "Dafydd Jones")]
    lincoln = next(p.id for p in app.custody.prisons() if p.code == "LII")
    assert ttg.referrals.overdue(prison_id=lincoln) == []
    assert [r.provider for r in ttg.referrals.for_plan(plan.id) if r.overdue] == ["Shelter"]


def test_a_closed_referral_says_how_it_ended(ttg, plan):
    sent = ttg.referrals.create(plan.id, referral())
    with pytest.raises(ValidationError, match="what came of the referral"):
        ttg.referrals.update(sent.id, referral(status=ReferralStatus.COMPLETED,
                                               version=sent.version))
    done = ttg.referrals.update(sent.id, referral(status=ReferralStatus.COMPLETED,
                                                  outcome="Room at Hope House",
                                                  version=sent.version))
    assert (done.status, done.outcome, done.overdue) == \
        (ReferralStatus.COMPLETED, "Room at Hope House", False)


def test_withdrawing_needs_a_coded_reason(ttg, plan):
    sent = ttg.referrals.create(plan.id, referral())
    with pytest.raises(ValidationError, match="why the referral was withdrawn"):
        ttg.referrals.withdraw(sent.id, "bored", sent.version)
    with pytest.raises(ValidationError, match="Say why"):
        ttg.referrals.withdraw(sent.id, "other", sent.version)
    gone = ttg.referrals.withdraw(sent.id, "transferred", sent.version)
    assert (gone.status, gone.withdrawn_reason) == (ReferralStatus.WITHDRAWN,
                                                    "Transferred to another prison")
    assert ("declined_by_person", "The person no longer wants the service") in \
        ttg.referrals.withdrawn_reasons()


def test_referral_input_is_checked(ttg, plan):
    with pytest.raises(ValidationError) as caught:
        ttg.referrals.create(plan.id, referral(provider="", response_expected_by=None,
                                               sent_on=dt.date(2026, 12, 1)))
    assert set(caught.value.fields) == {"provider", "response_expected_by", "sent_on"}
    with pytest.raises(ValidationError, match="before the referral is sent"):
        ttg.referrals.create(plan.id, referral(response_expected_by=dt.date(2026, 11, 1)))
    sent = ttg.referrals.create(plan.id, referral())
    ttg.referrals.update(sent.id, referral(status=ReferralStatus.ACCEPTED,
                                           version=sent.version))
    with pytest.raises(StaleRecordError):
        ttg.referrals.update(sent.id, referral(status=ReferralStatus.DECLINED, outcome="No",
                                               version=sent.version))


# ---- pre-release review --------------------------------------------------------------------
def test_the_review_records_each_answer_and_its_due_date(ttg, episode_id):
    review = ttg.reviews.save(episode_id, ReviewInput(
        review_date=dt.date(2026, 11, 25), accommodation_found=True,
        accommodation_address="Flat 2, 10 Hessle Road, Hull HU3 2AA",
        id_status="Birth certificate held", bank_account_status="Account opened",
        benefits_status="Universal Credit appointment 2 Jun 10:00, Hull Jobcentre",
        gp_registered=True, gp_details="Hessle Road Health Centre",
        prescriptions_on_day="7 days of sertraline from healthcare",
        first_appointment_with="Sam Officer", first_appointment_at=dt.datetime(2027, 6, 1, 14),
        first_appointment_where="Hull probation office, Lombard Street",
        first_appointment_phone="01482 123456"))
    assert review.due_date == dt.date(2027, 3, 9)  # CRD 1 Jun 2027 less 12 weeks
    assert review.first_appointment.with_whom == "Sam Officer"
    changed = ttg.reviews.save(episode_id, ReviewInput(
        review_date=dt.date(2026, 11, 25), accommodation_found=False,
        accommodation_address="Flat 2", version=review.version))
    assert (changed.accommodation_found, changed.accommodation_address) == (False, None)
    with pytest.raises(StaleRecordError):
        ttg.reviews.save(episode_id, ReviewInput(version=review.version))
    with pytest.raises(StaleRecordError):
        ttg.reviews.save(episode_id, ReviewInput())


def test_review_input_is_checked(ttg, episode_id):
    with pytest.raises(ValidationError) as caught:
        ttg.reviews.save(episode_id, ReviewInput(
            review_date=dt.date(2026, 12, 1), accommodation_found=True,
            first_appointment_phone="call me", first_appointment_at=dt.datetime(2020, 1, 1)))
    assert set(caught.value.fields) == {"review_date", "accommodation_address",
                                        "first_appointment_phone", "first_appointment_at"}


# ---- handover ------------------------------------------------------------------------------
def test_the_officer_contacts_and_risk_sharing_are_recorded(ttg, episode_id):
    handover = ttg.handover.save_officer(episode_id, OfficerInput(
        ro_name="Siân Evans", ro_organisation="The Probation Service", ro_team="Hull East",
        ro_email="sian.evans@justice.example", ro_phone="01482 000111"))
    assert handover.window_opens == dt.date(2027, 4, 6)
    handover = ttg.handover.record_risk_shared(episode_id, True, dt.date(2026, 11, 24),
                                               handover.version)
    handover = ttg.handover.save_meeting(episode_id, dt.datetime(2026, 12, 3, 10),
                                         "Three-way video call booked", handover.version)
    handover = ttg.handover.add_contact(episode_id, ContactInput(
        dt.date(2026, 11, 24), ContactMethod.EMAIL, "Risk summary and plan sent"))
    assert (handover.ro_name, handover.risk_info_shared_on, handover.meeting_at.day) == \
        ("Siân Evans", dt.date(2026, 11, 24), 3)
    assert [c.shared for c in handover.contacts] == ["Risk summary and plan sent"]
    with pytest.raises(ValidationError, match="email address"):
        ttg.handover.save_officer(episode_id, OfficerInput(ro_email="not-an-email",
                                                           version=handover.version))
    with pytest.raises(StaleRecordError):
        ttg.handover.save_officer(episode_id, OfficerInput(ro_name="Someone"))


def test_an_unacknowledged_contact_is_chased_only_after_its_chase_date(app, ttg, episode_id):
    # Contact on Mon 16 Nov 2026: acknowledgement due by Mon 23 Nov; chased from 24 Nov.
    handover = ttg.handover.add_contact(episode_id, ContactInput(
        dt.date(2026, 11, 16), ContactMethod.EMAIL, "Release date and address"))
    contact = handover.contacts[0]
    assert (contact.chase_date, contact.needs_chase) == (dt.date(2026, 11, 23), True)
    assert [c.person_name for c in ttg.handover.chasers()] == ["Dafydd Jones"]
    app.ctx.now = lambda: dt.datetime(2026, 11, 23, 9)
    assert ttg.handover.chasers() == []
    app.ctx.now = lambda: dt.datetime(2026, 11, 26, 10, 30)
    handover = ttg.handover.acknowledge(contact.id, dt.date(2026, 11, 25))
    assert not handover.contacts[0].needs_chase and ttg.handover.chasers() == []
    with pytest.raises(ValidationError, match="already acknowledged"):
        ttg.handover.acknowledge(contact.id, dt.date(2026, 11, 26))


def test_the_chase_date_skips_christmas(app, ttg, episode_id):
    ttg.handover.add_contact(episode_id, ContactInput(dt.date(2026, 11, 20),
                                                      ContactMethod.PHONE, "Intro call"))
    app.ctx.now = lambda: dt.datetime(2026, 12, 21, 9)
    handover = ttg.handover.add_contact(episode_id, ContactInput(
        dt.date(2026, 12, 21), ContactMethod.EMAIL, "Chased: no reply to the call"))
    # The newest contact supersedes the first: only it can need chasing.
    assert [(c.chase_date, c.needs_chase) for c in handover.contacts] == [
        (dt.date(2026, 12, 30), False), (dt.date(2026, 11, 27), False)]
    app.ctx.now = lambda: dt.datetime(2026, 12, 30, 16)
    assert ttg.handover.chasers() == []
    app.ctx.now = lambda: dt.datetime(2026, 12, 31, 9)
    assert [c.contact.contact_date for c in ttg.handover.chasers()] == [dt.date(2026, 12, 21)]


def test_an_acknowledged_later_contact_ends_the_chase(ttg, episode_id):
    ttg.handover.add_contact(episode_id, ContactInput(dt.date(2026, 11, 2),
                                                      ContactMethod.EMAIL, "Intro"))
    handover = ttg.handover.add_contact(episode_id, ContactInput(
        dt.date(2026, 11, 9), ContactMethod.PHONE, "Spoke", acknowledged_on=dt.date(2026, 11, 9)))
    assert handover.chasers == () and ttg.handover.chasers() == []


def test_chasers_are_listed_by_prison_and_worker(app, ttg, add_staff):
    worker = add_staff("wyn", Role.RESETTLEMENT_WORKER, "Wyn Worker")
    humber = make_episode(app, make_person(app, "X300010", "Ann"), "HMI")
    lincoln = make_episode(app, make_person(app, "X300011", "Bob"), "LII")
    ttg.dashboard.assign(read_at(app, lincoln), worker.id)
    for episode in (humber, lincoln):
        ttg.handover.add_contact(episode, ContactInput(dt.date(2026, 11, 2),
                                                       ContactMethod.EMAIL, "Intro"))
    lii = next(p.id for p in app.custody.prisons() if p.code == "LII")
    assert [c.person_name for c in ttg.handover.chasers(prison_id=lii)] == ["Bob Jones"]
    assert [c.person_name for c in ttg.handover.chasers(worker_id=worker.id)] == ["Bob Jones"]
    assert len(ttg.handover.chasers()) == 2


def test_contacts_are_audited(app, ttg, episode_id):
    handover = ttg.handover.add_contact(episode_id, ContactInput(
        dt.date(2026, 11, 2), ContactMethod.EMAIL, "Intro"))
    ttg.handover.acknowledge(handover.contacts[0].id, dt.date(2026, 11, 3))
    events = app.audit.events_for("handover_contact", handover.contacts[0].id)
    assert [e.action.value for e in events] == ["create", "update"]
    assert events[1].changes == {"acknowledged_on": [None, "2026-11-03"]}
