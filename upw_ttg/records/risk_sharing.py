"""Plain data objects of risk changes shared with everyone (rule UPW-RISKSHARE)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from upw_ttg.domain.codes import ContactMethod
from upw_ttg.domain.risk_sharing import ContactKind


@dataclass(frozen=True, slots=True)
class RiskContactRow:
    """One person to tell of one risk change, and where that stands."""

    id: int
    change_id: int
    person_id: int
    crn: str
    name: str                 # the person whose risk changed
    changed_on: dt.date
    kind: ContactKind
    contact: str              # who is to be told
    detail: str
    confirm_by: dt.date
    told_on: dt.date | None
    told_method: ContactMethod | None
    told_by: str | None
    confirmed_on: dt.date | None
    chased_on: dt.date | None
    note: str | None
    chase_due: bool
    coordinator: str | None
    delivery_unit_code: str | None
    version: int


@dataclass(frozen=True, slots=True)
class RiskChangeRow:
    """A change to a person's risk, what changed, and everyone to tell of it."""

    id: int
    person_id: int
    changed_on: dt.date
    changed_by: str | None
    changes: tuple[str, ...]
    contacts: tuple[RiskContactRow, ...]

    @property
    def open(self) -> bool:
        return any(c.confirmed_on is None for c in self.contacts)
