"""The figures' definitions (rules FIG-1 to FIG-17): what counts, in which month, and when it
meets the standard. Each composes the rules it measures; none restates one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from upw_ttg.domain.enforcement import BREACH_REQUESTED, covering_warning
from upw_ttg.domain.records_to_check import impossible_dates
from upw_ttg.domain.working_days import WorkingCalendar


class FigureGroup(StrEnum):
    UPW = "upw"
    TTG = "ttg"


class FigureKind(StrEnum):
    # ``count`` of ``total`` cases met the standard.
    RATE = "rate"
    # ``count`` is minutes (hours completed); there is no total.
    MINUTES = "minutes"


@dataclass(frozen=True, slots=True)
class FigureDefinition:
    key: str
    group: FigureGroup
    label: str
    # The inspection question the figure answers and the rule it counts by (docs/rules.md).
    question: str
    rule: str
    kind: FigureKind = FigureKind.RATE


MONTHS_SHOWN = 12
# The inspection expects an outcome on the record within two working days of the session
# (HMIP 2019, 4.1.4: "prompt" recording so enforcement can follow).
OUTCOME_KEYING_WORKING_DAYS = 2
# Service failures are not offers the person could take: a stand-down or a reschedule the
# service asked for does not count towards the hours offered (rule FIG-2).
NOT_OFFERED_CODES = frozenset({"AASD", "RSSR"})

U, T = FigureGroup.UPW, FigureGroup.TTG
DEFINITIONS: tuple[FigureDefinition, ...] = (
    FigureDefinition("first_session", U, "First session within the set working days of "
                     "sentence", "4.1.4", "FIG-1"),
    FigureDefinition("weekly_offer", U, "Months with the weekly hours offered", "4.1.2",
                     "FIG-2"),
    FigureDefinition("outcomes_keyed", U, "Outcomes keyed within 2 working days", "4.1.4",
                     "FIG-3"),
    FigureDefinition("enforcement_on_time", U, "Enforcement decisions on time", "4.1.4",
                     "FIG-4"),
    FigureDefinition("warning_then_referral", U, "Failures after a warning referred for breach",
                     "4.1.4", "FIG-5"),
    FigureDefinition("hs_answered", U, "Assessments with health, safety and vulnerability "
                     "answered", "4.1.1", "FIG-6"),
    FigureDefinition("completion", U, "Orders ended that were completed", "4.1.4", "FIG-7"),
    FigureDefinition("hours_completed", U, "Hours completed", "4.1.4", "FIG-8",
                     FigureKind.MINUTES),
    FigureDefinition("extension_needed", U, "Orders needing an extension at the second review",
                     "4.1.4", "FIG-9"),
    FigureDefinition("plans_on_time", T, "Plans completed on time", "4.2.1", "FIG-10"),
    FigureDefinition("plans_strengths", T, "Plans with strengths and protective factors",
                     "4.2.1", "FIG-11"),
    FigureDefinition("plans_diversity", T, "Plans with diversity needs considered", "4.2.1",
                     "FIG-11"),
    FigureDefinition("plans_risk", T, "Plans with risk of harm considered", "4.2.3", "FIG-11"),
    FigureDefinition("referrals_closed", T, "Referrals closed with an outcome", "4.2.2",
                     "FIG-12"),
    FigureDefinition("reviews_on_time", T, "Pre-release reviews on time", "4.2.2", "FIG-13"),
    FigureDefinition("handover_before_release", T, "Responsible officer contacted before "
                     "release", "4.2.3", "FIG-14"),
    FigureDefinition("risk_shared", T, "Risk of harm information shared before release",
                     "4.2.3", "FIG-15"),
)
DEFINITIONS_BY_KEY = {d.key: d for d in DEFINITIONS}
# Figures where fewer is better: a chart or table must not read them as a score to raise.
LOWER_IS_BETTER = frozenset({"extension_needed"})


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def months_window(today: dt.date, count: int = MONTHS_SHOWN) -> tuple[dt.date, ...]:
    """The first days of the last ``count`` months, oldest first, this month last."""
    this = month_of(today)
    return tuple(this - relativedelta(months=n) for n in range(count - 1, -1, -1))


# Remembered: the figures ask for the same dozen months' ends tens of thousands of times, and
# calendar-month arithmetic is slow.
@lru_cache(maxsize=512)
def month_end(first: dt.date) -> dt.date:
    return first + relativedelta(months=1) - dt.timedelta(days=1)


def usable_date(day: dt.date | None) -> dt.date | None:
    """A date the figures can count from: a mistyped one (year 1 or 2230) is left out rather
    than taking the figures down (the records-to-check lists name it)."""
    if day is None or impossible_dates({"date": day}):
        return None
    return day


def outcome_keying_due(calendar: WorkingCalendar, session_date: dt.date,
                       working_days: int = OUTCOME_KEYING_WORKING_DAYS) -> dt.date:
    """Rule FIG-3: the last day an outcome may be keyed and still count as prompt."""
    return calendar.add_working_days(session_date, working_days)


def met_by(done: dt.date | None, due: dt.date, today: dt.date) -> bool | None:
    """Whether something due on ``due`` and done on ``done`` met its deadline; None when it
    does not count yet (not done, and the deadline has not passed)."""
    if done is not None:
        return done <= due
    return False if due < today else None


def live_days(month: dt.date, start: dt.date, end: dt.date | None, today: dt.date) -> int:
    """Days of ``month`` on which an order running from ``start`` to ``end`` (its completion or
    closure; None if still live) was live, counting no further than ``today``."""
    first = max(month, start)
    last = min(month_end(month), end or today, today)
    return max(0, (last - first).days + 1)


def offer_met(offered_minutes: int, weekly_target_minutes: int, days: int) -> bool:
    """Rule FIG-2: the minutes offered in the days an order was live in a month reach the
    weekly target (rule UPW-11) for those days."""
    return offered_minutes * 7 >= weekly_target_minutes * days


def referral_after_warning(warnings: Iterable[dt.date], failed_on: dt.date,
                           decided_on: dt.date, decision_code: str,
                           months: int) -> bool | None:
    """Rule FIG-5: None when no warning obliged a referral for this failure (rule UPW-20);
    else whether the decision was the referral the law requires."""
    if covering_warning(warnings, failed_on, decided_on, months) is None:
        return None
    return decision_code == BREACH_REQUESTED


def referral_closed(status: str, outcome: str | None, withdrawn_reason: str | None) -> bool:
    """Rule FIG-12: a referral is closed with an outcome when the provider's answer is on the
    record (accepted, declined or completed, with what came of it) or it was withdrawn with
    its reason; one still "sent" is open."""
    if status == "sent":
        return False
    if status == "withdrawn":
        return bool(withdrawn_reason)
    return bool(outcome and outcome.strip())
