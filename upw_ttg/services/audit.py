"""The audit trail: every create, update and delete, in the same transaction as the change."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import AuditAction
from upw_ttg.domain.permissions import Capability
from upw_ttg.services.context import ServiceContext
from upw_ttg.storage.models import AuditEvent, Staff
from upw_ttg.storage.models.base import utc_now

# Never copied into the audit trail: secrets, and columns that change on every save.
_NEVER_AUDITED = {"password_hash", "version", "updated_at", "created_at", "updated_by_id"}


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (dt.date, dt.time, dt.datetime)):
        return value.isoformat()
    return value


def snapshot(row: Any, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The audited values of an ORM row."""
    names = fields if fields is not None else [c.key for c in row.__table__.columns]
    return {name: _plain(getattr(row, name)) for name in names if name not in _NEVER_AUDITED}


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every field whose value differs."""
    keys = sorted(set(before) | set(after))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def record(session: Session, ctx: ServiceContext, action: AuditAction, entity: str,
           entity_id: Any, *, before: dict[str, Any] | None = None,
           after: dict[str, Any] | None = None) -> None:
    """Add an audit event to the unit of work in ``session``."""
    if action == AuditAction.UPDATE:
        payload: Any = changes_between(before or {}, after or {})
        if not payload:
            return
    elif action == AuditAction.DELETE:
        payload = {"before": before}
    elif after is not None:
        payload = {"after": after}
    else:
        payload = None
    session.add(AuditEvent(
        occurred_at=utc_now(), staff_id=ctx.actor_id, action=action, entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        changes=None if payload is None else json.dumps(payload, ensure_ascii=False,
                                                        sort_keys=True)))


@dataclass(frozen=True, slots=True)
class AuditRow:
    occurred_at: dt.datetime
    staff: str | None
    action: AuditAction
    entity: str
    entity_id: str | None
    changes: dict[str, Any] | None


class AuditService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def events_for(self, entity: str, entity_id: Any) -> list[AuditRow]:
        self._ctx.require(Capability.READ_AUDIT)
        with self._ctx.db.read() as session:
            rows = session.execute(
                select(AuditEvent, Staff.full_name)
                .outerjoin(Staff, Staff.id == AuditEvent.staff_id)
                .where(AuditEvent.entity == entity, AuditEvent.entity_id == str(entity_id))
                .order_by(AuditEvent.id)).all()
            return [AuditRow(e.occurred_at, name, e.action, e.entity, e.entity_id,
                             json.loads(e.changes) if e.changes else None) for e, name in rows]
