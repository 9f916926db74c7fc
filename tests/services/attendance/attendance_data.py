"""Test data for the attendance tests, inserted through the ORM (not the scheduling services)."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from sqlalchemy import select

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.codes import Gender, Language, OrderType, Role
from upw_ttg.services.attendance import AttendanceServices, build_attendance
from upw_ttg.storage.models import (
    Appointment,
    Office,
    Person,
    PickupPoint,
    Project,
    ProjectTag,
    SessionPickup,
    Staff,
    UpwAssessment,
    UpwOrder,
    UpwSession,
)

TODAY = dt.date(2026, 11, 26)
NINE, FOUR = dt.time(9, 0), dt.time(16, 0)
# Shared, so Worlds made one after another in a test never repeat a CRN or a code.
_NUMBERS = itertools.count(1)


def set_clock(app, when: dt.datetime) -> None:
    app.ctx.now = lambda: when


def set_setting(app, key: str, value: str) -> None:
    row = next(s for s in app.settings.list_settings() if s.key == key)
    app.settings.update(key, value, row.version)


@dataclass
class World:
    """Makes people, orders, projects, sessions and bookings with unique codes."""

    app: AppServices
    counter: itertools.count = field(default=_NUMBERS)

    @property
    def att(self) -> AttendanceServices:
        return build_attendance(self.app.ctx)

    def office_id(self, code: str = "YRK") -> int:
        with self.app.db.read() as s:
            return s.scalars(select(Office.id).where(Office.code == code)).one()

    def staff(self, name: str = "Cerys Coordinator", role: Role = Role.COORDINATOR) -> int:
        n = next(self.counter)
        with self.app.db.write() as s:
            row = Staff(username=f"staff{n}", full_name=name, role=role, password_hash="x",
                        office_id=self.office_id())
            s.add(row)
            s.flush()
            return row.id

    def person(self, forename: str = "Rhys", surname: str = "Evans", *, office: str = "YRK",
               gender: Gender = Gender.MALE, language: Language = Language.ENGLISH,
               **extra) -> int:
        n = next(self.counter)
        with self.app.db.write() as s:
            row = Person(crn=f"X{n:06d}", forename=forename, surname=surname,
                         date_of_birth=dt.date(1990, 1, 2), gender=gender,
                         preferred_language=language, office_id=self.office_id(office),
                         search_surname=surname.lower(), search_forename=forename.lower(),
                         address_line1="12 High Street", town="York", postcode="YO1 7HH",
                         **extra)
            s.add(row)
            s.flush()
            return row.id

    def order(self, person_id: int, *, hours: int = 60,
              sentence: dt.date = dt.date(2026, 9, 1), travel: bool = False, ete: bool = False,
              deadline: dt.date | None | str = "default", coordinator_id: int | None = None,
              standalone: bool = True) -> int:
        if deadline == "default":
            deadline = dt.date(sentence.year + 1, sentence.month, sentence.day)
        with self.app.db.write() as s:
            row = UpwOrder(person_id=person_id, court="York Magistrates' Court",
                           sentence_date=sentence, order_type=OrderType.COMMUNITY_ORDER,
                           hours_ordered=hours, travel_time_eligible=travel, ete_allowed=ete,
                           deadline=deadline, coordinator_id=coordinator_id,
                           standalone=standalone)
            s.add(row)
            s.flush()
            return row.id

    def project(self, *, kind: str = "group", break_minutes: int = 30, hi_vis: bool = True,
                office: str = "YRK", start: dt.time = NINE, end: dt.time = FOUR,
                name: str | None = None, tags: tuple[str, ...] = ()) -> int:
        n = next(self.counter)
        with self.app.db.write() as s:
            row = Project(code=f"P{n:05d}", name=name or f"Riverside Clean-up {n}",
                          project_type=kind, office_id=self.office_id(office),
                          beneficiary="York Rivers Trust", beneficiary_contact="Siân Jones",
                          beneficiary_phone="01904 000000", site_address="Riverside Walk",
                          site_town="York", site_postcode="YO1 6HP", frequency="weekly",
                          weekdays="12345", start_time=start, end_time=end,
                          available_from=dt.date(2026, 1, 1), hi_vis_required=hi_vis,
                          break_minutes=break_minutes, capacity=12)
            s.add(row)
            s.flush()
            for tag in tags:
                s.add(ProjectTag(project_id=row.id, tag=tag))
            return row.id

    def session(self, project_id: int, day: dt.date, *, start: dt.time = NINE,
                end: dt.time = FOUR, supervisor_id: int | None = None) -> int:
        with self.app.db.write() as s:
            row = UpwSession(project_id=project_id, session_date=day, start_time=start,
                             end_time=end, supervisor_id=supervisor_id)
            s.add(row)
            s.flush()
            return row.id

    def pickup(self, session_id: int, name: str = "York office", at: dt.time = dt.time(8, 15)
               ) -> int:
        with self.app.db.write() as s:
            point = PickupPoint(name=name, address="1 Station Rd", office_id=self.office_id())
            s.add(point)
            s.flush()
            row = SessionPickup(session_id=session_id, pickup_point_id=point.id,
                                pickup_time=at)
            s.add(row)
            s.flush()
            return row.id

    def book(self, session_id: int, order_id: int, *, pickup_id: int | None = None) -> int:
        with self.app.db.write() as s:
            person_id = s.scalar(select(UpwOrder.person_id).where(UpwOrder.id == order_id))
            row = Appointment(person_id=person_id, order_id=order_id, session_id=session_id,
                              session_pickup_id=pickup_id, travels_by_van=pickup_id is not None)
            s.add(row)
            s.flush()
            return row.id

    def assessment(self, person_id: int, **answers) -> int:
        values = dict(completed_on=dt.date(2026, 9, 3), hs_allergies=False, hs_epilepsy=False,
                      hs_pregnancy=False, hs_mobility=False, hs_medication=False)
        values.update(answers)
        with self.app.db.write() as s:
            row = UpwAssessment(person_id=person_id, **values)
            s.add(row)
            s.flush()
            return row.id

    def case(self, *, hours: int = 60, day: dt.date = dt.date(2026, 11, 24), **order_args
             ) -> tuple[int, int, int]:
        """(order id, session id, appointment id): one person booked on one past session."""
        order = self.order(self.person(), hours=hours, **order_args)
        project = self.project()
        session = self.session(project, day)
        return order, session, self.book(session, order)

    def key(self, session_id: int, appointment_id: int, code: str, **changes):
        """Save one row of a register with ``code`` (and the session's times)."""
        registers = self.att.registers
        register = registers.load_register(session_id)
        row = next(r for r in register.rows if r.appointment_id == appointment_id)
        entry = row.to_entry()
        entry.outcome_code = code
        if entry.start_time is None:
            entry.start_time, entry.end_time = register.start_time, register.end_time
        for name, value in changes.items():
            setattr(entry, name, value)
        return registers.save_register(session_id, [entry])
