"""The directory of local services: admin-only edits, versions, audit, pick lists by pathway
and area, and referrals pointing at a provider (rules TTG-DIR1 to TTG-DIR4)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from upw_ttg.domain.codes import AuditAction, Gender, ReferralStatus, Role
from upw_ttg.domain.directory import ProviderInput, ReferralRoute
from upw_ttg.errors import CapabilityDeniedError, StaleRecordError, ValidationError
from upw_ttg.records.people import PersonInput
from upw_ttg.records.ttg import ReferralInput

from tests.services.ttg.ttg_support import make_episode, make_person, ttg_services


def _unit(app, code: str) -> int:
    return next(a.id for a in app.directory.areas() if a.code == code)


def _office(app, code: str) -> int:
    return next(o.id for o in app.organisation.offices() if o.code == code)


def _provider(app, name: str, pathways: tuple[str, ...], units: tuple[str, ...] = (),
              **changes) -> ProviderInput:
    data = ProviderInput(name=name, pathway_codes=pathways,
                         unit_ids=tuple(_unit(app, u) for u in units), national=not units,
                         address="1 High Street", town="Hull", postcode="hu1 1aa",
                         phone="01632 960 111", email="refer@provider.example",
                         opening_hours="Monday to Friday, 9am to 5pm",
                         referral_route=ReferralRoute.EMAIL,
                         referral_how="Email the referral form.")
    return dataclasses.replace(data, **changes)


def _input(record) -> ProviderInput:
    return ProviderInput(
        name=record.name, pathway_codes=record.pathway_codes, national=record.national,
        unit_ids=record.unit_ids, address=record.address, town=record.town,
        postcode=record.postcode, phone=record.phone, email=record.email,
        opening_hours=record.opening_hours, referral_route=record.referral_route,
        referral_how=record.referral_how, active=record.active, version=record.version)


def test_an_administrator_adds_and_edits_a_provider_versioned_and_audited(app):
    added = app.directory.add(_provider(app, "  Hull Housing Trust ", ("accommodation",),
                                        ("HER",)))
    assert added.name == "Hull Housing Trust" and added.postcode == "HU1 1AA"
    assert added.unit_names == ("Hull and East Riding",) and added.version == 1
    assert added.pathway_names == ("Accommodation",)
    # A change of areas alone still moves the version on and is audited.
    moved = app.directory.update(added.id, dataclasses.replace(
        _input(added), unit_ids=(_unit(app, "HER"), _unit(app, "GLI"))))
    assert moved.version == 2
    assert set(moved.unit_names) == {"Hull and East Riding", "Greater Lincolnshire"}
    renamed = app.directory.update(added.id, dataclasses.replace(
        _input(moved), phone="01632 960 999", national=True))
    assert renamed.phone == "01632 960 999" and renamed.areas_text == "Everywhere"
    assert renamed.unit_ids == ()
    trail = app.audit.events_for("service_provider", added.id)
    assert [e.action for e in trail] == [AuditAction.CREATE, AuditAction.UPDATE,
                                         AuditAction.UPDATE]
    assert trail[1].changes["areas"] == [[_unit(app, "HER")],
                                         sorted([_unit(app, "HER"), _unit(app, "GLI")])]
    assert trail[2].changes["phone"] == ["01632 960 111", "01632 960 999"]
    with pytest.raises(StaleRecordError):
        app.directory.update(added.id, _input(added))


def test_a_provider_names_each_field_that_cannot_be_saved(app):
    with pytest.raises(ValidationError) as caught:
        app.directory.add(ProviderInput(name=" ", email="nobody", phone="ring us",
                                        referral_route=ReferralRoute.FORM))
    assert set(caught.value.fields) == {"name", "pathway_codes", "unit_ids", "email", "phone",
                                        "referral_how"}
    # The route says which detail is needed: email referrals need the address.
    with pytest.raises(ValidationError) as caught:
        app.directory.add(_provider(app, "Mail Only", ("health",), email=None))
    assert "email" in caught.value.fields["email"]
    with pytest.raises(ValidationError) as caught:
        app.directory.add(_provider(app, "No Way In", ("health",), phone=None, email=None,
                                    address=None, referral_route=ReferralRoute.SELF_REFERRAL))
    assert set(caught.value.fields) == {"phone"}
    app.directory.add(_provider(app, "Hull Mind", ("health",)))
    with pytest.raises(ValidationError) as caught:
        app.directory.add(_provider(app, "HULL MIND", ("health",)))
    assert "already in the directory" in caught.value.fields["name"]


def test_only_an_administrator_keeps_the_directory(app, signed_in_as):
    app.directory.add(_provider(app, "Hull Mind", ("health",)))
    for role in (Role.RESETTLEMENT_WORKER, Role.MANAGER, Role.COORDINATOR):
        other = signed_in_as(role)
        [listed] = other.directory.providers()
        with pytest.raises(CapabilityDeniedError):
            other.directory.update(listed.id, _input(listed))
        with pytest.raises(CapabilityDeniedError):
            other.directory.add(_provider(app, f"Another {role}", ("health",)))


def test_referrals_pick_from_the_pathway_and_the_persons_area_first(app):
    ttg = ttg_services(app)
    person = app.people.create(PersonInput(
        crn="X300009", forename="Ann", surname="Hull", date_of_birth=dt.date(1990, 1, 1),
        gender=Gender.FEMALE, office_id=_office(app, "HUL"))).id
    plan = ttg.plans.create(make_episode(app, person))
    york = app.directory.add(_provider(app, "York Housing", ("accommodation",), ("YNY",)))
    hull = app.directory.add(_provider(app, "Hull Housing", ("accommodation",), ("HER",)))
    national = app.directory.add(_provider(app, "Shelter", ("accommodation",)))
    app.directory.add(_provider(app, "Hull Recovery", ("drugs_alcohol",), ("HER",)))
    closed = app.directory.add(_provider(app, "Closed Housing", ("accommodation",), ("HER",)))
    app.directory.update(closed.id, dataclasses.replace(_input(closed), active=False))
    choices = ttg.referrals.provider_choices(plan.id, "accommodation")
    assert [(c.name, c.in_area) for c in choices] == [
        ("Hull Housing", True), ("Shelter", True), ("York Housing", False)]
    assert {c.id for c in choices} == {york.id, hull.id, national.id}
    # A provider no longer taking referrals cannot be picked for a new one.
    with pytest.raises(ValidationError) as caught:
        ttg.referrals.create(plan.id, ReferralInput(
            pathway_code="accommodation", provider_id=closed.id,
            sent_on=dt.date(2026, 11, 20), response_expected_by=dt.date(2026, 12, 4)))
    assert "no longer taking referrals" in caught.value.fields["provider"]


def test_a_referral_names_its_provider_as_the_directory_does_today(app):
    ttg = ttg_services(app)
    plan = ttg.plans.create(make_episode(app, make_person(app)))
    hull = app.directory.add(_provider(app, "Hull Housing", ("accommodation",), ("HER",)))
    referral = ttg.referrals.create(plan.id, ReferralInput(
        pathway_code="accommodation", provider="typed text is ignored", provider_id=hull.id,
        sent_on=dt.date(2026, 11, 20), response_expected_by=dt.date(2026, 12, 4)))
    assert referral.provider == "Hull Housing" and referral.contact.phone == "01632 960 111"
    app.directory.update(hull.id, dataclasses.replace(_input(hull), name="Hull Homes",
                                                      phone="01632 960 222"))
    [again] = ttg.referrals.for_plan(plan.id)
    assert again.provider == "Hull Homes" and again.contact.phone == "01632 960 222"
    # Stopping referrals to it leaves this one pointing at it, and it can still be updated.
    current = app.directory.providers()[0]
    app.directory.update(hull.id, dataclasses.replace(_input(current), active=False))
    done = ttg.referrals.update(again.id, ReferralInput(
        pathway_code="accommodation", provider_id=hull.id, sent_on=again.sent_on,
        response_expected_by=again.response_expected_by, status=ReferralStatus.COMPLETED,
        outcome="Room from release day.", version=again.version))
    assert done.provider_id == hull.id and done.status == ReferralStatus.COMPLETED
    # One not in the directory is typed by name and has no details to print.
    typed = ttg.referrals.create(plan.id, ReferralInput(
        pathway_code="health", provider="Dr Patel's surgery", sent_on=dt.date(2026, 11, 20),
        response_expected_by=dt.date(2026, 12, 4)))
    assert typed.provider == "Dr Patel's surgery" and typed.contact is None


def test_the_caseload_names_an_overdue_referrals_provider_as_it_is_now(app):
    ttg = ttg_services(app)
    plan = ttg.plans.create(make_episode(app, make_person(app)))
    hull = app.directory.add(_provider(app, "Hull Housing", ("accommodation",), ("HER",)))
    ttg.referrals.create(plan.id, ReferralInput(
        pathway_code="accommodation", provider_id=hull.id, sent_on=dt.date(2026, 11, 2),
        response_expected_by=dt.date(2026, 11, 16)))
    app.directory.update(hull.id, dataclasses.replace(_input(hull), name="Hull Homes"))
    [row] = ttg.dashboard.caseload().referrals_overdue
    assert row.note.startswith("Hull Homes (Accommodation): sent 2 Nov")
    [overdue] = ttg.referrals.overdue()
    assert overdue.referral.provider == "Hull Homes"
