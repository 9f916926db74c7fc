"""Completion forecast and reviews (rule UPW-22): can the hours be worked in time?"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from dateutil.relativedelta import relativedelta

# Weeks of recent credit that make up "the current rate".
RATE_WEEKS = 8
# Less spare capacity than this share of the remaining hours is amber.
AMBER_MARGIN_PERCENT = 20
# A review shows as due from this many days before its date until this many after.
REVIEW_LEAD_DAYS = 14
REVIEW_GRACE_DAYS = 28


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"


@dataclass(frozen=True, slots=True)
class ForecastFigures:
    rag: Rag
    reason: str
    weeks_left: int | None
    deliverable_minutes: int | None
    at_rate_minutes: int | None


def whole_weeks(start: dt.date, end: dt.date) -> int:
    """Whole weeks from ``start`` to ``end`` (0 if ``end`` is not later)."""
    return max(0, (end - start).days // 7)


def recent_rate(credited_recent: int, sentence_date: dt.date, today: dt.date) -> int:
    """Minutes a week credited lately: over ``RATE_WEEKS``, or since sentence if younger."""
    weeks = min(RATE_WEEKS, max(1, whole_weeks(sentence_date, today)))
    return credited_recent // weeks


def forecast(*, remaining: int, booked: int, last_booked: dt.date | None, deadline: dt.date | None,
             today: dt.date, offer_per_week: int, rate_per_week: int) -> ForecastFigures:
    """The RAG status of one live order; all figures in minutes, up to the deadline.

    * ``booked``: what the person's future appointments will credit (session less break);
    * deliverable: booked, plus the weekly offer for every whole week after the last booking;
    * at rate: booked, plus the person's own recent weekly rate for those weeks.

    Red when even the offer cannot deliver the remaining hours (or the deadline has passed);
    amber when the offer could but the person's own pace would not, or the margin is under
    20%; green otherwise. With no deadline (Sentencing Act 2026 s.36) an order is amber only
    when nothing is booked.
    """
    if remaining <= 0:
        return ForecastFigures(Rag.GREEN, "All hours worked.", None, booked, booked)
    if deadline is None:
        if booked == 0:
            return ForecastFigures(Rag.AMBER, "No time limit, but nothing is booked.", None,
                                   None, None)
        return ForecastFigures(Rag.GREEN, "No time limit; sessions are booked.", None, None, None)
    if deadline < today:
        return ForecastFigures(Rag.RED, "The deadline has passed with hours still to work.", 0,
                               booked, booked)
    start = max(today, last_booked) if last_booked else today
    weeks = whole_weeks(start, deadline)
    deliverable = booked + offer_per_week * weeks
    at_rate = booked + rate_per_week * weeks
    if deliverable < remaining:
        return ForecastFigures(Rag.RED, "Even the full weekly offer cannot deliver the hours "
                               "before the deadline.", weeks, deliverable, at_rate)
    if at_rate < remaining:
        return ForecastFigures(Rag.AMBER, "At the current rate the hours will not be worked "
                               "before the deadline.", weeks, deliverable, at_rate)
    if (deliverable - remaining) * 100 < remaining * AMBER_MARGIN_PERCENT:
        return ForecastFigures(Rag.AMBER, "Little spare time before the deadline.", weeks,
                               deliverable, at_rate)
    return ForecastFigures(Rag.GREEN, "On course to finish before the deadline.", weeks,
                           deliverable, at_rate)


# Remembered: a list of thousands of orders asks again for the same few hundred sentence dates,
# and calendar arithmetic took a fifth of the forecast's time.
@lru_cache(maxsize=4096)
def review_dates(sentence_date: dt.date, first_months: int,
                 second_months: int) -> tuple[dt.date, dt.date]:
    return (sentence_date + relativedelta(months=first_months),
            sentence_date + relativedelta(months=second_months))


def review_due(first: dt.date, second: dt.date, today: dt.date) -> str | None:
    """"first" or "second" when that review falls in its window around today, else None."""
    for name, day in (("second", second), ("first", first)):
        if day - dt.timedelta(days=REVIEW_LEAD_DAYS) <= today <= \
                day + dt.timedelta(days=REVIEW_GRACE_DAYS):
            return name
    return None


def needs_extension(*, remaining: int, at_rate: int | None, deadline: dt.date | None,
                    second_review: dt.date, today: dt.date) -> bool:
    """Rule UPW-22: from the second review on, hours that cannot be worked at the current rate."""
    if deadline is None or remaining <= 0 or today < second_review:
        return False
    return at_rate is None or at_rate < remaining
