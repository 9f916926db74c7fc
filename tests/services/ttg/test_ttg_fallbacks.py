"""Rule TTG-FALLBACK: a fallback per need and for the day of release, required where risk of harm
applies, kept with versions and audited."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from upw_ttg.domain.codes import MappaLevel, PlanStatus, RiskLevel
from upw_ttg.domain.resettlement import fallback_missing, risk_of_harm_applies
from upw_ttg.errors import StaleRecordError, ValidationError
from upw_ttg.records.ttg import NeedInput, ReleaseFallbackInput, RiskInput
from upw_ttg.services.ttg.plans import PlanIncompleteError
from upw_ttg.storage.models import AuditEvent

from tests.services.ttg.ttg_support import fill_plan

ACCOMMODATION_GAP = ("Fallback: risk of harm applies, so say on the Accommodation page what "
                     "happens if the accommodation plan falls through: who to call and by when.")
RELEASE_GAP = ("Fallback: risk of harm applies, so say on the Pre-release review page what "
               "happens if the day of release falls through: who to call and by what time.")


@pytest.fixture
def plan(ttg, episode_id):
    return fill_plan(ttg, ttg.plans.create(episode_id))


def _accommodation(ttg, plan, **changes):
    need = plan.need("accommodation")
    data = NeedInput("accommodation", need.own_words, need.status, need.responsibility,
                     need.linked_to_offending, need.version, need.on_persons_copy,
                     need.fallback_plan, need.fallback_contact, need.fallback_by)
    return ttg.plans.save_need(plan.id, dataclasses.replace(data, **changes))


def _risk(ttg, plan, level, mappa=MappaLevel.NONE):
    day = dt.date(2026, 11, 20)
    return ttg.plans.save_risk(plan.id, RiskInput(
        level=level, mappa_level=mappa, summary="Risk to a former partner",
        da_check_requested=day, cs_check_requested=day, version=plan.version))


def test_which_plans_risk_of_harm_applies_to():
    assert not risk_of_harm_applies(None, None)
    assert not risk_of_harm_applies(RiskLevel.LOW, MappaLevel.NONE)
    assert risk_of_harm_applies(RiskLevel.LOW, MappaLevel.LEVEL_1)
    assert risk_of_harm_applies(RiskLevel.MEDIUM, None)
    assert risk_of_harm_applies(RiskLevel.VERY_HIGH, MappaLevel.NONE)
    assert fallback_missing(" ", None, None) == ["what happens", "who to call", "by when"]
    assert fallback_missing("Night shelter", "Duty officer", dt.date(2027, 5, 1)) == []


def test_a_filled_plan_keeps_both_fallbacks_and_completes(ttg, plan):
    need = plan.need("accommodation")
    assert (need.fallback_plan, need.fallback_contact, need.fallback_by) == (
        "Emergency bed at the Hull approved premises", "Duty officer, Hull Central 01482 000111",
        dt.date(2027, 5, 18))
    assert (plan.release_fallback_plan, plan.release_fallback_by) == (
        "Go straight to the Hull Central office", dt.time(14, 0))
    assert ttg.plans.complete(plan.id, plan.version).status == PlanStatus.COMPLETE


def test_risk_of_harm_without_fallbacks_is_refused_naming_each(ttg, plan):
    plan = _accommodation(ttg, plan, fallback_by=None)
    plan = ttg.plans.save_release_fallback(plan.id, ReleaseFallbackInput(version=plan.version))
    assert plan.missing_for_completion == [ACCOMMODATION_GAP, RELEASE_GAP]
    with pytest.raises(PlanIncompleteError) as refused:
        ttg.plans.complete(plan.id, plan.version)
    assert refused.value.missing == [ACCOMMODATION_GAP, RELEASE_GAP]
    # A low risk outside MAPPA needs neither; MAPPA at any level needs both again.
    plan = _risk(ttg, plan, RiskLevel.LOW)
    assert plan.missing_for_completion == []
    plan = _risk(ttg, plan, RiskLevel.LOW, MappaLevel.LEVEL_1)
    assert plan.missing_for_completion == [ACCOMMODATION_GAP, RELEASE_GAP]
    plan = _accommodation(ttg, plan, fallback_by=dt.date(2027, 5, 20))
    plan = ttg.plans.save_release_fallback(plan.id, ReleaseFallbackInput(
        "Wait at the gate lodge", "Gate officer 01482 000222", dt.time(10, 30), plan.version))
    assert ttg.plans.complete(plan.id, plan.version).status == PlanStatus.COMPLETE


def test_clearing_a_fallback_reopens_a_complete_plan(ttg, plan):
    plan = ttg.plans.complete(plan.id, plan.version)
    plan = _accommodation(ttg, plan, fallback_contact="   ")
    assert plan.status == PlanStatus.DRAFT and plan.reopened
    assert plan.reopened_reason == ACCOMMODATION_GAP
    assert plan.need("accommodation").fallback_contact is None


def test_release_fallback_is_version_checked_checked_and_audited(app, ttg, plan):
    stale = plan.version
    plan = ttg.plans.save_release_fallback(plan.id, ReleaseFallbackInput(
        "Call the hostel from reception", "Hostel 01482 000333", dt.time(12, 0), plan.version))
    with pytest.raises(StaleRecordError):
        ttg.plans.save_release_fallback(plan.id, ReleaseFallbackInput("x", "y", None, stale))
    with pytest.raises(ValidationError) as refused:
        ttg.plans.save_release_fallback(plan.id, ReleaseFallbackInput(
            "x" * 401, "y" * 201, None, plan.version))
    assert set(refused.value.fields) == {"release_fallback_plan", "release_fallback_contact"}
    with app.ctx.db.read() as session:
        changes = session.scalars(select(AuditEvent.changes).where(
            AuditEvent.entity == "resettlement_plan", AuditEvent.entity_id == str(plan.id))
            .order_by(AuditEvent.id.desc())).first()
    assert "Go straight to the Hull Central office" in changes
    assert "Call the hostel from reception" in changes
