"""The Unpaid Work figures (inspection questions 4.1.1 to 4.1.4), by grouped queries.

Each figure reads only the columns its rule needs, grouped so a year of a CRC's appointments
arrives as a few thousand rows; the rule then runs once per group, and once per case for a
drill-down.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import and_, case, func, select

from upw_ttg.domain.crediting import ATTENDED_CODES, ENFORCEABLE_CODES
from upw_ttg.domain.enforcement import (
    DECISION_CODES, WARNING_WITHDRAWN, ActionFact, enforcement_due, live_warnings,
)
from upw_ttg.domain.figures import met_by, outcome_keying_due, referral_after_warning, usable_date
from upw_ttg.services.figures.common import Fact, Scope, as_date, day_text
from upw_ttg.services.figures.order_months import order_months
from upw_ttg.services.figures.upw_common import UNIT, WORKER, count_of, person_of, scoped
from upw_ttg.services.upw.assessments import HEALTH_AND_SAFETY
from upw_ttg.storage.models import (
    Appointment, EnforcementAction, UpwAssessment, UpwOrder, UpwSession,
)


def upw_facts(scope: Scope) -> Iterator[Fact]:
    for key, source in (("first_session", _first_session), ("outcomes_keyed", _outcomes_keyed),
                        ("enforcement_on_time", _enforcement_on_time),
                        ("warning_then_referral", _warning_then_referral),
                        ("hs_answered", _hs_answered), ("completion", _completion)):
        if scope.wants(key):
            yield from source(scope)
    if any(scope.wants(k) for k in ("weekly_offer", "hours_completed", "extension_needed")):
        yield from order_months(scope)


def _first_session(scope: Scope) -> Iterator[Fact]:
    """Rule FIG-1: orders sentenced in the month whose first attended session came within
    the set working days (rule UPW-10)."""
    days = int(scope.settings["upw.first_session_working_days"])
    sentenced = UpwOrder.sentence_date.between(scope.start, scope.end)
    first = (select(Appointment.order_id.label("order_id"),
                    func.min(UpwSession.session_date).label("first"))
             .join(UpwSession, UpwSession.id == Appointment.session_id)
             .where(Appointment.outcome_code.in_(sorted(ATTENDED_CODES)),
                    Appointment.order_id.in_(select(UpwOrder.id).where(sentenced)))
             .group_by(Appointment.order_id).subquery())
    columns = [UNIT, WORKER, UpwOrder.sentence_date.label("day"), first.c.first.label("done")]
    query = scoped(scope, select(*columns).select_from(UpwOrder)
                    .outerjoin(first, first.c.order_id == UpwOrder.id).where(sentenced))
    for r in scope.rows(query, columns, [UpwOrder.person_id]):
        day = usable_date(r.day)
        if day is None:
            continue
        due = scope.calendar.add_working_days(day, days)
        met = met_by(r.done, due, scope.today)
        if met is not None:
            yield Fact("first_session", r.unit_id, r.worker_id, day, met, count_of(scope, r),
                       person_id=person_of(scope, r),
                       note=f"Sentenced {day_text(day)}; first session due {day_text(due)}; "
                            f"first attended {day_text(r.done)}.")


def _outcomes_keyed(scope: Scope) -> Iterator[Fact]:
    """Rule FIG-3: outcomes of the month's sessions keyed within 2 working days."""
    keyed = func.date(Appointment.updated_at)
    columns = [UNIT, WORKER, UpwSession.session_date.label("day"), keyed.label("keyed")]
    query = scoped(scope, select(*columns).select_from(Appointment)
                    .join(UpwSession, UpwSession.id == Appointment.session_id)
                    .join(UpwOrder, UpwOrder.id == Appointment.order_id)
                    .where(Appointment.outcome_code.is_not(None),
                           UpwSession.session_date.between(scope.start, scope.end)))
    dues: dict[dt.date, dt.date] = {}
    for r in scope.rows(query, columns, [Appointment.person_id]):
        due = dues.get(r.day)
        if due is None:
            due = dues[r.day] = outcome_keying_due(scope.calendar, r.day)
        keyed_on = as_date(r.keyed)
        yield Fact("outcomes_keyed", r.unit_id, r.worker_id, r.day,
                   keyed_on is not None and keyed_on <= due, count_of(scope, r),
                   person_id=person_of(scope, r),
                   note=f"Session {day_text(r.day)}; outcome due by {day_text(due)}; "
                        f"keyed {day_text(keyed_on)}.")


def _decisions() -> Any:
    return (select(EnforcementAction.appointment_id.label("appointment_id"),
                   func.min(EnforcementAction.action_date).label("decided"))
            .where(EnforcementAction.action_code.in_(sorted(DECISION_CODES)),
                   EnforcementAction.appointment_id.is_not(None))
            .group_by(EnforcementAction.appointment_id).subquery())


def _enforcement_on_time(scope: Scope) -> Iterator[Fact]:
    """Rule FIG-4: failures in the month decided by their due date (rule UPW-19)."""
    days = int(scope.settings["upw.enforcement_decision_working_days"])
    decided = _decisions()
    columns = [UNIT, WORKER, UpwSession.session_date.label("day"), decided.c.decided]
    query = scoped(scope, select(*columns).select_from(Appointment)
                    .join(UpwSession, UpwSession.id == Appointment.session_id)
                    .join(UpwOrder, UpwOrder.id == Appointment.order_id)
                    .outerjoin(decided, decided.c.appointment_id == Appointment.id)
                    .where(Appointment.outcome_code.in_(sorted(ENFORCEABLE_CODES)),
                           UpwSession.session_date.between(scope.start, scope.end)))
    for r in scope.rows(query, columns, [Appointment.person_id]):
        due = enforcement_due(scope.calendar, r.day, days)
        met = met_by(r.decided, due, scope.today)
        if met is not None:
            yield Fact("enforcement_on_time", r.unit_id, r.worker_id, r.day, met,
                       count_of(scope, r),
                       person_id=person_of(scope, r),
                       note=f"Failure {day_text(r.day)}; decision due {day_text(due)}; "
                            f"decided {day_text(r.decided)}.")


def _warning_then_referral(scope: Scope) -> Iterator[Fact]:
    """Rule FIG-5: failures decided while a warning was live (rule UPW-20) that were referred
    for breach. Few enough to judge one by one."""
    months = int(scope.settings["upw.warning_period_months"])
    failures = scoped(scope, select(
        Appointment.id, Appointment.order_id, Appointment.person_id, UNIT, WORKER,
        UpwSession.session_date).select_from(Appointment)
        .join(UpwSession, UpwSession.id == Appointment.session_id)
        .join(UpwOrder, UpwOrder.id == Appointment.order_id)
        .where(Appointment.outcome_code.in_(sorted(ENFORCEABLE_CODES)),
               UpwSession.session_date.between(scope.start, scope.end))).subquery()
    actions: dict[int, list[tuple[int, ActionFact]]] = defaultdict(list)
    for row_id, order_id, appointment_id, code, on in scope.session.execute(
            select(EnforcementAction.id, EnforcementAction.order_id,
                   EnforcementAction.appointment_id, EnforcementAction.action_code,
                   EnforcementAction.action_date)
            .where(EnforcementAction.order_id.in_(select(failures.c.order_id)),
                   EnforcementAction.action_code.in_(
                       sorted(DECISION_CODES | {WARNING_WITHDRAWN})))):
        actions[order_id].append((row_id, ActionFact(code, on, appointment_id)))
    for r in scope.session.execute(select(failures)):
        mine = sorted((a.action_date, i, a) for i, a in actions[r.order_id]
                      if a.appointment_id == r.id and a.code in DECISION_CODES)
        if not mine:
            continue
        decision = mine[0][2]
        warnings = live_warnings(a for _i, a in actions[r.order_id]
                                 if a.appointment_id != r.id)
        met = referral_after_warning(warnings, r.session_date, decision.action_date,
                                     decision.code, months)
        if met is not None:
            yield Fact("warning_then_referral", r.unit_id, r.worker_id, r.session_date, met,
                       person_id=r.person_id if scope.detail else None,
                       note=f"Failure {day_text(r.session_date)} after a warning; decided "
                            f"{day_text(decision.action_date)}: {decision.code}.")


def _hs_answered(scope: Scope) -> Iterator[Fact]:
    """Rule FIG-6: assessments completed in the month with every health and safety question
    and the vulnerability question answered."""
    questions = [getattr(UpwAssessment, name) for name, _message in HEALTH_AND_SAFETY]
    questions.append(UpwAssessment.vulnerable)
    answered = and_(*(q.is_not(None) for q in questions))
    flag = case((answered, 1), else_=0).label("answered")
    columns = [UNIT, WORKER, UpwAssessment.completed_on.label("day"), flag]
    query = scoped(scope, select(*columns).select_from(UpwAssessment)
                    .join(UpwOrder, UpwOrder.id == UpwAssessment.order_id)
                    .where(UpwAssessment.completed_on.between(scope.start, scope.end)))
    for r in scope.rows(query, columns, [UpwAssessment.person_id]):
        yield Fact("hs_answered", r.unit_id, r.worker_id, r.day, bool(r.answered),
                   count_of(scope, r), person_id=person_of(scope, r),
                   note=f"Assessment completed {day_text(r.day)}; "
                        + ("all answered." if r.answered else "a question left unanswered."))


def _completion(scope: Scope) -> Iterator[Fact]:
    """Rule FIG-7: orders that ended in the month (completed or closed) that were completed."""
    ended = func.coalesce(UpwOrder.completed_on, UpwOrder.closed_on)
    columns = [UNIT, WORKER, ended.label("day"),
               UpwOrder.completed_on.is_not(None).label("completed")]
    query = scoped(scope, select(*columns).select_from(UpwOrder)
                    .where(ended.between(scope.start, scope.end)))
    for r in scope.rows(query, columns, [UpwOrder.person_id]):
        yield Fact("completion", r.unit_id, r.worker_id, r.day, bool(r.completed),
                   count_of(scope, r), person_id=person_of(scope, r),
                   note=f"{'Completed' if r.completed else 'Closed uncompleted'} "
                        f"{day_text(r.day)}.")

