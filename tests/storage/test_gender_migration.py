"""Migration 0002 on a database with records: plain words mapped, the rest left to confirm."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from upw_ttg.storage.database import Database

from tests.storage.migration_support import migrate_to

PEOPLE = [  # (gender, identity, category expected after the migration)
    ("female", "Woman (she/her)", "woman"), ("male", "Woman (she/her)", "woman"),
    ("female", "Man (he/him)", "man"), ("male", None, "man"), ("female", None, "woman"),
    ("not_stated", None, "not_stated"), ("female", "Non-binary", "non_binary"),
    ("female", "Trans", "unconfirmed"), ("male", "Genderqueer", "unconfirmed"),
    ("male", "", "man"),
]


def test_existing_people_and_pairs_are_migrated(empty_sqlite: Database):
    db = empty_sqlite
    migrate_to(db, "0001")
    with db.write() as session:
        for i, (gender, identity, _) in enumerate(PEOPLE, start=1):
            session.execute(text(
                "INSERT INTO person (id, crn, forename, surname, date_of_birth, gender, "
                "gender_identity, preferred_language, interpreter_needed, search_surname, "
                "search_forename, version) VALUES (:id, :crn, 'A', 'B', :dob, :g, :i, "
                "'english', false, 'b', 'a', 1)"),
                {"id": i, "crn": f"X{i:06d}", "dob": dt.date(1990, 1, 1), "g": gender,
                 "i": identity})
        for a, b, reason in ((1, 2, "Co-defendants"), (3, 4, "Restraining order: no "
                                                      "contact"), (5, 6, "Old feud")):
            session.execute(text(
                "INSERT INTO keep_apart (person_a_id, person_b_id, reason, recorded_on) "
                "VALUES (:a, :b, :r, :d)"), {"a": a, "b": b, "r": reason,
                                             "d": dt.date(2026, 1, 5)})
    migrate_to(db, "head")
    with db.read() as session:
        categories = [r[0] for r in session.execute(text(
            "SELECT gender_category FROM person ORDER BY id"))]
        pairs = session.execute(text(
            "SELECT kind, detail, ended_on, version FROM keep_apart ORDER BY id")).all()
    assert categories == [expected for _, _, expected in PEOPLE]
    assert [tuple(p) for p in pairs] == [
        ("co_defendant", "Co-defendants", None, 1),
        ("restraining_order", "Restraining order: no contact", None, 1),
        ("other", "Old feud", None, 1)]
    # And back again, keeping the current pairs.
    migrate_to(db, "0001", down=True)
    with db.read() as session:
        assert session.execute(text("SELECT COUNT(*) FROM keep_apart")).scalar() == 3
    migrate_to(db, "head")
