"""The letters on a person's case, each its own line: what kind, the date it bears, what it is
about, when it was last printed, and where it is reprinted or changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

APPOINTMENT_LETTER = "Appointment letter"
WARNING_LETTER = "Warning letter"
BREACH_SUMMARY = "Breach summary"
COMPLETION_LETTER = "Completion letter"


@dataclass(frozen=True, slots=True)
class LetterLine:
    """One letter. ``opens`` says where it is reprinted: ``appointment_letter`` (the session,
    ``ref_id`` its id, ``appointment_id`` the person's place), ``warning_letter`` and
    ``breach_summary`` (printed again straight away; ``ref_id`` the appointment or the order),
    or ``order`` (the order's hours, where the completion letter is printed)."""

    when: dt.date
    kind: str
    about: str
    printed_on: dt.date | None
    times_printed: int
    opens: str
    ref_id: int
    appointment_id: int = 0
