"""One batch of adds, removals and moves: locked, checked by the rule engine, then written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import AuditAction
from upw_ttg.domain.placement import Breach, PersonFacts, Rule, SessionFacts
from upw_ttg.domain.placement_board import Board
from upw_ttg.domain.validation import clean, require_complete, text_problem
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.upw import AppointmentRow, PlacementRequest
from upw_ttg.services import audit
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.upw.common import PlacementRefused, chunks, lock_rows
from upw_ttg.services.upw.facts import (
    SessionExtra,
    active_appointment,
    load_bookings,
    load_occupants,
    load_people,
    load_sessions,
)
from upw_ttg.services.upw.recheck import recheck_bookings
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import Appointment, Person, UpwOrder, UpwSession


@dataclass
class Outcome:
    created: list[AppointmentRow] = field(default_factory=list)
    moved: list[AppointmentRow] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    refused: list[tuple[PlacementRequest, tuple[Breach, ...]]] = field(default_factory=list)
    already_there: int = 0


def appointment_row(row: Appointment) -> AppointmentRow:
    return AppointmentRow(row.id, row.person_id, row.order_id, row.session_id,
                          row.session_pickup_id, row.travels_by_van, row.override_reason,
                          row.outcome_code, row.version)


@dataclass
class _Planned:
    request: PlacementRequest
    person: PersonFacts
    travels_by_van: bool
    override_reason: str | None
    overridden: tuple[str, ...]
    appointment: Appointment | None = None  # set for a move


def run_changes(session: Session, ctx: ServiceContext, *,
                adds: Sequence[PlacementRequest] = (), removes: Sequence[int] = (),
                moves: Sequence[tuple[int, PlacementRequest]] = (),
                versions: dict[int, int] | None = None, strict: bool = True,
                skip_existing: bool = False, dry_run: bool = False) -> Outcome:
    """Apply a batch in the open unit of work ``session``.

    ``strict``: any broken rule refuses the whole batch (PlacementRefused). Otherwise (auto-fill)
    refused adds are skipped and reported. ``skip_existing`` counts an add for someone already
    on that session as done, so applying a proposal twice changes nothing. ``dry_run`` judges
    the batch exactly as it would be judged, then writes nothing (a screen's preview).
    """
    require_complete(adds, [request for _, request in moves])
    out = Outcome()
    if not (adds or removes or moves):
        return out
    moving = {appointment_id for appointment_id, _ in moves}
    touched_ids = set(removes) | moving
    appointments: dict[int, Appointment] = {}
    for batch in chunks(sorted(touched_ids)):
        for row in session.scalars(select(Appointment).where(Appointment.id.in_(batch))
                                   .order_by(Appointment.id).with_for_update()):
            appointments[row.id] = row
    if touched_ids - set(appointments):
        raise NotFoundError("That place is no longer on record; someone may have removed it.")
    for appointment_id, expected in (versions or {}).items():
        check_version(session, appointments[appointment_id], expected, "place")
    session_ids = ({r.session_id for r in adds} | {r.session_id for _, r in moves}
                   | {a.session_id for a in appointments.values()})
    order_ids = {r.order_id for r in adds} | {appointments[a].order_id for a in moving}
    lock_rows(session, UpwSession, session_ids)
    person_of = _persons_of(session, order_ids)
    lock_rows(session, Person, set(person_of.values()) |
              {a.person_id for a in appointments.values()})
    sessions, extras = load_sessions(session, session_ids=session_ids)
    if session_ids - set(sessions):
        raise NotFoundError("That session is no longer on record.")
    people, _ = load_people(session, order_ids=order_ids)
    if order_ids - set(people):
        raise NotFoundError("That order is no longer on record.")
    occupants = load_occupants(session, session_ids)
    days = [f.date for f in sessions.values()]
    bookings = load_bookings(session, {p.person_id for p in people.values()}, min(days),
                             max(days))
    inactive = _inactive_pairs(session, session_ids)
    board = Board(sessions, {sid: [o for _, o in rows] for sid, rows in occupants.items()},
                  bookings, ctx.today())
    problems: list[Breach] = []
    for appointment_id in sorted(touched_ids):
        row = appointments[appointment_id]
        problems += _removal_problems(row, sessions[row.session_id], ctx)
        board.remove(row.session_id, row.person_id)
    if problems:
        raise PlacementRefused(problems)
    many = len(adds) + len(moves) > 1
    planned: list[_Planned] = []
    targets = [(r, None) for r in adds] + [(r, appointments[a]) for a, r in moves]
    for request, moved in targets:
        order_id = moved.order_id if moved is not None else request.order_id
        person = people[order_id]
        if skip_existing and moved is None and board.has(request.session_id, person.person_id):
            out.already_there += 1
            continue
        by_van = _checked_travel(request, extras[request.session_id])
        breaches = board.check_add(person, request.session_id, travels_by_van=by_van)
        if (person.person_id, request.session_id) in inactive:
            breaches.append(Breach(Rule.ALREADY_BOOKED, True, f"{person.name} already has a "
                                   "record on this session (absent or rescheduled)."))
        if moved is not None and moved.session_id == request.session_id:
            breaches.append(Breach(Rule.ALREADY_BOOKED, True, "That is the session they are "
                                   "already on."))
        reason = clean(request.override_reason)
        soft = tuple(b.message for b in breaches if not b.hard)
        refused = any(b.hard for b in breaches) or (soft and not reason)
        if refused:
            label = f"{person.name}, {sessions[request.session_id].label}: " if many else ""
            tagged = tuple(Breach(b.rule, b.hard, label + b.message) for b in breaches)
            if strict:
                # Judge rule UPW-3 as if the batch went ahead, so it is not blamed on this refusal.
                problems += tagged
                board.add(person, request.session_id, travels_by_van=by_van)
            else:
                out.refused.append((request, tagged))
            continue
        if soft:
            problem = text_problem("reason", reason, max_length=400)
            if problem:
                raise ValidationError({"override_reason": problem})
        board.add(person, request.session_id, travels_by_van=by_van)
        planned.append(_Planned(request, person, by_van, reason if soft else None, soft, moved))
    _judge_lone_non_binary(board, planned, problems, out, strict)
    composition = board.composition()
    if strict and (problems or composition):
        problems += composition.values()
        raise PlacementRefused(problems, needs_reason=all(not b.hard for b in problems))
    while composition:
        # Auto-fill: drop the adds that would leave a woman alone; dropping only ever empties
        # a group of women, so this settles.
        for sid, breach in composition.items():
            for item in [p for p in planned if p.request.session_id == sid]:
                planned.remove(item)
                board.remove(sid, item.person.person_id)
                out.refused.append((item.request, (breach,)))
        composition = {sid: b for sid, b in board.composition().items()
                       if any(p.request.session_id == sid for p in planned)}
    if not dry_run:
        _write(session, ctx, appointments, removes, planned, out)
        # Clear what the change mends on these sessions; soft rules overridden now stay
        # accepted.
        recheck_bookings(session, ctx, session_ids=session_ids,
                         accept={r.id: r.override_reason for r in out.created + out.moved
                                 if r.override_reason})
    return out


def _judge_lone_non_binary(board: Board, planned: list[_Planned], problems: list[Breach],
                           out: Outcome, strict: bool) -> None:
    """The soft rule for a non-binary person left the only one in a group, judged on the whole
    batch: going ahead needs the request's reason; auto-fill never overrides, so it drops them."""
    for (sid, person_id), breach in board.lone_non_binary().items():
        item = next((p for p in planned if p.request.session_id == sid
                     and p.person.person_id == person_id), None)
        reason = clean(item.request.override_reason) if item is not None else None
        if item is not None and reason:
            problem = text_problem("reason", reason, max_length=400)
            if problem:
                raise ValidationError({"override_reason": problem})
            item.override_reason = reason
            item.overridden = (*item.overridden, breach.message)
        elif strict:
            problems.append(breach)
        elif item is not None:
            planned.remove(item)
            board.remove(sid, person_id)
            out.refused.append((item.request, (breach,)))


def _persons_of(session: Session, order_ids: set[int]) -> dict[int, int]:
    out: dict[int, int] = {}
    for batch in chunks(sorted(order_ids)):
        out.update(dict(session.execute(select(UpwOrder.id, UpwOrder.person_id)
                                        .where(UpwOrder.id.in_(batch))).all()))
    return out


def _inactive_pairs(session: Session, session_ids: set[int]) -> set[tuple[int, int]]:
    """(person, session) pairs already taken by an absence or reschedule record."""
    out: set[tuple[int, int]] = set()
    for batch in chunks(sorted(session_ids)):
        out.update(session.execute(select(Appointment.person_id, Appointment.session_id)
                                   .where(Appointment.session_id.in_(batch),
                                          ~active_appointment())).all())
    return out


def _removal_problems(row: Appointment, facts: SessionFacts, ctx: ServiceContext
                      ) -> list[Breach]:
    if row.outcome_code is not None:
        return [Breach(Rule.SESSION_NOT_OPEN, True, "This place already has an outcome "
                       f"({row.outcome_code}); it cannot be taken off the session.")]
    if facts.date < ctx.today():
        return [Breach(Rule.SESSION_NOT_OPEN, True, f"{facts.label} has already taken place: "
                       "record an outcome instead.")]
    return []


def _checked_travel(request: PlacementRequest, extra: SessionExtra) -> bool:
    """Whether the person travels by van; a pick-up point means they do."""
    if request.session_pickup_id is None:
        if request.travels_by_van:
            raise ValidationError({"session_pickup_id": "Choose the pick-up point for someone "
                                                        "travelling by van."})
        return False
    if request.session_pickup_id not in {p[0] for p in extra.pickups}:
        raise ValidationError({"session_pickup_id": "That pick-up point is not on this "
                                                    "session."})
    return True


def _write(session: Session, ctx: ServiceContext, appointments: dict[int, Appointment],
           removes: Sequence[int], planned: list[_Planned], out: Outcome) -> None:
    for appointment_id in removes:
        row = appointments[appointment_id]
        audit.record(session, ctx, AuditAction.DELETE, "appointment", row.id,
                     before=audit.snapshot(row))
        session.delete(row)
        out.removed.append(appointment_id)
    session.flush()
    created: list[tuple[_Planned, Appointment]] = []
    for item in planned:
        request = item.request
        if item.appointment is not None:
            row = item.appointment
            before = audit.snapshot(row)
            row.session_id = request.session_id
            row.session_pickup_id = request.session_pickup_id
            row.travels_by_van = item.travels_by_van
            row.override_reason = item.override_reason
            row.updated_by_id = ctx.actor_id
            flush_versioned(session, row, "place", ctx.db)
            after = audit.snapshot(row)
            if item.overridden:
                after["overridden_rules"] = list(item.overridden)
            audit.record(session, ctx, AuditAction.UPDATE, "appointment", row.id,
                         before=before, after=after)
            out.moved.append(appointment_row(row))
            continue
        row = Appointment(person_id=item.person.person_id, order_id=item.person.order_id,
                          session_id=request.session_id,
                          session_pickup_id=request.session_pickup_id,
                          travels_by_van=item.travels_by_van,
                          override_reason=item.override_reason, updated_by_id=ctx.actor_id)
        session.add(row)
        created.append((item, row))
    session.flush()
    for item, row in created:
        after = audit.snapshot(row)
        if item.overridden:
            after["overridden_rules"] = list(item.overridden)
        audit.record(session, ctx, AuditAction.CREATE, "appointment", row.id, after=after)
        out.created.append(appointment_row(row))
