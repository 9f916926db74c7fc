"""What a delivery unit can offer the courts (rule UPW-SENTENCERS): waits and placement kinds."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class OfferKind(StrEnum):
    """How a placement is worked, as the sheet groups them; female-only comes before the
    project's type, so a female-only individual placement is listed as female-only."""

    GROUP = "group"
    INDIVIDUAL = "individual"
    FEMALE_ONLY = "female_only"
    ETE = "ete"


@dataclass(frozen=True, slots=True)
class WaitFigures:
    """Days from sentence to the first attended session, over orders whose first session fell
    on or after ``since``; and the orders still waiting for one today."""

    since: dt.date
    orders: int
    median_days: int | None
    shortest_days: int | None
    longest_days: int | None
    still_waiting: int
    longest_waiting_days: int | None


# Recent orders: those whose first session fell within this many days before today.
WAIT_WINDOW_DAYS = 91
# Free places are counted on sessions from tomorrow to this many days ahead.
OFFER_WINDOW_DAYS = 28


def offer_kind(project_type: str, female_only: bool) -> OfferKind | None:
    """How the sheet lists a session of ``project_type``; None for inductions and any type
    that is not a placement."""
    if project_type == "ete":
        return OfferKind.ETE
    if female_only and project_type in ("group", "individual"):
        return OfferKind.FEMALE_ONLY
    return {"group": OfferKind.GROUP, "individual": OfferKind.INDIVIDUAL}.get(project_type)


def wait_figures(started: Iterable[tuple[dt.date, dt.date]], waiting: Iterable[dt.date], *,
                 today: dt.date) -> WaitFigures:
    """The wait from sentence to first session: median, shortest and longest in days over
    ``started`` (sentence date, first session) whose first session fell in the last
    ``WAIT_WINDOW_DAYS``; and of ``waiting`` (sentence dates of orders with no first session
    yet, none after today) how many there are and the longest wait so far. The median of an
    even count is rounded up to a whole day, never down."""
    since = today - dt.timedelta(days=WAIT_WINDOW_DAYS)
    days = sorted(max(0, (first - sentenced).days) for sentenced, first in started
                  if since <= first <= today)
    pending = [max(0, (today - sentenced).days) for sentenced in waiting if sentenced <= today]
    median = None
    if days:
        middle = statistics.median(days)
        median = int(middle) + (middle % 1 > 0)
    return WaitFigures(since=since, orders=len(days), median_days=median,
                       shortest_days=days[0] if days else None,
                       longest_days=days[-1] if days else None, still_waiting=len(pending),
                       longest_waiting_days=max(pending) if pending else None)
