"""Schema migrations with Alembic, a verified backup before upgrading, and refusing newer files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from upw_ttg import paths
from upw_ttg.errors import NewerDatabaseError, StorageError
from upw_ttg.storage.backup import backup_sqlite
from upw_ttg.storage.database import Database
from upw_ttg.storage.statistics import refresh_statistics

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

# The newest revision in migrations/versions; a test keeps it equal to Alembic's head. Knowing
# it here lets an up-to-date database open without loading Alembic, which is slow to import.
SCHEMA_HEAD = "0031"


@dataclass(frozen=True, slots=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup_path: Path | None

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(paths.migrations_dir()))
    return config


def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in _scripts().walk_revisions()}


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(db: Database, backup_dir: Path | None = None) -> MigrationResult:
    """Bring the database to the newest schema, backing up an existing SQLite file first."""
    current = current_revision(db)
    if current == SCHEMA_HEAD:
        return MigrationResult(current, current, None)
    head = head_revision()
    if current is not None and current not in known_revisions():
        raise NewerDatabaseError(
            "This database was created by a newer version of the application (schema "
            f"{current}). Install the newer version, or restore a backup made by this one.")
    backup_path = None
    if current != head:
        if current is not None and db.is_sqlite and backup_dir is not None:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            backup_path = backup_sqlite(db, backup_dir / f"before-upgrade-{stamp}.db")
        from alembic import command

        config = _config()
        with (db._write_engine.connect() as connection,
              _foreign_keys_deferred_on_sqlite(db, connection),
              connection.begin()):
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            _check_foreign_keys(db, connection)
        if current is not None:
            # A migration may rewrite whole tables, which leaves PostgreSQL without statistics.
            refresh_statistics(db)
    return MigrationResult(current, head, backup_path)


@contextmanager
def _foreign_keys_deferred_on_sqlite(db: Database, connection: Connection) -> Iterator[None]:
    """Foreign keys off for the migration's transaction on SQLite, on again afterwards.

    SQLite cannot alter most columns in place, so a migration copies the table and drops the
    old one. With foreign keys on, that drop would delete every row pointing at the table (ON
    DELETE CASCADE) inside the migration. The pragma only takes effect outside a transaction,
    so it is set on the driver's connection before the migration begins; the keys are then
    checked as a whole before committing (``_check_foreign_keys``).
    """
    if not db.is_sqlite:
        yield
        return
    raw = connection.connection.driver_connection
    assert raw is not None, "a connection that is open has its driver's connection"
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def _check_foreign_keys(db: Database, connection: Connection) -> None:
    """Refuse to commit a migration that left a row pointing at nothing (SQLite)."""
    if not db.is_sqlite:
        return
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        tables = sorted({row[0] for row in broken})
        raise StorageError("Upgrading the database would leave records pointing at nothing in "
                           f"{', '.join(tables)}; nothing was changed. Keep the backup and "
                           "report this problem.")
