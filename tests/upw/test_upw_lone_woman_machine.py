"""Rule 3 under any sequence of adds, removals, moves and stand-downs, through the services."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import delete, select

from upw_ttg.domain.codes import SessionStatus
from upw_ttg.domain.placement import is_woman
from upw_ttg.domain.upw_records import PlacementRequest, StandDownReason
from upw_ttg.services.upw import PlacementRefused
from upw_ttg.services.upw.facts import active_appointment
from upw_ttg.storage.models import Appointment, Person, UpwSession

SESSIONS = 3
people = st.integers(0, 6)
sessions = st.integers(0, SESSIONS - 1)


def test_never_one_woman_alone_whatever_the_sequence(upw, app):
    pool = [upw.woman() for _ in range(4)] + [upw.man() for _ in range(3)]
    pool_people = [app.orders.get(o).person_id for o in pool]
    placement = upw.svc.placement

    class LoneWoman(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            # Two sessions on one day (so moves and overlaps meet) and one the next day.
            days = [upw.MONDAY, upw.MONDAY, upw.MONDAY + dt.timedelta(days=1)]
            self.sessions = [upw.session(day, capacity=5,
                                         start_time=dt.time(9 + 5 * (i == 1)),
                                         end_time=dt.time(13 + 5 * (i == 1)))
                             for i, day in enumerate(days)]

        @rule(person=people, session=sessions)
        def add(self, person, session):
            try:
                placement.place(pool[person], self.sessions[session])
                event("added one")
            except PlacementRefused as exc:
                event(f"add refused: {sorted(b.rule.value for b in exc.breaches)[0]}")

        @rule(man=st.integers(4, 6), session=sessions)
        def add_man(self, man, session):
            self.add(man, session)

        @rule(pair=st.sampled_from(list(itertools.combinations(range(4), 2))),
              session=sessions)
        def add_two_women(self, pair, session):
            a, b = pair
            try:
                placement.place_many([PlacementRequest(pool[a], self.sessions[session]),
                                      PlacementRequest(pool[b], self.sessions[session])])
                event("added two women")
            except PlacementRefused as exc:
                event(f"pair refused: {sorted(b.rule.value for b in exc.breaches)[0]}")

        def _places(self, session: int) -> list[int]:
            with app.db.read() as s:
                return list(s.scalars(select(Appointment.id).where(
                    Appointment.session_id == self.sessions[session], active_appointment())
                    .order_by(Appointment.id)))

        def _picked(self, session: int, pick: int, other: int, both: bool) -> list[int]:
            """One or two of the places on a session, chosen by index."""
            ids = self._places(session)
            if not ids:
                return []
            return sorted({ids[pick % len(ids)]} | ({ids[other % len(ids)]} if both else set()))

        @rule(session=sessions, pick=st.integers(0, 9), other=st.integers(0, 9),
              both=st.booleans())
        def remove(self, session, pick, other, both):
            ids = self._picked(session, pick, other, both)
            if ids:
                try:
                    placement.remove_many(ids)
                    event(f"removed {len(ids)}")
                except PlacementRefused as exc:
                    event(f"remove refused: {sorted(b.rule.value for b in exc.breaches)[0]}")

        @rule(source=sessions, to=sessions, pick=st.integers(0, 9), other=st.integers(0, 9),
              both=st.booleans())
        def move(self, source, to, pick, other, both):
            ids = self._picked(source, pick, other, both)
            if ids:
                try:
                    placement.move_many([(i, PlacementRequest(0, self.sessions[to]))
                                         for i in ids])
                    event(f"moved {len(ids)}")
                except PlacementRefused as exc:
                    event(f"move refused: {sorted(b.rule.value for b in exc.breaches)[0]}")

        @rule(session=sessions, to=sessions, move=st.booleans(), dice=st.integers(0, 3))
        def stand_down(self, session, to, move, dice):
            sid = self.sessions[session]
            # Rarer than the other changes, so sessions live long enough to fill up.
            if dice or upw.svc.sessions.get(sid).status != SessionStatus.PLANNED:
                return
            ids = self._places(session)
            moves = ({i: PlacementRequest(0, self.sessions[to]) for i in ids}
                     if move and to != session else None)
            try:
                upw.svc.stand_downs.stand_down(sid, StandDownReason.WEATHER, "Storm",
                                               moves=moves)
                event("stood down" + (" with moves" if moves else ""))
            except PlacementRefused:
                event("stand-down moves refused")
                upw.svc.stand_downs.stand_down(sid, StandDownReason.WEATHER, "Storm")

        @invariant()
        def never_one_woman_alone(self):
            with app.db.read() as s:
                rows = s.execute(
                    select(Appointment.session_id, Person.gender, Person.gender_identity)
                    .join(Person, Person.id == Appointment.person_id)
                    .join(UpwSession, UpwSession.id == Appointment.session_id)
                    .where(Appointment.session_id.in_(self.sessions), active_appointment(),
                           UpwSession.status == SessionStatus.PLANNED)).all()
            for sid in self.sessions:
                women = sum(1 for r in rows if r.session_id == sid
                            and is_woman(r.gender, r.gender_identity))
                assert women != 1, f"session {sid} has one woman alone"

        def teardown(self):
            with app.db.write() as s:  # free the pool for the next run
                s.execute(delete(Appointment).where(Appointment.person_id.in_(pool_people)))

    run_state_machine_as_test(LoneWoman, settings=settings(
        max_examples=10, stateful_step_count=20, deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]))
