"""Restricted cases in every list (rule ACC-2): staff not named on a case see only its name and
CRN in each list the screens show; the staff named on it see everything, as before."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, update

from tests.conftest import PG_URL, TODAY, _add_staff, _truncate_postgres
from upw_ttg.bootstrap import AppLocation, AppServices, build_services
from upw_ttg.demo import generate_demo
from upw_ttg.domain.codes import Gender, Role
from upw_ttg.domain.records import PersonRow
from upw_ttg.services.access import RESTRICTED_TEXT
from upw_ttg.services.attendance.work_sheets import RESTRICTED_ON_SHEET
from upw_ttg.storage.database import Database, sqlite_url
from upw_ttg.storage.migrate import upgrade
from upw_ttg.storage.models import Appointment, Person, PersonAccess, SessionSupervisor, UpwSession

ROLES = (Role.COORDINATOR, Role.MANAGER, Role.SUPERVISOR, Role.RESETTLEMENT_WORKER)
KEPT = {"crn", "name", "person_name", "surname", "forename", "row_number", "id", "version"}
BLANKS = (None, False, 0, (), RESTRICTED_TEXT)


@dataclasses.dataclass
class World:
    """A small demo service with every case restricted: for each role, a member named on
    every case and one named on none; and the session both supervisors lead."""

    named: dict[Role, AppServices]
    other: dict[Role, AppServices]
    session_id: int
    baseline: dict[tuple[str, Role], list]


def _rows_of(value) -> list:
    """The rows about people in a list service's answer (a list, or a screen's record)."""
    if isinstance(value, list):
        return value
    lists = [getattr(value, f.name) for f in dataclasses.fields(value)]
    return [row for rows in lists if isinstance(rows, tuple) for row in rows
            if hasattr(row, "person_id")]


# What each list is, who reads it, and how it is asked for.
LISTS: dict[str, tuple[tuple[Role, ...], Callable[[AppServices, int], object]]] = {
    "people list": ((Role.COORDINATOR, Role.MANAGER, Role.RESETTLEMENT_WORKER),
                    lambda s, _sid: s.people.list_page(0, 40)),
    "waiting list": ((Role.COORDINATOR, Role.MANAGER),
                     lambda s, _sid: s.upw.planner.waiting(week_start=TODAY)),
    "session detail": ((Role.COORDINATOR, Role.MANAGER),
                       lambda s, sid: s.upw.sessions.detail(sid)),
    "broken bookings": ((Role.COORDINATOR, Role.MANAGER), lambda s, _sid: s.upw.broken.list()),
    "enforcement queue": ((Role.COORDINATOR, Role.MANAGER),
                          lambda s, _sid: s.attendance.enforcement.queue()),
    "outstanding outcomes": ((Role.COORDINATOR, Role.MANAGER),
                             lambda s, _sid: s.attendance.registers.outstanding_outcomes()),
    "forecast": ((Role.COORDINATOR, Role.MANAGER),
                 lambda s, _sid: s.attendance.forecast.forecast()),
    "reviews due": ((Role.COORDINATOR, Role.MANAGER),
                    lambda s, _sid: s.attendance.forecast.reviews_due()),
    "travel tasks": ((Role.COORDINATOR, Role.MANAGER),
                     lambda s, _sid: s.attendance.ledger.travel_tasks()),
    "warrants": ((Role.COORDINATOR, Role.MANAGER), lambda s, _sid: s.upw.warrants.register()),
    "register": ((Role.COORDINATOR, Role.MANAGER, Role.SUPERVISOR),
                 lambda s, sid: s.attendance.registers.load_register(sid)),
    "work sheet": ((Role.COORDINATOR, Role.MANAGER, Role.SUPERVISOR),
                   lambda s, sid: list(s.attendance.work_sheets.work_sheet(sid).rows)),
    "caseload": ((Role.RESETTLEMENT_WORKER, Role.MANAGER),
                 lambda s, _sid: s.caseload.caseload()),
}
CASES = [(name, role) for name, (roles, _call) in LISTS.items() for role in roles]


def _database(tmp_path: Path) -> str:
    if PG_URL:
        db = Database(PG_URL)
        _truncate_postgres(db)
        db.dispose()
        return PG_URL
    url = sqlite_url(tmp_path / "restricted.db")
    db = Database(url)
    upgrade(db)
    db.dispose()
    return url


@pytest.fixture(scope="module")
def world(tmp_path_factory, fast_hash, _postgres_migrated) -> Iterator[World]:
    tmp_path = tmp_path_factory.mktemp("restricted")
    url = _database(tmp_path)
    db = Database(url)
    generate_demo(db, "small", today=TODAY)
    made: list[AppServices] = []

    def member(username: str, role: Role) -> AppServices:
        services = build_services(Database(url), AppLocation(tmp_path, url))
        services.ctx.now = lambda: dt.datetime.combine(TODAY, dt.time(17, 30))
        services.ctx.actor = _add_staff(db, username, username.title(), role, fast_hash,
                                        Gender.FEMALE)
        made.append(services)
        return services

    named = {role: member(f"named_{role.value}", role) for role in ROLES}
    other = {role: member(f"other_{role.value}", role) for role in ROLES}
    with db.write() as session:
        # The most recent past session with people on it: both supervisors join it.
        session_id = session.scalar(
            select(UpwSession.id).join(Appointment, Appointment.session_id == UpwSession.id)
            .where(UpwSession.session_date < TODAY).group_by(UpwSession.id)
            .having(func.count(Appointment.id) >= 2)
            .order_by(UpwSession.session_date.desc(), UpwSession.id).limit(1))
        for services in (named[Role.SUPERVISOR], other[Role.SUPERVISOR]):
            session.add(SessionSupervisor(session_id=session_id,
                                          staff_id=services.ctx.actor.id))
    baseline = {(name, role): _rows_of(LISTS[name][1](named[role], session_id))
                for name, role in CASES}
    with db.write() as session:
        session.execute(update(Person).values(restricted=True))
        people = session.scalars(select(Person.id)).all()
        session.execute(insert(PersonAccess), [
            {"person_id": pid, "staff_id": services.ctx.actor.id}
            for services in named.values() for pid in people])
    yield World(named, other, session_id, baseline)
    for services in made:
        services.close()
    db.dispose()


def _assert_only_name_and_crn(row, before) -> None:
    if isinstance(row, PersonRow):
        assert row.limited and row.date_of_birth is None and row.town is None
        return
    if not hasattr(row, "person_id"):  # a work sheet row: the name, CRN and row number
        assert (row.pickup_point, row.pickup_time, row.alerts) == (None, None,
                                                                   (RESTRICTED_ON_SHEET,))
        return
    for f in dataclasses.fields(row):
        value = getattr(row, f.name)
        if f.name in KEPT or f.name.endswith(("_id", "_version")):
            assert value == getattr(before, f.name), f.name
        else:
            assert any(value is blank or value == blank for blank in BLANKS), (f.name, value)
            assert type(value) is not str or value == RESTRICTED_TEXT


@pytest.mark.parametrize(("list_name", "role"), CASES,
                         ids=[f"{n}-{r.value}" for n, r in CASES])
def test_staff_not_named_see_only_name_and_crn_in_every_list(world, list_name, role):
    call = LISTS[list_name][1]
    before = world.baseline[(list_name, role)]
    assert before, f"the demo data should put someone on the {list_name}"
    # The member named on every case sees what they saw before (now marked restricted).
    assert [_unmarked(r) for r in _rows_of(call(world.named[role], world.session_id))] == before
    seen = _rows_of(call(world.other[role], world.session_id))
    assert len(seen) == len(before)
    for row, old in zip(seen, before, strict=True):
        assert _name_and_crn(row) == _name_and_crn(old)
        _assert_only_name_and_crn(row, old)


def _name_and_crn(row) -> tuple[str, str]:
    if isinstance(row, PersonRow):
        return f"{row.surname}, {row.forename}", row.crn
    return getattr(row, "name", None) or row.person_name, row.crn


def _unmarked(row):
    return dataclasses.replace(row, restricted=False) if isinstance(row, PersonRow) else row
