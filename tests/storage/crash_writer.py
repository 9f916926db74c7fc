"""A child process for the crash test: writes people and orders until it is killed."""

from __future__ import annotations

import datetime as dt
import sys

from upw_ttg.bootstrap import AppLocation, build_services
from upw_ttg.domain.codes import Gender, Role
from upw_ttg.records.orders import OrderInput
from upw_ttg.records.people import PersonInput
from upw_ttg.records.staff import StaffMember
from upw_ttg.storage.database import Database


def main(url: str, start: int) -> None:
    services = build_services(Database(url), AppLocation.resolve(None, url))
    services.ctx.actor = StaffMember(1, "admin", "Ada Admin", Role.ADMINISTRATOR,
                                     Gender.NOT_STATED, None, True)
    print("ready", flush=True)
    number = start
    while True:
        person = services.people.create(PersonInput(
            crn=f"K{number:06d}", forename="Crash", surname="Tester",
            date_of_birth=dt.date(1990, 1, 1), gender=Gender.MALE))
        services.orders.create(OrderInput(person_id=person.id, court="Hull Crown Court",
                                          sentence_date=dt.date(2026, 1, 5), hours_ordered=100))
        print("written", flush=True)
        number += 1


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
