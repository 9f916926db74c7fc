"""UPW assessment: explicit health, safety and vulnerability questions; the female-only offer."""

from __future__ import annotations

import datetime as dt

import pytest

from upw_ttg.domain.codes import (
    AllergyAction,
    AuditAction,
    Gender,
    MedicationEffect,
    PlacementPreference,
    RiskLevel,
)
from upw_ttg.errors import ValidationError
from upw_ttg.records.upw import AssessmentInput, CommitmentInput


def _draft(upw, gender=Gender.MALE, identity=None):
    person = upw.person(gender, identity)
    order = upw.order(person)
    return person, order


def test_a_draft_saves_unanswered_and_lists_every_missing_question(upw):
    person, order = _draft(upw, Gender.FEMALE)
    record = upw.svc.assessments.create(AssessmentInput(person_id=person, order_id=order))
    assert not record.complete
    assert record.female_only_to_offer
    with pytest.raises(ValidationError) as caught:
        upw.svc.assessments.complete(record.id, record.version)
    fields = caught.value.fields
    assert fields["hs_allergies"] == "Answer the health and safety question: allergies."
    assert fields["hs_epilepsy"].endswith("epilepsy or loss of consciousness.")
    assert {"hs_pregnancy", "hs_mobility", "hs_medication", "vulnerable", "risk_level",
            "placement_preference", "female_only_offered", "public_transport_accessible",
            "availability"} <= set(fields)
    assert fields["vulnerable"] == "Answer the vulnerability question: is the person vulnerable?"
    assert list(record.unanswered) == list(fields.values())


def test_completing_records_who_and_when(upw, app):
    person, order = _draft(upw)
    record = upw.svc.assessments.create(upw.assessment_input(person, order))
    done = upw.svc.assessments.complete(record.id, record.version)
    assert done.completed_on == dt.date(2026, 11, 26)
    assert done.completed_by == "Ada Admin"
    assert done.unanswered == ()
    events = app.audit.events_for("upw_assessment", record.id)
    assert [e.action for e in events] == [AuditAction.CREATE, AuditAction.UPDATE]


@pytest.mark.parametrize(("flag", "needed"), [
    ("hs_allergies", {"hs_allergies_detail": "Describe the allergies.",
                      "hs_allergy_action": "Choose what to do on site if the person reacts."}),
    ("hs_mobility", {"hs_mobility_detail": "Describe the mobility needs."}),
    ("hs_medication", {"hs_medication_effects":
                       "Choose how the medication affects safety on site."}),
    ("vulnerable", {"vulnerability_detail": "Describe how the person is vulnerable."}),
])
def test_a_yes_needs_its_detail(upw, flag, needed):
    person, order = _draft(upw)
    record = upw.svc.assessments.create(upw.assessment_input(person, order, **{flag: True}))
    with pytest.raises(ValidationError) as caught:
        upw.svc.assessments.complete(record.id, record.version)
    assert caught.value.fields == needed


def test_the_site_categories_are_kept_only_with_a_yes(upw):
    """The work sheet's categories (rule DOC-2) are saved with their "yes" and cleared by a
    "no"; naming the medicine is optional once its effect on site is chosen."""
    person, order = _draft(upw)
    data = upw.assessment_input(person, order, hs_allergies=True, hs_allergies_detail="Nuts",
                                hs_allergy_action=AllergyAction.ADRENALINE_PEN,
                                hs_medication=True,
                                hs_medication_effects=(MedicationEffect.SUN_SENSITIVE,
                                                       MedicationEffect.DROWSY,
                                                       MedicationEffect.DROWSY))
    record = upw.svc.assessments.create(data)
    assert upw.svc.assessments.complete(record.id, record.version).complete
    answers = upw.svc.assessments.get(record.id).answers
    assert answers.hs_allergy_action == AllergyAction.ADRENALINE_PEN
    # Each effect once, in the list's order.
    assert answers.hs_medication_effects == (MedicationEffect.DROWSY,
                                             MedicationEffect.SUN_SENSITIVE)
    changed = upw.svc.assessments.get(record.id).to_input()
    changed.hs_medication = False
    updated = upw.svc.assessments.update(record.id, changed)
    assert updated.answers.hs_medication_effects == ()
    assert updated.answers.hs_allergy_action == AllergyAction.ADRENALINE_PEN


@pytest.mark.parametrize(("effects", "message"), [
    (("drowsy", "no_effect_on_site"), "“No effect on work on site” cannot go with another "
                                      "effect: untick one of them."),
    (("drowsy", "hallucinations"), "Choose how the medication affects safety from the list."),
])
def test_medication_effects_must_make_sense_together(upw, effects, message):
    person, order = _draft(upw)
    with pytest.raises(ValidationError) as caught:
        upw.svc.assessments.create(upw.assessment_input(
            person, order, hs_medication=True, hs_medication_effects=effects))
    assert caught.value.fields == {"hs_medication_effects": message}


@pytest.mark.parametrize(("gender", "identity"), [
    (Gender.FEMALE, None), (Gender.MALE, "Non-binary"), (Gender.NOT_STATED, None),
    (Gender.FEMALE, "Trans woman")])
def test_the_female_only_offer_is_required_whenever_identity_is_not_male(upw, gender, identity):
    person, order = _draft(upw, gender, identity)
    data = upw.assessment_input(person, order, female_only_offered=None)
    record = upw.svc.assessments.create(data)
    assert record.female_only_to_offer
    with pytest.raises(ValidationError) as caught:
        upw.svc.assessments.complete(record.id, record.version)
    assert set(caught.value.fields) == {"female_only_offered"}
    data.female_only_offered = True
    data.placement_preference = PlacementPreference.FEMALE_ONLY_GROUP
    data.version = record.version
    updated = upw.svc.assessments.update(record.id, data)
    assert upw.svc.assessments.complete(updated.id, updated.version).complete


@pytest.mark.parametrize("identity", [None, "Man"])
def test_men_are_not_offered_female_only_groups(upw, identity):
    person, order = _draft(upw, Gender.MALE, identity)
    record = upw.svc.assessments.create(upw.assessment_input(person, order))
    assert not record.female_only_to_offer
    with pytest.raises(ValidationError) as caught:
        upw.svc.assessments.create(upw.assessment_input(
            person, order, female_only_offered=True,
            placement_preference=PlacementPreference.FEMALE_ONLY_GROUP))
    assert set(caught.value.fields) == {"placement_preference", "female_only_offered"}


def test_every_field_and_commitment_is_kept(upw):
    person, order = _draft(upw, Gender.FEMALE)
    commitments = (CommitmentInput("employment", 0, dt.time(9), dt.time(17), "Warehouse"),
                   CommitmentInput("religious", 4, dt.time(12), dt.time(14)))
    data = upw.assessment_input(
        person, order, woman=True, availability="YYN" * 7, risk_level=RiskLevel.HIGH,
        risk_violence=True, victim_exclusion_zone="Leeds city centre",
        restrictive_orders="Non-molestation order", no_male_supervisor=True,
        close_supervision=True, hs_allergies=True, hs_allergies_detail="Wasps",
        hs_pregnancy=True, disabilities="Hearing loss", reasonable_adjustments="Written briefing",
        literacy_need=True, driving_licence=False, vehicle_access=False, ete_need=True,
        intensive_extra_hours=14, ppe_top="M", ppe_trousers="12", ppe_boots="6",
        ppe_gloves="S", commitments=commitments)
    record = upw.svc.assessments.create(data)
    answers = upw.svc.assessments.get(record.id).answers
    for name in ("availability", "risk_level", "risk_violence", "victim_exclusion_zone",
                 "no_male_supervisor", "hs_allergies_detail", "intensive_extra_hours",
                 "ppe_boots", "disabilities", "literacy_need"):
        assert getattr(answers, name) == getattr(data, name)
    assert answers.commitments == commitments
    assert upw.svc.assessments.for_order(order).id == record.id


@pytest.mark.parametrize(("changes", "field"), [
    ({"availability": "Y" * 20}, "availability"),
    ({"availability": "X" * 21}, "availability"),
    ({"intensive_extra_hours": 22}, "intensive_extra_hours"),
    ({"no_female_supervisor": True, "no_male_supervisor": True}, "no_male_supervisor"),
    ({"commitments": (CommitmentInput("employment", 0, dt.time(17), dt.time(9)),)},
     "commitments[0]"),
    ({"commitments": (CommitmentInput("hobby", 0, dt.time(9), dt.time(10)),)},
     "commitments[0]"),
])
def test_invalid_answers_are_refused(upw, changes, field):
    person, order = _draft(upw)
    with pytest.raises(ValidationError) as caught:
        upw.svc.assessments.create(upw.assessment_input(person, order, **changes))
    assert field in caught.value.fields


def test_a_completed_assessment_cannot_be_emptied(upw):
    order = upw.man()
    record = upw.svc.assessments.for_order(order)
    data = record.to_input()
    data.hs_epilepsy = None
    with pytest.raises(ValidationError) as caught:
        upw.svc.assessments.update(record.id, data)
    assert set(caught.value.fields) == {"hs_epilepsy"}
