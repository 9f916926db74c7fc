"""Fallbacks, actions and the first night's accommodation picked from the directory: the link is
kept, and the release sheet, the person's copy and the handover pack print the provider as the
directory holds it when printed, Welsh opening hours on Welsh papers (rule TTG-DIR4)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from upw_ttg.domain.codes import Language
from upw_ttg.domain.directory import ProviderInput, ReferralRoute
from upw_ttg.errors import ValidationError
from upw_ttg.records.ttg import (
    ActionInput,
    NeedInput,
    ReleaseFallbackInput,
    ReviewInput,
)

from tests.pdf_support import pdf_text
from tests.services.ttg.ttg_support import fill_plan, make_episode, make_person


def _provider(app, **changes) -> int:
    unit = next(a.id for a in app.directory.areas() if a.code == "HER")
    data = ProviderInput(
        name="Hessle Road Hostel", pathway_codes=("accommodation",), unit_ids=(unit,),
        address="80 Hessle Road", town="Hull", postcode="HU3 2AA", phone="01632 960 321",
        opening_hours="Every day, 24 hours", opening_hours_cy="Bob dydd, 24 awr",
        referral_route=ReferralRoute.PHONE)
    return app.directory.add(dataclasses.replace(data, **changes)).id


def _need_input(need, **changes) -> NeedInput:
    data = NeedInput(need.pathway_code, need.own_words, need.status, need.responsibility,
                     need.linked_to_offending, need.version, need.on_persons_copy,
                     need.fallback_plan, need.fallback_contact, need.fallback_by,
                     need.fallback_provider_id)
    return dataclasses.replace(data, **changes)


@pytest.fixture
def case(app, ttg):
    """A complete plan whose accommodation fallback, day-of-release fallback, one action and
    first night all point at one provider in the directory."""
    episode = make_episode(app, make_person(app), conditional_release_date=dt.date(2027, 1, 20))
    plan = fill_plan(ttg, ttg.plans.create(episode))
    provider = _provider(app)
    plan = ttg.plans.save_need(plan.id, _need_input(
        plan.need("accommodation"), fallback_contact=None, fallback_provider_id=provider))
    plan = ttg.plans.save_release_fallback(plan.id, ReleaseFallbackInput(
        "Go straight to the hostel", None, dt.time(15, 0), plan.version, provider))
    plan = ttg.plans.save_action(plan.id, ActionInput(
        "Book a bed for the first night", "", dt.date(2027, 1, 10),
        plan.need("accommodation").id, provider_id=provider))
    ttg.reviews.save(episode, ReviewInput(review_date=dt.date(2026, 11, 25),
                                          accommodation_found=True,
                                          accommodation_provider_id=provider))
    return episode, provider


def test_a_picked_provider_is_kept_and_named_on_the_plan(app, ttg, case):
    episode, provider = case
    plan = ttg.plans.for_episode(episode)
    need = plan.need("accommodation")
    assert need.fallback_provider_id == provider
    assert need.fallback_contact == "Hessle Road Hostel"
    assert need.fallback_provider.phone == "01632 960 321"
    assert plan.release_fallback_provider_id == provider
    assert plan.release_fallback_contact == "Hessle Road Hostel"
    [action] = [a for a in plan.actions if a.provider_id == provider]
    assert action.owner == "Hessle Road Hostel"
    review = ttg.reviews.for_episode(episode)
    assert review.accommodation_provider_id == provider
    assert review.accommodation_provider.address == "80 Hessle Road, Hull, HU3 2AA"
    # A picked provider counts as "who to call": the plan still passes the fallback gate.
    assert not plan.missing_for_completion


def test_a_provider_no_longer_taking_referrals_cannot_be_newly_picked(app, ttg, case):
    episode, provider = case
    closed = _provider(app, name="Closed Hostel", active=False)
    plan = ttg.plans.for_episode(episode)
    with pytest.raises(ValidationError) as raised:
        ttg.plans.save_release_fallback(plan.id, ReleaseFallbackInput(
            "Go to the hostel", None, dt.time(15, 0), plan.version, closed))
    assert "Closed Hostel is no longer taking referrals" in raised.value.fields[
        "release_fallback_contact"]
    # One already pointed at stays when the record is saved again.
    record = next(p for p in app.directory.providers() if p.id == provider)
    app.directory.update(provider, ProviderInput(**{
        **{f.name: getattr(record, f.name) for f in dataclasses.fields(ProviderInput)},
        "active": False}))
    plan = ttg.plans.save_release_fallback(plan.id, ReleaseFallbackInput(
        "Go to the hostel", None, dt.time(16, 0), plan.version, provider))
    assert plan.release_fallback_provider_id == provider


def test_printed_papers_give_the_providers_details_and_follow_an_edit(app, ttg, case):
    episode, provider = case
    papers = (lambda: ttg.printouts.render_release_sheet(episode, Language.ENGLISH),
              lambda: ttg.printouts.render_person_copy(episode, Language.ENGLISH),
              lambda: ttg.printouts.render_handover_pack(episode))
    for paper in papers:
        text = pdf_text(paper(), flattened=True)
        assert "Hessle Road Hostel" in text and "01632 960 321" in text
        assert "80 Hessle Road, Hull, HU3 2AA" in text
    record = next(p for p in app.directory.providers() if p.id == provider)
    app.directory.update(provider, ProviderInput(**{
        **{f.name: getattr(record, f.name) for f in dataclasses.fields(ProviderInput)},
        "name": "Hessle Road House", "phone": "01632 960 999"}))
    for paper in papers:
        text = pdf_text(paper(), flattened=True)
        assert "01632 960 999" in text and "01632 960 321" not in text
        assert "Hessle Road House" in text and "Hessle Road Hostel" not in text


def test_welsh_papers_give_the_welsh_opening_hours_or_else_the_english(app, ttg, case):
    episode, provider = case
    welsh = pdf_text(ttg.printouts.render_release_sheet(episode, Language.WELSH), flattened=True)
    assert "Bob dydd, 24 awr" in welsh and "Every day, 24 hours" not in welsh
    english = pdf_text(ttg.printouts.render_release_sheet(episode, Language.ENGLISH),
                       flattened=True)
    assert "Every day, 24 hours" in english and "Bob dydd" not in english
    pack = ttg.printouts.render_handover_pack(episode, Language.WELSH)
    assert "Bob dydd, 24 awr" in pdf_text(pack, flattened=True)
    record = next(p for p in app.directory.providers() if p.id == provider)
    app.directory.update(provider, ProviderInput(**{
        **{f.name: getattr(record, f.name) for f in dataclasses.fields(ProviderInput)},
        "opening_hours_cy": None}))
    assert "Every day, 24 hours" in pdf_text(
        ttg.printouts.render_release_sheet(episode, Language.WELSH), flattened=True)
