"""The reference list of skills, the skills projects practise and those people show (UPW-SKILLS)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import AuditAction
from upw_ttg.domain.crediting import is_attended
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.validation import FieldErrors, clean, text_problem
from upw_ttg.errors import NotFoundError, StaleRecordError, ValidationError
from upw_ttg.records.skills import RegisterSkills, SkillInput, SkillRecord
from upw_ttg.services import audit
from upw_ttg.services.access import check_case_of, check_own_session
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import (
    Appointment,
    AppointmentSkill,
    Project,
    ProjectSkill,
    Skill,
    Staff,
    UpwSession,
)

MAX_SKILLS = 12


def project_skill_ids(session: Session, project_ids: Iterable[int]) -> dict[int, tuple[int, ...]]:
    """The skills each project practises, in the list's order."""
    wanted = sorted(set(project_ids))
    out: dict[int, list[int]] = {}
    if wanted:
        for project_id, skill_id in session.execute(
                select(ProjectSkill.project_id, ProjectSkill.skill_id)
                .join(Skill, Skill.id == ProjectSkill.skill_id)
                .where(ProjectSkill.project_id.in_(wanted)).order_by(Skill.name)):
            out.setdefault(project_id, []).append(skill_id)
    return {k: tuple(v) for k, v in out.items()}


def set_project_skills(session: Session, project_id: int, skill_ids: Sequence[int]
                       ) -> tuple[int, ...]:
    """Replace a project's skills (a skill made inactive may stay, none may be added)."""
    wanted = sorted(set(skill_ids))
    kept = set(project_skill_ids(session, [project_id]).get(project_id, ()))
    active = set(session.scalars(select(Skill.id).where(Skill.id.in_(wanted),
                                                        Skill.active.is_(True))))
    unknown = [i for i in wanted if i not in active and i not in kept]
    if unknown:
        raise ValidationError({"skill_ids": "One of the skills chosen is no longer on the "
                                            "list. Choose again."})
    if len(wanted) > MAX_SKILLS:
        raise ValidationError({"skill_ids": f"Choose at most {MAX_SKILLS} skills a project "
                                            "practises."})
    session.execute(delete(ProjectSkill).where(ProjectSkill.project_id == project_id))
    session.add_all(ProjectSkill(project_id=project_id, skill_id=i) for i in wanted)
    session.flush()
    return tuple(wanted)


def _record(row: Skill, projects: int = 0, shown: int = 0) -> SkillRecord:
    return SkillRecord(row.id, row.name, row.name_cy, row.active, row.version, projects, shown)


class SkillsService:
    """Rule UPW-SKILLS: whoever edits projects keeps the list; the register records what each
    person showed; only skills shown at attended sessions reach the certificate."""

    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def list_skills(self, *, include_inactive: bool = False) -> list[SkillRecord]:
        self._ctx.require(Capability.READ_SCHEDULE)
        with self._ctx.db.read() as session:
            projects = dict(session.execute(
                select(ProjectSkill.skill_id, func.count()).group_by(ProjectSkill.skill_id)).all())
            shown = dict(session.execute(
                select(AppointmentSkill.skill_id, func.count())
                .group_by(AppointmentSkill.skill_id)).all())
            query = select(Skill).order_by(Skill.name)
            if not include_inactive:
                query = query.where(Skill.active.is_(True))
            return [_record(s, projects.get(s.id, 0), shown.get(s.id, 0))
                    for s in session.scalars(query)]

    def save_skill(self, skill_id: int | None, data: SkillInput) -> SkillRecord:
        """Add (``skill_id`` None) or change a skill; the Welsh name is optional."""
        self._ctx.require(Capability.MANAGE_SKILLS)
        name, name_cy = clean(data.name), clean(data.name_cy)
        errors = FieldErrors()
        errors.check("name", text_problem("skill", name, required=True, max_length=80))
        errors.check("name_cy", text_problem("Welsh name", name_cy, max_length=80))
        if errors:
            raise ValidationError(errors)
        values = dict(name=name, name_cy=name_cy, active=bool(data.active))
        try:
            with self._ctx.db.write() as session:
                clash = session.scalar(select(Skill.id).where(
                    func.lower(Skill.name) == (name or "").lower()))
                if clash is not None and clash != skill_id:
                    raise ValidationError({"name": "That skill is on the list already."})
                if skill_id is None:
                    row = Skill(updated_by_id=self._ctx.actor_id, **values)
                    session.add(row)
                    session.flush()
                    audit.record(session, self._ctx, AuditAction.CREATE, "skill", row.id,
                                 after=audit.snapshot(row))
                    return _record(row)
                row = self._skill(session, skill_id)
                check_version(session, row, data.version, "skill")
                before = audit.snapshot(row)
                for key, value in values.items():
                    setattr(row, key, value)
                row.updated_by_id = self._ctx.actor_id
                flush_versioned(session, row, "skill", self._ctx.db)
                audit.record(session, self._ctx, AuditAction.UPDATE, "skill", row.id,
                             before=before, after=audit.snapshot(row))
                return _record(row)
        except IntegrityError:
            raise ValidationError({"name": "That skill is on the list already."}) from None

    def delete_skill(self, skill_id: int) -> None:
        """Delete a skill nobody has used; one in use is made inactive instead."""
        self._ctx.require(Capability.MANAGE_SKILLS)
        with self._ctx.db.write() as session:
            row = self._skill(session, skill_id)
            used = session.scalar(select(func.count()).select_from(ProjectSkill)
                                  .where(ProjectSkill.skill_id == skill_id)) or 0
            used += session.scalar(select(func.count()).select_from(AppointmentSkill)
                                   .where(AppointmentSkill.skill_id == skill_id)) or 0
            if used:
                raise ValidationError({"skill": "Projects or registers use this skill, so it "
                                                "cannot be deleted; make it inactive instead."})
            audit.record(session, self._ctx, AuditAction.DELETE, "skill", skill_id,
                         before=audit.snapshot(row))
            session.delete(row)

    def register_skills(self, session_id: int) -> RegisterSkills:
        """The skills a register can record, the project's first, and those shown so far."""
        self._ctx.require(Capability.READ_REGISTERS)
        with self._ctx.db.read() as session:
            check_own_session(session, self._ctx, session_id)
            found = session.execute(select(UpwSession.project_id, Project.name)
                                    .join(Project, Project.id == UpwSession.project_id)
                                    .where(UpwSession.id == session_id)).first()
            if found is None:
                raise NotFoundError("That session is no longer on record.")
            project_id, project_name = found
            own = project_skill_ids(session, [project_id]).get(project_id, ())
            shown: dict[int, list[int]] = {}
            for appointment_id, skill_id in session.execute(
                    select(AppointmentSkill.appointment_id, AppointmentSkill.skill_id)
                    .join(Appointment, Appointment.id == AppointmentSkill.appointment_id)
                    .join(Skill, Skill.id == AppointmentSkill.skill_id)
                    .where(Appointment.session_id == session_id).order_by(Skill.name)):
                shown.setdefault(appointment_id, []).append(skill_id)
            used = set(own) | {i for ids in shown.values() for i in ids}
            rows = [s for s in session.scalars(select(Skill).order_by(Skill.name))
                    if s.active or s.id in used]
            rows.sort(key=lambda s: (s.id not in own, s.name.lower()))
            return RegisterSkills(session_id, project_name, own,
                                  tuple(_record(s) for s in rows),
                                  {k: tuple(v) for k, v in shown.items()})

    def record_shown(self, appointment_id: int, skill_ids: Sequence[int], *,
                     was: Sequence[int]) -> tuple[int, ...]:
        """Record the skills a person showed at a session, replacing what was recorded.

        ``was`` is what the screen showed as recorded: if someone changed it since, the
        change is refused (StaleRecordError) rather than silently overwritten."""
        self._ctx.require(Capability.RECORD_SKILLS_SHOWN)
        wanted = tuple(sorted(set(skill_ids)))
        with self._ctx.db.write() as session:
            check_case_of(session, self._ctx, Appointment, appointment_id)
            found = session.execute(select(Appointment, UpwSession)
                                    .join(UpwSession, UpwSession.id == Appointment.session_id)
                                    .where(Appointment.id == appointment_id)).first()
            if found is None:
                raise NotFoundError("That place is no longer on record.")
            appointment, sess = found
            if sess.session_date > self._ctx.today():
                raise ValidationError({"skills": "This session has not happened yet: skills "
                                                 "are recorded once the person has worked."})
            if appointment.outcome_code is not None and not is_attended(
                    appointment.outcome_code):
                raise ValidationError({"skills": "The register says this person did not work "
                                                 f"at this session ({appointment.outcome_code})"
                                                 ": no skills can be recorded."})
            current = tuple(sorted(session.scalars(select(AppointmentSkill.skill_id).where(
                AppointmentSkill.appointment_id == appointment_id))))
            if current != tuple(sorted(set(was))):
                last = session.execute(
                    select(Staff.full_name, AppointmentSkill.recorded_at)
                    .outerjoin(Staff, Staff.id == AppointmentSkill.recorded_by_id)
                    .where(AppointmentSkill.appointment_id == appointment_id)
                    .order_by(AppointmentSkill.recorded_at.desc())).first()
                raise StaleRecordError("record of skills shown", last[0] if last else None,
                                       last[1] if last else None)
            if current == wanted:
                return current
            allowed = set(session.scalars(select(Skill.id).where(
                Skill.id.in_(wanted), Skill.active.is_(True)))) | set(current)
            if any(i not in allowed for i in wanted):
                raise ValidationError({"skills": "One of the skills chosen is no longer on the "
                                                 "list. Choose again."})
            session.execute(delete(AppointmentSkill).where(
                AppointmentSkill.appointment_id == appointment_id))
            session.add_all(AppointmentSkill(appointment_id=appointment_id, skill_id=i,
                                             recorded_by_id=self._ctx.actor_id)
                            for i in wanted)
            audit.record(session, self._ctx, AuditAction.UPDATE, "appointment", appointment_id,
                         before={"skills_shown": list(current)},
                         after={"skills_shown": list(wanted)})
            return wanted

    @staticmethod
    def _skill(session: Session, skill_id: int) -> Skill:
        row = session.get(Skill, skill_id)
        if row is None:
            raise NotFoundError("That skill is no longer on the list.")
        return row
