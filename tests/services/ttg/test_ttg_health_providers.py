"""The GP practice and the prescription pharmacy picked from the directory: the link is kept,
the typed text stays the fallback, and the release sheet, the person's copy and the handover
pack print the provider as the directory holds it when printed, in English and Welsh (rule
TTG-DIR4)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from upw_ttg.domain.codes import Language, NeedStatus, Role
from upw_ttg.domain.directory import ProviderInput, ReferralRoute
from upw_ttg.errors import PermissionDeniedError, ValidationError
from upw_ttg.records.ttg import NeedInput, ReviewInput

from tests.pdf_support import pdf_text
from tests.services.ttg.ttg_support import fill_plan, make_episode, make_person

_REVIEWED = dt.date(2026, 11, 25)


def _health(app, name: str, **changes) -> int:
    unit = next(a.id for a in app.directory.areas() if a.code == "HER")
    data = ProviderInput(
        name=name, pathway_codes=("health",), unit_ids=(unit,), address="2 Bridge Street",
        town="Hull", postcode="HU1 1AA", phone="01632 960 711",
        opening_hours="Monday to Friday, 8am to 6.30pm",
        opening_hours_cy="Dydd Llun i ddydd Gwener, 8yb i 6.30yh",
        referral_route=ReferralRoute.SELF_REFERRAL)
    return app.directory.add(dataclasses.replace(data, **changes)).id


def _edit(app, provider_id: int, **changes) -> None:
    record = next(p for p in app.directory.providers() if p.id == provider_id)
    app.directory.update(provider_id, ProviderInput(**{
        **{f.name: getattr(record, f.name) for f in dataclasses.fields(ProviderInput)},
        **changes}))


def _review(ttg, episode: int, **changes):
    current = ttg.reviews.for_episode(episode)
    data = ReviewInput(review_date=_REVIEWED, accommodation_found=True,
                       accommodation_address="12 Hessle Road, Hull", gp_registered=True,
                       prescriptions_arranged=True,
                       version=current.version if current else None)
    return ttg.reviews.save(episode, dataclasses.replace(data, **changes))


@pytest.fixture
def case(app, ttg):
    """A complete plan whose review picks a GP practice and a pharmacy from the directory."""
    episode = make_episode(app, make_person(app), conditional_release_date=dt.date(2027, 1, 20))
    fill_plan(ttg, ttg.plans.create(episode))
    gp = _health(app, "Bridge Street Surgery")
    pharmacy = _health(app, "Marina Pharmacy", address="7 Humber Dock Street",
                       phone="01632 960 722", opening_hours="Every day, 8am to 10pm",
                       opening_hours_cy=None)
    _review(ttg, episode, gp_provider_id=gp, prescriptions_provider_id=pharmacy)
    return episode, gp, pharmacy


def test_the_picked_practice_and_pharmacy_are_kept_under_their_names(ttg, case):
    episode, gp, pharmacy = case
    review = ttg.reviews.for_episode(episode)
    assert (review.gp_provider_id, review.gp_details) == (gp, "Bridge Street Surgery")
    assert review.gp_provider.phone == "01632 960 711"
    assert (review.prescriptions_provider_id, review.prescriptions_collect_from) == \
        (pharmacy, "Marina Pharmacy")
    assert review.prescriptions_provider.address == "7 Humber Dock Street, Hull, HU1 1AA"


def test_typed_text_stays_the_fallback_and_no_pharmacy_without_a_prescription(ttg, case):
    episode, _gp, _pharmacy = case
    review = _review(ttg, episode, gp_details="Dr Khan, Anlaby Road, 01632 960 799",
                     prescriptions_collect_from="Boots, Whitefriargate")
    assert (review.gp_provider_id, review.gp_details) == \
        (None, "Dr Khan, Anlaby Road, 01632 960 799")
    assert (review.prescriptions_provider_id, review.prescriptions_collect_from) == \
        (None, "Boots, Whitefriargate")
    sheet = pdf_text(ttg.printouts.render_release_sheet(episode, Language.ENGLISH), flattened=True)
    assert "Dr Khan, Anlaby Road" in sheet and "Boots, Whitefriargate" in sheet
    review = _review(ttg, episode, prescriptions_arranged=False,
                     prescriptions_provider_id=_pharmacy)
    assert (review.prescriptions_provider_id, review.prescriptions_collect_from) == (None, None)


def test_a_provider_no_longer_taking_referrals_cannot_be_newly_picked(app, ttg, case):
    episode, gp, _pharmacy = case
    closed = _health(app, "Closed Surgery", active=False)
    with pytest.raises(ValidationError) as raised:
        _review(ttg, episode, gp_provider_id=closed)
    assert "Closed Surgery is no longer taking referrals" in raised.value.fields["gp_details"]
    # The practice already picked stays when the review is saved again after it closed.
    _edit(app, gp, active=False)
    assert _review(ttg, episode, gp_provider_id=gp).gp_provider_id == gp


def _papers(ttg, episode, welsh: bool):
    language = Language.WELSH if welsh else Language.ENGLISH
    return {"release sheet": pdf_text(ttg.printouts.render_release_sheet(episode, language),
                                      flattened=True),
            "person's copy": pdf_text(ttg.printouts.render_person_copy(episode, language),
                                      flattened=True),
            "handover pack": pdf_text(ttg.printouts.render_handover_pack(
                episode, Language.WELSH if welsh else Language.ENGLISH), flattened=True)}


@pytest.mark.parametrize("welsh", [False, True], ids=["English", "Welsh"])
def test_every_paper_prints_the_practice_and_the_pharmacy_from_the_directory(ttg, case, welsh):
    episode, _gp, _pharmacy = case
    for paper, text in _papers(ttg, episode, welsh).items():
        for expected in ("Bridge Street Surgery", "01632 960 711", "2 Bridge Street, Hull",
                         "Marina Pharmacy", "01632 960 722", "7 Humber Dock Street, Hull"):
            assert expected in text, (paper, expected)
        # Welsh papers give the Welsh hours, or the English ones where none were typed.
        gp_hours = ("Dydd Llun i ddydd Gwener, 8yb i 6.30yh" if welsh
                    else "Monday to Friday, 8am to 6.30pm")
        assert gp_hours in text, paper
        assert "Every day, 8am to 10pm" in text, paper
        assert ("Monday to Friday, 8am" in text) is not welsh, paper


def test_an_edit_in_the_directory_shows_on_the_next_print(app, ttg, case):
    episode, gp, pharmacy = case
    _edit(app, gp, name="Bridge Street Medical Practice", phone="01632 960 733")
    _edit(app, pharmacy, address="9 Princes Dock Street")
    for paper, text in _papers(ttg, episode, welsh=False).items():
        assert "Bridge Street Medical Practice" in text and "01632 960 733" in text, paper
        assert "01632 960 711" not in text, paper
        assert "9 Princes Dock Street" in text and "7 Humber Dock Street" not in text, paper


def test_a_health_need_kept_off_the_persons_copy_keeps_the_gp_off_it(ttg, case):
    episode, _gp, _pharmacy = case
    plan = ttg.plans.for_episode(episode)
    need = plan.need("health")
    ttg.plans.save_need(plan.id, NeedInput(
        need.pathway_code, "I need my tablets", NeedStatus.IN_PROGRESS, need.responsibility,
        need.linked_to_offending, need.version, False))
    copy = pdf_text(ttg.printouts.render_person_copy(episode, Language.ENGLISH), flattened=True)
    assert "Bridge Street Surgery" not in copy and "Marina Pharmacy" not in copy
    # The release sheet is for the day itself: the practice and the pharmacy stay on it.
    sheet = pdf_text(ttg.printouts.render_release_sheet(episode, Language.ENGLISH), flattened=True)
    assert "Bridge Street Surgery" in sheet and "Marina Pharmacy" in sheet


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.COORDINATOR])
def test_only_through_the_gate_staff_may_pick_the_practice(signed_in_as, case, role):
    episode, gp, _pharmacy = case
    services = signed_in_as(role)
    with pytest.raises(PermissionDeniedError):
        services.reviews.save(episode, ReviewInput(review_date=_REVIEWED, gp_provider_id=gp))
    with pytest.raises(PermissionDeniedError):
        services.referrals.choices_for_case(episode, "health")


def test_a_resettlement_worker_may(signed_in_as, ttg, case):
    episode, gp, _pharmacy = case
    services = signed_in_as(Role.RESETTLEMENT_WORKER)
    version = ttg.reviews.for_episode(episode).version
    review = services.reviews.save(episode, ReviewInput(
        review_date=_REVIEWED, accommodation_found=False, gp_provider_id=gp, version=version))
    assert review.gp_details == "Bridge Street Surgery"
