"""Printed TTG documents: the canary test, Welsh, the handover pack's risk section, audit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import typing
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from upw_ttg.domain.codes import (
    ContactMethod,
    DiversityCategory,
    Gender,
    Language,
    MappaLevel,
    NeedStatus,
    ReferralStatus,
    Responsibility,
    RiskLevel,
    Role,
    TravelPayment,
)
from upw_ttg.errors import ValidationError
from upw_ttg.records.handouts import PersonPlanCopy, ReleaseDaySheet
from upw_ttg.records.people import PersonInput
from upw_ttg.records.ttg import (
    ActionInput,
    ContactInput,
    NeedInput,
    OfficerInput,
    ReferralInput,
    ReviewInput,
    RiskInput,
)
from upw_ttg.storage.models import CustodyEpisode, Office, Person

from tests.pdf_support import pdf_text
from tests.services.ttg.ttg_support import fill_plan, make_episode, read_at

# Planted in every risk, MAPPA, offence-related and staff-only field of the plan.
CANARIES = {
    "risk_summary": "CANARY-RISK-7781",
    "da_outcome": "CANARY-DA-5521",
    "cs_outcome": "CANARY-CS-3390",
    "risk_action": "CANARY-ACTION-4410",
    "progress": "CANARY-PROGRESS-8812",
    "meeting": "CANARY-MEETING-2290",
    "referral_outcome": "CANARY-OUTCOME-6671",
    "contact": "CANARY-CONTACT-1203",
    "strengths_reason": "CANARY-NONE-REASON-3141",
}
# Words that would show a risk section, MAPPA or offence data leaked into a handout.
FORBIDDEN_WORDS = ("MAPPA", "Risk of harm", "risk of harm", "offend", "Level 2", "Very high",
                   "manages risk", "safeguarding", "Domestic abuse", "sertraline")


@pytest.fixture
def case(app, ttg, add_staff):
    """A Welsh-speaking person with a complete plan and canaries in every risk field."""
    worker = add_staff("wyn", Role.RESETTLEMENT_WORKER, "Wyn Worker")
    person = app.people.create(PersonInput(
        crn="X500001", forename="Gwenllïan", surname="Ŵyn-Ŷnys",
        date_of_birth=dt.date(1990, 12, 3), gender=Gender.FEMALE,
        preferred_language=Language.WELSH)).id
    episode = make_episode(app, person, "AGI", conditional_release_date=dt.date(2027, 1, 20))
    ttg.dashboard.assign(read_at(app, episode), worker.id)
    plan = fill_plan(ttg, ttg.plans.create(episode))
    plan = ttg.plans.save_risk(plan.id, RiskInput(
        level=RiskLevel.VERY_HIGH, mappa_level=MappaLevel.LEVEL_2,
        summary=CANARIES["risk_summary"], da_check_requested=dt.date(2026, 11, 10),
        da_check_received=dt.date(2026, 11, 20), da_check_outcome=CANARIES["da_outcome"],
        cs_check_requested=dt.date(2026, 11, 10), cs_check_received=dt.date(2026, 11, 21),
        cs_check_outcome=CANARIES["cs_outcome"], version=plan.version))
    plan = ttg.plans.save_need(plan.id, NeedInput(
        "abuse_survivors", own_words="I want to feel safe", status=NeedStatus.IN_PROGRESS,
        responsibility=Responsibility.COMMUNITY, linked_to_offending=True,
        version=plan.need("abuse_survivors").version))
    need = plan.need("accommodation")
    ttg.plans.add_progress(need.id, CANARIES["progress"])
    plan = ttg.plans.save_action(plan.id, ActionInput(CANARIES["risk_action"], "Police", None,
                                                      need_id=need.id, manages_risk=True))
    plan = ttg.plans.save_action(plan.id, ActionInput(
        "Apply for a room at Tŷ Newydd hostel", "Resettlement worker", dt.date(2026, 12, 4),
        need_id=need.id))
    plan = ttg.plans.save_action(plan.id, ActionInput("Open a bank account", "Wyn Worker",
                                                      dt.date(2026, 12, 11)))
    plan = ttg.plans.save_diversity_need(plan.id, DiversityCategory.WELSH,
                                         "Prefers to speak Welsh", "Plan printed in Welsh",
                                         plan.version)
    referral = ttg.referrals.create(plan.id, ReferralInput(
        "accommodation", "Shelter Cymru", dt.date(2026, 11, 12), dt.date(2026, 11, 30)))
    ttg.referrals.update(referral.id, ReferralInput(
        "accommodation", "Shelter Cymru", dt.date(2026, 11, 12), dt.date(2026, 11, 30),
        status=ReferralStatus.ACCEPTED, outcome=CANARIES["referral_outcome"],
        version=referral.version))
    plan = ttg.plans.complete(plan.id, plan.version)
    ttg.reviews.save(episode, ReviewInput(
        review_date=dt.date(2026, 11, 24), accommodation_found=True,
        accommodation_address="Tŷ Newydd hostel, 4 Ffordd y Môr, York YO1 7AA",
        id_status="Birth certificate held", bank_account_status="Account opened",
        benefits_status="Universal Credit appointment 21 Jan, 10:00, York Jobcentre",
        gp_registered=True, gp_details="Ffordd y Môr surgery, 01904 111222",
        prescriptions_on_day="7 days of sertraline from healthcare",
        prescriptions_arranged=True, prescriptions_collect_from="Boots, 8 Coney Street, York",
        travel_route="Bus 7 from the prison gate to Askham Bar, then bus 11 to York",
        travel_payment=TravelPayment.TRAVEL_WARRANT,
        first_appointment_with="Responsible officer",
        first_appointment_at=dt.datetime(2027, 1, 20, 14),
        first_appointment_where="York probation office, 1 Museum Street",
        first_appointment_phone="01904 000111"))
    handover = ttg.handover.save_officer(episode, OfficerInput(
        "Siân Evans", "The Probation Service", "York team", "sian.evans@justice.example",
        "01904 000111"))
    handover = ttg.handover.save_meeting(episode, dt.datetime(2026, 12, 10, 10),
                                         CANARIES["meeting"], handover.version)
    ttg.handover.record_risk_shared(episode, True, dt.date(2026, 11, 24), handover.version)
    ttg.handover.add_contact(episode, ContactInput(dt.date(2026, 11, 24), ContactMethod.EMAIL,
                                                   CANARIES["contact"]))
    return episode


def test_person_facing_types_cannot_carry_risk_health_or_offence_data():
    """No field of any handout type, however deep, is about risk, MAPPA, offending or health
    (whether a prescription is arranged and where to collect it is logistics, not health)."""
    banned = ("risk", "mappa", "offen", "manages", "progress", "notes", "outcome", "linked",
              "da_check", "cs_check", "crn", "medic", "health", "diagnos", "condition",
              "prescriptions_on_day", "prescription_note")
    seen: set[type] = set()

    def fields(cls: type) -> list[str]:
        if cls in seen or not dataclasses.is_dataclass(cls):
            return []
        seen.add(cls)
        hints = typing.get_type_hints(cls)  # in the namespace of the module defining it
        found = list(hints)
        for hint in hints.values():
            for arg in typing.get_args(hint) or (hint,):
                for inner in typing.get_args(arg) or (arg,):
                    if isinstance(inner, type):
                        found += fields(inner)
        return found

    names = fields(PersonPlanCopy) + fields(ReleaseDaySheet)
    assert names and not [n for n in names if any(b in n.lower() for b in banned)]


@pytest.mark.parametrize("language", [Language.ENGLISH, Language.WELSH])
def test_the_canary_never_reaches_the_persons_documents(ttg, case, language):
    for pdf in (ttg.printouts.render_person_copy(case, language),
                ttg.printouts.render_release_sheet(case, language)):
        text = pdf_text(pdf, flattened=True)
        assert "Gwenllïan Ŵyn-Ŷnys" in text
        assert [c for c in CANARIES.values() if c in text] == []
        assert [w for w in FORBIDDEN_WORDS if w in text] == []
        assert "OFFICIAL" not in text


def test_the_handover_pack_carries_the_risk_section(ttg, case):
    text = pdf_text(ttg.printouts.render_handover_pack(case), flattened=True)
    assert "OFFICIAL-SENSITIVE" in text and "Risk of harm Very high" in text
    assert "MAPPA Level 2" in text
    for key in ("risk_summary", "da_outcome", "cs_outcome", "risk_action", "contact",
                "meeting"):
        assert CANARIES[key] in text, key
    assert "Outstanding actions (3)" in text and "Open a bank account" in text
    assert "Siân Evans" in text and "First appointment after release" in text
    assert "Shelter Cymru" in text and "Plan completed 26 Nov 2026 by Ada Admin" in text


def test_the_persons_copy_in_english(ttg, case):
    text = pdf_text(ttg.printouts.render_person_copy(case, Language.ENGLISH), flattened=True)
    for expected in ("Your resettlement plan", "What you said", "“I need somewhere to live "
                     "near my kids”", "Apply for a room at Tŷ Newydd hostel",
                     "Open a bank account", "Good work history", "Shelter Cymru",
                     "Wednesday 20 January 2027, 2:00pm", "Siân Evans", "01904 000111",
                     "Wyn Worker", "20 January 2027 (this date may change)",
                     "You agreed to this plan on 20 November 2026."):
        assert expected in text, expected


def test_the_persons_copy_in_welsh_by_preference(ttg, case):
    copy = ttg.printouts.person_copy(case)
    assert copy.language == Language.WELSH
    text = pdf_text(ttg.printouts.render_person_copy(case), flattened=True)
    for expected in ("Eich cynllun ailsefydlu", "Beth ddywedoch chi", "Llety",
                     "Cymorth i oroeswyr cam-drin domestig neu rywiol",
                     "Beth rydych chi'n dda am ei wneud",
                     "Dydd Mercher 20 Ionawr 2027, 2:00yp", "Eich swyddog prawf",
                     "Fe gytunoch chi i'r cynllun hwn ar 20 Tachwedd 2026."):
        assert expected in text, expected
    assert "Your resettlement plan" not in text


def test_the_release_sheet_has_what_the_day_needs(ttg, case):
    text = pdf_text(ttg.printouts.render_release_sheet(case, Language.ENGLISH), flattened=True)
    for expected in ("Your day of release", "Wednesday 20 January 2027",
                     "This date may still change", "York probation office, 1 Museum Street",
                     "Tŷ Newydd hostel, 4 Ffordd y Môr", "A prescription is arranged for you.",
                     "Collect it from Boots, 8 Coney Street, York",
                     "Birth certificate held", "Account opened", "Universal Credit appointment",
                     "You are registered with a GP.", "Ffordd y Môr surgery", "116 123",
                     # The officer by name, not the role typed as "with".
                     "With Siân Evans, your probation officer",
                     "Getting there from the prison",
                     "Bus 7 from the prison gate to Askham Bar, then bus 11 to York",
                     "Your fare is paid with a travel warrant"):
        assert expected in text, expected
    assert "With Responsible officer" not in text
    # The medicine is health detail: the person's sheet never names it.
    assert "sertraline" not in text
    welsh = pdf_text(ttg.printouts.render_release_sheet(case, Language.WELSH), flattened=True)
    for expected in ("Eich diwrnod rhyddhau", "Ble a phryd i fynd",
                     "Cyrraedd yno o'r carchar", "Telir eich tocyn gyda gwarant teithio",
                     "Mae presgripsiwn wedi'i drefnu ar eich cyfer."):
        assert expected in welsh, expected


def test_the_release_sheet_names_the_office_in_full(app, ttg, case):
    with app.db.write() as session:
        person = session.get(Person, session.get(CustodyEpisode, case).person_id)
        office = session.scalars(select(Office).where(Office.code == "YRK")).one()
        person.office_id = office.id
        office.address, office.town, office.postcode = "1 Museum Street", "York", "YO1 7DJ"
        office.phone = "01904 555000"
    text = pdf_text(ttg.printouts.render_release_sheet(case, Language.ENGLISH), flattened=True)
    assert "Probation office" in text
    for expected in ("The Probation Service", "1 Museum Street, York, YO1 7DJ",
                     "Phone 01904 555000"):
        assert expected in text, expected


def test_a_release_sheet_without_a_review_says_not_known_never_no(app, ttg, episode_id):
    """With no pre-release review, every answer is "not known yet", never "not registered"
    or "no prescription"."""
    sheet = ttg.printouts.release_sheet(episode_id, Language.ENGLISH)
    assert sheet.gp_registered is None and sheet.prescriptions_arranged is None
    text = pdf_text(ttg.printouts.render_release_sheet(episode_id, Language.ENGLISH),
                    flattened=True)
    assert text.count("Not known yet — ask before you leave.") >= 8
    assert "not registered" not in text and "No prescription" not in text
    welsh = pdf_text(ttg.printouts.render_release_sheet(episode_id, Language.WELSH), flattened=True)
    assert "Ddim yn hysbys eto — gofynnwch cyn i chi adael." in welsh
    assert "Nid ydych wedi cofrestru" not in welsh


def test_printing_is_audited_without_content(app, ttg, case):
    ttg.printouts.render_handover_pack(case)
    last = app.audit.events_for("custody_episode", case)[-1]
    assert (last.action.value, last.changes) == ("print", {"after": {"document":
                                                                     "handover pack"}})


def test_an_episode_without_a_plan_still_prints(ttg, episode_id):
    pack = pdf_text(ttg.printouts.render_handover_pack(episode_id), flattened=True)
    assert "No resettlement plan has been started." in pack
    copy = pdf_text(ttg.printouts.render_person_copy(episode_id, Language.ENGLISH), flattened=True)
    assert "No needs are recorded yet." in copy


def _plan_of(ttg, episode):
    return ttg.plans.for_episode(episode, logged=False)


def test_the_worker_chooses_which_needs_reach_the_persons_copy(ttg, case):
    """A declined sensitive need is left off by default; the worker's choice wins either way;
    a referral on a pathway left off is left off with it."""
    plan = _plan_of(ttg, case)
    plan = ttg.plans.save_need(plan.id, NeedInput(
        "sex_work", own_words="Not for now", status=NeedStatus.DECLINED,
        version=plan.need("sex_work").version))
    text = pdf_text(ttg.printouts.render_person_copy(case, Language.ENGLISH), flattened=True)
    assert "sex industry" not in text and "Not for now" not in text
    assert "Accommodation" in text and "Shelter Cymru" in text
    need = plan.need("sex_work")
    plan = ttg.plans.save_need(plan.id, NeedInput(
        "sex_work", own_words="Not for now", status=NeedStatus.DECLINED,
        on_persons_copy=True, version=need.version))
    need = plan.need("accommodation")
    ttg.plans.save_need(plan.id, NeedInput(
        "accommodation", own_words=need.own_words, status=need.status,
        responsibility=need.responsibility, linked_to_offending=need.linked_to_offending,
        on_persons_copy=False, version=need.version))
    text = pdf_text(ttg.printouts.render_person_copy(case, Language.ENGLISH), flattened=True)
    assert "sex industry" in text and "Not for now" in text
    assert "near my kids" not in text and "Shelter Cymru" not in text
    assert "Tŷ Newydd" not in text  # the accommodation need's own action goes with it


def test_a_strength_prints_in_the_wording_written_for_the_person(ttg, case):
    """The person's copy prints a strength's wording for the person where given, in English
    and Welsh; a strength without one prints its staff wording as before."""
    plan = _plan_of(ttg, case)
    plan = ttg.plans.add_strength(
        plan.id, "protective_factor", "Close to sister, who visits weekly", plan.version,
        persons_wording="Mae eich chwaer yn agos atoch chi / Your sister is close to you")
    stored = [s for s in plan.strengths if s.kind == "protective_factor"]
    assert stored[-1].persons_wording.startswith("Mae eich chwaer")
    for language in (Language.ENGLISH, Language.WELSH):
        text = pdf_text(ttg.printouts.render_person_copy(case, language), flattened=True)
        assert "Mae eich chwaer yn agos atoch chi / Your sister is close to you" in text
        assert "who visits weekly" not in text
        assert "Good work history" in text  # no wording for the person: the staff wording
    with pytest.raises(ValidationError) as raised:
        ttg.plans.add_strength(plan.id, "strength", "Kind", plan.version,
                               persons_wording="x" * 401)
    assert "persons_wording" in raised.value.fields


def test_nine_needs_flow_across_pages_without_gaps(ttg, case):
    """Nine needs with their actions fill the pages in turn: no card is pushed whole onto a
    new page, so the copy is short."""
    plan = _plan_of(ttg, case)
    for code in ("ete", "finance_id", "drugs_alcohol", "health", "children_families",
                 "attitudes", "sex_work"):
        plan = ttg.plans.save_need(plan.id, NeedInput(
            code, own_words=f"I would like help with {code.replace('_', ' ')}",
            status=NeedStatus.IN_PROGRESS, responsibility=Responsibility.BOTH,
            version=plan.need(code).version))
        need = plan.need(code)
        for number in (1, 2):
            plan = ttg.plans.save_action(plan.id, ActionInput(
                f"Step {number} for {code}: book it and go along", "Wyn Worker",
                dt.date(2026, 12, 4 + number), need_id=need.id))
    pdf = ttg.printouts.render_person_copy(case, Language.ENGLISH)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) <= 4
    # Every page but the last is well used: at least 30 lines of text.
    assert all(len(page.splitlines()) >= 30 for page in pages[:-1])


@pytest.mark.parametrize("document", ["release_sheet", "person_copy"])
def test_the_welsh_handouts_print_only_glossary_phrases_and_their_data(app, ttg, case,
                                                                        document):
    from tests.printing.glossary_support import words_not_in_glossary

    data = getattr(ttg.printouts, document)(case, Language.WELSH)
    pdf = getattr(ttg.printouts, f"render_{document}")(case, Language.WELSH)
    # The page header's reference and the footer's "printed by" are data too.
    reader = PdfReader(io.BytesIO(pdf))
    header = reader.pages[0].extract_text().splitlines()[0]
    extra = words_not_in_glossary(pdf, Language.WELSH, [data, header, app.ctx.actor.full_name])
    assert extra == set()
    assert "ar Dydd" not in " ".join(pdf_text(pdf, flattened=True).split())


def test_fallbacks_print_in_full_for_the_officer_and_on_the_persons_sheet(ttg, case):
    """Rule TTG-FALLBACK: the handover pack has every fallback; the person's sheet has the day
    of release's and those of the needs on their copy (rule DOC-5)."""
    pack = pdf_text(ttg.printouts.render_handover_pack(case), flattened=True)
    for expected in ("If the plan falls through", "Day of release",
                     "Go straight to the Hull Central office", "14:00 on the day",
                     "Emergency bed at the Hull approved premises",
                     "Duty officer, Hull Central 01482 000111", "18 May 2027"):
        assert expected in pack, expected
    sheet = pdf_text(ttg.printouts.render_release_sheet(case, Language.ENGLISH), flattened=True)
    for expected in ("7. If something falls through", "On the day you leave",
                     "Go straight to the Hull Central office", "Call: Duty officer 01482 000111",
                     "By 2:00pm", "Emergency bed at the Hull approved premises",
                     "By 18 May 2027", "8. Useful phone numbers"):
        assert expected in sheet, expected
    welsh = pdf_text(ttg.printouts.render_release_sheet(case, Language.WELSH), flattened=True)
    for expected in ("7. Os bydd rhywbeth yn methu", "Ar y diwrnod y byddwch chi'n gadael",
                     "Ffoniwch: Duty officer 01482 000111", "Erbyn 18 Mai 2027"):
        assert expected in welsh, expected
    plan = _plan_of(ttg, case)
    need = plan.need("accommodation")
    ttg.plans.save_need(plan.id, NeedInput(
        "accommodation", own_words=need.own_words, status=need.status,
        on_persons_copy=False, version=need.version, fallback_plan=need.fallback_plan,
        fallback_contact=need.fallback_contact, fallback_by=need.fallback_by))
    sheet = pdf_text(ttg.printouts.render_release_sheet(case, Language.ENGLISH), flattened=True)
    assert "Emergency bed" not in sheet
    assert "Go straight to the Hull Central office" in sheet
    assert "Emergency bed" in pdf_text(ttg.printouts.render_handover_pack(case), flattened=True)


def test_the_welsh_handover_pack_prints_only_glossary_words_and_its_data(app, ttg, case):
    """The pack for a Welsh-speaking responsible officer: every fixed word from the glossary;
    names, places and what staff wrote as recorded."""
    from upw_ttg.printing.documents.handover_pack import document_reference

    from tests.printing.glossary_support import words_not_in_glossary

    pack = ttg.printouts.handover_pack(case, Language.WELSH)
    pdf = ttg.printouts.render_handover_pack(case, Language.WELSH)
    if os.environ.get("UPW_TTG_SCREEN_OUT"):  # to look at it as its reader would
        out = Path(os.environ["UPW_TTG_SCREEN_OUT"])
        (out / "handover-cy.pdf").write_bytes(pdf)
        (out / "handover-en.pdf").write_bytes(ttg.printouts.render_handover_pack(case))
    text = " ".join(pdf_text(pdf, flattened=True).split())
    for expected in ("Pecyn trosglwyddo", "Yr unigolyn a'r ddalfa", "Risg o niwed",
                     "Anghenion fesul llwybr", "Terfynau amser", "Tudalen 1 o"):
        assert expected in text, expected
    assert "Handover pack" not in text and "Not recorded" not in text
    # The reference, the national codes and abbreviations are the same in both languages.
    codes = [document_reference(pack), "OFFICIAL-SENSITIVE", "CRN", app.ctx.actor.full_name]
    assert words_not_in_glossary(pdf, Language.WELSH, [pack, *codes]) == set()
    assert "Handover pack" in pdf_text(ttg.printouts.render_handover_pack(case), flattened=True)
