"""Backups through SQLite's online backup API, verified before they are trusted; and restore."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from upw_ttg.errors import StorageError
from upw_ttg.storage.database import Database
from upw_ttg.storage.inspection import FileState, examine_sqlite_file, read_only_connection


@dataclass(frozen=True, slots=True)
class CheckResult:
    integrity: list[str]
    foreign_key_problems: list[tuple]
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
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".partial")
    partial.unlink(missing_ok=True)
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


def restore_sqlite(backup: Path, target: Path) -> None:
    """Replace the database at ``target`` with a verified ``backup``; no connection may be open."""
    result = check_sqlite_file(backup)
    if not result.ok:
        raise StorageError(f"The backup {backup} is damaged and was not restored: "
                           f"{result.describe()}")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".restoring")
    partial.unlink(missing_ok=True)
    source = read_only_connection(backup)
    destination = sqlite3.connect(partial)
    try:
        source.backup(destination)
    finally:
        destination.close()
        source.close()
    # The old -wal and -shm belong to the old file; a stale WAL would be replayed onto the new one.
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    os.replace(partial, target)
