"""Resettlement plans: sections, the completion gate, optimistic locking and the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest

from upw_ttg.domain.codes import (
    DiversityCategory,
    Gender,
    MappaLevel,
    NeedStatus,
    PlanStatus,
    Responsibility,
    RiskLevel,
    Role,
)
from upw_ttg.errors import NotFoundError, PermissionDeniedError, StaleRecordError, ValidationError
from upw_ttg.records.ttg import ActionInput, AgreementInput, NeedInput, RiskInput
from upw_ttg.services.ttg.plans import PlanIncompleteError

from tests.narrowing import present
from tests.services.ttg.ttg_support import (
    fill_plan,
    make_episode,
    make_person,
    settle_pathways,
    ttg_services,
)

NO_STATUS = [f"{name}: record a status (no need or declined count)." for name in (
    "Accommodation", "Education, skills and work", "Finance and ID", "Drugs and alcohol",
    "Health", "Children, families and communities", "Attitudes, thinking and behaviour")]
SECTIONS_MISSING = [
    "Strengths and protective factors: record at least one, or mark them as none identified "
    "and say why.",
    "Diversity and accessibility needs: record each need with the adjustment it makes, or "
    "confirm there are none.",
    "Risk of harm: choose the risk of harm level.",
    "Risk of harm: choose the MAPPA level (or not MAPPA).",
    "Risk of harm: write a short summary of the risk and how the plan manages it.",
    "Risk of harm: record when the domestic abuse check was requested.",
    "Risk of harm: record when the child safeguarding check was requested.",
    "The person's agreement: record whether they agree with the plan, and the date.",
    "Consent to share: record the person's answer for at least one named agency.",
]
ALL_MISSING = ["Needs: record at least one need in the person's own words.", *NO_STATUS,
               *SECTIONS_MISSING]


@pytest.fixture
def plan(ttg, episode_id):
    return ttg.plans.create(episode_id)


def test_a_new_plan_is_due_five_working_days_after_screening(ttg, plan):
    # Screened Tue 3 Nov 2026: Wed 4 .. Tue 10 Nov is the fifth working day.
    assert plan.due_date == dt.date(2026, 11, 10)
    assert plan.status == PlanStatus.DRAFT and plan.started_on == dt.date(2026, 11, 26)


def test_one_plan_per_episode(ttg, plan):
    with pytest.raises(ValidationError, match="already has a resettlement plan"):
        ttg.plans.create(plan.episode_id)
    assert ttg.plans.for_episode(plan.episode_id).id == plan.id


def test_an_empty_plan_names_every_missing_section(ttg, plan):
    assert plan.missing_for_completion == ALL_MISSING
    with pytest.raises(PlanIncompleteError) as caught:
        ttg.plans.complete(plan.id, plan.version)
    assert caught.value.missing == ALL_MISSING
    assert ttg.plans.get(plan.id).status == PlanStatus.DRAFT


def test_each_section_answered_removes_exactly_its_messages(ttg, plan):
    plan = ttg.plans.save_need(plan.id, NeedInput("accommodation"))
    assert ALL_MISSING[0] in plan.missing_for_completion  # a need without own words
    plan = ttg.plans.save_need(plan.id, NeedInput("accommodation", own_words="Somewhere safe",
                                                  version=plan.need("accommodation").version))
    assert ALL_MISSING[0] not in plan.missing_for_completion
    # Words alone are no status; "declined" and "no need" are, pathway by pathway.
    assert plan.missing_for_completion[:7] == NO_STATUS
    plan = ttg.plans.save_need(plan.id, NeedInput(
        "accommodation", own_words="Somewhere safe", status=NeedStatus.DECLINED,
        version=plan.need("accommodation").version))
    assert plan.missing_for_completion[:6] == NO_STATUS[1:]
    plan = ttg.plans.save_need(plan.id, NeedInput("health", status=NeedStatus.NO_NEED))
    assert NO_STATUS[4] not in plan.missing_for_completion
    plan = settle_pathways(ttg.plans, plan, NeedStatus.IN_PROGRESS)
    assert not any(m in plan.missing_for_completion for m in NO_STATUS)
    plan = ttg.plans.save_need(plan.id, NeedInput("ete", version=present(plan.need("ete")).version))
    assert plan.missing_for_completion[0] == NO_STATUS[1], "not started is no status"
    plan = settle_pathways(ttg.plans, plan)
    plan = ttg.plans.set_no_strengths(plan.id, True, None, plan.version)
    assert plan.missing_for_completion[0] == ("Strengths and protective factors: say why "
                                              "none were identified.")
    plan = ttg.plans.set_no_strengths(plan.id, True, "Declined to talk today", plan.version)
    assert not any(m.startswith("Strengths") for m in plan.missing_for_completion)
    plan = ttg.plans.save_diversity_need(plan.id, DiversityCategory.WELSH, "Prefers Welsh",
                                         "Plan and letters in Welsh", plan.version)
    assert plan.diversity_considered
    assert not any(m.startswith("Diversity") for m in plan.missing_for_completion)
    plan = ttg.plans.save_risk(plan.id, RiskInput(level=RiskLevel.HIGH, version=plan.version))
    risk = [m for m in plan.missing_for_completion if m.startswith("Risk")]
    assert risk == SECTIONS_MISSING[3:7] + ["Risk of harm: the risk is high, so mark at least one "
                                       "action as managing the risk."]
    plan = ttg.plans.save_agreement(plan.id, AgreementInput(
        person_agrees=False, agreed_on=dt.date(2026, 11, 25), version=plan.version))
    assert "The person's agreement: note what they disagree with." in \
        plan.missing_for_completion


def test_a_womans_plan_needs_a_status_on_the_womens_pathways_too(app, ttg):
    episode = make_episode(app, make_person(app, "X300077", "Siân", gender=Gender.FEMALE))
    plan = fill_plan(ttg, ttg.plans.create(episode))
    assert plan.missing_for_completion == []
    assert present(plan.need("sex_work")).status == NeedStatus.NO_NEED
    plan = ttg.plans.save_need(plan.id, NeedInput(
        "abuse_survivors", version=present(plan.need("abuse_survivors")).version))
    assert plan.missing_for_completion == [
        "Support for survivors of domestic or sexual abuse: record a status (no need or "
        "declined count)."]
    with pytest.raises(PlanIncompleteError):
        ttg.plans.complete(plan.id, plan.version)


def test_a_filled_plan_completes_with_who_and_when(ttg, plan):
    plan = fill_plan(ttg, plan)
    assert plan.missing_for_completion == []
    done = ttg.plans.complete(plan.id, plan.version)
    assert (done.status, done.completed_on, done.completed_by) == \
        (PlanStatus.COMPLETE, dt.date(2026, 11, 26), "Ada Admin")
    with pytest.raises(ValidationError, match="already complete"):
        ttg.plans.complete(plan.id, done.version)


def test_high_risk_needs_an_action_tagged_as_managing_it(ttg, plan):
    plan = fill_plan(ttg, plan)
    plan = ttg.plans.save_risk(plan.id, RiskInput(
        level=RiskLevel.VERY_HIGH, mappa_level=MappaLevel.LEVEL_2, summary="Risk to children",
        da_check_requested=dt.date(2026, 11, 20), cs_check_requested=dt.date(2026, 11, 20),
        version=plan.version))
    with pytest.raises(PlanIncompleteError, match="managing the risk"):
        ttg.plans.complete(plan.id, plan.version)
    plan = ttg.plans.save_action(plan.id, ActionInput(
        "Address checked with police for exclusion zones", "Resettlement worker",
        dt.date(2026, 12, 10), manages_risk=True))
    assert ttg.plans.complete(plan.id, plan.version).status == PlanStatus.COMPLETE


def test_needs_actions_and_progress_are_kept_in_pathway_order(ttg, plan):
    plan = ttg.plans.save_need(plan.id, NeedInput("health", own_words="My back hurts",
                                                  responsibility=Responsibility.PRISON))
    plan = ttg.plans.save_need(plan.id, NeedInput(
        "accommodation", own_words="Nowhere to go", status=NeedStatus.IN_PROGRESS,
        responsibility=Responsibility.BOTH, linked_to_offending=True))
    need = plan.need("accommodation")
    plan = ttg.plans.add_progress(need.id, "Referred to Shelter", dt.date(2026, 11, 20))
    plan = ttg.plans.add_progress(need.id, "Shelter called back")
    plan = ttg.plans.save_action(plan.id, ActionInput("Housing application", "Shelter",
                                                      dt.date(2026, 12, 1), need_id=need.id))
    assert [n.pathway_code for n in plan.needs] == ["accommodation", "health"]
    need = plan.need("accommodation")
    assert [(p.entry_date, p.entry, p.staff) for p in need.progress] == [
        (dt.date(2026, 11, 20), "Referred to Shelter", "Ada Admin"),
        (dt.date(2026, 11, 26), "Shelter called back", "Ada Admin")]
    action = plan.actions[0]
    assert (action.pathway_code, action.owner, action.outstanding) == \
        ("accommodation", "Shelter", True)
    plan = ttg.plans.mark_action_done(action.id, dt.date(2026, 11, 26), action.version)
    assert plan.actions[0].done_on == dt.date(2026, 11, 26)


def test_removing_a_need_removes_its_actions_and_log(ttg, plan):
    plan = ttg.plans.save_need(plan.id, NeedInput("health", own_words="Back pain"))
    need = plan.need("health")
    ttg.plans.add_progress(need.id, "GP booked")
    plan = ttg.plans.save_action(plan.id, ActionInput("See GP", "Healthcare", None,
                                                      need_id=need.id))
    plan = ttg.plans.remove_need(need.id, need.version)
    assert plan.needs == () and plan.actions == ()


def test_input_is_checked_in_plain_words(ttg, plan):
    with pytest.raises(ValidationError) as caught:
        ttg.plans.save_action(plan.id, ActionInput("", "", None))
    assert set(caught.value.fields) == {"description", "owner"}
    with pytest.raises(ValidationError, match="Choose the pathway"):
        ttg.plans.save_need(plan.id, NeedInput("astrology", own_words="x"))
    with pytest.raises(ValidationError, match="cannot be in the future"):
        ttg.plans.add_progress(ttg.plans.save_need(plan.id, NeedInput("health")).needs[0].id,
                               "Later", dt.date(2026, 12, 25))
    with pytest.raises(ValidationError) as caught:
        ttg.plans.save_risk(plan.id, RiskInput(da_check_received=dt.date(2026, 11, 1),
                                               cs_check_requested=dt.date(2026, 11, 20),
                                               cs_check_received=dt.date(2026, 11, 10),
                                               version=plan.version))
    assert "da_check_requested" in caught.value.fields
    assert "cannot be before it was requested" in caught.value.fields["cs_check_received"]
    with pytest.raises(ValidationError, match="remove them"):
        plan = ttg.plans.add_strength(plan.id, "strength", "Kind", plan.version)
        ttg.plans.set_no_strengths(plan.id, True, "None", plan.version)
    with pytest.raises(ValidationError, match="Diversity needs are recorded"):
        plan = ttg.plans.save_diversity_need(plan.id, DiversityCategory.AGE, "Aged 70",
                                             "Ground floor room", plan.version)
        ttg.plans.set_diversity_considered(plan.id, False, plan.version)


def test_consent_is_one_answer_per_agency(ttg, plan):
    plan = ttg.plans.set_consent(plan.id, "Shelter", True, plan.version)
    plan = ttg.plans.set_consent(plan.id, "shelter", False, plan.version)
    assert [(c.agency, c.consent_given) for c in plan.consents] == [("shelter", False)]
    plan = ttg.plans.remove_consent(plan.consents[0].id, plan.version)
    assert plan.consents == ()


def test_a_stale_plan_edit_is_refused_naming_who_saved_first(ttg, plan, make_services,
                                                            add_staff):
    other_app = make_services()
    other_app.ctx.actor = add_staff("bea", Role.RESETTLEMENT_WORKER, "Bea Worker")
    other = ttg_services(other_app)
    other.plans.add_strength(plan.id, "strength", "Loves cooking", plan.version)
    with pytest.raises(StaleRecordError) as caught:
        ttg.plans.save_risk(plan.id, RiskInput(level=RiskLevel.LOW, version=plan.version))
    assert caught.value.changed_by == "Bea Worker"
    assert "Bea Worker" in str(caught.value)
    assert ttg.plans.get(plan.id).risk.level is None


def test_editing_different_pathways_never_blocks(ttg, plan, make_services, add_staff):
    other_app = make_services()
    other_app.ctx.actor = add_staff("bea", Role.RESETTLEMENT_WORKER, "Bea Worker")
    other = ttg_services(other_app)
    plan = ttg.plans.save_need(plan.id, NeedInput("health", own_words="Back"))
    other.plans.save_need(plan.id, NeedInput("ete", own_words="A job"))
    # The plan's own version did not move, so the risk section still saves.
    saved = ttg.plans.save_risk(plan.id, RiskInput(level=RiskLevel.LOW, version=plan.version))
    assert {n.pathway_code for n in saved.needs} == {"health", "ete"}
    need = saved.need("health")
    other.plans.save_need(plan.id, NeedInput("health", own_words="Back and knee",
                                             version=need.version))
    with pytest.raises(StaleRecordError, match="Bea Worker"):
        ttg.plans.save_need(plan.id, NeedInput("health", own_words="Back only",
                                               version=need.version))
    with pytest.raises(StaleRecordError):
        ttg.plans.save_need(plan.id, NeedInput("health", own_words="New again"))


def test_every_plan_edit_is_audited_with_before_and_after(app, ttg, plan):
    plan = ttg.plans.save_risk(plan.id, RiskInput(level=RiskLevel.MEDIUM, summary="Some risk",
                                                  version=plan.version))
    plan = ttg.plans.save_need(plan.id, NeedInput("health", own_words="Back"))
    plan = ttg.plans.add_strength(plan.id, "protective_factor", "Mum", plan.version)
    events = app.audit.events_for("resettlement_plan", plan.id)
    assert [e.action.value for e in events][:2] == ["create", "update"]
    assert events[1].changes["risk_level"] == [None, "medium"]
    assert events[1].staff == "Ada Admin"
    need_events = app.audit.events_for("plan_need", plan.needs[0].id)
    assert need_events[0].changes["after"]["own_words"] == "Back"
    strength = app.audit.events_for("plan_strength", plan.strengths[0].id)
    assert strength[0].changes["after"]["description"] == "Mum"


def test_only_resettlement_staff_may_edit(ttg, plan, app, add_staff):
    app.ctx.actor = add_staff("sam", Role.SUPERVISOR)
    with pytest.raises(PermissionDeniedError):
        ttg.plans.add_strength(plan.id, "strength", "Kind", plan.version)


def test_a_removed_entry_is_reported_plainly(ttg, plan):
    plan = ttg.plans.add_strength(plan.id, "strength", "Kind", plan.version)
    strength = plan.strengths[0]
    plan = ttg.plans.remove_strength(strength.id, plan.version)
    with pytest.raises(NotFoundError, match="no longer on record"):
        ttg.plans.remove_strength(strength.id, plan.version)


def test_a_draft_due_date_follows_a_corrected_screening_date(app, ttg, plan):
    episode = app.custody.get(plan.episode_id)
    edit = episode.to_input()
    edit.screening_date = dt.date(2026, 11, 20)
    edit.change_reason = "Screening date keyed wrongly"
    app.custody.update(episode.id, edit)
    moved = ttg.plans.get(plan.id).deadline_moves
    assert [(m.label, m.old, m.new) for m in moved] == [
        ("Resettlement plan due", dt.date(2026, 11, 10), dt.date(2026, 11, 27))]
    # At once, without any edit to the plan.
    assert ttg.plans.get(plan.id).due_date == dt.date(2026, 11, 27)


def test_people_are_distinct_per_episode(app, ttg):
    first = ttg.plans.create(make_episode(app, make_person(app, "X300002")))
    second = ttg.plans.create(make_episode(app, make_person(app, "X300003", "Ann")))
    assert first.person_name == "Dafydd Jones" and second.person_name == "Ann Jones"


def test_a_strengths_wording_is_changed_in_place_with_a_version_check_and_audit(
        app, ttg, plan, make_services, add_staff):
    plan = ttg.plans.add_strength(plan.id, "strength", "He is close to his sister",
                                  plan.version, "You are close to your sistr")
    strength = plan.strengths[0]
    plan = ttg.plans.update_strength(strength.id, "He is close to his sister",
                                     " You are close to your sister ", plan.version)
    [changed] = plan.strengths
    assert (changed.id, changed.persons_wording) == (strength.id, "You are close to your sister")
    event = app.audit.events_for("plan_strength", strength.id)[-1]
    assert event.action.value == "update"
    assert event.changes["persons_wording"] == ["You are close to your sistr",
                                                "You are close to your sister"]
    # Emptied, the person's copy prints the staff wording again.
    plan = ttg.plans.update_strength(strength.id, "Close to his sister", "", plan.version)
    assert (plan.strengths[0].description, plan.strengths[0].persons_wording) == (
        "Close to his sister", None)
    with pytest.raises(ValidationError) as caught:
        ttg.plans.update_strength(strength.id, " ", None, plan.version)
    assert "description" in caught.value.fields
    # Someone else saved the plan first: the edit is refused, naming them.
    other_app = make_services()
    other_app.ctx.actor = add_staff("bea", Role.RESETTLEMENT_WORKER, "Bea Worker")
    ttg_services(other_app).plans.add_strength(plan.id, "strength", "Cooks", plan.version)
    with pytest.raises(StaleRecordError, match="Bea Worker"):
        ttg.plans.update_strength(strength.id, "Close to his sister", "Changed", plan.version)
    assert ttg.plans.get(plan.id).strengths[0].persons_wording is None
