"""Warning, completion and breach documents: the law's wording, Welsh, and the canary test."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import update

from upw_ttg.domain.codes import AdjustmentKind, Language, OrderType, RiskLevel
from upw_ttg.domain.enforcement import Decision
from upw_ttg.errors import ValidationError
from upw_ttg.records.letters import CompletionLetter, LetterHead, WarningLetter
from upw_ttg.records.skills import CompletionCertificate
from upw_ttg.services.upw import build_upw_services
from upw_ttg.storage.models import Appointment, KeepApart, Person, UpwAssessment, UpwOrder

from tests.pdf_support import flat, pdf_text
from tests.services.attendance.attendance_data import World, set_clock, set_setting

CANARY = "CANARY{}"
# Every field of the records behind a letter that holds risk, health or offence information.
ASSESSMENT_CANARIES = ("victim_exclusion_zone", "restrictive_orders", "hs_allergies_detail",
                       "hs_mobility_detail", "hs_medication_detail", "vulnerability_detail",
                       "disabilities", "reasonable_adjustments")
FORBIDDEN_FIELD_WORDS = ("risk", "offence", "health", "hs_", "alert", "medication", "allerg",
                         "epilep", "pregnan", "mobility", "disab", "vulnerab", "victim",
                         "restrictive", "notes", "exclusion")


@pytest.fixture
def world(app) -> World:
    return World(app)


def _planted(world: World, app, *, language: Language = Language.ENGLISH) -> tuple[int, int]:
    """An order with canaries in every risk, health and offence field; returns (order, person)."""
    person = world.person("Gwenllïan", "Ŵyn-Ŷnys", language=language)
    other = world.person("Co", "Defendant")
    world.assessment(person, risk_level=RiskLevel.VERY_HIGH, risk_sexual_offending=True,
                     risk_to_children=True, risk_violence=True, hs_allergies=True,
                     hs_epilepsy=True, hs_pregnancy=True, hs_mobility=True, hs_medication=True,
                     vulnerable=True,
                     **{name: CANARY.format(name.upper()) for name in ASSESSMENT_CANARIES})
    with app.db.write() as s:
        a, b = sorted((person, other))
        s.add(KeepApart(person_a_id=a, person_b_id=b, detail="CANARYOFFENCEKEEPAPART",
                        recorded_on=dt.date(2026, 9, 1)))
        s.execute(update(Person).where(Person.id == person).values(
            gender_identity="CANARYGENDERIDENTITY"))
    coordinator = world.staff("Cerys Coordinator")
    order = world.order(person, hours=40, coordinator_id=coordinator)
    return order, person


def _plant_notes(app, appointment_id: int, sensitive: bool) -> None:
    with app.db.write() as s:
        s.execute(update(Appointment).where(Appointment.id == appointment_id).values(
            notes="CANARYNOTESHEALTH", notes_sensitive=sensitive,
            override_reason="CANARYOVERRIDERISK"))


def _warned(world: World, app, language: Language = Language.ENGLISH) -> tuple[int, int]:
    order, _person = _planted(world, app, language=language)
    session = world.session(world.project(name="Riverside Clean-up"), dt.date(2026, 11, 24))
    appt = world.book(session, order)
    world.key(session, appt, "UAAB")
    _plant_notes(app, appt, sensitive=True)
    world.att.enforcement.decide(appt, Decision.WARN,
                                 circumstances="You did not phone to say you could not come.")
    return order, appt


def _completed(world: World, app, language: Language = Language.ENGLISH) -> int:
    order, _person = _planted(world, app, language=language)
    session = world.session(world.project(name="Canal towpath"), dt.date(2026, 11, 24))
    appt = world.book(session, order)
    world.key(session, appt, "ATTC")
    _plant_notes(app, appt, sensitive=False)
    world.att.ledger.add_adjustment(order, AdjustmentKind.OTHER, -(2400 - 390),
                                    "Hours worked under a transferred order")
    return order


@pytest.mark.parametrize("language", [Language.ENGLISH, Language.WELSH])
def test_canary_letters_hold_no_risk_health_or_offence_data(app, world, language):
    order, appt = _warned(world, app, language)
    warning = pdf_text(world.att.letters.render_warning_letter(appt))
    completed = _completed(world, app, language)
    completion = pdf_text(world.att.letters.render_completion_letter(completed))
    certificate = pdf_text(build_upw_services(app.ctx).certificates.render(completed))
    assert "Canal towpath" in certificate
    for text in (warning, completion, certificate):
        assert "CANARY" not in text.upper()
        assert "Very high" not in text and "very_high" not in text
    assert "Gwenllïan Ŵyn-Ŷnys" in flat(warning)


def test_person_facing_data_objects_have_no_field_for_risk_health_or_offence():
    for cls in (WarningLetter, CompletionLetter, LetterHead, CompletionCertificate):
        for field in dataclasses.fields(cls):
            assert not any(word in field.name for word in FORBIDDEN_FIELD_WORDS), field.name


def test_the_warning_letter_says_what_the_law_requires(app, world):
    order, appt = _warned(world, app)
    text = flat(pdf_text(world.att.letters.render_warning_letter(appt)))
    assert "First warning" in text
    # (a) the circumstances, (b) unacceptable, (c) a further failure within 12 months: breach.
    assert ("On Tuesday 24 November 2026 you did not attend your unpaid work session at "
            "Riverside Clean-up, from 09:00 to 16:00") in text
    assert "You did not phone to say you could not come." in text
    assert "This failure to comply with your order is unacceptable." in text
    assert ("within 12 months of the date of this warning, that is on or before "
            "26 November 2027, you will be referred for breach proceedings") in text
    assert "contact us by 3 December 2026" in text
    assert "You have 40 hours left to work." in text
    assert "Cerys Coordinator" in text
    assert "OFFICIAL-SENSITIVE" not in text


def test_the_warning_letter_states_the_warning_period_the_setting_holds(app, world):
    """The letter's "within N months" and its end date both follow the setting, in both
    languages: the period is a setting, not a number written into the letter."""
    set_setting(app, "upw.warning_period_months", "6")
    _order, appt = _warned(world, app)
    english = flat(pdf_text(world.att.letters.render_warning_letter(appt)))
    assert ("within 6 months of the date of this warning, that is on or before "
            "26 May 2027") in english
    assert "12 months" not in english
    welsh = flat(pdf_text(world.att.letters.render_warning_letter(appt,
                                                                  language=Language.WELSH)))
    assert "o fewn 6 mis i ddyddiad y rhybudd hwn" in welsh


def test_the_welsh_warning_letter(app, world):
    order, appt = _warned(world, app, Language.WELSH)
    text = flat(pdf_text(world.att.letters.render_warning_letter(appt)))
    assert "Rhybudd cyntaf" in text
    assert "Ar ddydd Mawrth 24 Tachwedd 2026 ni wnaethoch fynychu" in text
    assert "yn annerbyniol" in text
    assert "ar 26 Tachwedd 2027 neu cyn hynny" in text
    english = flat(pdf_text(world.att.letters.render_warning_letter(appt,
                                                                    language=Language.ENGLISH)))
    assert "First warning" in english


def test_a_warning_letter_needs_a_warning_that_stands(app, world):
    order, appt = _warned(world, app)
    world.att.enforcement.record_action(order, "EA06", appointment_id=appt)
    with pytest.raises(ValidationError) as caught:
        world.att.letters.warning_letter(appt)
    assert "withdrawn" in str(caught.value)


def test_the_completion_letter_in_english_and_welsh(app, world):
    order = _completed(world, app)
    assert [d.order_id for d in world.att.letters.completion_letters_due()] == [order]
    text = flat(pdf_text(world.att.letters.render_completion_letter(order)))
    assert "You have completed your unpaid work" in text
    assert ("you have completed the 40 hours of unpaid work (Community Payback) that York "
            "Magistrates' Court ordered on 1 September 2026") in text
    assert "You finished on 26 November 2026." in text
    assert "You worked at: Canal towpath." in text
    assert world.att.letters.completion_letters_due() == []
    welsh = flat(pdf_text(world.att.letters.render_completion_letter(
        order, language=Language.WELSH)))
    assert "Rydych wedi cwblhau eich gwaith di-dâl" in welsh
    assert "40 awr o waith di-dâl" in welsh


def test_no_completion_letter_before_the_hours_are_done(world):
    order = world.order(world.person())
    with pytest.raises(ValidationError):
        world.att.letters.completion_letter(order)


def test_the_breach_summary_is_marked_and_withholds_sensitive_notes(app, world):
    order, first = _warned(world, app)
    session = world.session(world.project(name="Park benches"), dt.date(2026, 11, 25))
    second = world.book(session, order)
    set_clock(app, dt.datetime(2026, 11, 26, 10, 30))
    world.key(session, second, "AFTC", notes="Arrived 50 minutes late")
    world.att.enforcement.decide(second, Decision.REFER,
                                 circumstances="Second failure within the warning period")
    text = flat(pdf_text(world.att.letters.render_breach_summary(order)))
    assert "OFFICIAL-SENSITIVE" in text and "Breach summary" in text
    assert "UAAB Unacceptable absence" in text and "AFTC Attended – failed to comply" in text
    assert "Sensitive note withheld." in text and "CANARYNOTESHEALTH" not in text
    assert "Arrived 50 minutes late" in text
    assert "EA02 First warning letter sent" in text and "BRE01 Breach requested" in text
    assert "Referred for breach on 26 November 2026" in text
    assert "Breach to be laid by 9 December 2026" in text
    welsh = flat(pdf_text(world.att.letters.render_breach_summary(
        order, language=Language.WELSH)))
    assert "Crynodeb o dorri gorchymyn" in welsh and "Absenoldeb annerbyniol" in welsh


def test_assessment_rows_exist_for_the_canary(app, world):
    _planted(world, app)
    with app.db.read() as s:
        row = s.query(UpwAssessment).one()
        assert row.hs_medication_detail == "CANARYHS_MEDICATION_DETAIL"


def test_every_letter_names_the_organisation_and_gives_the_office_phone(app, world):
    order, appt = _warned(world, app)
    completed = _completed(world, app)
    letters = world.att.letters
    for language in (Language.ENGLISH, Language.WELSH):
        for pdf in (letters.render_warning_letter(appt, language=language),
                    letters.render_completion_letter(completed, language=language)):
            text = flat(pdf_text(pdf))
            assert "The Probation Service" in text
            assert "0300 047 1010" in text
            assert "2 Clifford Street" in text
            hours = ("Dydd Llun i ddydd Gwener, 9yb i 5yp" if language == Language.WELSH
                     else "Monday to Friday, 9am to 5pm")
            assert hours in text


def test_the_warning_letter_gives_the_next_session_date_and_place(app, world):
    order, appt = _warned(world, app)
    text = flat(pdf_text(world.att.letters.render_warning_letter(appt)))
    assert "Your next unpaid work session is not booked yet" in text
    later = world.session(world.project(name="Canal towpath"), dt.date(2026, 12, 1))
    world.book(later, order)
    text = flat(pdf_text(world.att.letters.render_warning_letter(appt)))
    assert ("Your next unpaid work session is on Tuesday 1 December 2026, 09:00 to 16:00, at "
            "Canal towpath, Riverside Walk, York, YO1 6HP.") in text
    welsh = flat(pdf_text(world.att.letters.render_warning_letter(
        appt, language=Language.WELSH)))
    assert "ar ddydd Mawrth 1 Rhagfyr 2026, 09:00 tan 16:00, yn Canal towpath" in welsh


def test_a_warning_letter_printed_late_keeps_its_date_but_never_a_past_respond_by(app, world):
    order, appt = _warned(world, app)
    set_clock(app, dt.datetime(2026, 12, 10, 9, 0))
    text = flat(pdf_text(world.att.letters.render_warning_letter(appt)))
    # Dated the day of the decision, and the 12 months count from it ...
    assert "Date: 26 November 2026" in text
    assert "on or before 26 November 2027" in text
    # ... but the person still has 5 working days from the day it is printed.
    assert "contact us by 3 December 2026" not in text
    assert "contact us by 17 December 2026" in text


def test_the_completion_letter_of_a_suspended_sentence_order_says_the_sentence_continues(
        app, world):
    order = _completed(world, app)
    with app.db.write() as s:
        s.execute(update(UpwOrder).where(UpwOrder.id == order).values(
            order_type=OrderType.SUSPENDED_SENTENCE_ORDER))
    text = flat(pdf_text(world.att.letters.render_completion_letter(order)))
    assert "suspended sentence order has not ended" in text
    assert "order you to serve the prison sentence" in text
    assert "requirement is now finished" not in text
    welsh = flat(pdf_text(world.att.letters.render_completion_letter(
        order, language=Language.WELSH)))
    assert "nid yw eich gorchymyn dedfryd ohiriedig wedi dod i ben" in welsh


def test_welsh_letters_print_only_glossary_phrases_and_their_data(app, world):
    from upw_ttg.printing.documents.completion_letter import (
        document_reference as completion_reference,
    )
    from upw_ttg.printing.documents.warning_letter import (
        document_reference as warning_reference,
    )

    from tests.printing.glossary_support import words_not_in_glossary

    order, appt = _warned(world, app, Language.WELSH)
    later = world.session(world.project(name="Canal towpath"), dt.date(2026, 12, 1))
    world.book(later, order)
    completed = _completed(world, app, Language.WELSH)
    letters = world.att.letters
    warning = letters.warning_letter(appt)
    completion = letters.completion_letter(completed)
    # The page header's reference and the footer's "printed by" are data too.
    printed = [app.ctx.actor.full_name]
    assert words_not_in_glossary(letters.render_warning_letter(appt), Language.WELSH,
                                 [warning, warning_reference(warning), *printed]) == set()
    assert words_not_in_glossary(letters.render_completion_letter(completed), Language.WELSH,
                                 [completion, completion_reference(completion),
                                  *printed]) == set()


def test_the_breach_summary_itemises_adjustments_in_clean_sentences(app, world):
    """Every approved adjustment is listed with its date, kind and reason, adding up to the
    total; an outcome and a note are joined as sentences, never as ".;"."""
    from upw_ttg.domain.codes import AdjustmentKind, AdjustmentStatus
    from upw_ttg.storage.models import Adjustment, EnforcementAction

    order, _first = _warned(world, app)
    with app.db.write() as s:
        s.add_all([
            Adjustment(order_id=order, kind=AdjustmentKind.TRAVEL_TIME, minutes=-90,
                       reason="Travel to Scarborough site", adjusted_on=dt.date(2026, 11, 2)),
            Adjustment(order_id=order, kind=AdjustmentKind.COURT_ORDERED, minutes=600,
                       reason="Extra hours on revocation", adjusted_on=dt.date(2026, 11, 9)),
            Adjustment(order_id=order, kind=AdjustmentKind.OTHER, minutes=30,
                       reason="Refused by the manager", adjusted_on=dt.date(2026, 11, 10),
                       status=AdjustmentStatus.REJECTED)])
        for action in s.query(EnforcementAction).filter_by(order_id=order):
            action.outcome, action.notes = "Letter posted first class.", "Phoned as well;"
    text = flat(pdf_text(world.att.letters.render_breach_summary(order)))
    for expected in ("Adjustments to the hours", "Travel time", "Travel to Scarborough site",
                     "−1 hour 30 minutes", "Ordered by the court", "Extra hours on revocation",
                     "+10 hours", "Total +8 hours 30 minutes",
                     "Letter posted first class. Phoned as well."):
        assert expected in text, expected
    assert "Refused by the manager" not in text
    assert ".;" not in text and ";." not in text


def test_the_welsh_breach_summary_prints_only_glossary_phrases_and_its_data(app, world):
    from tests.printing.glossary_support import words_not_in_glossary

    order, _first = _warned(world, app, Language.WELSH)
    summary = world.att.letters.breach_summary(order)
    pdf = world.att.letters.render_breach_summary(order)
    # The protective marking is a government marking, the same in both languages.
    assert words_not_in_glossary(pdf, Language.WELSH,
                                 [summary, "BS", "OFFICIAL-SENSITIVE"]) == set()


def test_a_person_with_no_office_still_gets_a_number_to_call(app, world):
    order, appt = _warned(world, app)
    with app.db.write() as s:
        person_id = s.get(UpwOrder, order).person_id
        s.execute(update(Person).where(Person.id == person_id).values(office_id=None))
    text = flat(pdf_text(world.att.letters.render_warning_letter(appt)))
    assert "The Probation Service" in text and "0300 047 1010" in text
