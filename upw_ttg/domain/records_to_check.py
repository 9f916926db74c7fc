"""Rows a list or printout sets aside because they cannot be worked out, each with a reason.

One record with an impossible date, or data damaged outside the application, must not take
down a list for a whole office: the row is set aside under "Records to check", named (CRN,
name, which record) with what to correct in plain words, and every other row is still listed.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from upw_ttg.domain.record_dates import is_date_of_record

_log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

# What damaged data raises while a row is worked out; the project's own errors and database
# errors are not caught here, as they are not about one row.
ROW_ERRORS = (ArithmeticError, LookupError, TypeError, ValueError, AttributeError)
TITLE = "Records to check"
# The reason given when a row could not be worked out and no date explains why.
UNWORKABLE = ("It could not be worked out from what is on record: check its dates and hours, "
              "or ask for the database to be checked.")


@dataclass(frozen=True, slots=True)
class RecordToCheck:
    """A row set aside: whose record (CRN and name), which record, and what to check."""

    crn: str | None
    name: str
    record: str
    reason: str
    person_id: int | None = None
    # The reason as paper words it in either language: "dates" (``wrong_dates``, each label
    # and date, fall outside 1900 to 2100) or "unworkable" (``UNWORKABLE``); None when the
    # reason is only the text in ``reason``.
    reason_key: str | None = None
    wrong_dates: tuple[tuple[str, dt.date], ...] = ()

    @property
    def line(self) -> str:
        """The row in one line, for a banner or a printed list."""
        who = f"{self.crn} {self.name}" if self.crn else self.name
        return f"{who} ({self.record}): {self.reason}"


@dataclass(frozen=True, slots=True)
class Subject:
    """What a row is about, to name it if it is set aside, with the dates it must trust."""

    crn: str | None
    name: str
    record: str
    dates: Mapping[str, dt.date | None] = field(default_factory=dict)
    person_id: int | None = None
    # Anything else found wrong with the record, in plain words (e.g. inconsistent hours).
    problem: str | None = None

    def first_problem(self) -> str | None:
        return impossible_dates(self.dates) or self.problem


class Listed(list[T]):
    """A list's rows, with the records it set aside in ``to_check`` (empty when all is well)."""

    def __init__(self, rows: Iterable[T] = (), to_check: Iterable[RecordToCheck] = ()):
        super().__init__(rows)
        self.to_check: tuple[RecordToCheck, ...] = tuple(to_check)


def outside_record(dates: Mapping[str, dt.date | None]) -> tuple[tuple[str, dt.date], ...]:
    """The (label, date) pairs of ``dates`` that fall outside 1900 to 2100."""
    return tuple((label, value) for label, value in dates.items()
                 if isinstance(value, dt.date) and not is_date_of_record(value))


def impossible_dates(dates: Mapping[str, dt.date | None]) -> str | None:
    """What to correct when a date of record falls outside 1900 to 2100, or None."""
    wrong = [f"{label} ({value.day} {value:%b} {value.year})"
             for label, value in outside_record(dates)]
    if not wrong:
        return None
    named = wrong[0] if len(wrong) == 1 else f"{', '.join(wrong[:-1])} and {wrong[-1]}"
    return f"Check the {named}: dates of record fall between 1900 and 2100."


def set_aside(items: Iterable[T], build: Callable[[T], R | None],
              about: Callable[[T], Subject]) -> tuple[list[R], list[RecordToCheck]]:
    """``build`` every item into a row (None leaves it out); an item whose dates cannot be
    right, or whose row cannot be worked out, is set aside with a reason instead.

    ``about`` names the item and gives the dates to trust (and any other problem found); it is
    asked first, so a row is never built from an impossible date.
    """
    rows: list[R] = []
    aside: list[RecordToCheck] = []
    for item in items:
        subject = None
        try:
            subject = about(item)
            problem = subject.first_problem()
            if problem is None:
                row = build(item)
                if row is not None:
                    rows.append(row)
                continue
        except ROW_ERRORS:
            _log.warning("A row could not be worked out (%s)",
                         subject.record if subject else "unnamed", exc_info=True)
            problem = (subject.first_problem() if subject else None) or UNWORKABLE
        if subject is None:
            subject = Subject(None, "A record", "not named")
        wrong = outside_record(subject.dates)
        key = "dates" if wrong else ("unworkable" if problem == UNWORKABLE else None)
        aside.append(RecordToCheck(subject.crn, subject.name, subject.record, problem,
                                   subject.person_id, key, wrong))
    return rows, aside


def listed(items: Iterable[T], build: Callable[[T], R | None],
           about: Callable[[T], Subject]) -> Listed[R]:
    """``set_aside`` as one list: the rows, with the set-aside records in ``to_check``."""
    rows, aside = set_aside(items, build, about)
    return Listed(rows, aside)
