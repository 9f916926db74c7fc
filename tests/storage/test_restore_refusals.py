"""Restore refuses empty, foreign, newer-schema, damaged and account-less files, and then
leaves the database in use exactly as it was."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from upw_ttg.cli.main import main as cli_main
from upw_ttg.errors import StorageError
from upw_ttg.storage.backup import check_restore_candidate, restore_sqlite

from tests.storage.accounts_support import add_account


@pytest.fixture
def live(tmp_path, monkeypatch, capsys) -> Path:
    """A migrated data folder with one account; returns the folder."""
    monkeypatch.delenv("UPW_TTG_DATABASE_URL", raising=False)
    folder = tmp_path / "data"
    assert cli_main(["migrate", "--data-dir", str(folder)]) == 0
    add_account(folder / "upw-ttg.db")
    capsys.readouterr()
    return folder


@pytest.fixture
def good_backup(live, tmp_path) -> Path:
    backup = tmp_path / "good.db"
    assert cli_main(["backup", "--data-dir", str(live), "--output", str(backup)]) == 0
    return backup


def _sqlite_file(path: Path, *statements: str) -> Path:
    connection = sqlite3.connect(path)
    with connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()
    return path


def _copy_with(good: Path, path: Path, *statements: str) -> Path:
    path.write_bytes(good.read_bytes())
    return _sqlite_file(path, *statements)


def _bad_files(tmp_path: Path, good: Path) -> dict[str, tuple[Path, str]]:
    zero = tmp_path / "zero.db"
    zero.write_bytes(b"")
    text = tmp_path / "notes.txt"
    text.write_text("not a database at all, just some words\n" * 20)
    empty = _sqlite_file(tmp_path / "empty.db", "PRAGMA user_version = 1")
    foreign = _sqlite_file(tmp_path / "foreign.db",
                           "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)",
                           "INSERT INTO photos (name) VALUES ('beach')")
    newer = _copy_with(good, tmp_path / "newer.db",
                       "UPDATE alembic_version SET version_num = '9999'")
    no_staff = _copy_with(good, tmp_path / "no-staff.db", "DELETE FROM staff")
    damaged = tmp_path / "damaged.db"
    data = bytearray(good.read_bytes())
    for offset in range(4096 + 100, min(len(data), 4096 * 8), 97):
        data[offset] ^= 0xFF
    damaged.write_bytes(bytes(data))
    return {"zero": (zero, "empty"), "text": (text, "not a database"),
            "empty database": (empty, "empty database"),
            "foreign": (foreign, "not a database of this application"),
            "newer": (newer, "newer version"), "no staff": (no_staff, "no staff accounts"),
            "damaged": (damaged, "damaged")}


def test_every_kind_of_bad_file_is_refused_and_the_live_database_is_untouched(
        live, good_backup, tmp_path):
    target = live / "upw-ttg.db"
    before = target.read_bytes()
    assert check_restore_candidate(good_backup)
    for name, (path, message) in _bad_files(tmp_path, good_backup).items():
        with pytest.raises(StorageError, match=message):
            restore_sqlite(path, target)
        assert target.read_bytes() == before, name
        assert not list(live.glob("*.restoring")), name


def test_the_command_line_refuses_before_asking_or_backing_up(live, good_backup, tmp_path,
                                                              capsys):
    target = live / "upw-ttg.db"
    before = target.read_bytes()
    for path, message in _bad_files(tmp_path, good_backup).values():
        assert cli_main(["restore", str(path), "--data-dir", str(live), "--yes"]) == 2
        error = capsys.readouterr().err
        assert message in error and "has not been changed" in error
    assert target.read_bytes() == before
    assert not (live / "backups").exists() or not list((live / "backups").iterdir())


def test_a_good_backup_still_restores(live, good_backup, capsys):
    _sqlite_file(live / "upw-ttg.db", "DELETE FROM staff")
    assert cli_main(["restore", str(good_backup), "--data-dir", str(live), "--yes"]) == 0
    connection = sqlite3.connect(live / "upw-ttg.db")
    assert connection.execute("SELECT count(*) FROM staff").fetchone()[0] == 1
    connection.close()
    assert os.path.exists(live / "backups")
