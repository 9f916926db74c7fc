"""The directory migration on a database with referrals: each typed provider name becomes one
directory entry (names differing only in case or spacing are one), helping with the pathways
it was referred for, and every referral points at it (rule TTG-DIR4)."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from upw_ttg.storage import migrate
from upw_ttg.storage.database import Database

from tests.conftest import PG_URL, reset_postgres_schema, sqlite_url
from tests.narrowing import present
from tests.storage.test_gender_migration import _to

REFERRALS = [  # (pathway, provider as typed)
    ("accommodation", "Shelter"), ("accommodation", "shelter "), ("finance_id", "SHELTER"),
    ("drugs_alcohol", "Humber  Recovery"), ("drugs_alcohol", "Humber Recovery"),
    ("health", "Dr Patel's surgery"),
]


def _directory_revision() -> tuple[str, str]:
    script = ScriptDirectory.from_config(migrate._config())
    found = next(s for s in script.walk_revisions()
                 if "directory_of_local_services" in (s.path or ""))
    return found.revision, str(found.down_revision)


def _old_database(db: Database, before: str) -> None:
    _to(db, before)
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
            "INSERT INTO resettlement_plan (id, episode_id, status, "
            "strengths_none_identified, diversity_considered, version) "
            "VALUES (1, 1, 'draft', false, false, 1)"))
        for i, (pathway, provider) in enumerate(REFERRALS, start=1):
            session.execute(text(
                "INSERT INTO referral (id, plan_id, pathway_code, provider, sent_on, status, "
                "version) VALUES (:id, 1, :pathway, :provider, :on, 'sent', 1)"),
                {"id": i, "pathway": pathway, "provider": provider,
                 "on": dt.date(2026, 10, 10)})


def _check_and_undo(db: Database, revision: str, before: str) -> None:
    _to(db, revision)
    with db.read() as session:
        providers = session.execute(text(
            "SELECT id, name, national, active, version FROM service_provider ORDER BY name"
        )).all()
        pathways = session.execute(text(
            "SELECT p.name, sp.pathway_code FROM service_provider_pathway sp "
            "JOIN service_provider p ON p.id = sp.provider_id ORDER BY p.name, sp.pathway_code"
        )).all()
        links = session.execute(text(
            "SELECT r.id, p.name FROM referral r JOIN service_provider p "
            "ON p.id = r.provider_id ORDER BY r.id")).all()
        areas = session.execute(text("SELECT count(*) FROM service_provider_area")).scalar()
    assert [(name, bool(national), bool(active), version)
            for _id, name, national, active, version in providers] == [
        ("Dr Patel's surgery", False, True, 1), ("Humber Recovery", False, True, 1),
        ("Shelter", False, True, 1)]
    assert [tuple(p) for p in pathways] == [
        ("Dr Patel's surgery", "health"), ("Humber Recovery", "drugs_alcohol"),
        ("Shelter", "accommodation"), ("Shelter", "finance_id")]
    assert [tuple(x) for x in links] == [
        (1, "Shelter"), (2, "Shelter"), (3, "Shelter"), (4, "Humber Recovery"),
        (5, "Humber Recovery"), (6, "Dr Patel's surgery")]
    # Areas are for an administrator to add: none are guessed.
    assert areas == 0
    _to(db, before, down=True)
    with db.read() as session:
        typed = session.execute(text("SELECT provider FROM referral ORDER BY id")).scalars()
        assert list(typed) == [provider for _pathway, provider in REFERRALS]


def test_typed_providers_become_directory_entries_on_sqlite(tmp_path):
    revision, before = _directory_revision()
    db = Database(sqlite_url(tmp_path / "old.db"))
    try:
        _old_database(db, before)
        _check_and_undo(db, revision, before)
    finally:
        db.dispose()


@pytest.mark.postgres
def test_typed_providers_become_directory_entries_on_postgresql():
    revision, before = _directory_revision()
    db = Database(present(PG_URL))
    try:
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        _old_database(db, before)
        _check_and_undo(db, revision, before)
        _to(db, "head")
        # The ids handed out by the migration are behind the sequence: a new entry is next.
        with db.write() as session:
            new_id = session.execute(text(
                "INSERT INTO service_provider (name, national, active, version) "
                "VALUES ('New', false, true, 1) RETURNING id")).scalar()
        assert new_id == 4
    finally:
        db.dispose()
        # Every later test starts from a freshly migrated schema, as the session began.
        reset_postgres_schema(present(PG_URL))
