"""The audit trail and access log are hash-chained; `admin check` names the first broken row."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from upw_ttg.cli.main import main as cli
from upw_ttg.domain.codes import AuditAction, Gender, Role
from upw_ttg.errors import PermissionDeniedError
from upw_ttg.records.people import PersonInput
from upw_ttg.services.audit import WITHHELD_TEXT, record
from upw_ttg.storage.chain import (
    ACCESS,
    AUDIT,
    TRAIL_RESET_SETTING,
    audit_fields,
    check_chains,
    link_hash,
    verify_chain,
)
from upw_ttg.storage.database import Database, sqlite_url
from upw_ttg.storage.models import AccessEvent, AuditEvent

from tests.conftest import write_staff
from tests.narrowing import present
from tests.storage.migration_support import columns, migrate_to


def _person(app, n: int) -> int:
    return app.people.create(PersonInput(crn=f"X{n:06d}", forename="Siân", surname="Ŵyn",
                                         date_of_birth=dt.date(1990, 1, 1),
                                         gender=Gender.FEMALE)).id


def _tamper(app, statement: str, **params) -> None:
    """Change the trail behind the application's back (PostgreSQL needs the reset setting,
    which is what a table owner working around the trigger would do)."""
    with app.db.engine.begin() as connection:
        if not app.db.is_sqlite:
            connection.execute(text(f"SET LOCAL {TRAIL_RESET_SETTING} = 'on'"))
        connection.execute(text(statement), params)


def _audit_ids(app) -> list[int]:
    with app.db.read() as session:
        return list(session.scalars(select(AuditEvent.id).order_by(AuditEvent.chain_seq)))


def _check(app, chain: str = AUDIT):
    with app.db.read() as session:
        return verify_chain(session, chain)


def test_an_untouched_trail_checks_out_and_each_row_links_to_the_one_before(app):
    for n in range(3):
        _person(app, n + 1)
    with app.db.read() as session:
        rows = session.execute(select(AuditEvent.chain_seq, AuditEvent.prev_hash,
                                      AuditEvent.row_hash).order_by(AuditEvent.chain_seq)).all()
    assert [r.chain_seq for r in rows] == [1, 2, 3]
    assert [r.prev_hash for r in rows[1:]] == [r.row_hash for r in rows[:-1]]
    assert all(c.ok for c in check_chains(app.db))
    assert _check(app).rows == 3


def test_an_edited_row_is_named(app):
    for n in range(3):
        _person(app, n + 1)
    second = _audit_ids(app)[1]
    _tamper(app, "UPDATE audit_event SET changes = '{}' WHERE id = :id", id=second)
    result = _check(app)
    assert not result.ok
    assert result.broken_id == second and result.broken_seq == 2
    assert "changed after it was written" in result.describe()


def test_a_row_edited_with_its_hash_recomputed_breaks_the_link_after_it(app):
    for n in range(3):
        _person(app, n + 1)
    ids = _audit_ids(app)
    with app.db.read() as session:
        row = session.get(AuditEvent, ids[1])
        row.changes = "{}"
        forged = link_hash(row.prev_hash, audit_fields(row))
    _tamper(app, "UPDATE audit_event SET changes = '{}', row_hash = :h WHERE id = :id",
            h=forged, id=ids[1])
    result = _check(app)
    assert result.broken_id == ids[2]
    assert "does not follow the row before it" in result.problem


def test_a_deleted_row_is_named(app):
    for n in range(4):
        _person(app, n + 1)
    ids = _audit_ids(app)
    _tamper(app, "DELETE FROM audit_event WHERE id = :id", id=ids[1])
    result = _check(app)
    assert not result.ok and result.broken_seq == 2
    assert "row 2 is missing" in result.problem and f"id {ids[2]}" in result.problem


def test_deleting_the_newest_rows_is_caught_by_the_chain_head(app):
    for n in range(3):
        _person(app, n + 1)
    _tamper(app, "DELETE FROM audit_event WHERE id = :id", id=_audit_ids(app)[-1])
    result = _check(app)
    assert not result.ok and "newest" in result.problem


def test_the_access_log_is_chained_too(app, add_staff):
    person = _person(app, 1)
    app.case_summary.summary(person)
    app.case_summary.render(person)
    assert _check(app, ACCESS).ok and _check(app, ACCESS).rows == 2
    with app.db.read() as session:
        first = session.scalar(select(AccessEvent.id).order_by(AccessEvent.chain_seq))
    _tamper(app, "UPDATE access_event SET staff_id = NULL WHERE id = :id", id=first)
    assert _check(app, ACCESS).broken_id == first


def test_concurrent_writers_keep_one_unbroken_chain(make_services, app):
    others = [make_services() for _ in range(3)]
    for services in others:
        services.ctx.actor = app.ctx.actor
    errors: list[BaseException] = []

    def write(services, base: int) -> None:
        try:
            for n in range(5):
                _person(services, base + n)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(s, 100 * (i + 1)))
               for i, s in enumerate(others)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    result = _check(app)
    assert result.ok and result.rows == 15


def test_admin_check_names_the_first_broken_row(app, tmp_path, capsys):
    if not app.db.is_sqlite:
        pytest.skip("admin check is given the data folder of a SQLite database here")
    for n in range(3):
        _person(app, n + 1)
    assert cli(["check", "--data-dir", str(tmp_path)]) == 0
    assert "audit trail chain is unbroken (3 rows)" in capsys.readouterr().out
    second = _audit_ids(app)[1]
    _tamper(app, "UPDATE audit_event SET entity_id = '999' WHERE id = :id", id=second)
    assert cli(["check", "--data-dir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"audit trail row 2 (id {second}) was changed after it was written" in out


def test_reading_the_trail_needs_a_manager_or_administrator(app, add_staff):
    person = _person(app, 1)
    app.ctx.actor = add_staff("cc", Role.COORDINATOR)
    with pytest.raises(PermissionDeniedError):
        app.audit.events_for("person", person)
    with pytest.raises(PermissionDeniedError):
        app.audit.check_chains()
    app.ctx.actor = add_staff("mm", Role.MANAGER)
    assert len(app.audit.events_for("person", person)) == 1
    assert all(c.ok for c in app.audit.check_chains())


@pytest.mark.postgres
@pytest.mark.parametrize("statement", [
    "UPDATE audit_event SET changes = NULL",
    "DELETE FROM audit_event",
    "TRUNCATE audit_event",
    "UPDATE access_event SET person_id = NULL",
    "DELETE FROM access_event",
])
def test_postgres_refuses_to_change_or_delete_trail_rows(app, statement):
    person = _person(app, 1)
    app.case_summary.summary(person)
    with pytest.raises(DBAPIError, match="insert-only"), app.db.engine.begin() as connection:
        connection.execute(text(statement))
    with app.db.read() as session:
        assert session.scalar(select(AuditEvent.changes)) is not None
        assert session.scalar(select(AccessEvent.person_id)) == person


def test_a_restore_is_recorded_in_the_restored_trail(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("UPW_TTG_DATABASE_URL", raising=False)
    folder = tmp_path / "data"
    assert cli(["migrate", "--data-dir", str(folder)]) == 0
    # A restore takes only a backup that holds accounts.
    staffed = Database(sqlite_url(folder / "upw-ttg.db"))
    try:
        write_staff(staffed, "admin", "Ada Admin", Role.ADMINISTRATOR, "scrypt$unused")
    finally:
        staffed.dispose()
    backup = tmp_path / "b.db"
    assert cli(["backup", "--data-dir", str(folder), "--output", str(backup)]) == 0
    assert cli(["restore", str(backup), "--data-dir", str(folder), "--yes"]) == 0
    db = Database(sqlite_url(folder / "upw-ttg.db"))
    try:
        with db.read() as session:
            (event,) = session.scalars(select(AuditEvent).where(
                AuditEvent.entity == "database_restore")).all()
            details = json.loads(present(event.changes))
        assert details["restored_from"] == "b.db"
        assert details["previous_database_saved_as"].startswith("before-restore-")
        assert len(details["backup_sha256"]) == 64
        assert all(check.ok for check in check_chains(db))
    finally:
        db.dispose()
    assert cli(["check", "--data-dir", str(folder)]) == 0


def test_the_migration_chains_the_rows_already_in_the_trail(tmp_path):
    """An existing database's audit rows are chained, oldest first, when it is upgraded."""
    db = Database(sqlite_url(tmp_path / "old.db"))
    try:
        migrate_to(db, "0001")
        with db.write() as session:
            for n, when in enumerate(("2026-01-05 09:00:00.000000", "2026-02-01 10:30:00.5"),
                                     start=1):
                session.execute(text(
                    "INSERT INTO audit_event (occurred_at, staff_id, action, entity, entity_id, "
                    "changes) VALUES (:when, NULL, 'create', 'person', :id, '{}')"),
                    {"when": when, "id": str(n)})
        migrate_to(db, "head")
        with db.read() as session:
            seqs = session.scalars(select(AuditEvent.chain_seq).order_by(AuditEvent.id)).all()
        assert seqs == [1, 2]
        assert all(check.ok for check in check_chains(db))
        migrate_to(db, "0001", down=True)
        assert "chain_seq" not in columns(db, "audit_event")
    finally:
        db.dispose()


def test_keep_apart_details_in_the_trail_are_for_casework_roles_only(app, add_staff):
    with app.db.write() as session:
        record(session, app.ctx, AuditAction.CREATE, "keep_apart", 7,
               after={"reason": "Victim and perpetrator", "recorded_on": "2026-11-02"})
    app.ctx.actor = add_staff("aa", Role.ADMINISTRATOR)
    (event,) = app.audit.events_for("keep_apart", 7)
    assert event.changes["after"] == {"reason": WITHHELD_TEXT, "recorded_on": "2026-11-02"}
    app.ctx.actor = add_staff("mm", Role.MANAGER)
    (event,) = app.audit.events_for("keep_apart", 7)
    assert event.changes["after"]["reason"] == "Victim and perpetrator"
