"""Killing the process mid-write leaves a sound database; backups and restores round-trip."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from upw_ttg.cli.main import main as cli_main
from upw_ttg.storage.backup import backup_sqlite, check_sqlite_file, restore_sqlite
from upw_ttg.storage.database import Database
from upw_ttg.storage.models import AuditEvent, Person, Setting, UpwOrder

from tests.narrowing import present
from tests.storage.accounts_support import add_account

ROOT = Path(__file__).resolve().parents[2]
KILLS = 20


def _counts(db: Database) -> tuple[int, int, int, int]:
    with db.read() as session:
        people = session.scalars(select(func.count()).select_from(Person)).one()
        orders = session.scalars(select(func.count()).select_from(UpwOrder)).one()
        person_events = session.scalars(select(func.count()).select_from(AuditEvent)
                                        .where(AuditEvent.entity == "person")).one()
        order_events = session.scalars(select(func.count()).select_from(AuditEvent)
                                       .where(AuditEvent.entity == "upw_order")).one()
    return people, orders, person_events, order_events


@pytest.mark.slow
def test_killing_the_writer_at_random_moments_never_leaves_a_partial_record(app, sqlite_db_url):
    """kill -9 during writes, many times: integrity holds and no record lacks its audit event."""
    if app.db.is_sqlite is False:
        pytest.skip("the kill test drives the local SQLite file")
    url = sqlite_db_url
    path = Path(url.split("///", 1)[1])
    app.close()
    rng = random.Random(7)
    written = 0
    for attempt in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "storage" / "crash_writer.py"), url,
             str(attempt * 10_000)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT)})
        ready = present(child.stdout).readline().strip()
        assert ready == b"ready", present(child.stderr).read().decode()
        # Let a few records commit whatever the machine's load, then kill at a random moment
        # in the middle of the next ones.
        for _ in range(rng.randint(1, 3)):
            assert present(child.stdout).readline().strip() == b"written"
        time.sleep(rng.uniform(0, 0.05))
        child.send_signal(signal.SIGKILL)
        child.wait()
        result = check_sqlite_file(path)
        assert result.ok, result.describe()
        db = Database(url)
        try:
            people, orders, person_events, order_events = _counts(db)
        finally:
            db.dispose()
        assert people == person_events, "a person was stored without its audit event"
        assert orders == order_events, "an order was stored without its audit event"
        assert orders in (people, people - 1) or orders <= people
        written = people
    assert written >= KILLS, "the writer never got going; the test proved nothing"


def test_backup_during_writes_is_a_consistent_verified_snapshot_and_restores(app, tmp_path):
    if not app.db.is_sqlite:
        pytest.skip("SQLite backups")
    with app.db.write() as session:
        session.get(Setting, "upw.weekly_offer_hours").value = "9"
    backup = backup_sqlite(app.db, tmp_path / "backups" / "one.db")
    assert check_sqlite_file(backup).ok
    assert not list((tmp_path / "backups").glob("*.partial"))
    with app.db.write() as session:
        session.get(Setting, "upw.weekly_offer_hours").value = "11"
    target = app.db.sqlite_path
    app.close()
    restore_sqlite(backup, target)
    db = Database(f"sqlite+pysqlite:///{target}")
    try:
        with db.read() as session:
            assert session.get_one(Setting, "upw.weekly_offer_hours").value == "9"
    finally:
        db.dispose()


def test_a_damaged_backup_is_never_restored(tmp_path):
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    target = tmp_path / "live.db"
    target.write_bytes(b"keep me")
    with pytest.raises(Exception, match="damaged"):
        restore_sqlite(damaged, target)
    assert target.read_bytes() == b"keep me"


def test_the_command_line_migrates_checks_backs_up_and_restores(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("UPW_TTG_DATABASE_URL", raising=False)
    folder = str(tmp_path / "data")
    assert cli_main(["migrate", "--data-dir", folder]) == 0
    assert "from empty to" in capsys.readouterr().out
    assert cli_main(["check", "--data-dir", folder]) == 0
    assert "passed the integrity and foreign-key checks" in capsys.readouterr().out
    add_account(Path(folder) / "upw-ttg.db")
    backup = tmp_path / "b.db"
    assert cli_main(["backup", "--data-dir", folder, "--output", str(backup)]) == 0
    assert cli_main(["restore", str(backup), "--data-dir", folder]) == 1
    assert "--yes" in capsys.readouterr().out
    assert cli_main(["restore", str(backup), "--data-dir", folder, "--yes"]) == 0
    assert cli_main(["check", "--data-dir", folder]) == 0


def test_check_fails_on_a_corrupt_file(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("UPW_TTG_DATABASE_URL", raising=False)
    folder = tmp_path / "data"
    assert cli_main(["migrate", "--data-dir", str(folder)]) == 0
    data = bytearray((folder / "upw-ttg.db").read_bytes())
    for offset in range(4096 + 100, min(len(data), 4096 * 6), 97):
        data[offset] ^= 0xFF
    (folder / "upw-ttg.db").write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        Path(str(folder / "upw-ttg.db") + suffix).unlink(missing_ok=True)
    assert cli_main(["check", "--data-dir", str(folder)]) != 0


def test_every_command_has_help(capsys):
    for command in ("migrate", "demo", "check", "backup", "restore", "self-test"):
        with pytest.raises(SystemExit) as done:
            cli_main([command, "--help"])
        assert done.value.code == 0
        assert "usage:" in capsys.readouterr().out


def test_the_self_test_passes(capsys):
    assert cli_main(["self-test"]) == 0
    out = capsys.readouterr().out
    assert "self-test passed" in out and "FAIL" not in out
