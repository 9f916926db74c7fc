"""Person search (type-ahead) beside raw SQL for the same query, and opening a person record."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.dialects import sqlite as sqlite_dialect

from benchmarks.actors import act_as
from benchmarks.common import open_services, time_calls
from upw_ttg.domain.codes import Role
from upw_ttg.storage.models import CustodyEpisode, Person

QUERIES = 200


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


def run(path: Path) -> list[str]:
    services = open_services(path)
    act_as(services, Role.COORDINATOR)
    try:
        queries = type_ahead_queries(services)
        service = time_calls("search through the service", [
            (lambda q=q: services.people.search(q)) for q in queries])
        raw_sql = [str(services.people.search_statement(q).compile(
            dialect=sqlite_dialect.dialect(), compile_kwargs={"literal_binds": True}))
            for q in queries]
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            raw = time_calls("the same query, raw SQL", [
                (lambda sql=sql: connection.execute(sql).fetchall()) for sql in raw_sql])
        finally:
            connection.close()
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


