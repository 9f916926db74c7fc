"""The migration that links the pre-release review's GP practice and pharmacy to the directory:
a typed review is kept as it was, the links start empty, and undoing it drops only them."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect, text

from upw_ttg.storage.database import Database

from tests.conftest import PG_URL, reset_postgres_schema, sqlite_url
from tests.narrowing import present
from tests.storage.test_gender_migration import _to

_LINKS = {"gp_provider_id", "prescriptions_provider_id"}


def _typed_review(db: Database) -> None:
    """A review saved before the links existed, its GP and pharmacy typed."""
    _to(db, "0030")
    with db.write() as session:
        prison = session.execute(text("SELECT id FROM prison ORDER BY id")).scalar()
        session.execute(text(
            "INSERT INTO person (id, crn, forename, surname, date_of_birth, gender, "
            "preferred_language, interpreter_needed, search_surname, search_forename, version) "
            "VALUES (1, 'X100001', 'Ann', 'Lee', :dob, 'female', 'english', false, 'lee', "
            "'ann', 1)"), {"dob": dt.date(1990, 1, 1)})
        session.execute(text(
            "INSERT INTO custody_episode (id, person_id, prison_id, prison_number, "
            "reception_date, status, version) VALUES (1, 1, :prison, 'A1234BC', :on, "
            "'in_custody', 1)"), {"prison": prison, "on": dt.date(2026, 10, 1)})
        session.execute(text(
            "INSERT INTO pre_release_review (id, episode_id, gp_details, "
            "prescriptions_arranged, prescriptions_collect_from, version) "
            "VALUES (1, 1, 'Dr Patel, Hull', true, 'Boots, Hull', 1)"))


def _columns(db: Database) -> set[str]:
    with db.read() as session:
        return {c["name"] for c in inspect(session.connection()).get_columns(
            "pre_release_review")}


def _up_and_down(db: Database) -> None:
    _typed_review(db)
    assert not _LINKS & _columns(db)
    _to(db, "0031")
    assert _columns(db) >= _LINKS
    with db.read() as session:
        row = session.execute(text(
            "SELECT gp_details, prescriptions_collect_from, gp_provider_id, "
            "prescriptions_provider_id FROM pre_release_review")).one()
    assert tuple(row) == ("Dr Patel, Hull", "Boots, Hull", None, None)
    _to(db, "0030", down=True)
    assert not _LINKS & _columns(db)
    with db.read() as session:
        assert session.execute(text("SELECT gp_details FROM pre_release_review")).scalar() \
            == "Dr Patel, Hull"


def test_the_links_come_and_go_on_sqlite(tmp_path):
    db = Database(sqlite_url(tmp_path / "old.db"))
    try:
        _up_and_down(db)
    finally:
        db.dispose()


@pytest.mark.postgres
def test_the_links_come_and_go_on_postgresql():
    db = Database(present(PG_URL))
    try:
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        _up_and_down(db)
    finally:
        db.dispose()
        # Every later test starts from a freshly migrated schema, as the session began.
        reset_postgres_schema(present(PG_URL))
