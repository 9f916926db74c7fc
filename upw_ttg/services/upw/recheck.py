"""Re-checking future bookings whenever a fact a placement rule reads changes (rule UPW-24).

Every write that changes such a fact calls ``recheck_bookings`` inside its own unit of work,
naming what it changed (people, orders, sessions, projects, dates, vans, supervisors). The
bookings it touches are judged again by the one rule engine and the ``booking_breach`` table
is brought up to date: a new breach is queued, one no longer broken is cleared. ``what_if``
runs the same write as a preview and rolls it back, so a screen can say what a change would
break before it is saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, delete, exists, insert, or_, select, update
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import SessionStatus
from upw_ttg.domain.placement import PersonFacts, SessionFacts
from upw_ttg.domain.placement_recheck import BreachRow, HeldPlace, held_breaches
from upw_ttg.records.recheck import BrokenBooking, RecheckReport
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.upw.common import chunks
from upw_ttg.services.upw.facts import (
    PersonExtra,
    active_appointment,
    load_bookings_beside,
    load_occupants,
    load_people,
    load_sessions,
)
from upw_ttg.storage.models import (
    Appointment,
    BookingBreach,
    SessionSupervisor,
    UpwSession,
)
from upw_ttg.storage.models.base import utc_now

# Set while ``what_if`` runs a change: the re-check reports and then undoes the whole unit
# of work by raising, so a preview can never be saved.
_PREVIEWING: ContextVar[bool] = ContextVar("recheck_previewing", default=False)


class _PreviewFinished(Exception):
    def __init__(self, report: RecheckReport):
        super().__init__("preview finished")
        self.report = report


def what_if(change: Callable[[], object]) -> RecheckReport:
    """Run ``change`` (a service write that re-checks) and roll it back; what it would break.

    Problems with the input itself (ValidationError and the like) are raised as on saving.
    """
    token = _PREVIEWING.set(True)
    try:
        change()
    except _PreviewFinished as finished:
        return finished.report
    finally:
        _PREVIEWING.reset(token)
    raise RuntimeError("A change previewed with what_if did not re-check its bookings.")


def recheck_bookings(session: Session, ctx: ServiceContext, *,
                     person_ids: Iterable[int] = (), order_ids: Iterable[int] = (),
                     session_ids: Iterable[int] = (), project_ids: Iterable[int] = (),
                     dates: Iterable[dt.date] = (), van_ids: Iterable[int] = (),
                     supervisor_ids: Iterable[int] = (),
                     accept: Mapping[int, str] | None = None,
                     everything: bool = False) -> RecheckReport:
    """Judge again every future booking the change touches, in the open unit of work.

    A future booking is a place with no outcome on a planned session from today on. Every
    place on a touched session is judged, since rule UPW-3 and places are about the whole group.
    ``accept`` maps appointment ids to the reason given when they were just booked: the soft
    rules they break now are the ones that reason overrode.
    """
    session.flush()
    wanted = _future_sessions(session, ctx.today(), person_ids=set(person_ids),
                              order_ids=set(order_ids), session_ids=set(session_ids),
                              project_ids=set(project_ids), dates=set(dates),
                              van_ids=set(van_ids), supervisor_ids=set(supervisor_ids),
                              everything=everything)
    report = _recheck_sessions(session, ctx, wanted, dict(accept or {}))
    if _PREVIEWING.get():
        raise _PreviewFinished(report)
    return report


def _future_sessions(session: Session, today: dt.date, *, person_ids: set[int],
                     order_ids: set[int], session_ids: set[int], project_ids: set[int],
                     dates: set[dt.date], van_ids: set[int], supervisor_ids: set[int],
                     everything: bool) -> list[int]:
    # Only sessions with someone on them, or with entries to clear, need judging.
    held = exists().where(Appointment.session_id == UpwSession.id, active_appointment())
    listed = exists().where(BookingBreach.session_id == UpwSession.id)
    base = select(UpwSession.id).where(UpwSession.status == SessionStatus.PLANNED,
                                       UpwSession.session_date >= today, or_(held, listed))
    if everything:
        return list(session.scalars(base.order_by(UpwSession.id)))
    found: set[int] = set()

    def add(condition: ColumnElement[bool]) -> None:
        found.update(session.scalars(base.where(condition)))

    for column, values in ((UpwSession.id, session_ids), (UpwSession.project_id, project_ids),
                           (UpwSession.van_id, van_ids),
                           (UpwSession.supervisor_id, supervisor_ids)):
        for batch in chunks(sorted(values)):
            add(column.in_(batch))
    for days in chunks(sorted(dates)):
        add(UpwSession.session_date.in_(days))
    for batch in chunks(sorted(supervisor_ids)):
        add(UpwSession.id.in_(select(SessionSupervisor.session_id)
                              .where(SessionSupervisor.staff_id.in_(batch))))
    for column, values in ((Appointment.person_id, person_ids),
                           (Appointment.order_id, order_ids)):
        for batch in chunks(sorted(values)):
            add(UpwSession.id.in_(select(Appointment.session_id)
                                  .where(column.in_(batch), active_appointment())))
    return sorted(found)


@dataclass(frozen=True, slots=True)
class _Place:
    order_id: int
    version: int
    open: bool  # no outcome yet: the booking the queue is about


def _recheck_sessions(session: Session, ctx: ServiceContext, session_ids: list[int],
                      accept: dict[int, str]) -> RecheckReport:
    if not session_ids:
        return RecheckReport()
    facts, _ = load_sessions(session, session_ids=session_ids)
    occupants = load_occupants(session, session_ids)
    places = _places(session, session_ids)
    people, extras = load_people(session, order_ids={p.order_id for p in places.values()},
                                 rules_only=True)
    bookings = load_bookings_beside(session, session_ids)
    found: dict[int, tuple[BreachRow, ...]] = {}
    where: dict[int, int] = {}
    for sid, rows in occupants.items():
        held = [HeldPlace(aid, people[places[aid].order_id], occupant, occupant.travels_by_van)
                for aid, occupant in rows if places[aid].order_id in people]
        for aid, breaches in held_breaches(facts[sid], held, bookings,
                                           today=ctx.today()).items():
            if places[aid].open:
                found[aid] = breaches
                where[aid] = sid
    judged = {aid for aid, p in places.items() if p.open}
    new, mended = _store(session, ctx, session_ids, judged, found, where, accept)
    broken = tuple(
        _broken(aid, places[aid], people[places[aid].order_id],
                extras[places[aid].order_id], facts[where[aid]], rows)
        for aid, rows in sorted(new.items(), key=lambda item: (
            facts[where[item[0]]].date, people[places[item[0]].order_id].name, item[0])))
    return RecheckReport(broken, mended)


def _places(session: Session, session_ids: list[int]) -> dict[int, _Place]:
    """The places held on these sessions (the occupants' appointments), by appointment."""
    out: dict[int, _Place] = {}
    for batch in chunks(session_ids):
        for aid, order_id, version, outcome in session.execute(
                select(Appointment.id, Appointment.order_id, Appointment.version,
                       Appointment.outcome_code).where(Appointment.session_id.in_(batch),
                                                       active_appointment())):
            out[aid] = _Place(order_id, version, outcome is None)
    return out


_COLUMNS = (BookingBreach.id, BookingBreach.appointment_id, BookingBreach.rule,
            BookingBreach.hard, BookingBreach.message, BookingBreach.session_id,
            BookingBreach.accepted_reason)


def _store(session: Session, ctx: ServiceContext, session_ids: list[int], judged: set[int],
           found: dict[int, tuple[BreachRow, ...]], where: dict[int, int],
           accept: dict[int, str]) -> tuple[dict[int, list[BreachRow]], int]:
    """Bring the queue in line with ``found`` in a few set-based statements; the breaches
    newly open, and how many bookings no longer break anything."""
    existing: dict[tuple[int, str], Any] = {}
    for column, values in ((BookingBreach.session_id, session_ids),
                           (BookingBreach.appointment_id, sorted(judged))):
        for batch in chunks(values):
            for row in session.execute(select(*_COLUMNS).where(column.in_(batch))):
                existing[(row.appointment_id, row.rule)] = row
    was_open = {aid for (aid, _), row in existing.items() if row.accepted_reason is None}
    now = utc_now()
    new: dict[int, list[BreachRow]] = {}
    open_after: set[int] = set()
    inserts: list[dict[str, Any]] = []
    changes: list[dict[str, Any]] = []
    accepts: list[dict[str, Any]] = []
    for aid, breaches in found.items():
        reason = accept.get(aid)
        for breach in breaches:
            row = existing.pop((aid, breach.rule.value), None)
            changed = row is None or (row.message, row.hard, row.session_id) != (
                breach.message, breach.hard, where[aid])
            # Changed facts void an earlier acceptance; a reason given at booking covers
            # the soft rules found now.
            accepted = None if changed else row.accepted_reason
            if reason and not breach.hard and accepted is None:
                accepted = reason
            judged_values = dict(session_id=where[aid], hard=breach.hard,
                                 message=breach.message)
            by = dict(accepted_reason=accepted, accepted_by_id=ctx.actor_id if accepted
                      else None, accepted_at=now if accepted else None)
            if row is None:
                inserts.append(dict(appointment_id=aid, rule=breach.rule.value, found_at=now,
                                    **judged_values, **by))
            elif changed:
                changes.append(dict(id=row.id, found_at=now, **judged_values, **by))
            elif accepted != row.accepted_reason:
                accepts.append(dict(id=row.id, **by))
            if accepted is None:
                open_after.add(aid)
                if changed:
                    new.setdefault(aid, []).append(breach)
    gone = sorted(row.id for row in existing.values())  # mended, or no longer booked here
    for batch in chunks(gone):
        session.execute(delete(BookingBreach).where(BookingBreach.id.in_(batch)))
    if inserts:
        session.execute(insert(BookingBreach), inserts)
    for rows in (changes, accepts):
        if rows:
            session.execute(update(BookingBreach), rows)
    return new, len(was_open - open_after)


def _broken(appointment_id: int, place: _Place, person: PersonFacts, extra: PersonExtra,
            facts: SessionFacts, breaches: Iterable[BreachRow]) -> BrokenBooking:
    return BrokenBooking(
        appointment_id=appointment_id, appointment_version=place.version,
        person_id=person.person_id, order_id=person.order_id, crn=extra.crn, name=person.name,
        session_id=facts.session_id, project_name=facts.project_name, session_date=facts.date,
        start_time=facts.start, end_time=facts.end, breaches=tuple(breaches))

