"""Helpers for the TTG tests: services wired like bootstrap, people, episodes, plans."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace

from sqlalchemy import select

from upw_ttg.domain.codes import (
    PATHWAYS,
    Gender,
    MappaLevel,
    NeedStatus,
    Responsibility,
    RiskLevel,
)
from upw_ttg.records.custody import CustodyInput
from upw_ttg.records.people import PersonInput
from upw_ttg.records.ttg import (
    AgreementInput,
    NeedInput,
    PlanRecord,
    ReleaseFallbackInput,
    RiskInput,
)
from upw_ttg.services.ttg.dashboard import DashboardService
from upw_ttg.services.ttg.deadlines import DeadlineService
from upw_ttg.services.ttg.events import CustodyEventService
from upw_ttg.services.ttg.handover import HandoverService
from upw_ttg.services.ttg.plans import PlanService
from upw_ttg.services.ttg.printouts import PrintoutService
from upw_ttg.services.ttg.referrals import ReferralService
from upw_ttg.services.ttg.reviews import ReviewService
from upw_ttg.storage.models import AccessEvent

TODAY = dt.date(2026, 11, 26)


def ttg_services(app) -> SimpleNamespace:
    """The TTG services wired as bootstrap would wire them, on ``app``'s context."""
    deadlines = DeadlineService(app.ctx, app.calendar)
    plans = PlanService(app.ctx, deadlines)
    reviews = ReviewService(app.ctx, deadlines)
    handover = HandoverService(app.ctx, deadlines)
    referrals = ReferralService(app.ctx)
    return SimpleNamespace(
        deadlines=deadlines, plans=plans, reviews=reviews, handover=handover,
        referrals=referrals, events=CustodyEventService(app.ctx),
        dashboard=DashboardService(app.ctx, deadlines),
        printouts=PrintoutService(app.ctx, deadlines, plans, reviews, handover, referrals))


def prison_id(app, code: str) -> int:
    return next(p.id for p in app.custody.prisons() if p.code == code)


_NUMBERS = iter(f"A{n:04d}BC" for n in range(1000, 10000))


def make_person(app, crn: str = "X300001", forename: str = "Dafydd", surname: str = "Jones",
                gender: Gender = Gender.MALE) -> int:
    return app.people.create(PersonInput(crn=crn, forename=forename, surname=surname,
                                         date_of_birth=dt.date(1985, 6, 1),
                                         gender=gender)).id


def make_episode(app, person_id: int, prison: str = "HMI", **changes) -> int:
    """An episode received on 2 Nov 2026, screened 3 Nov, CRD 1 Jun 2027 unless changed."""
    data = CustodyInput(person_id=person_id, prison_id=prison_id(app, prison),
                        prison_number=next(_NUMBERS), reception_date=dt.date(2026, 11, 2),
                        screening_date=dt.date(2026, 11, 3),
                        sentence_start_date=dt.date(2026, 11, 2),
                        conditional_release_date=dt.date(2027, 6, 1))
    return app.custody.create(dataclasses.replace(data, **changes)).id


def read_at(app, *episode_ids: int) -> dict[int, int]:
    """Episodes with the version they are at now, as the caseload screen passes them."""
    return {i: app.custody.get(i).version for i in episode_ids}


STATUS_GAP = ": record a status (no need or declined count)."


def settle_pathways(plans, plan: PlanRecord,
                    status: NeedStatus = NeedStatus.NO_NEED) -> PlanRecord:
    """Give ``status`` to every pathway the completion gate names as still without one,
    keeping what is recorded on it."""
    names = {name: code for code, name, _women in PATHWAYS}
    for message in plan.missing_for_completion:
        if message.endswith(STATUS_GAP):
            code = names[message.removesuffix(STATUS_GAP)]
            need = plan.need(code)
            kept = NeedInput(code, need.own_words, status, need.responsibility,
                             need.linked_to_offending, need.version,
                             need.on_persons_copy, need.fallback_plan, need.fallback_contact,
                             need.fallback_by) if need else None
            plan = plans.save_need(plan.id, kept or NeedInput(code, status=status))
    return plan


def fill_plan(ttg, plan: PlanRecord, on: dt.date = dt.date(2026, 11, 20)) -> PlanRecord:
    """Answer every required section (checks requested and agreement ``on``); the pathways
    other than accommodation are recorded as no need."""
    plan = ttg.plans.save_need(plan.id, NeedInput(
        "accommodation", own_words="I need somewhere to live near my kids",
        status=NeedStatus.IN_PROGRESS, responsibility=Responsibility.BOTH,
        linked_to_offending=True, fallback_plan="Emergency bed at the Hull approved premises",
        fallback_contact="Duty officer, Hull Central 01482 000111",
        fallback_by=dt.date(2027, 5, 18)))
    plan = ttg.plans.add_strength(plan.id, "strength", "Good work history", plan.version)
    plan = ttg.plans.set_diversity_considered(plan.id, True, plan.version)
    plan = ttg.plans.save_risk(plan.id, RiskInput(
        level=RiskLevel.MEDIUM, mappa_level=MappaLevel.NONE, summary="Risk to a former partner",
        da_check_requested=on, cs_check_requested=on, version=plan.version))
    plan = ttg.plans.save_agreement(plan.id, AgreementInput(
        person_agrees=True, agreed_on=on, version=plan.version))
    plan = ttg.plans.set_consent(plan.id, "Shelter", True, plan.version)
    plan = ttg.plans.save_release_fallback(plan.id, ReleaseFallbackInput(
        "Go straight to the Hull Central office", "Duty officer 01482 000111",
        dt.time(14, 0), plan.version))
    return settle_pathways(ttg.plans, plan)


def logged(app) -> list[tuple]:
    """(action, kind, record id, person id, document, recipient), oldest first."""
    with app.db.read() as session:
        return [(e.action, e.record_kind, e.record_id, e.person_id, e.document, e.recipient)
                for e in session.scalars(select(AccessEvent).order_by(AccessEvent.chain_seq))]
