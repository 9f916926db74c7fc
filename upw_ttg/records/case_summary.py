"""What the staff case summary prints: a person, their orders and custody, and who printed it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from upw_ttg.domain.codes import Language
from upw_ttg.records.custody import CustodyRecord
from upw_ttg.records.orders import OrderRecord
from upw_ttg.records.people import PersonRecord


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """Everything the staff case summary prints: a person, their orders and custody."""

    person: PersonRecord
    orders: tuple[OrderRecord, ...]
    custody: tuple[CustodyRecord, ...]
    printed_by: str
    printed_at: dt.datetime
    office_name: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    # The language its fixed words print in (its reader's, not the person's).
    language: Language = Language.ENGLISH
