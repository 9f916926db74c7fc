"""Gathering person-facing UPW documents' data (no risk, health or offence) and printing them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import Session

from upw_ttg.domain.access import Recipient
from upw_ttg.domain.codes import AuditAction, Language, SessionStatus
from upw_ttg.domain.names import display_name
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.records_to_check import RecordToCheck, Subject, set_aside
from upw_ttg.errors import Cancelled, NotFoundError
from upw_ttg.printing import glossary
from upw_ttg.progress import CancelledFn, ProgressFn, never_cancelled, noop_progress
from upw_ttg.records.upw import format_serial
from upw_ttg.records.upw_print import (
    AppointmentLetterData,
    ManifestDrop,
    ManifestPassenger,
    ManifestStop,
    PickupDetails,
    TravelWarrantData,
    VanManifestData,
)
from upw_ttg.services import audit
from upw_ttg.services.access import check_case_of, hidden_cases
from upw_ttg.services.access_log import log_print
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.organisation import contact_of
from upw_ttg.services.upw.facts import active_appointment
from upw_ttg.storage.models import (
    Appointment,
    AuditEvent,
    Office,
    Person,
    PickupPoint,
    Project,
    ProjectTag,
    SessionPickup,
    Staff,
    TravelWarrant,
    UpwOrder,
    UpwSession,
    Van,
)

# The documents, and reportlab under them (about 10 MB), are loaded when something is
# printed: the screens that use this service open without them.
if TYPE_CHECKING:
    from upw_ttg.printing.template import Section


def driver_safe(record: RecordToCheck, language: Language = Language.ENGLISH) -> RecordToCheck:
    """A passenger left off a manifest, as a driver may read it: the name and what to do,
    never the record's details."""
    return RecordToCheck(None, record.name, glossary.phrase("manifest.passenger", language),
                         glossary.phrase("manifest.passenger_to_check", language))


class UpwDocumentsService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    # --- appointment letters --------------------------------------------------------------
    def letter_data(self, appointment_id: int, language: Language | None = None
                    ) -> AppointmentLetterData:
        """The letter for one place; in Welsh if asked, or if the person prefers Welsh."""
        self._ctx.require(Capability.PLACE_PEOPLE)
        with self._ctx.db.read() as session:
            check_case_of(session, self._ctx, Appointment, appointment_id)
            return self._letter(session, appointment_id, language)

    def render_letter(self, appointment_id: int, language: Language | None = None) -> bytes:
        self._ctx.require(Capability.PLACE_PEOPLE)
        data = self.letter_data(appointment_id, language)
        from upw_ttg.printing.documents.appointment_letter import render_appointment_letter

        pdf = render_appointment_letter(data)
        self._printed("appointment", appointment_id, "appointment letter",
                      Recipient.THE_PERSON, self._people_of_appointments([appointment_id]))
        return pdf

    def _letter(self, session: Session, appointment_id: int, language: Language | None
                ) -> AppointmentLetterData:
        row = session.execute(
            select(Appointment, Person, UpwSession, Project, Office, UpwOrder.coordinator_id)
            .join(Person, Person.id == Appointment.person_id)
            .join(UpwSession, UpwSession.id == Appointment.session_id)
            .join(Project, Project.id == UpwSession.project_id)
            .join(Office, Office.id == Project.office_id)
            .join(UpwOrder, UpwOrder.id == Appointment.order_id)
            .where(Appointment.id == appointment_id)).first()
        if row is None:
            raise NotFoundError("That place is no longer on record.")
        place, person, sess, project, office, coordinator_id = row
        pickup = None
        if place.session_pickup_id is not None:
            found = session.execute(
                select(PickupPoint, SessionPickup.pickup_time)
                .join(SessionPickup, SessionPickup.pickup_point_id == PickupPoint.id)
                .where(SessionPickup.id == place.session_pickup_id)).first()
            if found is not None:
                point, at = found
                where = ", ".join(x for x in (point.address, point.town, point.postcode) if x)
                pickup = PickupDetails(point.name, where, at)
        coordinator = session.get(Staff, coordinator_id) if coordinator_id else None
        language = (language or person.preferred_language).printed
        name = display_name(person.forename, person.surname, person.preferred_name)
        address = tuple(x for x in (person.address_line1, person.address_line2, person.town,
                                    person.postcode) if x)
        site = tuple(x for x in (project.site_address, project.site_town,
                                 project.site_postcode) if x)
        actor = self._ctx.actor
        return AppointmentLetterData(
            language=language, reference=f"AL-{person.crn}-{sess.session_date:%Y%m%d}",
            letter_date=self._ctx.today(), person_name=name, address_lines=address,
            session_date=sess.session_date, start_time=sess.start_time, end_time=sess.end_time,
            project_name=project.name, site_address_lines=site, pickup=pickup,
            hi_vis_required=project.hi_vis_required, office=contact_of(office),
            contact_name=coordinator.full_name if coordinator else None,
            printed_at=self._ctx.now(), printed_by=actor.full_name if actor else None,
            indoor=(session.scalar(select(func.count()).select_from(ProjectTag).where(
                ProjectTag.project_id == project.id, ProjectTag.tag == "indoor")) or 0) > 0)

    # --- travel warrants ------------------------------------------------------------------
    def warrant_data(self, warrant_id: int, language: Language | None = None
                     ) -> TravelWarrantData:
        """The warrant as it would print now: in the person's language unless asked, marked
        as a copy if it was printed before, and with its status."""
        self._ctx.require(Capability.ISSUE_WARRANT)
        with self._ctx.db.read() as session:
            check_case_of(session, self._ctx, TravelWarrant, warrant_id)
            row = session.execute(
                select(TravelWarrant, Office, Person, Staff.full_name)
                .join(Office, Office.id == TravelWarrant.office_id)
                .join(Person, Person.id == TravelWarrant.person_id)
                .outerjoin(Staff, Staff.id == TravelWarrant.issued_by_id)
                .where(TravelWarrant.id == warrant_id)).first()
            if row is None:
                raise NotFoundError("That warrant is no longer on record.")
            w, office, person, issuer = row
            printed_before = (session.scalar(
                select(func.count()).select_from(AuditEvent).where(
                    AuditEvent.entity == "travel_warrant",
                    AuditEvent.entity_id == str(warrant_id),
                    AuditEvent.action == AuditAction.PRINT)) or 0) > 0
            language = (language or person.preferred_language).printed
            actor = self._ctx.actor
            return TravelWarrantData(
                serial_text=format_serial(office.code, w.serial), office=contact_of(office),
                person_name=f"{person.forename} {person.surname}", crn=person.crn,
                travel_from=w.travel_from, travel_to=w.travel_to, mode=w.mode,
                valid_from=w.valid_from, valid_to=w.valid_to, fare_pence=w.fare_pence,
                eligibility=w.eligibility, issued_by=issuer, issued_on=w.issued_on,
                printed_at=self._ctx.now(), printed_by=actor.full_name if actor else None,
                status=w.status, copy=printed_before, return_journey=w.return_journey,
                language=language)

    def render_warrant(self, warrant_id: int, language: Language | None = None) -> bytes:
        """The warrant as PDF; the first print of an issued warrant is the original, every
        later one says COPY, and a void, used or returned one says so across the page."""
        self._ctx.require(Capability.ISSUE_WARRANT)
        from upw_ttg.printing.documents.travel_warrant import render_travel_warrant

        pdf = render_travel_warrant(self.warrant_data(warrant_id, language))
        self._printed("travel_warrant", warrant_id, "travel warrant", Recipient.THE_PERSON,
                      select(TravelWarrant.person_id).where(TravelWarrant.id == warrant_id))
        return pdf

    # --- van manifests ----------------------------------------------------------------------
    def manifest_data(self, van_id: int, day: dt.date, language: Language = Language.ENGLISH
                      ) -> VanManifestData:
        """One van's manifest for ``day``, its fixed words in ``language``."""
        self._ctx.require(Capability.READ_SCHEDULE)
        with self._ctx.db.read() as session:
            return self._manifest(session, van_id, day, language)

    def render_manifest(self, van_id: int, day: dt.date,
                        language: Language = Language.ENGLISH) -> bytes:
        self._ctx.require(Capability.READ_SCHEDULE)
        from upw_ttg.printing.documents.van_manifest import render_van_manifest

        pdf = render_van_manifest(self.manifest_data(van_id, day, language))
        self._printed("van", van_id, f"van manifest {day.isoformat()}", Recipient.DRIVER,
                      self._people_on_van(van_id, day), access_document="van manifest")
        return pdf

    def _manifest(self, session: Session, van_id: int, day: dt.date,
                  language: Language = Language.ENGLISH
                  ) -> VanManifestData:
        language = language.printed
        van = session.get(Van, van_id)
        if van is None:
            raise NotFoundError("That van is no longer on record.")
        sessions = session.execute(
            select(UpwSession, Project, Staff.full_name)
            .join(Project, Project.id == UpwSession.project_id)
            .outerjoin(Staff, Staff.id == UpwSession.supervisor_id)
            .where(UpwSession.van_id == van_id, UpwSession.session_date == day,
                   UpwSession.status == SessionStatus.PLANNED)
            .order_by(UpwSession.start_time, UpwSession.id)).all()
        ids = [s.id for s, _, _ in sessions]
        names = {s.id: p.name for s, p, _ in sessions}
        riders = session.execute(
            select(Appointment.session_id, Appointment.person_id, Person.forename,
                   Person.preferred_name, Person.surname, Person.phone, PickupPoint.name,
                   PickupPoint.address, PickupPoint.town, PickupPoint.postcode,
                   SessionPickup.pickup_time, UpwOrder.sentence_date, UpwOrder.deadline)
            .join(Person, Person.id == Appointment.person_id)
            .join(UpwOrder, UpwOrder.id == Appointment.order_id)
            .join(SessionPickup, SessionPickup.id == Appointment.session_pickup_id)
            .join(PickupPoint, PickupPoint.id == SessionPickup.pickup_point_id)
            .where(Appointment.session_id.in_(ids or [0]), Appointment.travels_by_van.is_(True),
                   active_appointment())
            .order_by(SessionPickup.pickup_time, PickupPoint.name, Person.surname,
                      Person.forename)).all()
        stops: dict[tuple[dt.time, str, str], list[ManifestPassenger]] = defaultdict(list)
        counts: dict[int, int] = defaultdict(int)
        # Rule ACC-2: a restricted case the printing member is not named on rides by name only.
        hidden = hidden_cases(session, self._ctx, {r.person_id for r in riders})

        def rider(r: Row[*tuple[Any, ...]]) -> None:
            address = ", ".join(x for x in (r.address, r.town, r.postcode) if x)
            stops[(r.pickup_time, r.name, address)].append(ManifestPassenger(
                display_name(r.forename, r.surname, r.preferred_name),
                None if r.person_id in hidden else r.phone, names[r.session_id]))

        for r in riders:  # everyone rides, whether or not their row could be listed
            counts[r.session_id] += 1
        _, aside = set_aside(riders, rider, lambda r: Subject(
            None, display_name(r.forename, r.surname, r.preferred_name), "passenger",
            {"sentence date": r.sentence_date, "deadline": r.deadline}))
        drops = tuple(ManifestDrop(p.name, ", ".join(x for x in (p.site_address, p.site_town,
                                                                 p.site_postcode) if x),
                                   s.start_time, s.end_time, lead, counts[s.id])
                      for s, p, lead in sessions)
        actor = self._ctx.actor
        return VanManifestData(
            van.name, van.registration, van.seats, day,
            tuple(ManifestStop(t, n, a, tuple(p)) for (t, n, a), p in sorted(stops.items())),
            drops, contact_of(session.get(Office, van.office_id)), self._ctx.now(),
            actor.full_name if actor else None, tuple(driver_safe(r, language) for r in aside),
            language)

    # --- a day's batch ------------------------------------------------------------------------
    def render_day(self, day: dt.date, *, delivery_unit_id: int | None = None,
                   progress: ProgressFn | None = None, cancelled: CancelledFn | None = None,
                   staff_language: Language = Language.ENGLISH) -> bytes:
        """Every appointment letter and van manifest for ``day`` in one PDF, each document
        paged on its own; each letter in its person's language, the manifests in
        ``staff_language``. Raises Cancelled if ``cancelled()`` says so, while the data is
        gathered or between documents as they are laid out."""
        self._ctx.require(Capability.PLACE_PEOPLE)
        cancelled = cancelled or never_cancelled
        sections, record = self._day_sections(day, delivery_unit_id, progress=progress,
                                              cancelled=cancelled, staff_language=staff_language)
        if not sections:
            raise NotFoundError("Nobody is booked on a session that day.")
        from upw_ttg.printing.render import render_sections

        actor = self._ctx.actor
        pdf = render_sections(
            sections, printed_at=self._ctx.now(),
            printed_by=actor.full_name if actor else None, is_cancelled=cancelled,
            title=f"Appointment letters and van manifests, {day.isoformat()}")
        record()
        (progress or noop_progress)(1, 1, "Done")
        return pdf

    def _day_sections(self, day: dt.date, delivery_unit_id: int | None, *,
                      letters: bool = True, manifests: bool = True,
                      progress: ProgressFn | None = None,
                      cancelled: CancelledFn | None = None,
                      staff_language: Language = Language.ENGLISH
                      ) -> tuple[list[Section], Callable[[], None]]:
        """The day's letters and manifests as sections, and what records their printing
        (called once the PDF exists, so a cancelled print records nothing). The caller has
        checked the member may print them."""
        from upw_ttg.printing.documents.appointment_letter import letter_section
        from upw_ttg.printing.documents.van_manifest import manifest_section
        from upw_ttg.printing.records_to_check import records_to_check_section

        progress = progress or noop_progress
        cancelled = cancelled or never_cancelled
        with self._ctx.db.read() as session:
            query = (select(Appointment.id, UpwSession.van_id, Appointment.person_id,
                            Person.crn, Person.forename, Person.surname,
                            UpwOrder.sentence_date, UpwOrder.deadline)
                     .join(UpwSession, UpwSession.id == Appointment.session_id)
                     .join(Project, Project.id == UpwSession.project_id)
                     .join(Office, Office.id == Project.office_id)
                     .join(Person, Person.id == Appointment.person_id)
                     .join(UpwOrder, UpwOrder.id == Appointment.order_id)
                     .where(UpwSession.session_date == day,
                            UpwSession.status == SessionStatus.PLANNED,
                            Appointment.outcome_code.is_(None))
                     .order_by(Person.surname, Person.forename, Appointment.id))
            if delivery_unit_id is not None:
                query = query.where(Office.delivery_unit_id == delivery_unit_id)
            found = session.execute(query).all()
            # Rule ACC-2: no letter for a restricted case the member is not named on.
            hidden = hidden_cases(session, self._ctx, {r.person_id for r in found})
            rows = [r for r in found if r.person_id not in hidden] if letters else []
            vans = sorted({r.van_id for r in found if r.van_id is not None}) \
                if manifests else []
            total = len(rows) + len(vans) + 1
            done = iter(range(total))

            def letter(row: Row[*tuple[Any, ...]]) -> tuple[int, Section]:
                if cancelled():
                    raise Cancelled()
                progress(next(done), total, "Appointment letters")
                return row.id, letter_section(self._letter(session, row.id, None))

            made, to_check = set_aside(rows, letter, lambda r: Subject(
                r.crn, f"{r.forename} {r.surname}", "appointment letter",
                {"sentence date": r.sentence_date, "deadline": r.deadline}, r.person_id))
            sections = [section for _, section in made]
            for j, van_id in enumerate(vans):
                if cancelled():
                    raise Cancelled()
                progress(len(rows) + j, total, "Van manifests")
                sections.append(manifest_section(self._manifest(session, van_id, day,
                                                                staff_language)))
        if to_check:
            sections.append(records_to_check_section(
                to_check, what="the appointment letters", day=day, language=staff_language))

        def record() -> None:
            if made:
                self._printed("upw_session", day.isoformat(),
                              f"{len(made)} letters and {len(vans)} manifests",
                              Recipient.THE_PERSON,
                              self._people_of_appointments([a for a, _section in made]),
                              access_document="appointment letter")
            for van_id in vans:
                self._printed_access("van manifest", Recipient.DRIVER, van_id,
                                     self._people_on_van(van_id, day))
        return sections, record

    def _printed(self, entity: str, entity_id: object, what: str, recipient: Recipient,
                 people: Select[int], *, access_document: str | None = None) -> None:
        """Printing goes in the audit trail and, once per person on it, the access log."""
        with self._ctx.db.write() as session:
            audit.record(session, self._ctx, AuditAction.PRINT, entity, entity_id,
                         after={"document": what})
            log_print(session, self._ctx, access_document or what, recipient,
                      entity_id, session.scalars(people).all())

    def _printed_access(self, document: str, recipient: Recipient, record_id: object,
                        people: Select[int]) -> None:
        with self._ctx.db.write() as session:
            log_print(session, self._ctx, document, recipient, record_id,
                      session.scalars(people).all())

    @staticmethod
    def _people_of_appointments(appointment_ids: list[int]) -> Select[int]:
        return select(Appointment.person_id).where(Appointment.id.in_(appointment_ids or [0]))

    @staticmethod
    def _people_on_van(van_id: int, day: dt.date) -> Select[int]:
        return (select(Appointment.person_id)
                .join(UpwSession, UpwSession.id == Appointment.session_id)
                .where(UpwSession.van_id == van_id, UpwSession.session_date == day,
                       UpwSession.status == SessionStatus.PLANNED,
                       Appointment.travels_by_van.is_(True)))
