"""Who has looked at a record: one line per view, print or export, as the access log shows it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AccessRow:
    """One line of "who has looked at this record"; ``what`` names the document of a print."""

    occurred_at: dt.datetime
    staff: str | None
    action: str
    what: str
    document: str | None
    recipient: str | None
