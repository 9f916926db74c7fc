"""Upgrading a SQLite database keeps every row, even where a migration has to copy a table."""

from __future__ import annotations

from sqlalchemy import text

from upw_ttg.storage.database import Database
from upw_ttg.storage.migrate import upgrade

from tests.storage.migration_support import migrate_to

# Rows at schema 0001 whose parents later migrations copy on SQLite (the resettlement plan is
# rebuilt to drop a column): the children must survive, not be deleted by ON DELETE CASCADE.
ROWS = [
    "INSERT INTO person (id, crn, forename, surname, date_of_birth, gender, preferred_language, "
    "interpreter_needed, search_surname, search_forename, version) VALUES (1, 'X000001', 'Ann', "
    "'Bee', '1990-01-01', 'female', 'english', 0, 'bee', 'ann', 1)",
    "INSERT INTO custody_episode (id, person_id, prison_id, prison_number, reception_date, "
    "status, version) VALUES (1, 1, (SELECT MIN(id) FROM prison), 'A1234BC', '2026-10-01', "
    "'in_custody', 1)",
    "INSERT INTO resettlement_plan (id, episode_id, status, due_date, "
    "strengths_none_identified, diversity_considered, version) VALUES (1, 1, 'draft', "
    "'2026-10-08', 0, 0, 1)",
    "INSERT INTO plan_need (id, plan_id, pathway_code, status, linked_to_offending, version) "
    "VALUES (1, 1, (SELECT MIN(code) FROM pathway), 'in_progress', 0, 1)",
    "INSERT INTO plan_strength (id, plan_id, kind, description) VALUES (1, 1, 'strength', "
    "'Close to her sister')",
    "INSERT INTO need_progress (id, need_id, entry_date, entry) VALUES (1, 1, '2026-10-09', "
    "'Housing form sent')",
]
CHILD_TABLES = ("resettlement_plan", "plan_need", "plan_strength", "need_progress")


def test_upgrading_from_the_first_schema_keeps_a_plan_and_its_children(empty_sqlite: Database):
    db = empty_sqlite
    migrate_to(db, "0001")
    with db.write() as session:
        for statement in ROWS:
            session.execute(text(statement))
    upgrade(db)
    with db.read() as session:
        counts = {table: session.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar()
                  for table in CHILD_TABLES}
        foreign_keys_on = session.execute(text("PRAGMA foreign_keys")).scalar()
    assert counts == dict.fromkeys(CHILD_TABLES, 1)
    assert foreign_keys_on == 1
