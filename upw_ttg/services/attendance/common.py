"""What the attendance services share: settings in one read, the calendar, names, roles."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from upw_ttg.domain.settings import SETTINGS_BY_KEY
from upw_ttg.domain.working_days import WorkingCalendar
from upw_ttg.storage.models import ClosureDate, Setting


def read_settings(session: Session, *keys: str) -> dict[str, int | bool | str]:
    """Several settings, typed, in one query (``read_setting`` costs a query each)."""
    stored = dict(session.execute(select(Setting.key, Setting.value)
                                  .where(Setting.key.in_(keys))).all())
    return {key: SETTINGS_BY_KEY[key].parse(stored.get(key, SETTINGS_BY_KEY[key].default))
            for key in keys}


def load_calendar(session: Session) -> WorkingCalendar:
    """Service-wide working days (bank holidays and closures for everyone), as CalendarService."""
    days = session.scalars(select(ClosureDate.closed_on).where(
        ClosureDate.office_id.is_(None), ClosureDate.project_id.is_(None)))
    return WorkingCalendar(days)


def full_name(forename: str, surname: str) -> str:
    return f"{forename} {surname}"


def session_start(day: dt.date, start: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, start)


def sheet_id(session_id: int, day: dt.date) -> str:
    """The id printed on a work sheet and shown on the register screen."""
    return f"WS-{day:%y%m%d}-{session_id:05d}"


def assign_sheet_rows(rows: list[tuple[int, int | None, tuple[str, ...]]]) -> dict[int, int]:
    """Row numbers for ``(appointment id, stored row, sort key)``: stored numbers are kept,
    people added since the sheet was printed follow on, in name order."""
    numbered = {aid: row for aid, row, _ in rows if row is not None}
    following = max(numbered.values(), default=0) + 1
    for aid, _row, _key in sorted((r for r in rows if r[1] is None), key=lambda r: (r[2], r[0])):
        numbered[aid] = following
        following += 1
    return numbered
