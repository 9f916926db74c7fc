"""The sentencers' availability sheet (rule UPW-SENTENCERS): gathered in one read, printed on
demand, each print logged."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from upw_ttg.domain.access import Recipient
from upw_ttg.domain.availability import (
    OFFER_WINDOW_DAYS,
    WAIT_WINDOW_DAYS,
    OfferKind,
    WaitFigures,
    offer_kind,
    wait_figures,
)
from upw_ttg.domain.codes import AuditAction, Language, OrderStatus, SessionStatus
from upw_ttg.domain.permissions import Capability
from upw_ttg.errors import NotFoundError
from upw_ttg.records.availability import PickupOffer, PlacementOffer, SentencersSheet
from upw_ttg.records.upw import SessionRecord
from upw_ttg.services import audit
from upw_ttg.services.access_log import log_print
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.settings import read_setting
from upw_ttg.services.upw.common import ATTENDED_CODES, chunks
from upw_ttg.services.upw.sessions import session_records
from upw_ttg.storage.models import (
    Appointment,
    DeliveryUnit,
    Office,
    Person,
    Project,
    UpwOrder,
    UpwSession,
)

SENTENCERS_SHEET = "sentencers' availability sheet"
_KIND_ORDER = {kind: index for index, kind in enumerate(OfferKind)}


class SentencersSheetService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def sheet(self, delivery_unit_id: int) -> SentencersSheet:
        """What the unit can arrange as at now: the wait to a first session, placements with
        free places in the next four weeks by kind, pick-up points, travel support and ETE."""
        self._ctx.require(Capability.PRINT_SENTENCERS_SHEET)
        with self._ctx.db.read() as session:
            return self._sheet(session, delivery_unit_id)

    def render_sheet(self, delivery_unit_id: int, *, language: Language = Language.ENGLISH,
                     invariant: bool = False) -> bytes:
        """The sheet as one dated page of PDF, in English or Welsh; the print is logged."""
        self._ctx.require(Capability.PRINT_SENTENCERS_SHEET)
        from upw_ttg.printing.documents.sentencers_sheet import render_sentencers_sheet

        sheet = self.sheet(delivery_unit_id)
        actor = self._ctx.actor
        pdf = render_sentencers_sheet(sheet, language=language,
                                      printed_by=actor.full_name if actor else None,
                                      invariant=invariant)
        with self._ctx.db.write() as session:
            audit.record(session, self._ctx, AuditAction.PRINT, "delivery_unit",
                         delivery_unit_id, after={"document": SENTENCERS_SHEET,
                                                  "language": str(language)})
            # One row naming nobody: the sheet holds no person's record.
            log_print(session, self._ctx, SENTENCERS_SHEET, Recipient.COURT, delivery_unit_id,
                      [None])
        return pdf

    def _sheet(self, session: Session, unit_id: int) -> SentencersSheet:
        unit = session.get(DeliveryUnit, unit_id)
        if unit is None:
            raise NotFoundError("That delivery unit is no longer on record.")
        today = self._ctx.today()
        offices = list(session.scalars(select(Office).where(Office.delivery_unit_id == unit_id)
                                       .order_by(Office.name)))
        office_ids = [o.id for o in offices]
        actor = self._ctx.actor
        contact = next((o for o in offices if actor and o.id == actor.office_id and o.phone),
                       next((o for o in offices if o.phone), None))
        window_from, window_to = (today + dt.timedelta(days=1),
                                  today + dt.timedelta(days=OFFER_WINDOW_DAYS))
        offers, pickups = self._offers(session, office_ids, window_from, window_to)
        travel = bool(read_setting(session, "upw.travel_time_allowed"))
        return SentencersSheet(
            unit_code=unit.code, unit_name=unit.name, generated_at=self._ctx.now(),
            window_from=window_from, window_to=window_to,
            first_session_working_days=int(read_setting(
                session, "upw.first_session_working_days")),
            wait=self._wait(session, unit_id, today), offers=offers, pickups=pickups,
            offices=tuple(o.name for o in offices),
            travel_time_minutes=int(read_setting(session, "upw.travel_time_cap_minutes"))
            if travel else None,
            ete_cap_percent=int(read_setting(session, "upw.ete_cap_percent")),
            contact_phone=contact.phone if contact else None)

    @staticmethod
    def _wait(session: Session, unit_id: int, today: dt.date) -> WaitFigures:
        """Driven from the window's sessions: outcomes are filtered here, not in SQL, so the
        database reads the days it needs rather than every attended appointment ever."""
        in_unit = (select(Person.id).join(Office, Office.id == Person.office_id)
                   .where(Office.delivery_unit_id == unit_id))
        people = set(session.scalars(in_unit))
        # Only orders attended in the window can have had their first session in it.
        recent = sorted({order_id for order_id, person_id, outcome in session.execute(
            select(Appointment.order_id, Appointment.person_id, Appointment.outcome_code)
            .select_from(UpwSession)
            .join(Appointment, Appointment.session_id == UpwSession.id)
            .where(UpwSession.session_date.between(
                today - dt.timedelta(days=WAIT_WINDOW_DAYS), today)))
            if outcome in ATTENDED_CODES and person_id in people})
        first: dict[int, dt.date] = {}
        sentenced: dict[int, dt.date] = {}
        for batch in chunks(recent):
            for order_id, outcome, day in session.execute(
                    select(Appointment.order_id, Appointment.outcome_code,
                           UpwSession.session_date)
                    .join(UpwSession, UpwSession.id == Appointment.session_id)
                    .where(Appointment.order_id.in_(batch))):
                if outcome in ATTENDED_CODES and (order_id not in first
                                                  or day < first[order_id]):
                    first[order_id] = day
            for order_id, day in session.execute(select(UpwOrder.id, UpwOrder.sentence_date)
                                                 .where(UpwOrder.id.in_(batch))):
                sentenced[order_id] = day
        waiting = session.scalars(select(UpwOrder.sentence_date).where(
            UpwOrder.status == OrderStatus.AWAITING_FIRST_SESSION,
            UpwOrder.person_id.in_(in_unit)))
        return wait_figures([(sentenced[o], day) for o, day in first.items()], list(waiting),
                            today=today)

    @staticmethod
    def _offers(session: Session, office_ids: list[int], date_from: dt.date, date_to: dt.date
                ) -> tuple[tuple[PlacementOffer, ...], tuple[PickupOffer, ...]]:
        if not office_ids:
            return (), ()
        ids = list(session.scalars(
            select(UpwSession.id).join(Project, Project.id == UpwSession.project_id)
            .where(Project.office_id.in_(office_ids), Project.active.is_(True),
                   UpwSession.session_date.between(date_from, date_to),
                   UpwSession.status != SessionStatus.STOOD_DOWN)))
        towns: dict[int, str | None] = {}
        for project_id, town in session.execute(
                select(Project.id, Project.site_town).where(Project.office_id.in_(office_ids))):
            towns[project_id] = town
        by_project: dict[int, list[tuple[OfferKind, SessionRecord]]] = defaultdict(list)
        calls: Counter[tuple[str, str]] = Counter()
        for record in session_records(session, ids):
            for pickup in record.pickups:
                calls[(pickup.name, pickup.address)] += 1
            kind = offer_kind(record.project_type, record.female_only)
            if kind is not None and record.places > record.booked:
                by_project[record.project_id].append((kind, record))
        offers = []
        for project_id, found in by_project.items():
            kind, first = found[0]
            times = Counter((r.start_time, r.end_time) for _k, r in found).most_common(1)[0][0]
            points = sorted({p.name for _k, r in found for p in r.pickups})
            offers.append(PlacementOffer(
                kind=kind, project=first.project_name, town=towns.get(project_id),
                weekdays=tuple(sorted({r.session_date.weekday() for _k, r in found})),
                start_time=times[0], end_time=times[1], sessions=len(found),
                free_places=sum(r.places - r.booked for _k, r in found),
                first_free=min(r.session_date for _k, r in found),
                pickup_points=tuple(points)))
        offers.sort(key=lambda o: (_KIND_ORDER[o.kind], o.first_free, o.project))
        pickups = tuple(PickupOffer(name, address, count)
                        for (name, address), count in sorted(calls.items()))
        return tuple(offers), pickups
