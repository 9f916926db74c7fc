"""One row of the audit trail as it is read back: who did what to which record, and the changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from upw_ttg.domain.codes import AuditAction


@dataclass(frozen=True, slots=True)
class AuditRow:
    occurred_at: dt.datetime
    staff: str | None
    action: AuditAction
    entity: str
    entity_id: str | None
    changes: dict[str, Any] | None
