"""Custody episodes: prison, prison number, sentence and release dates with their history."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import AuditAction, CustodyEventKind
from upw_ttg.domain.custody import DateChangeRow, expected_release
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.validation import (
    FieldErrors,
    clean,
    prison_number_problem,
    require_complete,
    text_problem,
)
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.custody import CUSTODY_DATE_FIELDS, CustodyInput, CustodyRecord
from upw_ttg.records.organisation import PrisonRow
from upw_ttg.services import audit
from upw_ttg.services.access import check_case, check_case_of
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import (
    CustodyDateChange,
    CustodyEpisode,
    CustodyEvent,
    Person,
    Prison,
    Staff,
)
from upw_ttg.storage.models.base import ColumnValues

DATE_FIELDS = [name for name, _label in CUSTODY_DATE_FIELDS]
_EPISODE_FIELDS = ["prison_id", "prison_number", "reception_date", "sentence_length_days",
                   "screening_date", *DATE_FIELDS]
# Dates that must not come before the sentence starts.
_AFTER_SENTENCE_START = ["conditional_release_date", "automatic_release_date",
                         "parole_eligibility_date", "hdc_eligibility_date", "hdc_approved_date",
                         "confirmed_release_date", "licence_expiry_date", "sentence_expiry_date",
                         "pss_end_date"]


def custody_values(session: Session, data: CustodyInput, today: dt.date) -> ColumnValues:
    """The column values of a custody form (or an imported record), checked; the expected
    release date worked out from the dates (rule TTG-1). Raises ValidationError by field."""
    require_complete(data)
    errors = FieldErrors()
    number = (clean(data.prison_number) or "").upper().replace(" ", "")
    errors.check("prison_number", prison_number_problem(number))
    if data.prison_id is None or session.get(Prison, data.prison_id) is None:
        errors.check("prison_id", "Choose the prison.")
    person = session.get(Person, data.person_id)
    if person is None:
        errors.check("person_id", "That person is no longer on record.")
    if data.reception_date is None:
        errors.check("reception_date", "Enter the reception date.")
    elif data.reception_date > today:
        errors.check("reception_date", "The reception date cannot be in the future.")
    elif person is not None and data.reception_date <= person.date_of_birth:
        errors.check("reception_date", "The reception date is before the date of birth.")
    if data.sentence_length_days is not None and data.sentence_length_days <= 0:
        errors.check("sentence_length_days", "The sentence length must be more than 0 days.")
    if data.screening_date and data.reception_date and \
            data.screening_date < data.reception_date:
        errors.check("screening_date", "Screening cannot be before reception.")
    start = data.sentence_start_date
    for name in _AFTER_SENTENCE_START:
        value = getattr(data, name)
        if value is not None and start is not None and value < start:
            label = dict(CUSTODY_DATE_FIELDS)[name]
            errors.check(name, f"{label} cannot be before the sentence start.")
    errors.check("change_reason", text_problem("reason", clean(data.change_reason)))
    if data.worker_id is not None:
        # The Through the Gate services load only when a worker is named.
        from upw_ttg.services.ttg.common import worker_problem

        errors.check("worker_id", worker_problem(session.get(Staff, data.worker_id)))
    if errors:
        raise ValidationError(errors)
    values = {name: getattr(data, name) for name in _EPISODE_FIELDS}
    values["prison_number"] = number
    release, kind = expected_release({n: values[n] for n in DATE_FIELDS})
    values["expected_release_date"] = release
    values["expected_release_type"] = kind
    return values


def add_episode(session: Session, ctx: ServiceContext, person_id: int, values: ColumnValues,
                worker_id: int | None) -> CustodyEpisode:
    """A new episode from checked ``values``, with its reception event; audited."""
    row = CustodyEpisode(person_id=person_id, updated_by_id=ctx.actor_id, worker_id=worker_id,
                         **values)
    session.add(row)
    session.flush()
    session.add(CustodyEvent(episode_id=row.id, kind=CustodyEventKind.RECEPTION,
                             event_date=row.reception_date, to_prison_id=row.prison_id,
                             reason="Received into custody", recorded_by_id=ctx.actor_id))
    audit.record(session, ctx, AuditAction.CREATE, "custody_episode", row.id,
                 after=audit.snapshot(row))
    return row


def change_episode(session: Session, ctx: ServiceContext, row: CustodyEpisode,
                   values: ColumnValues,
                   reason: str | None) -> None:
    """Write checked ``values`` to an episode, keeping every changed date in its history and a
    change of prison as a transfer, so deadlines that move can say why (rule TTG-7)."""
    for name in DATE_FIELDS + ["screening_date", "reception_date"]:
        old, new = getattr(row, name), values[name]
        if old != new:
            session.add(CustodyDateChange(
                episode_id=row.id, field=name, old_value=old, new_value=new, reason=reason,
                changed_at=ctx.utc_now(), changed_by_id=ctx.actor_id))
    if row.prison_id != values["prison_id"]:
        session.add(CustodyEvent(
            episode_id=row.id, kind=CustodyEventKind.TRANSFER, event_date=ctx.today(),
            from_prison_id=row.prison_id, to_prison_id=values["prison_id"],
            reason=reason or "Transfer", recorded_by_id=ctx.actor_id))
    for name, value in values.items():
        setattr(row, name, value)


class CustodyService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def prisons(self) -> list[PrisonRow]:
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        with self._ctx.db.read() as session:
            return [PrisonRow(p.id, p.code, p.name)
                    for p in session.scalars(select(Prison).order_by(Prison.name))]

    def for_person(self, person_id: int) -> list[CustodyRecord]:
        self._ctx.require(Capability.READ_CUSTODY)
        with self._ctx.db.read() as session:
            check_case(session, self._ctx, person_id)
            rows = session.scalars(select(CustodyEpisode)
                                   .where(CustodyEpisode.person_id == person_id)
                                   .order_by(CustodyEpisode.reception_date.desc()))
            return [self._record(session, r) for r in rows]

    def get(self, episode_id: int) -> CustodyRecord:
        self._ctx.require(Capability.READ_CUSTODY)
        with self._ctx.db.read() as session:
            check_case_of(session, self._ctx, CustodyEpisode, episode_id)
            row = session.get(CustodyEpisode, episode_id)
            if row is None:
                raise NotFoundError("That custody episode is no longer on record.")
            return self._record(session, row)

    def _record(self, session: Session, row: CustodyEpisode) -> CustodyRecord:
        prison = session.get(Prison, row.prison_id)
        assert prison is not None
        worker = session.get(Staff, row.worker_id) if row.worker_id is not None else None
        changes = session.execute(
            select(CustodyDateChange, Staff.full_name)
            .outerjoin(Staff, Staff.id == CustodyDateChange.changed_by_id)
            .where(CustodyDateChange.episode_id == row.id)
            .order_by(CustodyDateChange.changed_at.desc(), CustodyDateChange.id.desc())).all()
        return CustodyRecord(
            id=row.id, person_id=row.person_id, prison_id=row.prison_id,
            prison_code=prison.code, prison_name=prison.name, prison_number=row.prison_number,
            reception_date=row.reception_date, sentence_length_days=row.sentence_length_days,
            screening_date=row.screening_date,
            dates={name: getattr(row, name) for name in DATE_FIELDS},
            expected_release_date=row.expected_release_date,
            expected_release_type=row.expected_release_type, status=row.status.value,
            date_changes=tuple(DateChangeRow(c.field, c.old_value, c.new_value, c.reason,
                                             c.changed_at, name) for c, name in changes),
            version=row.version, worker_id=row.worker_id,
            worker_name=worker.full_name if worker is not None else None)

    def create(self, data: CustodyInput) -> CustodyRecord:
        self._ctx.require(Capability.EDIT_CUSTODY)
        try:
            with self._ctx.db.write() as session:
                check_case(session, self._ctx, data.person_id)
                values = custody_values(session, data, self._ctx.today())
                if data.worker_id is not None:
                    self._ctx.require(Capability.ASSIGN_CASELOAD)
                row = add_episode(session, self._ctx, data.person_id, values, data.worker_id)
                return self._record(session, row)
        except IntegrityError as exc:
            raise self._integrity(exc) from None

    def update(self, episode_id: int, data: CustodyInput) -> CustodyRecord:
        """Save changes; every changed date is kept in the episode's date history."""
        self._ctx.require(Capability.EDIT_CUSTODY)
        try:
            with self._ctx.db.write() as session:
                check_case_of(session, self._ctx, CustodyEpisode, episode_id)
                row = session.get(CustodyEpisode, episode_id)
                if row is None:
                    raise NotFoundError("That custody episode is no longer on record.")
                check_version(session, row, data.version, "custody episode")
                values = custody_values(session, data, self._ctx.today())
                before = audit.snapshot(row)
                change_episode(session, self._ctx, row, values, clean(data.change_reason))
                if data.worker_id is not None and data.worker_id != row.worker_id:
                    self._ctx.require(Capability.ASSIGN_CASELOAD)
                    row.worker_id = data.worker_id
                row.updated_by_id = self._ctx.actor_id
                flush_versioned(session, row, "custody episode", self._ctx.db)
                audit.record(session, self._ctx, AuditAction.UPDATE, "custody_episode", row.id,
                             before=before, after=audit.snapshot(row))
                return self._record(session, row)
        except IntegrityError as exc:
            raise self._integrity(exc) from None

    @staticmethod
    def _integrity(exc: IntegrityError) -> ValidationError:
        if "prison_number" in str(exc.orig).lower():
            return ValidationError({"prison_number": "Another custody episode already has this "
                                                     "prison number."})
        return ValidationError({"prison_number": "The episode conflicts with another record."})
