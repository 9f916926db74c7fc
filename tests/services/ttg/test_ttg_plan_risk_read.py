"""A plan's risk-of-harm section is read through a capability of its own: a member who may
read the rest of the plan but not that gets the plan without it, and no risk reading is logged."""

from __future__ import annotations

import pytest

from upw_ttg.domain.access import AccessAction, AccessedRecord
from upw_ttg.domain.codes import Role
from upw_ttg.domain.permissions import PERMISSIONS, Capability
from upw_ttg.errors import CapabilityDeniedError
from upw_ttg.records.ttg import WITHHELD_RISK, RiskInput

from tests.services.ttg.ttg_support import fill_plan, logged, make_episode, make_person


@pytest.fixture
def plan_reader(monkeypatch):
    """A role that reads resettlement plans but not their risk sections (the table's row for
    it, made for this test: no role reads one without the other today)."""
    monkeypatch.setitem(PERMISSIONS, Role.COORDINATOR,
                        PERMISSIONS[Role.COORDINATOR] | {Capability.READ_TTG_CASE})
    return Role.COORDINATOR


def test_the_risk_section_is_withheld_from_a_member_who_may_not_read_it(
        app, ttg, signed_in_as, plan_reader):
    person = make_person(app)
    episode = make_episode(app, person)
    plan = fill_plan(ttg, ttg.plans.create(episode))
    before = logged(app)
    reader = signed_in_as(plan_reader)
    seen = reader.plans.get(plan.id)
    assert seen.risk == WITHHELD_RISK and seen.risk.summary is None
    assert (seen.needs, seen.strengths, seen.person_agrees) == (plan.needs, plan.strengths,
                                                                plan.person_agrees)
    assert reader.plans.for_episode(episode).risk.withheld
    assert logged(app) == before, "nothing of the risk section was read"
    with pytest.raises(CapabilityDeniedError):
        reader.ttg_printouts.render_handover_pack(episode)
    with pytest.raises(CapabilityDeniedError):
        reader.plans.save_risk(plan.id, RiskInput(summary="Overwritten", version=seen.version))


def test_a_member_who_may_read_it_reads_it_and_the_reading_is_logged(app, ttg, signed_in_as):
    person = make_person(app)
    episode = make_episode(app, person)
    plan = fill_plan(ttg, ttg.plans.create(episode))
    worker = signed_in_as(Role.RESETTLEMENT_WORKER)
    shown = worker.plans.get(plan.id)
    assert shown.risk.summary == "Risk to a former partner" and not shown.risk.withheld
    action, kind, record_id, *_ = logged(app)[-1]
    assert (action, kind, record_id) == (AccessAction.VIEW, AccessedRecord.PLAN_RISK.value,
                                         str(plan.id))
