"""The plan completion gate read from the database: one reading for every screen and write."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import PATHWAYS, GenderCategory, NeedStatus, PlanStatus
from upw_ttg.domain.placement import identity_not_male
from upw_ttg.domain.resettlement import (
    ACCOMMODATION,
    PlanFacts,
    PlanSection,
    completion_gaps,
    pathways_without_status,
)
from upw_ttg.services.context import ServiceContext
from upw_ttg.storage.models import (
    CustodyEpisode,
    Person,
    PlanAction,
    PlanConsent,
    PlanNeed,
    PlanStrength,
    ResettlementPlan,
)

Gap = tuple[PlanSection, str]


def _present(column: Any) -> Any:
    """True when a text column holds more than blanks (computed in SQL, so no text moves).

    Saved texts are trimmed by ``clean``, so SQL's ``trim`` and Python's ``strip`` agree.
    """
    return func.coalesce(func.length(func.trim(column)), 0) > 0


def _count(model: Any, *conditions: Any) -> Any:
    return (select(func.count()).select_from(model)
            .where(model.plan_id == ResettlementPlan.id, *conditions).scalar_subquery())


def gate_columns() -> list[Any]:
    """The columns the gate reads, labelled ``gate_*``; add them to any query over plans."""
    plan = ResettlementPlan
    return [
        _count(PlanNeed, _present(PlanNeed.own_words)).label("gate_own_words"),
        _count(PlanStrength).label("gate_strengths"),
        plan.strengths_none_identified.label("gate_none_identified"),
        _present(plan.strengths_none_reason).label("gate_none_reason"),
        plan.diversity_considered.label("gate_diversity"),
        plan.risk_level.label("gate_risk_level"), plan.mappa_level.label("gate_mappa_level"),
        _present(plan.risk_summary).label("gate_risk_summary"),
        plan.da_check_requested.label("gate_da_requested"),
        plan.cs_check_requested.label("gate_cs_requested"),
        _count(PlanAction, PlanAction.manages_risk.is_(True)).label("gate_risk_actions"),
        plan.person_agrees.label("gate_agrees"), plan.agreed_on.label("gate_agreed_on"),
        _present(plan.person_comments).label("gate_comments"),
        _count(PlanConsent).label("gate_consents"),
        # The person's gender category decides whether the women's pathways count.
        (select(Person.gender_category).join(CustodyEpisode, CustodyEpisode.person_id == Person.id)
         .where(CustodyEpisode.id == plan.episode_id).scalar_subquery()
         .label("gate_gender")),
        # Rule TTG-FALLBACK: the accommodation need's fallback and the day of release's.
        (select(func.count()).select_from(PlanNeed)
         .where(PlanNeed.plan_id == plan.id, PlanNeed.pathway_code == ACCOMMODATION,
                _present(PlanNeed.fallback_plan), _present(PlanNeed.fallback_contact),
                PlanNeed.fallback_by.is_not(None))
         .scalar_subquery().label("gate_accommodation_fallback")),
        and_(_present(plan.release_fallback_plan), _present(plan.release_fallback_contact),
             plan.release_fallback_by.is_not(None)).label("gate_release_fallback"),
        # One column per pathway (a handful of reference codes): its need's status, or NULL.
        *[(select(PlanNeed.status).where(PlanNeed.plan_id == plan.id,
                                         PlanNeed.pathway_code == code)
           .scalar_subquery().label(f"gate_need_{code}")) for code, _name, _women in PATHWAYS],
    ]


def gate_facts(row: Any) -> PlanFacts:
    """The facts of one row carrying ``gate_columns()``."""
    # Texts arrive as "has text" flags; the gate only asks whether they are blank.
    return PlanFacts(
        needs_with_own_words=int(row.gate_own_words or 0),
        strengths=int(row.gate_strengths or 0),
        strengths_none_identified=bool(row.gate_none_identified),
        strengths_none_reason="given" if row.gate_none_reason else None,
        diversity_considered=bool(row.gate_diversity), risk_level=row.gate_risk_level,
        mappa_level=row.gate_mappa_level,
        risk_summary="given" if row.gate_risk_summary else None,
        da_check_requested=row.gate_da_requested, cs_check_requested=row.gate_cs_requested,
        risk_actions=int(row.gate_risk_actions or 0), person_agrees=row.gate_agrees,
        agreed_on=row.gate_agreed_on, person_comments="given" if row.gate_comments else None,
        consents=int(row.gate_consents or 0),
        pathways_without_status=pathways_without_status(
            {code: NeedStatus(status) for code, _name, _women in PATHWAYS
             if (status := getattr(row, f"gate_need_{code}")) is not None},
            women=identity_not_male(GenderCategory(row.gate_gender))),
        accommodation_fallback=bool(row.gate_accommodation_fallback),
        release_day_fallback=bool(row.gate_release_fallback))


def plan_gaps(session: Session, plan_id: int) -> list[Gap]:
    """What stops the plan being complete, as saved in this transaction (pending writes are
    flushed first by the query)."""
    row = session.execute(select(*gate_columns())
                          .where(ResettlementPlan.id == plan_id)).one()
    return completion_gaps(gate_facts(row))


def reopen_if_incomplete(session: Session, ctx: ServiceContext,
                         plan: ResettlementPlan) -> bool:
    """Rule TTG-7: a complete plan that has lost a required section is complete no more.

    Called after every write to a plan, in the same transaction, so no edit can leave a plan
    shown as complete without passing the gate. Returns True if the plan was reopened; the
    caller saves and audits the plan row.
    """
    if plan.status != PlanStatus.COMPLETE:
        return False
    gaps = plan_gaps(session, plan.id)
    if not gaps:
        return False
    plan.status = PlanStatus.DRAFT
    plan.completed_on = None
    plan.completed_by_id = None
    plan.reopened_on = ctx.today()
    plan.reopened_by_id = ctx.actor_id
    plan.reopened_reason = "\n".join(message for _section, message in gaps)
    return True
