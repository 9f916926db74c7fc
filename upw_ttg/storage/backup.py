"""Backups through SQLite's online backup API, verified before they are trusted; and restore.

Backups are owner-only files (they hold everything the database holds). A file offered for
restore is checked whole before the live database is touched: refused if it is empty, not a
database of this application, written by a newer version, or damaged.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from upw_ttg.errors import StorageError
from upw_ttg.files import PRIVATE_FOLDER_MODE, keep_private, make_private_file
from upw_ttg.storage.database import Database
from upw_ttg.storage.inspection import (
    FileState,
    ForeignKeyProblem,
    examine_sqlite_file,
    read_only_connection,
)

SQLITE_HEADER = b"SQLite format 3\x00"
# Tables every database of this application has had since its first schema.
_OWN_TABLES = {"alembic_version", "staff", "person", "setting", "audit_event"}


@dataclass(frozen=True, slots=True)
class CheckResult:
    integrity: list[str]
    foreign_key_problems: list[ForeignKeyProblem]
    checks_run: tuple[str, ...] = ()
    not_checked: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.integrity == ["ok"] and not self.foreign_key_problems

    def describe(self) -> str:
        lines = [f"Checked: {', '.join(self.checks_run)}."] if self.checks_run else []
        if self.ok:
            lines.append("No problem found: the database passed the integrity and foreign-key "
                         "checks.")
        lines += [f"integrity: {line}" for line in self.integrity if line != "ok"]
        lines += [f"foreign key: table {row[0]} row {row[1]} refers to a missing {row[2]}"
                  for row in self.foreign_key_problems]
        lines += [f"Not checked: {line}" for line in self.not_checked]
        return "\n".join(lines)


def check_sqlite_file(path: Path) -> CheckResult:
    """``integrity_check`` and ``foreign_key_check`` of a SQLite file, opened read-only."""
    report = examine_sqlite_file(path, full=True)
    if report.state is FileState.MISSING:
        raise StorageError(f"There is no database at {path}.")
    checks = ("SQLite integrity check", "foreign keys")
    if report.state in (FileState.USABLE, FileState.NEW):
        return CheckResult(["ok"], list(report.foreign_keys), checks)
    return CheckResult([report.describe()], [], checks)


def check_database(db: Database) -> CheckResult:
    """The SQLite file's own checks, or on PostgreSQL the checks that can be run from here."""
    if db.is_sqlite:
        assert db.sqlite_path is not None
        return check_sqlite_file(db.sqlite_path)
    from upw_ttg.storage.server_checks import check_postgres

    return check_postgres(db)


def backup_sqlite(db: Database, target: Path) -> Path:
    """Copy a consistent snapshot of ``db`` to ``target`` and verify it; returns ``target``."""
    if not db.is_sqlite or db.sqlite_path is None:
        raise StorageError("Backups from here are for SQLite databases; back up PostgreSQL with "
                           "pg_dump on the server.")
    target.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER_MODE)
    partial = target.with_suffix(target.suffix + ".partial")
    partial.unlink(missing_ok=True)
    make_private_file(partial)
    source = sqlite3.connect(db.sqlite_path)
    destination = sqlite3.connect(partial)
    try:
        source.backup(destination)
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()
        source.close()
    result = check_sqlite_file(partial)
    if not result.ok:
        partial.unlink(missing_ok=True)
        raise StorageError(f"The backup failed its check and was discarded: {result.describe()}")
    os.replace(partial, target)
    return target


def _refuse(backup: Path, why: str) -> StorageError:
    return StorageError(f"{backup} was not restored: {why} The database in use has not been "
                        "changed.")


def check_restore_candidate(backup: Path) -> str:
    """Check a file offered for restore; returns its schema revision, or raises StorageError.

    Refused: a missing or empty file, anything that is not a SQLite database of this
    application, an empty database, one written by a newer version, and a damaged one.
    """
    from upw_ttg.storage.migrate import known_revisions

    if not backup.is_file():
        raise _refuse(backup, "there is no such file.")
    if backup.stat().st_size == 0:
        raise _refuse(backup, "the file is empty (0 bytes).")
    with open(backup, "rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise _refuse(backup, "it is not a database backup.")
    result = check_sqlite_file(backup)
    if not result.ok:
        raise _refuse(backup, f"it is damaged ({result.describe()}).")
    connection = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            raise _refuse(backup, "it is an empty database.")
        if not tables >= _OWN_TABLES:
            raise _refuse(backup, "it is not a database of this application.")
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        staff = connection.execute("SELECT count(*) FROM staff").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise _refuse(backup, f"it could not be read ({exc}).") from None
    finally:
        connection.close()
    if revision is None:
        raise _refuse(backup, "it has no schema version.")
    if revision[0] not in known_revisions():
        raise _refuse(backup, f"it was written by a newer version of the application (schema "
                              f"{revision[0]}). Install that version to restore it.")
    if not staff:
        raise _refuse(backup, "it holds no staff accounts, so it is an empty database.")
    return str(revision[0])


def restore_sqlite(backup: Path, target: Path) -> None:
    """Replace the database at ``target`` with a checked ``backup``; no connection may be open.

    Nothing happens to ``target`` until the backup has passed every check and been copied
    beside it; the copy replaces it in one rename.
    """
    check_restore_candidate(backup)
    target.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER_MODE)
    partial = target.with_name(target.name + ".restoring")
    partial.unlink(missing_ok=True)
    make_private_file(partial)
    source = read_only_connection(backup)
    destination = sqlite3.connect(partial)
    try:
        source.backup(destination)
    finally:
        destination.close()
        source.close()
    copied = check_sqlite_file(partial)
    if not copied.ok:
        partial.unlink(missing_ok=True)
        raise _refuse(backup, f"the copy failed its check ({copied.describe()}).")
    if target.exists() and target.stat().st_size:
        # Fold the live WAL into the file first, so nothing is lost if the rename fails.
        live = sqlite3.connect(target)
        try:
            live.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            live.close()
    # The old -wal and -shm belong to the old file; a stale WAL would be replayed onto the new one.
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    os.replace(partial, target)
    keep_private(target)
