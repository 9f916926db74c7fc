"""The Unpaid Work figures (inspection questions 4.1.1 to 4.1.4), by grouped queries.

Each figure reads only the columns its rule needs, grouped so a year of a CRC's appointments
arrives as a few thousand rows; the rule then runs once per group, and once per case for a
drill-down.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Date, and_, case, func, literal, select, union_all

from upw_ttg.domain.crediting import ENFORCEABLE_CODES
from upw_ttg.domain.enforcement import (
    DECISION_CODES,
    WARNING_WITHDRAWN,
    ActionFact,
    enforcement_due,
    live_warnings,
)
from upw_ttg.domain.figures import (
    met_by,
    month_of,
    outcome_keying_due,
    referral_after_warning,
    usable_date,
)
from upw_ttg.services.figures.common import Fact, Scope, as_date, day_text
from upw_ttg.services.figures.order_months import order_months
from upw_ttg.services.figures.upw_common import UNIT, WORKER, count_of, person_of, scoped
from upw_ttg.services.upw.assessments import HEALTH_AND_SAFETY
from upw_ttg.storage.models import (
    Appointment,
    EnforcementAction,
    OrderMonth,
    UpwAssessment,
    UpwOrder,
    UpwSession,
)


def upw_facts(scope: Scope) -> Iterator[Fact]:
    for key, source in (("first_session", _first_session), ("outcomes_keyed", _outcomes_keyed),
                        ("hs_answered", _hs_answered), ("completion", _completion)):
        if scope.wants(key):
            yield from source(scope)
    if scope.wants("enforcement_on_time") or scope.wants("warning_then_referral"):
        yield from _failures(scope)
    if any(scope.wants(k) for k in ("weekly_offer", "hours_completed", "extension_needed")):
        yield from order_months(scope)


def _first_session(scope: Scope) -> Iterator[Fact]:
    """Rule FIG-1: orders sentenced in the month whose first attended session came within
    the set working days (rule UPW-10)."""
    days = int(scope.settings["upw.first_session_working_days"])
    sentenced = UpwOrder.sentence_date.between(scope.start, scope.end)
    first = (select(OrderMonth.order_id.label("order_id"),
                    func.min(OrderMonth.first_attended).label("first"))
             .where(OrderMonth.order_id.in_(select(UpwOrder.id).where(sentenced)))
             .group_by(OrderMonth.order_id).subquery())
    columns: list[Any] = [UNIT, WORKER, UpwOrder.sentence_date.label("day"),
                          first.c.first.label("done")]
    query = scoped(scope, select(*columns).select_from(UpwOrder)
                   .outerjoin(first, first.c.order_id == UpwOrder.id).where(sentenced))
    # Worked out once per sentence date: a year of a CRC's orders share a few hundred.
    dues: dict[dt.date, dt.date | None] = {}
    for r in scope.rows(query, columns, [UpwOrder.person_id]):
        if r.day in dues:
            due = dues[r.day]
        else:
            day = usable_date(r.day)
            due = dues[r.day] = None if day is None \
                else scope.calendar.add_working_days(day, days)
        if due is None:
            continue
        day = r.day
        met = met_by(r.done, due, scope.today)
        if met is not None:
            yield Fact("first_session", r.unit_id, r.worker_id, day, met, count_of(scope, r),
                       person_id=person_of(scope, r),
                       note=scope.detail and f"Sentenced {day_text(day)}; first session due "
                       f"{day_text(due)}; first attended {day_text(r.done)}.")


def _outcomes_keyed(scope: Scope) -> Iterator[Fact]:
    """Rule FIG-3: outcomes of the month's sessions keyed within 2 working days."""
    if not scope.detail:
        yield from _outcomes_keyed_counted(scope)
        return
    keyed = func.date(Appointment.updated_at)
    columns: list[Any] = [UNIT, WORKER, UpwSession.session_date.label("day"), keyed.label("keyed")]
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
                   keyed_on is not None and keyed_on <= due, person_id=r.person_id,
                   note=f"Session {day_text(r.day)}; outcome due by {day_text(due)}; "
                        f"keyed {day_text(keyed_on)}.")


def _outcomes_keyed_counted(scope: Scope) -> Iterator[Fact]:
    """The counts only: whole months from the orders' monthly summary (rule FIG-16); the days
    after them (this month so far) from the appointments, each day going to the database with
    its due date (the rule worked out here, once a day), so they come back as a count per
    unit, worker and month."""
    first, cut = scope.summarised()
    if first is not None and first < cut:
        columns: list[Any] = [UNIT, WORKER, OrderMonth.month]
        query = scoped(scope, select(*columns, func.sum(OrderMonth.keyed_in_time).label("met"),
                                     func.sum(OrderMonth.outcomes).label("n"))
                       .select_from(OrderMonth)
                       .join(UpwOrder, UpwOrder.id == OrderMonth.order_id)
                       .where(OrderMonth.month >= first, OrderMonth.month < cut,
                              OrderMonth.outcomes > 0)
                       .group_by(*columns))
        yield from _keyed_counts(scope.records(query))
    days, day = [], cut
    while day <= scope.end:
        due = outcome_keying_due(scope.calendar, day)
        days.append(select(literal(day, Date).label("day"), literal(due, Date).label("due"),
                           literal(month_of(day), Date).label("month")))
        day += dt.timedelta(days=1)
    if not days:
        return
    calendar = union_all(*days).subquery("keying_due")
    in_time = func.sum(case((func.date(Appointment.updated_at) <= calendar.c.due, 1),
                            else_=0)).label("met")
    # Counted per order first, then per unit and worker: joining every appointment to its
    # order, person and office cost as much again as counting them.
    per_order = (select(Appointment.order_id.label("order_id"),
                        calendar.c.month.label("month"), in_time, func.count().label("n"))
                 .select_from(Appointment)
                 .join(UpwSession, UpwSession.id == Appointment.session_id)
                 .join(calendar, calendar.c.day == UpwSession.session_date)
                 .where(Appointment.outcome_code.is_not(None),
                        UpwSession.session_date.between(cut, scope.end))
                 .group_by(Appointment.order_id, calendar.c.month).subquery("per_order"))
    columns = [UNIT, WORKER, per_order.c.month]
    query = scoped(scope, select(*columns, func.sum(per_order.c.met).label("met"),
                                 func.sum(per_order.c.n).label("n"))
                   .select_from(per_order)
                   .join(UpwOrder, UpwOrder.id == per_order.c.order_id)
                   .group_by(*columns))
    yield from _keyed_counts(scope.records(query))


def _keyed_counts(rows: Iterable[Any]) -> Iterator[Fact]:
    for r in rows:
        month = as_date(r.month)
        if month is None:
            continue
        met, n = int(r.met or 0), int(r.n)
        if met:
            yield Fact("outcomes_keyed", r.unit_id, r.worker_id, month, True, met)
        if n > met:
            yield Fact("outcomes_keyed", r.unit_id, r.worker_id, month, False, n - met)


def _failures(scope: Scope) -> Iterator[Fact]:
    """Rules FIG-4 and FIG-5: the month's failures (enforceable outcomes), each decided by
    its due date (rule UPW-19), and, where a warning not withdrawn covered it (rule UPW-20),
    referred for breach. A year of a CRC holds a few thousand, read one by one with every
    decision and warning on their orders."""
    days = int(scope.settings["upw.enforcement_decision_working_days"])
    months = int(scope.settings["upw.warning_period_months"])
    failures = scope.records(scoped(scope, select(
        Appointment.id, Appointment.order_id, Appointment.person_id, UNIT, WORKER,
        UpwSession.session_date).select_from(Appointment)
        .join(UpwSession, UpwSession.id == Appointment.session_id)
        .join(UpwOrder, UpwOrder.id == Appointment.order_id)
        .where(Appointment.outcome_code.in_(sorted(ENFORCEABLE_CODES)),
               UpwSession.session_date.between(scope.start, scope.end))))
    orders = sorted({r.order_id for r in failures})
    actions: dict[int, list[ActionFact]] = defaultdict(list)
    # Each failure's decisions, by order and appointment, earliest (then first keyed) first.
    decisions: dict[tuple[int, int | None], list[tuple[dt.date, int, ActionFact]]] = \
        defaultdict(list)
    for batch in range(0, len(orders), 900):
        for row_id, order_id, appointment_id, code, on in scope.read(
                select(EnforcementAction.id, EnforcementAction.order_id,
                       EnforcementAction.appointment_id, EnforcementAction.action_code,
                       EnforcementAction.action_date)
                .where(EnforcementAction.order_id.in_(orders[batch:batch + 900]),
                       EnforcementAction.action_code.in_(
                           sorted(DECISION_CODES | {WARNING_WITHDRAWN})))):
            action = ActionFact(code, on, appointment_id)
            actions[order_id].append(action)
            if code in DECISION_CODES:
                decisions[(order_id, appointment_id)].append((on, row_id, action))
    on_time, after_warning = scope.wants("enforcement_on_time"), \
        scope.wants("warning_then_referral")
    dues: dict[dt.date, dt.date] = {}
    for r in failures:
        person = r.person_id if scope.detail else None
        mine = decisions.get((r.order_id, r.id))
        decision = min(mine)[2] if mine else None
        decided = decision.action_date if decision else None
        if on_time:
            due = dues.get(r.session_date)
            if due is None:
                due = dues[r.session_date] = enforcement_due(scope.calendar, r.session_date,
                                                             days)
            met = met_by(decided, due, scope.today)
            if met is not None:
                yield Fact("enforcement_on_time", r.unit_id, r.worker_id, r.session_date, met,
                           person_id=person,
                           note=scope.detail and f"Failure {day_text(r.session_date)}; "
                           f"decision due {day_text(due)}; decided {day_text(decided)}.")
        if after_warning and decision is not None and decided is not None:
            warnings = live_warnings(a for a in actions[r.order_id]
                                     if a.appointment_id != r.id)
            met = referral_after_warning(warnings, r.session_date, decided, decision.code,
                                         months)
            if met is not None:
                yield Fact("warning_then_referral", r.unit_id, r.worker_id, r.session_date,
                           met, person_id=person,
                           note=scope.detail and f"Failure {day_text(r.session_date)} after a "
                           f"warning; decided {day_text(decided)}: {decision.code}.")


def _hs_answered(scope: Scope) -> Iterator[Fact]:
    """Rule FIG-6: assessments completed in the month with every health and safety question
    and the vulnerability question answered."""
    questions = [getattr(UpwAssessment, name) for name, _message in HEALTH_AND_SAFETY]
    questions.append(UpwAssessment.vulnerable)
    answered = and_(*(q.is_not(None) for q in questions))
    flag = case((answered, 1), else_=0).label("answered")
    columns: list[Any] = [UNIT, WORKER, UpwAssessment.completed_on.label("day"), flag]
    query = scoped(scope, select(*columns).select_from(UpwAssessment)
                   .join(UpwOrder, UpwOrder.id == UpwAssessment.order_id)
                   .where(UpwAssessment.completed_on.between(scope.start, scope.end)))
    for r in scope.rows(query, columns, [UpwAssessment.person_id]):
        yield Fact("hs_answered", r.unit_id, r.worker_id, r.day, bool(r.answered),
                   count_of(scope, r), person_id=person_of(scope, r),
                   note=scope.detail and f"Assessment completed {day_text(r.day)}; "
                   + ("all answered." if r.answered else "a question left unanswered."))


def _completion(scope: Scope) -> Iterator[Fact]:
    """Rule FIG-7: orders that ended in the month (completed or closed) that were completed."""
    ended = func.coalesce(UpwOrder.completed_on, UpwOrder.closed_on)
    columns: list[Any] = [UNIT, WORKER, ended.label("day"),
               UpwOrder.completed_on.is_not(None).label("completed")]
    query = scoped(scope, select(*columns).select_from(UpwOrder)
                   .where(ended.between(scope.start, scope.end)))
    for r in scope.rows(query, columns, [UpwOrder.person_id]):
        yield Fact("completion", r.unit_id, r.worker_id, r.day, bool(r.completed),
                   count_of(scope, r), person_id=person_of(scope, r),
                   note=scope.detail and ("Completed " if r.completed else "Closed uncompleted ")
                   + f"{day_text(r.day)}.")

