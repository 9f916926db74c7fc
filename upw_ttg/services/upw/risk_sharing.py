"""Risk changes that reach everyone (rule UPW-RISKSHARE): the fan-out, told, confirmed, chased."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import cast

from sqlalchemy import Select, Table, select
from sqlalchemy.orm import Session, aliased

from upw_ttg.domain.codes import AuditAction, ContactMethod, ReferralStatus, SessionStatus
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.risk_sharing import (
    RISK_FIELDS,
    Contact,
    ContactKind,
    chase_due,
    confirm_by,
    distinct_contacts,
    first_assessment_risks,
    risk_changes,
)
from upw_ttg.domain.validation import FieldErrors, clean, text_problem
from upw_ttg.domain.working_days import WorkingCalendar
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.risk_sharing import RiskChangeRow, RiskContactRow
from upw_ttg.services import audit
from upw_ttg.services.access import check_case, mask_restricted
from upw_ttg.services.case_reviews import review_if_assessment_risk_changed
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.settings import read_setting
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import (
    Appointment,
    ClosureDate,
    CustodyEpisode,
    DeliveryUnit,
    Office,
    Person,
    Project,
    Referral,
    ResettlementPlan,
    RiskChange,
    RiskChangeContact,
    SessionSupervisor,
    Staff,
    UpwOrder,
    UpwSession,
)

CONFIRM_SETTING = "upw.risk_confirm_working_days"
_OPEN_REFERRALS = (ReferralStatus.SENT, ReferralStatus.ACCEPTED)
_CONTACT_FIELDS = ["told_on", "told_method", "told_by_id", "confirmed_on", "chased_on",
                   "confirm_by", "note"]


def format_date(day: dt.date) -> str:
    """``27 Nov 2026``, as the printed documents write a date (without loading them)."""
    return f"{day.day} {day:%b %Y}"


def confirm_days(session: Session) -> int:
    """The working days to confirm a risk change (*setting*)."""
    return int(read_setting(session, CONFIRM_SETTING))


def service_calendar(session: Session) -> WorkingCalendar:
    """Working days for everyone: bank holidays and the closures of the whole service."""
    return WorkingCalendar(session.scalars(select(ClosureDate.closed_on).where(
        ClosureDate.office_id.is_(None), ClosureDate.project_id.is_(None))))


def risk_facts(row: object) -> dict[str, object]:
    """The answers of an assessment row that rule UPW-RISKSHARE watches."""
    return {field: getattr(row, field) for field in RISK_FIELDS}


def upcoming_contacts(session: Session, person_id: int, today: dt.date) -> list[Contact]:
    """Everyone with upcoming contact with the person: supervisors of sessions booked from
    today (not stood down, no outcome yet), the beneficiary contact of each individual
    placement among them, the providers of open referrals and the responsible officer."""
    extra = aliased(Staff)
    lead = aliased(Staff)
    booked = session.execute(
        select(UpwSession.session_date, Project.name, Project.project_type,
               Project.beneficiary, Project.beneficiary_contact, lead.id, lead.full_name,
               extra.id, extra.full_name)
        .select_from(Appointment)
        .join(UpwSession, UpwSession.id == Appointment.session_id)
        .join(Project, Project.id == UpwSession.project_id)
        .outerjoin(lead, lead.id == UpwSession.supervisor_id)
        .outerjoin(SessionSupervisor, SessionSupervisor.session_id == UpwSession.id)
        .outerjoin(extra, extra.id == SessionSupervisor.staff_id)
        .where(Appointment.person_id == person_id, Appointment.outcome_code.is_(None),
               UpwSession.session_date >= today,
               UpwSession.status != SessionStatus.STOOD_DOWN)
        .order_by(UpwSession.session_date, UpwSession.start_time)).all()
    contacts: list[Contact] = []
    for day, project, kind, beneficiary, contact, lead_id, lead_name, extra_id, extra_name \
            in booked:
        where = f"{project}, from {format_date(day)}"
        for staff_id, name in ((lead_id, lead_name), (extra_id, extra_name)):
            if staff_id is not None:
                contacts.append(Contact(ContactKind.SUPERVISOR, name, where, staff_id))
        if kind == "individual":
            contacts.append(Contact(ContactKind.BENEFICIARY, contact or beneficiary,
                                    f"{beneficiary}, from {format_date(day)}"))
    for provider, pathway in session.execute(
            select(Referral.provider, Referral.pathway_code)
            .join(ResettlementPlan, ResettlementPlan.id == Referral.plan_id)
            .join(CustodyEpisode, CustodyEpisode.id == ResettlementPlan.episode_id)
            .where(CustodyEpisode.person_id == person_id,
                   Referral.status.in_(_OPEN_REFERRALS))
            .order_by(Referral.sent_on, Referral.id)):
        contacts.append(Contact(ContactKind.PROVIDER, provider, f"Referral ({pathway})"))
    officer = session.scalar(select(Person.responsible_officer).where(Person.id == person_id))
    if officer:
        contacts.append(Contact(ContactKind.RESPONSIBLE_OFFICER, officer,
                                "Manages the order or licence"))
    return distinct_contacts(contacts)


def share_risk_change(session: Session, ctx: ServiceContext, person_id: int,
                      assessment_id: int | None, before: Mapping[str, object] | None,
                      after: Mapping[str, object]) -> RiskChange | None:
    """Rule UPW-RISKSHARE, in the caller's unit of work: if the risk level, a risk flag or
    a supervisor restriction changed, record the change and everyone to tell, each to
    confirm within the set working days. ``before`` None is a person's first completed
    assessment: what it records of risk is the change. None if nothing the rule watches
    changed."""
    changes = (first_assessment_risks(after) if before is None
               else risk_changes(before, after))
    if not changes:
        return None
    today = ctx.today()
    due = confirm_by(service_calendar(session), today, confirm_days(session))
    change = RiskChange(person_id=person_id, assessment_id=assessment_id, changed_on=today,
                        changed_by_id=ctx.actor_id, summary="\n".join(changes))
    session.add(change)
    session.flush()
    contacts = upcoming_contacts(session, person_id, today)
    if contacts:
        session.execute(cast(Table, RiskChangeContact.__table__).insert(), [
            {"change_id": change.id, "kind": c.kind.value, "name": c.name[:120],
             "detail": c.detail[:200], "staff_id": c.staff_id, "confirm_by": due,
             "version": 1, "updated_by_id": ctx.actor_id} for c in contacts])
    audit.record(session, ctx, AuditAction.CREATE, "risk_change", change.id,
                 after={"person_id": person_id, "changes": list(changes),
                        "contacts": [f"{c.kind.value}: {c.name}" for c in contacts]})
    review_if_assessment_risk_changed(session, ctx, person_id)
    return change


# A contact as listed: the contact, the person's id, the change's date, the person's CRN,
# forename and surname, who told them, the coordinator and the unit (None where not known).
_ContactColumns = tuple[RiskChangeContact, int, dt.date, str, str, str, str | None, str | None,
                        str | None]

class RiskSharingService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def for_person(self, person_id: int) -> list[RiskChangeRow]:
        """The person's risk changes, newest first, each with everyone to tell."""
        self._ctx.require(Capability.READ_UPW_ASSESSMENT)
        with self._ctx.db.read() as session:
            check_case(session, self._ctx, person_id)
            changes = list(session.execute(
                select(RiskChange, Staff.full_name)
                .outerjoin(Staff, Staff.id == RiskChange.changed_by_id)
                .where(RiskChange.person_id == person_id)
                .order_by(RiskChange.changed_at.desc(), RiskChange.id.desc())))
            contacts: dict[int, list[RiskContactRow]] = {c.id: [] for c, _ in changes}
            if changes:
                for row in self._contacts(session, self._query().where(
                        RiskChangeContact.change_id.in_(list(contacts)))):
                    contacts[row.change_id].append(row)
            return [RiskChangeRow(c.id, c.person_id, c.changed_on, by,
                                  tuple(c.summary.splitlines()), tuple(contacts[c.id]))
                    for c, by in changes]

    def open_contacts(self, *, delivery_unit_id: int | None = None,
                      coordinator_id: int | None = None) -> list[RiskContactRow]:
        """The coordinator's queue: everyone not yet confirmed, those to chase first."""
        self._ctx.require(Capability.READ_UPW_ASSESSMENT)
        with self._ctx.db.read() as session:
            query = self._query().where(RiskChangeContact.confirmed_on.is_(None))
            if delivery_unit_id is not None:
                query = query.where(Office.delivery_unit_id == delivery_unit_id)
            if coordinator_id is not None:
                query = query.where(UpwOrder.coordinator_id == coordinator_id)
            rows = self._contacts(session, query)
            rows.sort(key=lambda r: (not r.chase_due, r.confirm_by, r.changed_on, r.id))
            return mask_restricted(session, self._ctx, rows)

    def record_told(self, contact_id: int, version: int, method: ContactMethod,
                    told_on: dt.date | None = None, note: str | None = None) -> RiskContactRow:
        """They were told: how and on which day (today unless given); by the member signed in."""
        self._ctx.require(Capability.SHARE_RISK_CHANGES)
        today = self._ctx.today()
        on = told_on or today
        text = clean(note)
        errors = FieldErrors()
        errors.check("note", text_problem("note", text, max_length=400))
        if on > today:
            errors.check("told_on", "The day they were told cannot be in the future.")
        try:
            method = ContactMethod(method)
        except ValueError:
            errors.check("told_method", "Choose how they were told.")
        if errors:
            raise ValidationError(errors)

        def change(row: RiskChangeContact, changed_on: dt.date, _session: Session) -> None:
            if on < changed_on:
                raise ValidationError({"told_on": "They cannot have been told before the "
                                                  f"change on {format_date(changed_on)}."})
            row.told_on, row.told_method, row.told_by_id = on, method, self._ctx.actor_id
            if text:
                row.note = text

        return self._edit(contact_id, version, change)

    def record_confirmed(self, contact_id: int, version: int,
                         confirmed_on: dt.date | None = None) -> RiskContactRow:
        """They confirmed they have the change (today unless given)."""
        self._ctx.require(Capability.SHARE_RISK_CHANGES)
        today = self._ctx.today()
        on = confirmed_on or today
        if on > today:
            raise ValidationError({"confirmed_on": "The day they confirmed cannot be in the "
                                                   "future."})

        def change(row: RiskChangeContact, changed_on: dt.date, _session: Session) -> None:
            if on < changed_on:
                raise ValidationError({"confirmed_on": "They cannot have confirmed before the "
                                                       f"change on {format_date(changed_on)}."})
            row.confirmed_on = on
            if row.told_on is None:  # a confirmation means they were told, on that day
                row.told_on, row.told_by_id = on, self._ctx.actor_id

        return self._edit(contact_id, version, change)

    def record_chased(self, contact_id: int, version: int) -> RiskContactRow:
        """They were chased today: the set working days start again from today."""
        self._ctx.require(Capability.SHARE_RISK_CHANGES)

        def change(row: RiskChangeContact, _changed_on: dt.date, session: Session) -> None:
            if row.confirmed_on is not None:
                raise ValidationError({"chased_on": "They have confirmed already."})
            row.chased_on = self._ctx.today()
            row.confirm_by = confirm_by(service_calendar(session), self._ctx.today(),
                                        confirm_days(session))

        return self._edit(contact_id, version, change)

    # -- helpers -------------------------------------------------------------------------

    def _edit(self, contact_id: int, version: int,
              change: Callable[[RiskChangeContact, dt.date, Session], None]) -> RiskContactRow:
        with self._ctx.db.write() as session:
            found = session.execute(
                select(RiskChangeContact, RiskChange.person_id, RiskChange.changed_on)
                .join(RiskChange, RiskChange.id == RiskChangeContact.change_id)
                .where(RiskChangeContact.id == contact_id)).first()
            if found is None:
                raise NotFoundError("That contact is no longer on record.")
            row, person_id, changed_on = found
            check_case(session, self._ctx, person_id)
            check_version(session, row, version, "risk change contact")
            before = audit.snapshot(row, _CONTACT_FIELDS)
            change(row, changed_on, session)
            row.updated_by_id = self._ctx.actor_id
            flush_versioned(session, row, "risk change contact", self._ctx.db)
            audit.record(session, self._ctx, AuditAction.UPDATE, "risk_change_contact", row.id,
                         before=before, after=audit.snapshot(row, _CONTACT_FIELDS))
            [result] = self._contacts(session, self._query().where(
                RiskChangeContact.id == contact_id))
            return result

    @staticmethod
    def _query() -> Select[*_ContactColumns]:
        told_by = aliased(Staff)
        coordinator = aliased(Staff)
        # The person's live order, for the coordinator (one row per contact: the newest).
        newest = (select(UpwOrder.id).where(UpwOrder.person_id == RiskChange.person_id)
                  .order_by(UpwOrder.sentence_date.desc(), UpwOrder.id.desc()).limit(1)
                  .correlate(RiskChange).scalar_subquery())
        return (select(RiskChangeContact, RiskChange.person_id, RiskChange.changed_on,
                       Person.crn, Person.forename, Person.surname, told_by.full_name,
                       coordinator.full_name, DeliveryUnit.code)
                .join(RiskChange, RiskChange.id == RiskChangeContact.change_id)
                .join(Person, Person.id == RiskChange.person_id)
                .outerjoin(told_by, told_by.id == RiskChangeContact.told_by_id)
                .outerjoin(UpwOrder, UpwOrder.id == newest)
                .outerjoin(coordinator, coordinator.id == UpwOrder.coordinator_id)
                .outerjoin(Office, Office.id == Person.office_id)
                .outerjoin(DeliveryUnit, DeliveryUnit.id == Office.delivery_unit_id)
                .order_by(RiskChangeContact.id))

    def _contacts(self, session: Session, query: Select[*_ContactColumns]
                  ) -> list[RiskContactRow]:
        today = self._ctx.today()
        return [RiskContactRow(
            c.id, c.change_id, person_id, crn, f"{forename} {surname}", changed_on, c.kind,
            c.name, c.detail, c.confirm_by, c.told_on, c.told_method, told_by, c.confirmed_on,
            c.chased_on, c.note, chase_due(c.confirm_by, c.confirmed_on, today), coordinator,
            unit, c.version)
            for c, person_id, changed_on, crn, forename, surname, told_by, coordinator, unit
            in session.execute(query)]
