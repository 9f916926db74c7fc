"""Rules UPW-3 and UPW-5 under any sequence of adds, removals, moves, stand-downs, gender-category
edits and keep-apart pairs recorded and ended, through the services the screens use."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import delete, select, update

from upw_ttg.domain.codes import GenderCategory, KeepApartKind, Role, SessionStatus
from upw_ttg.domain.placement import is_woman
from upw_ttg.errors import ValidationError
from upw_ttg.records.upw import PlacementRequest, StandDownReason
from upw_ttg.services.upw import PlacementRefused
from upw_ttg.services.upw.facts import active_appointment
from upw_ttg.storage.models import Appointment, KeepApart, Person, UpwSession

SESSIONS = 3
people = st.integers(0, 6)
sessions = st.integers(0, SESSIONS - 1)


CATEGORIES = (GenderCategory.WOMAN, GenderCategory.MAN, GenderCategory.NON_BINARY,
              GenderCategory.NOT_STATED)


def test_never_one_woman_alone_whatever_the_sequence(upw, app, add_staff):
    pool = [upw.woman() for _ in range(4)] + [upw.man() for _ in range(3)]
    pool_people = [app.orders.get(o).person_id for o in pool]
    first_categories = {p: app.people.get(p).gender_category for p in pool_people}
    placement = upw.svc.placement
    keep_apart = upw.svc.keep_apart
    app.ctx.actor = add_staff("coordinator", Role.COORDINATOR)

    class LoneWoman(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            # Two sessions on one day (so moves and overlaps meet) and one the next day.
            days = [upw.MONDAY, upw.MONDAY, upw.MONDAY + dt.timedelta(days=1)]
            self.sessions = [upw.session(day, capacity=5,
                                         start_time=dt.time(9 + 5 * (i == 1)),
                                         end_time=dt.time(13 + 5 * (i == 1)))
                             for i, day in enumerate(days)]
            # Sessions a change of fact (a category edit, a pair recorded) left breaking rule UPW-3
            # or 5, as the service reported them; placing must never add to them.
            self.breached: set[int] = set()

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

        @rule(person=people, category=st.sampled_from(CATEGORIES))
        def edit_gender_category(self, person, category):
            person_id = pool_people[person]
            record = app.people.get(person_id)
            app.people.set_gender_category(person_id, category, version=record.version)
            event(f"category {category.value}")
            # The edit is never refused; the sessions it breaks are known to be broken.
            self.breached |= self._broken()

        @rule(pair=st.sampled_from(list(itertools.combinations(range(7), 2))),
              kind=st.sampled_from(list(KeepApartKind)))
        def add_keep_apart(self, pair, kind):
            a, b = (pool_people[i] for i in pair)
            expected = {sid for sid, people in self._on().items() if {a, b} <= people}
            try:
                result = keep_apart.record(a, b, kind, "Detail for the test")
            except ValidationError:
                event("pair already recorded")
                return
            reported = {x.session_id for x in result.broken}
            assert reported == expected, "recording a pair must list every booking it breaks"
            self.breached |= reported
            event(f"pair recorded, breaking {len(reported)}")

        @rule(person=people, pick=st.integers(0, 9))
        def end_keep_apart(self, person, pick):
            current = keep_apart.pairs_for(pool_people[person], include_ended=False)
            if current:
                pair = current[pick % len(current)]
                keep_apart.end(pair.id, reason="Court order ended", version=pair.version)
                event("pair ended")

        def _on(self) -> dict[int, set[int]]:
            """Who holds a place on each planned session."""
            with app.db.read() as s:
                rows = s.execute(
                    select(Appointment.session_id, Appointment.person_id)
                    .join(UpwSession, UpwSession.id == Appointment.session_id)
                    .where(Appointment.session_id.in_(self.sessions), active_appointment(),
                           UpwSession.status == SessionStatus.PLANNED)).all()
            out: dict[int, set[int]] = {sid: set() for sid in self.sessions}
            for sid, person_id in rows:
                out[sid].add(person_id)
            return out

        def _broken(self) -> set[int]:
            """Sessions breaking rule UPW-3 (by the category) or rule UPW-5 (by current pairs)."""
            on = self._on()
            with app.db.read() as s:
                category = dict(s.execute(select(Person.id, Person.gender_category)
                                          .where(Person.id.in_(pool_people))).all())
                pairs = s.execute(select(KeepApart.person_a_id, KeepApart.person_b_id)
                                  .where(KeepApart.ended_on.is_(None))).all()
            broken = set()
            for sid, people_on in on.items():
                women = sum(1 for p in people_on if is_woman(category[p]))
                if women == 1 or any({a, b} <= people_on for a, b in pairs):
                    broken.add(sid)
            return broken

        @invariant()
        def no_future_booking_breaks_rule_3_or_5_unless_known(self):
            broken = self._broken()
            unexplained = broken - self.breached
            assert not unexplained, f"sessions {sorted(unexplained)} break rule UPW-3 or 5"
            # A session put right is watched again from now on.
            self.breached &= broken

        def teardown(self):
            with app.db.write() as s:  # free the pool for the next run
                s.execute(delete(Appointment).where(Appointment.person_id.in_(pool_people)))
                s.execute(delete(KeepApart).where(KeepApart.person_a_id.in_(pool_people)))
                for person_id, category in first_categories.items():
                    s.execute(update(Person).where(Person.id == person_id)
                              .values(gender_category=category))

    run_state_machine_as_test(LoneWoman, settings=settings(
        max_examples=12, stateful_step_count=25, deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]))
