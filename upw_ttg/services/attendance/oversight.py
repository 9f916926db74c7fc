"""A manager's check of enforcement (rule UPW-OVERSIGHT): the queue, agree, overturn, rates."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import ColumnElement, Row, Select, and_, exists, select
from sqlalchemy.orm import Session, aliased

from upw_ttg.domain.codes import AuditAction, OrderStatus
from upw_ttg.domain.crediting import outcome_description
from upw_ttg.domain.enforcement import BREACH_LAID, BREACH_REQUESTED, DECISION_CODES
from upw_ttg.domain.oversight import (
    ReviewKind,
    ReviewVerdict,
    agreement_rate,
    chosen_for_review,
)
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.validation import MAX_LONG_TEXT, FieldErrors, clean, text_problem
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.attendance import AgreementRate, ReviewItem, ReviewQueue
from upw_ttg.services import audit
from upw_ttg.services.access import check_case_of, mask_restricted
from upw_ttg.services.attendance.common import full_name, read_settings
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import (
    Appointment,
    DeliveryUnit,
    EnforcementAction,
    EnforcementActionCode,
    EnforcementReview,
    Office,
    Person,
    Staff,
    UpwOrder,
    UpwSession,
)
from upw_ttg.storage.models.base import utc_now

SAMPLE_SETTING = "upw.review_sample_percent"
_FIELDS = ["verdict", "reviewer_id", "reviewed_at", "reason"]


def queue_for_review(session: Session, ctx: ServiceContext, kind: ReviewKind, *,
                     appointment_id: int, order_id: int, code: str, decided_on: dt.date,
                     action_id: int | None = None) -> EnforcementReview | None:
    """Put a decision just taken (or an absence just accepted) to a manager if the sample
    chooses it (rule UPW-OVERSIGHT), in the caller's unit of work; None if not chosen or if
    the same absence is already waiting for a check."""
    percent = int(read_settings(session, SAMPLE_SETTING)[SAMPLE_SETTING])
    if not chosen_for_review(action_id or appointment_id, percent):
        return None
    if kind == ReviewKind.ABSENCE and session.scalar(select(EnforcementReview.id).where(
            EnforcementReview.appointment_id == appointment_id,
            EnforcementReview.kind == ReviewKind.ABSENCE,
            EnforcementReview.code == code,
            EnforcementReview.verdict.is_(None))) is not None:
        return None
    unit_id = session.scalar(
        select(Office.delivery_unit_id).join(Person, Person.office_id == Office.id)
        .join(Appointment, Appointment.person_id == Person.id)
        .where(Appointment.id == appointment_id))
    row = EnforcementReview(kind=kind, order_id=order_id, appointment_id=appointment_id,
                            enforcement_action_id=action_id, code=code, decided_on=decided_on,
                            decided_by_id=ctx.actor_id, delivery_unit_id=unit_id,
                            updated_by_id=ctx.actor_id)
    session.add(row)
    session.flush()
    audit.record(session, ctx, AuditAction.CREATE, "enforcement_review", row.id,
                 after=audit.snapshot(row))
    return row


# A review as listed: the review, person id, CRN, forename, surname, session date, who decided,
# unit, the decision's description and notes, the register's notes and whether they are
# sensitive (the outer joins leave None where there is nothing).
_ReviewColumns = tuple[EnforcementReview, int, str, str, str, dt.date, str | None, str | None,
                       str | None, str | None, str | None, bool]

def live_decision() -> ColumnElement[bool]:
    """A WHERE clause on EnforcementAction: a decision a manager has not overturned."""
    return and_(EnforcementAction.action_code.in_(DECISION_CODES),
                EnforcementAction.overturned_at.is_(None))


class EnforcementReviewService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def queue(self, *, delivery_unit_id: int | None = None,
              coordinator_id: int | None = None) -> ReviewQueue:
        """Decisions and accepted absences waiting for a check, oldest first, and the
        agreement rate per coordinator and per delivery unit over every one checked.
        ``coordinator_id`` is the member of staff who decided."""
        self._ctx.require(Capability.REVIEW_ENFORCEMENT)
        with self._ctx.db.read() as session:
            query = self._items_query().where(EnforcementReview.verdict.is_(None))
            if delivery_unit_id is not None:
                query = query.where(EnforcementReview.delivery_unit_id == delivery_unit_id)
            if coordinator_id is not None:
                query = query.where(EnforcementReview.decided_by_id == coordinator_id)
            query = query.order_by(EnforcementReview.decided_on, EnforcementReview.id)
            items = [self._item(r) for r in session.execute(query)]
            percent = int(read_settings(session, SAMPLE_SETTING)[SAMPLE_SETTING])
            return ReviewQueue(tuple(mask_restricted(session, self._ctx, items)),
                               *self._rates(session), percent)

    def agree(self, review_id: int, version: int, reason: str | None = None) -> ReviewItem:
        """The manager agrees with the decision or the accepted absence; a note is optional."""
        self._ctx.require(Capability.REVIEW_ENFORCEMENT)
        return self._conclude(review_id, version, ReviewVerdict.AGREED, reason)

    def overturn(self, review_id: int, version: int, reason: str) -> ReviewItem:
        """The manager disagrees, saying why: the decision no longer counts (a warning is
        no warning, a referral no longer puts the order in breach) and the failure goes back
        to the coordinator's decisions due; an overturned absence is listed for the
        coordinator until its outcome is changed."""
        self._ctx.require(Capability.REVIEW_ENFORCEMENT)
        return self._conclude(review_id, version, ReviewVerdict.OVERTURNED, reason)

    # -- helpers -------------------------------------------------------------------------

    def _conclude(self, review_id: int, version: int, verdict: ReviewVerdict,
                  reason: str | None) -> ReviewItem:
        text = clean(reason)
        errors = FieldErrors()
        errors.check("reason", text_problem("reason", text, max_length=MAX_LONG_TEXT))
        if verdict == ReviewVerdict.OVERTURNED and not text:
            errors.check("reason", "Say why the decision is overturned: the coordinator reads "
                                   "it when they take the decision again.")
        if errors:
            raise ValidationError(errors)
        with self._ctx.db.write() as session:
            row = session.get(EnforcementReview, review_id)
            if row is None:
                raise NotFoundError("That check is no longer on record.")
            check_case_of(session, self._ctx, UpwOrder, row.order_id)
            check_version(session, row, version, "check of enforcement")
            if row.verdict is not None:
                raise ValidationError({"verdict": "This has been checked already."})
            if row.decided_by_id == self._ctx.actor_id:
                raise ValidationError({"verdict": "You took this decision yourself: another "
                                                  "manager must check it."})
            before = audit.snapshot(row, _FIELDS)
            row.verdict = verdict
            row.reviewer_id = self._ctx.actor_id
            row.reviewed_at = utc_now()
            row.reason = text
            row.updated_by_id = self._ctx.actor_id
            flush_versioned(session, row, "check of enforcement", self._ctx.db)
            audit.record(session, self._ctx, AuditAction.UPDATE, "enforcement_review", row.id,
                         before=before, after=audit.snapshot(row, _FIELDS))
            if verdict == ReviewVerdict.OVERTURNED and row.enforcement_action_id is not None:
                self._reopen_decision(session, row.enforcement_action_id)
            found = session.execute(self._items_query()
                                    .where(EnforcementReview.id == review_id)).one()
            return self._item(found)

    def _reopen_decision(self, session: Session, action_id: int) -> None:
        action = session.get(EnforcementAction, action_id)
        if action is None or action.overturned_at is not None:
            return
        before = audit.snapshot(action, ["overturned_at"])
        action.overturned_at = utc_now()
        audit.record(session, self._ctx, AuditAction.UPDATE, "enforcement_action", action.id,
                     before=before, after=audit.snapshot(action, ["overturned_at"]))
        if action.action_code != BREACH_REQUESTED:
            return
        order = session.scalars(select(UpwOrder).where(UpwOrder.id == action.order_id)
                                .with_for_update()).one()
        laid = aliased(EnforcementAction)
        other_request = session.scalar(select(EnforcementAction.id).where(
            EnforcementAction.order_id == order.id, EnforcementAction.id != action.id,
            EnforcementAction.action_code == BREACH_REQUESTED,
            EnforcementAction.overturned_at.is_(None)).limit(1))
        breach_laid = session.scalar(select(exists().where(
            laid.order_id == order.id, laid.action_code == BREACH_LAID)))
        if order.status == OrderStatus.IN_BREACH and other_request is None and not breach_laid:
            # The order's status follows its ledger again, as before the referral.
            from upw_ttg.services.attendance.ledger import CREDIT_SETTINGS, refresh_orders
            before = audit.snapshot(order, ["status"])
            order.status = OrderStatus.ACTIVE
            order.updated_by_id = self._ctx.actor_id
            refresh_orders(session, self._ctx, {order.id: order},
                           read_settings(session, *CREDIT_SETTINGS))
            audit.record(session, self._ctx, AuditAction.UPDATE, "upw_order", order.id,
                         before=before, after=audit.snapshot(order, ["status"]))

    @staticmethod
    def _items_query() -> Select[*_ReviewColumns]:
        decider = aliased(Staff)
        return (select(EnforcementReview, Person.id, Person.crn, Person.forename, Person.surname,
                       UpwSession.session_date, decider.full_name, DeliveryUnit.code,
                       EnforcementActionCode.description, EnforcementAction.notes,
                       Appointment.notes, Appointment.notes_sensitive)
                .join(Appointment, Appointment.id == EnforcementReview.appointment_id)
                .join(UpwSession, UpwSession.id == Appointment.session_id)
                .join(Person, Person.id == Appointment.person_id)
                .outerjoin(decider, decider.id == EnforcementReview.decided_by_id)
                .outerjoin(DeliveryUnit, DeliveryUnit.id == EnforcementReview.delivery_unit_id)
                .outerjoin(EnforcementAction,
                           EnforcementAction.id == EnforcementReview.enforcement_action_id)
                .outerjoin(EnforcementActionCode,
                           EnforcementActionCode.code == EnforcementReview.code))

    @staticmethod
    def _item(found: Row[*_ReviewColumns]) -> ReviewItem:
        (r, pid, crn, forename, surname, day, decider, unit, action_text, action_notes,
         register_notes, sensitive) = found
        absence = r.kind == ReviewKind.ABSENCE
        description = outcome_description(r.code) if absence else (action_text or r.code)
        # A sensitive register note stays on the register, behind its own permission.
        notes = (None if sensitive else register_notes) if absence else action_notes
        return ReviewItem(r.id, r.kind, r.order_id, r.appointment_id, pid, crn,
                          full_name(forename, surname), day, r.code, description, r.decided_on,
                          r.decided_by_id, decider, unit, notes, r.verdict, r.reason, r.version)

    @staticmethod
    def _rates(session: Session) -> tuple[tuple[AgreementRate, ...], tuple[AgreementRate, ...]]:
        counts: dict[str, Counter[tuple[int | None, ReviewVerdict | None]]] = {"staff": Counter(),
                                                                        "unit": Counter()}
        for staff_id, unit_id, verdict in session.execute(
                select(EnforcementReview.decided_by_id, EnforcementReview.delivery_unit_id,
                       EnforcementReview.verdict)
                .where(EnforcementReview.verdict.is_not(None))):
            counts["staff"][(staff_id, verdict)] += 1
            counts["unit"][(unit_id, verdict)] += 1
        # Keyed as the counts are, where None is "nobody" (never found, so the default).
        staff_names: dict[int | None, str] = dict(session.execute(
            select(Staff.id, Staff.full_name).where(
                Staff.id.in_({k for k, _ in counts["staff"] if k is not None}))).all())
        unit_names: dict[int | None, str] = dict(session.execute(
            select(DeliveryUnit.id, DeliveryUnit.code).where(
                DeliveryUnit.id.in_({k for k, _ in counts["unit"] if k is not None}))).all())

        def rates(counter: Counter[tuple[int | None, ReviewVerdict | None]],
                  names: dict[int | None, str], nobody: str) -> tuple[AgreementRate, ...]:
            keys = sorted({k for k, _ in counter}, key=lambda k: (k is None, names.get(k, "")))
            return tuple(AgreementRate(
                k, names.get(k, nobody), counter[(k, ReviewVerdict.AGREED)],
                counter[(k, ReviewVerdict.OVERTURNED)],
                agreement_rate(counter[(k, ReviewVerdict.AGREED)],
                               counter[(k, ReviewVerdict.OVERTURNED)])) for k in keys)

        return (rates(counts["staff"], staff_names, "No longer on record"),
                rates(counts["unit"], unit_names, "No unit"))
