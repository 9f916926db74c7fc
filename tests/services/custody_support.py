"""A person, a prison and a custody episode for custody tests, made through the services."""

from __future__ import annotations

import dataclasses
import datetime as dt

from upw_ttg.bootstrap import AppServices
from upw_ttg.domain.codes import Gender
from upw_ttg.records.custody import CustodyInput
from upw_ttg.records.people import PersonInput


def make_person(app: AppServices) -> int:
    return app.people.create(PersonInput(crn="X222222", forename="Dafydd", surname="Jones",
                                         date_of_birth=dt.date(1985, 6, 1),
                                         gender=Gender.MALE)).id


def humber(app: AppServices) -> int:
    return next(p.id for p in app.custody.prisons() if p.code == "HMI")


def episode(person_id: int, prison_id: int, **changes) -> CustodyInput:
    base = CustodyInput(person_id=person_id, prison_id=prison_id, prison_number="A1234BC",
                        reception_date=dt.date(2026, 9, 1), screening_date=dt.date(2026, 9, 2),
                        sentence_start_date=dt.date(2026, 9, 1),
                        conditional_release_date=dt.date(2027, 3, 1),
                        automatic_release_date=dt.date(2027, 2, 1))
    return dataclasses.replace(base, **changes)
