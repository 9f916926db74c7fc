"""The directory of local services: the administrator's edits, and the pick lists and printed
details that referrals read from it (rules TTG-DIR1 to TTG-DIR4)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import AuditAction
from upw_ttg.domain.directory import ProviderInput, provider_problems
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.validation import clean, normalise_postcode
from upw_ttg.errors import NotFoundError, ValidationError
from upw_ttg.records.directory import AreaRow, ProviderChoice, ProviderContact, ProviderRecord
from upw_ttg.records.pathways import PathwayRow
from upw_ttg.services import audit
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.versioning import check_version, flush_versioned
from upw_ttg.storage.models import (
    DeliveryUnit,
    Office,
    Pathway,
    Referral,
    ServiceProvider,
    ServiceProviderArea,
    ServiceProviderPathway,
)
from upw_ttg.storage.models.base import utc_now

_FIELDS = ["name", "national", "address", "town", "postcode", "phone", "email",
           "opening_hours", "opening_hours_cy", "referral_route", "referral_how", "active"]


def provider_records(session: Session, ids: Iterable[int] | None = None) -> list[ProviderRecord]:
    """Providers (all, or those of ``ids``) with their pathways and areas, by name."""
    query = select(ServiceProvider).order_by(func.lower(ServiceProvider.name),
                                             ServiceProvider.id)
    wanted = None if ids is None else sorted(set(ids))
    if wanted is not None:
        if not wanted:
            return []
        query = query.where(ServiceProvider.id.in_(wanted))
    rows = list(session.scalars(query))
    if not rows:
        return []
    row_ids = [r.id for r in rows]
    pathways: dict[int, list[tuple[str, str]]] = {}
    for provider_id, code, name in session.execute(
            select(ServiceProviderPathway.provider_id, Pathway.code, Pathway.name)
            .join(Pathway, Pathway.code == ServiceProviderPathway.pathway_code)
            .where(ServiceProviderPathway.provider_id.in_(row_ids))
            .order_by(Pathway.sort_order)):
        pathways.setdefault(provider_id, []).append((code, name))
    areas: dict[int, list[tuple[int, str]]] = {}
    for provider_id, unit_id, name in session.execute(
            select(ServiceProviderArea.provider_id, DeliveryUnit.id, DeliveryUnit.name)
            .join(DeliveryUnit, DeliveryUnit.id == ServiceProviderArea.delivery_unit_id)
            .where(ServiceProviderArea.provider_id.in_(row_ids))
            .order_by(DeliveryUnit.name)):
        areas.setdefault(provider_id, []).append((unit_id, name))
    counts = dict(session.execute(
        select(Referral.provider_id, func.count()).where(Referral.provider_id.in_(row_ids))
        .group_by(Referral.provider_id)).all())
    return [ProviderRecord(
        id=r.id, name=r.name,
        pathway_codes=tuple(c for c, _n in pathways.get(r.id, ())),
        pathway_names=tuple(n for _c, n in pathways.get(r.id, ())),
        national=bool(r.national),
        unit_ids=tuple(u for u, _n in areas.get(r.id, ())),
        unit_names=tuple(n for _u, n in areas.get(r.id, ())),
        address=r.address, town=r.town, postcode=r.postcode, phone=r.phone, email=r.email,
        opening_hours=r.opening_hours, referral_route=r.referral_route,
        referral_how=r.referral_how, active=bool(r.active), version=r.version,
        referrals=counts.get(r.id, 0), opening_hours_cy=r.opening_hours_cy) for r in rows]


def provider_contacts(session: Session, ids: Iterable[int | None]) -> dict[int, ProviderContact]:
    """What printed documents say about each provider of ``ids``, as the directory holds it
    now (rule TTG-DIR4)."""
    wanted = {i for i in ids if i is not None}
    return {r.id: r.contact() for r in provider_records(session, wanted)}


def linked_provider(session: Session, provider_id: int | None, kept_id: int | None,
                    field: str) -> str | None:
    """The name of the directory provider a plan's fallback, action or review is to point at
    (None: none), refused when it has left the directory, or stopped taking referrals and
    the record did not already point at it (rule TTG-DIR4)."""
    if provider_id is None:
        return None
    row = session.get(ServiceProvider, provider_id)
    if row is None:
        raise ValidationError({field: "That provider is no longer in the directory."})
    if not row.active and provider_id != kept_id:
        raise ValidationError({field: f"{row.name} is no longer taking referrals: choose "
                                      "another provider."})
    return row.name


def unit_of_office(session: Session, office_id: int | None) -> int | None:
    if office_id is None:
        return None
    return session.scalar(select(Office.delivery_unit_id).where(Office.id == office_id))


def provider_choices(session: Session, pathway_code: str | None,
                     unit_id: int | None) -> list[ProviderChoice]:
    """Providers still taking referrals that help with ``pathway_code``: those serving
    ``unit_id`` (or everywhere) first, then the rest (rule TTG-DIR3)."""
    choices = []
    for r in provider_records(session):
        if not r.active or (pathway_code and pathway_code not in r.pathway_codes):
            continue
        in_area = r.national or unit_id is None or unit_id in r.unit_ids
        choices.append(ProviderChoice(r.id, r.name, r.pathway_codes, r.contact(),
                                      r.areas_text, in_area, r.active))
    return sorted(choices, key=lambda c: (not c.in_area, c.name.casefold()))


def _cleaned(data: ProviderInput) -> ProviderInput:
    # Something other than an id is an area not on record (-1): the check names it.
    unit_ids = {unit if isinstance(unit, int) else -1 for unit in data.unit_ids or ()}
    return ProviderInput(
        name=clean(data.name) or "",
        pathway_codes=tuple(dict.fromkeys(str(code) for code in data.pathway_codes or ())),
        national=bool(data.national),
        unit_ids=() if data.national else tuple(sorted(unit_ids)),
        address=clean(data.address), town=clean(data.town),
        postcode=normalise_postcode(clean(data.postcode)), phone=clean(data.phone),
        email=clean(data.email), opening_hours=clean(data.opening_hours),
        opening_hours_cy=clean(data.opening_hours_cy),
        referral_route=data.referral_route, referral_how=clean(data.referral_how),
        active=bool(data.active), version=data.version)


def _links(session: Session, provider_id: int) -> dict[str, list[str] | list[int]]:
    codes = session.scalars(select(ServiceProviderPathway.pathway_code)
                            .where(ServiceProviderPathway.provider_id == provider_id)
                            .order_by(ServiceProviderPathway.pathway_code))
    units = session.scalars(select(ServiceProviderArea.delivery_unit_id)
                            .where(ServiceProviderArea.provider_id == provider_id)
                            .order_by(ServiceProviderArea.delivery_unit_id))
    return {"pathways": list(codes), "areas": list(units)}


class DirectoryService:
    """Providers of local services: read by every member of staff, kept by an administrator."""

    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def providers(self) -> list[ProviderRecord]:
        """Every provider, including those no longer taking referrals, by name."""
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        with self._ctx.db.read() as session:
            return provider_records(session)

    def pathways(self) -> list[PathwayRow]:
        """The resettlement pathways a provider can help with, in the plan's order."""
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        with self._ctx.db.read() as session:
            return [PathwayRow(p.code, p.name, p.womens_support)
                    for p in session.scalars(select(Pathway).order_by(Pathway.sort_order))]

    def areas(self) -> list[AreaRow]:
        """The delivery units a provider can serve, with their offices' names."""
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        with self._ctx.db.read() as session:
            offices: dict[int, list[str]] = {}
            for unit_id, name in session.execute(select(Office.delivery_unit_id, Office.name)
                                                 .order_by(Office.name)):
                offices.setdefault(unit_id, []).append(name)
            return [AreaRow(u.id, u.code, u.name, tuple(offices.get(u.id, ())))
                    for u in session.scalars(select(DeliveryUnit).order_by(DeliveryUnit.name))]

    def choices(self, pathway_code: str | None = None,
                unit_id: int | None = None) -> list[ProviderChoice]:
        """Providers to pick from for ``pathway_code``, those serving ``unit_id`` first."""
        self._ctx.require(Capability.USE_REFERENCE_DATA)
        with self._ctx.db.read() as session:
            return provider_choices(session, pathway_code, unit_id)

    def add(self, data: ProviderInput) -> ProviderRecord:
        """Add a provider to the directory; only an administrator may (rule TTG-DIR2)."""
        self._ctx.require(Capability.MANAGE_SERVICE_DIRECTORY)
        data = _cleaned(data)
        with self._ctx.db.write() as session:
            self._check(session, data, None)
            row = ServiceProvider(updated_by_id=self._ctx.actor_id,
                                  **{name: getattr(data, name) for name in _FIELDS})
            session.add(row)
            session.flush()
            self._set_links(session, row.id, data)
            audit.record(session, self._ctx, AuditAction.CREATE, "service_provider", row.id,
                         after={**audit.snapshot(row, _FIELDS), **_links(session, row.id)})
            return provider_records(session, [row.id])[0]

    def update(self, provider_id: int, data: ProviderInput) -> ProviderRecord:
        """Change a provider's details, areas or pathways, or stop (or restart) referrals to
        it; every referral pointing at it prints the new details from then on."""
        self._ctx.require(Capability.MANAGE_SERVICE_DIRECTORY)
        data = _cleaned(data)
        with self._ctx.db.write() as session:
            row = session.get(ServiceProvider, provider_id)
            if row is None:
                raise NotFoundError("That provider is no longer in the directory.")
            check_version(session, row, data.version, "provider")
            self._check(session, data, provider_id)
            before = {**audit.snapshot(row, _FIELDS), **_links(session, row.id)}
            for name in _FIELDS:
                setattr(row, name, getattr(data, name))
            row.updated_by_id = self._ctx.actor_id
            self._set_links(session, row.id, data)
            # A change of areas or pathways alone still moves the version on.
            row.updated_at = utc_now()
            flush_versioned(session, row, "provider", self._ctx.db)
            after = {**audit.snapshot(row, _FIELDS), **_links(session, row.id)}
            audit.record(session, self._ctx, AuditAction.UPDATE, "service_provider", row.id,
                         before=before, after=after)
            return provider_records(session, [row.id])[0]

    @staticmethod
    def _check(session: Session, data: ProviderInput, provider_id: int | None) -> None:
        pathways = set(session.scalars(select(Pathway.code)))
        units = set(session.scalars(select(DeliveryUnit.id)))
        problems = provider_problems(data, pathways, units)
        same = session.scalars(select(ServiceProvider).where(
            func.lower(ServiceProvider.name) == data.name.casefold()))
        for other in same:
            if other.id != provider_id and "name" not in problems:
                problems["name"] = (f"{other.name} is already in the directory: edit that "
                                    "entry instead.")
        if problems:
            raise ValidationError(problems)

    @staticmethod
    def _set_links(session: Session, provider_id: int, data: ProviderInput) -> None:
        session.execute(delete(ServiceProviderPathway)
                        .where(ServiceProviderPathway.provider_id == provider_id))
        session.execute(delete(ServiceProviderArea)
                        .where(ServiceProviderArea.provider_id == provider_id))
        session.add_all(ServiceProviderPathway(provider_id=provider_id, pathway_code=code)
                        for code in data.pathway_codes)
        session.add_all(ServiceProviderArea(provider_id=provider_id, delivery_unit_id=unit)
                        for unit in data.unit_ids)
