"""The audit trail: every create, update and delete, in the same transaction as the change."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from upw_ttg.domain.codes import AuditAction
from upw_ttg.domain.permissions import Capability
from upw_ttg.records.audit import AuditRow
from upw_ttg.records.staff import StaffMember
from upw_ttg.services.context import ServiceContext
from upw_ttg.storage import chain
from upw_ttg.storage.chain import ChainCheck, check_chains
from upw_ttg.storage.models import Appointment, AuditEvent, Staff
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
    chain.append(session, AuditEvent(
        occurred_at=utc_now(), staff_id=ctx.actor_id, action=action, entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        changes=None if payload is None else json.dumps(payload, ensure_ascii=False,
                                                        sort_keys=True)))


def record_system_event(session: Session, entity: str, details: dict[str, Any]) -> None:
    """An event of the installation itself (a restore, a demo run), by nobody signed in."""
    chain.append(session, AuditEvent(
        occurred_at=utc_now(), staff_id=None, action=AuditAction.CREATE, entity=entity,
        entity_id=None, changes=json.dumps(details, ensure_ascii=False, sort_keys=True)))


# Audit copies of text that only some roles may read: field names by entity.
SENSITIVE_NOTE_FIELDS = {"notes"}  # of an appointment whose notes are marked sensitive
KEEP_APART_FIELDS = {"reason", "detail", "end_reason"}  # why two people are kept apart
WITHHELD_TEXT = "(sensitive: not shown to your role)"


def may_read_sensitive_text(actor: StaffMember | None) -> bool:
    """Sensitive notes and keep-apart details are casework: coordinators and managers read
    them (rule ACC-1); administration alone does not, nor does resettlement work."""
    return actor is not None and actor.may(Capability.READ_SENSITIVE_NOTES)


def _sensitive_fields(event: AuditEvent, sensitive_appointments: set[str]) -> set[str]:
    if event.entity == "keep_apart":
        return KEEP_APART_FIELDS
    if event.entity == "appointment" and event.entity_id in sensitive_appointments:
        return SENSITIVE_NOTE_FIELDS
    return set()


def _withhold(changes: Any, fields: set[str]) -> Any:
    """``changes`` with the values of ``fields`` replaced, at any depth of before/after."""
    if isinstance(changes, dict):
        return {k: (WITHHELD_TEXT if k in fields and v not in (None, [None, None])
                    else _withhold(v, fields)) for k, v in changes.items()}
    return changes


class AuditService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def events_for(self, entity: str, entity_id: Any) -> list[AuditRow]:
        """The trail of one record, oldest first; sensitive text only for roles that read it."""
        actor = self._ctx.require(Capability.READ_AUDIT)
        with self._ctx.db.read() as session:
            rows = session.execute(
                select(AuditEvent, Staff.full_name)
                .outerjoin(Staff, Staff.id == AuditEvent.staff_id)
                .where(AuditEvent.entity == entity, AuditEvent.entity_id == str(entity_id))
                .order_by(AuditEvent.chain_seq)).all()
            sensitive: set[str] = set()
            if not may_read_sensitive_text(actor):
                appointment_ids = [int(e.entity_id) for e, _ in rows
                                   if e.entity == "appointment" and e.entity_id
                                   and e.entity_id.isdigit()]
                sensitive = {str(i) for i in session.scalars(
                    select(Appointment.id).where(Appointment.id.in_(appointment_ids),
                                                 Appointment.notes_sensitive.is_(True)))}
            out = []
            for e, name in rows:
                changes = json.loads(e.changes) if e.changes else None
                if not may_read_sensitive_text(actor):
                    changes = _withhold(changes, _sensitive_fields(e, sensitive))
                out.append(AuditRow(e.occurred_at, name, e.action, e.entity, e.entity_id,
                                    changes))
            return out

    def check_chains(self) -> list[ChainCheck]:
        """Recompute the audit trail's and the access log's hash chains."""
        self._ctx.require(Capability.READ_AUDIT)
        return check_chains(self._ctx.db)
