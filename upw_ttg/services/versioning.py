"""Optimistic locking: refuse a save over a record someone else changed since it was opened."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from upw_ttg.errors import StaleRecordError
from upw_ttg.storage.database import Database
from upw_ttg.storage.models import Staff


def _stale(session: Session, row: Any, entity: str) -> StaleRecordError:
    name = None
    if row.updated_by_id is not None:
        staff = session.get(Staff, row.updated_by_id)
        name = staff.full_name if staff else None
    return StaleRecordError(entity, name, row.updated_at)


def check_version(session: Session, row: Any, expected: int | None, entity: str) -> None:
    """Raise StaleRecordError naming who changed ``row`` if it is not at ``expected``."""
    if expected is not None and row.version != expected:
        raise _stale(session, row, entity)


def flush_versioned(session: Session, row: Any, entity: str, db: Database) -> None:
    """Flush; the UPDATE carries ``WHERE version = ?`` so a racing save is caught here too."""
    identity = inspect(row).identity
    try:
        session.flush()
    except StaleDataError:
        # The failed transaction cannot be read from; ask a fresh one who won the race.
        with db.read() as fresh_session:
            fresh = fresh_session.get(type(row), identity)
            if fresh is None:
                raise StaleRecordError(entity, None, None) from None
            raise _stale(fresh_session, fresh, entity) from None
