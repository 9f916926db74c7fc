"""Schema migrations with Alembic, a verified backup before upgrading, and refusing newer files."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from upw_ttg import paths
from upw_ttg.errors import NewerDatabaseError
from upw_ttg.storage.backup import backup_sqlite
from upw_ttg.storage.database import Database


@dataclass(frozen=True, slots=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup_path: Path | None

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(paths.migrations_dir()))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(_config()).walk_revisions()}


def upgrade(db: Database, backup_dir: Path | None = None) -> MigrationResult:
    """Bring the database to the newest schema, backing up an existing SQLite file first."""
    current = current_revision(db)
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
        config = _config()
        with db._write_engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    return MigrationResult(current, head, backup_path)
