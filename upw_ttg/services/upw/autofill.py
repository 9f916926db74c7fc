"""Auto-fill a week: facts loaded in a few queries, placements proposed in memory, then applied."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.placement import PersonFacts, format_day, session_started
from upw_ttg.domain.placement_autofill import Slot, Want, propose
from upw_ttg.domain.records_to_check import set_aside
from upw_ttg.domain.texts import MessageKind
from upw_ttg.domain.validation import require_complete, require_dates
from upw_ttg.errors import Cancelled
from upw_ttg.progress import CancelledFn, ProgressFn, never_cancelled, noop_progress
from upw_ttg.records.upw import (
    ApplyResult,
    AutoFillProposal,
    PlacementRequest,
    ProposedPlacement,
    Shortfall,
)
from upw_ttg.services.access import RESTRICTED_MESSAGE, hidden_cases
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.settings import read_setting
from upw_ttg.services.upw.changes import run_changes
from upw_ttg.services.upw.common import chunks, order_subject
from upw_ttg.services.upw.facts import (
    active_appointment,
    load_bookings,
    load_occupants,
    load_people,
    load_sessions,
)
from upw_ttg.services.upw.planner import (
    minutes_between,
    monday_of,
    service_calendar,
    target_for,
    weekly_target_minutes,
)
from upw_ttg.services.upw.texts import queue_event_text
from upw_ttg.storage.models import Appointment, PickupPoint, UpwSession


class AutoFillService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def propose(self, week_start: dt.date, delivery_unit_id: int | None = None, *,
                progress: ProgressFn | None = None,
                cancelled: CancelledFn | None = None) -> AutoFillProposal:
        """A proposal for every live order (of the unit, or all) for the week of
        ``week_start``; nothing is saved. Raises Cancelled if ``cancelled()`` says so.
        Only sessions that have not started yet are proposed (by the context's clock).

        Hours offered count the session's length (the unpaid break included), as the weekly
        offer is a number of scheduled hours. People are placed only on sessions of their own
        office's delivery unit; soft rules are never overridden, so anyone who would need a
        recorded reason is listed as a shortfall with it.
        """
        self._ctx.require(Capability.PLACE_PEOPLE)
        progress = progress or noop_progress
        cancelled = cancelled or never_cancelled
        require_dates(week_start=week_start)
        now = self._ctx.now()
        today = now.date()
        start = monday_of(week_start)
        first_day, last_day = max(start, today), start + dt.timedelta(days=6)
        progress(0, 1, "Loading orders and sessions")
        with self._ctx.db.read() as session:
            people, extras = load_people(session, unit_id=delivery_unit_id)
            if cancelled():
                raise Cancelled()
            sessions, session_extras = load_sessions(session, unit_id=delivery_unit_id,
                                                     date_from=first_day, date_to=last_day)
            occupants = load_occupants(session, list(sessions))
            person_ids = {p.person_id for p in people.values()}
            hidden = hidden_cases(session, self._ctx, person_ids)
            bookings = load_bookings(session, person_ids, start, last_day)
            future = _future_minutes(session, list(people), today)
            week_booked = _future_minutes(session, list(people), start, last_day)
            offer, maximum = weekly_target_minutes(session)
            first_days = int(read_setting(session, "upw.first_session_working_days"))
            calendar = service_calendar(session)
            point_office = dict(session.execute(
                select(PickupPoint.id, PickupPoint.office_id)).all())
        if cancelled():
            raise Cancelled()
        restricted: list[Shortfall] = []

        def want(item: tuple[int, PersonFacts]) -> Want | None:
            order_id, person = item
            extra = extras[order_id]
            if person.person_id in hidden:
                # Rule ACC-2: only the staff named on a restricted case place the person.
                restricted.append(Shortfall(order_id, person.person_id, extra.crn, person.name,
                                            0, 0, (RESTRICTED_MESSAGE,)))
                return None
            unbooked = person.minutes_remaining - future.get(order_id, 0)
            target = min(target_for(offer, maximum, extra.intensive_extra_hours)
                         - week_booked.get(order_id, 0), unbooked)
            due = None if extra.has_appointment else calendar.add_working_days(
                extra.sentence_date, first_days)
            return Want(person, extra.crn, target, extra.delivery_unit_id, due) \
                if target > 0 else None

        # An order that cannot be worked out is not proposed; it is named instead.
        wants, to_check = set_aside(people.items(), want,
                                    lambda item: order_subject(item[1], extras[item[0]]))
        slots = [Slot(facts, session_extras[sid].delivery_unit_id,
                      minutes_between(facts.start, facts.end),
                      tuple((pid, point_office.get(point))
                            for pid, point, _ in session_extras[sid].pickups))
                 for sid, facts in sessions.items()]
        result = propose(wants, slots, {sid: [o for _, o in rows]
                                        for sid, rows in occupants.items()},
                         bookings, today, now=now, progress=progress, cancelled=cancelled)
        if result is None:
            raise Cancelled()
        placements = tuple(
            ProposedPlacement(p.order_id, p.person_id, p.session_id, p.session_pickup_id,
                              p.travels_by_van, sessions[p.session_id].date,
                              sessions[p.session_id].start, sessions[p.session_id].end,
                              sessions[p.session_id].project_name, p.minutes)
            for p in result.placements)
        shortfalls = tuple(Shortfall(u.order_id, u.person_id, extras[u.order_id].crn,
                                     people[u.order_id].name, u.target_minutes,
                                     u.proposed_minutes, u.reasons)
                           for u in result.unplaced) + tuple(restricted)
        notes = tuple(f"{people[o].name} ({extras[o].crn}): first session on "
                      f"{format_day(first)}, after the deadline of {format_day(due)}."
                      for o, first, due in result.late_first)
        return AutoFillProposal(start, delivery_unit_id, placements, shortfalls, len(wants),
                                notes, tuple(to_check))

    def apply(self, proposal: AutoFillProposal, *, progress: ProgressFn | None = None
              ) -> ApplyResult:
        """Book the proposal in one transaction, re-checking every rule against what is on
        record now; places already booked are left alone, so applying twice changes nothing."""
        self._ctx.require(Capability.PLACE_PEOPLE)

        require_complete(proposal)
        progress = progress or noop_progress
        now = self._ctx.now()
        # A session that started while the proposal was on screen is no longer offered.
        started = [p for p in proposal.placements
                   if session_started(p.session_date, p.start_time, now)]
        requests = [PlacementRequest(p.order_id, p.session_id, p.session_pickup_id,
                                     p.travels_by_van) for p in proposal.placements
                    if p not in started]
        progress(0, 1, f"Booking {len(requests)} places")
        with self._ctx.db.write() as session:
            hidden = hidden_cases(session, self._ctx, {p.person_id for p in proposal.placements})
            refused_restricted = [p for p in proposal.placements
                                  if p.person_id in hidden and p not in started]
            requests = [r for r, p in zip(requests, [p for p in proposal.placements
                                                     if p not in started], strict=True)
                        if p.person_id not in hidden]
            outcome = run_changes(session, self._ctx, adds=requests, strict=False,
                                  skip_existing=True)
            # Rule UPW-TEXTS: a booking text per place made, earliest first, so someone given
            # several sessions is told of the first (one text per number per day).
            when = {(p.order_id, p.session_id): (p.session_date, p.start_time)
                    for p in proposal.placements}
            for row in sorted(outcome.created,
                              key=lambda r: (when[(r.order_id, r.session_id)], r.id)):
                queue_event_text(session, self._ctx, row.id, MessageKind.BOOKED)
        progress(1, 1, "Booked")
        by_key = {(p.order_id, p.session_id): p for p in proposal.placements}
        refused = tuple((by_key[(r.order_id, r.session_id)],
                         tuple(b.message for b in breaches))
                        for r, breaches in outcome.refused) + tuple(
            (p, (f"{p.project_name} on {format_day(p.session_date)} has already started.",))
            for p in started) + tuple((p, (RESTRICTED_MESSAGE,)) for p in refused_restricted)
        return ApplyResult(len(outcome.created), outcome.already_there, refused)


def _future_minutes(session: Session, order_ids: list[int], first: dt.date,
                    last: dt.date | None = None) -> dict[int, int]:
    """Minutes of each order's places from ``first`` (to ``last``) that are still to come."""
    out: dict[int, int] = defaultdict(int)
    for batch in chunks(order_ids):
        query = (select(Appointment.order_id, UpwSession.start_time, UpwSession.end_time)
                 .join(UpwSession, UpwSession.id == Appointment.session_id)
                 .where(Appointment.order_id.in_(batch), active_appointment(),
                        UpwSession.session_date >= first))
        if last is not None:
            query = query.where(UpwSession.session_date <= last)
        for order_id, start, end in session.execute(query):
            out[order_id] += minutes_between(start, end)
    return out

