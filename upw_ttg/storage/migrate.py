"""Schema migrations with Alembic, a verified backup before upgrading, and refusing newer files."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect, text

from upw_ttg import paths
from upw_ttg.errors import NewerDatabaseError
from upw_ttg.storage.backup import backup_sqlite
from upw_ttg.storage.database import Database

# The newest revision in migrations/versions; a test keeps it equal to Alembic's head. Knowing
# it here lets an up-to-date database open without loading Alembic, which is slow to import.
SCHEMA_HEAD = "0006"


@dataclass(frozen=True, slots=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup_path: Path | None

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


def _config():  # noqa: ANN202 - alembic.config.Config, imported only when needed
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(paths.migrations_dir()))
    return config


def _scripts():  # noqa: ANN202
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
        with db._write_engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    return MigrationResult(current, head, backup_path)
