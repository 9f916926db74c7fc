"""Rule UPW-24 under any sequence of bookings and fact changes: nothing stays broken silently."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import delete, select, update

from upw_ttg.domain.codes import Gender, GenderCategory, KeepApartKind, SessionStatus
from upw_ttg.domain.placement import Rule, lone_woman, person_breaches
from upw_ttg.errors import ValidationError
from upw_ttg.records.upw import PlacementRequest, StandDownReason
from upw_ttg.services.upw import PlacementRefused
from upw_ttg.services.upw.facts import (
    load_bookings,
    load_occupants,
    load_people,
    load_sessions,
)
from upw_ttg.storage.models import (
    Appointment,
    KeepApart,
    Person,
    UpwAssessment,
    UpwSession,
)

SESSIONS = 3
POOL = 7
people = st.integers(0, POOL - 1)
sessions = st.integers(0, SESSIONS - 1)
_COUNTED = {Rule.CAPACITY, Rule.VAN_SEATS}
_FLAGS = ("risk_to_children", "risk_to_vulnerable_adults", "no_female_supervisor")
_TAGS = ("children_present", "vulnerable_adults_present")


def hard_rules_broken(app, session_ids: list[int], today: dt.date
                      ) -> tuple[dict[int, set[Rule]], dict[int, tuple]]:
    """Straight from the engine: each future booking's broken hard rules, and for each session
    over its places (booked, places, its bookings)."""
    with app.db.read() as s:
        ids = list(s.scalars(select(UpwSession.id).where(
            UpwSession.id.in_(session_ids), UpwSession.status == SessionStatus.PLANNED,
            UpwSession.session_date >= today)))
        facts, _ = load_sessions(s, session_ids=ids)
        occupants = load_occupants(s, ids)
        rows = dict(s.execute(select(Appointment.id, Appointment.order_id).where(
            Appointment.session_id.in_(ids or [0]), Appointment.outcome_code.is_(None))).all())
        persons, _ = load_people(s, order_ids=set(rows.values()))
        bookings = load_bookings(s, {p.person_id for p in persons.values()}, today,
                                 today + dt.timedelta(days=30))
    broken: dict[int, set[Rule]] = {}
    overbooked: dict[int, tuple] = {}
    for sid, held in occupants.items():
        everyone = [o for _, o in held]
        women = sum(1 for o in everyone if o.is_woman)
        if len(everyone) > facts[sid].places:
            overbooked[sid] = (len(everyone), facts[sid].places, [a for a, _ in held])
        for aid, occupant in held:
            person = persons[rows[aid]]
            found = {b.rule for b in person_breaches(
                person, facts[sid], [o for o in everyone if o.person_id != person.person_id],
                bookings[person.person_id], travels_by_van=occupant.travels_by_van,
                today=today) if b.hard and b.rule not in _COUNTED}
            if occupant.is_woman and lone_woman(facts[sid], 0, women, adding=True):
                found.add(Rule.LONE_WOMAN)
            if found:
                broken[aid] = found
    return broken, overbooked


def test_every_broken_booking_is_queued_whatever_the_sequence(upw, app):
    pool = [upw.woman() for _ in range(4)] + [upw.man() for _ in range(3)]
    pool_people = [app.orders.get(o).person_id for o in pool]
    supervisors = [upw.supervisor(Gender.MALE), upw.supervisor(Gender.FEMALE)]
    svc = upw.svc

    class Recheck(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            days = [upw.MONDAY, upw.MONDAY, upw.MONDAY + dt.timedelta(days=1)]
            self.sessions = [upw.session(day, capacity=6,
                                         start_time=dt.time(9 + 5 * (i == 1)),
                                         end_time=dt.time(13 + 5 * (i == 1)))
                             for i, day in enumerate(days)]
            self.projects = [svc.sessions.get(s).project_id for s in self.sessions]

        @initialize()
        def book_some(self):
            """Two women and two men on the first session, two women and a man on the last, so
            every change of a fact has bookings to break from the first step."""
            svc.placement.place_many([PlacementRequest(pool[p], self.sessions[0])
                                      for p in (0, 1, 4, 5)])
            svc.placement.place_many([PlacementRequest(pool[p], self.sessions[2])
                                      for p in (2, 3, 6)])

        def _try(self, label: str, change) -> None:
            try:
                change()
                event(label)
            except PlacementRefused as exc:
                event(f"{label} refused: {exc.breaches[0].rule.value}")
            except ValidationError:
                event(f"{label} refused")

        def _places(self, session: int) -> list[int]:
            with app.db.read() as s:
                return list(s.scalars(select(Appointment.id).where(
                    Appointment.session_id == self.sessions[session],
                    Appointment.outcome_code.is_(None)).order_by(Appointment.id)))

        @rule(person=people, session=sessions)
        def place(self, person, session):
            self._try("placed", lambda: svc.placement.place(pool[person],
                                                            self.sessions[session]))

        @rule(pair=st.sampled_from(list(itertools.combinations(range(POOL), 2))),
              session=sessions)
        def place_several(self, pair, session):
            self._try("placed two", lambda: svc.placement.place_many(
                [PlacementRequest(pool[p], self.sessions[session]) for p in pair]))

        @rule(session=sessions, pick=st.integers(0, 9))
        def remove(self, session, pick):
            ids = self._places(session)
            if ids:
                self._try("removed", lambda: svc.placement.remove(ids[pick % len(ids)]))

        @rule(source=sessions, to=sessions, pick=st.integers(0, 9))
        def move(self, source, to, pick):
            ids = self._places(source)
            if ids:
                self._try("moved", lambda: svc.placement.move(ids[pick % len(ids)],
                                                              self.sessions[to]))

        @rule(session=sessions, dice=st.integers(0, 3))
        def stand_down(self, session, dice):
            sid = self.sessions[session]
            if dice or svc.sessions.get(sid).status != SessionStatus.PLANNED:
                return
            self._try("stood down", lambda: svc.stand_downs.stand_down(
                sid, StandDownReason.WEATHER, "Storm"))

        @rule(person=people, flag=st.sampled_from(_FLAGS))
        def edit_assessment(self, person, flag):
            record = svc.assessments.for_order(pool[person])
            current = getattr(record.answers, flag)
            self._try(f"{flag} {'off' if current else 'on'}", lambda: svc.assessments.update(
                record.id, dataclasses.replace(record.to_input(), **{flag: not current})))

        @rule(project=sessions, tag=st.sampled_from(_TAGS))
        def tag_site(self, project, tag):
            record = svc.projects.get_project(self.projects[project])
            tags = set(record.tags) ^ {tag}
            self._try("tagged", lambda: svc.projects.update_project(
                record.id, dataclasses.replace(record.to_input(), tags=tuple(tags))))

        @rule(session=sessions, woman=st.booleans())
        def change_supervisor(self, session, woman):
            self._try("new supervisor", lambda: svc.sessions.set_staff(
                self.sessions[session], supervisor_id=supervisors[woman]))

        @rule(project=sessions)
        def add_closure(self, project):
            self._try("closed", lambda: app.calendar.add_closure(
                upw.MONDAY, "Site flooded", project_id=self.projects[project]))

        @rule(project=sessions, capacity=st.integers(1, 6))
        def change_capacity(self, project, capacity):
            record = svc.projects.get_project(self.projects[project])
            self._try("capacity", lambda: svc.projects.update_project(
                record.id, dataclasses.replace(record.to_input(), capacity=capacity)))

        @rule(person=people)
        def edit_gender(self, person):
            """The category the rules read, changed on the person form."""
            pid = pool_people[person]
            record = app.people.get(pid)
            woman = record.gender_category != GenderCategory.WOMAN
            self._try("gender", lambda: app.people.update(pid, dataclasses.replace(
                record.to_input(), gender=Gender.FEMALE if woman else Gender.MALE,
                gender_identity=None,
                gender_category=GenderCategory.WOMAN if woman else GenderCategory.MAN)))

        @rule(pair=st.sampled_from(list(itertools.combinations(range(POOL), 2))))
        def keep_apart(self, pair):
            a, b = (pool_people[i] for i in pair)
            self._try("keep apart", lambda: svc.keep_apart.record(
                a, b, KeepApartKind.CO_DEFENDANT, "Co-accused"))

        @rule(person=people)
        def end_keep_apart(self, person):
            current = [p for p in svc.keep_apart.pairs_for(pool_people[person]) if p.current]
            if current:
                self._try("end keep apart", lambda: svc.keep_apart.end(
                    current[0].id, reason="Trial over", version=current[0].version))

        @invariant()
        def nothing_broken_silently(self):
            broken, overbooked = hard_rules_broken(app, self.sessions, app.ctx.today())
            queue = {b.appointment_id: {r.rule for r in b.breaches}
                     for b in svc.broken.list()}
            for aid, rules in broken.items():
                missing = rules - queue.get(aid, set())
                assert not missing, f"booking {aid} breaks {missing} and is not queued"
            for sid, (count, places, held) in overbooked.items():
                flagged = [a for a in held if Rule.CAPACITY in queue.get(a, set())]
                assert len(flagged) >= count - places, f"session {sid} overbooked silently"
            if queue:
                event("queue not empty")

        def teardown(self):
            """Free the pool and give it back its first facts for the next run."""
            with app.db.write() as s:
                s.execute(delete(Appointment).where(Appointment.person_id.in_(pool_people)))
                s.execute(delete(KeepApart).where(KeepApart.person_a_id.in_(pool_people)))
                for i, pid in enumerate(pool_people):
                    s.execute(update(Person).where(Person.id == pid).values(
                        gender=Gender.FEMALE if i < 4 else Gender.MALE, gender_identity=None,
                        gender_category=GenderCategory.WOMAN if i < 4 else GenderCategory.MAN))
                s.execute(update(UpwAssessment).where(
                    UpwAssessment.person_id.in_(pool_people)).values(
                    **dict.fromkeys(_FLAGS, False)))

    run_state_machine_as_test(Recheck, settings=settings(
        max_examples=5, stateful_step_count=12, deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]))
