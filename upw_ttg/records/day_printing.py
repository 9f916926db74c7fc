"""The papers printed for a day's sessions, their titles, and what a supervisor's work sheet
prints: no field for offence details or risk scores, only site health-and-safety alerts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from upw_ttg.domain.codes import Language
from upw_ttg.domain.records_to_check import RecordToCheck


class DayPaper(StrEnum):
    """The kinds of paper a day needs, in the order they print."""

    WORK_SHEETS = "work_sheets"
    MANIFESTS = "manifests"
    LETTERS = "letters"


PAPER_TITLES = {DayPaper.WORK_SHEETS: "Work sheets", DayPaper.MANIFESTS: "Van manifests",
                DayPaper.LETTERS: "Appointment letters"}


@dataclass(frozen=True, slots=True)
class WorkSheetRow:
    row_number: int
    name: str
    crn: str
    pickup_point: str | None
    pickup_time: dt.time | None
    # Health-and-safety alerts for the site (rule DOC-2), e.g. "Epilepsy or loss of
    # consciousness"; each prints whole on its own line.
    alerts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class WorkSheet:
    """Everything a sheet prints; there is no field for offence details or risk scores, only
    the health-and-safety alerts a supervisor needs on site."""

    sheet_id: str
    session_id: int
    project_code: str
    project_name: str
    project_type: str
    site_address: str
    beneficiary: str
    beneficiary_contact: str | None
    beneficiary_phone: str | None
    session_date: dt.date
    start_time: dt.time
    end_time: dt.time
    break_minutes: int
    supervisors: tuple[str, ...]
    van: str | None
    hi_vis_required: bool
    female_only: bool
    site_notes: tuple[str, ...]
    rows: tuple[WorkSheetRow, ...]
    printed_at: dt.datetime
    printed_by: str | None
    # People booked whose row could not be printed, named with what to correct.
    to_check: tuple[RecordToCheck, ...] = ()
    # Who the supervisor calls from site: the office running the project.
    office_name: str | None = None
    office_phone: str | None = None
    language: Language = Language.ENGLISH  # every fixed word comes from the glossary
