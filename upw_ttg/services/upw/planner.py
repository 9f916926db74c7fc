"""The week planner (projects x days for a delivery unit) and the list of people waiting."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import SessionStatus
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.placement import PersonFacts, format_day, is_woman, one_woman_alone
from upw_ttg.domain.records_to_check import (
    Listed,
    RecordToCheck,
    Subject,
    listed,
    set_aside,
)
from upw_ttg.domain.validation import require_dates
from upw_ttg.domain.working_days import WorkingCalendar
from upw_ttg.records.upw import PlannerCell, PlannerRow, SessionRecord, WaitingRow, WeekPlan
from upw_ttg.services.access import mask_restricted
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.settings import read_setting
from upw_ttg.services.upw.broken_bookings import broken_per_session
from upw_ttg.services.upw.common import chunks, order_subject
from upw_ttg.services.upw.facts import active_appointment, load_people
from upw_ttg.services.upw.sessions import session_records
from upw_ttg.storage.models import (
    Appointment,
    ClosureDate,
    Office,
    Person,
    Project,
    UpwOrder,
    UpwSession,
)
from upw_ttg.time_text import format_minutes

NEXT_DAYS = 7


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def service_calendar(session: Session) -> WorkingCalendar:
    """Working days with the service-wide closures users added."""
    return WorkingCalendar(session.scalars(select(ClosureDate.closed_on).where(
        ClosureDate.office_id.is_(None), ClosureDate.project_id.is_(None))))


def weekly_target_minutes(session: Session) -> tuple[int, int]:
    """(weekly offer, intensive maximum) in minutes, from the settings."""
    return (int(read_setting(session, "upw.weekly_offer_hours")) * 60,
            int(read_setting(session, "upw.intensive_max_hours")) * 60)


def target_for(offer: int, maximum: int, extra_hours: int) -> int:
    """Rule UPW-11: the weekly offer, plus intensive working's extra hours up to the maximum."""
    return min(offer + extra_hours * 60, max(offer, maximum))


def minutes_between(start: dt.time, end: dt.time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


class PlannerService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def week(self, delivery_unit_id: int, week_start: dt.date) -> WeekPlan:
        """Every active project of the unit with its sessions Monday to Sunday."""
        self._ctx.require(Capability.READ_SCHEDULE)

        require_dates(week_start=week_start)
        start = monday_of(week_start)
        days = tuple(start + dt.timedelta(days=i) for i in range(7))
        with self._ctx.db.read() as session:
            projects = session.execute(
                select(Project.id, Project.code, Project.name, Project.project_type,
                       Office.name.label("office"), Project.female_only)
                .join(Office, Office.id == Project.office_id)
                .where(Office.delivery_unit_id == delivery_unit_id, Project.active.is_(True))
                .order_by(Office.name, Project.name, Project.id)).all()
            ids = list(session.scalars(
                select(UpwSession.id).join(Project, Project.id == UpwSession.project_id)
                .join(Office, Office.id == Project.office_id)
                .where(Office.delivery_unit_id == delivery_unit_id,
                       UpwSession.session_date.between(days[0], days[-1]))))
            records = session_records(session, ids)
            people, people_aside = _people_on(session, ids)
            broken = broken_per_session(session, ids, self._ctx.today())
        cells: dict[int, list[list[PlannerCell]]] = defaultdict(lambda: [[] for _ in days])

        def cell(r: SessionRecord) -> tuple[int, PlannerCell]:
            on = people.get(r.id, [])
            women = sum(1 for woman, _ in on if woman)
            needs = any(interp for _, interp in on)
            warnings = []
            if r.status == SessionStatus.PLANNED:
                if not r.supervisors:
                    warnings.append("no supervisor")
                if r.booked > r.places:
                    warnings.append("overbooked")
                if r.van_seats is not None and r.by_van > r.van_seats:
                    warnings.append("van overbooked")
                if one_woman_alone(r.project_type, r.female_only, women):
                    warnings.append("one woman alone")
                if needs and not r.interpreter_booked:
                    warnings.append("interpreter to book")
                if broken.get(r.id):
                    many = broken[r.id] > 1
                    warnings.append(f"{broken[r.id]} booking{'s' if many else ''} "
                                    f"break{'' if many else 's'} a rule")
            else:
                warnings.append(r.stood_down_reason or r.status.value.replace("_", " "))
            return r.project_id, PlannerCell(
                r.id, r.session_date, r.start_time, r.end_time, r.booked, r.places, r.by_van,
                r.van_seats, r.female_only, women, needs, r.interpreter_booked, r.status,
                tuple(warnings))

        built, sessions_aside = set_aside(records, cell, lambda r: Subject(
            None, r.project_name, f"session on {format_day(r.session_date)}",
            {"session date": r.session_date}))
        for project_id, c in built:
            cells[project_id][(c.session_date - start).days].append(c)
        rows = tuple(PlannerRow(p.id, p.code, p.name, p.project_type, p.office, p.female_only,
                                tuple(tuple(day) for day in cells[p.id]))
                     for p in projects)
        return WeekPlan(delivery_unit_id, start, days, rows,
                        tuple(sessions_aside) + tuple(people_aside))

    def waiting(self, delivery_unit_id: int | None = None, *,
                week_start: dt.date | None = None) -> Listed[WaitingRow]:
        """Live orders needing a place: nothing in the next 7 days, the first session overdue
        or due with none booked, or below the weekly offer in the week; with why. An order
        that cannot be worked out is in ``to_check``."""
        self._ctx.require(Capability.READ_SCHEDULE)

        require_dates(week_start=week_start)
        today = self._ctx.today()
        start = monday_of(week_start or today)
        end = start + dt.timedelta(days=6)
        with self._ctx.db.read() as session:
            facts, extras = load_people(session, unit_id=delivery_unit_id, listing_only=True)
            offer, maximum = weekly_target_minutes(session)
            first_days = int(read_setting(session, "upw.first_session_working_days"))
            calendar = service_calendar(session)
            booked = _booked(session, list(facts), min(start, today),
                             max(end, today + dt.timedelta(days=NEXT_DAYS)))
            offices = dict(session.execute(select(Office.id, Office.name)).all())
            first_seen = _first_booked(session, list(facts))
        def build(item: tuple[int, PersonFacts]) -> WaitingRow | None:
            order_id, person = item
            extra = extras[order_id]
            mine = booked.get(order_id, [])
            reasons = []
            upcoming = [d for d, _ in mine if today <= d < today + dt.timedelta(days=NEXT_DAYS)]
            week_minutes = sum(m for d, m in mine if start <= d <= end)
            target = min(target_for(offer, maximum, extra.intensive_extra_hours),
                         max(0, person.minutes_remaining))
            due = calendar.add_working_days(extra.sentence_date, first_days)
            first = first_seen.get(order_id)
            if not person.assessed:
                reasons.append("No completed UPW assessment.")
            if first is None:
                reasons.append(f"First session overdue: it was due by {format_day(due)}."
                               if today > due else
                               f"No first session booked: due by {format_day(due)}.")
            elif first > due and first >= today:
                reasons.append(f"First session booked for {format_day(first)}, after the "
                               f"deadline ({format_day(due)}).")
            if not upcoming:
                reasons.append("No session in the next 7 days.")
            if week_minutes < target:
                reasons.append(f"Below the weekly offer: {format_minutes(week_minutes)} of "
                               f"{format_minutes(target)} hours booked in the week of "
                               f"{format_day(start)}.")
            if not reasons:
                return None
            return WaitingRow(
                order_id, person.person_id, extra.crn, person.name,
                offices.get(extra.office_id) if extra.office_id else None, tuple(reasons),
                week_minutes, target, due if first is None else None,
                min(upcoming) if upcoming else None, person.female_only_choice,
                person.interpreter_needed)

        rows = listed(facts.items(), build, lambda item: order_subject(
            item[1], extras[item[0]]))
        rows.sort(key=lambda r: (r.first_session_due or dt.date.max, len(r.reasons) * -1,
                                 r.name, r.order_id))
        with self._ctx.db.read() as session:
            return mask_restricted(session, self._ctx, rows)


def _people_on(session: Session, session_ids: list[int]
               ) -> tuple[dict[int, list[tuple[bool, bool]]], list[RecordToCheck]]:
    """(is a woman, needs an interpreter) for everyone holding a place on each session, and
    those whose order's dates cannot be right (counted still, as they hold the place)."""
    out: dict[int, list[tuple[bool, bool]]] = defaultdict(list)
    aside: list[RecordToCheck] = []
    for batch in chunks(session_ids):
        rows = session.execute(
            select(Appointment.session_id, Person.id, Person.crn, Person.forename,
                   Person.surname, Person.gender_category, Person.interpreter_needed,
                   UpwOrder.sentence_date, UpwOrder.deadline)
            .join(Person, Person.id == Appointment.person_id)
            .join(UpwOrder, UpwOrder.id == Appointment.order_id)
            .where(Appointment.session_id.in_(batch), active_appointment())).all()
        for r in rows:
            out[r.session_id].append((is_woman(r.gender_category), r.interpreter_needed))
        aside += set_aside(rows, lambda r: None, lambda r: Subject(
            r.crn, f"{r.forename} {r.surname}", "Unpaid Work order",
            {"sentence date": r.sentence_date, "deadline": r.deadline}, r.id))[1]
    return out, aside


def _booked(session: Session, order_ids: list[int], first: dt.date, last: dt.date
            ) -> dict[int, list[tuple[dt.date, int]]]:
    """Each order's places between two dates, as (date, minutes)."""
    out: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    for batch in chunks(order_ids):
        for order_id, day, start, end in session.execute(
                select(Appointment.order_id, UpwSession.session_date, UpwSession.start_time,
                       UpwSession.end_time)
                .join(UpwSession, UpwSession.id == Appointment.session_id)
                .where(Appointment.order_id.in_(batch), active_appointment(),
                       UpwSession.session_date.between(first, last))):
            out[order_id].append((day, minutes_between(start, end)))
    return out


def _first_booked(session: Session, order_ids: list[int]) -> dict[int, dt.date]:
    """The date of each order's first place (attended or still to come)."""
    out: dict[int, dt.date] = {}
    for batch in chunks(order_ids):
        out.update(dict(session.execute(
            select(Appointment.order_id, func.min(UpwSession.session_date))
            .join(UpwSession, UpwSession.id == Appointment.session_id)
            .where(Appointment.order_id.in_(batch), active_appointment())
            .group_by(Appointment.order_id)).all()))
    return out

