"""The Through the Gate figures (inspection questions 4.2.1 to 4.2.3): a CRC holds about a
thousand custody episodes a year, so each is read once and judged in memory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any, TypeVarTuple

from sqlalchemy import Select, func, or_, select

from upw_ttg.domain import resettlement as rules
from upw_ttg.domain.codes import CustodyStatus, PlanStatus
from upw_ttg.domain.figures import met_by, referral_closed, usable_date
from upw_ttg.domain.records_to_check import ROW_ERRORS
from upw_ttg.domain.resettlement import PlanSection
from upw_ttg.services.figures.common import Fact, Scope, day_text
from upw_ttg.services.ttg.common import read_deadline_settings
from upw_ttg.services.ttg.completion import gate_columns, gate_facts
from upw_ttg.storage.models import (
    CustodyEpisode,
    Handover,
    HandoverContact,
    PreReleaseReview,
    Referral,
    ResettlementPlan,
)

SECTIONS = (("plans_strengths", PlanSection.STRENGTHS), ("plans_diversity", PlanSection.DIVERSITY),
            ("plans_risk", PlanSection.RISK))

_Ts = TypeVarTuple("_Ts")  # a query's columns, kept by the scoping

def _scoped(scope: Scope, query: Select[*_Ts]) -> Select[*_Ts]:
    """A case's unit is its prison; its worker the resettlement worker holding it."""
    if scope.unit_id is not None:
        query = query.where(CustodyEpisode.prison_id == scope.unit_id)
    if scope.worker_id is not None:
        query = query.where(CustodyEpisode.worker_id == scope.worker_id)
    return query


def ttg_facts(scope: Scope) -> Iterator[Fact]:
    settings = read_deadline_settings(scope.session)
    first_contact = (select(func.min(HandoverContact.contact_date))
                     .where(HandoverContact.handover_id == Handover.id).scalar_subquery())
    query = _scoped(scope, select(
        CustodyEpisode.id, CustodyEpisode.person_id, CustodyEpisode.prison_id,
        CustodyEpisode.worker_id, CustodyEpisode.reception_date, CustodyEpisode.screening_date,
        CustodyEpisode.expected_release_date, CustodyEpisode.released_on,
        ResettlementPlan.id.label("plan_id"), ResettlementPlan.status.label("plan_status"),
        ResettlementPlan.completed_on,
        PreReleaseReview.review_date, Handover.risk_info_shared, Handover.risk_info_shared_on,
        first_contact.label("first_contact"))
        .outerjoin(ResettlementPlan, ResettlementPlan.episode_id == CustodyEpisode.id)
        .outerjoin(PreReleaseReview, PreReleaseReview.episode_id == CustodyEpisode.id)
        .outerjoin(Handover, Handover.episode_id == CustodyEpisode.id)
        .where(or_(CustodyEpisode.status == CustodyStatus.IN_CUSTODY,
                   CustodyEpisode.released_on >= scope.start)))
    episodes: list[tuple[Any, dt.date | None, dt.date | None]] = []
    # Each due date worked out once per date it follows from: the service's episodes share
    # a few hundred screening and release dates.
    plans: dict[dt.date, dt.date | None] = {}
    reviews: dict[dt.date, dt.date | None] = {}
    for r in scope.records(query):
        try:
            plan_due = _known(plans, r.screening_date, lambda day: rules.plan_due(
                day, settings, scope.calendar))
            review_due = _known(reviews, r.expected_release_date,
                                lambda day: rules.pre_release_review_due(day, settings,
                                                                         scope.calendar))
        except ROW_ERRORS:
            continue  # a date that cannot be right: the caseload's records to check name it
        episodes.append((r, plan_due, review_due))
    gates = _gates(scope, [r.plan_id for r, plan_due, _review_due in episodes
                           if r.plan_id is not None and scope.within(plan_due)])
    for r, plan_due, review_due in episodes:
        yield from _plan(scope, r, plan_due, gates)
        yield from _review(scope, r, review_due)
        yield from _release(scope, r)
    if scope.wants("referrals_closed"):
        yield from _referrals(scope)


def _known(known: dict[dt.date, dt.date | None], day: dt.date | None,
           deadline: Callable[[dt.date], dt.date]) -> dt.date | None:
    """The deadline following from ``day`` (rules TTG-2 and TTG-3), as the episode's deadlines
    give it, remembered in ``known``; None without the day or for one that cannot be right."""
    if day is None:
        return None
    if day in known:
        return known[day]
    due = known[day] = usable_date(_on_the_calendar(lambda: deadline(day)))
    return due


def _on_the_calendar(compute: Callable[[], dt.date]) -> dt.date | None:
    """As the deadlines have it: one that would fall off the calendar (from a mistyped date)
    is not known."""
    try:
        return compute()
    except (OverflowError, ValueError):
        return None


def _gates(scope: Scope, plan_ids: list[int]) -> dict[int, Any]:
    """The completion gate's columns of the plans due in the months asked for, read only for
    them: a correlated count per pathway costs more than the rest of the episode's row."""
    if not any(scope.wants(key) for key, _section in SECTIONS):
        return {}
    gates: dict[int, Any] = {}
    for batch in range(0, len(plan_ids), 900):
        for row in scope.records(select(ResettlementPlan.id.label("plan_id"), *gate_columns())
                                 .where(ResettlementPlan.id.in_(plan_ids[batch:batch + 900]))):
            gates[row.plan_id] = row
    return gates


def _fact(scope: Scope, key: str, r: Any, day: Any, met: bool, note: str | bool) -> Fact:
    """One case; its ``note`` is written only for a drill-down (``scope.detail and ...``):
    counting the service's custody episodes would write tens of thousands for nothing."""
    return Fact(key, r.prison_id, r.worker_id, day, met,
                person_id=r.person_id if scope.detail else None, note=note)


def _plan(scope: Scope, r: Any, due: dt.date | None, gates: dict[int, Any]
          ) -> Iterator[Fact]:
    """Rules FIG-10 and FIG-11: plans due in the month (rule TTG-2, from the current
    screening date), counted once complete or once the due date has passed."""
    if due is None or not scope.within(due):
        return
    complete = r.plan_status == PlanStatus.COMPLETE
    met = met_by(r.completed_on if complete else None, due, scope.today)
    if met is None:
        return
    if scope.wants("plans_on_time"):
        yield _fact(scope, "plans_on_time", r, due, met,
                    scope.detail and f"Plan due {day_text(due)}; "
                    + (f"completed {day_text(r.completed_on)}." if complete
                       else "not complete."))
    if r.plan_id is not None and r.plan_id not in gates:
        return  # no section is asked for
    answered = rules.sections_answered(gate_facts(gates[r.plan_id])) if r.plan_id is not None \
        else frozenset()
    for key, section in SECTIONS:
        if scope.wants(key):
            yield _fact(scope, key, r, due, section in answered,
                        scope.detail and f"Plan due {day_text(due)}; section "
                        + ("answered." if section in answered else "not answered."))


def _review(scope: Scope, r: Any, due: dt.date | None) -> Iterator[Fact]:
    """Rule FIG-13: pre-release reviews due in the month (rule TTG-3, from the current
    expected release date) held by then."""
    if due is None or not scope.within(due) or not scope.wants("reviews_on_time"):
        return
    met = met_by(r.review_date, due, scope.today)
    if met is not None:
        yield _fact(scope, "reviews_on_time", r, due, met,
                    scope.detail and f"Review due {day_text(due)}; held {day_text(r.review_date)}.")


def _release(scope: Scope, r: Any) -> Iterator[Fact]:
    """Rules FIG-14 and FIG-15: people released in the month, the responsible officer
    contacted (rule TTG-4) and risk of harm information shared before the day."""
    released = usable_date(r.released_on)
    if not scope.within(released):
        return
    if scope.wants("handover_before_release"):
        contact = r.first_contact
        yield _fact(scope, "handover_before_release", r, released,
                    contact is not None and contact < released,
                    scope.detail and f"Released {day_text(released)}; first contact "
                    f"{day_text(contact)}.")
    if scope.wants("risk_shared"):
        shared_on = r.risk_info_shared_on
        shared = bool(r.risk_info_shared) and (shared_on is None or shared_on <= released)
        yield _fact(scope, "risk_shared", r, released, shared,
                    scope.detail and f"Released {day_text(released)}; risk information "
                    + (f"shared {day_text(shared_on)}." if r.risk_info_shared
                       else "not shared."))


def _referrals(scope: Scope) -> Iterator[Fact]:
    """Rule FIG-12: referrals whose answer was expected in the month (else sent in it)."""
    expected = func.coalesce(Referral.response_expected_by, Referral.sent_on)
    query = _scoped(scope, select(
        CustodyEpisode.person_id, CustodyEpisode.prison_id, CustodyEpisode.worker_id,
        expected.label("day"), Referral.status, Referral.outcome,
        Referral.withdrawn_reason_code, Referral.provider)
        .join(ResettlementPlan, ResettlementPlan.id == Referral.plan_id)
        .join(CustodyEpisode, CustodyEpisode.id == ResettlementPlan.episode_id)
        .where(expected.between(scope.start, scope.end)))
    for r in scope.records(query):
        closed = referral_closed(r.status, r.outcome, r.withdrawn_reason_code)
        if closed or r.day < scope.today:
            yield _fact(scope, "referrals_closed", r, r.day, closed,
                        scope.detail and f"{r.provider}: answer expected {day_text(r.day)}; "
                        + ("closed with an outcome." if closed else "still open."))
