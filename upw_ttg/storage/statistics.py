"""Planner statistics after a bulk load: ANALYZE on PostgreSQL, nothing on SQLite."""

from __future__ import annotations

from upw_ttg.storage.database import Database


def refresh_statistics(db: Database) -> bool:
    """Bring the query planner's row counts up to date after a bulk load; True if it ran.

    PostgreSQL plans from the statistics ANALYZE gathers, and autovacuum gathers them only
    some time after a bulk load: until then screens read freshly generated, imported or
    restored data with plans made for empty tables (4 to 16 times slower, issue 12). SQLite
    keeps no statistics unless ANALYZE is run, and the application's queries are shaped for
    its statistics-free planner: measured on the crc demo, ANALYZE made the enforcement
    queue 45 times slower there, so on SQLite this does nothing.
    """
    if db.is_sqlite:
        return False
    with db.engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")
    return True
