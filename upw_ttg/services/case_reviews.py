"""Reviews triggered by what changed: raising review-due items where a change is written,
noting changes with no other home, and the review that closes them (TTG-REVIEWDUE)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from upw_ttg.domain.case_reviews import (
    CHANGE_TRIGGERS,
    FAILURES_THAT_TRIGGER,
    TRIGGER_LABELS,
    CaseChangeKind,
    ReviewTrigger,
    address_change,
    repeats_previous,
)
from upw_ttg.domain.codes import AuditAction
from upw_ttg.domain.crediting import ENFORCEABLE_CODES
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.validation import MAX_LONG_TEXT, FieldErrors, clean, text_problem
from upw_ttg.errors import NotFoundError, StaleRecordError, ValidationError
from upw_ttg.records.case_reviews import (
    CaseReviewInput,
    CaseReviewRow,
    CaseReviews,
    ChangeNoteInput,
    ReviewDueRow,
)
from upw_ttg.services import audit
from upw_ttg.services.access import check_case
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import (
    Appointment,
    CaseChange,
    CaseReview,
    CustodyEpisode,
    Person,
    ReviewDue,
    Staff,
)

REVIEW = "review-due item"


def raise_review_due(session: Session, ctx: ServiceContext, person_id: int,
                     trigger: ReviewTrigger, what_changed: str,
                     changed_on: dt.date | None = None) -> ReviewDue:
    """Rule TTG-REVIEWDUE, in the caller's unit of work: a review is due on the case because
    of what changed (the words say what; ``changed_on`` when, today unless given)."""
    row = ReviewDue(person_id=person_id, trigger=trigger, what_changed=what_changed[:400],
                    changed_on=changed_on or ctx.today(), raised_by_id=ctx.actor_id,
                    updated_by_id=ctx.actor_id)
    session.add(row)
    session.flush()
    audit.record(session, ctx, AuditAction.CREATE, "review_due", row.id,
                 after=audit.snapshot(row))
    return row


def review_if_address_changed(session: Session, ctx: ServiceContext, person_id: int,
                              before: Mapping[str, object],
                              after: Mapping[str, object]) -> ReviewDue | None:
    """A change of address (not a retyping of the same one) makes a review due."""
    what = address_change(before, after)
    if what is None:
        return None
    return raise_review_due(session, ctx, person_id, ReviewTrigger.ADDRESS, what)


def review_if_plan_risk_changed(session: Session, ctx: ServiceContext, episode_id: int,
                                before: tuple[object, object],
                                after: tuple[object, object]) -> ReviewDue | None:
    """A plan's risk of harm or MAPPA level changed from an answer to another one (a first
    answer is no change). The words name no level: the item is read by roles that may not
    read the plan's risk section (rule ACC-4)."""
    if before == after or all(value is None for value in before):
        return None
    person_id = session.scalar(select(CustodyEpisode.person_id)
                               .where(CustodyEpisode.id == episode_id))
    assert person_id is not None
    return raise_review_due(session, ctx, person_id, ReviewTrigger.RISK,
                            "The risk of harm or MAPPA level on the resettlement plan changed.")


def review_if_assessment_risk_changed(session: Session, ctx: ServiceContext,
                                      person_id: int) -> ReviewDue:
    """The Unpaid Work assessment's risk level, flags or restrictions changed (rule
    UPW-RISKSHARE found a change); the words name none of them, as above."""
    return raise_review_due(session, ctx, person_id, ReviewTrigger.RISK,
                            "The risk level, risk flags or supervisor restrictions in the "
                            "Unpaid Work assessment changed.")


def review_if_second_failure(session: Session, ctx: ServiceContext,
                             keyed: list[tuple[int, int, str | None, str, dt.date]]
                             ) -> list[ReviewDue]:
    """Outcomes just keyed, as (order, person, old code, new code, session date): an order
    whose failures to comply reach the second makes a review due, once."""
    new = {(order_id, person_id): day for order_id, person_id, old, code, day in keyed
           if code in ENFORCEABLE_CODES and old not in ENFORCEABLE_CODES}
    raised = []
    for (order_id, person_id), day in sorted(new.items()):
        failures = session.scalar(select(func.count()).select_from(Appointment).where(
            Appointment.order_id == order_id,
            Appointment.outcome_code.in_(ENFORCEABLE_CODES))) or 0
        before = failures - sum(1 for o, _p, old, code, _d in keyed if o == order_id
                                and code in ENFORCEABLE_CODES and old not in ENFORCEABLE_CODES)
        if before < FAILURES_THAT_TRIGGER <= failures:
            raised.append(raise_review_due(
                session, ctx, person_id, ReviewTrigger.FAILURE_TO_COMPLY,
                f"A second failure to comply on the Unpaid Work order, at the session of "
                f"{day:%d/%m/%Y}.", day))
    return raised


class CaseReviewService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def for_person(self, person_id: int) -> CaseReviews:
        """The person's review-due items and reviews."""
        self._ctx.require(Capability.READ_PERSON)
        with self._ctx.db.read() as session:
            if session.get(Person, person_id) is None:
                raise NotFoundError("That person is no longer on record.")
            check_case(session, self._ctx, person_id)
            return self._record(session, person_id)

    def note_change(self, person_id: int, data: ChangeNoteInput) -> CaseReviews:
        """Note a loss of contact or a new relationship; a review becomes due."""
        self._ctx.require(Capability.EDIT_PERSON)
        errors = FieldErrors()
        if not isinstance(data.kind, CaseChangeKind):
            errors.check("kind", "Choose what changed.")
        detail = clean(data.detail)
        errors.check("detail", text_problem("what changed", detail, required=True))
        if data.noted_on is None:
            errors.check("noted_on", "Enter when it was noted.")
        elif data.noted_on > self._ctx.today():
            errors.check("noted_on", "The date it was noted cannot be in the future.")
        if errors:
            raise ValidationError(errors)
        assert detail is not None
        with self._ctx.db.write() as session:
            if session.get(Person, person_id) is None:
                raise NotFoundError("That person is no longer on record.")
            check_case(session, self._ctx, person_id)
            row = CaseChange(person_id=person_id, kind=data.kind, noted_on=data.noted_on,
                             detail=detail, recorded_by_id=self._ctx.actor_id)
            session.add(row)
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, "case_change", row.id,
                         after=audit.snapshot(row))
            raise_review_due(session, self._ctx, person_id, CHANGE_TRIGGERS[data.kind],
                             detail, data.noted_on)
            return self._record(session, person_id)

    def record_review(self, person_id: int, data: CaseReviewInput) -> CaseReviews:
        """Record a review of what was considered; it closes the items the reviewer saw.

        Rule TTG-REVIEWTEXT: a review whose text is the previous review's word for word
        (spacing and case aside) is refused, saying so.
        """
        self._ctx.require(Capability.EDIT_PERSON)
        today = self._ctx.today()
        day = data.reviewed_on or today
        errors = FieldErrors()
        considered = clean(data.considered)
        errors.check("considered", text_problem("what was considered", considered,
                                                required=True, max_length=MAX_LONG_TEXT))
        if day > today:
            errors.check("reviewed_on", "The date of the review cannot be in the future.")
        if not data.items:
            errors.check("items", "There is no review due on this case to close.")
        if errors:
            raise ValidationError(errors)
        with self._ctx.db.write() as session:
            if session.get(Person, person_id, with_for_update=True) is None:
                raise NotFoundError("That person is no longer on record.")
            check_case(session, self._ctx, person_id)
            previous = session.scalars(
                select(CaseReview).where(CaseReview.person_id == person_id)
                .order_by(CaseReview.reviewed_on.desc(), CaseReview.id.desc())).first()
            if previous is not None and repeats_previous(considered, previous.considered):
                raise ValidationError({"considered": (
                    f"This is the review of {previous.reviewed_on:%d/%m/%Y} word for word. "
                    "Write what was considered this time: what changed, what it means for "
                    "the risk and the plan, and what happens next.")})
            items = session.scalars(select(ReviewDue).where(
                ReviewDue.id.in_(list(data.items))).with_for_update()).all()
            if len(items) != len(data.items) or any(i.person_id != person_id for i in items):
                raise NotFoundError("A review-due item is no longer on record: reload.")
            review = CaseReview(person_id=person_id, reviewed_on=day, considered=considered,
                                reviewed_by_id=self._ctx.actor_id)
            session.add(review)
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, "case_review", review.id,
                         after=audit.snapshot(review))
            for item in sorted(items, key=lambda i: i.id):
                check_version(session, item, data.items[item.id], REVIEW)
                if item.review_id is not None:
                    raise StaleRecordError(REVIEW, None, item.updated_at)
                before = audit.snapshot(item)
                item.review_id = review.id
                item.updated_by_id = self._ctx.actor_id
                flush_versioned(session, item, REVIEW, self._ctx.db)
                audit.record(session, self._ctx, AuditAction.UPDATE, "review_due", item.id,
                             before=before, after=audit.snapshot(item))
            return self._record(session, person_id)

    def _record(self, session: Session, person_id: int) -> CaseReviews:
        reviews = session.execute(
            select(CaseReview, Staff.full_name)
            .outerjoin(Staff, Staff.id == CaseReview.reviewed_by_id)
            .where(CaseReview.person_id == person_id)
            .order_by(CaseReview.reviewed_on.desc(), CaseReview.id.desc())).all()
        reviewed_on = {r.id: r.reviewed_on for r, _name in reviews}
        rows = session.execute(
            select(ReviewDue, Staff.full_name)
            .outerjoin(Staff, Staff.id == ReviewDue.raised_by_id)
            .where(ReviewDue.person_id == person_id)
            .order_by(ReviewDue.review_id.is_not(None), ReviewDue.changed_on.desc(),
                      ReviewDue.id.desc())).all()
        items = tuple(ReviewDueRow(i.id, i.person_id, i.trigger, i.what_changed, i.changed_on,
                                   name, i.version, i.review_id,
                                   reviewed_on.get(i.review_id) if i.review_id else None)
                      for i, name in rows)
        closed: dict[int, list[str]] = {}
        for item in items:
            if item.review_id is not None:
                closed.setdefault(item.review_id, []).append(
                    f"{TRIGGER_LABELS[item.trigger]}, {item.changed_on:%d/%m/%Y}")
        return CaseReviews(person_id, items, tuple(
            CaseReviewRow(r.id, r.reviewed_on, r.considered, name, tuple(closed.get(r.id, ())))
            for r, name in reviews))
