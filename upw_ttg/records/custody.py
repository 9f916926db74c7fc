"""Custody episodes as the screens open and edit them, with the release dates and their labels."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from upw_ttg.domain.codes import (
    ReleaseDateType,
)
from upw_ttg.domain.custody import DateChangeRow

# Each release date of a custody episode and its label.
CUSTODY_DATE_FIELDS: tuple[tuple[str, str], ...] = (
    ("sentence_start_date", "Sentence start (SSD)"),
    ("conditional_release_date", "Conditional release (CRD)"),
    ("automatic_release_date", "Automatic release (ARD)"),
    ("parole_eligibility_date", "Parole eligibility (PED)"),
    ("hdc_eligibility_date", "HDC eligibility (HDCED)"),
    ("hdc_approved_date", "HDC approved"),
    ("confirmed_release_date", "Confirmed release"),
    ("licence_expiry_date", "Licence expiry (LED)"),
    ("sentence_expiry_date", "Sentence expiry (SED)"),
    ("pss_end_date", "Post-sentence supervision end (TUSED)"),
)


@dataclass(slots=True)
class CustodyInput:
    person_id: int
    prison_id: int | None = None
    prison_number: str = ""
    reception_date: dt.date | None = None
    sentence_length_days: int | None = None
    screening_date: dt.date | None = None
    sentence_start_date: dt.date | None = None
    conditional_release_date: dt.date | None = None
    automatic_release_date: dt.date | None = None
    parole_eligibility_date: dt.date | None = None
    hdc_eligibility_date: dt.date | None = None
    hdc_approved_date: dt.date | None = None
    confirmed_release_date: dt.date | None = None
    licence_expiry_date: dt.date | None = None
    sentence_expiry_date: dt.date | None = None
    pss_end_date: dt.date | None = None
    change_reason: str | None = None
    version: int | None = None
    # The resettlement worker: chosen at reception; on an edit, None leaves it as it is
    # (unassigning is the caseload's job, where the count of unassigned cases is kept).
    worker_id: int | None = None


@dataclass(frozen=True, slots=True)
class CustodyRecord:
    id: int
    person_id: int
    prison_id: int
    prison_code: str
    prison_name: str
    prison_number: str
    reception_date: dt.date
    sentence_length_days: int | None
    screening_date: dt.date | None
    dates: dict[str, dt.date | None]
    expected_release_date: dt.date | None
    expected_release_type: ReleaseDateType | None
    status: str
    date_changes: tuple[DateChangeRow, ...]
    version: int
    worker_id: int | None = None
    worker_name: str | None = None

    def to_input(self) -> CustodyInput:
        return CustodyInput(
            person_id=self.person_id, prison_id=self.prison_id,
            prison_number=self.prison_number, reception_date=self.reception_date,
            sentence_length_days=self.sentence_length_days, screening_date=self.screening_date,
            version=self.version, worker_id=self.worker_id, **cast("dict[str, Any]", self.dates))
