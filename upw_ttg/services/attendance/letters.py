"""Letters and the breach summary: gathered in one read, printed by pure document functions."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session

from upw_ttg.domain.access import Recipient
from upw_ttg.domain.codes import (
    OUTCOMES_BY_CODE,
    AdjustmentStatus,
    AuditAction,
    Language,
    OrderStatus,
    SessionStatus,
)
from upw_ttg.domain.crediting import ENFORCEABLE_CODES, is_attended
from upw_ttg.domain.enforcement import (
    BREACH_REQUESTED,
    WARNING,
    WARNING_WITHDRAWN,
    letter_respond_by,
    warning_period_end,
)
from upw_ttg.domain.local_time import local_date
from upw_ttg.domain.oversight import ReviewVerdict
from upw_ttg.domain.permissions import Capability
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.printing import glossary
from upw_ttg.printing.text import as_sentences
from upw_ttg.records.attendance import CompletionDue
from upw_ttg.records.letters import (
    BreachAction,
    BreachAdjustment,
    BreachFailure,
    BreachSummary,
    CompletionLetter,
    LetterHead,
    NextSession,
    WarningLetter,
)
from upw_ttg.services import audit
from upw_ttg.services.access import check_case_of, mask_restricted
from upw_ttg.services.access_log import log_print
from upw_ttg.services.attendance.common import full_name, load_calendar, read_settings
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.order_totals import order_totals
from upw_ttg.services.organisation import office_contact
from upw_ttg.storage.models import (
    Adjustment,
    Appointment,
    AuditEvent,
    EnforcementAction,
    EnforcementActionCode,
    EnforcementReview,
    Office,
    Person,
    Project,
    Staff,
    UpwOrder,
    UpwSession,
)

# The documents, and reportlab under them (about 10 MB), are loaded when something is
# printed: the screens that use this service open without them.
COMPLETION_LETTER = "completion letter"
WARNING_LETTER = "warning letter"
BREACH_SUMMARY = "breach summary"
_MAX_PROJECTS = 4


class LetterService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def warning_letter(self, appointment_id: int, *, language: Language | None = None
                       ) -> WarningLetter:
        """The first warning recorded (EA02) on this failure, as a letter."""
        self._ctx.require(Capability.PRINT_UPW_LETTERS)
        with self._ctx.db.read() as session:
            check_case_of(session, self._ctx, Appointment, appointment_id)
            return self._warning(session, appointment_id, language)

    def render_warning_letter(self, appointment_id: int, *,
                              language: Language | None = None) -> bytes:
        self._ctx.require(Capability.PRINT_UPW_LETTERS)
        letter = self.warning_letter(appointment_id, language=language)
        order_id = self._order_of(appointment_id)
        from upw_ttg.printing.documents.warning_letter import render_warning_letter

        return self._printed(render_warning_letter(letter, printed_at=self._ctx.now(),
                                                   printed_by=self._actor_name()),
                             order_id, WARNING_LETTER)

    def completion_letter(self, order_id: int, *, language: Language | None = None
                          ) -> CompletionLetter:
        self._ctx.require(Capability.PRINT_UPW_LETTERS)
        with self._ctx.db.read() as session:
            check_case_of(session, self._ctx, UpwOrder, order_id)
            return self._completion(session, order_id, language)

    def render_completion_letter(self, order_id: int, *,
                                 language: Language | None = None) -> bytes:
        self._ctx.require(Capability.PRINT_UPW_LETTERS)
        letter = self.completion_letter(order_id, language=language)
        from upw_ttg.printing.documents.completion_letter import render_completion_letter

        return self._printed(render_completion_letter(letter, printed_at=self._ctx.now(),
                                                      printed_by=self._actor_name()),
                             order_id, COMPLETION_LETTER)

    def completion_letters_due(self, *, delivery_unit_id: int | None = None
                               ) -> list[CompletionDue]:
        """Completed orders whose completion letter has never been printed."""
        self._ctx.require(Capability.READ_ATTENDANCE)
        with self._ctx.db.read() as session:
            printed = select(AuditEvent.entity_id).where(
                AuditEvent.entity == "upw_order", AuditEvent.action == AuditAction.PRINT,
                AuditEvent.changes.contains(COMPLETION_LETTER))
            query = (select(UpwOrder.id, Person.id, Person.crn, Person.forename, Person.surname,
                            UpwOrder.completed_on)
                     .join(Person, Person.id == UpwOrder.person_id)
                     .where(UpwOrder.status == OrderStatus.COMPLETED,
                            cast(UpwOrder.id, String(40)).not_in(printed))
                     .order_by(UpwOrder.completed_on, UpwOrder.id))
            if delivery_unit_id is not None:
                query = (query.join(Office, Office.id == Person.office_id)
                         .where(Office.delivery_unit_id == delivery_unit_id))
            return mask_restricted(session, self._ctx, [
                CompletionDue(oid, pid, crn, full_name(forename, surname), done)
                for oid, pid, crn, forename, surname, done in session.execute(query)])

    def breach_summary(self, order_id: int, *, language: Language | None = None
                       ) -> BreachSummary:
        self._ctx.require(Capability.TAKE_ENFORCEMENT_DECISIONS)
        with self._ctx.db.read() as session:
            check_case_of(session, self._ctx, UpwOrder, order_id)
            return self._breach(session, order_id, language)

    def render_breach_summary(self, order_id: int, *, language: Language | None = None
                              ) -> bytes:
        self._ctx.require(Capability.TAKE_ENFORCEMENT_DECISIONS)
        summary = self.breach_summary(order_id, language=language)
        from upw_ttg.printing.documents.breach_summary import render_breach_summary

        return self._printed(render_breach_summary(summary), order_id, BREACH_SUMMARY)

    # -- gathering -----------------------------------------------------------------------

    def _warning(self, session: Session, appointment_id: int,
                 language: Language | None) -> WarningLetter:
        found = session.execute(
            select(Appointment, UpwSession, Project.name)
            .join(UpwSession, UpwSession.id == Appointment.session_id)
            .join(Project, Project.id == UpwSession.project_id)
            .where(Appointment.id == appointment_id)).first()
        if found is None:
            raise NotFoundError("That appointment is no longer on record.")
        appointment, sess, project_name = found
        actions = list(session.scalars(select(EnforcementAction).where(
            EnforcementAction.appointment_id == appointment_id,
            EnforcementAction.action_code.in_((WARNING, WARNING_WITHDRAWN)))
            .order_by(EnforcementAction.id)))
        warning = next((a for a in reversed(actions) if a.action_code == WARNING), None)
        if warning is None:
            raise ValidationError({"appointment_id": "No first warning is recorded for this "
                                                     "failure."})
        if any(a.action_code == WARNING_WITHDRAWN for a in actions):
            raise ValidationError({"appointment_id": "This warning was withdrawn."})
        if warning.overturned_at is not None:  # rule UPW-OVERSIGHT
            raise ValidationError({"appointment_id": "A manager overturned this warning: "
                                                     "there is no warning to send."})
        order = session.get(UpwOrder, appointment.order_id)
        assert order is not None
        months = int(read_settings(session, "upw.warning_period_months")
                     ["upw.warning_period_months"])
        remaining = self._remaining(session, order)
        return WarningLetter(
            # Dated the day the warning was given, so the letter, its respond-by date and
            # the warning period it covers all agree with the record.
            head=self._head(session, order, language, warning.action_date), court=order.court,
            sentence_date=order.sentence_date, order_type=order.order_type,
            hours_ordered=order.hours_ordered, failure_code=appointment.outcome_code or "",
            failure_date=sess.session_date, project_name=project_name,
            start_time=sess.start_time, end_time=sess.end_time, circumstances=warning.notes,
            warning_date=warning.action_date,
            warning_ends_on=warning_period_end(warning.action_date, months),
            warning_months=months,
            respond_by=letter_respond_by(load_calendar(session), warning.respond_by,
                                         self._ctx.today(), _respond_days(session)),
            remaining_minutes=remaining,
            next_session=self._next_session(session, order.id))

    def _next_session(self, session: Session, order_id: int) -> NextSession | None:
        """The first session still booked on this order from today (the letter's reader acts
        on it, so it is the next one when printed)."""
        found = session.execute(
            select(UpwSession, Project)
            .join(Appointment, Appointment.session_id == UpwSession.id)
            .join(Project, Project.id == UpwSession.project_id)
            .where(Appointment.order_id == order_id, Appointment.outcome_code.is_(None),
                   UpwSession.session_date >= self._ctx.today(),
                   UpwSession.status == SessionStatus.PLANNED)
            .order_by(UpwSession.session_date, UpwSession.start_time)).first()
        if found is None:
            return None
        upcoming, project = found
        address = tuple(x for x in (project.site_address, project.site_town,
                                    project.site_postcode) if x)
        return NextSession(upcoming.session_date, upcoming.start_time, upcoming.end_time,
                           project.name, address)

    def _completion(self, session: Session, order_id: int,
                    language: Language | None) -> CompletionLetter:
        order = session.get(UpwOrder, order_id)
        if order is None:
            raise NotFoundError("That order is no longer on record.")
        if order.status != OrderStatus.COMPLETED and order.completed_on is None:
            raise ValidationError({"order_id": "The hours on this order are not complete yet."})
        incentive = order_totals(session, order_id, crediting=True)[order_id].incentive_minutes or 0
        projects: list[str] = []
        for name, code in session.execute(
                select(Project.name, Appointment.outcome_code)
                .join(UpwSession, UpwSession.project_id == Project.id)
                .join(Appointment, Appointment.session_id == UpwSession.id)
                .where(Appointment.order_id == order_id)
                .order_by(UpwSession.session_date, Appointment.id)):
            if is_attended(code) and name not in projects:
                projects.append(name)
        return CompletionLetter(
            head=self._head(session, order, language), court=order.court,
            sentence_date=order.sentence_date, order_type=order.order_type,
            hours_ordered=order.hours_ordered,
            completed_on=order.completed_on or self._ctx.today(), standalone=order.standalone,
            incentive_minutes=-int(incentive), projects=tuple(projects[:_MAX_PROJECTS]))

    def _breach(self, session: Session, order_id: int,
                language: Language | None) -> BreachSummary:
        order = session.get(UpwOrder, order_id)
        if order is None:
            raise NotFoundError("That order is no longer on record.")
        person = session.get(Person, order.person_id)
        assert person is not None
        office = session.get(Office, person.office_id) if person.office_id else None
        coordinator = session.get(Staff, order.coordinator_id) if order.coordinator_id else None
        total = order_totals(session, order.id)[order.id]
        failures, attended, acceptable = [], 0, 0
        for appt, day, project in session.execute(
                select(Appointment, UpwSession.session_date, Project.name)
                .join(UpwSession, UpwSession.id == Appointment.session_id)
                .join(Project, Project.id == UpwSession.project_id)
                .where(Appointment.order_id == order_id, Appointment.outcome_code.is_not(None))
                .order_by(UpwSession.session_date, Appointment.id)):
            attended += is_attended(appt.outcome_code)
            acceptable += OUTCOMES_BY_CODE[appt.outcome_code or ""].acceptable_absence
            if appt.outcome_code in ENFORCEABLE_CODES:
                failures.append(BreachFailure(day, appt.outcome_code, project,
                                              None if appt.notes_sensitive else appt.notes,
                                              bool(appt.notes_sensitive and appt.notes)))
        actions = []
        # Rule UPW-OVERSIGHT: a decision a manager overturned is printed as overturned, with
        # the manager's reason, never as a live decision.
        overturns = (select(EnforcementReview.enforcement_action_id.label("action_id"),
                            func.max(EnforcementReview.reason).label("reason"))
                     .where(EnforcementReview.order_id == order_id,
                            EnforcementReview.verdict == ReviewVerdict.OVERTURNED)
                     .group_by(EnforcementReview.enforcement_action_id).subquery())
        for action, description, staff, reason in session.execute(
                select(EnforcementAction, EnforcementActionCode.description, Staff.full_name,
                       overturns.c.reason)
                .join(EnforcementActionCode,
                      EnforcementActionCode.code == EnforcementAction.action_code)
                .outerjoin(Staff, Staff.id == EnforcementAction.staff_id)
                .outerjoin(overturns, overturns.c.action_id == EnforcementAction.id)
                .where(EnforcementAction.order_id == order_id)
                .order_by(EnforcementAction.action_date, EnforcementAction.id)):
            text = as_sentences(action.outcome, action.notes)
            overturned = action.overturned_at
            actions.append(BreachAction(
                action.action_date, action.action_code, description, action.respond_by, text,
                staff, overturned_on=local_date(overturned) if overturned else None,
                overturned_reason=reason if overturned else None))
        referral = next((a for a in reversed(actions)
                         if a.code == BREACH_REQUESTED and a.overturned_on is None), None)
        adjustments = tuple(BreachAdjustment(a.adjusted_on, a.kind.value, a.reason, a.minutes)
                            for a in session.scalars(
                                select(Adjustment).where(
                                    Adjustment.order_id == order_id,
                                    Adjustment.status == AdjustmentStatus.APPROVED)
                                .order_by(Adjustment.adjusted_on, Adjustment.id)))
        address = tuple(x for x in (person.address_line1, person.address_line2, person.town,
                                    person.postcode) if x)
        return BreachSummary(
            language=(language or person.preferred_language).printed, crn=person.crn,
            name=full_name(person.forename, person.surname), date_of_birth=person.date_of_birth,
            address_lines=address, office=office.name if office else None,
            coordinator=coordinator.full_name if coordinator else None, court=order.court,
            sentence_date=order.sentence_date, order_type=order.order_type,
            hours_ordered=order.hours_ordered, credited_minutes=total.credited_minutes,
            adjustment_minutes=total.adjustment_minutes,
            remaining_minutes=total.remaining_minutes,
            deadline=order.deadline, attended=attended, acceptable=acceptable,
            failures=tuple(failures), actions=tuple(actions),
            referred_on=referral.on if referral else None,
            breach_due=referral.respond_by if referral else None, printed_at=self._ctx.now(),
            printed_by=self._actor_name(), adjustments=adjustments)

    def _head(self, session: Session, order: UpwOrder, language: Language | None,
              letter_date: dt.date | None = None) -> LetterHead:
        person = session.get(Person, order.person_id)
        assert person is not None
        coordinator = session.get(Staff, order.coordinator_id) if order.coordinator_id else None
        address = tuple(x for x in (person.address_line1, person.address_line2, person.town,
                                    person.postcode) if x)
        language = (language or person.preferred_language).printed
        # A person with no office on record still gets a number to call: their coordinator's
        # office, else the office of whoever prints the letter.
        actor = self._ctx.actor
        office_id = (person.office_id or (coordinator.office_id if coordinator else None)
                     or (actor.office_id if actor else None))
        return LetterHead(
            language=language,
            person_name=full_name(person.forename, person.surname), address_lines=address,
            crn=person.crn, office=office_contact(session, office_id),
            letter_date=letter_date or self._ctx.today(),
            signatory=(coordinator.full_name if coordinator else None) or self._actor_name()
            or glossary.phrase("service.unpaid_work_team", language))

    def _remaining(self, session: Session, order: UpwOrder) -> int:
        return order_totals(session, order.id)[order.id].remaining_minutes

    def _order_of(self, appointment_id: int) -> int:
        with self._ctx.db.read() as session:
            order_id = session.scalar(select(Appointment.order_id)
                                      .where(Appointment.id == appointment_id))
        if order_id is None:
            raise NotFoundError("That appointment is no longer on record.")
        return order_id

    def _actor_name(self) -> str | None:
        return self._ctx.actor.full_name if self._ctx.actor else None

    def _printed(self, pdf: bytes, order_id: int, document: str) -> bytes:
        with self._ctx.db.write() as session:
            audit.record(session, self._ctx, AuditAction.PRINT, "upw_order", order_id,
                         after={"document": document})
            person_id = session.scalar(select(UpwOrder.person_id).where(UpwOrder.id == order_id))
            recipient = Recipient.COURT if document == BREACH_SUMMARY else Recipient.THE_PERSON
            log_print(session, self._ctx, document, recipient, order_id, [person_id])
        return pdf



def _respond_days(session: Session) -> int:
    return int(read_settings(session, "upw.respond_by_working_days")
               ["upw.respond_by_working_days"])
