"""Directory entries flow to printed documents: the person's plan copy, the day-of-release
sheet and the handover pack print a provider's details as the directory holds them when
printed, read back from the PDF (rule TTG-DIR4)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from upw_ttg.domain.codes import Language, ReferralStatus
from upw_ttg.domain.directory import ProviderInput, ReferralRoute
from upw_ttg.records.ttg import OfficerInput, ReferralInput

from tests.pdf_support import pdf_text
from tests.services.ttg.ttg_support import fill_plan, make_episode, make_person


def _hull_housing(app) -> ProviderInput:
    unit = next(a.id for a in app.directory.areas() if a.code == "HER")
    return ProviderInput(
        name="Humber Homes Advice", pathway_codes=("accommodation",), unit_ids=(unit,),
        address="12 Posterngate", town="Hull", postcode="HU1 2JN", phone="01632 960 555",
        email="refer@humberhomes.example", opening_hours="Monday to Friday, 9am to 4pm",
        referral_route=ReferralRoute.SELF_REFERRAL,
        referral_how="Walk in with the release licence.")


def _case(app, ttg) -> tuple[int, int]:
    """A person with a complete plan and a referral accepted by a directory provider."""
    episode = make_episode(app, make_person(app), conditional_release_date=dt.date(2027, 1, 20))
    plan = fill_plan(ttg, ttg.plans.create(episode))
    provider = app.directory.add(_hull_housing(app))
    referral = ttg.referrals.create(plan.id, ReferralInput(
        "accommodation", "", dt.date(2026, 11, 12), dt.date(2026, 11, 30),
        provider_id=provider.id))
    ttg.referrals.update(referral.id, ReferralInput(
        "accommodation", "", dt.date(2026, 11, 12), dt.date(2026, 11, 30),
        status=ReferralStatus.ACCEPTED, outcome="Caseworker allocated.",
        version=referral.version, provider_id=provider.id))
    ttg.handover.save_officer(episode, OfficerInput(
        "Siân Evans", "The Probation Service", "Hull team", "sian.evans@justice.example",
        "01632 960 900"))
    return episode, provider.id


def test_printed_documents_give_the_providers_details_as_the_directory_holds_them(app, ttg):
    episode, provider_id = _case(app, ttg)
    sheet = pdf_text(ttg.printouts.render_release_sheet(episode, Language.ENGLISH), flattened=True)
    copy = pdf_text(ttg.printouts.render_person_copy(episode, Language.ENGLISH), flattened=True)
    pack = pdf_text(ttg.printouts.render_handover_pack(episode), flattened=True)
    for text in (sheet, copy, pack):
        assert "Humber Homes Advice" in text
        assert "01632 960 555" in text
        assert "12 Posterngate, Hull, HU1 2JN" in text
        assert "Monday to Friday, 9am to 4pm" in text
    assert "You can contact them yourself." in sheet and "You can contact them yourself." in copy
    assert "Refer by: The person refers themselves. Walk in with the release licence." in pack

    # Typed once: a number corrected in the directory is right on every paper printed after.
    [record] = [p for p in app.directory.providers() if p.id == provider_id]
    app.directory.update(provider_id, ProviderInput(**{
        **{f.name: getattr(record, f.name) for f in dataclasses.fields(ProviderInput)
           if hasattr(record, f.name)},
        "name": "Humber Homes", "phone": "01632 960 777"}))
    for text in (pdf_text(ttg.printouts.render_release_sheet(episode, Language.ENGLISH),
                          flattened=True),
                 pdf_text(ttg.printouts.render_person_copy(episode, Language.ENGLISH),
                          flattened=True),
                 pdf_text(ttg.printouts.render_handover_pack(episode), flattened=True)):
        assert "01632 960 777" in text and "01632 960 555" not in text
        assert "Humber Homes" in text and "Humber Homes Advice" not in text


def test_the_welsh_sheet_gives_the_services_in_welsh(app, ttg):
    episode, _provider = _case(app, ttg)
    welsh = pdf_text(ttg.printouts.render_release_sheet(episode, Language.WELSH), flattened=True)
    assert "Llety" in welsh
    assert "Gallwch gysylltu â nhw eich hun." in welsh and "01632 960 555" in welsh


def test_a_service_that_finished_helping_is_not_on_the_release_sheet(app, ttg):
    episode, provider_id = _case(app, ttg)
    plan = ttg.plans.for_episode(episode)
    [referral] = ttg.referrals.for_plan(plan.id)
    ttg.referrals.update(referral.id, ReferralInput(
        "accommodation", "", referral.sent_on, referral.response_expected_by,
        status=ReferralStatus.DECLINED, outcome="No rooms.", version=referral.version,
        provider_id=provider_id))
    sheet = ttg.printouts.release_sheet(episode, Language.ENGLISH)
    assert sheet.services == ()
    assert "Humber Homes Advice" not in pdf_text(
        ttg.printouts.render_release_sheet(episode, Language.ENGLISH), flattened=True)
