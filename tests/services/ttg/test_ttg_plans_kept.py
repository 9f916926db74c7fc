"""Rule TTG-7: a complete plan that loses a required section reopens; deadlines follow the dates."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from upw_ttg.domain.codes import MappaLevel, NeedStatus, PlanStatus, RiskLevel, Role
from upw_ttg.errors import StaleRecordError
from upw_ttg.records.ttg import ActionInput, AgreementInput, NeedInput, RiskInput

from tests.services.ttg.ttg_support import fill_plan, make_episode, make_person, read_at

REOPENED_AT = dt.datetime(2028, 1, 10, 10, 30)


@pytest.fixture
def complete(app, ttg, episode_id):
    plan = fill_plan(ttg, ttg.plans.create(episode_id))
    return ttg.plans.complete(plan.id, plan.version)


def risk_input(plan, **changes) -> RiskInput:
    risk = plan.risk
    values = RiskInput(level=risk.level, mappa_level=risk.mappa_level, summary=risk.summary,
                       da_check_requested=risk.da_check_requested,
                       cs_check_requested=risk.cs_check_requested, version=plan.version)
    return dataclasses.replace(values, **changes)


def _strength_removed(ttg, plan):
    return ttg.plans.remove_strength(plan.strengths[0].id, plan.version)


def _risk_summary_cleared(ttg, plan):
    return ttg.plans.save_risk(plan.id, risk_input(plan, summary="  "))


def _risk_level_cleared(ttg, plan):
    return ttg.plans.save_risk(plan.id, risk_input(plan, level=None))


def _diversity_cleared(ttg, plan):
    return ttg.plans.set_diversity_considered(plan.id, False, plan.version)


def _agreement_withdrawn(ttg, plan):
    return ttg.plans.save_agreement(plan.id, AgreementInput(version=plan.version))


def _disagreement_without_a_note(ttg, plan):
    return ttg.plans.save_agreement(plan.id, AgreementInput(
        person_agrees=False, agreed_on=plan.agreed_on, version=plan.version))


def _consent_removed(ttg, plan):
    return ttg.plans.remove_consent(plan.consents[0].id, plan.version)


def _own_words_cleared(ttg, plan):
    need = plan.needs[0]
    return ttg.plans.save_need(plan.id, NeedInput(
        need.pathway_code, own_words="", status=NeedStatus.MET, version=need.version))


def _need_removed(ttg, plan):
    return ttg.plans.remove_need(plan.needs[0].id, plan.needs[0].version)


@pytest.mark.parametrize(("edit", "missing"), [
    (_strength_removed, "Strengths and protective factors: record at least one"),
    (_risk_summary_cleared, "Risk of harm: write a short summary"),
    (_risk_level_cleared, "Risk of harm: choose the risk of harm level."),
    (_diversity_cleared, "Diversity and accessibility needs"),
    (_agreement_withdrawn, "The person's agreement: record whether they agree"),
    (_disagreement_without_a_note, "The person's agreement: note what they disagree with."),
    (_consent_removed, "Consent to share"),
    (_own_words_cleared, "Needs: record at least one need in the person's own words."),
    (_need_removed, "Needs: record at least one need in the person's own words."),
])
def test_an_edit_that_unanswers_a_section_reopens_the_plan(app, ttg, complete, edit, missing):
    plan = edit(ttg, complete)
    assert plan.status == PlanStatus.DRAFT and plan.reopened
    assert plan.completed_on is None and plan.completed_by is None
    assert (plan.reopened_on, plan.reopened_by) == (dt.date(2026, 11, 26), "Ada Admin")
    assert plan.reopened_reason.startswith(missing)
    assert plan.missing_for_completion and plan.missing_for_completion[0].startswith(missing)
    assert ttg.plans.get(plan.id).status == PlanStatus.DRAFT, "saved, not only returned"
    change = app.audit.events_for("resettlement_plan", plan.id)[-1].changes
    assert change["status"] == ["complete", "draft"]
    assert change["reopened_reason"][1] == plan.reopened_reason


def test_an_edit_that_keeps_every_section_answered_keeps_the_plan_complete(ttg, complete):
    plan = ttg.plans.add_strength(complete.id, "protective_factor", "Sister visits",
                                  complete.version)
    plan = ttg.plans.remove_strength(plan.strengths[0].id, plan.version)
    plan = ttg.plans.save_risk(plan.id, risk_input(plan, level=RiskLevel.LOW))
    plan = ttg.plans.save_need(plan.id, NeedInput(
        "finance_id", own_words="No bank account", status=NeedStatus.IN_PROGRESS,
        version=plan.need("finance_id").version))
    assert plan.status == PlanStatus.COMPLETE and not plan.reopened
    assert plan.completed_on == complete.completed_on


def test_a_pathway_set_back_to_not_started_reopens(ttg, complete):
    need = complete.need("health")
    plan = ttg.plans.save_need(complete.id, NeedInput("health", version=need.version))
    assert plan.reopened and plan.reopened_reason == (
        "Health: record a status (no need or declined count).")


def test_high_risk_without_an_action_managing_it_reopens(ttg, complete):
    plan = ttg.plans.save_action(complete.id, ActionInput(
        "Licence condition: no contact", "Offender manager", manages_risk=True))
    plan = ttg.plans.save_risk(plan.id, risk_input(plan, level=RiskLevel.HIGH))
    assert plan.status == PlanStatus.COMPLETE
    action = plan.actions[0]
    plan = ttg.plans.save_action(plan.id, ActionInput(
        action.description, action.owner, manages_risk=False, version=action.version),
        action.id)
    assert plan.reopened
    assert plan.reopened_reason == ("Risk of harm: the risk is high, so mark at least one "
                                    "action as managing the risk.")


def test_completing_again_clears_the_reason(app, ttg, complete):
    plan = _strength_removed(ttg, complete)
    plan = ttg.plans.add_strength(plan.id, "strength", "Keeps appointments", plan.version)
    assert plan.reopened and plan.missing_for_completion == []
    plan = ttg.plans.complete(plan.id, plan.version)
    assert plan.status == PlanStatus.COMPLETE and not plan.reopened
    assert plan.reopened_reason is None and plan.completed_on == dt.date(2026, 11, 26)


def test_a_need_edit_that_reopens_moves_the_plan_version_on(ttg, complete):
    """The need carries its own version, but reopening changes the plan row too."""
    plan = _own_words_cleared(ttg, complete)
    assert plan.version == complete.version + 1
    with pytest.raises(StaleRecordError):
        ttg.plans.set_diversity_considered(plan.id, True, complete.version)


def test_the_dashboard_lists_a_reopened_plan_with_its_reason(ttg, complete):
    plan = _risk_summary_cleared(ttg, complete)
    board = ttg.dashboard.caseload()
    row = next(r for r in board.due_a_plan + board.plans_overdue if r.plan_id == plan.id)
    assert row.plan_reopened_on == dt.date(2026, 11, 26)
    assert row.note.startswith("Plan reopened 26 Nov 2026: Risk of harm: write a short "
                               "summary of the risk and how the plan manages it; was due ")


# ---- deadlines follow the current dates, across Christmas 2027 -------------------------------

@pytest.fixture
def christmas(app, ttg):
    """Clock at 10 Jan 2028; received 20 Dec 2027, screened Fri 24 Dec, CRD Mon 20 Mar 2028.

    25 and 26 Dec 2027 fall on a weekend: the bank holidays are Mon 27 and Tue 28 Dec, and
    New Year's Day (a Saturday) is kept on Mon 3 Jan 2028.
    """
    app.ctx.now = lambda: REOPENED_AT
    episode = make_episode(app, make_person(app, "X310001"),
                           reception_date=dt.date(2027, 12, 20),
                           screening_date=dt.date(2027, 12, 24),
                           sentence_start_date=dt.date(2027, 12, 20),
                           conditional_release_date=dt.date(2028, 3, 20))
    return episode


def correct(app, episode_id: int, **dates) -> None:
    edit = app.custody.get(episode_id).to_input()
    for name, value in dates.items():
        setattr(edit, name, value)
    # A reason per correction, so each is its own save in the date history.
    edit.change_reason = "Keyed wrongly: " + ", ".join(f"{v}" for v in dates.values())
    app.custody.update(episode_id, edit)


def shown_due(ttg, plan_id: int) -> set[dt.date | None]:
    """The plan due date as every screen shows it."""
    plan = ttg.plans.get(plan_id)
    board = ttg.dashboard.caseload()
    rows = [r.date for r in board.due_a_plan + board.plans_overdue if r.plan_id == plan_id]
    return {plan.due_date, plan.deadlines.plan_due, *rows,
            ttg.deadlines.for_episode(plan.episode_id).deadlines.plan_due}


def test_plan_due_skips_the_christmas_substitute_days(ttg, christmas):
    plan = ttg.plans.create(christmas)
    # 29, 30, 31 Dec, then 4 and 5 Jan (3 Jan is New Year's Day's substitute).
    assert shown_due(ttg, plan.id) == {dt.date(2028, 1, 5)}


def test_a_corrected_screening_date_moves_the_due_date_everywhere_even_when_complete(
        app, ttg, christmas):
    plan = fill_plan(ttg, ttg.plans.create(christmas), on=dt.date(2028, 1, 4))
    plan = ttg.plans.complete(plan.id, plan.version)
    correct(app, christmas, screening_date=dt.date(2027, 12, 21))
    # Tue 21 Dec: 22, 23, 24, 29, 30 Dec.
    assert ttg.plans.get(plan.id).due_date == dt.date(2027, 12, 30)
    assert ttg.deadlines.for_episode(christmas).deadlines.plan_due == dt.date(2027, 12, 30)
    correct(app, christmas, screening_date=dt.date(2027, 12, 23))
    plan = ttg.plans.get(plan.id)
    assert plan.due_date == dt.date(2028, 1, 4)  # 24, 29, 30, 31 Dec, 4 Jan
    assert [(m.old, m.new) for m in plan.deadline_moves if m.label.startswith("Resettlement")
            ] == [(dt.date(2027, 12, 30), dt.date(2028, 1, 4)),
                  (dt.date(2028, 1, 5), dt.date(2027, 12, 30))]


def test_a_corrected_release_date_moves_review_and_handover_everywhere(app, ttg, christmas):
    ttg.plans.create(christmas)
    # CRD Mon 20 Mar 2028 less 12 weeks is Mon 27 Dec 2027, a substitute bank holiday: the
    # review is due the working day before, Fri 24 Dec.
    assert ttg.reviews.due_date(christmas) == dt.date(2027, 12, 24)
    correct(app, christmas, conditional_release_date=dt.date(2028, 3, 23))
    # Thu 23 Mar less 12 weeks is Thu 30 Dec 2027, a working day.
    deadlines = ttg.deadlines.for_episode(christmas).deadlines
    assert deadlines.pre_release_review_due == dt.date(2027, 12, 30)
    assert ttg.reviews.due_date(christmas) == dt.date(2027, 12, 30)
    handover = ttg.handover.add_contact(christmas, _contact())
    assert handover.window_opens == deadlines.handover_window_opens == dt.date(2028, 1, 27)
    correct(app, christmas, confirmed_release_date=dt.date(2028, 3, 21))
    assert ttg.handover.for_episode(christmas).window_opens == dt.date(2028, 1, 25)
    assert ttg.reviews.due_date(christmas) == dt.date(2027, 12, 24)  # Tue 28 Dec: holiday


def _contact():
    from upw_ttg.domain.codes import ContactMethod
    from upw_ttg.records.ttg import ContactInput
    return ContactInput(dt.date(2028, 1, 6), ContactMethod.EMAIL, "Introduction")


# ---- worker assignment carries the version it was read at ------------------------------------

def test_a_stale_assignment_is_refused_naming_who_changed_it(app, ttg, add_staff):
    wyn = add_staff("wyn", Role.RESETTLEMENT_WORKER, "Wyn Worker")
    tom = add_staff("tom", Role.RESETTLEMENT_WORKER, "Tom Worker")
    manager = add_staff("meg", Role.MANAGER, "Meg Manager")
    episode = make_episode(app, make_person(app, "X310002"))
    seen_by_both = read_at(app, episode)
    app.ctx.actor = manager
    ttg.dashboard.assign(seen_by_both, wyn.id)
    app.ctx.actor = add_staff("mo", Role.MANAGER, "Mo Manager")
    with pytest.raises(StaleRecordError, match="This case was changed by Meg Manager"):
        ttg.dashboard.assign(seen_by_both, tom.id)
    assert ttg.dashboard.caseload().plans_overdue[0].worker_name == "Wyn Worker"
    assert [e.changes for e in app.audit.events_for("custody_episode", episode)
            if e.changes and "worker_id" in e.changes] == [{"worker_id": [None, wyn.id]}]
    ttg.dashboard.assign(read_at(app, episode), tom.id)
    assert ttg.dashboard.caseload().plans_overdue[0].worker_name == "Tom Worker"


def test_assignment_is_all_or_nothing(app, ttg, add_staff):
    wyn = add_staff("wyn", Role.RESETTLEMENT_WORKER, "Wyn Worker")
    first = make_episode(app, make_person(app, "X310003"))
    second = make_episode(app, make_person(app, "X310004", "Ann"))
    seen = read_at(app, first, second)
    correct(app, second, screening_date=dt.date(2026, 11, 4))
    with pytest.raises(StaleRecordError):
        ttg.dashboard.assign(seen, wyn.id)
    assert all(r.worker_id is None for r in ttg.dashboard.caseload().plans_overdue)


def test_the_caseload_rows_carry_the_version_to_assign_with(app, ttg, add_staff):
    wyn = add_staff("wyn", Role.RESETTLEMENT_WORKER, "Wyn Worker")
    episode = make_episode(app, make_person(app, "X310005"))
    row = ttg.dashboard.caseload().plans_overdue[0]
    assert row.episode_version == app.custody.get(episode).version
    ttg.dashboard.assign({row.episode_id: row.episode_version}, wyn.id)
    assert ttg.dashboard.caseload().plans_overdue[0].episode_version == row.episode_version + 1


def test_mappa_level_cleared_reopens(ttg, complete):
    plan = ttg.plans.save_risk(complete.id, risk_input(complete, mappa_level=None))
    assert plan.reopened
    plan = ttg.plans.save_risk(plan.id, risk_input(plan, mappa_level=MappaLevel.LEVEL_1))
    assert plan.missing_for_completion == []
