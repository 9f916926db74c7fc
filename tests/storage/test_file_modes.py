"""On POSIX the data folder is owner-only (0700) and every file with data in it 0600."""

from __future__ import annotations

import logging
import logging.handlers
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from upw_ttg.bootstrap import AppLocation, open_app
from upw_ttg.cli.main import main as cli_main
from upw_ttg.files import write_atomically
from upw_ttg.logs import configure_logging
from upw_ttg.storage.backup import backup_sqlite, restore_sqlite
from upw_ttg.storage.database import sqlite_url

from tests.storage.accounts_support import add_account

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def _permissive_umask():
    """The common default umask, under which files come out readable by everyone."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_the_application_creates_a_private_folder_and_database(tmp_path):
    data = tmp_path / "data"
    services = open_app(AppLocation(data, sqlite_url(data / "upw-ttg.db")))
    try:
        with services.db.write() as session:
            session.execute(text("UPDATE setting SET value = '8' "
                                 "WHERE key = 'upw.weekly_offer_hours'"))
        with services.db.engine.connect() as connection:
            wal = Path(str(data / "upw-ttg.db") + "-wal")
            shm = Path(str(data / "upw-ttg.db") + "-shm")
            assert wal.exists() and shm.exists()
            assert (mode(wal), mode(shm)) == (0o600, 0o600)
            connection.exec_driver_sql("SELECT 1")
    finally:
        services.close()
    assert mode(data) == 0o700
    assert mode(data / "upw-ttg.db") == 0o600


def test_an_existing_data_folder_and_database_are_made_private(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    (data / "upw-ttg.db").touch(mode=0o644)
    os.chmod(data, 0o755)
    os.chmod(data / "upw-ttg.db", 0o644)
    open_app(AppLocation(data, sqlite_url(data / "upw-ttg.db"))).close()
    assert (mode(data), mode(data / "upw-ttg.db")) == (0o700, 0o600)


def test_backups_and_restored_databases_are_private(app, tmp_path):
    if not app.db.is_sqlite:
        pytest.skip("SQLite backups")
    backup = backup_sqlite(app.db, tmp_path / "backups" / "one.db")
    assert mode(backup) == 0o600 and mode(tmp_path / "backups") == 0o700
    target = tmp_path / "restored" / "upw-ttg.db"
    restore_sqlite(backup, target)
    assert mode(target) == 0o600


def test_logs_are_private_also_after_rotating(tmp_path):
    path = configure_logging(tmp_path / "logs")
    root = logging.getLogger()
    handler = next(h for h in root.handlers if getattr(h, "_upw_ttg", False)
                   and isinstance(h, logging.handlers.RotatingFileHandler))
    try:
        logging.getLogger("test").warning("one line")
        assert mode(tmp_path / "logs") == 0o700 and mode(path) == 0o600
        handler.doRollover()
        logging.getLogger("test").warning("another line")
        assert mode(path) == 0o600 and mode(Path(str(path) + ".1")) == 0o600
    finally:
        root.removeHandler(handler)
        handler.close()


def test_saved_pdfs_are_private(tmp_path):
    saved = write_atomically(b"%PDF-1.4 made up", tmp_path / "letter.pdf")
    assert mode(saved) == 0o600
    os.chmod(saved, 0o644)
    write_atomically(b"%PDF-1.4 again", saved)
    assert mode(saved) == 0o600


def test_the_command_line_creates_private_files_and_leaves_the_umask_alone(tmp_path, capsys,
                                                                           monkeypatch):
    monkeypatch.delenv("UPW_TTG_DATABASE_URL", raising=False)
    data = tmp_path / "data"
    assert cli_main(["migrate", "--data-dir", str(data)]) == 0
    add_account(data / "upw-ttg.db")
    assert cli_main(["backup", "--data-dir", str(data)]) == 0
    backups = list((data / "backups").glob("*.db"))
    assert len(backups) == 1
    assert mode(data) == 0o700 and mode(data / "upw-ttg.db") == 0o600
    assert mode(data / "backups") == 0o700 and mode(backups[0]) == 0o600
    assert cli_main(["restore", str(backups[0]), "--data-dir", str(data), "--yes"]) == 0
    assert mode(data / "upw-ttg.db") == 0o600
    assert all(mode(p) == 0o600 for p in (data / "backups").glob("*.db"))
    current = os.umask(0o022)
    assert current == 0o022
