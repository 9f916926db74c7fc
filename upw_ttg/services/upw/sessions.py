"""Sessions: generated from project availability, staffed, given a van and pick-up points."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from types import EllipsisType
from typing import Any

from sqlalchemy import Row, case, delete, func, select
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import AuditAction, Role
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.placement import is_woman, one_woman_alone, session_places
from upw_ttg.domain.records_to_check import Subject, set_aside
from upw_ttg.domain.upw_schedule import Pattern, parse_weekdays, session_dates
from upw_ttg.domain.validation import require_dates
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.recheck import RecheckReport
from upw_ttg.records.upw import (
    GenerationResult,
    SessionDetail,
    SessionPerson,
    SessionPickupRow,
    SessionRecord,
    SupervisorRow,
)
from upw_ttg.services import audit
from upw_ttg.services.access import mask_lists_of
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.settings import read_setting
from upw_ttg.services.upw.common import ATTENDED_CODES, chunks, lock_rows
from upw_ttg.services.upw.facts import (
    active_appointment,
    closed_reason,
    closure_reasons,
)
from upw_ttg.services.upw.projects import supervisor_row
from upw_ttg.services.upw.recheck import recheck_bookings, what_if
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import (
    Appointment,
    Person,
    PickupPoint,
    Project,
    SessionPickup,
    SessionSupervisor,
    Staff,
    UpwOrder,
    UpwSession,
    Van,
)

MAX_GENERATION_DAYS = 400


class SessionsService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    # --- generation ------------------------------------------------------------------------
    def generate(self, project_id: int, date_from: dt.date, date_to: dt.date, *,
                 van_id: int | None = None,
                 pickups: Sequence[tuple[int, dt.time]] | None = None) -> GenerationResult:
        """Sessions for every day of the pattern in the range, skipping bank holidays and
        closures; days that already have the session are left alone, so running it twice
        changes nothing. The lead is the project's supervisor; the van and pick-up points are
        those given, else copied from the project's latest session."""
        self._ctx.require(Capability.EDIT_SCHEDULE)
        if date_to < date_from:
            raise ValidationError({"date_to": "The end of the range is before its start."})
        if (date_to - date_from).days > MAX_GENERATION_DAYS:
            raise ValidationError({"date_to": f"Generate at most {MAX_GENERATION_DAYS} days at "
                                              "a time."})
        with self._ctx.db.write() as session:
            # Two coordinators generating the same project at once queue here.
            lock_rows(session, Project, [project_id])
            project = session.get(Project, project_id)
            if project is None:
                raise NotFoundError("That project is no longer on record.")
            if not project.active:
                raise ValidationError({"project": "The project is inactive."})
            closures = closure_reasons(session, date_from, date_to)
            pattern = Pattern(project.frequency, parse_weekdays(project.weekdays),
                              project.available_from, project.available_to, project.end_date)
            days, skipped = session_dates(
                pattern, date_from, date_to,
                lambda day: closed_reason(closures, day, project.office_id, project.id))
            existing = set(session.scalars(select(UpwSession.session_date).where(
                UpwSession.project_id == project_id, UpwSession.start_time == project.start_time,
                UpwSession.session_date.between(date_from, date_to))))
            template = self._template(session, project_id)
            van = van_id if van_id is not None else (template.van_id if template else None)
            if pickups is None and template is not None:
                pickups = [(p.pickup_point_id, p.pickup_time) for p in session.scalars(
                    select(SessionPickup).where(SessionPickup.session_id == template.id))]
            created = [d for d in days if d not in existing]
            for day in created:
                row = UpwSession(project_id=project_id, session_date=day,
                                 start_time=project.start_time, end_time=project.end_time,
                                 supervisor_id=project.default_supervisor_id, van_id=van,
                                 female_only=project.female_only,
                                 updated_by_id=self._ctx.actor_id)
                session.add(row)
                session.flush()
                session.add_all(SessionPickup(session_id=row.id, pickup_point_id=point,
                                              pickup_time=at) for point, at in pickups or ())
            if created:
                audit.record(session, self._ctx, AuditAction.CREATE, "upw_session",
                             f"project {project_id}",
                             after={"generated": [d.isoformat() for d in created]})
            return GenerationResult(tuple(created), tuple(sorted(existing & set(days))),
                                    tuple(skipped))

    @staticmethod
    def _template(session: Session, project_id: int) -> UpwSession | None:
        return session.scalar(select(UpwSession).where(UpwSession.project_id == project_id)
                              .order_by(UpwSession.session_date.desc(), UpwSession.id.desc())
                              .limit(1))

    # --- reading ---------------------------------------------------------------------------
    def get(self, session_id: int) -> SessionRecord:
        self._ctx.require(Capability.READ_SCHEDULE)
        with self._ctx.db.read() as session:
            records = session_records(session, [session_id])
            if not records:
                raise NotFoundError("That session is no longer on record.")
            return records[0]

    def list_sessions(self, *, project_id: int | None = None, date_from: dt.date,
                      date_to: dt.date) -> list[SessionRecord]:
        self._ctx.require(Capability.READ_SCHEDULE)
        require_dates(date_from=date_from, date_to=date_to)
        with self._ctx.db.read() as session:
            query = select(UpwSession.id).where(UpwSession.session_date.between(date_from,
                                                                                date_to))
            if project_id is not None:
                query = query.where(UpwSession.project_id == project_id)
            return session_records(session, list(session.scalars(query)))

    def detail(self, session_id: int) -> SessionDetail:
        """The session and everyone on it, with warnings in plain words."""
        self._ctx.require(Capability.READ_SCHEDULE)
        with self._ctx.db.read() as session:
            records = session_records(session, [session_id])
            if not records:
                raise NotFoundError("That session is no longer on record.")
            record = records[0]
            rows = session.execute(
                select(Appointment, Person, PickupPoint.name, SessionPickup.pickup_time,
                       UpwOrder.sentence_date, UpwOrder.deadline)
                .join(Person, Person.id == Appointment.person_id)
                .join(UpwOrder, UpwOrder.id == Appointment.order_id)
                .outerjoin(SessionPickup, SessionPickup.id == Appointment.session_pickup_id)
                .outerjoin(PickupPoint, PickupPoint.id == SessionPickup.pickup_point_id)
                .where(Appointment.session_id == session_id)
                .order_by(Person.surname, Person.forename, Appointment.id)).all()
            people, to_check = set_aside(rows, lambda r: SessionPerson(
                r[0].id, r[1].id, r[0].order_id, r[1].crn, f"{r[1].forename} {r[1].surname}",
                is_woman(r[1].gender_category), r[1].phone, r[2], r[3], r[0].travels_by_van,
                r[1].interpreter_needed, r[0].override_reason, r[0].outcome_code,
                r[0].version), appointment_subject)
            return mask_lists_of(session, self._ctx, SessionDetail(
                record, tuple(people), session_warnings(record, people), tuple(to_check)))

    # --- staffing ----------------------------------------------------------------------------
    def set_staff(self, session_id: int, *, supervisor_id: int | None,
                  extra_supervisor_ids: Sequence[int] = (),
                  van_id: int | None | EllipsisType = ...,
                  version: int | None = None) -> SessionRecord:
        """Set the lead and extra supervisors and the van (``...`` keeps the van, None takes
        it off). Staff and vans change when people are ill or vehicles break down, so a change
        that leaves bookings breaking a rule (places, van seats, a supervisor-gender
        restriction) is saved and those bookings are queued; ``preview_set_staff`` says which
        before saving."""
        self._ctx.require(Capability.EDIT_SCHEDULE)

        with self._ctx.db.write() as session:
            lock_rows(session, UpwSession, [session_id])
            row = self._session(session, session_id)
            check_version(session, row, version, "session")
            if van_id is ...:
                van_id = row.van_id
            staff_ids = ([supervisor_id] if supervisor_id is not None else []) + [
                s for s in dict.fromkeys(extra_supervisor_ids) if s != supervisor_id]
            staff = {s.id: s for s in session.scalars(select(Staff).where(Staff.id.in_(
                staff_ids or [0])))}
            self._check_staff(session, row, staff_ids, staff, van_id)
            before = {**audit.snapshot(row, ["supervisor_id", "van_id"]),
                      "extra_supervisors": sorted(session.scalars(
                          select(SessionSupervisor.staff_id)
                          .where(SessionSupervisor.session_id == session_id)))}
            row.supervisor_id = supervisor_id
            row.van_id = van_id
            row.updated_by_id = self._ctx.actor_id
            session.execute(delete(SessionSupervisor)
                            .where(SessionSupervisor.session_id == session_id))
            session.add_all(SessionSupervisor(session_id=session_id, staff_id=s)
                            for s in staff_ids[1:])
            flush_versioned(session, row, "session", self._ctx.db)
            audit.record(session, self._ctx, AuditAction.UPDATE, "upw_session", session_id,
                         before=before,
                         after={**audit.snapshot(row, ["supervisor_id", "van_id"]),
                                "extra_supervisors": sorted(staff_ids[1:])})
            recheck_bookings(session, self._ctx, session_ids=[session_id])
            return session_records(session, [session_id])[0]

    def preview_set_staff(self, session_id: int, *, supervisor_id: int | None,
                          extra_supervisor_ids: Sequence[int] = (),
                          van_id: int | None | EllipsisType = ...,
                          version: int | None = None) -> RecheckReport:
        """The bookings this staffing would break, without saving it."""
        return what_if(lambda: self.set_staff(session_id, supervisor_id=supervisor_id,
                                              extra_supervisor_ids=extra_supervisor_ids,
                                              van_id=van_id, version=version))

    def _check_staff(self, session: Session, row: UpwSession, staff_ids: list[int],
                     staff: dict[int, Staff], van_id: int | None) -> None:
        errors: dict[str, str] = {}
        if supervisor_problem := next((f"{staff[s].full_name if s in staff else 'Someone'} is "
                                       "not an active supervisor." for s in staff_ids
                                       if s not in staff or Role.SUPERVISOR not in staff[s].roles
                                       or not staff[s].active), None):
            raise ValidationError({"supervisor_id": supervisor_problem})
        busy = _busy_supervisors(session, row, staff_ids)
        if busy:
            errors["supervisor_id"] = (f"{', '.join(staff[s].full_name for s in busy)} already "
                                       "supervises another session at that time.")
        van = session.get(Van, van_id) if van_id is not None else None
        if van_id is not None and (van is None or not van.active):
            errors["van_id"] = "Choose an active van."
        if errors:
            raise ValidationError(errors)

    def set_pickups(self, session_id: int, pickups: Sequence[tuple[int, dt.time]], *,
                    version: int | None = None) -> SessionRecord:
        """Replace the session's pick-up points and times; points people use must stay."""
        self._ctx.require(Capability.EDIT_SCHEDULE)
        with self._ctx.db.write() as session:
            lock_rows(session, UpwSession, [session_id])
            row = self._session(session, session_id)
            check_version(session, row, version, "session")
            wanted = dict(pickups)
            if len(wanted) != len(pickups):
                raise ValidationError({"pickups": "Each pick-up point can appear once."})
            current = {p.pickup_point_id: p for p in session.scalars(
                select(SessionPickup).where(SessionPickup.session_id == session_id))}
            used = set(session.scalars(select(SessionPickup.pickup_point_id)
                                       .join(Appointment,
                                             Appointment.session_pickup_id == SessionPickup.id)
                                       .where(SessionPickup.session_id == session_id)))
            if used - set(wanted):
                raise ValidationError({"pickups": "People are booked from a pick-up point "
                                                  "being removed; move them first."})
            for point_id, at in wanted.items():
                point = session.get(PickupPoint, point_id)
                if point is None or not point.active:
                    raise ValidationError({"pickups": "Choose active pick-up points."})
                if at >= row.start_time:
                    raise ValidationError({"pickups": "A pick-up is before the session "
                                                      "starts."})
            before = {str(k): v.pickup_time.isoformat() for k, v in current.items()}
            for point_id, existing in current.items():
                if point_id not in wanted:
                    session.delete(existing)
                else:
                    existing.pickup_time = wanted[point_id]
            session.add_all(SessionPickup(session_id=session_id, pickup_point_id=p,
                                          pickup_time=at)
                            for p, at in wanted.items() if p not in current)
            row.updated_by_id = self._ctx.actor_id
            flush_versioned(session, row, "session", self._ctx.db)
            audit.record(session, self._ctx, AuditAction.UPDATE, "upw_session", session_id,
                         before={"pickups": before},
                         after={"pickups": {str(k): v.isoformat() for k, v in wanted.items()}})
            return session_records(session, [session_id])[0]

    def set_interpreter_booked(self, session_id: int, booked: bool, *,
                               version: int | None = None) -> SessionRecord:
        self._ctx.require(Capability.EDIT_SCHEDULE)
        with self._ctx.db.write() as session:
            row = self._session(session, session_id)
            check_version(session, row, version, "session")
            before = audit.snapshot(row, ["interpreter_booked"])
            row.interpreter_booked = booked
            row.updated_by_id = self._ctx.actor_id
            flush_versioned(session, row, "session", self._ctx.db)
            audit.record(session, self._ctx, AuditAction.UPDATE, "upw_session", session_id,
                         before=before, after=audit.snapshot(row, ["interpreter_booked"]))
            recheck_bookings(session, self._ctx, session_ids=[session_id])
            return session_records(session, [session_id])[0]

    @staticmethod
    def _session(session: Session, session_id: int) -> UpwSession:
        row = session.get(UpwSession, session_id)
        if row is None:
            raise NotFoundError("That session is no longer on record.")
        return row


def _busy_supervisors(session: Session, row: UpwSession, staff_ids: list[int]) -> list[int]:
    """Of ``staff_ids``, those leading or helping another session that overlaps ``row``."""
    if not staff_ids:
        return []
    others = select(UpwSession.id).where(
        UpwSession.session_date == row.session_date, UpwSession.id != row.id,
        UpwSession.start_time < row.end_time, UpwSession.end_time > row.start_time,
        UpwSession.status != "stood_down")
    leads = set(session.scalars(select(UpwSession.supervisor_id).where(
        UpwSession.id.in_(others), UpwSession.supervisor_id.in_(staff_ids))))
    extras = set(session.scalars(select(SessionSupervisor.staff_id).where(
        SessionSupervisor.session_id.in_(others), SessionSupervisor.staff_id.in_(staff_ids))))
    return sorted(staff_id for staff_id in leads | extras if staff_id is not None)


def session_records(session: Session, session_ids: Sequence[int]) -> list[SessionRecord]:
    """SessionRecords for many sessions in a handful of queries, by date and time."""
    if not session_ids:
        return []
    per_supervisor = int(read_setting(session, "upw.people_per_supervisor"))
    rows: list[Any] = []
    extras: defaultdict[int, list[Any]] = defaultdict(list)
    pickups: defaultdict[int, list[Any]] = defaultdict(list)
    counts: dict[int, Any] = {}
    for batch in chunks(sorted(set(session_ids))):
        rows += session.execute(
            select(UpwSession, Project, Van, Staff)
            .join(Project, Project.id == UpwSession.project_id)
            .outerjoin(Van, Van.id == UpwSession.van_id)
            .outerjoin(Staff, Staff.id == UpwSession.supervisor_id)
            .where(UpwSession.id.in_(batch))).all()
        for sid, staff in session.execute(
                select(SessionSupervisor.session_id, Staff)
                .join(Staff, Staff.id == SessionSupervisor.staff_id)
                .where(SessionSupervisor.session_id.in_(batch)).order_by(Staff.full_name)):
            extras[sid].append(supervisor_row(staff))
        for sp, point in session.execute(
                select(SessionPickup, PickupPoint)
                .join(PickupPoint, PickupPoint.id == SessionPickup.pickup_point_id)
                .where(SessionPickup.session_id.in_(batch))
                .order_by(SessionPickup.pickup_time, PickupPoint.name)):
            address = ", ".join(x for x in (point.address, point.town, point.postcode) if x)
            pickups[sp.session_id].append(SessionPickupRow(sp.id, point.id, point.name,
                                                           address, sp.pickup_time))
        for sid, total, by_van in session.execute(
                select(Appointment.session_id, func.count(),
                       func.sum(case((Appointment.travels_by_van.is_(True), 1), else_=0)))
                .where(Appointment.session_id.in_(batch), active_appointment())
                .group_by(Appointment.session_id)):
            counts[sid] = (int(total), int(by_van or 0))
    out = []
    for s, p, van, lead in rows:
        team: tuple[SupervisorRow, ...] = ((supervisor_row(lead),) if lead else ()) + tuple(
            extras[s.id])
        booked, by_van = counts.get(s.id, (0, 0))
        out.append(SessionRecord(
            id=s.id, project_id=p.id, project_code=p.code, project_name=p.name,
            project_type=p.project_type, session_date=s.session_date, start_time=s.start_time,
            end_time=s.end_time, supervisors=team, van_id=s.van_id,
            van_name=van.name if van else None, van_seats=van.seats if van else None,
            female_only=bool(s.female_only or p.female_only), status=s.status,
            stood_down_reason=s.stood_down_reason, interpreter_booked=s.interpreter_booked,
            places=session_places(p.capacity, len(team), per_supervisor), booked=booked,
            by_van=by_van, pickups=tuple(pickups[s.id]), version=s.version))
    out.sort(key=lambda r: (r.session_date, r.start_time, r.project_name, r.id))
    return out


def appointment_subject(row: Row[*tuple[Any, ...]]) -> Subject:
    """A place on a session (appointment, person, ..., sentence date, deadline) named for
    "Records to check", with its order's dates."""
    person = row[1]
    return Subject(person.crn, f"{person.forename} {person.surname}", "Unpaid Work order",
                   {"sentence date": row[-2], "deadline": row[-1]}, person.id)


def session_warnings(record: SessionRecord, people: Sequence[SessionPerson]) -> tuple[str, ...]:
    """What a coordinator should see about a session at a glance."""
    active = [p for p in people
              if p.outcome_code is None or p.outcome_code in ATTENDED_CODES]
    out = []
    if not record.supervisors:
        out.append("No supervisor: the session has no places until one is assigned.")
    if record.booked > record.places:
        out.append(f"Overbooked: {record.booked} people for {record.places} places.")
    if record.van_seats is not None and record.by_van > record.van_seats:
        out.append(f"Van overbooked: {record.by_van} for {record.van_seats} seats.")
    women = sum(1 for p in active if p.is_woman)
    if one_woman_alone(record.project_type, record.female_only, women):
        out.append("One woman on her own in a mixed group: place another woman or move her.")
    if any(p.interpreter_needed for p in active) and not record.interpreter_booked:
        out.append("Someone needs an interpreter: book one.")
    return tuple(out)
