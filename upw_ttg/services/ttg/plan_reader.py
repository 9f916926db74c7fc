"""Reading a whole resettlement plan into a PlanRecord: a fixed handful of queries."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from upw_ttg.domain.resettlement import DeadlineSettings
from upw_ttg.domain.working_days import WorkingCalendar
from upw_ttg.records.directory import ProviderContact
from upw_ttg.records.ttg import (
    ActionRecord,
    ConsentRow,
    DiversityNeedRow,
    NeedRecord,
    PlanRecord,
    ProgressRow,
    RiskOfHarm,
    StrengthRow,
)
from upw_ttg.services.directory import provider_contacts
from upw_ttg.services.ttg.common import get_episode, pathway_names, staff_names
from upw_ttg.services.ttg.completion import plan_gaps
from upw_ttg.services.ttg.deadlines import episode_deadlines
from upw_ttg.storage.models import (
    NeedProgress,
    Pathway,
    Person,
    PlanAction,
    PlanConsent,
    PlanDiversityNeed,
    PlanNeed,
    PlanStrength,
    Prison,
    ResettlementPlan,
)


def read_plan(session: Session, plan: ResettlementPlan, cal: WorkingCalendar,
              settings: DeadlineSettings) -> PlanRecord:
    """The plan with every section, in pathway order, the completion gate's answer, and the
    deadlines from the episode's current dates (with those its date changes moved)."""
    episode = get_episode(session, plan.episode_id)
    person = session.get(Person, episode.person_id)
    prison = session.get(Prison, episode.prison_id)
    assert person is not None and prison is not None
    pathways = pathway_names(session)
    needs_rows = session.scalars(
        select(PlanNeed).join(Pathway, Pathway.code == PlanNeed.pathway_code)
        .where(PlanNeed.plan_id == plan.id).order_by(Pathway.sort_order)).all()
    progress_rows = session.scalars(
        select(NeedProgress).join(PlanNeed, PlanNeed.id == NeedProgress.need_id)
        .where(PlanNeed.plan_id == plan.id)
        .order_by(NeedProgress.entry_date, NeedProgress.id)).all()
    action_rows = session.scalars(
        select(PlanAction).where(PlanAction.plan_id == plan.id)
        .order_by(PlanAction.due_date.is_(None), PlanAction.due_date, PlanAction.id)).all()
    strengths = session.scalars(select(PlanStrength).where(PlanStrength.plan_id == plan.id)
                                .order_by(PlanStrength.id)).all()
    diversity = session.scalars(select(PlanDiversityNeed)
                                .where(PlanDiversityNeed.plan_id == plan.id)
                                .order_by(PlanDiversityNeed.id)).all()
    consents = session.scalars(select(PlanConsent).where(PlanConsent.plan_id == plan.id)
                               .order_by(PlanConsent.agency, PlanConsent.id)).all()
    names = staff_names(session, [plan.completed_by_id, plan.updated_by_id,
                                  plan.reopened_by_id, *(p.staff_id for p in progress_rows)])
    progress: dict[int, list[ProgressRow]] = defaultdict(list)
    for p in progress_rows:
        progress[p.need_id].append(ProgressRow(p.id, p.entry_date, p.entry,
                                               names.get(p.staff_id) if p.staff_id else None))
    pathway_of_need = {n.id: n.pathway_code for n in needs_rows}
    # Directory providers print as they are now, whatever their name when saved (TTG-DIR4).
    contacts = provider_contacts(session, [plan.release_fallback_provider_id,
                                           *(n.fallback_provider_id for n in needs_rows),
                                           *(a.provider_id for a in action_rows)])

    def provider(provider_id: int | None) -> ProviderContact | None:
        return contacts.get(provider_id) if provider_id is not None else None

    def named(provider_id: int | None, saved: str | None) -> str | None:
        found = provider(provider_id)
        return found.name if found else saved
    needs = tuple(NeedRecord(
        id=n.id, pathway_code=n.pathway_code, pathway_name=pathways[n.pathway_code][0],
        womens_support=pathways[n.pathway_code][1], own_words=n.own_words, status=n.status,
        responsibility=n.responsibility, linked_to_offending=bool(n.linked_to_offending),
        progress=tuple(progress[n.id]), version=n.version,
        on_persons_copy=n.on_persons_copy, fallback_plan=n.fallback_plan,
        fallback_contact=named(n.fallback_provider_id, n.fallback_contact),
        fallback_by=n.fallback_by, fallback_provider_id=n.fallback_provider_id,
        fallback_provider=provider(n.fallback_provider_id)) for n in needs_rows)
    actions = tuple(ActionRecord(
        id=a.id, need_id=a.need_id, pathway_code=pathway_of_need.get(a.need_id)
        if a.need_id else None, description=a.description,
        owner=named(a.provider_id, a.owner) or a.owner, due_date=a.due_date, done_on=a.done_on,
        manages_risk=bool(a.manages_risk), version=a.version, provider_id=a.provider_id,
        provider=provider(a.provider_id)) for a in action_rows)
    deadlines = episode_deadlines(session, episode, cal, settings)
    return PlanRecord(
        id=plan.id, episode_id=episode.id, person_id=person.id,
        person_name=f"{person.forename} {person.surname}", crn=person.crn,
        prison_number=episode.prison_number, prison_name=prison.name, status=plan.status,
        due_date=deadlines.deadlines.plan_due, started_on=plan.started_on,
        completed_on=plan.completed_on,
        completed_by=names.get(plan.completed_by_id) if plan.completed_by_id else None,
        needs=needs, actions=actions,
        strengths=tuple(StrengthRow(s.id, s.kind, s.description,
                                                   s.persons_wording) for s in strengths),
        strengths_none_identified=bool(plan.strengths_none_identified),
        strengths_none_reason=plan.strengths_none_reason,
        diversity_considered=bool(plan.diversity_considered),
        diversity_needs=tuple(DiversityNeedRow(d.id, d.category, d.description, d.adjustment)
                              for d in diversity),
        risk=RiskOfHarm(plan.risk_level, plan.mappa_level, plan.risk_summary,
                        plan.da_check_requested, plan.da_check_received, plan.da_check_outcome,
                        plan.cs_check_requested, plan.cs_check_received, plan.cs_check_outcome),
        person_agrees=plan.person_agrees, agreed_on=plan.agreed_on,
        person_comments=plan.person_comments,
        consents=tuple(ConsentRow(c.id, c.agency, c.consent_given, c.recorded_on)
                       for c in consents),
        deadline_moves=deadlines.moves,
        version=plan.version, updated_at=plan.updated_at,
        updated_by=names.get(plan.updated_by_id) if plan.updated_by_id else None,
        gaps=tuple(plan_gaps(session, plan.id)), deadlines=deadlines.deadlines,
        reopened_on=plan.reopened_on,
        reopened_by=names.get(plan.reopened_by_id) if plan.reopened_by_id else None,
        reopened_reason=plan.reopened_reason,
        release_fallback_plan=plan.release_fallback_plan,
        release_fallback_contact=named(plan.release_fallback_provider_id,
                                       plan.release_fallback_contact),
        release_fallback_by=plan.release_fallback_by,
        release_fallback_provider_id=plan.release_fallback_provider_id,
        release_fallback_provider=provider(plan.release_fallback_provider_id))
