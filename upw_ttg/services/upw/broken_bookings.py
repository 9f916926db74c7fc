"""The "Bookings that break a rule" queue: listing, counting and resolving the re-check's finds."""

from __future__ import annotations

import builtins
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from upw_ttg.domain.codes import AuditAction, SessionStatus
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.placement import Rule
from upw_ttg.domain.placement_recheck import BreachRow, rule_title
from upw_ttg.domain.records_to_check import Listed, Subject, listed
from upw_ttg.domain.validation import clean, text_problem
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.recheck import BrokenBooking, RecheckReport
from upw_ttg.services import audit
from upw_ttg.services.access import check_case_of, mask_restricted
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.upw.changes import run_changes
from upw_ttg.services.upw.common import chunks
from upw_ttg.services.upw.recheck import recheck_bookings
from upw_ttg.storage.models import (
    Appointment,
    BookingBreach,
    Office,
    Person,
    Project,
    UpwSession,
)
from upw_ttg.storage.models.base import utc_now

# A column to read: a model's attribute or an expression such as a count.
_Column = InstrumentedAttribute[Any] | ColumnElement[Any]
_RULE_ORDER = {rule.value: i for i, rule in enumerate(Rule)}
_LISTED = (BookingBreach.appointment_id, BookingBreach.session_id, BookingBreach.rule,
           BookingBreach.hard, BookingBreach.message, BookingBreach.found_at,
           Appointment.version, Appointment.person_id, Appointment.order_id, Person.crn,
           Person.forename, Person.surname, UpwSession.session_date, UpwSession.start_time,
           UpwSession.end_time, Project.name)


def open_entries(today: dt.date, columns: Sequence[_Column] = ()) -> Select[*tuple[Any, ...]]:
    """Entries not accepted, on a future booking with no outcome, still on that session."""
    query = select(*columns) if columns else select(BookingBreach)
    return (query.select_from(BookingBreach)
            .join(Appointment, (Appointment.id == BookingBreach.appointment_id)
                  & (Appointment.session_id == BookingBreach.session_id))
            .join(UpwSession, UpwSession.id == BookingBreach.session_id)
            .join(Project, Project.id == UpwSession.project_id)
            .join(Person, Person.id == Appointment.person_id)
            .where(BookingBreach.accepted_reason.is_(None),
                   Appointment.outcome_code.is_(None),
                   UpwSession.status == SessionStatus.PLANNED,
                   UpwSession.session_date >= today))


def broken_per_session(session: Session, session_ids: Iterable[int], today: dt.date
                       ) -> dict[int, int]:
    """How many bookings on each of these sessions are in the queue (for the planner)."""
    out: dict[int, int] = {}
    for batch in chunks(sorted(set(session_ids))):
        out.update(session.execute(
            open_entries(today, (BookingBreach.session_id,
                                 func.count(func.distinct(BookingBreach.appointment_id))))
            .where(BookingBreach.session_id.in_(batch))
            .group_by(BookingBreach.session_id)).all())
    return out


class BrokenBookingsService:
    """Future bookings that break a rule since a fact changed, until a coordinator resolves
    each one: by moving it, removing it with a reason, or (soft rules only) accepting it with a
    reason. Entries leave the queue by themselves when the re-check finds them mended."""

    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    # --- reading ---------------------------------------------------------------------------
    def list(self, *, unit_id: int | None = None, person_id: int | None = None
             ) -> Listed[BrokenBooking]:
        """Every open entry for a delivery unit (or all, or one person), soonest first; a
        booking that cannot be shown is in ``to_check``."""
        self._ctx.require(Capability.READ_SCHEDULE)
        with self._ctx.db.read() as session:
            query = self._narrowed(self._open(session, _LISTED), unit_id, person_id)
            grouped: dict[int, builtins.list[Row[*tuple[Any, ...]]]] = defaultdict(list)
            for row in session.execute(query):
                grouped[row.appointment_id].append(row)
            out = listed(grouped.values(), _booking, _about)
            out.sort(key=lambda b: (b.session_date, b.start_time, b.name, b.appointment_id))
            return mask_restricted(session, self._ctx, out)

    def count(self, *, unit_id: int | None = None, person_id: int | None = None) -> int:
        """How many bookings are in the queue (one each, however many rules they break)."""
        self._ctx.require(Capability.READ_SCHEDULE)
        with self._ctx.db.read() as session:
            query = self._narrowed(self._open(session, columns=(
                func.count(func.distinct(BookingBreach.appointment_id)),)), unit_id, person_id)
            return int(session.scalar(query) or 0)

    def for_person(self, person_id: int) -> builtins.list[BrokenBooking]:
        return self.list(person_id=person_id)

    def rules_by_appointment(self, appointment_ids: Iterable[int]) -> dict[int, str]:
        """The open entries among these places, as short rule names (for lists of places)."""
        self._ctx.require(Capability.READ_SCHEDULE)

        out: dict[int, list[str]] = defaultdict(list)
        with self._ctx.db.read() as session:
            for batch in chunks(sorted(set(appointment_ids))):
                query = self._open(session).where(BookingBreach.appointment_id.in_(batch))
                for (row,) in session.execute(query):
                    out[row.appointment_id].append(rule_title(row.rule))
        return {aid: ", ".join(rules) for aid, rules in out.items()}

    def _open(self, session: Session, columns: Sequence[_Column] = ()
              ) -> Select[*tuple[Any, ...]]:
        return open_entries(self._ctx.today(), columns)

    @staticmethod
    def _narrowed(query: Select[*tuple[Any, ...]], unit_id: int | None, person_id: int | None
                  ) -> Select[*tuple[Any, ...]]:
        if unit_id is not None:
            query = query.join(Office, Office.id == Project.office_id).where(
                Office.delivery_unit_id == unit_id)
        if person_id is not None:
            query = query.where(Appointment.person_id == person_id)
        return query

    # --- resolving -------------------------------------------------------------------------
    def accept(self, appointment_id: int, reason: str, *,
               seen: Sequence[BreachRow]) -> None:
        """Keep a booking that breaks only soft rules, with a recorded reason (audited).

        ``seen`` is what the coordinator was shown; if the problems changed since, nothing is
        saved and they are asked to look again.
        """
        self._ctx.require(Capability.PLACE_PEOPLE)
        reason = clean(reason) or ""
        problem = text_problem("reason", reason or None, required=True, max_length=400)
        if problem:
            raise ValidationError({"reason": problem})
        with self._ctx.db.write() as session:
            check_case_of(session, self._ctx, Appointment, appointment_id)
            rows = [r for (r,) in session.execute(
                self._open(session).where(BookingBreach.appointment_id == appointment_id)
                .with_for_update(of=BookingBreach))]
            if not rows:
                raise NotFoundError("That booking no longer breaks a rule; the list is out of "
                                    "date.")
            if any(r.hard for r in rows):
                raise ValidationError({"reason": "This booking breaks a rule that cannot be "
                                                 "overridden: move it or remove it."})
            if {(r.rule, r.message) for r in rows} != {(b.rule.value, b.message) for b in seen}:
                raise ValidationError({"reason": "The problems with this booking changed "
                                                 "since the list was shown; look again."})
            now = utc_now()
            for row in rows:
                row.accepted_reason, row.accepted_by_id, row.accepted_at = (
                    reason, self._ctx.actor_id, now)
            audit.record(session, self._ctx, AuditAction.UPDATE, "appointment", appointment_id,
                         before={"overridden_rules": None},
                         after={"overridden_rules": [r.message for r in rows],
                                "override_reason": reason})

    def remove(self, appointment_id: int, reason: str, *, version: int | None = None) -> None:
        """Take the place off its session, with the reason (audited); the rule engine still
        judges the removal (rule UPW-3)."""
        self._ctx.require(Capability.PLACE_PEOPLE)
        reason = clean(reason) or ""
        problem = text_problem("reason", reason or None, required=True, max_length=400)
        if problem:
            raise ValidationError({"reason": problem})
        with self._ctx.db.write() as session:
            check_case_of(session, self._ctx, Appointment, appointment_id)
            rules = sorted(session.scalars(select(BookingBreach.rule).where(
                BookingBreach.appointment_id == appointment_id)))
            run_changes(session, self._ctx, removes=[appointment_id],
                        versions={appointment_id: version} if version is not None else None)
            audit.record(session, self._ctx, AuditAction.DELETE, "booking_breach",
                         appointment_id, before={"broken_rules": rules,
                                                 "removal_reason": reason})

    def recheck_all(self) -> RecheckReport:
        """Judge every future booking again (after an import, or to be sure)."""
        self._ctx.require(Capability.EDIT_SCHEDULE)
        with self._ctx.db.write() as session:
            return recheck_bookings(session, self._ctx, everything=True)


def _about(rows: list[Row[*tuple[Any, ...]]]) -> Subject:
    first = rows[0]
    return Subject(first.crn, f"{first.forename} {first.surname}", f"booking on {first.name}",
                   {"session date": first.session_date}, first.person_id)


def _booking(rows: list[Row[*tuple[Any, ...]]]) -> BrokenBooking:
    first = rows[0]
    breaches = tuple(BreachRow(Rule(r.rule), r.hard, r.message)
                     for r in sorted(rows, key=lambda r: (not r.hard,
                                                          _RULE_ORDER.get(r.rule, 99))))
    return BrokenBooking(
        appointment_id=first.appointment_id, appointment_version=first.version,
        person_id=first.person_id, order_id=first.order_id, crn=first.crn,
        name=f"{first.forename} {first.surname}", session_id=first.session_id,
        project_name=first.name, session_date=first.session_date,
        start_time=first.start_time, end_time=first.end_time, breaches=breaches,
        found_at=min(r.found_at for r in rows))
