"""The enforcement clock: decisions the law allows, actions, evidence and the queue."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import Row, Select, and_, exists, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from upw_ttg.domain.codes import AuditAction, OrderStatus
from upw_ttg.domain.crediting import ENFORCEABLE_CODES, is_enforceable, outcome_description
from upw_ttg.domain.enforcement import (
    BREACH_LAID,
    BREACH_REQUESTED,
    DECISION_ACTION,
    DECISION_CODES,
    EVIDENCE_CODES,
    NO_FURTHER_ACTION,
    WARNING,
    WARNING_WITHDRAWN,
    ActionFact,
    Decision,
    action_date_problems,
    breach_due,
    covering_warning,
    decision_choices,
    live_warnings,
    respond_by,
    warning_period_end,
)
from upw_ttg.domain.oversight import ReviewKind, ReviewVerdict
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.records_to_check import Listed, RecordToCheck, Subject, listed, set_aside
from upw_ttg.domain.validation import MAX_LONG_TEXT, FieldErrors, clean, text_problem
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.printing.text import format_date
from upw_ttg.records.attendance import (
    DecisionInfo,
    EnforcementActionRow,
    EnforcementQueue,
    QueueItem,
)
from upw_ttg.services import audit
from upw_ttg.services.access import check_case_of, mask_lists_of, mask_restricted
from upw_ttg.services.attendance.common import full_name, load_calendar, read_settings
from upw_ttg.services.attendance.oversight import queue_for_review
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.paging import check_page, paged
from upw_ttg.storage.models import (
    Appointment,
    DeliveryUnit,
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

ENFORCEMENT_SETTINGS = ("upw.warning_period_months", "upw.breach_working_days")
# Codes recorded through ``decide``; every other code is a follow-up action.
FOLLOW_UP_CODES = ("ROM", "EA08", "EA12", BREACH_LAID, WARNING_WITHDRAWN, NO_FURTHER_ACTION)


class EnforcementService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def decision(self, appointment_id: int,
                 decided_on: dt.date | None = None) -> DecisionInfo:
        """The failure, its due dates and the choices the law leaves (rule UPW-20) for a decision
        taken on ``decided_on`` (today unless given)."""
        self._ctx.require(Capability.READ_ATTENDANCE)

        with self._ctx.db.read() as session:
            check_case_of(session, self._ctx, Appointment, appointment_id)
            return self._info(session, appointment_id, decided_on)

    def decide(self, appointment_id: int, choice: Decision, *,
               circumstances: str | None = None, decided_on: dt.date | None = None,
               late_reason: str | None = None) -> EnforcementActionRow:
        """Warn (EA02) or refer for breach (BRE01) on the date the decision was taken
        (today unless given; an earlier date needs ``late_reason``). ``circumstances`` says
        what happened in words fit for the person to read: the warning letter prints them."""
        self._ctx.require(Capability.TAKE_ENFORCEMENT_DECISIONS)
        today = self._ctx.today()
        on = decided_on or today
        text, late = clean(circumstances), clean(late_reason)
        errors = FieldErrors()
        errors.check("circumstances", text_problem("circumstances", text,
                                                   max_length=MAX_LONG_TEXT))
        errors.check("late_reason", text_problem("reason", late))
        if errors:
            raise ValidationError(errors)
        with self._ctx.db.write() as session:
            check_case_of(session, self._ctx, Appointment, appointment_id)
            order_id = session.scalar(select(Appointment.order_id)
                                      .where(Appointment.id == appointment_id))
            if order_id is None:
                raise NotFoundError("That appointment is no longer on record.")
            order = session.scalars(select(UpwOrder).where(UpwOrder.id == order_id)
                                    .with_for_update()).one()
            info = self._info(session, appointment_id, on)
            if info.decided is not None:
                raise ValidationError({"choice": "A decision on this failure was recorded on "
                                                 f"{format_date(info.decided.action_date)}."})
            problems = action_date_problems(on, today, info.failed_on, "the failure", late)
            if problems:
                raise ValidationError(problems)
            if choice not in info.choices:
                raise ValidationError({"choice": info.explanation})
            code = DECISION_ACTION[choice]
            calendar = load_calendar(session)
            # The person's time to respond runs from the decision, not from the keying.
            due = (respond_by(calendar, code, on, _respond_days(session))
                   if choice == Decision.WARN else info.breach_due)
            row = self._add_action(session, order_id, appointment_id, code, on, due, None,
                                   text, late if on < today else None)
            if choice == Decision.REFER and order.status != OrderStatus.CLOSED:
                before = audit.snapshot(order, ["status"])
                order.status = OrderStatus.IN_BREACH
                order.updated_by_id = self._ctx.actor_id
                audit.record(session, self._ctx, AuditAction.UPDATE, "upw_order", order.id,
                             before=before, after=audit.snapshot(order, ["status"]))
            session.flush()
            queue_for_review(session, self._ctx, ReviewKind.DECISION,
                             appointment_id=appointment_id, order_id=order_id, code=code,
                             decided_on=on, action_id=row.id)
            return self._action_row(session, row)

    def record_action(self, order_id: int, code: str, *, appointment_id: int | None = None,
                      respond_by_date: dt.date | None = None, outcome: str | None = None,
                      notes: str | None = None, action_date: dt.date | None = None,
                      late_reason: str | None = None) -> EnforcementActionRow:
        """A follow-up action (ROM, EA08, EA12, BRE02, EA06, NFA) on the date it was taken
        (today unless given; an earlier date needs ``late_reason``), with its respond-by
        date counted from that date unless one is given."""
        self._ctx.require(Capability.TAKE_ENFORCEMENT_DECISIONS)

        today = self._ctx.today()
        on = action_date or today
        errors = FieldErrors()
        outcome, notes, late = clean(outcome), clean(notes), clean(late_reason)
        errors.check("outcome", text_problem("outcome", outcome))
        errors.check("notes", text_problem("notes", notes, max_length=MAX_LONG_TEXT))
        errors.check("late_reason", text_problem("reason", late))
        if code in (WARNING, BREACH_REQUESTED):
            errors.check("code", "Warnings and breach referrals are recorded as the decision "
                                 "on a failure, where the law's choices are shown.")
        elif code not in FOLLOW_UP_CODES:
            errors.check("code", f"{code} is not an enforcement action code.")
        if errors:
            raise ValidationError(errors)
        with self._ctx.db.write() as session:
            check_case_of(session, self._ctx, UpwOrder, order_id)
            order = session.scalars(select(UpwOrder).where(UpwOrder.id == order_id)
                                    .with_for_update()).first()
            if order is None:
                raise NotFoundError("That order is no longer on record.")
            facts = self._facts(session, order_id)
            mine = [f for f in facts if f.appointment_id == appointment_id]
            earliest, earliest_what = order.sentence_date, "the sentence"
            if appointment_id is not None:
                found = session.execute(
                    select(Appointment.order_id, Appointment.outcome_code,
                           UpwSession.session_date)
                    .join(UpwSession, UpwSession.id == Appointment.session_id)
                    .where(Appointment.id == appointment_id)).first()
                if found is None or found[0] != order_id:
                    errors.check("appointment_id", "That appointment is not on this order.")
                else:
                    earliest, earliest_what = found[2], "the failure"
                    if code == NO_FURTHER_ACTION and is_enforceable(found[1]) and not any(
                            f.code in DECISION_CODES for f in mine):
                        errors.check("code", "A failure without reasonable excuse needs a "
                                             "warning or a referral. If the absence was "
                                             "acceptable, change its outcome on the register "
                                             "instead.")
            warnings = [f.action_date for f in mine if f.code == WARNING]
            if code == WARNING_WITHDRAWN:
                if not warnings:
                    errors.check("code", "There is no warning on this failure to withdraw.")
                elif max(warnings) > earliest:
                    earliest, earliest_what = max(warnings), "the warning"
            if code == BREACH_LAID:
                requested = [f.action_date for f in self._unlaid(facts)]
                if not requested:
                    errors.check("code", "No breach has been requested on this order.")
                elif min(requested) > earliest:
                    earliest, earliest_what = min(requested), "the referral for breach"
            if errors:
                raise ValidationError(errors)
            problems = action_date_problems(on, today, earliest, earliest_what, late)
            if problems:
                raise ValidationError(problems)
            due = respond_by_date or respond_by(load_calendar(session), code, on,
                                                _respond_days(session))
            row = self._add_action(session, order_id, appointment_id, code, on, due, outcome,
                                   notes, late if on < today else None)
            if code == NO_FURTHER_ACTION and appointment_id is not None:
                queue_for_review(session, self._ctx, ReviewKind.DECISION,
                                 appointment_id=appointment_id, order_id=order_id, code=code,
                                 decided_on=on, action_id=row.id)
            return self._action_row(session, row)

    def record_evidence(self, appointment_id: int, received_on: dt.date) -> None:
        """Rule UPW-18: evidence for an absence claimed as acceptable has arrived."""
        self._ctx.require(Capability.TAKE_ENFORCEMENT_DECISIONS)
        if received_on > self._ctx.today():
            raise ValidationError({"received_on": "The date evidence arrived cannot be in the "
                                                  "future."})
        with self._ctx.db.write() as session:
            check_case_of(session, self._ctx, Appointment, appointment_id)
            row = session.get(Appointment, appointment_id)
            if row is None:
                raise NotFoundError("That appointment is no longer on record.")
            if row.outcome_code not in EVIDENCE_CODES:
                raise ValidationError({"received_on": "This appointment is not an absence that "
                                                      "needs evidence."})
            before = audit.snapshot(row, ["evidence_received_on"])
            row.evidence_received_on = received_on
            row.updated_by_id = self._ctx.actor_id
            audit.record(session, self._ctx, AuditAction.UPDATE, "appointment", row.id,
                         before=before, after=audit.snapshot(row, ["evidence_received_on"]))

    def history(self, order_id: int) -> list[EnforcementActionRow]:
        self._ctx.require(Capability.READ_ATTENDANCE)
        with self._ctx.db.read() as session:
            check_case_of(session, self._ctx, UpwOrder, order_id)
            rows = session.scalars(select(EnforcementAction)
                                   .where(EnforcementAction.order_id == order_id)
                                   .order_by(EnforcementAction.action_date,
                                             EnforcementAction.id))
            return [self._action_row(session, r) for r in rows]

    def queue(self, *, delivery_unit_id: int | None = None, coordinator_id: int | None = None,
              limit: int | None = None) -> EnforcementQueue:
        """Decisions due and overdue, evidence overdue and breaches not yet laid.

        ``limit`` keeps the evidence overdue (the one list that runs to thousands in a large
        service) to its first page: ``evidence_overdue_total`` counts them all and
        ``evidence_overdue`` reads the pages after it.
        """
        self._ctx.require(Capability.READ_ATTENDANCE)
        check_page(limit, 0)
        today = self._ctx.today()
        with self._ctx.db.read() as session:
            months = int(read_settings(session, *ENFORCEMENT_SETTINGS)
                         ["upw.warning_period_months"])
            decided = aliased(EnforcementAction)
            query = self._people_query(Appointment.enforcement_due).where(
                Appointment.outcome_code.in_(ENFORCEABLE_CODES),
                Appointment.enforcement_due.is_not(None),
                ~exists().where(decided.appointment_id == Appointment.id,
                                decided.action_code.in_(DECISION_CODES),
                                decided.overturned_at.is_(None)))
            pending = self._filtered(session, query, delivery_unit_id, coordinator_id)
            warnings = self._warnings(session, {r.order_id for r in pending})
            reasons = self._overturned(session, delivery_unit_id, coordinator_id)
            decisions, aside = set_aside(
                sorted(pending, key=lambda r: (r.extra, r.session_date)),
                lambda r: self._item(r, r.extra, today, must_refer=covering_warning(
                    [w for w, aid in warnings[r.order_id] if aid != r.appointment_id],
                    r.session_date, today, months) is not None,
                    reopened=reasons.get(r.appointment_id)), _failure_subject)
            reopened = tuple(dataclasses.replace(d, reopened_reason=reasons[d.appointment_id])
                             for d in decisions if d.appointment_id in reasons)
            reopened += tuple(self._reopened_absences(session, delivery_unit_id,
                                                      coordinator_id, today))
            evidence = self._evidence(session, delivery_unit_id, coordinator_id, today,
                                      limit, 0)
            evidence_aside = list(evidence.to_check)
            evidence_total = len(evidence) + len(evidence_aside)
            if limit is not None and evidence_total >= limit:
                evidence_total = self._evidence_count(session, delivery_unit_id,
                                                      coordinator_id, today)
            laid, laid_aside = self._breaches(session, delivery_unit_id, coordinator_id, today)
            breaches = tuple(sorted(laid, key=lambda i: (i.due or dt.date.max, i.event_date)))
            return mask_lists_of(session, self._ctx, EnforcementQueue(
                tuple(decisions), tuple(evidence), breaches,
                tuple(aside + evidence_aside + laid_aside), evidence_total, reopened))

    def evidence_overdue(self, *, delivery_unit_id: int | None = None,
                         coordinator_id: int | None = None, limit: int | None = None,
                         offset: int = 0) -> Listed[QueueItem]:
        """Evidence overdue, oldest due first: one page of the queue's second list."""
        self._ctx.require(Capability.READ_ATTENDANCE)
        today = self._ctx.today()
        with self._ctx.db.read() as session:
            return mask_restricted(session, self._ctx, self._evidence(
                session, delivery_unit_id, coordinator_id, today, limit, offset))

    # -- helpers -------------------------------------------------------------------------

    def _info(self, session: Session, appointment_id: int,
              decided_on: dt.date | None = None) -> DecisionInfo:
        found = session.execute(
            select(Appointment, UpwSession.session_date, Project.name, Person)
            .join(UpwSession, UpwSession.id == Appointment.session_id)
            .join(Project, Project.id == UpwSession.project_id)
            .join(Person, Person.id == Appointment.person_id)
            .where(Appointment.id == appointment_id)).first()
        if found is None:
            raise NotFoundError("That appointment is no longer on record.")
        appt, failed_on, project_name, person = found
        if not is_enforceable(appt.outcome_code):
            raise ValidationError({"appointment_id": "This appointment's outcome does not need "
                                                     "an enforcement decision."})
        settings = read_settings(session, *ENFORCEMENT_SETTINGS)
        months = int(settings["upw.warning_period_months"])
        facts = self._facts(session, appt.order_id)
        warnings = live_warnings(f for f in facts if f.appointment_id != appt.id)
        today = self._ctx.today()
        # The law looks at the warnings given by the day the decision is taken.
        covering = covering_warning(warnings, failed_on, decided_on or today, months)
        must_refer = covering is not None
        covering_ends = warning_period_end(covering, months) if covering else None
        if must_refer:
            explanation = (f"A first warning was given on {format_date(covering)}, and this "
                           f"failure on {format_date(failed_on)} is within the {months} months "
                           f"it covers (to {format_date(covering_ends)}). The law requires "
                           "referral for breach: a further warning is not allowed.")
        else:
            explanation = (f"No warning in the {months} months before this failure: give a "
                           "first warning or refer for breach.")
        decided_action = session.scalars(
            select(EnforcementAction).where(EnforcementAction.appointment_id == appointment_id,
                                            EnforcementAction.action_code.in_(DECISION_CODES),
                                            EnforcementAction.overturned_at.is_(None))
            .order_by(EnforcementAction.id.desc())).first()
        calendar = load_calendar(session)
        return DecisionInfo(
            appointment_id=appt.id, order_id=appt.order_id, person_id=person.id, crn=person.crn,
            name=full_name(person.forename, person.surname), failed_on=failed_on,
            outcome_code=appt.outcome_code or "", outcome_description=outcome_description(
                appt.outcome_code), project_name=project_name,
            decision_due=appt.enforcement_due,
            breach_due=breach_due(calendar, failed_on, int(settings["upw.breach_working_days"])),
            overdue=decided_action is None and appt.enforcement_due is not None
            and appt.enforcement_due < today,
            must_refer=must_refer, choices=decision_choices(must_refer),
            covering_warning_on=covering, covering_warning_ends=covering_ends,
            explanation=explanation,
            decided=self._action_row(session, decided_action) if decided_action else None,
            as_of=decided_on or today)

    @staticmethod
    def _facts(session: Session, order_id: int) -> list[ActionFact]:
        return [ActionFact(code, day, aid) for code, day, aid in session.execute(
            select(EnforcementAction.action_code, EnforcementAction.action_date,
                   EnforcementAction.appointment_id)
            .where(EnforcementAction.order_id == order_id,
                   EnforcementAction.overturned_at.is_(None))
            .order_by(EnforcementAction.action_date, EnforcementAction.id))]

    @staticmethod
    def _unlaid(facts: list[ActionFact]) -> list[ActionFact]:
        """Breach requests with no breach laid on or after them."""
        laid = [f.action_date for f in facts if f.code == BREACH_LAID]
        return [f for f in facts if f.code == BREACH_REQUESTED
                and not any(day >= f.action_date for day in laid)]

    def _add_action(self, session: Session, order_id: int, appointment_id: int | None,
                    code: str, on: dt.date, due: dt.date | None, outcome: str | None,
                    notes: str | None, late_reason: str | None) -> EnforcementAction:
        """The action, dated when it was taken; the audit keeps that date, the reason it was
        recorded late, and (as the event's time) when it was keyed."""
        row = EnforcementAction(order_id=order_id, appointment_id=appointment_id,
                                action_code=code, action_date=on, respond_by=due,
                                outcome=outcome, notes=notes, staff_id=self._ctx.actor_id,
                                late_reason=late_reason)
        session.add(row)
        session.flush()
        audit.record(session, self._ctx, AuditAction.CREATE, "enforcement_action", row.id,
                     after=audit.snapshot(row))
        return row

    @staticmethod
    def _action_row(session: Session, row: EnforcementAction) -> EnforcementActionRow:
        description = session.scalar(select(EnforcementActionCode.description).where(
            EnforcementActionCode.code == row.action_code)) or row.action_code
        staff = session.scalar(select(Staff.full_name).where(Staff.id == row.staff_id)) \
            if row.staff_id else None
        return EnforcementActionRow(row.id, row.order_id, row.appointment_id, row.action_code,
                                    description, row.action_date, row.respond_by, row.outcome,
                                    row.notes, staff, row.late_reason,
                                    row.overturned_at is not None)

    @staticmethod
    def _people_query(extra: InstrumentedAttribute[Any]) -> Select[*tuple[Any, ...]]:
        coordinator = aliased(Staff)
        return (select(Appointment.id.label("appointment_id"), Appointment.order_id,
                       Appointment.outcome_code, UpwSession.session_date, Person.id.label(
                           "person_id"), Person.crn, Person.forename, Person.surname,
                       UpwOrder.coordinator_id, coordinator.full_name.label("coordinator"),
                       DeliveryUnit.code.label("unit"), extra.label("extra"))
                .join(UpwSession, UpwSession.id == Appointment.session_id)
                .join(Person, Person.id == Appointment.person_id)
                .join(UpwOrder, UpwOrder.id == Appointment.order_id)
                .outerjoin(coordinator, coordinator.id == UpwOrder.coordinator_id)
                .outerjoin(Office, Office.id == Person.office_id)
                .outerjoin(DeliveryUnit, DeliveryUnit.id == Office.delivery_unit_id))

    @staticmethod
    def _scoped(query: Select[*tuple[Any, ...]], delivery_unit_id: int | None,
                coordinator_id: int | None) -> Select[*tuple[Any, ...]]:
        if delivery_unit_id is not None:
            query = query.where(DeliveryUnit.id == delivery_unit_id)
        if coordinator_id is not None:
            query = query.where(UpwOrder.coordinator_id == coordinator_id)
        return query

    def _filtered(self, session: Session, query: Select[*tuple[Any, ...]],
                  delivery_unit_id: int | None, coordinator_id: int | None
                  ) -> list[Row[*tuple[Any, ...]]]:
        return list(session.execute(self._scoped(query, delivery_unit_id, coordinator_id)))

    def _evidence_query(self, today: dt.date) -> Select[*tuple[Any, ...]]:
        return self._people_query(Appointment.evidence_due).where(
            Appointment.outcome_code.in_(EVIDENCE_CODES), Appointment.evidence_due < today,
            Appointment.evidence_received_on.is_(None))

    def _evidence_count(self, session: Session, delivery_unit_id: int | None,
                        coordinator_id: int | None, today: dt.date) -> int:
        """How many evidence are overdue: the list's own query counted. (Counting through
        fewer joins let both databases start from the unit's people and read all their
        appointments instead of the index of evidence awaited.)"""
        listed_query = self._scoped(self._evidence_query(today), delivery_unit_id,
                                    coordinator_id)
        return session.scalar(select(func.count()).select_from(listed_query.subquery())) or 0

    def _evidence(self, session: Session, delivery_unit_id: int | None,
                  coordinator_id: int | None, today: dt.date, limit: int | None,
                  offset: int) -> Listed[QueueItem]:
        """A page of the evidence overdue, ordered in SQL (oldest due first) so a page is read
        without the thousands of rows after it."""
        query = paged(self._scoped(self._evidence_query(today), delivery_unit_id,
                                   coordinator_id)
                      .order_by(Appointment.evidence_due, UpwSession.session_date,
                                Appointment.id), limit, offset)
        return listed(session.execute(query), lambda r: self._item(r, r.extra, today),
                      _failure_subject)

    @staticmethod
    def _item(r: Row[*tuple[Any, ...]], due: dt.date | None, today: dt.date, *,
              must_refer: bool = False, reopened: str | None = None) -> QueueItem:
        return QueueItem(r.appointment_id, r.order_id, r.person_id, r.crn,
                         full_name(r.forename, r.surname), r.session_date, r.outcome_code, due,
                         due is not None and due < today, r.coordinator_id, r.coordinator,
                         r.unit, must_refer, reopened)

    def _overturned(self, session: Session, delivery_unit_id: int | None,
                    coordinator_id: int | None) -> dict[int, str]:
        """The manager's reason, by appointment, for each overturned decision (rule
        UPW-OVERSIGHT); the latest check of an appointment is the one that counts."""
        later = aliased(EnforcementReview)
        query = (select(EnforcementReview.appointment_id, EnforcementReview.reason)
                 .where(EnforcementReview.kind == ReviewKind.DECISION,
                        EnforcementReview.verdict == ReviewVerdict.OVERTURNED,
                        ~exists().where(later.appointment_id == EnforcementReview.appointment_id,
                                        later.id > EnforcementReview.id)))
        if delivery_unit_id is not None:
            query = query.where(EnforcementReview.delivery_unit_id == delivery_unit_id)
        if coordinator_id is not None:
            query = query.join(UpwOrder, UpwOrder.id == EnforcementReview.order_id).where(
                UpwOrder.coordinator_id == coordinator_id)
        return {aid: reason or "" for aid, reason in session.execute(query)}

    def _reopened_absences(self, session: Session, delivery_unit_id: int | None,
                           coordinator_id: int | None, today: dt.date) -> list[QueueItem]:
        """Accepted absences a manager overturned whose outcome still stands."""
        later = aliased(EnforcementReview)
        query = self._scoped(self._people_query(EnforcementReview.reason).join(
            EnforcementReview, and_(EnforcementReview.appointment_id == Appointment.id,
                                    EnforcementReview.code == Appointment.outcome_code))
            .where(EnforcementReview.kind == ReviewKind.ABSENCE,
                   EnforcementReview.verdict == ReviewVerdict.OVERTURNED,
                   ~exists().where(later.appointment_id == EnforcementReview.appointment_id,
                                   later.id > EnforcementReview.id))
            .order_by(UpwSession.session_date, Appointment.id), delivery_unit_id, coordinator_id)
        return [self._item(r, None, today, reopened=r.extra or "")
                for r in session.execute(query)]

    @staticmethod
    def _warnings(session: Session, order_ids: set[int]
                  ) -> dict[int, list[tuple[dt.date, int | None]]]:
        facts: dict[int, list[ActionFact]] = defaultdict(list)
        if order_ids:
            for order_id, code, day, aid in session.execute(
                    select(EnforcementAction.order_id, EnforcementAction.action_code,
                           EnforcementAction.action_date, EnforcementAction.appointment_id)
                    .where(EnforcementAction.order_id.in_(order_ids),
                           EnforcementAction.action_code.in_((WARNING, WARNING_WITHDRAWN)),
                           EnforcementAction.overturned_at.is_(None))):
                facts[order_id].append(ActionFact(code, day, aid))
        result: dict[int, list[tuple[dt.date, int | None]]] = defaultdict(list)
        for order_id, items in facts.items():
            withdrawn = {f.appointment_id for f in items if f.code == WARNING_WITHDRAWN}
            result[order_id] = [(f.action_date, f.appointment_id) for f in items
                                if f.code == WARNING and f.appointment_id not in withdrawn]
        return result

    def _breaches(self, session: Session, delivery_unit_id: int | None,
                  coordinator_id: int | None, today: dt.date
                  ) -> tuple[list[QueueItem], list[RecordToCheck]]:
        laid = aliased(EnforcementAction)
        coordinator = aliased(Staff)
        query = (select(EnforcementAction, Person.id, Person.crn, Person.forename,
                        Person.surname, UpwOrder.coordinator_id, coordinator.full_name,
                        DeliveryUnit.code, Appointment.outcome_code, UpwSession.session_date)
                 .join(UpwOrder, UpwOrder.id == EnforcementAction.order_id)
                 .join(Person, Person.id == UpwOrder.person_id)
                 .outerjoin(coordinator, coordinator.id == UpwOrder.coordinator_id)
                 .outerjoin(Office, Office.id == Person.office_id)
                 .outerjoin(DeliveryUnit, DeliveryUnit.id == Office.delivery_unit_id)
                 .outerjoin(Appointment, Appointment.id == EnforcementAction.appointment_id)
                 .outerjoin(UpwSession, UpwSession.id == Appointment.session_id)
                 .where(EnforcementAction.action_code == BREACH_REQUESTED,
                        EnforcementAction.overturned_at.is_(None),
                        ~exists().where(and_(laid.order_id == EnforcementAction.order_id,
                                             laid.action_code == BREACH_LAID,
                                             laid.action_date >= EnforcementAction.action_date))))
        if delivery_unit_id is not None:
            query = query.where(DeliveryUnit.id == delivery_unit_id)
        if coordinator_id is not None:
            query = query.where(UpwOrder.coordinator_id == coordinator_id)
        # The coordinator, unit, outcome and session are None where the joins find none.
        def item(row: Row[EnforcementAction, int, str, str, str, int | None, str | None,
                          str | None, str | None, dt.date | None]) -> QueueItem:
            a, pid, crn, forename, surname, cid, cname, unit, code, day = row
            return QueueItem(a.appointment_id, a.order_id, pid, crn,
                             full_name(forename, surname), day or a.action_date,
                             code or BREACH_REQUESTED, a.respond_by,
                             a.respond_by is not None and a.respond_by < today, cid, cname, unit)

        return set_aside(session.execute(query).all(), item, lambda row: Subject(
            row[2], full_name(row[3], row[4]), "breach request",
            {"request date": row[0].action_date, "respond-by date": row[0].respond_by},
            row[1]))


def _failure_subject(r: Row[*tuple[Any, ...]]) -> Subject:
    """An absence or failure in the queue, named for "Records to check"."""
    return Subject(r.crn, full_name(r.forename, r.surname), "appointment",
                   {"appointment date": r.session_date, "date due": r.extra}, r.person_id)


def _respond_days(session: Session) -> int:
    """Working days the person has to respond, from its setting."""
    return int(read_settings(session, "upw.respond_by_working_days")["upw.respond_by_working_days"])
