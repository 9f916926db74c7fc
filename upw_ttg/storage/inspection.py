"""Looking at a SQLite file without changing it: foreign, empty, damaged or newer, in plain words.

Every look opens the file read-only (``mode=ro``), so a file that turns out to be damaged or
from a newer version keeps every byte: a read-write open would already switch it to WAL and
rewrite its header before anything could refuse it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from upw_ttg.errors import DamagedDatabaseError, NewerDatabaseError, StorageError

SQLITE_HEADER = b"SQLite format 3\x00"
# How many problems a quick or full check lists before stopping; the first few say enough.
MAX_PROBLEMS = 20


class FileState(Enum):
    MISSING = "missing"
    EMPTY = "empty"           # no bytes at all: SQLite would make a new database of it
    FOREIGN = "foreign"       # not a SQLite database, or another program's database
    DAMAGED = "damaged"
    NEWER = "newer"           # written by a newer version of this application
    NEW = "new"               # a SQLite database with no tables yet
    USABLE = "usable"


# A row of PRAGMA foreign_key_check: the table, the row (None in a table without rowids), the
# table it refers to and which of its foreign keys is broken.
ForeignKeyProblem = tuple[str, int | None, str, int]


@dataclass(frozen=True, slots=True)
class FileReport:
    path: Path
    state: FileState
    revision: str | None = None
    problems: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKeyProblem, ...] = field(default=())

    def describe(self) -> str:
        """One paragraph a user can act on."""
        path = self.path
        if self.state is FileState.MISSING:
            return f"There is no file at {path}."
        if self.state is FileState.EMPTY:
            return f"{path} is empty: it holds no database."
        if self.state is FileState.FOREIGN:
            return (f"{path} is not a database of this application ({self.problems[0]}). "
                    "Check the file name, or choose the right data folder with --data-dir.")
        if self.state is FileState.DAMAGED:
            return damaged_message(path, self.problems)
        if self.state is FileState.NEWER:
            return (f"{path} was written by a newer version of the application (schema "
                    f"{self.revision}). Install the newer version, or restore a backup made "
                    "by this one. The file has not been changed.")
        if self.state is FileState.NEW:
            return f"{path} is a new, empty database."
        if self.foreign_keys:
            return f"{path} passed the integrity check but has broken references."
        return f"{path} passed the integrity check."


def latest_backup(database: Path) -> Path | None:
    """The newest backup in the data folder's ``backups/`` next to ``database``, if any."""
    folder = database.parent / "backups"
    try:
        backups = [p for p in folder.glob("*.db") if p.is_file()]
    except OSError:
        return None
    return max(backups, key=lambda p: p.stat().st_mtime, default=None)


def damaged_message(path: Path, problems: tuple[str, ...] | list[str]) -> str:
    """Why the file is refused and how to get the data back from the last verified backup."""
    first = problems[0] if problems else "the file could not be read"
    backup = latest_backup(path)
    if backup is not None:
        restore = (f"Restore the last verified backup, {backup}: close the application, then "
                   f'run python3 dev.py admin restore "{backup}" --yes (or ask your '
                   "administrator to).")
    else:
        restore = ("Restore the last verified backup: close the application, then run "
                   "python3 dev.py admin restore BACKUP-FILE --yes with the newest file from "
                   "the backups folder (or ask your administrator to).")
    return (f"The database {path} is damaged ({first}), so it was not opened and nothing was "
            f"changed. {restore}")


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to ``path`` (nor create it)."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _header(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER))


def examine_sqlite_file(path: Path, *, full: bool = False,
                        known_revisions: set[str] | None = None) -> FileReport:
    """What ``path`` is, read-only: ``quick_check``, or with ``full`` the integrity and
    foreign-key checks.

    Args:
        known_revisions: The schema revisions this version knows; a file at another one is
            NEWER. None skips that question.
    """
    if not path.exists():
        return FileReport(path, FileState.MISSING)
    if path.is_dir():
        return FileReport(path, FileState.FOREIGN, problems=("it is a folder",))
    try:
        if path.stat().st_size == 0:
            return FileReport(path, FileState.EMPTY)
        header = _header(path)
    except OSError as exc:
        raise StorageError(f"{path} cannot be read: {exc.strerror or exc}.") from exc
    if header != SQLITE_HEADER:
        return FileReport(path, FileState.FOREIGN, problems=("it is not a SQLite file",))
    try:
        connection = read_only_connection(path)
    except sqlite3.Error as exc:
        return FileReport(path, FileState.DAMAGED, problems=(_plain(exc),))
    try:
        return _examine_open(path, connection, full, known_revisions)
    except sqlite3.Error as exc:
        return FileReport(path, FileState.DAMAGED, problems=(_plain(exc),))
    finally:
        connection.close()


def _examine_open(path: Path, connection: sqlite3.Connection, full: bool,
                  known_revisions: set[str] | None) -> FileReport:
    check = "integrity_check" if full else "quick_check"
    results = [row[0] for row in connection.execute(f"PRAGMA {check}({MAX_PROBLEMS})")]
    if results != ["ok"]:
        return FileReport(path, FileState.DAMAGED, problems=tuple(results))
    tables = {row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return FileReport(path, FileState.NEW)
    if "alembic_version" not in tables:
        return FileReport(path, FileState.FOREIGN,
                          problems=("it holds another program's tables",))
    revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = revision[0] if revision else None
    if known_revisions is not None and revision is not None and revision not in known_revisions:
        return FileReport(path, FileState.NEWER, revision)
    foreign = tuple(connection.execute("PRAGMA foreign_key_check")) if full else ()
    return FileReport(path, FileState.USABLE, revision, foreign_keys=foreign)


def _plain(exc: sqlite3.Error) -> str:
    text = str(exc) or type(exc).__name__
    if "malformed" in text:
        return "the database disk image is malformed"
    if "not a database" in text:
        return "the file is encrypted or is not a database"
    return text


def refuse_unusable(report: FileReport) -> None:
    """Raise the plain-words error for a file the application must not open read-write."""
    if report.state is FileState.DAMAGED:
        raise DamagedDatabaseError(report.describe())
    if report.state is FileState.NEWER:
        raise NewerDatabaseError(report.describe())
    if report.state is FileState.FOREIGN:
        raise StorageError(report.describe())
