"""A day the service is closed, as the calendar lists it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ClosureRow:
    id: int
    closed_on: dt.date
    reason: str
    office_id: int | None
    project_id: int | None
