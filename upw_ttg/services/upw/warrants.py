"""Travel warrants: gapless serials per issuing office, status changes, register and spend."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import ColumnElement, Row, case, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import AuditAction, WarrantMode, WarrantStatus
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.records_to_check import Listed, Subject, listed
from upw_ttg.domain.validation import FieldErrors, clean, require_complete, text_problem
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.upw import SpendRow, WarrantInput, WarrantRecord
from upw_ttg.services import audit
from upw_ttg.services.access import check_case, check_case_of, mask_restricted
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.paging import paged
from upw_ttg.services.settings import read_setting
from upw_ttg.services.upw.facts import active_appointment
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import (
    Appointment,
    Office,
    Person,
    Staff,
    TravelWarrant,
    UpwSession,
    WarrantSerial,
)
from upw_ttg.storage.models.base import ColumnValues

MAX_FARE_PENCE = 100_000
MAX_DAYS = 31
# Money is committed until a warrant is voided or handed back unused.
_SPENT = (WarrantStatus.ISSUED, WarrantStatus.USED)


class WarrantsService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def eligibility_criteria(self) -> list[str]:
        """The criteria a warrant may be issued under (setting, separated by semicolons)."""
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        with self._ctx.db.read() as session:
            return _criteria(session)

    def issue(self, data: WarrantInput) -> WarrantRecord:
        """Issue a warrant with the office's next serial; two issuers never share or skip one,
        because the counter row is locked until the warrant is saved."""
        actor = self._ctx.require(Capability.ISSUE_WARRANT)
        require_complete(data)
        office_id = data.office_id if data.office_id is not None else actor.office_id
        with self._ctx.db.write() as session:
            check_case(session, self._ctx, data.person_id)
            values = self._validated(session, data, office_id)
            serial = _next_serial(session, values["office_id"])
            row = TravelWarrant(serial=serial, person_id=data.person_id,
                                issued_by_id=self._ctx.actor_id, issued_on=self._ctx.today(),
                                status=WarrantStatus.ISSUED, updated_by_id=self._ctx.actor_id,
                                **values)
            session.add(row)
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, "travel_warrant", row.id,
                         after=audit.snapshot(row))
            return _records(session, [TravelWarrant.id == row.id])[0]

    def void(self, warrant_id: int, reason: str, *, version: int | None = None
             ) -> WarrantRecord:
        """Void with a reason; the serial stays used, so the register has no gap."""
        self._ctx.require(Capability.ISSUE_WARRANT)
        text = clean(reason)
        problem = text_problem("reason", text, required=True)
        if problem:
            raise ValidationError({"void_reason": problem})
        return self._set_status(warrant_id, WarrantStatus.VOID, version, text)

    def mark_used(self, warrant_id: int, *, version: int | None = None) -> WarrantRecord:
        self._ctx.require(Capability.ISSUE_WARRANT)
        return self._set_status(warrant_id, WarrantStatus.USED, version)

    def mark_returned_unused(self, warrant_id: int, *, version: int | None = None
                             ) -> WarrantRecord:
        self._ctx.require(Capability.ISSUE_WARRANT)
        return self._set_status(warrant_id, WarrantStatus.RETURNED_UNUSED, version)

    def get(self, warrant_id: int) -> WarrantRecord:
        self._ctx.require(Capability.READ_WARRANTS)
        with self._ctx.db.read() as session:
            check_case_of(session, self._ctx, TravelWarrant, warrant_id)
            found = _records(session, [TravelWarrant.id == warrant_id])
            if not found:
                raise NotFoundError("That warrant is no longer on record.")
            return found[0]

    def register(self, *, office_id: int | None = None, date_from: dt.date | None = None,
                 date_to: dt.date | None = None, status: WarrantStatus | None = None,
                 newest_first: bool = False, limit: int | None = None, offset: int = 0
                 ) -> Listed[WarrantRecord]:
        """Warrants by issuing office and serial (or ``newest_first``), filtered by office,
        issue date and status; one that cannot be shown is in ``to_check``. ``limit`` and
        ``offset`` give one page of the list."""
        self._ctx.require(Capability.READ_WARRANTS)
        conditions = _conditions(office_id, date_from, date_to, status)
        with self._ctx.db.read() as session:
            return mask_restricted(session, self._ctx, listed(
                _rows(session, conditions, newest_first=newest_first, limit=limit,
                      offset=offset), _record, _about))

    def register_totals(self, *, office_id: int | None = None,
                        date_from: dt.date | None = None, date_to: dt.date | None = None,
                        status: WarrantStatus | None = None) -> tuple[int, int]:
        """How many warrants the register lists for these filters, and the pence of those
        issued or used: the figures under a register shown a page at a time."""
        self._ctx.require(Capability.READ_WARRANTS)
        spent = case((TravelWarrant.status.in_(_SPENT), TravelWarrant.fare_pence), else_=0)
        with self._ctx.db.read() as session:
            count, pence = session.execute(
                select(func.count(), func.coalesce(func.sum(spent), 0))
                .where(*_conditions(office_id, date_from, date_to, status))).one()
        return int(count), int(pence)

    def spend(self, *, date_from: dt.date | None = None, date_to: dt.date | None = None,
              office_id: int | None = None) -> list[SpendRow]:
        """Fares committed per issuing office and month of issue (void and returned excluded)."""
        self._ctx.require(Capability.READ_WARRANTS)
        with self._ctx.db.read() as session:
            # Summed per office and day in SQL, into months here (months are not portable SQL).
            query = (select(TravelWarrant.office_id, Office.name, TravelWarrant.issued_on,
                            func.count(), func.sum(TravelWarrant.fare_pence))
                     .join(Office, Office.id == TravelWarrant.office_id)
                     .where(TravelWarrant.status.in_(_SPENT))
                     .group_by(TravelWarrant.office_id, Office.name, TravelWarrant.issued_on))
            if office_id is not None:
                query = query.where(TravelWarrant.office_id == office_id)
            if date_from is not None:
                query = query.where(TravelWarrant.issued_on >= date_from)
            if date_to is not None:
                query = query.where(TravelWarrant.issued_on <= date_to)
            totals: dict[tuple[int, str, dt.date], list[int]] = defaultdict(lambda: [0, 0])
            for office, name, issued, count, fares in session.execute(query):
                entry = totals[(office, name, issued.replace(day=1))]
                entry[0] += count
                entry[1] += fares
        return [SpendRow(o, n, m, c, t) for (o, n, m), (c, t) in
                sorted(totals.items(), key=lambda kv: (kv[0][1], kv[0][2]))]

    # --- helpers ---------------------------------------------------------------------------
    def _set_status(self, warrant_id: int, status: WarrantStatus, version: int | None,
                    reason: str | None = None) -> WarrantRecord:
        with self._ctx.db.write() as session:
            check_case_of(session, self._ctx, TravelWarrant, warrant_id)
            row = session.get(TravelWarrant, warrant_id)
            if row is None:
                raise NotFoundError("That warrant is no longer on record.")
            check_version(session, row, version, "warrant")
            if row.status != WarrantStatus.ISSUED:
                raise ValidationError({"status": "Only an issued warrant can be voided, marked "
                                                 f"used or returned; this one is "
                                                 f"{row.status.value.replace('_', ' ')}."})
            before = audit.snapshot(row, ["status", "void_reason"])
            row.status = status
            row.void_reason = reason
            row.updated_by_id = self._ctx.actor_id
            flush_versioned(session, row, "warrant", self._ctx.db)
            audit.record(session, self._ctx, AuditAction.UPDATE, "travel_warrant", row.id,
                         before=before, after=audit.snapshot(row, ["status", "void_reason"]))
            return _records(session, [TravelWarrant.id == row.id])[0]

    def _validated(self, session: Session, data: WarrantInput, office_id: int | None
                   ) -> ColumnValues:
        errors = FieldErrors()
        if office_id is None or session.get(Office, office_id) is None:
            errors.check("office_id", "Choose the issuing office.")
        if session.get(Person, data.person_id) is None:
            errors.check("person_id", "That person is no longer on record.")
        valid_from, valid_to = data.valid_from, data.valid_to
        if data.session_id is not None:
            day = session.scalar(select(UpwSession.session_date)
                                 .where(UpwSession.id == data.session_id))
            on_it = session.scalar(select(func.count()).select_from(Appointment).where(
                Appointment.session_id == data.session_id,
                Appointment.person_id == data.person_id, active_appointment()))
            if day is None or not on_it:
                errors.check("session_id", "The person is not booked on that session.")
            valid_from = valid_from or day
            valid_to = valid_to or day
        if valid_from is None or valid_to is None:
            errors.check("valid_from", "Enter the date or dates of travel.")
        elif valid_to < valid_from:
            errors.check("valid_to", "The last day of travel is before the first.")
        elif (valid_to - valid_from).days >= MAX_DAYS:
            errors.check("valid_to", f"A warrant covers at most {MAX_DAYS} days.")
        travel_from, travel_to = clean(data.travel_from), clean(data.travel_to)
        errors.check("travel_from", text_problem("place travelled from", travel_from,
                                                 required=True, max_length=100))
        errors.check("travel_to", text_problem("place travelled to", travel_to, required=True,
                                               max_length=100))
        if not isinstance(data.mode, WarrantMode):
            errors.check("mode", "Choose bus or train.")
        if not isinstance(data.fare_pence, int) or not 0 <= data.fare_pence <= MAX_FARE_PENCE:
            errors.check("fare_pence", "Enter the fare in pounds and pence, up to £1,000.")
        eligibility = clean(data.eligibility)
        criteria = _criteria(session)
        if eligibility not in criteria:
            errors.check("eligibility", f"Choose why the person is eligible: "
                                        f"{'; '.join(criteria)}.")
        reason = clean(data.reason)
        errors.check("reason", text_problem("reason", reason, required=True))
        if errors:
            raise ValidationError(errors)
        return dict(office_id=office_id, session_id=data.session_id, valid_from=valid_from,
                    valid_to=valid_to, travel_from=travel_from, travel_to=travel_to,
                    mode=data.mode, fare_pence=data.fare_pence, eligibility=eligibility,
                    reason=reason, return_journey=bool(data.return_journey))


def _criteria(session: Session) -> list[str]:
    text = str(read_setting(session, "upw.warrant_eligibility"))
    return [c.strip()[:40] for c in text.split(";") if c.strip()]


def _next_serial(session: Session, office_id: int) -> int:
    """Take the office's next serial under a row lock held until commit (gapless: a rolled
    back issue rolls the counter back too)."""
    query = (select(WarrantSerial).where(WarrantSerial.office_id == office_id)
             .with_for_update().execution_options(populate_existing=True))
    counter = session.scalar(query)
    if counter is None:
        # The first warrant of an office: continue after any serial already on record.
        start = (session.scalar(select(func.max(TravelWarrant.serial))
                                .where(TravelWarrant.office_id == office_id)) or 0) + 1
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        session.execute(dialect.insert(WarrantSerial).values(office_id=office_id,
                                                            next_serial=start)
                        .on_conflict_do_nothing(index_elements=["office_id"]))
        counter = session.scalar(query)
    assert counter is not None
    serial = counter.next_serial
    counter.next_serial = serial + 1
    session.flush()
    return serial


# A warrant as listed: the warrant, its office's code and name, the person's id, CRN, forename
# and surname, and who issued it (None once their account is gone).
_WarrantColumns = tuple[TravelWarrant, str, str, int, str, str, str, str | None]

def _conditions(office_id: int | None, date_from: dt.date | None, date_to: dt.date | None,
                status: WarrantStatus | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if office_id is not None:
        conditions.append(TravelWarrant.office_id == office_id)
    if date_from is not None:
        conditions.append(TravelWarrant.issued_on >= date_from)
    if date_to is not None:
        conditions.append(TravelWarrant.issued_on <= date_to)
    if status is not None:
        conditions.append(TravelWarrant.status == status)
    return conditions


def _rows(session: Session, conditions: list[ColumnElement[bool]], *,
          newest_first: bool = False, limit: int | None = None, offset: int = 0
          ) -> Sequence[Row[*_WarrantColumns]]:
    # The office's and person's few columns, not the whole records: reading every column of
    # each warrant's person and office was most of a national register's time.
    order = ((TravelWarrant.issued_on.desc(), Office.code.desc(), TravelWarrant.serial.desc(),
              TravelWarrant.id.desc()) if newest_first
             else (Office.name, TravelWarrant.serial, TravelWarrant.id))
    return session.execute(paged(
        select(TravelWarrant, Office.code, Office.name, Person.id, Person.crn, Person.forename,
               Person.surname, Staff.full_name)
        .join(Office, Office.id == TravelWarrant.office_id)
        .join(Person, Person.id == TravelWarrant.person_id)
        .outerjoin(Staff, Staff.id == TravelWarrant.issued_by_id)
        .where(*conditions)
        .order_by(*order), limit, offset)).all()


def _record(row: Row[*_WarrantColumns]) -> WarrantRecord:
    w, office_code, office_name, _person, crn, forename, surname, staff = row
    return WarrantRecord(
        w.id, w.office_id, office_code, office_name, w.serial, w.person_id, crn,
        f"{forename} {surname}", w.session_id, w.valid_from, w.valid_to,
        w.travel_from, w.travel_to, w.mode, w.fare_pence, w.eligibility, w.reason, staff,
        w.issued_on, w.status, w.void_reason, w.version, w.return_journey)


def _about(row: Row[*_WarrantColumns]) -> Subject:
    w, office_code, _name, person_id, crn, forename, surname, _staff = row
    return Subject(crn, f"{forename} {surname}", f"travel warrant {office_code}/{w.serial}",
                   {"issue date": w.issued_on, "valid-from date": w.valid_from,
                    "valid-to date": w.valid_to}, person_id)


def _records(session: Session, conditions: list[ColumnElement[bool]]) -> list[WarrantRecord]:
    return [_record(row) for row in _rows(session, conditions)]
