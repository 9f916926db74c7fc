"""Fixtures for the migration tests: a database with no schema yet, on each engine asked for."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from upw_ttg.storage.database import Database

from tests.conftest import PG_URL, reset_postgres_schema, sqlite_url
from tests.narrowing import present


@pytest.fixture
def empty_sqlite(tmp_path) -> Iterator[Database]:
    """A new SQLite file with no schema, for a test to migrate step by step."""
    db = Database(sqlite_url(tmp_path / "old.db"))
    try:
        yield db
    finally:
        db.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_database(request) -> Iterator[Database]:
    """A database with no schema, on SQLite and (when asked for) on PostgreSQL."""
    if request.param == "sqlite":
        yield request.getfixturevalue("empty_sqlite")
        return
    url = present(PG_URL)
    db = Database(url)
    try:
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        yield db
    finally:
        db.dispose()
        # Every later test starts from a freshly migrated schema, as the session began.
        reset_postgres_schema(url)
