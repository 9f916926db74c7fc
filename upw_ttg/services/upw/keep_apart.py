"""Keep-apart pairs (rule UPW-5): recorded, listed and ended from either person's record."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session, aliased

from upw_ttg.domain.codes import AuditAction, KeepApartKind, SessionStatus
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.placement import keep_apart_breach
from upw_ttg.domain.validation import clean, text_problem
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.keep_apart import BrokenBooking, KeepApartPair, KeepApartResult
from upw_ttg.services import audit
from upw_ttg.services.access import check_case, check_case_of
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.upw.common import ATTENDED_CODES, lock_rows
from upw_ttg.services.upw.facts import load_occupants, load_people, load_sessions
from upw_ttg.services.upw.recheck import recheck_bookings
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import Appointment, KeepApart, Person, Staff, UpwSession

_SENSITIVE = "(sensitive: not copied into the audit trail)"


class KeepApartService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    @property
    def can_read_detail(self) -> bool:
        """Whether the signed-in user may read a pair's detail and end reason."""
        return self._ctx.may(Capability.READ_KEEP_APART_DETAIL)

    # --- reading ---------------------------------------------------------------------------
    def pairs_for(self, person_id: int, *, include_ended: bool = True) -> list[KeepApartPair]:
        """The person's pairs, current first, then newest; each seen from this person."""
        self._ctx.require(Capability.READ_PERSON)
        with self._ctx.db.read() as session:
            check_case(session, self._ctx, person_id)
            if session.get(Person, person_id) is None:
                raise NotFoundError("That person is no longer on record.")
            query = select(KeepApart).where(or_(KeepApart.person_a_id == person_id,
                                                KeepApart.person_b_id == person_id))
            if not include_ended:
                query = query.where(KeepApart.ended_on.is_(None))
            rows = list(session.scalars(query))
            pairs = [self._pair(session, row, person_id) for row in rows]
        return sorted(pairs, key=lambda p: (not p.current, -p.recorded_on.toordinal(), -p.id))

    def preview(self, person_id: int, other_person_id: int) -> tuple[BrokenBooking, ...]:
        """The future bookings a new pair would break, before it is recorded."""
        self._ctx.require(Capability.PLACE_PEOPLE)
        with self._ctx.db.read() as session:
            check_case(session, self._ctx, other_person_id)
            check_case(session, self._ctx, person_id)
            return broken_bookings(session, self._ctx, person_id, other_person_id)

    # --- writing ---------------------------------------------------------------------------
    def record(self, person_id: int, other_person_id: int, kind: KeepApartKind,
               detail: str | None) -> KeepApartResult:
        """Record that two people must never share a session; returns the future bookings
        that now break rule UPW-5, so they can be moved or removed. Audited without the detail."""
        self._ctx.require(Capability.PLACE_PEOPLE)
        detail = clean(detail)
        errors: dict[str, str] = {}
        if person_id == other_person_id:
            errors["other_person_id"] = "Choose someone else: a person cannot be kept apart " \
                                        "from themselves."
        try:
            kind = KeepApartKind(kind)
        except ValueError:
            errors["kind"] = "Choose why they are kept apart."
        if problem := text_problem("detail", detail, max_length=500):
            errors["detail"] = problem
        elif kind == KeepApartKind.OTHER and not detail:
            errors["detail"] = "Say why they must be kept apart."
        if errors:
            raise ValidationError(errors)
        low, high = sorted((person_id, other_person_id))
        with self._ctx.db.write() as session:
            check_case(session, self._ctx, other_person_id)
            check_case(session, self._ctx, person_id)
            # Two coordinators recording the same pair at once queue here.
            lock_rows(session, Person, [low, high])
            people = {p.id: p for p in session.scalars(select(Person).where(
                Person.id.in_([low, high])))}
            if len(people) != 2:
                raise NotFoundError("That person is no longer on record.")
            current = session.scalar(select(KeepApart).where(
                KeepApart.person_a_id == low, KeepApart.person_b_id == high,
                KeepApart.ended_on.is_(None)))
            if current is not None:
                other = people[other_person_id]
                raise ValidationError({"other_person_id": f"{other.forename} {other.surname} "
                                       "is already kept apart from this person (recorded on "
                                       f"{current.recorded_on:%d/%m/%Y})."})
            row = KeepApart(person_a_id=low, person_b_id=high, kind=kind, detail=detail,
                            recorded_on=self._ctx.today(), recorded_by_id=self._ctx.actor_id,
                            updated_by_id=self._ctx.actor_id)
            session.add(row)
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, "keep_apart", row.id,
                         after=_audited(row))
            broken = broken_bookings(session, self._ctx, person_id, other_person_id)
            # Rule UPW-5 now reads this pair: their shared future sessions join the queue.
            recheck_bookings(session, self._ctx, person_ids=[low, high])
            return KeepApartResult(self._pair(session, row, person_id), broken)

    def end(self, pair_id: int, *, reason: str, version: int | None,
            person_id: int | None = None) -> KeepApartPair:
        """End a pair (e.g. the restraining order expired): it stays on record but no longer
        keeps them apart. ``person_id`` says whose record the answer is seen from."""
        self._ctx.require(Capability.PLACE_PEOPLE)
        end_reason = clean(reason)
        problem = text_problem("reason", end_reason, max_length=400)
        if problem or not end_reason:
            raise ValidationError({"end_reason": problem or "Say why the pair no longer needs "
                                                            "keeping apart."})
        with self._ctx.db.write() as session:
            check_case_of(session, self._ctx, KeepApart, pair_id, "person_b_id")
            check_case_of(session, self._ctx, KeepApart, pair_id, "person_a_id")
            row = session.get(KeepApart, pair_id)
            if row is None:
                raise NotFoundError("That keep-apart pair is no longer on record.")
            check_version(session, row, version, "keep-apart pair")
            if row.ended_on is not None:
                raise ValidationError({"end_reason": "This pair was already ended on "
                                                     f"{row.ended_on:%d/%m/%Y}."})
            before = _audited(row)
            row.ended_on = self._ctx.today()
            row.ended_by_id = self._ctx.actor_id
            row.end_reason = end_reason
            row.updated_by_id = self._ctx.actor_id
            flush_versioned(session, row, "keep-apart pair", self._ctx.db)
            audit.record(session, self._ctx, AuditAction.UPDATE, "keep_apart", row.id,
                         before=before, after=_audited(row))
            # Ending a pair can mend bookings it broke: they leave the queue.
            recheck_bookings(session, self._ctx, person_ids=[row.person_a_id, row.person_b_id])
            seen_from = person_id if person_id in (row.person_a_id, row.person_b_id) \
                else row.person_a_id
            return self._pair(session, row, seen_from)

    # --- shaping ---------------------------------------------------------------------------
    def _pair(self, session: Session, row: KeepApart, person_id: int) -> KeepApartPair:
        other_id = row.person_b_id if row.person_a_id == person_id else row.person_a_id
        other = session.get(Person, other_id)
        assert other is not None
        names = _staff_names(session, (row.recorded_by_id, row.ended_by_id))
        readable = self.can_read_detail
        hidden = bool(row.detail or row.end_reason) and not readable
        return KeepApartPair(
            row.id, person_id, other_id, f"{other.forename} {other.surname}", other.crn,
            row.kind, row.detail if readable else None, hidden, row.recorded_on,
            names.get(row.recorded_by_id) if row.recorded_by_id is not None else None,
            row.ended_on,
            names.get(row.ended_by_id) if row.ended_by_id is not None else None,
            row.end_reason if readable else None, row.version)


def _audited(row: KeepApart) -> dict[str, Any]:
    values = audit.snapshot(row, ["person_a_id", "person_b_id", "kind", "recorded_on",
                                  "recorded_by_id", "ended_on", "ended_by_id"])
    values["detail"] = _SENSITIVE if row.detail else None
    values["end_reason"] = _SENSITIVE if row.end_reason else None
    return values


def _staff_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    return dict(session.execute(select(Staff.id, Staff.full_name)
                                .where(Staff.id.in_(wanted))).all())


def broken_bookings(session: Session, ctx: ServiceContext, person_id: int,
                    other_person_id: int) -> tuple[BrokenBooking, ...]:
    """Future sessions (today on) on which both people hold a place, each judged by the rule
    engine's keep-apart rule as if the pair were already recorded."""
    mine, theirs = aliased(Appointment), aliased(Appointment)
    rows = session.execute(
        select(mine.session_id, mine.order_id)
        .join(theirs, and_(theirs.session_id == mine.session_id,
                           theirs.person_id == other_person_id))
        .join(UpwSession, UpwSession.id == mine.session_id)
        .where(mine.person_id == person_id, UpwSession.session_date >= ctx.today(),
               UpwSession.status == SessionStatus.PLANNED,
               _holds_place(mine), _holds_place(theirs))).all()
    if not rows:
        return ()
    order_of = dict(rows)
    sessions, _ = load_sessions(session, session_ids=order_of)
    people, _ = load_people(session, order_ids=set(order_of.values()))
    occupants = load_occupants(session, order_of)
    out = []
    for sid, order_id in sorted(order_of.items(), key=lambda i: (sessions[i[0]].date,
                                                                 sessions[i[0]].start, i[0])):
        facts = sessions[sid]
        person = dataclasses.replace(people[order_id],
                                     keep_apart=people[order_id].keep_apart | {other_person_id})
        others = [o for _, o in occupants[sid] if o.person_id != person_id]
        breach = keep_apart_breach(person, others)
        if breach is None:
            continue
        names = tuple(sorted({person.name} | {o.name for o in others
                                              if o.person_id == other_person_id}))
        out.append(BrokenBooking(sid, facts.date, facts.start, facts.end, facts.project_name,
                                 names, f"{facts.label}: {breach.message}"))
    return tuple(out)


def _holds_place(appointment: type[Appointment]) -> ColumnElement[bool]:
    """SQL condition: this (aliased) appointment still holds its place."""
    return or_(appointment.outcome_code.is_(None),
               appointment.outcome_code.in_(sorted(ATTENDED_CODES)))
