"""Demo rows for the manager's check, risk changes to share and text messages, made from the
saved bookings and decisions through the same rules the application uses."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, case, func, insert, literal, select
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import Role, SessionStatus
from upw_ttg.domain.enforcement import DECISION_CODES, EVIDENCE_CODES
from upw_ttg.domain.risk_sharing import confirm_by
from upw_ttg.domain.texts import Candidate, MessageKind, MessageStatus, choose_texts
from upw_ttg.domain.working_days import WorkingCalendar
from upw_ttg.storage.models import (
    Appointment,
    EnforcementAction,
    EnforcementReview,
    Office,
    Person,
    RiskChange,
    RiskChangeContact,
    Staff,
    TextMessage,
    UpwOrder,
    UpwSession,
)

RISK_CHANGES = 6
TEXTS_PER_DAY = 40


def oversight_demo(session: Session, today: dt.date) -> dict[str, int]:
    """Checks of decisions (older ones agreed, the last fortnight's waiting), a few risk
    changes with their contacts part told, and the texts of two days."""
    manager = session.scalar(select(Staff.id).where(Staff.role == Role.MANAGER)
                             .order_by(Staff.id))
    checked_before = today - dt.timedelta(days=14)
    old = EnforcementAction.action_date < checked_before
    now = dt.datetime.combine(today, dt.time(9))
    session.execute(insert(EnforcementReview).from_select(
        ["kind", "order_id", "appointment_id", "enforcement_action_id", "code", "decided_on",
         "decided_by_id", "delivery_unit_id", "queued_at", "verdict", "reviewer_id",
         "reviewed_at", "version", "created_at", "updated_at"],
        select(literal("decision"), EnforcementAction.order_id,
               EnforcementAction.appointment_id, EnforcementAction.id,
               EnforcementAction.action_code, EnforcementAction.action_date,
               EnforcementAction.staff_id, Office.delivery_unit_id,
               EnforcementAction.recorded_at, case((old, literal("agreed"))),
               case((old, literal(manager))), case((old, literal(now))), literal(1),
               literal(now), literal(now))
        .join(UpwOrder, UpwOrder.id == EnforcementAction.order_id)
        .join(Person, Person.id == UpwOrder.person_id)
        .outerjoin(Office, Office.id == Person.office_id)
        .where(EnforcementAction.action_code.in_(DECISION_CODES),
               EnforcementAction.appointment_id.is_not(None))))
    recent = UpwSession.session_date >= today - dt.timedelta(days=60)
    session.execute(insert(EnforcementReview).from_select(
        ["kind", "order_id", "appointment_id", "code", "decided_on", "decided_by_id",
         "delivery_unit_id", "queued_at", "verdict", "reviewer_id", "reviewed_at", "version",
         "created_at", "updated_at"],
        select(literal("absence"), Appointment.order_id, Appointment.id,
               Appointment.outcome_code, UpwSession.session_date, UpwOrder.coordinator_id,
               Office.delivery_unit_id, literal(now),
               case((UpwSession.session_date < checked_before, literal("agreed"))),
               case((UpwSession.session_date < checked_before, literal(manager))),
               case((UpwSession.session_date < checked_before, literal(now))), literal(1),
               literal(now), literal(now))
        .join(UpwSession, UpwSession.id == Appointment.session_id)
        .join(UpwOrder, UpwOrder.id == Appointment.order_id)
        .join(Person, Person.id == Appointment.person_id)
        .outerjoin(Office, Office.id == Person.office_id)
        .where(Appointment.outcome_code.in_(EVIDENCE_CODES), recent)))
    counts = {"enforcement_review": session.scalar(
        select(func.count()).select_from(EnforcementReview)) or 0}
    counts.update(_risk_changes(session, today, manager))
    counts["text_message"] = _texts(session, today)
    return counts


def _risk_changes(session: Session, today: dt.date, by: int | None) -> dict[str, int]:
    from upw_ttg.services.upw.risk_sharing import upcoming_contacts

    calendar = WorkingCalendar()
    people = list(session.scalars(
        select(Appointment.person_id).join(UpwSession, UpwSession.id == Appointment.session_id)
        .where(UpwSession.session_date > today, UpwSession.supervisor_id.is_not(None))
        .group_by(Appointment.person_id).order_by(Appointment.person_id)
        .limit(RISK_CHANGES)))
    contacts = 0
    for n, person_id in enumerate(people):
        changed_on = calendar.add_working_days(today, -n)
        change = RiskChange(person_id=person_id, changed_on=changed_on, changed_by_id=by,
                            changed_at=dt.datetime.combine(changed_on, dt.time(11)),
                            summary=("Risk to children: now applies" if n % 2 else
                                     "Risk of harm: medium → high\nClose supervision: now "
                                     "applies"))
        session.add(change)
        session.flush()
        due = confirm_by(calendar, changed_on, 2)
        for k, contact in enumerate(upcoming_contacts(session, person_id, today)):
            told = changed_on if k % 3 != 2 else None
            session.add(RiskChangeContact(
                change_id=change.id, kind=contact.kind, name=contact.name[:120],
                detail=contact.detail[:200], staff_id=contact.staff_id, confirm_by=due,
                told_on=told, told_method="phone" if told else None,
                told_by_id=by if told else None,
                confirmed_on=changed_on if told and k % 3 == 0 else None))
            contacts += 1
    session.flush()
    return {"risk_change": len(people), "risk_change_contact": contacts}


def _texts(session: Session, today: dt.date) -> int:
    """Reminders queued today for the day after tomorrow's sessions, and those sent two days
    ago for today's, mostly delivered."""
    made = 0
    for sent_on, day, status in ((today, today + dt.timedelta(days=2), MessageStatus.QUEUED),
                                 (today - dt.timedelta(days=2), today,
                                  MessageStatus.DELIVERED)):
        rows = session.execute(
            select(Appointment.id, Person.id, Person.phone, Person.texts_opted_out,
                   Appointment.outcome_code)
            .join(UpwSession, UpwSession.id == Appointment.session_id)
            .join(Person, Person.id == Appointment.person_id)
            .where(and_(UpwSession.session_date == day,
                        UpwSession.status != SessionStatus.STOOD_DOWN))
            .order_by(Appointment.id).limit(TEXTS_PER_DAY * 2)).all()
        chosen, _excluded = choose_texts(
            Candidate(aid, pid, phone, False, bool(opted), True, False)
            for aid, pid, phone, opted, _outcome in rows)
        for n, (candidate, number) in enumerate(chosen[:TEXTS_PER_DAY]):
            final = (MessageStatus.FAILED if status == MessageStatus.DELIVERED and n % 9 == 4
                     else status)
            session.add(TextMessage(
                person_id=candidate.person_id, appointment_id=candidate.appointment_id,
                kind=MessageKind.REMINDER, phone=number, welsh=False, template_id="demo-en",
                reference=f"upw-reminder-{candidate.appointment_id}-{day:%Y%m%d}",
                send_on=sent_on, session_date=day, status=final,
                notify_id=None if final == MessageStatus.QUEUED else f"demo-{n}",
                attempts=0 if final == MessageStatus.QUEUED else 1,
                last_error="Not delivered: phone switched off" if final ==
                MessageStatus.FAILED else None,
                sent_at=None if final == MessageStatus.QUEUED else
                dt.datetime.combine(sent_on, dt.time(10))))
            made += 1
    session.flush()
    return made
