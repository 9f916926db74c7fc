"""A builder of projects, sessions and placeable people for the UPW scheduling tests."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from sqlalchemy import select

from upw_ttg.domain.codes import Gender, PlacementPreference, RiskLevel, Role
from upw_ttg.records.orders import OrderInput
from upw_ttg.records.people import PersonInput
from upw_ttg.records.upw import AssessmentInput, ProjectInput
from upw_ttg.services.upw import UpwServices, build_upw_services
from upw_ttg.storage.models import DeliveryUnit, Office

# The conftest clock is Thursday 26 November 2026; the next week runs 30 Nov to 6 Dec.
MONDAY = dt.date(2026, 11, 30)
SENTENCED = dt.date(2026, 11, 2)
_counter = itertools.count(1)


class Builder:
    """Makes the records the tests place people with, through the services."""

    MONDAY = MONDAY
    SENTENCED = SENTENCED

    def __init__(self, app, add_staff):
        self.app = app
        self.add_staff = add_staff
        self.svc: UpwServices = build_upw_services(app.ctx)
        with app.db.read() as session:
            self.offices = {o.code: o.id for o in session.scalars(select(Office))}
            self.units = {u.code: u.id for u in session.scalars(select(DeliveryUnit))}
        self.office = self.offices["YRK"]
        self.unit = self.units["YNY"]

    def supervisor(self, gender: Gender = Gender.MALE, name: str | None = None) -> int:
        n = next(_counter)
        return self.add_staff(f"sup{n}", Role.SUPERVISOR, name or f"Supervisor {n}", gender).id

    def project(self, *, supervisors: int = 1, supervisor_gender: Gender = Gender.MALE,
                **changes) -> int:
        n = next(_counter)
        lead = changes.pop("default_supervisor_id", None)
        if lead is None and supervisors:
            lead = self.supervisor(supervisor_gender)
        # Keyword arguments of mixed types, some replaced by the caller's.
        values: dict[str, Any]
        values = dict(code=f"P{n:04d}", name=f"Project {n}", project_type="group",
                      office_id=self.office, beneficiary="Parks Trust",
                      site_address="1 Park Lane, York", weekdays=(1, 2, 3, 4, 5, 6, 7),
                      start_time=dt.time(9), end_time=dt.time(16),
                      available_from=dt.date(2026, 1, 1), capacity=8,
                      default_supervisor_id=lead)
        values.update(changes)
        return self.svc.projects.create_project(ProjectInput(**values)).id

    def session(self, day: dt.date = MONDAY, **project_changes) -> int:
        """One session of a new project on ``day``."""
        project = self.project(**project_changes)
        self.svc.sessions.generate(project, day, day)
        return self.svc.sessions.list_sessions(project_id=project, date_from=day,
                                               date_to=day)[0].id

    def person(self, gender: Gender = Gender.MALE, identity: str | None = None,
               **changes) -> int:
        n = next(_counter)
        first = "Cerys" if gender == Gender.FEMALE else "Dafydd"
        # Keyword arguments of mixed types, some replaced by the caller's.
        values: dict[str, Any]
        values = dict(crn=f"X{n:06d}", forename=first, surname=f"Jones{chr(65 + n % 26)}",
                      date_of_birth=dt.date(1990, 1, 1), gender=gender, gender_identity=identity,
                      phone="01904 000000", office_id=self.office)
        values.update(changes)
        return self.app.people.create(PersonInput(**values)).id

    def order(self, person_id: int, sentenced: dt.date = SENTENCED, hours: int = 100) -> int:
        return self.app.orders.create(OrderInput(person_id=person_id, court="York Magistrates",
                                                 sentence_date=sentenced,
                                                 hours_ordered=hours)).id

    def assessment_input(self, person_id: int, order_id: int, **answers) -> AssessmentInput:
        woman = answers.pop("woman", False)
        # Keyword arguments of mixed types, some replaced by the caller's.
        values: dict[str, Any]
        values = dict(person_id=person_id, order_id=order_id, availability="Y" * 21,
                      placement_preference=PlacementPreference.MIXED_GROUP,
                      female_only_offered=True if woman else None, risk_level=RiskLevel.LOW,
                      hs_allergies=False, hs_epilepsy=False, hs_pregnancy=False,
                      hs_mobility=False, hs_medication=False, vulnerable=False,
                      public_transport_accessible=True)
        values.update(answers)
        return AssessmentInput(**values)

    def placeable(self, gender: Gender = Gender.MALE, *, identity: str | None = None,
                  assessed: bool = True, sentenced: dt.date = SENTENCED, person: dict | None = None,
                  **answers) -> int:
        """A person with a live order and a completed assessment; returns the order id."""
        person_id = self.person(gender, identity, **(person or {}))
        order_id = self.order(person_id, sentenced)
        if assessed:
            woman = gender == Gender.FEMALE or identity not in (None, "Man", "Male")
            record = self.svc.assessments.create(
                self.assessment_input(person_id, order_id, woman=woman, **answers))
            self.svc.assessments.complete(record.id, record.version)
        return order_id

    def woman(self, **answers) -> int:
        return self.placeable(Gender.FEMALE, **answers)

    def man(self, **answers) -> int:
        return self.placeable(Gender.MALE, **answers)

    def people_on(self, session_id: int) -> set[int]:
        return {p.order_id for p in self.svc.sessions.detail(session_id).people
                if p.outcome_code is None}

