"""Storage safety: pragmas, write locks, refused locations, migrations, newer databases."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import select, text

from upw_ttg.domain import codes
from upw_ttg.domain.settings import SETTINGS
from upw_ttg.errors import NewerDatabaseError, StorageError, UnsafeLocationError
from upw_ttg.storage import database as database_module
from upw_ttg.storage import location as location_module
from upw_ttg.storage.database import Database, sqlite_url
from upw_ttg.storage.location import check_local_path
from upw_ttg.storage.migrate import current_revision, head_revision, upgrade
from upw_ttg.storage.models import OutcomeCodeRow, Prison, Setting

from tests.narrowing import present


def test_every_sqlite_connection_reads_back_the_safe_pragmas(sqlite_db_url):
    db = Database(sqlite_db_url)
    try:
        with db.engine.connect() as first, db.engine.connect() as second:
            for connection in (first, second):
                values = {name: str(connection.exec_driver_sql(f"PRAGMA {name}").scalar())
                          for name in ("journal_mode", "synchronous", "foreign_keys",
                                       "busy_timeout", "trusted_schema", "cell_size_check")}
                assert values == {"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1",
                                  "busy_timeout": "5000", "trusted_schema": "0",
                                  "cell_size_check": "1"}
    finally:
        db.dispose()


def test_a_pragma_that_does_not_take_stops_the_application(sqlite_db_url, monkeypatch):
    monkeypatch.setattr(database_module, "SQLITE_PRAGMAS",
                        (("journal_mode", "WAL", "delete"),))
    db = Database(sqlite_db_url)
    try:
        with pytest.raises(StorageError, match="journal_mode"), db.engine.connect():
            pass
    finally:
        db.dispose()


def test_writes_take_the_lock_up_front_so_a_second_writer_waits_instead_of_failing(
        sqlite_db_url):
    """A read-then-write unit never fails with SQLITE_BUSY_SNAPSHOT: BEGIN IMMEDIATE."""
    db = Database(sqlite_db_url)
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def bump() -> None:
        try:
            barrier.wait()
            for _ in range(10):
                with db.write() as session:
                    row = session.get_one(Setting, "upw.weekly_offer_hours")
                    row.description = row.description + "."
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        with db.read() as session:
            row = session.get_one(Setting, "upw.weekly_offer_hours")
            assert row.description.endswith("." * 40)
            assert row.version == 41
    finally:
        db.dispose()


def test_an_in_memory_database_is_refused():
    with pytest.raises(StorageError):
        Database("sqlite+pysqlite:///:memory:")


@pytest.mark.parametrize("path", [r"\\server\share\upw.db", "//server/share/upw.db",
                                  "/home/sam/OneDrive/upw.db", "/home/sam/Dropbox/data/upw.db"])
def test_network_shares_and_synced_folders_are_refused(path):
    with pytest.raises(UnsafeLocationError, match="PostgreSQL"):
        check_local_path(Path(path))


def test_a_network_file_system_mount_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(location_module, "mount_of", lambda _p, _m=None: ("/srv", "cifs"))
    with pytest.raises(UnsafeLocationError, match="cifs"):
        Database(sqlite_url(tmp_path / "upw.db"))


def test_migrating_from_empty_seeds_every_code_list_and_setting(db):
    assert current_revision(db) == head_revision()
    with db.read() as session:
        outcomes = {r.code: (r.attended, r.enforceable) for r in session.scalars(
            select(OutcomeCodeRow))}
        prisons = {p.code: p.name for p in session.scalars(select(Prison))}
        settings = {s.key: s.value for s in session.scalars(select(Setting))}
        counts = {table: session.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar()
                  for table in ("enforcement_action_code", "project_type", "pathway",
                                "delivery_unit", "office")}
    assert outcomes == {o.code: (o.attended, o.enforceable) for o in codes.OUTCOME_CODES}
    assert prisons == {code: name for code, name, _w in codes.PRISONS}
    assert settings == {s.key: s.default for s in SETTINGS}
    assert counts == {"enforcement_action_code": len(codes.ENFORCEMENT_ACTION_CODES),
                      "project_type": len(codes.PROJECT_TYPES), "pathway": len(codes.PATHWAYS),
                      "delivery_unit": 3, "office": 12}


def test_the_known_head_matches_the_newest_migration():
    from upw_ttg.storage.migrate import SCHEMA_HEAD

    assert head_revision() == SCHEMA_HEAD


def test_migrating_again_changes_nothing_and_takes_no_backup(db, tmp_path):
    result = upgrade(db, backup_dir=tmp_path / "backups")
    assert not result.changed and result.backup_path is None


def test_a_database_from_a_newer_version_is_refused(sqlite_db_url):
    db = Database(sqlite_db_url)
    try:
        with db.write() as session:
            session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        with pytest.raises(NewerDatabaseError, match="newer version"):
            upgrade(db)
    finally:
        db.dispose()


def test_upgrading_an_older_database_backs_it_up_first_and_verifies_it(sqlite_db_url, tmp_path,
                                                                       monkeypatch):
    """When a newer schema arrives, the existing file is copied and checked before upgrading."""
    from upw_ttg.storage import migrate

    upgraded: list[str] = []
    import alembic.command

    # A revision after whatever the template database is at now.
    current = migrate.SCHEMA_HEAD
    monkeypatch.setattr(migrate, "SCHEMA_HEAD", "9999")
    monkeypatch.setattr(migrate, "head_revision", lambda: "9999")
    monkeypatch.setattr(migrate, "known_revisions", lambda: {current, "9999"})
    monkeypatch.setattr(alembic.command, "upgrade", lambda _c, target: upgraded.append(target))
    db = Database(sqlite_db_url)
    try:
        with db.write() as session:
            session.execute(text("UPDATE setting SET value = '9' WHERE key = "
                                 "'upw.weekly_offer_hours'"))
        result = upgrade(db, backup_dir=tmp_path / "backups")
    finally:
        db.dispose()
    assert upgraded == ["head"]
    assert result.backup_path is not None and result.backup_path.exists()
    copy = sqlite3.connect(result.backup_path)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT value FROM setting WHERE key = 'upw.weekly_offer_hours'"
                        ).fetchone()[0] == "9"
    copy.close()


def test_migration_from_empty_on_a_fresh_file(tmp_path):
    db = Database(sqlite_url(tmp_path / "fresh.db"))
    try:
        result = upgrade(db, backup_dir=tmp_path / "backups")
        assert result.from_revision is None and result.to_revision == head_revision()
        assert result.backup_path is None
    finally:
        db.dispose()
    connection = sqlite3.connect(tmp_path / "fresh.db")
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()


@pytest.mark.postgres
def test_migration_from_empty_on_postgresql():
    from tests.conftest import PG_URL, reset_postgres_schema

    reset_postgres_schema(present(PG_URL))
    db = Database(present(PG_URL))
    try:
        assert current_revision(db) == head_revision()
        with db.read() as session:
            assert session.execute(text("SELECT COUNT(*) FROM setting")).scalar() == len(SETTINGS)
    finally:
        db.dispose()


def test_a_write_blocked_past_the_busy_timeout_says_busy_and_keeps_nothing(sqlite_db_url):
    """Another program holding the write lock: the user is told to try again, nothing half-saved."""
    path = sqlite_db_url.split("///", 1)[1]
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    db = Database(sqlite_db_url, busy_timeout_ms=200)
    try:
        with pytest.raises(StorageError, match="busy"), db.write() as session:
            session.get_one(Setting, "upw.weekly_offer_hours").value = "9"
        holder.rollback()
        with db.read() as session:
            assert session.get_one(Setting, "upw.weekly_offer_hours").value == "7"
    finally:
        holder.close()
        db.dispose()


def test_the_models_and_the_migrations_agree(db):
    """What Alembic would generate from the models is already in the migrations."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from upw_ttg.storage.models import Base

    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_the_database_is_described_without_its_password():
    db = Database("postgresql+psycopg://upw:s3cret-pass@db.example.internal:5433/upw")
    try:
        assert db.describe() == "PostgreSQL upw on db.example.internal:5433"
        assert "s3cret" not in db.describe()
    finally:
        db.dispose()
