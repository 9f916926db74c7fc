"""The access log: every opening of a sensitive record and every print or export (DPA s.62).

A row holds ids and codes only (who, when, which record of which person, what document, for
what kind of recipient), chained like the audit trail so it cannot be quietly changed.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from upw_ttg.domain.access import (
    ACTION_LABELS,
    RECIPIENT_LABELS,
    RECORD_LABELS,
    AccessAction,
    AccessedRecord,
    Recipient,
)
from upw_ttg.domain.permissions import Capability
from upw_ttg.records.access_log import AccessRow
from upw_ttg.services.context import ServiceContext
from upw_ttg.storage import chain
from upw_ttg.storage.models import AccessEvent, Staff
from upw_ttg.storage.models.base import utc_now

# Reopening the same record within this many seconds (a refresh, a tab switched back to) is
# the same consultation and is not logged again; prints and exports are always logged.
REPEAT_VIEW_SECONDS = 120


def record_access(session: Session, ctx: ServiceContext, kind: AccessedRecord,
                  record_id: object, person_ids: Iterable[int | None], *,
                  action: AccessAction = AccessAction.VIEW, document: str | None = None,
                  recipient: Recipient | None = None) -> None:
    """Add one access-log row per person to the unit of work in ``session``."""
    occurred = utc_now()
    for person_id in sorted(set(person_ids), key=lambda p: (p is None, p or 0)):
        chain.append(session, AccessEvent(
            occurred_at=occurred, staff_id=ctx.actor_id, action=action, record_kind=kind.value,
            record_id=None if record_id is None else str(record_id), person_id=person_id,
            document=document, recipient=None if recipient is None else recipient.value))


def log_view(ctx: ServiceContext, kind: AccessedRecord, record_id: object,
             person_id: int | None) -> None:
    """Log that the signed-in user opened one sensitive record (see ``log_views``)."""
    log_views(ctx, kind, [(record_id, person_id)])


def log_views(ctx: ServiceContext, kind: AccessedRecord,
              records: Iterable[tuple[object, int | None]]) -> None:
    """Log that the signed-in user opened these sensitive records, in one short write.

    Called after the records were read and before they are handed back, so a read that could
    not be logged is not shown. Records opened again within ``REPEAT_VIEW_SECONDS`` are not
    logged again.
    """
    now = time.monotonic()
    fresh = []
    for record_id, person_id in records:
        key = (ctx.actor_id, kind.value, str(record_id))
        last = ctx.recent_views.get(key)
        if last is None or now - last >= REPEAT_VIEW_SECONDS:
            fresh.append((key, record_id, person_id))
    if not fresh:
        return
    with ctx.db.write() as session:
        for _key, record_id, person_id in fresh:
            record_access(session, ctx, kind, record_id, [person_id])
    for key, _record_id, _person_id in fresh:
        ctx.recent_views[key] = now


def log_print(session: Session, ctx: ServiceContext, document: str, recipient: Recipient,
              record_id: object, person_ids: Iterable[int | None], *,
              action: AccessAction = AccessAction.PRINT) -> None:
    """Log a print (or export) of ``document`` for ``recipient``, once per person on it."""
    record_access(session, ctx, AccessedRecord.DOCUMENT, record_id, person_ids, action=action,
                  document=document, recipient=recipient)


class AccessLogService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def who_has_looked(self, person_id: int, limit: int = 500) -> list[AccessRow]:
        """Who opened, printed or exported this person's sensitive records, newest first."""
        self._ctx.require(Capability.READ_AUDIT)
        with self._ctx.db.read() as session:
            rows = session.execute(
                select(AccessEvent, Staff.full_name)
                .outerjoin(Staff, Staff.id == AccessEvent.staff_id)
                .where(AccessEvent.person_id == person_id)
                .order_by(AccessEvent.occurred_at.desc(), AccessEvent.id.desc())
                .limit(limit)).all()
            return [access_row(event, name) for event, name in rows]


def access_row(event: AccessEvent, staff_name: str | None) -> AccessRow:
    if event.record_kind == AccessedRecord.DOCUMENT and event.document:
        what = event.document[:1].upper() + event.document[1:]
    else:
        try:
            what = RECORD_LABELS[AccessedRecord(event.record_kind)]
        except ValueError:
            what = event.record_kind.replace("_", " ")
    recipient = None
    if event.recipient:
        try:
            recipient = RECIPIENT_LABELS[Recipient(event.recipient)]
        except ValueError:
            recipient = event.recipient.replace("_", " ")
    return AccessRow(event.occurred_at, staff_name, ACTION_LABELS[event.action], what,
                     event.document, recipient)
