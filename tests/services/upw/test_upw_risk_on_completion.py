"""Completing an assessment puts its risk answers in force (rule UPW-RISKSHARE): a first one
that records risk, or one that differs from the assessment it replaces, lists everyone with
upcoming contact; one that records no risk, or the same as before, tells nobody."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import update

from upw_ttg.domain.codes import PlacementPreference, RiskLevel
from upw_ttg.domain.risk_sharing import RISK_FIELDS, ContactKind, first_assessment_risks
from upw_ttg.storage.models import UpwAssessment

from tests.services.attendance.attendance_data import World, set_clock
from tests.services.upw.risk_support import with_contacts

ANSWERED = dict(vulnerable=False, placement_preference=PlacementPreference.MIXED_GROUP,
                public_transport_accessible=True, availability="Y" * 21, hs_allergies=False,
                female_only_offered=True)


@pytest.fixture
def world(app) -> World:
    set_clock(app, dt.datetime(2026, 11, 26, 10, 0))
    return World(app)


def _complete(app, assessment_id: int):
    return app.upw.assessments.complete(assessment_id, app.upw.assessments.get(
        assessment_id).version)


def test_a_first_assessment_recording_risk_lists_everyone_when_completed(app, world):
    person, assessment = with_contacts(world)
    with app.db.write() as s:  # as if never completed: the first assessment, still a draft
        s.execute(update(UpwAssessment).where(UpwAssessment.id == assessment)
                  .values(completed_on=None, risk_to_children=True, no_male_supervisor=True))
    assert app.upw.risk_sharing.for_person(person) == []
    _complete(app, assessment)
    [notice] = app.upw.risk_sharing.for_person(person)
    assert notice.changes == ("Risk of harm: medium", "Risk to children: applies",
                              "No male supervisor: applies")
    assert [(c.kind, c.contact) for c in notice.contacts] == [
        (ContactKind.SUPERVISOR, "Sam Supervisor"), (ContactKind.BENEFICIARY, "Siân Jones"),
        (ContactKind.SUPERVISOR, "Tess Supervisor"), (ContactKind.PROVIDER, "Shelter"),
        (ContactKind.RESPONSIBLE_OFFICER, "Priya Officer")]
    assert {c.confirm_by for c in notice.contacts} == {dt.date(2026, 11, 30)}


def test_a_new_assessment_is_compared_with_the_one_it_replaces(app, world):
    person, _completed = with_contacts(world)
    same = world.assessment(person, completed_on=None, risk_level=RiskLevel.MEDIUM, **ANSWERED)
    _complete(app, same)
    assert app.upw.risk_sharing.for_person(person) == []  # nothing changed
    raised = world.assessment(person, completed_on=None, risk_level=RiskLevel.HIGH,
                              risk_violence=True, **ANSWERED)
    _complete(app, raised)
    [notice] = app.upw.risk_sharing.for_person(person)
    assert notice.changes == ("Risk of harm: medium → high", "Violence: now applies")
    assert len(notice.contacts) == 5


def test_a_first_assessment_of_low_risk_with_no_flags_tells_nobody(app, world):
    person = world.person()
    draft = world.assessment(person, completed_on=None, risk_level=RiskLevel.LOW, **ANSWERED)
    _complete(app, draft)
    assert app.upw.risk_sharing.for_person(person) == []


@given(st.dictionaries(st.sampled_from(sorted(RISK_FIELDS)), st.booleans()),
       st.sampled_from(list(RiskLevel)))
def test_a_first_assessment_names_every_flag_that_applies_and_nothing_else(flags, level):
    after = {**flags, "risk_level": level}
    if "risk_level" in flags:
        after["risk_level"] = level
    words = first_assessment_risks(after)
    applying = [RISK_FIELDS[f] for f in RISK_FIELDS
                if f != "risk_level" and after.get(f) is True]
    if not applying and level == RiskLevel.LOW:
        assert words == ()
    else:
        assert words[0] == f"Risk of harm: {level.value.replace('_', ' ')}"
        assert [w.removesuffix(": applies") for w in words[1:]] == applying
