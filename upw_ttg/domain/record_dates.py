"""The range a date of record must fall in; a date outside it is a slip to be corrected."""

from __future__ import annotations

import datetime as dt

FIRST_RECORD_DATE = dt.date(1900, 1, 1)
LAST_RECORD_DATE = dt.date(2100, 12, 31)


def is_date_of_record(value: dt.date) -> bool:
    """True for a date that can be right on a record (1900 to 2100)."""
    return FIRST_RECORD_DATE <= value <= LAST_RECORD_DATE
