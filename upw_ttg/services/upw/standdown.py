"""Standing a session down (rule UPW-23): AASD for all, who to tell, offers, warrants flagged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import AuditAction, SessionStatus, WarrantStatus
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.placement import check_placement
from upw_ttg.domain.texts import MessageKind
from upw_ttg.domain.validation import clean, text_problem
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.upw import (
    STAND_DOWN_LABELS,
    PersonToTell,
    PlacementRequest,
    SessionOffer,
    StandDownReason,
    StandDownResult,
    WarrantRecord,
)
from upw_ttg.services import audit
from upw_ttg.services.access import check_case_of, mask_lists_of
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.upw.changes import run_changes
from upw_ttg.services.upw.common import STOOD_DOWN_CODE, lock_rows
from upw_ttg.services.upw.facts import (
    load_bookings,
    load_occupants,
    load_people,
    load_sessions,
)
from upw_ttg.services.upw.texts import queue_event_text
from upw_ttg.services.upw.warrants import _records as warrant_records
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import (
    Appointment,
    Person,
    PickupPoint,
    SessionPickup,
    TravelWarrant,
    UpwOrder,
    UpwSession,
)

OFFER_DAYS = 21
OFFERS_EACH = 3


class StandDownService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def stand_down(self, session_id: int, reason: StandDownReason, detail: str | None = None,
                   *, moves: Mapping[int, PlacementRequest] | None = None,
                   version: int | None = None) -> StandDownResult:
        """Stand the session down: everyone on it gets AASD with the reason.

        ``moves`` (appointment id on this session -> the session to book them on instead) are
        made in the same unit of work through the rule engine, so rule UPW-3 is re-checked on every
        session people are moved to; if any is refused, nothing is changed.
        """
        self._ctx.require(Capability.EDIT_SCHEDULE)
        text = STAND_DOWN_LABELS[StandDownReason(reason)]
        detail = clean(detail)
        if reason == StandDownReason.OTHER and not detail:
            raise ValidationError({"detail": "Say why the session is stood down."})
        problem = text_problem("detail", detail, max_length=180)
        if problem:
            raise ValidationError({"detail": problem})
        full_reason = f"{text}: {detail}" if detail else text
        with self._ctx.db.write() as session:
            lock_rows(session, UpwSession, [session_id])
            row = session.get(UpwSession, session_id)
            if row is None:
                raise NotFoundError("That session is no longer on record.")
            check_version(session, row, version, "session")
            if row.status != SessionStatus.PLANNED:
                raise ValidationError({"status": "Only a planned session can be stood down."})
            places = list(session.scalars(select(Appointment).where(
                Appointment.session_id == session_id, Appointment.outcome_code.is_(None))
                .order_by(Appointment.id)))
            unknown = set(moves or {}) - {a.id for a in places}
            if unknown:
                raise ValidationError({"moves": "Only people on this session can be moved."})
            before = audit.snapshot(row, ["status", "stood_down_reason"])
            row.status = SessionStatus.STOOD_DOWN
            row.stood_down_reason = full_reason
            row.updated_by_id = self._ctx.actor_id
            flush_versioned(session, row, "session", self._ctx.db)
            audit.record(session, self._ctx, AuditAction.UPDATE, "upw_session", session_id,
                         before=before, after=audit.snapshot(row, ["status",
                                                                   "stood_down_reason"]))
            for place in places:
                place.outcome_code = STOOD_DOWN_CODE
                place.notes = _append(place.notes, f"Stood down: {full_reason}")
                place.updated_by_id = self._ctx.actor_id
                audit.record(session, self._ctx, AuditAction.UPDATE, "appointment", place.id,
                             before={"outcome_code": None},
                             after={"outcome_code": STOOD_DOWN_CODE, "reason": full_reason})
            session.flush()
            moved = []
            if moves:
                by_id = {a.id: a for a in places}
                adds = [PlacementRequest(by_id[a].order_id, r.session_id, r.session_pickup_id,
                                         r.travels_by_van, r.override_reason)
                        for a, r in moves.items()]
                moved = run_changes(session, self._ctx, adds=adds).created
            moved_from = set(moves or {})
            for place in places:  # rule UPW-TEXTS: those not booked elsewhere are told
                if place.id not in moved_from:
                    queue_event_text(session, self._ctx, place.id, MessageKind.STOOD_DOWN)
            for booking in moved:
                queue_event_text(session, self._ctx, booking.id, MessageKind.MOVED)
            people = self._people_to_tell(session, row, places)
            warrants = _warrants_that_day(session, row, [p.person_id for p in places])
            told = tuple(PersonToTell(
                p.person_id, p.order_id, p.crn, p.name, p.phone, p.pickup_name, p.pickup_time,
                p.offers, tuple(w.serial_text for w in warrants if w.person_id == p.person_id))
                for p in people)
            # Who to tell: a restricted case the member is not named on by name and CRN only.
            return mask_lists_of(session, self._ctx, StandDownResult(
                session_id, full_reason, told, tuple(warrants), tuple(moved)))

    def offers(self, order_id: int, *, after: dt.date | None = None,
               exclude_session: int | None = None) -> tuple[SessionOffer, ...]:
        """The next sessions the person could join with no hard rule broken."""
        self._ctx.require(Capability.READ_SCHEDULE)
        with self._ctx.db.read() as session:
            check_case_of(session, self._ctx, UpwOrder, order_id)
            return self._offers(session, order_id, after or self._ctx.today(), exclude_session)

    def _people_to_tell(self, session: Session, row: UpwSession, places: list[Appointment]
                        ) -> list[PersonToTell]:
        out = []
        for place in places:
            person = session.get(Person, place.person_id)
            assert person is not None
            pickup = session.execute(
                select(PickupPoint.name, SessionPickup.pickup_time)
                .join(SessionPickup, SessionPickup.pickup_point_id == PickupPoint.id)
                .where(SessionPickup.id == place.session_pickup_id)).first() \
                if place.session_pickup_id else None
            offers = self._offers(session, place.order_id, max(row.session_date,
                                                               self._ctx.today()), row.id)
            out.append(PersonToTell(person.id, place.order_id, person.crn,
                                    f"{person.forename} {person.surname}", person.phone,
                                    pickup[0] if pickup else None,
                                    pickup[1] if pickup else None, offers, ()))
        return out

    def _offers(self, session: Session, order_id: int, after: dt.date,
                exclude_session: int | None) -> tuple[SessionOffer, ...]:
        people, extras = load_people(session, order_ids=[order_id])
        if order_id not in people:
            raise NotFoundError("That order is no longer on record.")
        person, extra = people[order_id], extras[order_id]
        last = after + dt.timedelta(days=OFFER_DAYS)
        sessions, _ = load_sessions(session, unit_id=extra.delivery_unit_id,
                                    date_from=max(after, self._ctx.today()), date_to=last)
        candidates = [s for s in sessions.values()
                      if s.open and s.session_id != exclude_session
                      and (s.date, s.start) >= (after, dt.time.min)]
        occupants = load_occupants(session, [s.session_id for s in candidates])
        bookings = load_bookings(session, [person.person_id], after, last)
        out = []
        for facts in sorted(candidates, key=lambda s: (s.office_id != person.office_id,
                                                       s.date, s.start)):
            on = [o for _, o in occupants.get(facts.session_id, [])]
            decision = check_placement(person, facts, on, bookings.get(person.person_id, []),
                                       travels_by_van=False, today=self._ctx.today())
            if decision.hard:
                continue
            out.append(SessionOffer(facts.session_id, facts.project_name, facts.date,
                                    facts.start, facts.end, facts.places - len(on),
                                    tuple(b.message for b in decision.soft)))
            if len(out) == OFFERS_EACH:
                break
        return tuple(sorted(out, key=lambda o: (o.session_date, o.start_time)))


def _append(notes: str | None, line: str) -> str:
    return f"{notes}\n{line}" if notes else line


def _warrants_that_day(session: Session, row: UpwSession, person_ids: list[int]
                       ) -> list[WarrantRecord]:
    """Issued warrants for the session, or for its people covering its date: to be flagged."""
    conditions = [TravelWarrant.status == WarrantStatus.ISSUED,
                  or_(TravelWarrant.session_id == row.id,
                      TravelWarrant.person_id.in_(person_ids or [0])
                      & (TravelWarrant.valid_from <= row.session_date)
                      & (TravelWarrant.valid_to >= row.session_date))]
    return warrant_records(session, conditions)

