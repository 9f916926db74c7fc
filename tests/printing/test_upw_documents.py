"""Appointment letters, travel warrants and van manifests; the canary test for leaks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select, update

from upw_ttg.domain.codes import (
    AllergyAction,
    AuditAction,
    Gender,
    Language,
    MedicationEffect,
    WarrantMode,
)
from upw_ttg.errors import Cancelled
from upw_ttg.records.upw import (
    CommitmentInput,
    PickupPointInput,
    PlacementRequest,
    VanInput,
    WarrantInput,
)
from upw_ttg.records.upw_print import AppointmentLetterData, TravelWarrantData, VanManifestData
from upw_ttg.storage.models import (
    AccessEvent,
    Adjustment,
    Appointment,
    EnforcementAction,
    KeepApart,
    Person,
    UpwAssessment,
    UpwOrder,
)

from tests.pdf_support import pdf_text

CANARY = "CANARY"
_RISK_AND_HEALTH_WORDS = ("risk", "sexual", "violen", "children", "vulnerab", "epilep",
                          "pregnan", "allerg", "mobility", "medication", "offence", "victim",
                          "exclusion", "restrictive", "hate", "override", "breach")


@pytest.fixture
def booked(upw, app):
    """A van session with a pick-up, two people on it (one Welsh-speaking), and a warrant."""
    sid = upw.session(hi_vis_required=True, name="Rowntree Park clean-up",
                      site_address="Terry Avenue", site_town="York", site_postcode="YO23 1JQ")
    van = upw.svc.projects.save_van(None, VanInput("YK19ABC", "Minibus 3", 8, upw.office))
    stop = upw.svc.projects.save_pickup_point(None, PickupPointInput(
        "York Probation Office", "12 Museum Street", "YO1 6HP", upw.office))
    record = upw.svc.sessions.get(sid)
    record = upw.svc.sessions.set_staff(sid, supervisor_id=record.supervisors[0].id,
                                        van_id=van.id, version=record.version)
    record = upw.svc.sessions.set_pickups(sid, [(stop.id, dt.time(8, 15))],
                                          version=record.version)
    welsh = upw.placeable(Gender.FEMALE, person={
        "forename": "Gwenllïan", "surname": "Ŵyn-Llŷr", "preferred_language": "welsh",
        "address_line1": "3 Heol y Bont", "town": "York", "postcode": "YO30 6AB"})
    other = upw.woman()
    rows = upw.svc.placement.place_many([
        PlacementRequest(welsh, sid, record.pickups[0].id, True),
        PlacementRequest(other, sid, record.pickups[0].id, True)])
    person = app.orders.get(welsh).person_id
    warrant = upw.svc.warrants.issue(WarrantInput(
        person, office_id=upw.office, session_id=sid, travel_from="Selby",
        travel_to="York Probation Office", mode=WarrantMode.BUS, fare_pence=1250,
        eligibility=upw.svc.warrants.eligibility_criteria()[0], reason="No bus to pick-up"))
    return dict(session=sid, van=van.id, appointment=rows[0].id, other=rows[1].id,
                warrant=warrant.id, orders=(welsh, other), person=person)


def test_the_letter_says_where_when_pickup_wear_bring_and_who_to_call(upw, booked):
    text = pdf_text(upw.svc.documents.render_letter(booked["appointment"], Language.ENGLISH),
                    flattened=True)
    for expected in ("Your unpaid work appointment", "Gwenllïan Ŵyn-Llŷr", "Monday 30 November",
                     "09:00 to 16:00", "Rowntree Park clean-up", "Terry Avenue",
                     "York Probation Office", "by 08:15", "high-visibility vest",
                     "packed lunch", "before the session starts", "Page 1 of 1"):
        assert expected in text, expected
    assert "OFFICIAL-SENSITIVE" not in text


def test_a_welsh_speaker_gets_the_letter_in_welsh(upw, booked, app):
    data = upw.svc.documents.letter_data(booked["appointment"])
    assert data.language == Language.WELSH
    text = pdf_text(upw.svc.documents.render_letter(booked["appointment"]), flattened=True)
    for expected in ("Eich apwyntiad gwaith di-dâl", "Dydd Llun 30 Tachwedd 2026",
                     "09:00 tan 16:00", "Tudalen 1 o 1", "Beth i'w wisgo"):
        assert expected in text, expected
    assert upw.svc.documents.letter_data(booked["other"]).language == Language.ENGLISH
    events = app.audit.events_for("appointment", booked["appointment"])
    assert events[-1].action == AuditAction.PRINT


def test_the_warrant_has_its_serial_journey_operator_part_and_counterfoil(upw, booked):
    text = pdf_text(upw.svc.documents.render_warrant(booked["warrant"], Language.ENGLISH),
                    flattened=True)
    for expected in ("Bus travel warrant", "YRK-000001", "Selby to York Probation Office",
                     "One return ticket on each date below", "Monday 30 November 2026",
                     "Up to £12.50", "For the bus driver or operator", "account TW-YNY-0101",
                     "The Probation Service", "0300 047 1010", "Ticket type and number issued",
                     "Fare charged", "Counterfoil: office copy", "Bus, return"):
        assert expected in text, expected
    for absent in ("VOID", "COPY", "USED", "ticket office"):
        assert absent not in text, absent


def test_a_rail_single_warrant_sends_the_person_to_the_ticket_office(upw, booked, app):
    warrant = upw.svc.warrants.issue(WarrantInput(
        booked["person"], office_id=upw.office, valid_from=upw.MONDAY,
        valid_to=upw.MONDAY + dt.timedelta(days=2), travel_from="Selby", travel_to="York",
        mode=WarrantMode.TRAIN, fare_pence=2670, return_journey=False,
        eligibility=upw.svc.warrants.eligibility_criteria()[0], reason="No bus"))
    text = pdf_text(upw.svc.documents.render_warrant(warrant.id, Language.ENGLISH), flattened=True)
    for expected in ("Rail travel warrant", "One Standard class single ticket on each date",
                     "Monday 30 November 2026", "Tuesday 1 December 2026",
                     "Wednesday 2 December 2026", "Up to £26.70 in all for 3 days",
                     "For the ticket office", "station ticket office", "Rail, single"):
        assert expected in text, expected
    assert "bus driver" not in text


def test_a_reprint_says_copy_with_the_original_date(upw, booked):
    docs = upw.svc.documents
    first = pdf_text(docs.render_warrant(booked["warrant"], Language.ENGLISH), flattened=True)
    again = pdf_text(docs.render_warrant(booked["warrant"], Language.ENGLISH), flattened=True)
    assert "COPY" not in first
    assert "COPY" in again
    assert "Copy, original issued 26 November 2026. Not valid for travel" in again
    welsh = pdf_text(docs.render_warrant(booked["warrant"], Language.WELSH), flattened=True)
    assert "COPI" in welsh and "Copi, rhoddwyd y gwreiddiol ar 26 Tachwedd 2026" in welsh


@pytest.mark.parametrize(("change", "mark", "words"), [
    ("void", "VOID", "VOID: not valid for travel"),
    ("mark_used", "USED", "USED: already exchanged for a ticket"),
    ("mark_returned_unused", "RETURNED", "RETURNED UNUSED: not valid for travel"),
])
def test_a_warrant_that_is_not_valid_says_so_in_words_and_across_the_page(
        upw, booked, change, mark, words):
    warrants = upw.svc.warrants
    args = ("issued with the wrong date",) if change == "void" else ()
    getattr(warrants, change)(booked["warrant"], *args)
    text = pdf_text(upw.svc.documents.render_warrant(booked["warrant"], Language.ENGLISH),
                    flattened=True)
    assert words in text
    # The watermark is drawn as text too: the word appears apart from the sentence.
    assert text.count(mark) >= 2
    assert "wrong date" not in text


def test_the_welsh_warrant_follows_the_persons_language_and_uses_only_the_glossary(
        upw, booked):
    from tests.printing.glossary_support import words_not_in_glossary

    data = upw.svc.documents.warrant_data(booked["warrant"])
    assert data.language == Language.WELSH
    pdf = upw.svc.documents.render_warrant(booked["warrant"])
    text = pdf_text(pdf, flattened=True)
    for expected in ("Gwarant teithio ar fws", "Un tocyn dychwel ar bob dyddiad isod",
                     "Dydd Llun 30 Tachwedd 2026", "I yrrwr neu gwmni'r bws",
                     "Bonyn: copi'r swyddfa", "Tudalen 1 o 1"):
        assert expected in text, expected
    assert words_not_in_glossary(pdf, Language.WELSH, [data]) == set()


def test_the_manifest_lists_pickups_in_order_with_names_and_phones(upw, booked):
    data = upw.svc.documents.manifest_data(booked["van"], upw.MONDAY)
    assert data.passengers == 2 and data.stops[0].time == dt.time(8, 15)
    text = pdf_text(upw.svc.documents.render_manifest(booked["van"], upw.MONDAY), flattened=True)
    for expected in ("Van manifest", "Minibus 3", "08:15", "York Probation Office",
                     "Gwenllïan Ŵyn-Llŷr", "01904 000000", "2 of 8 seats", "OFFICIAL-SENSITIVE"):
        assert expected in text, expected


def test_a_days_batch_pages_each_document_on_its_own(upw, booked):
    seen = []
    pdf = upw.svc.documents.render_day(upw.MONDAY, progress=lambda d, t, x: seen.append(x))
    reader = PdfReader(io.BytesIO(pdf))
    texts = [p.extract_text() for p in reader.pages]
    assert len(texts) == 3
    assert "Tudalen 1 o 1" in texts[0] or "Tudalen 1 o 1" in texts[1]
    assert "Van manifest" in texts[2] and "Page 1 of 1" in texts[2]
    assert seen[0] == "Appointment letters" and seen[-1] == "Done"
    with pytest.raises(Cancelled):
        upw.svc.documents.render_day(upw.MONDAY, cancelled=lambda: True)


def test_person_facing_data_objects_cannot_carry_risk_health_or_offences():
    for cls in (AppointmentLetterData, TravelWarrantData, VanManifestData):
        names = " ".join(f.name for f in dataclasses.fields(cls)).lower()
        for word in _RISK_AND_HEALTH_WORDS + ("note", "reason", "detail", "disab"):
            assert word not in names, (cls.__name__, word)


def test_canaries_in_every_risk_health_and_offence_field_never_reach_a_document(
        upw, app, booked):
    """Plant canaries in every risk, health and offence field behind the documents."""
    sid = booked["session"]
    commitments = (CommitmentInput("caring", 2, dt.time(9), dt.time(10), f"{CANARY}-caring"),)
    other = app.orders.get(upw.man()).person_id
    with app.db.write() as session:
        for order_id in booked["orders"]:
            assessment = session.scalar(select(UpwAssessment)
                                        .where(UpwAssessment.order_id == order_id))
            for name in ("risk_sexual_offending", "risk_to_children",
                         "risk_to_vulnerable_adults", "risk_violence", "risk_hate_behaviour",
                         "risk_serious_group_offending", "no_male_supervisor",
                         "close_supervision", "hs_allergies", "hs_epilepsy", "hs_pregnancy",
                         "hs_mobility", "hs_medication", "vulnerable", "literacy_need"):
                setattr(assessment, name, True)
            for name in ("victim_exclusion_zone", "restrictive_orders", "hs_allergies_detail",
                         "hs_mobility_detail", "hs_medication_detail", "vulnerability_detail",
                         "disabilities", "reasonable_adjustments"):
                setattr(assessment, name, f"{CANARY}-{name}")
            # The site categories are structured: the work sheet prints them, by design.
            assessment.hs_allergy_action = AllergyAction.CALL_999
            assessment.hs_medication_effects = (MedicationEffect.NO_EFFECT_ON_SITE,)
            assessment.version += 1
            order = session.get(UpwOrder, order_id)
            order.closure_reason = f"{CANARY}-closure"
            session.add(Adjustment(order_id=order_id, kind="other", minutes=60,
                                   reason=f"{CANARY}-adjustment", adjusted_on=upw.MONDAY))
            session.add(EnforcementAction(order_id=order_id, action_code="EA02",
                                          action_date=upw.MONDAY, outcome=f"{CANARY}-outcome",
                                          notes=f"{CANARY}-enforcement"))
        session.execute(update(Appointment).where(Appointment.session_id == sid).values(
            notes=f"{CANARY}-sensitive-note", notes_sensitive=True,
            override_reason=f"{CANARY}-override"))
        low, high = sorted((booked["person"], other))
        session.add(KeepApart(person_a_id=low, person_b_id=high, detail=f"{CANARY}-keep-apart",
                              recorded_on=upw.MONDAY))
    record = upw.svc.assessments.for_order(booked["orders"][0])
    data = record.to_input()
    data.commitments = commitments
    upw.svc.assessments.update(record.id, data)
    app.people.update(booked["person"], dataclasses.replace(
        app.people.get(booked["person"]).to_input(), gender_identity=f"{CANARY}-identity"))
    documents = [
        upw.svc.documents.render_letter(booked["appointment"], Language.ENGLISH),
        upw.svc.documents.render_letter(booked["appointment"], Language.WELSH),
        upw.svc.documents.render_letter(booked["other"]),
        upw.svc.documents.render_warrant(booked["warrant"]),  # Welsh: the person's language
        upw.svc.documents.render_warrant(booked["warrant"], Language.ENGLISH),
        upw.svc.documents.render_manifest(booked["van"], upw.MONDAY),
        upw.svc.documents.render_day(upw.MONDAY),
    ]
    for pdf in documents:
        text = pdf_text(pdf, flattened=True)
        assert CANARY not in text
        assert "Ŵyn-Llŷr" in text or "Cerys" in text  # the documents did render the person
        for word in ("sexual", "violen", "epilep", "pregnan", "allerg", "vulnerab", "victim"):
            assert word not in text.lower(), word


def test_each_print_is_in_the_access_log_with_its_recipient(upw, booked, app):
    docs = upw.svc.documents
    docs.render_letter(booked["appointment"], Language.ENGLISH)
    docs.render_warrant(booked["warrant"])
    docs.render_manifest(booked["van"], upw.MONDAY)
    docs.render_day(upw.MONDAY)
    other = app.orders.get(booked["orders"][1]).person_id
    with app.db.read() as session:
        rows = session.execute(select(AccessEvent.document, AccessEvent.recipient,
                                      AccessEvent.person_id)
                               .order_by(AccessEvent.chain_seq)).all()
    person = booked["person"]
    assert [tuple(r) for r in rows] == [
        ("appointment letter", "person", person), ("travel warrant", "person", person),
        *sorted([("van manifest", "driver", person), ("van manifest", "driver", other)],
                key=lambda r: r[2]),
        *sorted([("appointment letter", "person", person),
                 ("appointment letter", "person", other)], key=lambda r: r[2]),
        *sorted([("van manifest", "driver", person), ("van manifest", "driver", other)],
                key=lambda r: r[2])]


def test_the_letter_names_the_organisation_and_the_number_to_call(upw, booked):
    for language in (Language.ENGLISH, Language.WELSH):
        text = pdf_text(upw.svc.documents.render_letter(booked["appointment"], language),
                        flattened=True)
        assert "The Probation Service" in text and "0300 047 1010" in text


def test_clothing_advice_follows_the_projects_indoor_tag(upw, booked, app):
    outdoor = pdf_text(upw.svc.documents.render_letter(booked["appointment"], Language.ENGLISH),
                       flattened=True)
    assert "work outdoors in, suited to the weather" in outdoor
    from upw_ttg.storage.models import ProjectTag, UpwSession

    with app.db.write() as session:
        project = session.get(UpwSession, booked["session"]).project_id
        session.add(ProjectTag(project_id=project, tag="indoor"))
    assert upw.svc.documents.letter_data(booked["appointment"]).indoor
    indoor = pdf_text(upw.svc.documents.render_letter(booked["appointment"], Language.ENGLISH),
                      flattened=True)
    assert "Comfortable clothes you can work in indoors" in indoor
    assert "outdoors" not in indoor
    welsh = pdf_text(upw.svc.documents.render_letter(booked["appointment"], Language.WELSH),
                     flattened=True)
    assert "dan do" in welsh and "awyr agored" not in welsh


def test_the_welsh_letter_prints_only_glossary_phrases_and_its_data(upw, booked):
    from tests.printing.glossary_support import words_not_in_glossary

    data = upw.svc.documents.letter_data(booked["appointment"], Language.WELSH)
    pdf = upw.svc.documents.render_letter(booked["appointment"], Language.WELSH)
    assert words_not_in_glossary(pdf, Language.WELSH, [data]) == set()


def test_the_manifest_the_sheet_and_the_register_use_one_name(upw, app, booked):
    """Someone known by a preferred name is called by it on the driver's manifest, the
    supervisor's work sheet and the register screen alike."""
    with app.db.write() as session:
        session.get(Person, booked["person"]).preferred_name = "Gwen"
    [passenger] = [p for stop in upw.svc.documents.manifest_data(
        booked["van"], upw.MONDAY).stops for p in stop.passengers if "Ŵyn-Llŷr" in p.name]
    on_sheet = {r.name for r in app.attendance.work_sheets.work_sheet(booked["session"]).rows}
    on_screen = {r.name for r in app.attendance.registers.load_register(booked["session"]).rows}
    assert passenger.name == "Gwen Ŵyn-Llŷr"
    assert passenger.name in on_sheet and passenger.name in on_screen


def test_the_welsh_manifest_and_work_sheet_print_only_glossary_words_and_their_data(
        upw, app, booked):
    """The driver's manifest and the supervisor's sheet print in Welsh on request: every fixed
    word from the glossary, names, places and codes as recorded."""
    from tests.printing.glossary_support import words_not_in_glossary

    docs = upw.svc.documents
    data = docs.manifest_data(booked["van"], upw.MONDAY, Language.WELSH)
    pdf = docs.render_manifest(booked["van"], upw.MONDAY, Language.WELSH)
    if os.environ.get("UPW_TTG_SCREEN_OUT"):  # to look at it as the driver would
        out = Path(os.environ["UPW_TTG_SCREEN_OUT"])
        (out / "manifest-cy.pdf").write_bytes(pdf)
        (out / "manifest-en.pdf").write_bytes(docs.render_manifest(booked["van"], upw.MONDAY))
    text = pdf_text(pdf, flattened=True)
    for expected in ("Rhestr teithwyr y fan", "Dydd Llun 30 Tachwedd 2026", "2 o 8 sedd",
                     "Ffoniwch y swyddfa ar", "Gwenllïan Ŵyn-Llŷr", "Tudalen 1 o 1"):
        assert expected in text, expected
    from upw_ttg.printing.documents.van_manifest import manifest_reference

    # The page header's reference and the protective marking are the same in both languages.
    assert words_not_in_glossary(pdf, Language.WELSH, [data, manifest_reference(data),
                                             "OFFICIAL-SENSITIVE"]) == set()
    sheets = app.attendance.work_sheets
    sheet = sheets.work_sheet(booked["session"], Language.WELSH)
    pdf = sheets.print_sheet(booked["session"], Language.WELSH)
    text = pdf_text(pdf, flattened=True)
    assert "Taflen waith: Rowntree Park clean-up · Dydd Llun 30 Tachwedd 2026" in text
    assert "Llofnod y goruchwyliwr" in text and "Supervisor's" not in text
    codes = ["OFFICIAL-SENSITIVE", "ATTC AFTC ATSH ATSS", sheet.sheet_id]
    assert words_not_in_glossary(pdf, Language.WELSH, [sheet, *codes]) == set()
    # English stays the default.
    assert "Work sheet: Rowntree Park clean-up" in pdf_text(sheets.print_sheet(booked["session"]),
                                                            flattened=True)


def test_a_days_batch_prints_the_manifests_in_the_staff_language(upw, booked):
    pdf = upw.svc.documents.render_day(upw.MONDAY, staff_language=Language.WELSH)
    texts = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    assert "Rhestr teithwyr y fan" in texts[2] and "Tudalen 1 o 1" in texts[2]
