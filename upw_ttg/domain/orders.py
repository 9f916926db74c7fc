"""Rules of an unpaid work order that need no database: deadline, balance, status."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from upw_ttg.domain.codes import OrderStatus

MIN_HOURS = 40
MAX_HOURS = 300


def completion_deadline(sentence_date: dt.date, months: int, applies: bool) -> dt.date | None:
    """The date by which the hours must be worked, or None where no time limit applies."""
    if not applies:
        return None
    return sentence_date + relativedelta(months=months)


def balance_minutes(ordered_minutes: int, adjustment_minutes: int, credited_minutes: int) -> int:
    """Minutes still owed (rule UPW-15), never below zero."""
    return max(0, ordered_minutes + adjustment_minutes - credited_minutes)


def derive_status(*, current: OrderStatus, remaining_minutes: int, has_attended: bool,
                  deadline: dt.date | None, today: dt.date) -> OrderStatus:
    """The order's status as it follows from its ledger; closed and breach are kept as set."""
    if current in (OrderStatus.CLOSED, OrderStatus.IN_BREACH):
        return current
    if remaining_minutes == 0:
        return OrderStatus.COMPLETED
    if deadline is not None and today > deadline:
        return OrderStatus.DEADLINE_PASSED
    return OrderStatus.ACTIVE if has_attended else OrderStatus.AWAITING_FIRST_SESSION


def format_minutes(minutes: int) -> str:
    """Minutes as hours and minutes, e.g. 125 -> '2:05'."""
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours}:{rest:02d}"
