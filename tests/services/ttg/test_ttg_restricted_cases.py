"""Restricted cases in Through the Gate: a resettlement worker not named on the case cannot
open, change or print its plan and handover; the named worker works it as usual."""

from __future__ import annotations

import pytest

from upw_ttg.domain.codes import Role
from upw_ttg.errors import RestrictedCaseError
from upw_ttg.records.ttg import OfficerInput

from tests.services.ttg.ttg_support import make_episode, make_person


@pytest.fixture
def restricted_episode(app, ttg, signed_in_as):
    person_id = make_person(app)
    episode_id = make_episode(app, person_id)
    plan = ttg.plans.create(episode_id)
    named = signed_in_as(Role.RESETTLEMENT_WORKER, username="named")
    other = signed_in_as(Role.RESETTLEMENT_WORKER, username="other")
    access = app.restrictions.case_access(person_id)
    app.restrictions.set_restriction(person_id, True, [named.ctx.actor.id], access.version)
    return episode_id, plan.id, named, other


def test_a_worker_not_named_cannot_open_change_or_print_the_plan(restricted_episode):
    episode_id, plan_id, _named, other = restricted_episode
    calls = [lambda: other.plans.for_episode(episode_id), lambda: other.plans.get(plan_id),
             lambda: other.plans.set_no_strengths(plan_id, True, "None found", 1),
             lambda: other.handover.for_episode(episode_id),
             lambda: other.handover.save_officer(episode_id, OfficerInput(ro_name="Ann Lee")),
             lambda: other.ttg_printouts.render_handover_pack(episode_id),
             lambda: other.reviews.for_episode(episode_id),
             lambda: other.custody_events.state(episode_id)]
    for call in calls:
        with pytest.raises(RestrictedCaseError):
            call()


def test_the_named_worker_works_the_plan(restricted_episode):
    episode_id, plan_id, named, _other = restricted_episode
    assert named.plans.get(plan_id).id == plan_id
    assert named.handover.save_officer(episode_id, OfficerInput(ro_name="Ann Lee"))
