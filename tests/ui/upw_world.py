"""Fixtures for the scheduling screens: a small world of projects, sessions and people."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.codes import Gender, PlacementPreference, RiskLevel, Role
from upw_ttg.records.orders import OrderInput
from upw_ttg.records.people import PersonInput
from upw_ttg.records.upw import (
    AssessmentInput,
    PickupPointInput,
    ProjectInput,
    VanInput,
)

from tests.ui.conftest import TODAY, add_staff_member

# The clock is Thursday 26 November 2026; the next week runs 30 November to 6 December.
MONDAY = dt.date(2026, 11, 30)
SENTENCED = dt.date(2026, 11, 2)
_numbers = itertools.count(1)


class World:
    """Makes projects, sessions and placeable people through the services."""

    MONDAY = MONDAY
    TODAY = TODAY

    def __init__(self, services: AppServices, password_hash: str):
        self.services = services
        self.upw = services.upw
        self._hash = password_hash
        self.office = next(o.id for o in services.people.offices() if o.code == "YRK")
        self.unit: int | None = None

    def supervisor(self, gender: Gender = Gender.MALE) -> int:
        n = next(_numbers)
        return add_staff_member(self.services, f"sup{n}", Role.SUPERVISOR, self._hash,
                                f"Supervisor {n}", gender).id

    def project(self, **changes: object) -> int:
        n = next(_numbers)
        # Keyword arguments of mixed types, some replaced by the caller's.
        values: dict[str, Any] = dict(
            code=f"P{n:04d}", name=f"Park project {n}", project_type="group",
            office_id=self.office, beneficiary="Parks Trust", site_address="1 Park Lane, York",
            weekdays=(1, 2, 3, 4, 5, 6, 7), start_time=dt.time(9), end_time=dt.time(16),
            available_from=dt.date(2026, 1, 1), capacity=8,
            default_supervisor_id=self.supervisor())
        values.update(changes)
        record = self.upw.projects.create_project(ProjectInput(**values))
        self.unit = record.delivery_unit_id
        return record.id

    def session(self, day: dt.date = MONDAY, **changes: object) -> int:
        project = self.project(**changes)
        self.upw.sessions.generate(project, day, day)
        return self.upw.sessions.list_sessions(project_id=project, date_from=day,
                                               date_to=day)[0].id

    def person(self, gender: Gender = Gender.MALE, **changes: object) -> int:
        n = next(_numbers)
        # Keyword arguments of mixed types, some replaced by the caller's.
        values: dict[str, Any] = dict(
            crn=f"X{n:06d}", forename="Cerys" if gender == Gender.FEMALE else "Dafydd",
            surname=f"Jones{chr(65 + n % 26)}", date_of_birth=dt.date(1990, 1, 1),
            gender=gender, phone=f"07700 900{n:03d}", office_id=self.office)
        values.update(changes)
        return self.services.people.create(PersonInput(**values)).id

    def order(self, person_id: int) -> int:
        return self.services.orders.create(OrderInput(
            person_id=person_id, court="York Magistrates' Court", sentence_date=SENTENCED,
            hours_ordered=100)).id

    def answers(self, person_id: int, order_id: int | None, **changes: object
                ) -> AssessmentInput:
        # Keyword arguments of mixed types, some replaced by the caller's.
        values: dict[str, Any] = dict(
            person_id=person_id, order_id=order_id, availability="Y" * 21,
            placement_preference=PlacementPreference.MIXED_GROUP, risk_level=RiskLevel.LOW,
            hs_allergies=False, hs_epilepsy=False, hs_pregnancy=False, hs_mobility=False,
            hs_medication=False, vulnerable=False, public_transport_accessible=True)
        values.update(changes)
        return AssessmentInput(**values)

    def placeable(self, gender: Gender = Gender.MALE, *, assessed: bool = True,
                  person: dict | None = None, **answers: object) -> tuple[int, int]:
        """A person with a live order (and a completed assessment): (person id, order id)."""
        person_id = self.person(gender, **(person or {}))
        order_id = self.order(person_id)
        if assessed:
            if gender == Gender.FEMALE:
                answers.setdefault("female_only_offered", True)
            record = self.upw.assessments.create(self.answers(person_id, order_id, **answers))
            self.upw.assessments.complete(record.id, record.version)
        return person_id, order_id

    def van_and_pickup(self) -> tuple[int, int]:
        van = self.upw.projects.save_van(None, VanInput("YK70 ABC", "Crew van", 8, self.office))
        point = self.upw.projects.save_pickup_point(
            None, PickupPointInput("York office", "2 Clifford Street", "YO1 6HP", self.office,
                                   town="York"))
        return van.id, point.id
