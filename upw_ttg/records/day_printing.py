"""The papers printed for a day's sessions, and their titles."""

from __future__ import annotations

from enum import StrEnum


class DayPaper(StrEnum):
    """The kinds of paper a day needs, in the order they print."""

    WORK_SHEETS = "work_sheets"
    MANIFESTS = "manifests"
    LETTERS = "letters"


PAPER_TITLES = {DayPaper.WORK_SHEETS: "Work sheets", DayPaper.MANIFESTS: "Van manifests",
                DayPaper.LETTERS: "Appointment letters"}
