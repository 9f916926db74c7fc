"""Offices and prisons as data: the administrator's edits, and the office contact every
person-facing document prints."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from upw_ttg.domain.codes import AuditAction
from upw_ttg.domain.organisation import (
    DEFAULT_ORGANISATION,
    OfficeInput,
    PrisonInput,
    office_problems,
    prison_problems,
)
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.validation import clean, normalise_postcode
from upw_ttg.errors import NotFoundError, StaleRecordError, ValidationError
from upw_ttg.records.organisation import OfficeDetails, PrisonDetails
from upw_ttg.records.upw_print import OfficeContact
from upw_ttg.services import audit
from upw_ttg.services.context import ServiceContext
from upw_ttg.storage.models import DeliveryUnit, Office, Prison

_OFFICE_FIELDS = ["name", "organisation", "address", "town", "postcode", "phone", "email",
                  "opening_hours", "opening_hours_cy", "warrant_account"]
_PRISON_FIELDS = ["code", "name", "address", "phone", "holds_women"]
# Printed when a person has no office on record: the organisation is still named.
_NO_OFFICE = OfficeContact("Community Payback", (), None)


def office_contact(session: Session, office_id: int | None) -> OfficeContact:
    """The organisation, address and number to call that a person-facing document prints for
    ``office_id``, inside an open unit of work. Holds nothing about any person."""
    office = session.get(Office, office_id) if office_id is not None else None
    return contact_of(office)


def contact_of(office: Office | None) -> OfficeContact:
    """``office_contact`` for an office row already loaded."""
    if office is None:
        return _NO_OFFICE
    lines = tuple(x for x in (office.address, office.town, office.postcode) if x)
    return OfficeContact(office.name, lines, office.phone,
                         organisation=office.organisation or DEFAULT_ORGANISATION,
                         email=office.email, opening_hours=office.opening_hours,
                         opening_hours_cy=office.opening_hours_cy,
                         warrant_account=office.warrant_account)


def _office_details(office: Office, unit: str) -> OfficeDetails:
    return OfficeDetails(office.id, office.code, office.name, unit, office.organisation,
                         office.address, office.town, office.postcode, office.phone,
                         office.email, office.opening_hours, office.warrant_account,
                         office.version, office.opening_hours_cy)


def _prison_details(prison: Prison) -> PrisonDetails:
    return PrisonDetails(prison.id, prison.code, prison.name, prison.address, prison.phone,
                         bool(prison.holds_women), prison.version)


def _cleaned_office(data: OfficeInput) -> OfficeInput:
    return OfficeInput(
        name=clean(data.name) or "", organisation=clean(data.organisation),
        address=clean(data.address), town=clean(data.town),
        postcode=normalise_postcode(clean(data.postcode)), phone=clean(data.phone),
        email=clean(data.email), opening_hours=clean(data.opening_hours),
        opening_hours_cy=clean(data.opening_hours_cy),
        warrant_account=clean(data.warrant_account))


def _cleaned_prison(data: PrisonInput) -> PrisonInput:
    return PrisonInput(code=(clean(data.code) or "").upper(), name=clean(data.name) or "",
                       address=clean(data.address), phone=clean(data.phone),
                       holds_women=bool(data.holds_women))


def _check(row: Office | Prison, version: int, entity: str) -> None:
    if row.version != version:
        raise StaleRecordError(entity, None, row.updated_at)


def _flush(session: Session, entity: str) -> None:
    """Flush; the UPDATE carries ``WHERE version = ?`` so a racing save is refused here."""
    try:
        session.flush()
    except StaleDataError:
        raise StaleRecordError(entity, None, None) from None


class OrganisationService:
    """Offices (organisation, address, phone, email, hours, warrant account) and prisons."""

    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def offices(self) -> list[OfficeDetails]:
        """Every office with its contact details, by delivery unit and name."""
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        with self._ctx.db.read() as session:
            rows = session.execute(select(Office, DeliveryUnit.name).join(DeliveryUnit)
                                   .order_by(DeliveryUnit.name, Office.name))
            return [_office_details(office, unit) for office, unit in rows]

    def contact(self, office_id: int) -> OfficeContact:
        """What person-facing documents print for one office."""
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        with self._ctx.db.read() as session:
            if session.get(Office, office_id) is None:
                raise NotFoundError("That office is no longer on record.")
            return office_contact(session, office_id)

    def update_office(self, office_id: int, data: OfficeInput, version: int) -> OfficeDetails:
        """Change an office's name and contact details; only an administrator may."""
        self._ctx.require(Capability.MANAGE_OFFICES_AND_PRISONS)
        data = _cleaned_office(data)
        problems = office_problems(data)
        if problems:
            raise ValidationError(problems)
        with self._ctx.db.write() as session:
            office = session.get(Office, office_id)
            if office is None:
                raise NotFoundError("That office is no longer on record.")
            _check(office, version, "office")
            before = audit.snapshot(office, _OFFICE_FIELDS)
            for name in _OFFICE_FIELDS:
                setattr(office, name, getattr(data, name))
            _flush(session, "office")
            audit.record(session, self._ctx, AuditAction.UPDATE, "office", office.id,
                         before=before, after=audit.snapshot(office, _OFFICE_FIELDS))
            unit = session.scalar(select(DeliveryUnit.name)
                                  .where(DeliveryUnit.id == office.delivery_unit_id))
            return _office_details(office, unit or "")

    def prisons(self) -> list[PrisonDetails]:
        """Every prison with its address and phone, by name."""
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        with self._ctx.db.read() as session:
            return [_prison_details(p)
                    for p in session.scalars(select(Prison).order_by(Prison.name))]

    def add_prison(self, data: PrisonInput) -> PrisonDetails:
        """Add a prison to the list, which can grow; only an administrator may."""
        self._ctx.require(Capability.MANAGE_OFFICES_AND_PRISONS)
        data = _cleaned_prison(data)
        problems = prison_problems(data)
        if problems:
            raise ValidationError(problems)
        with self._ctx.db.write() as session:
            self._code_free(session, data.code, None)
            prison = Prison(**{name: getattr(data, name) for name in _PRISON_FIELDS})
            session.add(prison)
            session.flush()
            audit.record(session, self._ctx, AuditAction.CREATE, "prison", prison.id,
                         after=audit.snapshot(prison, _PRISON_FIELDS))
            return _prison_details(prison)

    def update_prison(self, prison_id: int, data: PrisonInput, version: int) -> PrisonDetails:
        """Change a prison's code, name, address or phone; only an administrator may."""
        self._ctx.require(Capability.MANAGE_OFFICES_AND_PRISONS)
        data = _cleaned_prison(data)
        problems = prison_problems(data)
        if problems:
            raise ValidationError(problems)
        with self._ctx.db.write() as session:
            prison = session.get(Prison, prison_id)
            if prison is None:
                raise NotFoundError("That prison is no longer on record.")
            _check(prison, version, "prison")
            self._code_free(session, data.code, prison_id)
            before = audit.snapshot(prison, _PRISON_FIELDS)
            for name in _PRISON_FIELDS:
                setattr(prison, name, getattr(data, name))
            _flush(session, "prison")
            audit.record(session, self._ctx, AuditAction.UPDATE, "prison", prison.id,
                         before=before, after=audit.snapshot(prison, _PRISON_FIELDS))
            return _prison_details(prison)

    @staticmethod
    def _code_free(session: Session, code: str, prison_id: int | None) -> None:
        holder = session.scalar(select(Prison).where(Prison.code == code))
        if holder is not None and holder.id != prison_id:
            raise ValidationError({"code": f"{code} is already the code of {holder.name}."})
