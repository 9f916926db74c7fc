"""Projects with their tags and availability, vans, pick-up points, and the supervisors list."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import delete, exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import SUITABILITY_TAGS, AuditAction, PatternFrequency, Role
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.upw_schedule import format_weekdays, parse_weekdays
from upw_ttg.domain.validation import (
    FieldErrors,
    clean,
    normalise_postcode,
    phone_problem,
    postcode_problem,
    text_problem,
)
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.organisation import DeliveryUnitRow
from upw_ttg.records.recheck import RecheckReport
from upw_ttg.records.upw import (
    PickupPointInput,
    PickupPointRecord,
    ProjectInput,
    ProjectRecord,
    SupervisorRow,
    VanInput,
    VanRecord,
)
from upw_ttg.services import audit
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.settings import read_setting
from upw_ttg.services.upw.recheck import recheck_bookings, what_if
from upw_ttg.services.upw.skills import project_skill_ids, set_project_skills
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import (
    DeliveryUnit,
    Office,
    PickupPoint,
    Project,
    ProjectTag,
    ProjectType,
    SessionPickup,
    Staff,
    UpwSession,
    Van,
)
from upw_ttg.storage.models.base import ColumnValues

TAG_CODES = tuple(code for code, _ in SUITABILITY_TAGS)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PROJECT_COLUMNS = ("code", "name", "project_type", "office_id", "beneficiary",
                    "beneficiary_contact", "beneficiary_phone", "beneficiary_email",
                    "site_address", "site_town", "site_postcode", "frequency", "start_time",
                    "end_time", "available_from", "available_to", "end_date", "hi_vis_required",
                    "break_minutes", "capacity", "default_supervisor_id", "female_only", "active")


def supervisor_row(staff: Staff) -> SupervisorRow:
    return SupervisorRow(staff.id, staff.full_name, staff.gender, staff.office_id, staff.active)


class ProjectsService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    # --- projects ------------------------------------------------------------------------
    def project_types(self) -> list[tuple[str, str]]:
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        with self._ctx.db.read() as session:
            return [(t.code, t.name) for t in session.scalars(select(ProjectType)
                                                               .order_by(ProjectType.name))]

    def delivery_units(self) -> list[DeliveryUnitRow]:
        """The delivery units that have projects (active or not), by name: the units
        Scheduling's pages choose between."""
        self._ctx.require(Capability.READ_SCHEDULE)
        with self._ctx.db.read() as session:
            has_projects = exists().where(Office.delivery_unit_id == DeliveryUnit.id,
                                          Project.office_id == Office.id)
            rows = session.execute(select(DeliveryUnit.id, DeliveryUnit.code, DeliveryUnit.name)
                                   .where(has_projects).order_by(DeliveryUnit.name))
            return [DeliveryUnitRow(*r) for r in rows]

    def list_projects(self, *, office_id: int | None = None, unit_id: int | None = None,
                      include_inactive: bool = False) -> list[ProjectRecord]:
        self._ctx.require(Capability.READ_SCHEDULE)
        with self._ctx.db.read() as session:
            query = select(Project).join(Office, Office.id == Project.office_id)
            if office_id is not None:
                query = query.where(Project.office_id == office_id)
            if unit_id is not None:
                query = query.where(Office.delivery_unit_id == unit_id)
            if not include_inactive:
                query = query.where(Project.active.is_(True))
            rows = list(session.scalars(query.order_by(Project.name, Project.id)))
            tags = self._tags(session, [r.id for r in rows])
            skills = project_skill_ids(session, [r.id for r in rows])
            offices = {o.id: o for o in session.scalars(select(Office))}
            return [self._record(r, tags.get(r.id, ()), offices[r.office_id],
                                 skills.get(r.id, ())) for r in rows]

    def get_project(self, project_id: int) -> ProjectRecord:
        self._ctx.require(Capability.READ_SCHEDULE)
        with self._ctx.db.read() as session:
            return self._project_record(session, self._project(session, project_id))

    def create_project(self, data: ProjectInput) -> ProjectRecord:
        self._ctx.require(Capability.EDIT_SCHEDULE)
        try:
            with self._ctx.db.write() as session:
                values, tags = self._validated(session, data)
                row = Project(updated_by_id=self._ctx.actor_id, **values)
                session.add(row)
                session.flush()
                self._set_tags(session, row.id, tags)
                skills = set_project_skills(session, row.id, data.skill_ids or ())
                audit.record(session, self._ctx, AuditAction.CREATE, "project", row.id,
                             after={**audit.snapshot(row), "tags": list(tags),
                                    "skills": list(skills)})
                return self._project_record(session, row)
        except IntegrityError as exc:
            raise _integrity(exc, "code", "Another project already has that code.") from None

    def update_project(self, project_id: int, data: ProjectInput) -> ProjectRecord:
        """Save changes; sessions already generated keep their dates and times."""
        self._ctx.require(Capability.EDIT_SCHEDULE)
        try:
            with self._ctx.db.write() as session:
                row = self._project(session, project_id)
                check_version(session, row, data.version, "project")
                values, tags = self._validated(session, data)
                before = {**audit.snapshot(row),
                          "tags": sorted(self._tags(session, [row.id]).get(row.id, ())),
                          "skills": list(project_skill_ids(session, [row.id]).get(row.id, ()))}
                for name, value in values.items():
                    setattr(row, name, value)
                row.updated_by_id = self._ctx.actor_id
                flush_versioned(session, row, "project", self._ctx.db)
                self._set_tags(session, row.id, tags)
                skills = (before["skills"] if data.skill_ids is None  # rule UPW-SKILLS
                          else list(set_project_skills(session, row.id, data.skill_ids)))
                audit.record(session, self._ctx, AuditAction.UPDATE, "project", row.id,
                             before=before, after={**audit.snapshot(row), "tags": sorted(tags),
                                                   "skills": skills})
                recheck_bookings(session, self._ctx, project_ids=[row.id])
                return self._project_record(session, row)
        except IntegrityError as exc:
            raise _integrity(exc, "code", "Another project already has that code.") from None

    def preview_update_project(self, project_id: int, data: ProjectInput) -> RecheckReport:
        """The bookings these changes (tags, capacity, dates, days) would break, unsaved."""
        return what_if(lambda: self.update_project(project_id, data))

    def delete_project(self, project_id: int) -> None:
        """Delete a project that never had a session; otherwise make it inactive instead."""
        self._ctx.require(Capability.EDIT_SCHEDULE)
        with self._ctx.db.write() as session:
            row = self._project(session, project_id)
            if session.scalar(select(exists().where(UpwSession.project_id == project_id))):
                raise ValidationError({"project": "This project has sessions, so it cannot be "
                                                  "deleted; make it inactive instead."})
            audit.record(session, self._ctx, AuditAction.DELETE, "project", row.id,
                         before=audit.snapshot(row))
            session.delete(row)

    def _validated(self, session: Session, data: ProjectInput
                   ) -> tuple[ColumnValues, tuple[str, ...]]:
        errors = FieldErrors()
        values: dict[str, Any] = {name: getattr(data, name) for name in _PROJECT_COLUMNS}
        for name in ("code", "name", "beneficiary", "beneficiary_contact", "beneficiary_phone",
                     "beneficiary_email", "site_address", "site_town"):
            values[name] = clean(values[name])
        values["code"] = (values["code"] or "").upper() or None
        values["site_postcode"] = normalise_postcode(clean(values["site_postcode"]))
        errors.check("code", text_problem("project code", values["code"], required=True,
                                          max_length=12))
        errors.check("name", text_problem("project name", values["name"], required=True,
                                          max_length=120))
        if session.get(ProjectType, values["project_type"] or "") is None:
            errors.check("project_type", "Choose the project type.")
        if values["office_id"] is None or session.get(Office, values["office_id"]) is None:
            errors.check("office_id", "Choose the office.")
        errors.check("beneficiary", text_problem("beneficiary", values["beneficiary"],
                                                 required=True, max_length=120))
        errors.check("beneficiary_contact", text_problem("contact", values["beneficiary_contact"],
                                                         max_length=120))
        errors.check("beneficiary_phone", phone_problem("phone number",
                                                        values["beneficiary_phone"]))
        email = values["beneficiary_email"]
        if email and (len(email) > 120 or not _EMAIL.match(email)):
            errors.check("beneficiary_email", "Enter an email address such as name@example.org.")
        errors.check("site_address", text_problem("site address", values["site_address"],
                                                  required=True))
        errors.check("site_town", text_problem("town", values["site_town"], max_length=60))
        errors.check("site_postcode", postcode_problem(values["site_postcode"]))
        self._check_pattern(data, values, errors)
        if not isinstance(data.capacity, int) or not 1 <= data.capacity <= 50:
            errors.check("capacity", "The capacity is 1 to 50 people.")
        if values["break_minutes"] is None:
            values["break_minutes"] = int(read_setting(session, "upw.default_break_minutes"))
        if not isinstance(values["break_minutes"], int) or not 0 <= values["break_minutes"] <= 120:
            errors.check("break_minutes", "The unpaid break is 0 to 120 minutes.")
        supervisor = data.default_supervisor_id
        if supervisor is not None:
            staff = session.get(Staff, supervisor)
            if staff is None or Role.SUPERVISOR not in staff.roles or not staff.active:
                errors.check("default_supervisor_id", "Choose an active supervisor.")
        tags = tuple(sorted(set(data.tags)))
        unknown = [t for t in tags if t not in TAG_CODES]
        if unknown:
            errors.check("tags", f"Unknown suitability tag: {', '.join(unknown)}.")
        if errors:
            raise ValidationError(errors)
        # The female-only flag and tag say the same thing; keep them in step.
        values["female_only"] = bool(data.female_only or "female_only" in tags)
        tags = tuple(sorted(set(tags) | ({"female_only"} if values["female_only"] else set())))
        return values, tags

    @staticmethod
    def _check_pattern(data: ProjectInput, values: ColumnValues, errors: FieldErrors) -> None:
        start, end = data.start_time, data.end_time
        if start is None or end is None:
            errors.check("start_time", "Enter the start and end times.")
        elif end <= start:
            errors.check("end_time", "The end time must be after the start time.")
        if data.available_from is None:
            errors.check("available_from", "Enter the date the project is available from.")
            return
        for name, label in (("available_to", "available-to date"), ("end_date", "end date")):
            value = getattr(data, name)
            if value is not None and value < data.available_from:
                errors.check(name, f"The {label} cannot be before the available-from date.")
        days = tuple(sorted(set(data.weekdays)))
        if data.frequency == PatternFrequency.ONCE:
            days = (data.available_from.isoweekday(),)
        elif not days or any(not isinstance(d, int) or not 1 <= d <= 7 for d in days):
            errors.check("weekdays", "Choose the days of the week the project works.")
        values["weekdays"] = format_weekdays(d for d in days if isinstance(d, int) and
                                             1 <= d <= 7)

    @staticmethod
    def _tags(session: Session, project_ids: list[int]) -> dict[int, tuple[str, ...]]:
        out: dict[int, list[str]] = {}
        if project_ids:
            for pid, tag in session.execute(select(ProjectTag.project_id, ProjectTag.tag)
                                            .where(ProjectTag.project_id.in_(project_ids))
                                            .order_by(ProjectTag.tag)):
                out.setdefault(pid, []).append(tag)
        return {k: tuple(v) for k, v in out.items()}

    @staticmethod
    def _set_tags(session: Session, project_id: int, tags: tuple[str, ...]) -> None:
        session.execute(delete(ProjectTag).where(ProjectTag.project_id == project_id))
        session.add_all(ProjectTag(project_id=project_id, tag=t) for t in tags)
        session.flush()

    @staticmethod
    def _project(session: Session, project_id: int) -> Project:
        row = session.get(Project, project_id)
        if row is None:
            raise NotFoundError("That project is no longer on record.")
        return row

    def _project_record(self, session: Session, row: Project) -> ProjectRecord:
        office = session.get_one(Office, row.office_id)
        return self._record(row, self._tags(session, [row.id]).get(row.id, ()), office,
                            project_skill_ids(session, [row.id]).get(row.id, ()))

    @staticmethod
    def _record(row: Project, tags: tuple[str, ...], office: Office,
                skill_ids: tuple[int, ...] = ()) -> ProjectRecord:
        return ProjectRecord(
            id=row.id, code=row.code, name=row.name, project_type=row.project_type,
            office_id=row.office_id, office_name=office.name,
            delivery_unit_id=office.delivery_unit_id, beneficiary=row.beneficiary,
            beneficiary_contact=row.beneficiary_contact,
            beneficiary_phone=row.beneficiary_phone, beneficiary_email=row.beneficiary_email,
            site_address=row.site_address, site_town=row.site_town,
            site_postcode=row.site_postcode, frequency=row.frequency,
            weekdays=parse_weekdays(row.weekdays), start_time=row.start_time,
            end_time=row.end_time, available_from=row.available_from,
            available_to=row.available_to, end_date=row.end_date,
            hi_vis_required=row.hi_vis_required, break_minutes=row.break_minutes,
            capacity=row.capacity, default_supervisor_id=row.default_supervisor_id,
            female_only=row.female_only, active=row.active, tags=tags, version=row.version,
            skill_ids=skill_ids)

    # --- vans ----------------------------------------------------------------------------
    def list_vans(self, office_id: int | None = None) -> list[VanRecord]:
        self._ctx.require(Capability.READ_SCHEDULE)
        with self._ctx.db.read() as session:
            query = select(Van).order_by(Van.name, Van.id)
            if office_id is not None:
                query = query.where(Van.office_id == office_id)
            return [_van(v) for v in session.scalars(query)]

    def save_van(self, van_id: int | None, data: VanInput) -> VanRecord:
        """Create (``van_id`` None) or update a van."""
        self._ctx.require(Capability.EDIT_SCHEDULE)
        errors = FieldErrors()
        registration = (clean(data.registration) or "").upper().replace(" ", "")
        name = clean(data.name)
        errors.check("registration", text_problem("registration", registration or None,
                                                  required=True, max_length=10))
        errors.check("name", text_problem("name", name, required=True, max_length=60))
        if not isinstance(data.seats, int) or not 1 <= data.seats <= 20:
            errors.check("seats", "A van has 1 to 20 seats for people (not the driver).")
        try:
            with self._ctx.db.write() as session:
                if data.office_id is None or session.get(Office, data.office_id) is None:
                    errors.check("office_id", "Choose the office.")
                if errors:
                    raise ValidationError(errors)
                values = dict(registration=registration, name=name, seats=data.seats,
                              office_id=data.office_id, active=data.active)
                row = self._save(session, Van, van_id, values, data.version, "van")
                recheck_bookings(session, self._ctx, van_ids=[row.id])
                return _van(row)
        except IntegrityError as exc:
            raise _integrity(exc, "registration", "Another van has that registration.") from None

    def delete_van(self, van_id: int) -> None:
        self._ctx.require(Capability.EDIT_SCHEDULE)
        with self._ctx.db.write() as session:
            row = self._get(session, Van, van_id, "van")
            if session.scalar(select(exists().where(UpwSession.van_id == van_id))):
                raise ValidationError({"van": "This van has been booked on sessions; make it "
                                              "inactive instead."})
            audit.record(session, self._ctx, AuditAction.DELETE, "van", van_id,
                         before=audit.snapshot(row))
            session.delete(row)

    # --- pick-up points ---------------------------------------------------------------------
    def list_pickup_points(self, office_id: int | None = None) -> list[PickupPointRecord]:
        self._ctx.require(Capability.READ_SCHEDULE)
        with self._ctx.db.read() as session:
            query = select(PickupPoint).order_by(PickupPoint.name, PickupPoint.id)
            if office_id is not None:
                query = query.where(PickupPoint.office_id == office_id)
            return [_point(p) for p in session.scalars(query)]

    def save_pickup_point(self, point_id: int | None, data: PickupPointInput
                          ) -> PickupPointRecord:
        self._ctx.require(Capability.EDIT_SCHEDULE)
        errors = FieldErrors()
        name, address, town = clean(data.name), clean(data.address), clean(data.town)
        postcode = normalise_postcode(clean(data.postcode))
        errors.check("name", text_problem("name", name, required=True, max_length=100))
        errors.check("address", text_problem("address", address, required=True))
        errors.check("postcode", postcode_problem(postcode))
        errors.check("town", text_problem("town", town, max_length=60))
        with self._ctx.db.write() as session:
            if data.office_id is None or session.get(Office, data.office_id) is None:
                errors.check("office_id", "Choose the office.")
            if errors:
                raise ValidationError(errors)
            values = dict(name=name, address=address, town=town, postcode=postcode,
                          office_id=data.office_id, active=data.active)
            return _point(self._save(session, PickupPoint, point_id, values, data.version,
                                     "pick-up point"))

    def delete_pickup_point(self, point_id: int) -> None:
        self._ctx.require(Capability.EDIT_SCHEDULE)
        with self._ctx.db.write() as session:
            row = self._get(session, PickupPoint, point_id, "pick-up point")
            if session.scalar(select(exists().where(SessionPickup.pickup_point_id == point_id))):
                raise ValidationError({"pickup_point": "Sessions use this pick-up point; make "
                                                       "it inactive instead."})
            audit.record(session, self._ctx, AuditAction.DELETE, "pickup_point", point_id,
                         before=audit.snapshot(row))
            session.delete(row)

    # --- supervisors -------------------------------------------------------------------------
    def list_supervisors(self, *, office_id: int | None = None, unit_id: int | None = None,
                         include_inactive: bool = False) -> list[SupervisorRow]:
        """Staff with the supervisor role, with the gender the placement rules need."""
        self._ctx.require(Capability.READ_SCHEDULE)
        with self._ctx.db.read() as session:
            query = select(Staff).where(Staff.holding(Role.SUPERVISOR))
            if office_id is not None:
                query = query.where(Staff.office_id == office_id)
            if unit_id is not None:
                query = query.join(Office, Office.id == Staff.office_id).where(
                    Office.delivery_unit_id == unit_id)
            if not include_inactive:
                query = query.where(Staff.active.is_(True))
            return [supervisor_row(s) for s in session.scalars(query.order_by(Staff.full_name))]

    # --- shared -------------------------------------------------------------------------------
    @staticmethod
    def _get(session: Session, model: Any, row_id: int, entity: str) -> Any:
        row = session.get(model, row_id)
        if row is None:
            raise NotFoundError(f"That {entity} is no longer on record.")
        return row

    def _save(self, session: Session, model: Any, row_id: int | None, values: ColumnValues,
              version: int | None, entity: str) -> Any:
        table = model.__tablename__
        if row_id is None:
            row = model(updated_by_id=self._ctx.actor_id, **values)
            session.add(row)
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, table, row.id,
                         after=audit.snapshot(row))
            return row
        row = self._get(session, model, row_id, entity)
        check_version(session, row, version, entity)
        before = audit.snapshot(row)
        for name, value in values.items():
            setattr(row, name, value)
        row.updated_by_id = self._ctx.actor_id
        flush_versioned(session, row, entity, self._ctx.db)
        audit.record(session, self._ctx, AuditAction.UPDATE, table, row.id, before=before,
                     after=audit.snapshot(row))
        return row


def _van(v: Van) -> VanRecord:
    return VanRecord(v.id, v.registration, v.name, v.seats, v.office_id, v.active, v.version)


def _point(p: PickupPoint) -> PickupPointRecord:
    return PickupPointRecord(p.id, p.name, p.address, p.postcode, p.town, p.office_id,
                             p.active, p.version)


def _integrity(exc: IntegrityError, field: str, message: str) -> ValidationError:
    text = str(exc.orig).lower()
    if "unique" in text or "duplicate" in text:
        return ValidationError({field: message})
    return ValidationError({field: "The record could not be saved: it conflicts with another "
                                   "record."})

