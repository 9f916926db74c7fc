"""Planner statistics after a bulk load: ANALYZE on PostgreSQL, nothing on SQLite."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, insert, select, text

from upw_ttg.demo import generate_demo
from upw_ttg.storage.models import Person, UnknownNameSignIn
from upw_ttg.storage.statistics import refresh_statistics

TODAY = dt.date(2026, 11, 26)
ROWS = 37


def _planner_row_count(db, table: str) -> float:
    """What PostgreSQL's planner believes the table holds (ANALYZE sets it)."""
    with db.read() as session:
        return session.execute(text("SELECT reltuples FROM pg_class WHERE relname = :table"),
                               {"table": table}).scalar_one()


def _bulk_insert(db) -> None:
    with db.write() as session:
        session.execute(insert(UnknownNameSignIn), [
            {"name_hash": f"{n:064x}", "failed_sign_ins": 1} for n in range(ROWS)])


def test_statistics_are_gathered_on_postgresql_and_left_alone_on_sqlite(db):
    _bulk_insert(db)
    ran = refresh_statistics(db)
    if db.is_sqlite:
        assert ran is False
        with db.read() as session:
            # ANALYZE was not run: SQLite would have created its statistics table.
            assert session.execute(text(
                "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")).scalar() == 0
    else:
        assert ran is True
        assert _planner_row_count(db, "unknown_name_sign_in") == ROWS


def test_demo_generation_leaves_postgresql_knowing_its_row_counts(db):
    generate_demo(db, "small", today=TODAY)
    with db.read() as session:
        people = session.scalar(select(func.count()).select_from(Person))
    assert people
    if db.is_sqlite:
        with db.read() as session:
            assert session.execute(text(
                "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")).scalar() == 0
    else:
        assert _planner_row_count(db, "person") == people
