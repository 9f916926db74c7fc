"""Rules of an unpaid work order that need no database: deadline, balance, status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from dateutil.relativedelta import relativedelta

from upw_ttg.domain.codes import OrderStatus
from upw_ttg.domain.validation import text_problem

MIN_HOURS = 40
MAX_HOURS = 300


def completion_deadline(sentence_date: dt.date, months: int, applies: bool) -> dt.date | None:
    """The date by which the hours must be worked, or None where no time limit applies."""
    if not applies:
        return None
    return sentence_date + relativedelta(months=months)


def order_problems(*, court: str | None, sentence_date: dt.date | None, hours_ordered: object,
                   date_of_birth: dt.date | None, today: dt.date) -> dict[str, str]:
    """What is wrong with an order's court, sentence date and hours, by field (rule UPW-0).

    The sentence date is required, never in the future and after the person's birth; the hours
    are a whole number from 40 to 300 (Sentencing Act 2020 Sch. 9 para 2). One rule for the order
    form and for imported orders (rule DATA-1).
    """
    problems: dict[str, str] = {}
    court_problem = text_problem("court", court, required=True, max_length=100)
    if court_problem:
        problems["court"] = court_problem
    if sentence_date is None:
        problems["sentence_date"] = "Enter the sentence date."
    elif sentence_date > today:
        problems["sentence_date"] = "The sentence date cannot be in the future."
    elif date_of_birth is not None and sentence_date <= date_of_birth:
        problems["sentence_date"] = "The sentence date is before the person was born."
    if isinstance(hours_ordered, bool) or not isinstance(hours_ordered, int) \
            or not MIN_HOURS <= hours_ordered <= MAX_HOURS:
        problems["hours_ordered"] = (f"The hours ordered must be between {MIN_HOURS} and "
                                     f"{MAX_HOURS}.")
    return problems


def effective_deadline(deadline: dt.date | None,
                       extended_to: Iterable[dt.date] = ()) -> dt.date | None:
    """The completion deadline in force: the latest extension granted, else the order's own.

    None where the order has no deadline: a time limit that does not apply (``upw.deadline_
    applies`` off when the order was made) is stored as NULL, which means none, and an
    extension does not invent one. An extension is always later than the deadline it
    replaces (the orders service refuses any other), so the latest date is the one in force;
    taking the latest also keeps an extension granted out of order from shortening it.

    >>> effective_deadline(dt.date(2027, 3, 1), [dt.date(2027, 6, 1)])
    datetime.date(2027, 6, 1)
    >>> effective_deadline(None, [dt.date(2027, 6, 1)]) is None
    True
    """
    if deadline is None:
        return None
    return max((deadline, *extended_to))


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


