"""The letters on a person's case, read for their record's overview: appointment letters as
printed or still to print, and the warning, breach and completion letters the case's
decisions call for, each with when it was last printed (from the access log, which records
every print)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from upw_ttg.domain.access import AccessAction, AccessedRecord
from upw_ttg.domain.codes import OrderStatus, SessionStatus
from upw_ttg.domain.enforcement import BREACH_REQUESTED, WARNING, WARNING_WITHDRAWN
from upw_ttg.domain.local_time import local_date
from upw_ttg.records.letters import (
    APPOINTMENT_LETTER,
    BREACH_SUMMARY,
    COMPLETION_LETTER,
    WARNING_LETTER,
    LetterLine,
)
from upw_ttg.storage.models import (
    AccessEvent,
    Appointment,
    EnforcementAction,
    Project,
    UpwOrder,
    UpwSession,
)

# The access log's name for each document (as the printing services record it).
_DOCUMENTS = {APPOINTMENT_LETTER: "appointment letter", WARNING_LETTER: "warning letter",
              BREACH_SUMMARY: "breach summary", COMPLETION_LETTER: "completion letter"}


def case_letters(session: Session, person_id: int, *, enforcement: bool,
                 appointments: bool, today: dt.date) -> list[LetterLine]:
    """The person's letters, newest first; ``enforcement`` adds warning, breach and
    completion letters, ``appointments`` the appointment letters printed and those of
    sessions to come not printed yet (dated ``today``, the date they would bear)."""
    prints: dict[tuple[str, str], list[dt.date]] = defaultdict(list)
    for document, record_id, occurred in session.execute(
            select(AccessEvent.document, AccessEvent.record_id, AccessEvent.occurred_at)
            .where(AccessEvent.person_id == person_id,
                   AccessEvent.action == AccessAction.PRINT,
                   AccessEvent.record_kind == AccessedRecord.DOCUMENT.value,
                   AccessEvent.document.in_(_DOCUMENTS.values()))
            .order_by(AccessEvent.occurred_at)):
        prints[document or "", record_id or ""].append(local_date(occurred))
    letters: list[LetterLine] = []
    if appointments:
        letters += _appointment_letters(session, person_id, prints, today)
    if enforcement:
        letters += _decision_letters(session, person_id, prints)
    letters.sort(key=lambda line: (line.when, line.kind), reverse=True)
    return letters


def _printed(dates: list[dt.date], since: dt.date | None = None) -> tuple[dt.date | None, int]:
    """The last print on or after ``since`` and how many there were."""
    kept = [d for d in dates if since is None or d >= since]
    return (kept[-1] if kept else None), len(kept)


def _appointment_letters(session: Session, person_id: int,
                         prints: dict[tuple[str, str], list[dt.date]],
                         today: dt.date) -> list[LetterLine]:
    """One line per appointment letter printed: alone (the log names the appointment) or
    with a day's paper (the log names the day, so the person's place that day); and one per
    session to come (not stood down, no outcome yet) whose letter has not been printed."""
    document = _DOCUMENTS[APPOINTMENT_LETTER]
    printed = {record_id for kind, record_id in prints if kind == document}
    days = []
    for record_id in printed:
        try:
            days.append(dt.date.fromisoformat(record_id))
        except ValueError:
            continue
    ids = [int(r) for r in printed if r.isdigit()]
    to_come = and_(UpwSession.session_date >= today,
                   UpwSession.status != SessionStatus.STOOD_DOWN,
                   Appointment.outcome_code.is_(None))
    which = [c for c in (Appointment.id.in_(ids) if ids else None,
                         UpwSession.session_date.in_(days) if days else None) if c is not None]
    rows = session.execute(
        select(Appointment.id, UpwSession.id, UpwSession.session_date, UpwSession.start_time,
               Project.name, UpwSession.status, Appointment.outcome_code)
        .join(UpwSession, UpwSession.id == Appointment.session_id)
        .join(Project, Project.id == UpwSession.project_id)
        .where(Appointment.person_id == person_id, or_(to_come, *which)))
    letters = []
    for appointment_id, session_id, day, start, project, status, outcome in rows:
        dates = sorted(prints.get((document, str(appointment_id)), [])
                       + prints.get((document, day.isoformat()), []))
        about = f"Session on {day:%d/%m/%Y} at {start:%H:%M}, {project}"
        if dates:
            last, times = _printed(dates)
            letters.append(LetterLine(dates[0], APPOINTMENT_LETTER, about, last, times,
                                      "appointment_letter", session_id, appointment_id))
        elif day >= today and status != SessionStatus.STOOD_DOWN and outcome is None:
            letters.append(LetterLine(today, APPOINTMENT_LETTER, about, None, 0,
                                      "appointment_letter", session_id, appointment_id))
    return letters


def _decision_letters(session: Session, person_id: int,
                      prints: dict[tuple[str, str], list[dt.date]]) -> list[LetterLine]:
    """A warning letter for each warning standing, a breach summary for each referral, and
    a completion letter for each completed order (printed or still to print)."""
    letters = []
    actions = session.execute(
        select(EnforcementAction.action_code, EnforcementAction.action_date,
               EnforcementAction.appointment_id, EnforcementAction.order_id,
               EnforcementAction.overturned_at)
        .join(UpwOrder, UpwOrder.id == EnforcementAction.order_id)
        .where(UpwOrder.person_id == person_id,
               EnforcementAction.action_code.in_((WARNING, WARNING_WITHDRAWN,
                                                  BREACH_REQUESTED)))
        .order_by(EnforcementAction.id)).all()
    withdrawn = {a.appointment_id for a in actions if a.action_code == WARNING_WITHDRAWN}
    failures = dict(session.execute(
        select(Appointment.id, UpwSession.session_date)
        .join(UpwSession, UpwSession.id == Appointment.session_id)
        .where(Appointment.id.in_([a.appointment_id for a in actions
                                   if a.appointment_id is not None] or [0]))).all())
    for a in actions:
        failed = failures.get(a.appointment_id)
        about = f"the failure on {failed:%d/%m/%Y}" if failed else "the order"
        if a.action_code == WARNING and a.appointment_id is not None \
                and a.overturned_at is None and a.appointment_id not in withdrawn:
            last, times = _printed(prints.get((_DOCUMENTS[WARNING_LETTER], str(a.order_id)),
                                              []), a.action_date)
            letters.append(LetterLine(a.action_date, WARNING_LETTER, f"First warning for "
                                      f"{about}", last, times, "warning_letter",
                                      a.appointment_id))
        elif a.action_code == BREACH_REQUESTED and a.overturned_at is None:
            last, times = _printed(prints.get((_DOCUMENTS[BREACH_SUMMARY], str(a.order_id)),
                                              []), a.action_date)
            letters.append(LetterLine(a.action_date, BREACH_SUMMARY, f"To the court: breach "
                                      f"after {about}", last, times, "breach_summary",
                                      a.order_id))
    for order_id, completed, sentenced in session.execute(
            select(UpwOrder.id, UpwOrder.completed_on, UpwOrder.sentence_date)
            .where(UpwOrder.person_id == person_id,
                   UpwOrder.status == OrderStatus.COMPLETED)):
        last, times = _printed(prints.get((_DOCUMENTS[COMPLETION_LETTER], str(order_id)), []))
        letters.append(LetterLine(completed or sentenced, COMPLETION_LETTER,
                                  f"All hours done on the order of {sentenced:%d/%m/%Y}",
                                  last, times, "order", order_id))
    return letters
