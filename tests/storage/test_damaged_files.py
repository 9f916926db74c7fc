"""Damaged, foreign, empty and newer files: refused or reported in plain words, bytes unchanged."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from upw_ttg.cli.main import main as cli_main
from upw_ttg.errors import DamagedDatabaseError, NewerDatabaseError, StorageError
from upw_ttg.storage import migrate
from upw_ttg.storage.backup import backup_sqlite, check_database
from upw_ttg.storage.database import Database, sqlite_url
from upw_ttg.storage.inspection import FileState, examine_sqlite_file

PAGE = 4096


def _damage(path: Path) -> None:
    """Overwrite a few pages in the middle of the file, as a failing disk would."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek((size // PAGE // 2) * PAGE)
        handle.write(b"\xa5" * PAGE * 2)


def _damage_table(path: Path, table: str) -> None:
    """Overwrite the first page of ``table``, which every read of it passes through."""
    connection = sqlite3.connect(path)
    try:
        root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                                  (table,)).fetchone()[0]
    finally:
        connection.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * PAGE)
        handle.write(b"\xa5" * PAGE)


def _journal_mode(path: Path, mode: str) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute(f"PRAGMA journal_mode={mode}")
    finally:
        connection.close()


@pytest.fixture
def database_file(sqlite_template, tmp_path) -> Path:
    """A migrated database with enough rows to span many pages, in rollback-journal mode."""
    path = tmp_path / "data" / "upw-ttg.db"
    path.parent.mkdir()
    shutil.copy(sqlite_template, path)
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode=DELETE")
        # Closures far in the past: rows that touch no rule and leave the audit chain whole,
        # long enough that the middle of the file is table pages every search reads.
        connection.executemany(
            "INSERT INTO closure_date (closed_on, reason, office_id, project_id) "
            "VALUES ('1950-01-01', ?, NULL, NULL)",
            [(f"Filler closure number {n} ".ljust(190, "x"),) for n in range(3000)])
        connection.commit()
    finally:
        connection.close()
    return path


def _files(folder: Path) -> dict[str, Path]:
    files = {"random bytes": folder / "random.db", "text": folder / "notes.txt",
             "empty": folder / "empty.db", "a PDF": folder / "letter.pdf",
             "another program's database": folder / "other.db"}
    files["random bytes"].write_bytes(bytes(range(256)) * 40)
    files["text"].write_text("Meeting notes\n" * 100)
    files["empty"].write_bytes(b"")
    files["a PDF"].write_bytes(b"%PDF-1.4\n" + b"0" * 2000)
    other = sqlite3.connect(files["another program's database"])
    other.execute("CREATE TABLE recipes (name TEXT)")
    other.commit()
    other.close()
    return files


def _check(path: Path, capsys) -> tuple[int, str]:
    code = cli_main(["check", "--database-url", sqlite_url(path)])
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "Traceback" not in output
    return code, output


def test_admin_check_answers_any_file_in_plain_words(tmp_path, capsys):
    expected = {"random bytes": "not a SQLite file", "text": "not a SQLite file",
                "empty": "is empty", "a PDF": "not a SQLite file",
                "another program's database": "another program's tables"}
    for kind, path in _files(tmp_path).items():
        before = path.read_bytes()
        code, output = _check(path, capsys)
        assert code == 1, kind
        assert expected[kind] in output, (kind, output)
        assert path.read_bytes() == before, kind
    code, output = _check(tmp_path / "nothing-here.db", capsys)
    assert code == 1 and "There is no file" in output
    code, output = _check(tmp_path, capsys)
    assert code == 1 and "it is a folder" in output


def test_foreign_files_are_refused_at_open_unchanged(tmp_path):
    for kind, path in _files(tmp_path).items():
        if kind == "empty":
            continue  # an empty file is a new database to SQLite; nothing to lose
        before = path.read_bytes()
        with pytest.raises(StorageError, match="not a database of this application"):
            Database(sqlite_url(path))
        assert path.read_bytes() == before, kind


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_a_damaged_database_is_refused_at_open_with_the_way_to_restore(database_file, journal):
    db = Database(sqlite_url(database_file))
    try:
        backup = backup_sqlite(db, database_file.parent / "backups" / "backup-20261126.db")
    finally:
        db.dispose()
    _journal_mode(database_file, journal)
    _damage(database_file)
    before = database_file.read_bytes()
    with pytest.raises(DamagedDatabaseError) as caught:
        Database(sqlite_url(database_file))
    message = str(caught.value)
    assert f"The database {database_file} is damaged" in message
    assert f'admin restore "{backup}" --yes' in message
    assert database_file.read_bytes() == before


def test_admin_check_reports_damage_without_changing_the_file(database_file, capsys):
    _damage(database_file)
    before = database_file.read_bytes()
    code, output = _check(database_file, capsys)
    assert code == 1
    assert "is damaged" in output and "restore" in output
    assert database_file.read_bytes() == before


def test_damage_found_while_in_use_is_reported_in_plain_words(database_file):
    db = Database(sqlite_url(database_file))
    try:
        db.engine.dispose()  # every connection closed, as between two actions
        _damage_table(database_file, "closure_date")
        with pytest.raises(DamagedDatabaseError, match="restore"), db.read() as session:
            tables = session.execute(text(
                "SELECT name FROM sqlite_master WHERE type = 'table'")).scalars().all()
            for table in tables:  # a search reading every page meets the damage
                session.execute(text(f'SELECT * FROM "{table}"')).all()
    finally:
        db.engine.dispose()


@pytest.mark.parametrize("journal", ["delete", "wal", "truncate", "persist"])
def test_a_newer_database_is_refused_read_only_its_bytes_unchanged(database_file, journal,
                                                                  capsys):
    connection = sqlite3.connect(database_file)
    connection.execute(f"PRAGMA journal_mode={journal}")
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    siblings = sorted(p.name for p in database_file.parent.iterdir())
    before = database_file.read_bytes()
    with pytest.raises(NewerDatabaseError, match="newer version"):
        Database(sqlite_url(database_file))
    assert database_file.read_bytes() == before
    code, output = _check(database_file, capsys)
    assert code == 1 and "newer version" in output and "schema 9999" in output
    assert database_file.read_bytes() == before
    if journal != "wal":  # a WAL file needs its -wal and -shm beside it even to be read
        assert sorted(p.name for p in database_file.parent.iterdir()) == siblings


def test_a_healthy_file_is_examined_as_usable(database_file, capsys):
    report = examine_sqlite_file(database_file, full=True,
                                 known_revisions=migrate.known_revisions())
    assert report.state is FileState.USABLE and report.revision == migrate.SCHEMA_HEAD
    code, output = _check(database_file, capsys)
    assert code == 0, output
    assert "No problem found" in output


def test_a_broken_reference_is_reported_by_admin_check(database_file, capsys):
    connection = sqlite3.connect(database_file)
    connection.execute("UPDATE setting SET updated_by_id = 424242 WHERE rowid = 1")
    connection.commit()
    connection.close()
    code, output = _check(database_file, capsys)
    assert code == 1
    assert "foreign key: table setting" in output and "missing staff" in output


def test_an_unreachable_server_is_answered_in_plain_words(capsys):
    code = cli_main(["check", "--database-url",
                     "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2"])
    captured = capsys.readouterr()
    assert code == 2
    assert "could not be used" in captured.err and "Traceback" not in captured.err


@pytest.mark.postgres
def test_postgres_check_runs_real_checks_and_says_what_it_cannot(db):
    result = check_database(db)
    assert result.ok, result.describe()
    assert "orphaned rows for every reference" in result.checks_run
    assert any("pg_amcheck" in line for line in result.not_checked)
    with db.engine.begin() as connection:
        connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
        connection.execute(text("UPDATE setting SET updated_by_id = 424242 "
                                "WHERE key = (SELECT min(key) FROM setting)"))
    try:
        result = check_database(db)
        assert not result.ok
        assert "1 row of setting refers to a missing staff" in result.describe()
    finally:
        with db.engine.begin() as connection:
            connection.execute(text("UPDATE setting SET updated_by_id = NULL "
                                    "WHERE updated_by_id = 424242"))
