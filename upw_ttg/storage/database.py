"""Opening the database: SQLite with safe pragmas and BEGIN IMMEDIATE writes, or PostgreSQL."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from upw_ttg.errors import StorageError, UnsafeLocationError
from upw_ttg.files import make_private_file

BUSY_TIMEOUT_MS = 5000
# Each pragma with the value it must read back; refuse to run if one does not take.
SQLITE_PRAGMAS: tuple[tuple[str, str, str], ...] = (
    ("journal_mode", "WAL", "wal"),
    ("synchronous", "FULL", "2"),
    ("foreign_keys", "ON", "1"),
    ("trusted_schema", "OFF", "0"),
    ("cell_size_check", "ON", "1"),
)
_NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs",
                        "ncpfs", "davfs", "fuse.davfs2", "glusterfs", "ceph"}
_SYNCED_FOLDER_MARKERS = ("onedrive", "dropbox", "google drive", "icloud drive")
_WRITE_OPTION = "upw_write"


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"


def _mount_fs_type(path: Path) -> str | None:
    """The filesystem type of the mount holding ``path`` (Linux), or None if unknown."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    best, fs_type = "", None
    resolved = str(path.resolve())
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        if (resolved == mount_point or resolved.startswith(mount_point.rstrip("/") + "/")) \
                and len(mount_point) >= len(best):
            best, fs_type = mount_point, parts[2]
    return fs_type


def _windows_drive_is_remote(path: Path) -> bool:
    import ctypes

    drive = os.path.splitdrive(str(path.resolve()))[0]
    if not drive:
        return False
    drive_remote = 4
    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote  # type: ignore


def check_local_path(path: Path) -> None:
    """Refuse a database path on a network share or in a synced folder (SQLite corrupts there)."""
    text = str(path)
    advice = ("SQLite databases must be on this computer's own disk. An office that shares one "
              "database should use PostgreSQL (set UPW_TTG_DATABASE_URL).")
    if text.startswith(("\\\\", "//")):
        raise UnsafeLocationError(f"The database {text} is on a network share. {advice}")
    lowered = text.lower()
    for marker in _SYNCED_FOLDER_MARKERS:
        if marker in lowered:
            raise UnsafeLocationError(
                f"The database {text} is in a folder synced by {marker.title()}, which copies "
                f"files while they are being written. {advice}")
    if sys.platform == "win32":
        if _windows_drive_is_remote(path):
            raise UnsafeLocationError(f"The database {text} is on a network drive. {advice}")
        return
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    fs_type = _mount_fs_type(existing)
    if fs_type in _NETWORK_FILESYSTEMS:
        raise UnsafeLocationError(
            f"The database {text} is on a network file system ({fs_type}). {advice}")


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
        self._write_engine = self.engine.execution_options(**{_WRITE_OPTION: True})
        self._read_sessions = sessionmaker(self.engine, expire_on_commit=False)
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
    def read(self) -> Iterator[Session]:
        """A read-only unit of work."""
        with self._read_sessions() as session:
            try:
                yield session
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
                raise _storage_error(exc) from exc

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
