"""Shared fixtures: a migrated database per test (SQLite, or PostgreSQL when asked), services."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import text

from upw_ttg.bootstrap import AppLocation, AppServices, build_services
from upw_ttg.domain.codes import Gender, Role
from upw_ttg.records.staff import StaffMember
from upw_ttg.security import hash_password
from upw_ttg.storage.chain import GENESIS, TRAIL_RESET_SETTING
from upw_ttg.storage.database import Database, sqlite_url
from upw_ttg.storage.migrate import upgrade
from upw_ttg.storage.models import Base, Staff

from tests.services.ttg.ttg_support import make_episode, make_person, ttg_services
from tests.services.upw.upw_builder import Builder

PG_URL = os.environ.get("UPW_TTG_TEST_DATABASE_URL")
TEST_PASSWORD = "correct-horse-battery"
REFERENCE_TABLES = {"outcome_code", "enforcement_action_code", "project_type", "pathway",
                    "prison", "delivery_unit", "office", "setting", "alembic_version",
                    "chain_head"}
TODAY = dt.date(2026, 11, 26)


def pytest_collection_modifyitems(config, items):
    skip_pg = pytest.mark.skip(reason="set UPW_TTG_TEST_DATABASE_URL to run PostgreSQL tests")
    for item in items:
        if "postgres" in item.keywords and not PG_URL:
            item.add_marker(skip_pg)


@pytest.fixture(scope="session")
def fast_hash() -> str:
    """A cheap hash of TEST_PASSWORD: hashes carry their own cost, so verifying still works."""
    return hash_password(TEST_PASSWORD, n=2**10)


def reset_postgres_schema(url: str) -> None:
    db = Database(url)
    try:
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        upgrade(db)
    finally:
        db.dispose()


# Reference rows an administrator may edit or add to (offices, prisons), as migrated: each
# PostgreSQL test starts from them, as each SQLite test starts from a fresh copy.
EDITABLE_REFERENCE_TABLES = ("office", "prison")
_migrated_rows: dict[str, list[dict]] = {}


@pytest.fixture(scope="session")
def _postgres_migrated() -> bool:
    if PG_URL:
        reset_postgres_schema(PG_URL)
        db = Database(PG_URL)
        with db.engine.connect() as connection:
            for name in EDITABLE_REFERENCE_TABLES:
                table = Base.metadata.tables[name]
                _migrated_rows[name] = [dict(r._mapping) for r in
                                        connection.execute(table.select())]
        db.dispose()
    return bool(PG_URL)


def _restore_editable_reference_rows(connection) -> None:
    for name in EDITABLE_REFERENCE_TABLES:
        table = Base.metadata.tables[name]
        rows = _migrated_rows.get(name, [])
        connection.execute(table.delete().where(table.c.id.not_in([r["id"] for r in rows])))
        for row in rows:
            connection.execute(table.update().where(table.c.id == row["id"]).values(**row))


def _truncate_postgres(db: Database) -> None:
    # DELETE, not TRUNCATE ... CASCADE: a cascade would also empty the reference tables,
    # because settings point at the staff who last changed them.
    # The audit trail and access log are insert-only (triggers); the triggers let this reset,
    # and nothing else, empty them, for this one transaction.
    with db.engine.begin() as connection:
        connection.execute(text(f"SET LOCAL {TRAIL_RESET_SETTING} = 'on'"))
        connection.execute(text("UPDATE chain_head SET last_seq = 0, last_hash = :genesis"),
                           {"genesis": GENESIS})
        connection.execute(text("UPDATE setting SET value = default_value, version = 1, "
                                "updated_by_id = NULL"))
        for table in reversed(Base.metadata.sorted_tables):
            if table.name not in REFERENCE_TABLES:
                connection.execute(table.delete())
        _restore_editable_reference_rows(connection)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """One migrated SQLite file, copied for each test (migrating takes longer than copying)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = Database(sqlite_url(path))
    upgrade(db)
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture
def sqlite_db_url(tmp_path, sqlite_template) -> str:
    target = tmp_path / "upw-ttg.db"
    target.write_bytes(sqlite_template.read_bytes())
    return sqlite_url(target)


@pytest.fixture
def db_url(request, tmp_path, _postgres_migrated) -> str:
    """The database under test: PostgreSQL when UPW_TTG_TEST_DATABASE_URL is set, else SQLite."""
    if PG_URL:
        db = Database(PG_URL)
        _truncate_postgres(db)
        db.dispose()
        return PG_URL
    return request.getfixturevalue("sqlite_db_url")


@pytest.fixture
def db(db_url) -> Iterator[Database]:
    database = Database(db_url)
    yield database
    database.dispose()


def write_staff(db: Database, username: str, full_name: str, role: Role, password_hash: str,
               gender: Gender = Gender.NOT_STATED,
               roles: frozenset[Role] | None = None) -> StaffMember:
    """A member of staff holding ``role`` (their job) and any further ``roles``."""
    held = frozenset(roles or ()) | {role}
    with db.write() as session:
        row = Staff(username=username, full_name=full_name, role=role, roles=held,
                    gender=gender, password_hash=password_hash, active=True, failed_sign_ins=0)
        session.add(row)
        session.flush()
        return StaffMember(row.id, row.username, row.full_name, row.role, row.gender, None, True,
                           row.roles, row.version)


@pytest.fixture
def make_services(db_url, tmp_path):
    """Build another set of services on the same database (a second user's application)."""
    made: list[AppServices] = []

    def make() -> AppServices:
        services = build_services(Database(db_url), AppLocation(tmp_path, db_url))
        services.ctx.now = lambda: dt.datetime.combine(TODAY, dt.time(10, 30))
        made.append(services)
        return services

    yield make
    for services in made:
        services.close()


# The services' own tests act as someone who may do anything the table allows: a manager reads
# and works both modules, an administrator the rest. Holding no coordinator, supervisor or
# resettlement worker role keeps the actor out of the lists of those (pickers, caseloads).
ALL_ROLES = frozenset({Role.ADMINISTRATOR, Role.MANAGER})


@pytest.fixture
def app(make_services, fast_hash) -> AppServices:
    """Services signed in as an administrator who is also a manager (so may do everything the
    permission table allows), with the clock at 26 November 2026. Tests of who may do what
    use ``signed_in_as`` instead."""
    services = make_services()
    services.ctx.actor = write_staff(services.db, "admin", "Ada Admin", Role.ADMINISTRATOR,
                                    fast_hash, roles=ALL_ROLES)
    return services


@pytest.fixture
def add_staff(app, fast_hash):
    def add(username: str, role: Role, full_name: str | None = None,
            gender: Gender = Gender.NOT_STATED,
            roles: frozenset[Role] | None = None) -> StaffMember:
        return write_staff(app.db, username, full_name or username.title(), role, fast_hash,
                          gender, roles)
    return add


@pytest.fixture
def signed_in_as(app, make_services, add_staff):
    """Another application on the same database, signed in as a new member of staff holding
    exactly ``roles`` (the first is their job): ``signed_in_as(Role.SUPERVISOR)``."""
    def sign_in(*roles: Role, username: str | None = None) -> AppServices:
        services = make_services()
        services.ctx.actor = add_staff(username or "_".join(r.value for r in roles), roles[0],
                                       roles=frozenset(roles))
        return services
    return sign_in


@pytest.fixture
def upw(app, add_staff) -> Builder:
    """Makes UPW projects, sessions and placeable people through the services."""
    return Builder(app, add_staff)


@pytest.fixture
def ttg(app) -> SimpleNamespace:
    """The Through the Gate services on the shared app."""
    return ttg_services(app)


@pytest.fixture
def episode_id(app) -> int:
    """A person in custody: their custody episode's id."""
    return make_episode(app, make_person(app))
