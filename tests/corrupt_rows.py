"""Damaging a stored row on purpose, past every check the application makes."""

from __future__ import annotations


def corrupt(app, table: str, row_id: int, **values: str | int) -> None:
    """Write straight through the driver, past every check the application makes."""
    mark = "?" if app.db.is_sqlite else "%s"
    assignments = ", ".join(f"{name} = {mark}" for name in values)
    raw = app.db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(f"UPDATE {table} SET {assignments} WHERE id = {mark}",
                       [*values.values(), row_id])
        raw.commit()
    finally:
        raw.close()
