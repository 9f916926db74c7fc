"""A person's case in one read: sessions with outcomes, hours, warrants, enforcement, letters,
custody and plan, and a timeline of everything that happened, each part only for those
allowed it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import KEEP_APART_KIND_LABELS, SessionStatus
from upw_ttg.domain.permissions import Capability
from upw_ttg.records.case_record import CaseEvent, CaseOverview, HoursLine, SessionLine
from upw_ttg.services.access import check_case
from upw_ttg.services.case_letters import case_letters
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.order_totals import order_totals
from upw_ttg.storage.models import (
    Appointment,
    CustodyEpisode,
    CustodyEvent,
    EnforcementAction,
    EnforcementActionCode,
    KeepApart,
    OutcomeCodeRow,
    Prison,
    Project,
    ResettlementPlan,
    TravelWarrant,
    UpwOrder,
    UpwSession,
)
from upw_ttg.time_text import format_minutes


class CaseRecordService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def overview(self, person_id: int) -> CaseOverview:
        """Everything on the person's case, newest first on the timeline.

        Each part is read only if the member's roles allow it: sessions and hours with the
        schedule or attendance, warrants with warrants, enforcement with attendance, custody
        and plans with custody and Through the Gate.
        """
        self._ctx.require(Capability.READ_PERSON)
        ctx = self._ctx
        today = ctx.today()
        may = ctx.may
        hidden: set[str] = set()
        events: list[CaseEvent] = []
        sessions: list[SessionLine] = []
        hours: list[HoursLine] = []
        pairs = 0
        with ctx.db.read() as session:
            check_case(session, ctx, person_id)
            if may(Capability.READ_SCHEDULE) or may(Capability.READ_ATTENDANCE):
                sessions = _sessions(session, person_id, today)
                hours = _hours(session, person_id)
                events += _session_events(sessions)
                events += [CaseEvent(h.sentence_date, "order",
                                     f"Order made for {h.ordered_minutes // 60} hours",
                                     "order", h.order_id) for h in hours]
            else:
                hidden |= {"sessions", "hours"}
            if may(Capability.READ_WARRANTS):
                events += _warrants(session, person_id, today)
            else:
                hidden.add("warrants")
            if may(Capability.READ_ATTENDANCE):
                events += _enforcement(session, person_id)
            else:
                hidden.add("enforcement")
            if may(Capability.READ_CUSTODY):
                events += _custody(session, person_id, with_plans=may(Capability.READ_TTG_CASE))
            else:
                hidden.add("custody")
            if may(Capability.READ_SCHEDULE):
                pairs, pair_events = _keep_apart(session, person_id)
                events += pair_events
            letters = case_letters(session, person_id,
                                   enforcement=may(Capability.READ_ATTENDANCE),
                                   appointments=may(Capability.READ_SCHEDULE), today=today)
        events.sort(key=lambda e: (e.when, e.kind), reverse=True)
        return CaseOverview(person_id, today, tuple(sessions), tuple(hours), tuple(events),
                            pairs, frozenset(hidden), tuple(letters))


def _sessions(session: Session, person_id: int, today: dt.date) -> list[SessionLine]:
    rows = session.execute(
        select(Appointment.id, Appointment.session_id, Appointment.order_id,
               UpwSession.session_date, UpwSession.start_time, UpwSession.end_time,
               UpwSession.status, Project.name, Appointment.outcome_code,
               OutcomeCodeRow.description, Appointment.minutes_credited)
        .join(UpwSession, UpwSession.id == Appointment.session_id)
        .join(Project, Project.id == UpwSession.project_id)
        .outerjoin(OutcomeCodeRow, OutcomeCodeRow.code == Appointment.outcome_code)
        .where(Appointment.person_id == person_id)
        .order_by(UpwSession.session_date, UpwSession.start_time, Appointment.id)).all()
    return [SessionLine(
        appointment_id=r[0], session_id=r[1], order_id=r[2], session_date=r[3],
        start_time=r[4], end_time=r[5], project_name=r[7],
        outcome=f"{r[8]} – {r[9]}" if r[8] else "", credited_minutes=r[10] or 0,
        stood_down=r[6] == SessionStatus.STOOD_DOWN,
        upcoming=r[3] >= today and not r[8]) for r in rows]


def _session_events(sessions: list[SessionLine]) -> list[CaseEvent]:
    events = []
    for s in sessions:
        if s.stood_down:
            what = "stood down"
        elif s.upcoming:
            what = "booked"
        elif s.outcome:
            what = s.outcome + (f", {format_minutes(s.credited_minutes)} credited"
                                if s.credited_minutes else "")
        else:
            what = "outcome not keyed yet"
        events.append(CaseEvent(s.session_date, "session",
                                f"Session at {s.project_name} {s.start_time:%H:%M}: {what}",
                                "session", s.session_id, s.upcoming))
    return events


def _hours(session: Session, person_id: int) -> list[HoursLine]:
    totals = order_totals(session, select(UpwOrder.id).where(UpwOrder.person_id == person_id))
    rows = session.execute(
        select(UpwOrder.id, UpwOrder.sentence_date, UpwOrder.status)
        .where(UpwOrder.person_id == person_id).order_by(UpwOrder.sentence_date)).all()
    lines = []
    for order_id, sentenced, status in rows:
        total = totals[order_id]
        lines.append(HoursLine(order_id, sentenced, total.ordered_minutes,
                               total.credited_minutes, total.remaining_minutes,
                               status.value.replace("_", " ").capitalize()))
    return lines


def _warrants(session: Session, person_id: int, today: dt.date) -> list[CaseEvent]:
    rows = session.execute(
        select(TravelWarrant.id, TravelWarrant.serial, TravelWarrant.valid_from,
               TravelWarrant.valid_to, TravelWarrant.travel_from, TravelWarrant.travel_to,
               TravelWarrant.mode, TravelWarrant.status)
        .where(TravelWarrant.person_id == person_id)).all()
    return [CaseEvent(r.valid_from, "warrant",
                      f"Travel warrant {r.serial} ({r.mode.value}) {r.travel_from} to "
                      f"{r.travel_to}, valid to {r.valid_to:%d/%m/%Y}: "
                      f"{r.status.value.replace('_', ' ')}", "warrant", r.id,
                      r.valid_from > today) for r in rows]


def _enforcement(session: Session, person_id: int) -> list[CaseEvent]:
    rows = session.execute(
        select(EnforcementAction.id, EnforcementAction.order_id, EnforcementAction.action_date,
               EnforcementActionCode.description, EnforcementAction.respond_by)
        .join(UpwOrder, UpwOrder.id == EnforcementAction.order_id)
        .join(EnforcementActionCode,
              EnforcementActionCode.code == EnforcementAction.action_code)
        .where(UpwOrder.person_id == person_id)).all()
    return [CaseEvent(r.action_date, "enforcement",
                      f"Enforcement: {r.description}"
                      + (f" (respond by {r.respond_by:%d/%m/%Y})" if r.respond_by else ""),
                      "order", r.order_id) for r in rows]


def _custody(session: Session, person_id: int, *, with_plans: bool) -> list[CaseEvent]:
    events = []
    rows = session.execute(
        select(CustodyEvent.episode_id, CustodyEvent.event_date, CustodyEvent.kind,
               CustodyEvent.reason, Prison.name)
        .join(CustodyEpisode, CustodyEpisode.id == CustodyEvent.episode_id)
        .outerjoin(Prison, Prison.id == CustodyEvent.to_prison_id)
        .where(CustodyEpisode.person_id == person_id)).all()
    for episode_id, when, kind, reason, prison in rows:
        where = f" ({prison})" if prison else ""
        events.append(CaseEvent(when, "custody",
                                f"Custody: {kind.value.replace('_', ' ')}{where}: {reason}",
                                "custody", episode_id))
    if with_plans:
        plans = session.execute(
            select(ResettlementPlan.episode_id, ResettlementPlan.started_on,
                   ResettlementPlan.completed_on)
            .join(CustodyEpisode, CustodyEpisode.id == ResettlementPlan.episode_id)
            .where(CustodyEpisode.person_id == person_id)).all()
        for episode_id, started, completed in plans:
            if started:
                events.append(CaseEvent(started, "plan", "Resettlement plan started", "plan",
                                        episode_id))
            if completed:
                events.append(CaseEvent(completed, "plan", "Resettlement plan completed",
                                        "plan", episode_id))
    return events


def _keep_apart(session: Session, person_id: int) -> tuple[int, list[CaseEvent]]:
    rows = session.execute(
        select(KeepApart.id, KeepApart.kind, KeepApart.recorded_on, KeepApart.ended_on)
        .where(or_(KeepApart.person_a_id == person_id,
                   KeepApart.person_b_id == person_id))).all()
    events = [CaseEvent(r.recorded_on, "keep_apart",
                        f"Keep apart from another person ({KEEP_APART_KIND_LABELS[r.kind]})"
                        + (f", ended {r.ended_on:%d/%m/%Y}" if r.ended_on else ""),
                        "keep_apart", r.id) for r in rows]
    return sum(1 for r in rows if r.ended_on is None), events
