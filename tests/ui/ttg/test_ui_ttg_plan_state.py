"""The plan screen's state without Qt: loading an episode, unsaved parts, saving against the
version shown, a save refused as stale, who may edit, and what stops completion."""

from __future__ import annotations

import dataclasses

import pytest

from upw_ttg.domain.codes import GenderCategory, NeedStatus, Role
from upw_ttg.domain.directory import ProviderInput, ReferralRoute
from upw_ttg.domain.resettlement import PlanSection
from upw_ttg.errors import StaleRecordError
from upw_ttg.records.ttg import NeedInput

from tests.narrowing import present
from tests.services.ttg.ttg_support import fill_plan, make_episode, make_person
from ui.views.ttg.plan_state import SECTION_KEYS, PlanState, read_episode

WOMENS = ["need:abuse_survivors", "need:sex_work"]


@pytest.fixture
def episode_id(app) -> int:
    """A person in custody, on the plain services (the screens' fixture signs in a worker)."""
    return make_episode(app, make_person(app))


def _state(app, episode_id: int) -> PlanState:
    state = PlanState(app.plans.pathways(), app.ctx.actor)
    state.load(read_episode(app, episode_id, state.can_read_handover))
    return state


def _as(app, episode_id: int, category: GenderCategory) -> PlanState:
    """The state of the episode with the person's gender category as given."""
    state = PlanState(app.plans.pathways(), app.ctx.actor)
    read = read_episode(app, episode_id, True)
    state.load(dataclasses.replace(
        read, person=dataclasses.replace(read.person, gender_category=category)))
    return state


def test_loading_shows_the_episode_read_together(app, episode_id):
    state = _state(app, episode_id)
    assert present(state.episode).id == episode_id
    assert present(state.person).id == present(state.episode).person_id
    assert state.plan is None and state.referrals == [], "no plan is started yet"
    assert state.custody is not None and state.deadlines is not None
    assert state.page_keys[-len(SECTION_KEYS):] == list(SECTION_KEYS)
    assert state.page_keys[0] == "need:accommodation"


def test_the_womens_pathways_are_shown_for_anyone_not_a_man_or_once_recorded(app, episode_id):
    assert set(WOMENS) <= _as(app, episode_id, GenderCategory.MAN).hidden_keys()
    for category in (GenderCategory.WOMAN, GenderCategory.NOT_STATED):
        assert not set(WOMENS) & _as(app, episode_id, category).hidden_keys()
    plan = app.plans.create(episode_id)
    app.plans.save_need(plan.id, NeedInput("sex_work", own_words="Wants to talk about it"))
    hidden = _as(app, episode_id, GenderCategory.MAN).hidden_keys()
    assert "need:sex_work" not in hidden and "need:abuse_survivors" in hidden
    visible = _as(app, episode_id, GenderCategory.MAN).visible_keys()
    assert "need:sex_work" in visible and "need:abuse_survivors" not in visible


def test_what_may_be_edited_and_read_follows_the_roles(app, episode_id, signed_in_as):
    manager = _state(app, episode_id)
    assert manager.editable and manager.can_read_risk and manager.can_read_handover
    assert not {"risk", "handover"} & manager.hidden_keys()
    worker = signed_in_as(Role.RESETTLEMENT_WORKER)
    assert PlanState(worker.plans.pathways(), worker.ctx.actor).editable
    other = PlanState(app.plans.pathways(), signed_in_as(Role.SUPERVISOR).ctx.actor)
    assert not other.editable
    assert {"risk", "handover"} <= other.hidden_keys()


def test_edited_parts_wait_in_the_order_of_the_section_list(app, episode_id):
    state = _state(app, episode_id)
    assert not state.pending and state.queue() == []
    state.mark_dirty("review", "review")
    state.mark_dirty("need:health", "need")
    state.mark_dirty("review", "fallback")
    state.mark_dirty("review", "review")  # typed again: still once
    assert state.pending and state.is_dirty("review") and not state.is_dirty("dates")
    assert state.dirty_parts("review") == ["review", "fallback"]
    assert state.queue() == [("need:health", "need"), ("review", "review"),
                             ("review", "fallback")]
    state.saved("review", "review")
    assert state.queue() == [("need:health", "need"), ("review", "fallback")]
    state.forget("need:health")  # the page showed the records afresh
    assert state.queue() == [("review", "fallback")]
    state.load(read_episode(app, episode_id, True))
    assert not state.pending, "a fresh read forgets what was not saved"


def test_each_save_is_sent_against_the_version_the_last_one_returned(app, episode_id):
    state = _state(app, episode_id)
    state.take_plan(app.plans.create(episode_id))
    for words in ("A room near my kids", "A flat near my kids"):
        plan = present(state.plan)
        need = plan.need("accommodation")
        state.take_plan(app.plans.save_need(plan.id, NeedInput(
            "accommodation", own_words=words, version=need.version if need else None)))
    assert present(present(state.plan).need("accommodation")).own_words == "A flat near my kids"
    assert present(state.plan).version == app.plans.for_episode(episode_id).version


def test_a_save_refused_as_stale_waits_until_the_episode_is_read_again(app, episode_id):
    state = _state(app, episode_id)
    state.take_plan(app.plans.create(episode_id))
    shown = present(state.plan)
    app.plans.set_diversity_considered(shown.id, True, shown.version)  # someone else saves
    state.mark_dirty("strengths", "none")
    with pytest.raises(StaleRecordError):
        app.plans.set_no_strengths(shown.id, True, "Would not discuss it", shown.version)
    state.refused_stale("strengths", "none")
    assert state.stale and state.is_blocked("strengths", "none")
    assert state.queue() == [("strengths", "none")], "the text is kept, not sent"
    state.load(read_episode(app, episode_id, True))
    assert not state.stale and not state.is_blocked("strengths", "none")
    assert present(state.plan).diversity_considered, "the other save is shown"
    state.mark_dirty("strengths", "none")  # the text put back after the reload
    plan = present(state.plan)
    state.take_plan(app.plans.set_no_strengths(plan.id, True, "Would not discuss it",
                                               plan.version))
    state.saved("strengths", "none")
    assert not state.pending and present(state.plan).strengths_none_identified


def test_what_stops_completion_links_to_the_page_answering_it(app, ttg, episode_id):
    state = _as(app, episode_id, GenderCategory.MAN)
    state.take_plan(app.plans.create(episode_id))
    links = {message: key for key, message in state.gap_links()}
    assert links["Accommodation: record a status (no need or declined count)."] == \
        "need:accommodation"
    assert links["Health: record a status (no need or declined count)."] == "need:health"
    sections = {section: key for (section, _m), (key, _m2)
                in zip(present(state.plan).gaps, state.gap_links(), strict=True)}
    assert sections[PlanSection.STRENGTHS] == "strengths"
    assert sections[PlanSection.RISK] == "risk"
    assert sections[PlanSection.AGREEMENT] == "agreement"
    question = state.completion_question()
    assert question.startswith(f"Mark the resettlement plan of "
                               f"{present(state.person).display_name} complete?")
    assert "7 pathways are not started" in question, "the women's pathways are not shown"


def test_a_filled_plan_asks_only_about_what_was_set_aside_and_completes(app, ttg, episode_id):
    state = _as(app, episode_id, GenderCategory.MAN)
    state.take_plan(fill_plan(ttg, app.plans.create(episode_id)))
    assert state.gap_links() == [] and not state.complete
    assert state.pathways_with(NeedStatus.IN_PROGRESS) == ["Accommodation"]
    assert len(state.pathways_with(NeedStatus.NO_NEED)) == 6
    question = state.completion_question()
    assert "not started" not in question and "6 pathways are recorded as no need" in question
    plan = present(state.plan)
    state.take_plan(app.plans.complete(plan.id, plan.version))
    assert state.complete


def test_a_pickers_providers_are_those_of_its_pathway(app, episode_id):
    for name, pathways in (("Bridge Street Surgery", ("health",)),
                           ("Humber Housing", ("accommodation",))):
        app.directory.add(ProviderInput(
            name=name, pathway_codes=pathways, national=True, unit_ids=(),
            address="4 Marina Court", town="Hull", postcode="HU1 1TJ",
            phone="01632 960 601", email="refer@example.org",
            referral_route=ReferralRoute.SELF_REFERRAL))
    state = _state(app, episode_id)
    assert {c.name for c in state.provider_choices(None)} >= {"Bridge Street Surgery",
                                                              "Humber Housing"}
    names = [c.name for c in state.provider_choices("health")]
    assert "Bridge Street Surgery" in names and "Humber Housing" not in names
