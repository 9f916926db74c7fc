"""Opening the database: SQLite with safe pragmas and BEGIN IMMEDIATE writes, or PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from upw_ttg.errors import DamagedDatabaseError, StorageError
from upw_ttg.files import make_private_file

# Re-exported (``x as x`` marks a re-export): where the storage code looks for it.
from upw_ttg.paths import sqlite_url as sqlite_url
from upw_ttg.storage.inspection import (
    FileState,
    damaged_message,
    examine_sqlite_file,
    refuse_unusable,
)
from upw_ttg.storage.location import check_local_path
from upw_ttg.storage.order_months import refresh as _order_months  # noqa: F401 - registers its events
from upw_ttg.storage.validation import guard_engine

BUSY_TIMEOUT_MS = 5000
# Each pragma with the value it must read back; refuse to run if one does not take.
SQLITE_PRAGMAS: tuple[tuple[str, str, str], ...] = (
    ("journal_mode", "WAL", "wal"),
    ("synchronous", "FULL", "2"),
    ("foreign_keys", "ON", "1"),
    ("trusted_schema", "OFF", "0"),
    ("cell_size_check", "ON", "1"),
)
_WRITE_OPTION = "upw_write"


def _install_sqlite_events(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Autocommit at the driver level: the "begin" event below emits BEGIN itself, so
        # pysqlite's legacy transaction handling never defers or skips it.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        pragmas = (*SQLITE_PRAGMAS, ("busy_timeout", str(busy_timeout_ms), str(busy_timeout_ms)))
        try:
            for name, value, expected in pragmas:
                cursor.execute(f"PRAGMA {name}={value}")
                actual = str(cursor.execute(f"PRAGMA {name}").fetchone()[0]).lower()
                if actual != expected.lower():
                    raise StorageError(
                        f"The database could not be opened safely: PRAGMA {name} is {actual}, "
                        f"not {expected}. The file may be read-only or on an unsupported disk.")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(_WRITE_OPTION):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


def refuse_unusable_file(path: Path) -> None:
    """Before the first read-write open: refuse a damaged, foreign or newer file unchanged.

    ``quick_check`` reads every page once (a second or so for the largest offices), so a
    damaged file is refused at start-up rather than failing in the middle of someone's work.
    """
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        return
    report = examine_sqlite_file(path)
    if report.state is FileState.USABLE and report.revision is not None:
        from upw_ttg.storage import migrate  # migrate imports this module

        if report.revision != migrate.SCHEMA_HEAD \
                and report.revision not in migrate.known_revisions():
            report = examine_sqlite_file(path, known_revisions=migrate.known_revisions())
    refuse_unusable(report)


class Database:
    """An engine and two session factories: reads, and writes that take the lock up front."""

    def __init__(self, url: str, *, echo: bool = False, busy_timeout_ms: int = BUSY_TIMEOUT_MS):
        self.url = make_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        if self.is_sqlite:
            database = self.url.database
            if not database or database == ":memory:":
                raise StorageError("An in-memory SQLite database cannot be shared by sessions.")
            path = Path(database)
            check_local_path(path)
            refuse_unusable_file(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            # SQLite gives the -wal and -shm files the mode of the database file.
            make_private_file(path)
            # hide_parameters: error messages (which reach logs) never carry the data itself.
            self.engine = create_engine(self.url, echo=echo, hide_parameters=True,
                                        connect_args={"timeout": busy_timeout_ms / 1000})
            _install_sqlite_events(self.engine, busy_timeout_ms)
        else:
            self.engine = create_engine(self.url, echo=echo, pool_pre_ping=True,
                                        hide_parameters=True)
        guard_engine(self.engine)
        self._write_engine = self.engine.execution_options(**{_WRITE_OPTION: True})
        self._read_sessions = sessionmaker(self.engine, expire_on_commit=False)
        # PostgreSQL runs a lone statement consistently without a transaction around it.
        self._lone_engine = self.engine if self.is_sqlite \
            else self.engine.execution_options(isolation_level="AUTOCOMMIT")
        self._write_sessions = sessionmaker(self._write_engine, expire_on_commit=False)

    @property
    def sqlite_path(self) -> Path | None:
        return Path(self.url.database) if self.is_sqlite and self.url.database else None

    def describe(self) -> str:
        """Where the data is, for a status bar or About box; never a password."""
        if self.is_sqlite:
            return str(self.sqlite_path)
        host = self.url.host or "localhost"
        port = f":{self.url.port}" if self.url.port else ""
        return f"PostgreSQL {self.url.database} on {host}{port}"

    @contextmanager
    def lone_read(self) -> Iterator[Connection]:
        """A connection for one read statement (before every service call, the signed-in
        member's roles; the newest change): on PostgreSQL without BEGIN and ROLLBACK around
        it, two of its four round trips to the server."""
        with self._lone_engine.connect() as connection:
            yield connection

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work."""
        with self._read_sessions() as session:
            try:
                yield session
            except DatabaseError as exc:
                damaged = self._damaged(exc)
                if damaged is None:
                    raise
                raise damaged from exc
            finally:
                session.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work that commits on success and rolls back on any error."""
        with self._write_sessions() as session:
            try:
                with session.begin():
                    yield session
            except OperationalError as exc:
                raise self._damaged(exc) or _storage_error(exc) from exc
            except DatabaseError as exc:
                damaged = self._damaged(exc)
                if damaged is None:
                    raise
                raise damaged from exc

    def _damaged(self, exc: DatabaseError) -> DamagedDatabaseError | None:
        """The plain-words error for a file found damaged while in use, else None."""
        if isinstance(exc, IntegrityError) or not self.is_sqlite:
            return None
        text = str(exc.orig or exc).lower()
        if "malformed" not in text and "not a database" not in text:
            return None
        assert self.sqlite_path is not None
        return DamagedDatabaseError(damaged_message(self.sqlite_path,
                                                    ["the database disk image is malformed"]))

    def dispose(self) -> None:
        if self.is_sqlite:
            try:
                with self.engine.connect() as connection:
                    connection.exec_driver_sql("PRAGMA optimize")
            except (OperationalError, StorageError):
                pass  # optimising is a courtesy; closing must not fail because of it
        self.engine.dispose()


def _storage_error(exc: OperationalError) -> StorageError:
    text = str(exc.orig).lower() if exc.orig else str(exc).lower()
    if "locked" in text or "busy" in text:
        return StorageError("The database is busy with another user's change. Wait a moment "
                            "and try again; nothing you entered has been lost.")
    if "full" in text:
        return StorageError("The disk is full, so nothing was saved. Free some space and "
                            "try again.")
    if "readonly" in text or "read-only" in text:
        return StorageError("The database is read-only, so nothing was saved.")
    return StorageError(f"The database could not save the change ({exc.orig}). Try again; if "
                        "it keeps happening, tell your administrator.")
