"""Placing people on sessions, taking them off and moving them, all through the rule engine."""

from __future__ import annotations

from collections.abc import Sequence

from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.placement import Decision, check_placement
from upw_ttg.domain.texts import MessageKind
from upw_ttg.errors import NotFoundError
from upw_ttg.records.upw import AppointmentRow, PlacementRequest
from upw_ttg.services.access import check_case_of
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.upw.changes import run_changes
from upw_ttg.services.upw.common import PlacementRefused
from upw_ttg.services.upw.facts import load_bookings, load_occupants, load_people, load_sessions
from upw_ttg.services.upw.texts import queue_event_text
from upw_ttg.storage.models import Appointment, UpwOrder


class PlacementService:
    """Rule UPW-3 decision: a removal or move that would leave one woman alone in a mixed group is
    refused, naming the rule; the coordinator takes both women off (``remove_many``) or moves
    both (``move_many``) in one go, which the engine judges on the state after the batch."""

    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def check(self, order_id: int, session_id: int, *, travels_by_van: bool = False
              ) -> Decision:
        """What the engine says about this person joining this session on their own."""
        self._ctx.require(Capability.PLACE_PEOPLE)
        with self._ctx.db.read() as session:
            check_case_of(session, self._ctx, UpwOrder, order_id)
            sessions, _ = load_sessions(session, session_ids=[session_id])
            people, _ = load_people(session, order_ids=[order_id])
            if session_id not in sessions:
                raise NotFoundError("That session is no longer on record.")
            if order_id not in people:
                raise NotFoundError("That order is no longer on record.")
            facts, person = sessions[session_id], people[order_id]
            occupants = [o for _, o in load_occupants(session, [session_id])[session_id]]
            bookings = load_bookings(session, [person.person_id], facts.date, facts.date)
            return check_placement(person, facts, occupants, bookings[person.person_id],
                                   travels_by_van=travels_by_van, today=self._ctx.today())

    def check_many(self, requests: Sequence[PlacementRequest]) -> Decision:
        """What the engine says about these people joining together, judged exactly as
        ``place_many`` would judge them (rule UPW-3 on the resulting group); nothing is saved."""
        self._ctx.require(Capability.PLACE_PEOPLE)
        with self._ctx.db.read() as session:
            for request in requests:
                check_case_of(session, self._ctx, UpwOrder, request.order_id)
            try:
                run_changes(session, self._ctx, adds=list(requests), dry_run=True)
            except PlacementRefused as exc:
                return Decision(exc.breaches)
        return Decision()

    def place(self, order_id: int, session_id: int, *, session_pickup_id: int | None = None,
              travels_by_van: bool = False, override_reason: str | None = None
              ) -> AppointmentRow:
        """Book the order's person onto the session, or raise PlacementRefused with every
        broken rule. Soft rules go ahead only with ``override_reason`` (stored and audited)."""
        self._ctx.require(Capability.PLACE_PEOPLE)
        return self.place_many([PlacementRequest(order_id, session_id, session_pickup_id,
                                                 travels_by_van, override_reason)])[0]

    def place_many(self, requests: Sequence[PlacementRequest]) -> list[AppointmentRow]:
        """Book several at once, all or nothing; rule UPW-3 is judged after the whole batch."""
        self._ctx.require(Capability.PLACE_PEOPLE)
        with self._ctx.db.write() as session:
            for request in requests:
                check_case_of(session, self._ctx, UpwOrder, request.order_id)
            created = run_changes(session, self._ctx, adds=list(requests)).created
            for row in created:  # rule UPW-TEXTS
                queue_event_text(session, self._ctx, row.id, MessageKind.BOOKED)
            return created

    def remove(self, appointment_id: int, *, version: int | None = None) -> None:
        self._ctx.require(Capability.PLACE_PEOPLE)
        self.remove_many([appointment_id], versions={appointment_id: version}
                         if version is not None else None)

    def remove_many(self, appointment_ids: Sequence[int], *,
                    versions: dict[int, int] | None = None) -> None:
        """Take places off, all or nothing; only places with no outcome on future sessions."""
        self._ctx.require(Capability.PLACE_PEOPLE)
        with self._ctx.db.write() as session:
            for appointment_id in appointment_ids:
                check_case_of(session, self._ctx, Appointment, appointment_id)
            run_changes(session, self._ctx, removes=list(appointment_ids), versions=versions)

    def move(self, appointment_id: int, to_session_id: int, *,
             session_pickup_id: int | None = None, travels_by_van: bool = False,
             override_reason: str | None = None, version: int | None = None) -> AppointmentRow:
        """Move a place to another session; both sessions are checked in one unit of work."""
        self._ctx.require(Capability.PLACE_PEOPLE)
        request = PlacementRequest(0, to_session_id, session_pickup_id, travels_by_van,
                                   override_reason)
        return self.move_many([(appointment_id, request)],
                              versions={appointment_id: version} if version else None)[0]

    def move_many(self, moves: Sequence[tuple[int, PlacementRequest]], *,
                  versions: dict[int, int] | None = None) -> list[AppointmentRow]:
        """Move several places at once (``PlacementRequest.order_id`` is ignored)."""
        self._ctx.require(Capability.PLACE_PEOPLE)
        with self._ctx.db.write() as session:
            for appointment_id, _request in moves:
                check_case_of(session, self._ctx, Appointment, appointment_id)
            moved = run_changes(session, self._ctx, moves=list(moves), versions=versions).moved
            for row in moved:  # rule UPW-TEXTS
                queue_event_text(session, self._ctx, row.id, MessageKind.MOVED)
            return moved
