"""Loading the rule engine's facts in a few set-based queries: people, sessions, who is on what."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from upw_ttg.domain.codes import Gender, OrderStatus, PlacementPreference
from upw_ttg.domain.placement import (
    Booking,
    Commitment,
    Occupant,
    PersonFacts,
    SessionFacts,
    gender_facts,
    identity_not_male,
    session_places,
)
from upw_ttg.domain.upw_schedule import parse_weekdays
from upw_ttg.domain.working_days import WorkingCalendar
from upw_ttg.services.order_totals import order_totals
from upw_ttg.services.settings import read_setting
from upw_ttg.services.upw.common import ATTENDED_CODES, chunks
from upw_ttg.storage.models import (
    Appointment,
    AssessmentCommitment,
    ClosureDate,
    KeepApart,
    Office,
    Person,
    Project,
    ProjectTag,
    SessionPickup,
    SessionSupervisor,
    Staff,
    UpwAssessment,
    UpwOrder,
    UpwSession,
    Van,
)

LIVE_STATUSES = (OrderStatus.AWAITING_FIRST_SESSION, OrderStatus.ACTIVE)
_BANK_HOLIDAYS = WorkingCalendar()
# A completed assessment as choosing one reads it: id, person_id, order_id, completed_on.
_AssessmentRow = Row[int, int, int | None, dt.date | None]
# Closures by day: (office_id, project_id, reason); no office and no project is the service's.
Closures = Mapping[dt.date, list[tuple[int | None, int | None, str]]]


def active_appointment() -> ColumnElement[bool]:
    """SQL condition: the appointment still holds its place (no outcome yet, or attended).

    Written as one test of an expression, not "no outcome or an attended one": SQLite, which
    plans without statistics, answered that OR from the outcome index, reading the 240,000
    appointments holding a place at crc scale for a few hundred orders or sessions (issue 12).
    No outcome reads as "" so the condition is never NULL and its negation stays exact."""
    return func.coalesce(Appointment.outcome_code, "").in_(["", *sorted(ATTENDED_CODES)])


@dataclass
class PersonExtra:
    """Facts for planning that the rules themselves do not need."""

    crn: str
    phone: str | None
    office_id: int | None
    delivery_unit_id: int | None
    hours_ordered: int
    sentence_date: dt.date
    intensive_extra_hours: int = 0
    has_appointment: bool = False


@dataclass
class SessionExtra:
    """Per-session facts for planning: pick-up points and the project's break."""

    pickups: list[tuple[int, int, dt.time]] = field(default_factory=list)  # (id, point, time)
    break_minutes: int = 0
    delivery_unit_id: int | None = None
    project_code: str = ""


def load_people(session: Session, *, order_ids: Iterable[int] | None = None,
                unit_id: int | None = None, rules_only: bool = False,
                listing_only: bool = False
                ) -> tuple[dict[int, PersonFacts], dict[int, PersonExtra]]:
    """Facts for the given orders, or for every live order of a delivery unit (or all).

    ``rules_only`` leaves out what only planning reads (whether the order was ever booked),
    for re-checks that judge hundreds of bookings at once. ``listing_only`` also leaves out
    what only judging a place reads (commitments and people to keep apart, left empty), for
    lists that show the orders and judge no place."""
    query = (select(UpwOrder.id, UpwOrder.person_id, UpwOrder.sentence_date, UpwOrder.deadline,
                    UpwOrder.status, UpwOrder.hours_ordered, Person.forename, Person.surname,
                    Person.crn, Person.gender_category, Person.phone,
                    Person.interpreter_needed, Person.office_id, Office.delivery_unit_id)
             .join(Person, Person.id == UpwOrder.person_id)
             .outerjoin(Office, Office.id == Person.office_id))
    scope: list[int] | Select[int]
    if order_ids is not None:
        scope = sorted(set(order_ids))
        rows = [r for batch in chunks(scope)
                for r in session.execute(query.where(UpwOrder.id.in_(batch))).all()]
    else:
        live = UpwOrder.status.in_(LIVE_STATUSES)
        query = query.where(live)
        live_ids = select(UpwOrder.id).where(live)
        if unit_id is not None:
            query = query.where(Office.delivery_unit_id == unit_id)
            live_ids = (live_ids.join(Person, Person.id == UpwOrder.person_id)
                        .join(Office, Office.id == Person.office_id)
                        .where(Office.delivery_unit_id == unit_id))
        scope = live_ids
        rows = list(session.execute(query.order_by(UpwOrder.id)).all())
    if not rows:
        return {}, {}
    ids = [r.id for r in rows]
    person_ids = sorted({r.person_id for r in rows})
    # The whole unit's totals in one statement, not one per batch of ids.
    totals = order_totals(session, scope)
    booked_any = _ever_booked(session, ids) if not (rules_only or listing_only) else set()
    assessments = _assessments(session, person_ids)
    picked = {r.id: _choose_assessment(assessments.get(r.person_id, ()), r.id) for r in rows}
    details = _assessment_details(session, {a.id for a in picked.values() if a is not None})
    chosen_for = {order_id: None if a is None else details[a.id]
                  for order_id, a in picked.items()}
    commitments: dict[int, list[Commitment]] = {}
    apart: dict[int, set[int]] = {}
    if not listing_only:
        commitments = _commitments(
            session, {a.id for a in chosen_for.values() if a is not None})
        apart = _keep_apart(session, person_ids)
    facts: dict[int, PersonFacts] = {}
    extras: dict[int, PersonExtra] = {}
    for r in rows:
        total = totals[r.id]
        chosen = chosen_for[r.id]
        values = dict(
            person_id=r.person_id, order_id=r.id, name=f"{r.forename} {r.surname}",
            **gender_facts(r.gender_category), assessed=chosen is not None,
            sentence_date=r.sentence_date,
            deadline=total.deadline, order_live=r.status in LIVE_STATUSES,
            minutes_remaining=total.remaining_minutes, interpreter_needed=r.interpreter_needed,
            keep_apart=frozenset(apart.get(r.person_id, ())), office_id=r.office_id)
        intensive = 0
        if chosen is not None:
            intensive = chosen.intensive_extra_hours or 0
            choice = chosen.placement_preference == PlacementPreference.FEMALE_ONLY_GROUP
            values.update(
                female_only_choice=choice and identity_not_male(r.gender_category),
                risk_to_children=chosen.risk_to_children,
                risk_to_vulnerable_adults=chosen.risk_to_vulnerable_adults,
                no_female_supervisor=chosen.no_female_supervisor,
                no_male_supervisor=chosen.no_male_supervisor,
                close_supervision=chosen.close_supervision,
                victim_exclusion_zone=chosen.victim_exclusion_zone,
                availability=chosen.availability,
                commitments=tuple(commitments.get(chosen.id, ())),
                can_travel_independently=not (
                    chosen.public_transport_accessible is False
                    and not (chosen.driving_licence and chosen.vehicle_access)))
        facts[r.id] = PersonFacts(**values)
        extras[r.id] = PersonExtra(r.crn, r.phone, r.office_id, r.delivery_unit_id,
                                   r.hours_ordered, r.sentence_date, intensive,
                                   r.id in booked_any)
    return facts, extras


def _ever_booked(session: Session, ids: list[int]) -> set[int]:
    """The orders ever booked onto a session: one look into each order's appointments, which
    stops at the first holding a place, not every appointment of every order."""
    held = exists().where(Appointment.order_id == UpwOrder.id, active_appointment())
    booked: set[int] = set()
    for batch in chunks(ids):
        booked.update(session.scalars(select(UpwOrder.id).where(UpwOrder.id.in_(batch), held)))
    return booked


def _assessments(session: Session, person_ids: list[int]) -> dict[int, list[_AssessmentRow]]:
    """Each person's completed assessments, only what choosing one needs: reading every
    detail of every assessment costs far more than reading the chosen ones again."""
    out: dict[int, list[_AssessmentRow]] = defaultdict(list)
    for batch in chunks(person_ids):
        for row in session.execute(
                select(UpwAssessment.id, UpwAssessment.person_id, UpwAssessment.order_id,
                       UpwAssessment.completed_on)
                .where(UpwAssessment.person_id.in_(batch),
                       UpwAssessment.completed_on.is_not(None))):
            out[row.person_id].append(row)
    return out


def _assessment_details(session: Session, assessment_ids: Iterable[int]
                        ) -> dict[int, Any]:
    """What the rules read from the chosen assessments, by assessment."""
    out: dict[int, Any] = {}
    for batch in chunks(sorted(assessment_ids)):
        for row in session.execute(
                select(UpwAssessment.id, UpwAssessment.availability,
                       UpwAssessment.placement_preference, UpwAssessment.risk_to_children,
                       UpwAssessment.risk_to_vulnerable_adults,
                       UpwAssessment.no_female_supervisor, UpwAssessment.no_male_supervisor,
                       UpwAssessment.close_supervision, UpwAssessment.victim_exclusion_zone,
                       UpwAssessment.intensive_extra_hours,
                       UpwAssessment.public_transport_accessible,
                       UpwAssessment.driving_licence, UpwAssessment.vehicle_access)
                .where(UpwAssessment.id.in_(batch))):
            out[row.id] = row
    return out


def _choose_assessment(rows: Iterable[_AssessmentRow], order_id: int
                       ) -> _AssessmentRow | None:
    """The latest completed assessment for this order, or one not tied to any order."""
    fitting = [a for a in rows if a.order_id in (order_id, None)]
    return max(fitting, key=lambda a: (a.completed_on, a.id)) if fitting else None


def _commitments(session: Session, assessment_ids: Iterable[int]
                 ) -> dict[int, list[Commitment]]:
    out: dict[int, list[Commitment]] = defaultdict(list)
    c = AssessmentCommitment
    for batch in chunks(sorted(assessment_ids)):
        for row in session.execute(select(c.assessment_id, c.kind, c.weekday, c.start_time,
                                          c.end_time, c.description)
                                   .where(c.assessment_id.in_(batch))):
            out[row[0]].append(Commitment(*row[1:]))
    return out


def _keep_apart(session: Session, person_ids: list[int]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = defaultdict(set)
    for batch in chunks(person_ids):
        for a, b in session.execute(select(KeepApart.person_a_id, KeepApart.person_b_id).where(
                or_(KeepApart.person_a_id.in_(batch), KeepApart.person_b_id.in_(batch)),
                KeepApart.ended_on.is_(None))):
            out[a].add(b)
            out[b].add(a)
    return out


def load_sessions(session: Session, *, session_ids: Iterable[int] | None = None,
                  unit_id: int | None = None, date_from: dt.date | None = None,
                  date_to: dt.date | None = None) -> tuple[dict[int, SessionFacts],
                                                           dict[int, SessionExtra]]:
    """Facts for the given sessions, or for those of a delivery unit between two dates."""
    per_supervisor = int(read_setting(session, "upw.people_per_supervisor"))
    query = (select(UpwSession, Project, Office.delivery_unit_id, Staff.gender, Van.seats)
             .join(Project, Project.id == UpwSession.project_id)
             .join(Office, Office.id == Project.office_id)
             .outerjoin(Staff, Staff.id == UpwSession.supervisor_id)
             .outerjoin(Van, Van.id == UpwSession.van_id))
    if session_ids is not None:
        rows = [r for batch in chunks(sorted(set(session_ids)))
                for r in session.execute(query.where(UpwSession.id.in_(batch))).all()]
    else:
        if unit_id is not None:
            query = query.where(Office.delivery_unit_id == unit_id)
        if date_from is not None:
            query = query.where(UpwSession.session_date >= date_from)
        if date_to is not None:
            query = query.where(UpwSession.session_date <= date_to)
        rows = list(session.execute(query.order_by(
            UpwSession.session_date, UpwSession.start_time, UpwSession.id)).all())
    if not rows:
        return {}, {}
    ids = [r[0].id for r in rows]
    project_ids = sorted({r[1].id for r in rows})
    tags: dict[int, set[str]] = defaultdict(set)
    for batch in chunks(project_ids):
        for pid, tag in session.execute(select(ProjectTag.project_id, ProjectTag.tag)
                                        .where(ProjectTag.project_id.in_(batch))):
            tags[pid].add(tag)
    extra_genders: dict[int, list[Gender]] = defaultdict(list)
    pickups: dict[int, list[tuple[int, int, dt.time]]] = defaultdict(list)
    for batch in chunks(ids):
        for sid, gender in session.execute(
                select(SessionSupervisor.session_id, Staff.gender)
                .join(Staff, Staff.id == SessionSupervisor.staff_id)
                .where(SessionSupervisor.session_id.in_(batch))):
            extra_genders[sid].append(gender)
        for pickup in session.execute(
                select(SessionPickup.id, SessionPickup.session_id, SessionPickup.pickup_point_id,
                       SessionPickup.pickup_time)
                .where(SessionPickup.session_id.in_(batch))
                .order_by(SessionPickup.pickup_time, SessionPickup.id)):
            pickups[pickup.session_id].append(
                (pickup.id, pickup.pickup_point_id, pickup.pickup_time))
    days = sorted({r[0].session_date for r in rows})
    closures = closure_reasons(session, days[0], days[-1])
    facts: dict[int, SessionFacts] = {}
    extras: dict[int, SessionExtra] = {}
    for s, p, unit, lead_gender, seats in rows:
        genders = ([lead_gender] if s.supervisor_id is not None else []) + extra_genders[s.id]
        facts[s.id] = SessionFacts(
            session_id=s.id, project_id=p.id, project_name=p.name, project_type=p.project_type,
            date=s.session_date, start=s.start_time, end=s.end_time,
            places=session_places(p.capacity, len(genders), per_supervisor),
            van_seats=seats, female_only=bool(s.female_only or p.female_only),
            open=s.status.value == "planned", tags=frozenset(tags[p.id]),
            supervisor_genders=tuple(genders), weekdays=frozenset(parse_weekdays(p.weekdays)),
            frequency=p.frequency, available_from=p.available_from,
            available_to=p.available_to, project_end=p.end_date,
            closed_reason=closed_reason(closures, s.session_date, p.office_id, p.id),
            interpreter_booked=s.interpreter_booked, office_id=p.office_id)
        extras[s.id] = SessionExtra(pickups[s.id], p.break_minutes, unit, p.code)
    return facts, extras


def closure_reasons(session: Session, first: dt.date, last: dt.date
                    ) -> dict[dt.date, list[tuple[int | None, int | None, str]]]:
    """Closures between two dates: ``{day: [(office_id, project_id, reason)]}``."""
    out: dict[dt.date, list[tuple[int | None, int | None, str]]] = defaultdict(list)
    for c in session.execute(select(ClosureDate.closed_on, ClosureDate.office_id,
                                    ClosureDate.project_id, ClosureDate.reason)
                             .where(ClosureDate.closed_on.between(first, last))):
        out[c.closed_on].append((c.office_id, c.project_id, c.reason))
    return out


def closed_reason(closures: Closures, day: dt.date, office_id: int | None,
                  project_id: int | None) -> str | None:
    """Why a project is closed on ``day``: a bank holiday (its own date even at a weekend, and
    its substitute day), or a service, office or project closure; None when it is open."""
    name = _BANK_HOLIDAYS.holiday_name(day)
    if name:
        return f"bank holiday ({name})"
    for office, project, reason in closures.get(day, ()):
        if office is None and project is None:
            return f"service closed ({reason})"
        if project is not None and project == project_id:
            return f"project closed ({reason})"
        if project is None and office == office_id:
            return f"office closed ({reason})"
    return None


def load_occupants(session: Session, session_ids: Iterable[int]
                   ) -> dict[int, list[tuple[int, Occupant]]]:
    """Who holds a place on each session: ``{session_id: [(appointment_id, occupant)]}``."""
    out: dict[int, list[tuple[int, Occupant]]] = defaultdict(list)
    for batch in chunks(sorted(set(session_ids))):
        for r in session.execute(
                select(Appointment.id, Appointment.session_id, Appointment.person_id,
                       Appointment.travels_by_van, Person.gender_category,
                       Person.forename, Person.surname)
                .join(Person, Person.id == Appointment.person_id)
                .where(Appointment.session_id.in_(batch), active_appointment())
                .order_by(Appointment.id)):
            facts = gender_facts(r.gender_category)
            out[r.session_id].append((r.id, Occupant(
                r.person_id, facts["is_woman"], r.travels_by_van, f"{r.forename} {r.surname}",
                facts["non_binary"])))
    return out


def load_bookings(session: Session, person_ids: Iterable[int], date_from: dt.date,
                  date_to: dt.date) -> dict[int, list[Booking]]:
    """Each person's places between two dates, for the one-place-at-a-time rule."""
    out: dict[int, list[Booking]] = defaultdict(list)
    for batch in chunks(sorted(set(person_ids))):
        for r in session.execute(
                select(Appointment.person_id, UpwSession.id, UpwSession.session_date,
                       UpwSession.start_time, UpwSession.end_time, Project.name)
                .join(UpwSession, UpwSession.id == Appointment.session_id)
                .join(Project, Project.id == UpwSession.project_id)
                .where(Appointment.person_id.in_(batch), active_appointment(),
                       and_(UpwSession.session_date >= date_from,
                            UpwSession.session_date <= date_to))):
            out[r.person_id].append(Booking(r.id, r.session_date, r.start_time, r.end_time,
                                            r.name))
    return out


def load_bookings_beside(session: Session, session_ids: Iterable[int]
                         ) -> dict[int, list[Booking]]:
    """The places held on the same days by the people on these sessions (theirs included),
    for the one-place-at-a-time rule when bookings already made are judged again."""
    mine, theirs = aliased(Appointment), aliased(UpwSession)
    out: dict[int, list[Booking]] = defaultdict(list)
    for batch in chunks(sorted(set(session_ids))):
        for r in session.execute(
                select(Appointment.person_id, UpwSession.id, UpwSession.session_date,
                       UpwSession.start_time, UpwSession.end_time, Project.name).distinct()
                .select_from(mine)
                .join(theirs, theirs.id == mine.session_id)
                .join(Appointment, Appointment.person_id == mine.person_id)
                .join(UpwSession, (UpwSession.id == Appointment.session_id)
                      & (UpwSession.session_date == theirs.session_date))
                .join(Project, Project.id == UpwSession.project_id)
                .where(mine.session_id.in_(batch), active_appointment(),
                       or_(mine.outcome_code.is_(None),
                           mine.outcome_code.in_(sorted(ATTENDED_CODES))))):
            out[r.person_id].append(Booking(r.id, r.session_date, r.start_time, r.end_time,
                                            r.name))
    return out
