"""What the Through the Gate services share: roles, settings, loading rows, date checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import Role
from upw_ttg.domain.custody import DateChangeRow
from upw_ttg.domain.resettlement import SETTING_KEYS, DeadlineSettings
from upw_ttg.domain.settings import SETTINGS_BY_KEY
from upw_ttg.domain.validation import FieldErrors
from upw_ttg.errors import NotFoundError
from upw_ttg.records.custody import CUSTODY_DATE_FIELDS
from upw_ttg.storage.models import (
    CustodyDateChange,
    CustodyEpisode,
    Pathway,
    ResettlementPlan,
    Setting,
    Staff,
)

# Who may hold a caseload: resettlement workers, and managers who take cases themselves.
ASSIGNABLE_ROLES = (Role.RESETTLEMENT_WORKER, Role.MANAGER)
EPISODE_DATE_FIELDS = ("reception_date", "screening_date",
                       *(name for name, _label in CUSTODY_DATE_FIELDS))


def read_deadline_settings(session: Session) -> DeadlineSettings:
    """All ``ttg.*`` deadline settings in one query."""
    keys = [key for key, _attr in SETTING_KEYS]
    raw = dict(session.execute(select(Setting.key, Setting.value)
                               .where(Setting.key.in_(keys))).all())

    def read(key: str) -> int | bool | str:
        definition = SETTINGS_BY_KEY[key]
        return definition.parse(raw.get(key) or definition.default)

    return DeadlineSettings.from_values(read)


def worker_problem(worker: Staff | None) -> str | None:
    """Why a case cannot be given to ``worker`` (None: it can)."""
    if worker is None or not worker.active or not worker.roles & set(ASSIGNABLE_ROLES):
        return "Choose an active resettlement worker."
    return None


def get_episode(session: Session, episode_id: int) -> CustodyEpisode:
    row = session.get(CustodyEpisode, episode_id)
    if row is None:
        raise NotFoundError("That custody episode is no longer on record.")
    return row


def get_plan(session: Session, plan_id: int) -> ResettlementPlan:
    row = session.get(ResettlementPlan, plan_id)
    if row is None:
        raise NotFoundError("That resettlement plan is no longer on record.")
    return row


def episode_dates(row: CustodyEpisode) -> dict[str, dt.date | None]:
    return {name: getattr(row, name) for name in EPISODE_DATE_FIELDS}


def date_history(session: Session, episode_id: int) -> list[DateChangeRow]:
    rows = session.execute(
        select(CustodyDateChange, Staff.full_name)
        .outerjoin(Staff, Staff.id == CustodyDateChange.changed_by_id)
        .where(CustodyDateChange.episode_id == episode_id)
        .order_by(CustodyDateChange.changed_at.desc(), CustodyDateChange.id.desc())).all()
    return [DateChangeRow(c.field, c.old_value, c.new_value, c.reason, c.changed_at, name)
            for c, name in rows]


def staff_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(session.execute(select(Staff.id, Staff.full_name)
                                .where(Staff.id.in_(wanted))).all())


def pathway_names(session: Session) -> dict[str, tuple[str, bool]]:
    rows = session.execute(select(Pathway.code, Pathway.name, Pathway.womens_support))
    return {code: (name, women) for code, name, women in rows}


def check_past_date(errors: FieldErrors, field: str, label: str, value: Any,
                    today: dt.date, *, required: bool = False,
                    not_before: dt.date | None = None, before_label: str = "") -> None:
    """A date that has happened: present if required, not in the future, not too early."""
    if value is None:
        if required:
            errors.check(field, f"Enter the {label}.")
        return
    day = value.date() if isinstance(value, dt.datetime) else value
    if day > today:
        errors.check(field, f"The {label} cannot be in the future.")
    elif not_before is not None and day < not_before:
        errors.check(field, f"The {label} cannot be before {before_label}.")
