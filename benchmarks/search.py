"""Person search (type-ahead) beside raw SQL for the same query, and opening a person record."""

from __future__ import annotations

import random
from pathlib import Path

from sqlalchemy import select

from upw_ttg.domain.codes import Role
from upw_ttg.storage.models import CustodyEpisode, Person

from benchmarks.actors import act_as
from benchmarks.common import (
    RawConnection,
    alternated,
    open_services,
    statements_of,
    time_calls,
)

QUERIES = 200
# Rows the people screen asks for as the user types (ui/views/people_page.py SEARCH_LIMIT).
SCREEN_ROWS = 200


def type_ahead_queries(services, count: int = QUERIES, seed: int = 1) -> list[str]:
    """What people type: CRN and prison-number prefixes, name prefixes, full names, dates."""
    rng = random.Random(seed)
    with services.db.read() as session:
        people = session.execute(select(Person.crn, Person.forename, Person.surname,
                                        Person.date_of_birth).order_by(Person.id)).all()
        numbers = session.scalars(select(CustodyEpisode.prison_number)).all()
    queries = []
    for i in range(count):
        crn, forename, surname, born = rng.choice(people)
        kind = i % 6
        if kind == 0:
            queries.append(crn[: rng.randint(3, 7)])
        elif kind == 1:
            queries.append(surname[: rng.randint(2, 5)])
        elif kind == 2:
            queries.append(f"{forename} {surname[:rng.randint(1, 4)]}")
        elif kind == 3:
            queries.append(born.strftime("%d/%m/%Y"))
        elif kind == 4 and numbers:
            queries.append(rng.choice(numbers)[: rng.randint(3, 7)])
        else:
            queries.append(forename[: rng.randint(2, 4)])
    return queries


def run(path: Path | str) -> list[str]:
    services = open_services(path)
    try:
        act_as(services, Role.COORDINATOR)
        queries = type_ahead_queries(services)
        searches = [(lambda q=q: services.people.search(q, SCREEN_ROWS)) for q in queries]
        # The floor: every statement the service sent for each query (the search and its
        # follow-up reads), at the people screen's row limit, on the driver's own connection.
        raw_connection = RawConnection(services.db)
        floors = [raw_connection.replay(statements_of(services.db, call)) for call in searches]
        try:
            service, raw = alternated(("search through the service", searches),
                                      ("the same statements, raw SQL", floors), warmup=5)
        finally:
            raw_connection.close()
        with services.db.read() as session:
            # Restricted cases open only to the staff named on them (rule ACC-2).
            ids = session.scalars(select(Person.id).where(Person.restricted.is_(False))).all()
        rng = random.Random(2)
        picks = [rng.choice(ids) for _ in range(200)]

        def open_record(person_id: int) -> None:
            services.people.get(person_id)
            services.orders.for_person(person_id)
            services.custody.for_person(person_id)

        record = time_calls("open a person record (details, orders, custody)", [
            (lambda p=p: open_record(p)) for p in picks])
    finally:
        services.close()
    return [service.line(raw), raw.line(), record.line()]


