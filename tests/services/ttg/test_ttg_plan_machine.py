"""Rule TTG-7 under any sequence of plan edits and date corrections, through the services."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from upw_ttg.domain import resettlement as rules
from upw_ttg.domain.codes import (
    DiversityCategory,
    MappaLevel,
    NeedStatus,
    PlanStatus,
    RiskLevel,
)
from upw_ttg.domain.resettlement import PlanFacts, completion_gaps, pathways_without_status
from upw_ttg.errors import ValidationError
from upw_ttg.records.ttg import (
    ActionInput,
    AgreementInput,
    NeedInput,
    OfficerInput,
    PlanRecord,
    ReleaseFallbackInput,
    RiskInput,
)
from upw_ttg.services.ttg.plans import PlanIncompleteError

from tests.services.ttg.ttg_support import make_episode, make_person, settle_pathways

# The clock stands after Christmas 2027, whose bank holidays fall on a weekend (substitute
# days Mon 27 and Tue 28 Dec, and Mon 3 Jan 2028 for New Year's Day).
NOW = dt.datetime(2028, 2, 1, 10, 30)
RECEPTION = dt.date(2027, 12, 15)
screenings = st.dates(dt.date(2027, 12, 15), dt.date(2028, 1, 6))
# Releases whose 12-week review falls from 20 Dec 2027 to 4 Jan 2028 (and whose handover
# window has opened by the clock).
releases = st.dates(dt.date(2028, 3, 13), dt.date(2028, 3, 28))
maybe_text = st.sampled_from([None, "", "  ", "Answered in the person's words"])
maybe_day = st.sampled_from([None, dt.date(2028, 1, 10), dt.date(2028, 1, 31)])
pathways = st.sampled_from(["accommodation", "finance_id", "health"])
_CRNS = (f"X32{n:04d}" for n in itertools.count(1))


def oracle_gaps(plan: PlanRecord) -> list[str]:
    """The gate worked out from what the plan screen shows, independently of the SQL."""
    facts = PlanFacts(
        needs_with_own_words=sum(1 for n in plan.needs if n.own_words and n.own_words.strip()),
        strengths=len(plan.strengths), strengths_none_identified=plan.strengths_none_identified,
        strengths_none_reason=plan.strengths_none_reason,
        diversity_considered=plan.diversity_considered, risk_level=plan.risk.level,
        mappa_level=plan.risk.mappa_level, risk_summary=plan.risk.summary,
        da_check_requested=plan.risk.da_check_requested,
        cs_check_requested=plan.risk.cs_check_requested,
        risk_actions=sum(1 for a in plan.actions if a.manages_risk),
        person_agrees=plan.person_agrees, agreed_on=plan.agreed_on,
        person_comments=plan.person_comments, consents=len(plan.consents),
        pathways_without_status=pathways_without_status(
            {n.pathway_code: n.status for n in plan.needs}, women=False),
        accommodation_fallback=(need := plan.need("accommodation")) is not None
        and not rules.fallback_missing(need.fallback_plan, need.fallback_contact,
                                       need.fallback_by),
        release_day_fallback=not rules.fallback_missing(
            plan.release_fallback_plan, plan.release_fallback_contact,
            plan.release_fallback_by))
    return [message for _section, message in completion_gaps(facts)]


def test_a_plan_shown_complete_passes_the_gate_and_deadlines_follow_the_dates(app, ttg):
    app.ctx.now = lambda: NOW
    plans, custody = ttg.plans, app.custody
    reasons = itertools.count(1)

    class PlanKeptTrue(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            self.episode = make_episode(
                app, make_person(app, next(_CRNS)), reception_date=RECEPTION,
                screening_date=dt.date(2027, 12, 24), sentence_start_date=RECEPTION,
                conditional_release_date=dt.date(2028, 3, 20))
            self.plan_id = plans.create(self.episode).id
            ttg.handover.save_officer(self.episode, OfficerInput(ro_name="Olu Officer"))
            self.was_complete = False

        @property
        def plan(self) -> PlanRecord:
            return plans.get(self.plan_id)

        def _try(self, name: str, call) -> None:
            try:
                call()
                event(name)
            except PlanIncompleteError:
                event(f"{name}: incomplete")
            except ValidationError as exc:
                event(f"{name} refused: {sorted(exc.fields)[0]}")

        # ---- answering and clearing the required sections ----------------------------
        @rule()
        def add_strength(self):
            plan = self.plan
            self._try("add strength", lambda: plans.add_strength(
                plan.id, "strength", "Keeps in touch with family", plan.version))

        @rule()
        def remove_strength(self):
            plan = self.plan
            if plan.strengths:
                self._try("remove strength", lambda: plans.remove_strength(
                    plan.strengths[0].id, plan.version))

        @rule(none=st.booleans(), reason=maybe_text)
        def none_identified(self, none, reason):
            plan = self.plan
            self._try("none identified", lambda: plans.set_no_strengths(
                plan.id, none, reason, plan.version))

        @rule(considered=st.booleans())
        def diversity_considered(self, considered):
            plan = self.plan
            self._try("diversity", lambda: plans.set_diversity_considered(
                plan.id, considered, plan.version))

        @rule(add=st.booleans())
        def diversity_need(self, add):
            plan = self.plan
            if add:
                self._try("add diversity need", lambda: plans.save_diversity_need(
                    plan.id, DiversityCategory.LITERACY, "Reads little",
                    "Read the plan aloud", plan.version))
            elif plan.diversity_needs:
                self._try("remove diversity need", lambda: plans.remove_diversity_need(
                    plan.diversity_needs[0].id, plan.version))

        @rule(level=st.sampled_from([None, RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH]),
              mappa=st.sampled_from([None, MappaLevel.NONE, MappaLevel.LEVEL_1]),
              summary=maybe_text,
              da=maybe_day, cs=maybe_day)
        def risk(self, level, mappa, summary, da, cs):
            plan = self.plan
            self._try("risk", lambda: plans.save_risk(plan.id, RiskInput(
                level=level, mappa_level=mappa, summary=summary, da_check_requested=da,
                cs_check_requested=cs, version=plan.version)))

        @rule(agrees=st.sampled_from([None, True, False]), on=maybe_day, comments=maybe_text)
        def agreement(self, agrees, on, comments):
            plan = self.plan
            self._try("agreement", lambda: plans.save_agreement(plan.id, AgreementInput(
                person_agrees=agrees, agreed_on=on, person_comments=comments,
                version=plan.version)))

        @rule(add=st.booleans())
        def consent(self, add):
            plan = self.plan
            if add:
                self._try("consent", lambda: plans.set_consent(plan.id, "Shelter", True,
                                                               plan.version))
            elif plan.consents:
                self._try("remove consent", lambda: plans.remove_consent(
                    plan.consents[0].id, plan.version))

        @rule(pathway=pathways, words=maybe_text, status=st.sampled_from(NeedStatus),
              fallback=maybe_text, contact=maybe_text, by=maybe_day)
        def need(self, pathway, words, status, fallback, contact, by):
            current = self.plan.need(pathway)
            self._try("need", lambda: plans.save_need(self.plan_id, NeedInput(
                pathway, own_words=words, status=status,
                version=current.version if current else None, fallback_plan=fallback,
                fallback_contact=contact, fallback_by=by)))

        @rule(fallback=maybe_text, contact=maybe_text,
              by=st.sampled_from([None, dt.time(11, 0)]))
        def release_fallback(self, fallback, contact, by):
            plan = self.plan
            self._try("release fallback", lambda: plans.save_release_fallback(
                plan.id, ReleaseFallbackInput(fallback, contact, by, plan.version)))

        @rule(pathway=pathways)
        def remove_need(self, pathway):
            need = self.plan.need(pathway)
            if need is not None:
                self._try("remove need", lambda: plans.remove_need(need.id, need.version))

        @rule(manages=st.booleans(), remove=st.booleans())
        def action(self, manages, remove):
            plan = self.plan
            if remove and plan.actions:
                action = plan.actions[0]
                self._try("remove action", lambda: plans.remove_action(action.id,
                                                                       action.version))
            elif plan.actions:
                action = plan.actions[0]
                self._try("action", lambda: plans.save_action(plan.id, ActionInput(
                    action.description, action.owner, manages_risk=manages,
                    version=action.version), action.id))
            else:
                self._try("add action", lambda: plans.save_action(plan.id, ActionInput(
                    "No contact with the victim", "Offender manager", manages_risk=manages)))

        @rule(then_complete=st.booleans())
        def answer_everything(self, then_complete):
            """Every section answered at once, so runs reach complete plans to break."""
            day = dt.date(2028, 1, 31)
            need = self.plan.need("accommodation")
            plans.save_need(self.plan_id, NeedInput(
                "accommodation", own_words="Somewhere near my children",
                status=NeedStatus.IN_PROGRESS, version=need.version if need else None))
            plan = self.plan
            if not plan.strengths:
                plan = plans.add_strength(plan.id, "strength", "Works hard", plan.version)
            plan = plans.set_diversity_considered(plan.id, True, plan.version)
            plan = plans.save_risk(plan.id, RiskInput(
                level=RiskLevel.LOW, mappa_level=MappaLevel.NONE, summary="Low risk",
                da_check_requested=day, cs_check_requested=day, version=plan.version))
            plan = plans.save_agreement(plan.id, AgreementInput(True, day,
                                                                version=plan.version))
            plan = plans.set_consent(plan.id, "Shelter", True, plan.version)
            plan = settle_pathways(plans, plan)
            event("answered everything")
            if then_complete and plan.status != PlanStatus.COMPLETE:
                plans.complete(plan.id, plan.version)
                event("completed")

        @rule()
        def complete(self):
            plan = self.plan
            self._try("complete", lambda: plans.complete(plan.id, plan.version))

        # ---- correcting the dates the deadlines hang on ------------------------------
        def _correct(self, **dates) -> None:
            edit = custody.get(self.episode).to_input()
            for name, value in dates.items():
                setattr(edit, name, value)
            edit.change_reason = f"Correction {next(reasons)}"
            custody.update(self.episode, edit)
            event(f"corrected {', '.join(dates)}")

        @rule(day=screenings)
        def screening(self, day):
            self._correct(screening_date=day)

        @rule(crd=releases, confirmed=st.one_of(st.none(), releases))
        def release(self, crd, confirmed):
            self._correct(conditional_release_date=crd, confirmed_release_date=confirmed)

        # ---- what must hold after every step -----------------------------------------
        @invariant()
        def complete_only_through_the_gate(self):
            plan = self.plan
            assert plan.missing_for_completion == oracle_gaps(plan)
            if plan.status == PlanStatus.COMPLETE:
                assert plan.missing_for_completion == []
                assert plan.reopened_reason is None
                self.was_complete = True
            elif self.was_complete:
                # It lost a section since it was complete: it says when and why.
                assert plan.reopened and plan.reopened_reason
                assert plan.completed_on is None

        @invariant()
        def deadlines_shown_anywhere_follow_the_current_dates(self):
            episode = custody.get(self.episode)
            dates = {**episode.dates, "reception_date": episode.reception_date,
                     "screening_date": episode.screening_date}
            expected = rules.compute_deadlines(dates, ttg.deadlines.settings(),
                                               ttg.deadlines.calendar())
            plan = self.plan
            assert (plan.due_date, plan.deadlines) == (expected.plan_due, expected)
            assert ttg.deadlines.for_episode(self.episode).deadlines == expected
            assert ttg.reviews.due_date(self.episode) == expected.pre_release_review_due
            assert ttg.handover.for_episode(self.episode).window_opens == \
                expected.handover_window_opens
            board = ttg.dashboard.caseload()

            def shown(rows) -> set[dt.date | None]:
                return {r.date for r in rows if r.episode_id == self.episode}

            plan_rows = shown(board.due_a_plan) | shown(board.plans_overdue)
            assert plan_rows == (set() if plan.status == PlanStatus.COMPLETE
                                 else {expected.plan_due})
            assert shown(board.handover_not_started) == {expected.handover_window_opens}
            assert shown(board.releases_within_24_weeks) == {expected.release_date}

    run_state_machine_as_test(PlanKeptTrue, settings=settings(
        max_examples=8, stateful_step_count=25, deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]))
