"""Handover to the community responsible officer: who, every contact, risk shared, chasers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from upw_ttg.domain import resettlement as rules
from upw_ttg.domain.access import AccessedRecord
from upw_ttg.domain.codes import AuditAction, ContactMethod, CustodyStatus
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.resettlement import DeadlineSettings
from upw_ttg.domain.validation import (
    MAX_LONG_TEXT,
    FieldErrors,
    clean,
    phone_problem,
    text_problem,
)
from upw_ttg.domain.working_days import WorkingCalendar
from upw_ttg.errors import NotFoundError, StaleRecordError, ValidationError
from upw_ttg.records.ttg import (
    ChaserRow,
    ContactInput,
    ContactRow,
    HandoverRecord,
    OfficerInput,
)
from upw_ttg.services import audit
from upw_ttg.services.access import check_case, check_case_of, mask_restricted
from upw_ttg.services.access_log import log_view
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.ttg.common import (
    check_past_date,
    get_episode,
    read_deadline_settings,
    staff_names,
)
from upw_ttg.services.ttg.deadlines import DeadlineService, current_deadlines
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import CustodyEpisode, Handover, HandoverContact, Person

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
HANDOVER = "handover"

Change = Callable[[Session, Handover], None]


def contact_rows(contacts: list[HandoverContact], names: dict[int, str], today: dt.date,
                 settings: DeadlineSettings, cal: WorkingCalendar) -> tuple[ContactRow, ...]:
    """Contacts newest first; only the newest can need chasing, because a later contact
    (often the chaser itself) supersedes an earlier one left unanswered."""
    ordered = sorted(contacts, key=lambda c: (c.contact_date, c.id), reverse=True)
    return tuple(ContactRow(
        id=c.id, contact_date=c.contact_date, method=c.method, shared=c.shared,
        acknowledged_on=c.acknowledged_on,
        chase_date=rules.chase_date(c.contact_date, settings, cal),
        needs_chase=i == 0 and rules.needs_chase(c.contact_date, c.acknowledged_on, today,
                                                 settings, cal),
        staff=names.get(c.staff_id) if c.staff_id else None) for i, c in enumerate(ordered))


class HandoverService:
    def __init__(self, ctx: ServiceContext, deadlines: DeadlineService):
        self._ctx = ctx
        self._deadlines = deadlines

    def for_episode(self, episode_id: int, *, logged: bool = True) -> HandoverRecord | None:
        """The episode's handover record; opening it goes in the access log unless ``logged``
        is False (for the person's own handouts, which carry only the meeting and contact)."""
        self._ctx.require(Capability.READ_HANDOVER)

        cal = self._deadlines.calendar()
        with self._ctx.db.read() as session:
            check_case_of(session, self._ctx, CustodyEpisode, episode_id)
            episode = get_episode(session, episode_id)
            row = session.scalar(select(Handover).where(Handover.episode_id == episode_id))
            if row is None:
                return None
            record = self._record(session, row, episode, cal)
            person_id = episode.person_id
        if logged:
            log_view(self._ctx, AccessedRecord.HANDOVER, record.id, person_id)
        return record

    def save_officer(self, episode_id: int, data: OfficerInput) -> HandoverRecord:
        """The community responsible officer; starts the handover if there is none yet."""
        self._ctx.require(Capability.EDIT_HANDOVER)
        errors = FieldErrors()
        values = {}
        for field, label, longest in (("ro_name", "officer's name", 120),
                                      ("ro_organisation", "organisation", 120),
                                      ("ro_team", "team", 120), ("ro_email", "email", 120)):
            values[field] = clean(getattr(data, field))
            errors.check(field, text_problem(label, values[field], max_length=longest))
        if values["ro_email"] and not EMAIL_PATTERN.match(values["ro_email"]):
            errors.check("ro_email", "Enter an email address such as name@example.org.")
        values["ro_phone"] = clean(data.ro_phone)
        errors.check("ro_phone", phone_problem("phone number", values["ro_phone"]))
        if errors:
            raise ValidationError(errors)

        def change(session: Session, row: Handover) -> None:
            for name, value in values.items():
                setattr(row, name, value)
        return self._edit(episode_id, data.version, change, create=True)

    def record_risk_shared(self, episode_id: int, shared: bool, shared_on: dt.date | None,
                           version: int) -> HandoverRecord:
        """Whether risk-of-harm information went to the officer, and when."""
        self._ctx.require(Capability.EDIT_HANDOVER)
        errors = FieldErrors()
        if shared:
            check_past_date(errors, "risk_info_shared_on", "date it was shared", shared_on,
                            self._ctx.today(), required=True)
        if errors:
            raise ValidationError(errors)

        def change(session: Session, row: Handover) -> None:
            row.risk_info_shared = shared
            row.risk_info_shared_on = shared_on if shared else None
        return self._edit(episode_id, version, change)

    def save_meeting(self, episode_id: int, meeting_at: dt.datetime | None,
                     notes: str | None, version: int) -> HandoverRecord:
        """The handover meeting: when (booked or held) and what was agreed."""
        self._ctx.require(Capability.EDIT_HANDOVER)
        text = clean(notes)
        problem = text_problem("meeting notes", text, max_length=MAX_LONG_TEXT)
        if problem:
            raise ValidationError({"meeting_notes": problem})

        def change(session: Session, row: Handover) -> None:
            row.meeting_at = meeting_at
            row.meeting_notes = text
        return self._edit(episode_id, version, change)

    def add_contact(self, episode_id: int, data: ContactInput) -> HandoverRecord:
        """Log a contact with the officer (appended; starts the handover if needed)."""
        self._ctx.require(Capability.EDIT_HANDOVER)
        today = self._ctx.today()
        errors = FieldErrors()
        check_past_date(errors, "contact_date", "contact date", data.contact_date, today,
                        required=True)
        check_past_date(errors, "acknowledged_on", "date it was acknowledged",
                        data.acknowledged_on, today, not_before=data.contact_date,
                        before_label="the contact")
        if not isinstance(data.method, ContactMethod):
            errors.check("method", "Choose how the contact was made.")
        shared = clean(data.shared)
        errors.check("shared", text_problem("what was shared", shared, required=True,
                                            max_length=400))
        if errors:
            raise ValidationError(errors)

        def change(session: Session, row: Handover) -> None:
            contact = HandoverContact(handover_id=row.id, contact_date=data.contact_date,
                                      method=data.method, shared=shared,
                                      acknowledged_on=data.acknowledged_on,
                                      staff_id=self._ctx.actor_id)
            session.add(contact)
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, "handover_contact",
                         contact.id, after=audit.snapshot(contact))
        return self._edit(episode_id, None, change, guarded=False, create=True)

    def acknowledge(self, contact_id: int, acknowledged_on: dt.date) -> HandoverRecord:
        """Record that the officer acknowledged a contact."""
        self._ctx.require(Capability.EDIT_HANDOVER)
        with self._ctx.db.read() as session:
            found = session.execute(
                select(Handover.episode_id, HandoverContact.contact_date)
                .join(HandoverContact, HandoverContact.handover_id == Handover.id)
                .where(HandoverContact.id == contact_id)).first()
        if found is None:
            raise NotFoundError("That contact is no longer on record.")
        episode_id, contact_date = found
        errors = FieldErrors()
        check_past_date(errors, "acknowledged_on", "date it was acknowledged",
                        acknowledged_on, self._ctx.today(), required=True,
                        not_before=contact_date, before_label="the contact")
        if errors:
            raise ValidationError(errors)

        def change(session: Session, row: Handover) -> None:
            contact = session.get(HandoverContact, contact_id)
            assert contact is not None
            if contact.acknowledged_on is not None:
                raise ValidationError({"acknowledged_on": "This contact was already "
                                       f"acknowledged on {contact.acknowledged_on:%d/%m/%Y}."})
            before = audit.snapshot(contact)
            contact.acknowledged_on = acknowledged_on
            audit.record(session, self._ctx, AuditAction.UPDATE, "handover_contact",
                         contact.id, before=before, after=audit.snapshot(contact))
        return self._edit(episode_id, None, change, guarded=False)

    def chasers(self, *, prison_id: int | None = None,
                worker_id: int | None = None) -> list[ChaserRow]:
        """People in custody whose latest contact with the officer is past its chase date."""
        self._ctx.require(Capability.READ_HANDOVER)
        cal = self._deadlines.calendar()
        today = self._ctx.today()
        with self._ctx.db.read() as session:
            settings = read_deadline_settings(session)
            newest = (select(HandoverContact.id, func.row_number().over(
                partition_by=HandoverContact.handover_id,
                order_by=(HandoverContact.contact_date.desc(), HandoverContact.id.desc()))
                .label("rank")).subquery())
            query = (select(HandoverContact, Handover, CustodyEpisode.id, Person.forename,
                            Person.surname, Person.crn, Person.id)
                     .join(newest, newest.c.id == HandoverContact.id)
                     .join(Handover, Handover.id == HandoverContact.handover_id)
                     .join(CustodyEpisode, CustodyEpisode.id == Handover.episode_id)
                     .join(Person, Person.id == CustodyEpisode.person_id)
                     .where(newest.c.rank == 1, HandoverContact.acknowledged_on.is_(None),
                            CustodyEpisode.status == CustodyStatus.IN_CUSTODY)
                     .order_by(HandoverContact.contact_date, HandoverContact.id))
            if prison_id is not None:
                query = query.where(CustodyEpisode.prison_id == prison_id)
            if worker_id is not None:
                query = query.where(CustodyEpisode.worker_id == worker_id)
            rows = session.execute(query).all()
            names = staff_names(session, [c.staff_id for c, *_ in rows])
            result = []
            for contact, handover, episode_id, forename, surname, crn, person_id in rows:
                row = contact_rows([contact], names, today, settings, cal)[0]
                if row.needs_chase:
                    result.append(ChaserRow(episode_id, f"{forename} {surname}", crn,
                                            handover.ro_name, handover.ro_email, row,
                                            person_id))
            return mask_restricted(session, self._ctx, result)

    # ---- the unit of work --------------------------------------------------------------
    def _edit(self, episode_id: int, version: int | None, change: Change, *,
              guarded: bool = True, create: bool = False) -> HandoverRecord:
        """One transaction on the episode's handover.

        A ``guarded`` change is to the handover's own fields and must name the version it
        was made on (None only when the form started a new handover); contacts are appended
        or acknowledged, so they need no guard and never block the officer's details.
        """
        cal = self._deadlines.calendar()
        try:
            with self._ctx.db.write() as session:
                episode = get_episode(session, episode_id)
                check_case(session, self._ctx, episode.person_id)
                row = session.scalar(select(Handover).where(Handover.episode_id == episode_id))
                if row is None:
                    if guarded and version is not None:
                        raise StaleRecordError(HANDOVER, None, None)
                    if not create:
                        raise NotFoundError("Record the responsible officer or a contact "
                                            "first.")
                    row = Handover(episode_id=episode_id, risk_info_shared=False,
                                   updated_by_id=self._ctx.actor_id)
                    session.add(row)
                    session.flush()
                    audit.record(session, self._ctx, AuditAction.CREATE, "handover", row.id,
                                 after=audit.snapshot(row))
                    version = row.version
                elif guarded:
                    if version is None:
                        # The form thought there was no handover yet: someone else began it.
                        raise StaleRecordError(HANDOVER, *self._who(session, row))
                    check_version(session, row, version, HANDOVER)
                before = audit.snapshot(row)
                change(session, row)
                if guarded:
                    row.updated_by_id = self._ctx.actor_id
                    flush_versioned(session, row, HANDOVER, self._ctx.db)
                    audit.record(session, self._ctx, AuditAction.UPDATE, "handover", row.id,
                                 before=before, after=audit.snapshot(row))
                else:
                    session.flush()
                return self._record(session, row, episode, cal)
        except IntegrityError:
            raise StaleRecordError(HANDOVER, None, None) from None

    @staticmethod
    def _who(session: Session, row: Handover) -> tuple[str | None, dt.datetime]:
        names = staff_names(session, [row.updated_by_id])
        return names.get(row.updated_by_id) if row.updated_by_id else None, row.updated_at

    def _record(self, session: Session, row: Handover, episode: CustodyEpisode,
                cal: WorkingCalendar) -> HandoverRecord:
        settings = read_deadline_settings(session)
        contacts = list(session.scalars(select(HandoverContact)
                                        .where(HandoverContact.handover_id == row.id)))
        names = staff_names(session, [c.staff_id for c in contacts])
        opens = current_deadlines(episode, settings, cal).handover_window_opens
        return HandoverRecord(
            id=row.id, episode_id=row.episode_id, ro_name=row.ro_name,
            ro_organisation=row.ro_organisation, ro_team=row.ro_team, ro_email=row.ro_email,
            ro_phone=row.ro_phone, risk_info_shared=bool(row.risk_info_shared),
            risk_info_shared_on=row.risk_info_shared_on, meeting_at=row.meeting_at,
            meeting_notes=row.meeting_notes, window_opens=opens,
            contacts=contact_rows(contacts, names, self._ctx.today(), settings, cal),
            version=row.version)
