"""Migrating a test database step by step, and the rows most migration tests start from."""

from __future__ import annotations

import datetime as dt

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.orm import Session

from upw_ttg.storage import migrate
from upw_ttg.storage.database import Database


def migrate_to(db: Database, revision: str, *, down: bool = False) -> None:
    """Migrate as the application does: foreign keys deferred while SQLite copies tables."""
    config = migrate._config()
    with (db._write_engine.connect() as connection,
          migrate._foreign_keys_deferred_on_sqlite(db, connection),
          connection.begin()):
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def revision_in_file(name_part: str) -> tuple[str, str]:
    """The revision whose file name holds ``name_part``, and the revision before it."""
    script = ScriptDirectory.from_config(migrate._config())
    found = next(s for s in script.walk_revisions() if name_part in (s.path or ""))
    return found.revision, str(found.down_revision)


def columns(db: Database, table: str) -> set[str]:
    """The names of ``table``'s columns as the database has them now."""
    with db.read() as session:
        return {c["name"] for c in inspect(session.connection()).get_columns(table)}


def add_person_in_custody(session: Session) -> None:
    """Ann Lee (person 1) in the first prison (custody episode 1), written as plain SQL so it
    fits any schema since the first."""
    prison = session.execute(text("SELECT id FROM prison ORDER BY id")).scalar()
    session.execute(text(
        "INSERT INTO person (id, crn, forename, surname, date_of_birth, gender, "
        "preferred_language, interpreter_needed, search_surname, search_forename, version) "
        "VALUES (1, 'X100001', 'Ann', 'Lee', :dob, 'female', 'english', false, 'lee', "
        "'ann', 1)"), {"dob": dt.date(1990, 1, 1)})
    session.execute(text(
        "INSERT INTO custody_episode (id, person_id, prison_id, prison_number, "
        "reception_date, status, version) VALUES (1, 1, :prison, 'A1234BC', :on, "
        "'in_custody', 1)"), {"prison": prison, "on": dt.date(2026, 10, 1)})
