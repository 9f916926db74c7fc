"""Property: whatever the input, applied auto-fill breaks no rule; applying twice is a no-op."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, select

from upw_ttg.domain.codes import (
    Gender,
    GenderCategory,
    OrderType,
    PatternFrequency,
    PlacementPreference,
    Role,
)
from upw_ttg.domain.placement import lone_woman, person_breaches
from upw_ttg.services.upw.facts import (
    load_bookings,
    load_occupants,
    load_people,
    load_sessions,
)
from upw_ttg.storage.models import (
    Appointment,
    AssessmentCommitment,
    KeepApart,
    OrderExtension,
    Person,
    Project,
    ProjectTag,
    SessionPickup,
    SessionSupervisor,
    Staff,
    UpwAssessment,
    UpwOrder,
    UpwSession,
)

MONDAY = dt.date(2026, 11, 30)
_ids = itertools.count(1)

rarely = st.sampled_from([False, False, False, False, True])
projects = st.lists(st.fixed_dictionaries({
    "capacity": st.integers(1, 5),
    "female_only": rarely,
    "type": st.sampled_from(["group", "group", "individual", "induction"]),
    "tags": st.sets(st.sampled_from(["children_present", "vulnerable_adults_present"])),
    "gender": st.sampled_from([Gender.MALE, Gender.FEMALE, Gender.NOT_STATED]),
    "days": st.sets(st.integers(0, 6), min_size=1, max_size=3),
    "start": st.sampled_from([9, 13]),
}), min_size=1, max_size=3)
people = st.lists(st.fixed_dictionaries({
    "gender": st.sampled_from([Gender.MALE, Gender.FEMALE]),
    "identity": st.sampled_from([None, None, "Non-binary", "Trans woman"]),
    # What the rules read; the gender and identity above are only words on the record.
    "category": st.sampled_from([GenderCategory.WOMAN, GenderCategory.WOMAN, GenderCategory.MAN,
                                 GenderCategory.MAN, GenderCategory.NON_BINARY,
                                 GenderCategory.UNCONFIRMED]),
    "female_only": st.booleans(),
    "assessed": st.sampled_from([True, True, True, True, False]),
    "risk_children": rarely,
    "no_female_supervisor": rarely,
    "close_supervision": rarely,
    "interpreter": rarely,
    "availability": st.sampled_from(["Y" * 21, "Y" * 21, "YYN" * 7, "N" * 12 + "Y" * 9]),
    "intensive": st.sampled_from([0, 0, 7, 21]),
    "sentenced_days_ago": st.sampled_from([2, 30, 30, 400]),
    "booked": st.lists(st.integers(0, 20), max_size=2),
}), min_size=1, max_size=9)
pairs = st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8)), max_size=3)


def _reset(session) -> None:
    for model in (Appointment, SessionPickup, SessionSupervisor, UpwSession, ProjectTag, Project,
                  AssessmentCommitment, UpwAssessment, OrderExtension, UpwOrder, KeepApart,
                  Person):
        session.execute(delete(model))


def _build(app, office_id: int, project_specs, people_specs, apart) -> None:
    today = dt.date(2026, 11, 26)
    with app.db.write() as session:
        _reset(session)
        sessions = []
        for spec in project_specs:
            n = next(_ids)
            lead = Staff(username=f"hyp{n}", full_name=f"Sup {n}", role=Role.SUPERVISOR,
                         gender=spec["gender"], password_hash="x")
            session.add(lead)
            session.flush()
            project = Project(
                code=f"H{n}", name=f"Project {n}", project_type=spec["type"],
                office_id=office_id, beneficiary="B", site_address="S",
                frequency=PatternFrequency.WEEKLY,
                weekdays="".join(str(d + 1) for d in sorted(spec["days"])),
                start_time=dt.time(spec["start"]), end_time=dt.time(spec["start"] + 4),
                available_from=dt.date(2026, 1, 1), capacity=spec["capacity"],
                female_only=spec["female_only"], break_minutes=30)
            session.add(project)
            session.flush()
            session.add_all(ProjectTag(project_id=project.id, tag=t) for t in spec["tags"])
            for day in sorted(spec["days"]):
                row = UpwSession(project_id=project.id, session_date=MONDAY + dt.timedelta(day),
                                 start_time=project.start_time, end_time=project.end_time,
                                 supervisor_id=lead.id, female_only=spec["female_only"])
                session.add(row)
                sessions.append(row)
        session.flush()
        persons = []
        for spec in people_specs:
            n = next(_ids)
            person = Person(crn=f"H{n:06d}", forename="Hyp", surname=f"P{n}",
                            date_of_birth=dt.date(1990, 1, 1), gender=spec["gender"],
                            gender_identity=spec["identity"],
                            gender_category=spec["category"], office_id=office_id,
                            interpreter_needed=spec["interpreter"], search_surname=f"p{n}",
                            search_forename="hyp")
            session.add(person)
            session.flush()
            sentenced = today - dt.timedelta(days=spec["sentenced_days_ago"])
            order = UpwOrder(person_id=person.id, court="C", sentence_date=sentenced,
                             order_type=OrderType.COMMUNITY_ORDER, hours_ordered=100,
                             deadline=sentenced + dt.timedelta(days=365))
            session.add(order)
            session.flush()
            chose = spec["female_only"] and spec["category"] != GenderCategory.MAN
            session.add(UpwAssessment(
                person_id=person.id, order_id=order.id,
                completed_on=today if spec["assessed"] else None,
                availability=spec["availability"], intensive_extra_hours=spec["intensive"],
                placement_preference=PlacementPreference.FEMALE_ONLY_GROUP if chose else None,
                risk_to_children=spec["risk_children"],
                no_female_supervisor=spec["no_female_supervisor"],
                close_supervision=spec["close_supervision"]))
            persons.append((person, order))
            for k in spec["booked"]:  # places already on record, valid or not
                target = sessions[k % len(sessions)]
                if not any(a.session_id == target.id for a in session.new
                           if isinstance(a, Appointment) and a.person_id == person.id):
                    session.add(Appointment(person_id=person.id, order_id=order.id,
                                            session_id=target.id))
        for a, b in apart:
            if a < len(persons) and b < len(persons) and a != b:
                low, high = sorted((persons[a][0].id, persons[b][0].id))
                if session.scalar(select(func.count()).select_from(KeepApart).where(
                        KeepApart.person_a_id == low, KeepApart.person_b_id == high)) == 0:
                    session.add(KeepApart(person_a_id=low, person_b_id=high, detail="r",
                                          recorded_on=today))
                    session.flush()


def _check_applied(app, created_before: set[int]) -> None:
    """Every place auto-fill added breaks no rule in the state it left."""
    with app.db.read() as session:
        rows = session.execute(select(Appointment.id, Appointment.order_id,
                                      Appointment.session_id, Appointment.travels_by_van)).all()
        new = [r for r in rows if r.id not in created_before]
        sessions, _ = load_sessions(session, session_ids={r.session_id for r in rows})
        occupants = load_occupants(session, list(sessions))
        facts, _ = load_people(session, order_ids={r.order_id for r in new})
        bookings = load_bookings(session, {f.person_id for f in facts.values()}, MONDAY,
                                 MONDAY + dt.timedelta(days=6))
        before_women = {}
        for sid in sessions:
            on = occupants.get(sid, [])
            before_women[sid] = sum(1 for aid, o in on if o.is_woman and aid in created_before)
        for r in new:
            person = facts[r.order_id]
            others = [o for _, o in occupants[r.session_id] if o.person_id != person.person_id]
            mine = [b for b in bookings[person.person_id] if b.session_id != r.session_id]
            breaches = person_breaches(person, sessions[r.session_id], others, mine,
                                       travels_by_van=r.travels_by_van,
                                       today=dt.date(2026, 11, 26))
            assert breaches == [], breaches
        for sid in {r.session_id for r in new}:
            women = sum(1 for _, o in occupants[sid] if o.is_woman)
            assert lone_woman(sessions[sid], before_women[sid], women, adding=True) is None
        for r in new:  # a soft rule, which auto-fill never overrides
            if facts[r.order_id].non_binary and sessions[r.session_id].is_group:
                assert sum(1 for _, o in occupants[r.session_id] if o.non_binary) > 1


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(project_specs=projects, people_specs=people, apart=pairs)
def test_an_applied_proposal_breaks_no_rule_and_applying_twice_changes_nothing(
        upw, app, project_specs, people_specs, apart):
    _build(app, upw.office, project_specs, people_specs, apart)
    with app.db.read() as session:
        before = set(session.scalars(select(Appointment.id)))
    proposal = upw.svc.autofill.propose(MONDAY, upw.unit)
    event(f"placements: {min(len(proposal.placements), 4)}")
    first = upw.svc.autofill.apply(proposal)
    assert first.refused == ()  # nothing changed in between, so nothing is refused
    assert first.created == len(proposal.placements)
    _check_applied(app, before)
    with app.db.read() as session:
        after = session.execute(select(Appointment.id, Appointment.session_id,
                                       Appointment.person_id)).all()
    second = upw.svc.autofill.apply(proposal)
    assert (second.created, second.already_there) == (0, len(proposal.placements))
    with app.db.read() as session:
        assert session.execute(select(Appointment.id, Appointment.session_id,
                                      Appointment.person_id)).all() == after
