"""Printing work sheets: one session or a whole day, rows numbered as the register screen."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, cast

from sqlalchemy import Row, Table, bindparam, func, select
from sqlalchemy.orm import Session, aliased

from upw_ttg.domain.access import Recipient
from upw_ttg.domain.codes import (
    PROJECT_TYPES,
    SUITABILITY_TAGS,
    AuditAction,
    Language,
    SessionStatus,
)
from upw_ttg.domain.names import display_name
from upw_ttg.domain.permissions import Capability
from upw_ttg.domain.records_to_check import Subject, set_aside
from upw_ttg.domain.site_alerts import ANSWER_COLUMNS, site_alerts
from upw_ttg.domain.text import fold
from upw_ttg.errors import NotFoundError
from upw_ttg.printing import glossary
from upw_ttg.printing.text import format_date
from upw_ttg.progress import CancelledFn, ProgressFn
from upw_ttg.records.attendance import DaySession
from upw_ttg.records.day_printing import WorkSheet, WorkSheetRow
from upw_ttg.services import audit
from upw_ttg.services.access import (
    check_own_session,
    hidden_cases,
    mask_restricted,
    own_sessions_of,
    supervised_by,
)
from upw_ttg.services.access_log import log_print
from upw_ttg.services.attendance.common import assign_sheet_rows, sheet_id
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.organisation import contact_of
from upw_ttg.storage.models import (
    Appointment,
    DeliveryUnit,
    Office,
    Person,
    PickupPoint,
    Project,
    ProjectTag,
    SessionPickup,
    SessionSupervisor,
    Staff,
    UpwAssessment,
    UpwOrder,
    UpwSession,
    Van,
)

# The documents, and reportlab under them (about 10 MB), are loaded when something is
# printed: the screens that use this service open without them.
if TYPE_CHECKING:
    from upw_ttg.printing.template import Section

_TYPE_LABELS = dict(PROJECT_TYPES)
# Female-only is printed on its own; the rest tell the supervisor about the site.
_TAG_LABELS = {code: label for code, label in SUITABILITY_TAGS if code != "female_only"}
# A person on a sheet: appointment, session, stored row, person, forename, surname, CRN,
# interpreter needed, language, other language, pick-up point and time (None when they make
# their own way), sentence date, deadline, preferred name.
_PersonOnSheet = Row[int, int, int | None, int, str, str, str, bool, Language, str | None,
                     str | None, dt.time | None, dt.date, dt.date | None, str | None]
# A restricted case the printing member is not named on: no pick-up, no alerts (rule ACC-2).
RESTRICTED_ON_SHEET = glossary.phrase("alert.restricted", Language.ENGLISH)


class WorkSheetService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def day_sessions(self, day: dt.date, *, delivery_unit_id: int | None = None
                     ) -> list[DaySession]:
        """The sessions of ``day`` that go ahead and have people booked, in print order."""
        self._ctx.require(Capability.READ_WORK_SHEETS)
        with self._ctx.db.read() as session:
            return self._day(session, day, delivery_unit_id)

    def work_sheet(self, session_id: int, language: Language = Language.ENGLISH) -> WorkSheet:
        """The sheet as it would print now (numbers are provisional until printed), its fixed
        words in ``language``."""
        self._ctx.require(Capability.READ_WORK_SHEETS)
        with self._ctx.db.read() as session:
            check_own_session(session, self._ctx, session_id)
            sheets = self._sheets(session, [session_id], language)
        if not sheets:
            raise NotFoundError("That session is no longer on record.")
        return sheets[0]

    def print_sheet(self, session_id: int, language: Language = Language.ENGLISH) -> bytes:
        """One session's sheet; row numbers are fixed on the appointments the first time."""
        self._ctx.require(Capability.PRINT_WORK_SHEETS)
        with self._ctx.db.read() as session:
            check_own_session(session, self._ctx, session_id)
        sheets = self._fix_and_build([session_id], language)
        if not sheets:
            raise NotFoundError("That session is no longer on record.")
        from upw_ttg.printing.documents.work_sheet import render_work_sheet

        pdf = render_work_sheet(sheets[0])
        self._printed([session_id])
        return pdf

    def print_day(self, day: dt.date, *, delivery_unit_id: int | None = None,
                  progress: ProgressFn | None = None,
                  is_cancelled: CancelledFn | None = None,
                  language: Language = Language.ENGLISH) -> bytes:
        """Every sheet of the day (or of one delivery unit) in one PDF, in ``language``.

        Raises:
            Cancelled: ``is_cancelled()`` returned True; nothing is returned. Row numbers
                already fixed stay fixed (they are what any later print will show).
            NotFoundError: No session that day has anyone booked.
        """
        self._ctx.require(Capability.PRINT_WORK_SHEETS)
        with self._ctx.db.read() as session:
            ids = [d.session_id for d in self._day(session, day, delivery_unit_id)]
        if not ids:
            raise NotFoundError(f"No session on {format_date(day)} has anyone booked.")
        sheets = self._fix_and_build(ids, language)
        actor = self._ctx.actor
        from upw_ttg.printing.documents.work_sheet import render_work_sheets

        pdf = render_work_sheets(sheets, title=f"Work sheets for {format_date(day)}",
                                 printed_at=self._ctx.now(),
                                 printed_by=actor.full_name if actor else None,
                                 progress=progress, is_cancelled=is_cancelled)
        self._printed(ids)
        return pdf

    def _day_sections(self, day: dt.date, delivery_unit_id: int | None,
                      language: Language = Language.ENGLISH
                      ) -> tuple[list[Section], Callable[[], None]]:
        """The day's sheets as sections (their row numbers fixed), and what records their
        printing once the PDF exists. The caller has checked the member may print them."""
        with self._ctx.db.read() as session:
            ids = [d.session_id for d in self._day(session, day, delivery_unit_id)]
        if not ids:
            return [], lambda: None
        sheets = self._fix_and_build(ids, language)
        from upw_ttg.printing.documents.work_sheet import work_sheet_section

        return [work_sheet_section(sheet) for sheet in sheets], lambda: self._printed(ids)

    def _printed(self, session_ids: Sequence[int]) -> None:
        """Printing is recorded once the PDF exists (a cancelled batch records nothing)."""
        with self._ctx.db.write() as session:
            # Everyone first, in one query: a query between the records would flush each.
            people: dict[int, list[int]] = defaultdict(list)
            for sid, person_id in session.execute(
                    select(Appointment.session_id, Appointment.person_id)
                    .where(Appointment.session_id.in_(session_ids))
                    .order_by(Appointment.id)):
                people[sid].append(person_id)
            for sid in session_ids:
                audit.record(session, self._ctx, AuditAction.PRINT, "upw_session", sid,
                             after={"document": "work sheet"})
                log_print(session, self._ctx, "work sheet", Recipient.SUPERVISOR, sid,
                          people[sid])

    def _fix_and_build(self, session_ids: Sequence[int], language: Language = Language.ENGLISH
                       ) -> list[WorkSheet]:
        with self._ctx.db.write() as session:
            rows = session.execute(
                select(Appointment.id, Appointment.session_id, Appointment.sheet_row,
                       Person.surname, Person.forename)
                .join(Person, Person.id == Appointment.person_id)
                .where(Appointment.session_id.in_(session_ids))).all()
            by_session: dict[int, list[tuple[int, int | None, tuple[str, ...]]]] = \
                defaultdict(list)
            for aid, sid, row, surname, forename in rows:
                by_session[sid].append((aid, row, (fold(surname), fold(forename))))
            updates = []
            for items in by_session.values():
                stored = {aid: row for aid, row, _ in items}
                for aid, number in assign_sheet_rows(items).items():
                    if stored[aid] is None:
                        updates.append({"b_id": aid, "b_row": number})
            if updates:
                # A plain UPDATE: numbering is layout, not a change to the record, so the
                # version (and any register open on screen) is left alone.
                table = cast(Table, Appointment.__table__)
                session.connection().execute(
                    table.update().where(table.c.id == bindparam("b_id"))
                    .values(sheet_row=bindparam("b_row")), updates)
            return self._sheets(session, list(session_ids), language)

    def _day(self, session: Session, day: dt.date, delivery_unit_id: int | None
             ) -> list[DaySession]:
        query = (select(UpwSession.id, Project.code, Project.name, DeliveryUnit.code,
                        UpwSession.start_time, UpwSession.end_time, Staff.full_name,
                        func.count(Appointment.id))
                 .join(Project, Project.id == UpwSession.project_id)
                 .join(Office, Office.id == Project.office_id)
                 .join(DeliveryUnit, DeliveryUnit.id == Office.delivery_unit_id)
                 .join(Appointment, Appointment.session_id == UpwSession.id)
                 .outerjoin(Staff, Staff.id == UpwSession.supervisor_id)
                 .where(UpwSession.session_date == day,
                        UpwSession.status != SessionStatus.STOOD_DOWN)
                 .group_by(UpwSession.id, Project.code, Project.name, DeliveryUnit.code,
                           UpwSession.start_time, UpwSession.end_time, Staff.full_name)
                 .order_by(DeliveryUnit.code, Project.code, UpwSession.start_time))
        if delivery_unit_id is not None:
            query = query.where(DeliveryUnit.id == delivery_unit_id)
        own = own_sessions_of(self._ctx)
        if own is not None:
            query = query.where(supervised_by(own))
        return [DaySession(*row) for row in session.execute(query)]

    def _sheets(self, session: Session, session_ids: list[int],
                language: Language = Language.ENGLISH) -> list[WorkSheet]:
        """Sheets for ``session_ids`` in that order, from a fixed handful of queries; their
        fixed words, alerts, project types and site notes in ``language``."""
        lang = language.printed

        def say(key: str, **values: object) -> str:
            return glossary.phrase(key, lang, **values)

        def say_alert(key: str, **values: object) -> str:
            return say(key if "." in key else f"alert.{key}", **values)

        extra_staff = aliased(Staff)
        found = session.execute(
            select(UpwSession, Project, Staff.full_name, Van.name, Van.registration, Office)
            .join(Project, Project.id == UpwSession.project_id)
            .join(Office, Office.id == Project.office_id)
            .outerjoin(Staff, Staff.id == UpwSession.supervisor_id)
            .outerjoin(Van, Van.id == UpwSession.van_id)
            .where(UpwSession.id.in_(session_ids))).all()
        supervisors: dict[int, list[str]] = defaultdict(list)
        for sid, name in session.execute(
                select(SessionSupervisor.session_id, extra_staff.full_name)
                .join(extra_staff, extra_staff.id == SessionSupervisor.staff_id)
                .where(SessionSupervisor.session_id.in_(session_ids))
                .order_by(extra_staff.full_name)):
            supervisors[sid].append(name)
        tags: dict[int, list[str]] = defaultdict(list)
        female_only_sites: set[int] = set()
        for pid, tag in session.execute(select(ProjectTag.project_id, ProjectTag.tag).where(
                ProjectTag.project_id.in_({p.id for _, p, *_ in found})).order_by(ProjectTag.tag)):
            if tag in _TAG_LABELS:
                tags[pid].append(say(f"site_tag.{tag}"))
            elif tag == "female_only":
                female_only_sites.add(pid)
        people = session.execute(
            select(Appointment.id, Appointment.session_id, Appointment.sheet_row,
                   Person.id, Person.forename, Person.surname, Person.crn,
                   Person.interpreter_needed, Person.preferred_language, Person.other_language,
                   PickupPoint.name, SessionPickup.pickup_time, UpwOrder.sentence_date,
                   UpwOrder.deadline, Person.preferred_name)
            .join(Person, Person.id == Appointment.person_id)
            .join(UpwOrder, UpwOrder.id == Appointment.order_id)
            .outerjoin(SessionPickup, SessionPickup.id == Appointment.session_pickup_id)
            .outerjoin(PickupPoint, PickupPoint.id == SessionPickup.pickup_point_id)
            .where(Appointment.session_id.in_(session_ids))).all()
        answers = self._answers(session, {p[3] for p in people})
        hidden = hidden_cases(session, self._ctx, {p[3] for p in people})
        rows: dict[int, list[_PersonOnSheet]] = defaultdict(list)
        for p in people:
            rows[p[1]].append(p)
        now, actor = self._ctx.now(), self._ctx.actor
        sheets = {}
        for sess, project, lead, van_name, van_reg, office in found:
            office_line = contact_of(office)
            items = rows[sess.id]
            numbers = assign_sheet_rows([(p[0], p[2], (fold(p[5]), fold(p[4]))) for p in items])

            def sheet_row(p: _PersonOnSheet, numbers: dict[int, int] = numbers) -> WorkSheetRow:
                (aid, _sid, _row, pid, forename, surname, crn, needs, language, other,
                 point, pickup_time, _sentenced, _deadline, preferred) = p
                name = display_name(forename, surname, preferred)
                interpreter = None
                if needs:
                    interpreter = other if language == Language.OTHER and other else (
                        say("language.welsh") if language == Language.WELSH else "")
                if pid in hidden:
                    # Rule ACC-2: the name and CRN, to take attendance; nothing else (a dash
                    # for the pick-up: "own way to site" would be a claim, not a blank).
                    return WorkSheetRow(numbers[aid], name, crn, "—", None,
                                        (say("alert.restricted"),))
                return WorkSheetRow(numbers[aid], name, crn, point,
                                    pickup_time if point else None,
                                    site_alerts(answers.get(pid), interpreter, say_alert))

            sheet_rows, to_check = set_aside(items, sheet_row, lambda p: Subject(
                p[6], display_name(p[4], p[5], p[14]), "Unpaid Work order",
                {"sentence date": p[12], "deadline": p[13]}, p[3]))
            to_check = mask_restricted(session, self._ctx, to_check, hidden=hidden)
            sheet_rows.sort(key=lambda r: r.row_number)
            address = ", ".join(x for x in (project.site_address, project.site_town,
                                            project.site_postcode) if x)
            names = ([lead] if lead else []) + supervisors[sess.id]
            sheets[sess.id] = WorkSheet(
                sheet_id=sheet_id(sess.id, sess.session_date), session_id=sess.id,
                project_code=project.code, project_name=project.name,
                project_type=(say(f"project_type.{project.project_type}")
                              if project.project_type in _TYPE_LABELS
                              else project.project_type),
                site_address=address, beneficiary=project.beneficiary,
                beneficiary_contact=project.beneficiary_contact,
                beneficiary_phone=project.beneficiary_phone, session_date=sess.session_date,
                start_time=sess.start_time, end_time=sess.end_time,
                break_minutes=project.break_minutes, supervisors=tuple(names),
                van=f"{van_name} ({van_reg})" if van_name else None,
                hi_vis_required=project.hi_vis_required,
                female_only=(sess.female_only or project.female_only
                             or project.id in female_only_sites),
                site_notes=tuple(tags[project.id]), rows=tuple(sheet_rows), printed_at=now,
                printed_by=actor.full_name if actor else None, to_check=tuple(to_check),
                office_name=office_line.name, office_phone=office_line.phone, language=lang)
        return [sheets[sid] for sid in session_ids if sid in sheets]

    @staticmethod
    def _answers(session: Session, person_ids: set[int]) -> dict[int, dict[str, object]]:
        """Each person's latest assessment's H&S answers (completed ones first)."""
        if not person_ids:
            return {}
        # The medication's name is not read: the sheet prints only its effect (rule DOC-2).
        columns = tuple(getattr(UpwAssessment, name) for name in ANSWER_COLUMNS)
        best: dict[int, tuple[tuple[bool, dt.date, int], dict[str, object]]] = {}
        for row in session.execute(select(UpwAssessment.person_id, UpwAssessment.id,
                                          UpwAssessment.completed_on, *columns)
                                   .where(UpwAssessment.person_id.in_(person_ids))):
            key = (row.completed_on is not None, row.completed_on or dt.date.min, row.id)
            if row.person_id not in best or key > best[row.person_id][0]:
                best[row.person_id] = (key, {c.key: getattr(row, c.key) for c in columns})
        return {pid: values for pid, (_key, values) in best.items()}
