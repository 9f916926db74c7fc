"""Exporting a day's keyed registers for the national case record, each outcome sent once.

A file holds, for one day and one delivery unit, every appointment with an outcome, in the terms
of NDelius contact outcomes: the outcome code, times, minutes credited, penalty minutes and the
enforcement action taken. Each exported row is remembered by a fingerprint of its values, so the
next export of the same day sends only what is new or was corrected since (marked as a
correction), and never the same row twice (rule DATA-2).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from upw_ttg.domain.access import AccessAction, Recipient
from upw_ttg.domain.codes import AuditAction
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.spreadsheet import csv_bytes
from upw_ttg.domain.validation import require_dates
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.exchange import OutcomesExport
from upw_ttg.services import audit
from upw_ttg.services.access import named_on
from upw_ttg.services.access_log import log_print
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.upw.common import chunks
from upw_ttg.storage.models import (
    Appointment,
    DeliveryUnit,
    EnforcementAction,
    NationalExport,
    NationalExportItem,
    Office,
    OutcomeCodeRow,
    Person,
    Project,
    UpwOrder,
    UpwSession,
)
from upw_ttg.time_text import format_minutes

DOCUMENT = "outcomes_export"
HEADERS = ("CRN", "Sentence Date", "Contact Date", "Contact Type", "Project Code",
           "Project Name", "Start Time", "End Time", "Outcome Code", "Outcome", "Enforceable",
           "Hours Credited", "Minutes Credited", "Penalty Minutes", "Work Quality", "Behaviour",
           "Enforcement Action Code", "Enforcement Action Date", "Correction")
_CONTACT_TYPES = {"group": "Unpaid Work Appointment (group placement)",
                  "individual": "Unpaid Work Appointment (individual placement)",
                  "induction": "Unpaid Work Induction",
                  "ete": "Unpaid Work Appointment (education, training and employment)"}


def export_outcomes(session: Session, ctx: ServiceContext, day: dt.date, delivery_unit_id: int,
                    *, dry_run: bool = False,
                    expected_sha256: str | None = None) -> OutcomesExport:
    """The export inside the caller's unit of work (see ``NationalExportService``)."""
    unit = session.get(DeliveryUnit, delivery_unit_id)
    if unit is None:
        raise NotFoundError("That delivery unit is no longer on record.")
    rows, restricted = _rows(session, ctx, day, delivery_unit_id)
    sent = _sent(session, [r[0] for r in rows])
    fresh, corrections, already = [], 0, 0
    for appointment_id, person_id, values in rows:
        fingerprint = hashlib.sha256("\x1f".join(values).encode()).hexdigest()
        previous = sent.get(appointment_id, set())
        if fingerprint in previous:
            already += 1
            continue
        correction = bool(previous)
        corrections += correction
        fresh.append((appointment_id, person_id, fingerprint,
                      [*values, "Y" if correction else "N"]))
    content = csv_bytes(HEADERS, [r[3] for r in fresh])
    digest = hashlib.sha256(content).hexdigest()
    if expected_sha256 is not None and expected_sha256 != digest:
        raise ValidationError({"day": "The outcomes for this day changed while the file "
                                      "was being saved; nothing was marked as sent. "
                                      "Export the day again."})
    name = f"upw-outcomes-{unit.code}-{day:%Y-%m-%d}"
    if not dry_run and fresh:
        export = NationalExport(day=day, delivery_unit_id=delivery_unit_id,
                                created_by_id=ctx.actor_id,
                                row_count=len(fresh), sha256=digest)
        session.add(export)
        session.flush()
        session.add_all(NationalExportItem(export_id=export.id, appointment_id=a,
                                           fingerprint=f) for a, _p, f, _v in fresh)
        audit.record(session, ctx, AuditAction.CREATE, "national_export",
                     export.id, after={"day": day.isoformat(), "unit": unit.code,
                                       "rows": len(fresh), "corrections": corrections,
                                       "sha256": digest})
        log_print(session, ctx, DOCUMENT, Recipient.NATIONAL_RECORD, export.id,
                  [p for _a, p, _f, _v in fresh], action=AccessAction.EXPORT)
        name += f"-{export.id}"
    return OutcomesExport(file_name=name + ".csv", content=content, sha256=digest,
                          rows=len(fresh),
                          corrections=corrections, already_sent=already,
                          restricted_left_out=restricted, dry_run=dry_run)


def _rows(session: Session, ctx: ServiceContext, day: dt.date,
          unit_id: int) -> tuple[list[tuple[int, int, list[str]]], int]:
    query = (select(Appointment.id, Person.id, Person.crn, UpwOrder.sentence_date,
                    UpwSession.session_date, Project.project_type, Project.code,
                    Project.name, Appointment.start_time, Appointment.end_time,
                    Appointment.outcome_code, OutcomeCodeRow.description,
                    OutcomeCodeRow.enforceable, Appointment.minutes_credited,
                    Appointment.penalty_minutes, Appointment.work_quality,
                    Appointment.behaviour,
                    named_on(ctx.actor_id).label("open"))
             .join(UpwSession, UpwSession.id == Appointment.session_id)
             .join(Project, Project.id == UpwSession.project_id)
             .join(Office, Office.id == Project.office_id)
             .join(Person, Person.id == Appointment.person_id)
             .join(UpwOrder, UpwOrder.id == Appointment.order_id)
             .join(OutcomeCodeRow, OutcomeCodeRow.code == Appointment.outcome_code)
             .where(UpwSession.session_date == day, Office.delivery_unit_id == unit_id)
             .order_by(Person.crn, Appointment.start_time, Appointment.id))
    result = session.execute(query).all()
    actions = _actions(session, [r[0] for r in result])
    rows, restricted = [], 0
    for (appointment_id, person_id, crn, sentence_date, session_date, project_type, code,
         project_name, start, end, outcome, description, enforceable, credited, penalty,
         quality, behaviour, open_to_member) in result:
        if not open_to_member:
            restricted += 1
            continue
        action_code, action_date = actions.get(appointment_id, ("", None))
        values = [crn, f"{sentence_date:%d/%m/%Y}", f"{session_date:%d/%m/%Y}",
                  _CONTACT_TYPES.get(project_type, "Unpaid Work Appointment"), code,
                  project_name, f"{start:%H:%M}" if start else "",
                  f"{end:%H:%M}" if end else "", outcome, description,
                  "Y" if enforceable else "N", format_minutes(credited), str(credited),
                  str(penalty), quality.value.title() if quality else "",
                  behaviour.value.title() if behaviour else "", action_code,
                  f"{action_date:%d/%m/%Y}" if action_date else ""]
        rows.append((appointment_id, person_id, values))
    return rows, restricted

def _actions(session: Session, appointment_ids: list[int]) -> dict[int, tuple[str, dt.date]]:
    """The latest enforcement action taken on each appointment."""
    latest: dict[int, tuple[str, dt.date]] = {}
    for batch in chunks(appointment_ids):
        for appointment_id, code, date in session.execute(
                select(EnforcementAction.appointment_id, EnforcementAction.action_code,
                       EnforcementAction.action_date)
                .where(EnforcementAction.appointment_id.in_(batch))
                .order_by(EnforcementAction.action_date, EnforcementAction.id)):
            if appointment_id is not None:
                latest[appointment_id] = (code, date)
    return latest

def _sent(session: Session, appointment_ids: list[int]) -> dict[int, set[str]]:
    sent: dict[int, set[str]] = {}
    for batch in chunks(appointment_ids):
        for appointment_id, fingerprint in session.execute(
                select(NationalExportItem.appointment_id, NationalExportItem.fingerprint)
                .where(NationalExportItem.appointment_id.in_(batch))):
            sent.setdefault(appointment_id, set()).add(fingerprint)
    return sent


class NationalExportService:
    """Outcomes per day and delivery unit, for the national case record (rule DATA-2)."""

    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def export_outcomes(self, day: dt.date, delivery_unit_id: int, *, dry_run: bool = False,
                        expected_sha256: str | None = None) -> OutcomesExport:
        """The file of outcomes keyed for ``day`` in the unit that were not sent before.

        Marked as exported, audited and logged in one unit of work; a dry run builds the file
        and marks nothing. A screen saves the dry run's file first and then marks it, passing
        its ``sha256``: if the outcomes changed in between, nothing is marked (ValidationError).
        """
        self._ctx.require(Capability.EXPORT_OUTCOMES)
        require_dates(day=day)
        with self._ctx.db.write() as session:
            return export_outcomes(session, self._ctx, day, delivery_unit_id, dry_run=dry_run,
                                   expected_sha256=expected_sha256)
