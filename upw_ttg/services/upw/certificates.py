"""The completion certificate: hours worked and skills practised, once the order is complete."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from upw_ttg.domain.access import Recipient
from upw_ttg.domain.codes import AuditAction, Language, OrderStatus
from upw_ttg.domain.crediting import ATTENDED_CODES
from upw_ttg.domain.permissions import Capability
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.skills import CertificateState, CompletionCertificate
from upw_ttg.services import audit
from upw_ttg.services.access import check_case_of
from upw_ttg.services.access_log import log_print
from upw_ttg.services.attendance.common import full_name
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.order_totals import order_totals
from upw_ttg.storage.models import (
    Appointment,
    AppointmentSkill,
    Office,
    Person,
    Project,
    ProjectSkill,
    Skill,
    Staff,
    UpwOrder,
    UpwSession,
)

COMPLETION_CERTIFICATE = "completion_certificate"
INDUCTION = "induction"
_MAX_LISTED = 10


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    text = f"{hours} hour{'s' if hours != 1 else ''}"
    return text + (f" {rest} minute{'s' if rest != 1 else ''}" if rest else "")


class CertificateService:
    """Rule UPW-CERTIFICATE: given only for a completed order, from a data object that has no
    field for risk, health or offence information; every print is logged."""

    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def state(self, order_id: int) -> CertificateState:
        """Whether the certificate can be printed now, and if not why, in plain words."""
        self._ctx.require(Capability.PRINT_CERTIFICATES)
        with self._ctx.db.read() as session:
            check_case_of(session, self._ctx, UpwOrder, order_id)
            reason = self._refusal(session, self._order(session, order_id))
        return CertificateState(order_id, reason is None, reason)

    def certificate(self, order_id: int, *, language: Language | None = None
                    ) -> CompletionCertificate:
        self._ctx.require(Capability.PRINT_CERTIFICATES)
        with self._ctx.db.read() as session:
            check_case_of(session, self._ctx, UpwOrder, order_id)
            order = self._order(session, order_id)
            reason = self._refusal(session, order)
            if reason is not None:
                raise ValidationError({"order_id": reason})
            return self._build(session, order, language)

    def render(self, order_id: int, *, language: Language | None = None) -> bytes:
        """The certificate as a PDF; the print is logged for the person (rule ACC-4)."""
        self._ctx.require(Capability.PRINT_CERTIFICATES)
        from upw_ttg.printing.documents.completion_certificate import (
            render_completion_certificate,
        )

        cert = self.certificate(order_id, language=language)
        actor = self._ctx.actor
        pdf = render_completion_certificate(cert, printed_at=self._ctx.now(),
                                            printed_by=actor.full_name if actor else None)
        with self._ctx.db.write() as session:
            audit.record(session, self._ctx, AuditAction.PRINT, "upw_order", order_id,
                         after={"document": COMPLETION_CERTIFICATE,
                                "language": cert.language.value})
            person_id = session.scalar(select(UpwOrder.person_id).where(UpwOrder.id == order_id))
            log_print(session, self._ctx, COMPLETION_CERTIFICATE, Recipient.THE_PERSON,
                      order_id, [person_id])
        return pdf

    # -- gathering -----------------------------------------------------------------------

    @staticmethod
    def _order(session: Session, order_id: int) -> UpwOrder:
        order = session.get(UpwOrder, order_id)
        if order is None:
            raise NotFoundError("That order is no longer on record.")
        return order

    @staticmethod
    def _refusal(session: Session, order: UpwOrder) -> str | None:
        if order.status == OrderStatus.COMPLETED or order.completed_on is not None:
            return None
        if order.status == OrderStatus.CLOSED:
            return ("This order was closed before its hours were complete, so there is no "
                    "certificate to give.")
        left = order_totals(session, order.id)[order.id].remaining_minutes
        return (f"This order is not complete yet, with {_hours(left)} left "
                "to work. The certificate can be printed once every hour is done.")

    def _build(self, session: Session, order: UpwOrder,
               language: Language | None) -> CompletionCertificate:
        person = session.get(Person, order.person_id)
        assert person is not None
        language = (language or person.preferred_language).printed
        welsh = language is Language.WELSH
        worked = order_totals(session, order.id)[order.id].credited_minutes
        attended = (select(Appointment.id, UpwSession.session_date, Project.id.label("pid"),
                           Project.name, Project.project_type)
                    .join(UpwSession, UpwSession.id == Appointment.session_id)
                    .join(Project, Project.id == UpwSession.project_id)
                    .where(Appointment.order_id == order.id,
                           Appointment.outcome_code.in_(sorted(ATTENDED_CODES)))
                    .order_by(UpwSession.session_date, Appointment.id))
        rows = session.execute(attended).all()
        first_day = rows[0].session_date if rows else None
        last_day = rows[-1].session_date if rows else None
        projects: list[str] = []
        project_ids: list[int] = []
        for row in rows:
            if row.project_type != INDUCTION and row.name not in projects:
                projects.append(row.name)
            if row.pid not in project_ids:
                project_ids.append(row.pid)

        def named(skill: Skill) -> str:
            return (skill.name_cy or skill.name) if welsh else skill.name

        shown = list(dict.fromkeys(named(s) for s in session.scalars(
            select(Skill).join(AppointmentSkill, AppointmentSkill.skill_id == Skill.id)
            .where(AppointmentSkill.appointment_id.in_([r.id for r in rows]))
            .order_by(Skill.name))))
        practised = [name for name in dict.fromkeys(named(s) for s in session.scalars(
            select(Skill).join(ProjectSkill, ProjectSkill.skill_id == Skill.id)
            .where(ProjectSkill.project_id.in_(project_ids)).order_by(Skill.name)))
            if name not in shown]
        office = session.get(Office, person.office_id) if person.office_id else None
        coordinator = session.get(Staff, order.coordinator_id) if order.coordinator_id else None
        actor = self._ctx.actor
        completed_on: dt.date = order.completed_on or last_day or self._ctx.today()
        return CompletionCertificate(
            language=language, person_name=full_name(person.forename, person.surname),
            crn=person.crn, first_day=first_day, completed_on=completed_on,
            minutes_worked=worked, skills_shown=tuple(shown[:_MAX_LISTED]),
            skills_practised=tuple(practised[:_MAX_LISTED]),
            projects=tuple(projects[:_MAX_LISTED]), office=office.name if office else None,
            issued_on=self._ctx.today(),
            signatory=(coordinator.full_name if coordinator else None)
            or (actor.full_name if actor else None))
