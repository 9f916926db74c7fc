"""The enforcement clock (rules UPW-17 to UPW-21): due dates, the 12-month warning rule, choices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from upw_ttg.domain.codes import OUTCOME_CODES
from upw_ttg.domain.working_days import WorkingCalendar

# Absences the person claims were acceptable need evidence (rule UPW-18); a stand-down is the
# service's own decision, so it needs none.
EVIDENCE_CODES = frozenset(o.code for o in OUTCOME_CODES
                           if o.acceptable_absence and o.code != "AASD")
RESCHEDULE_CODES = frozenset(o.code for o in OUTCOME_CODES if o.code.startswith("RS"))
# A future appointment may only be marked as an acceptable absence or a reschedule (MoJ
# AppointmentValidationService.validateOutcome).
FUTURE_ALLOWED_CODES = frozenset(o.code for o in OUTCOME_CODES
                                 if o.acceptable_absence) | RESCHEDULE_CODES

WARNING = "EA02"
WARNING_WITHDRAWN = "EA06"
BREACH_REQUESTED = "BRE01"
BREACH_LAID = "BRE02"
NO_FURTHER_ACTION = "NFA"
# Actions that settle the decision an enforceable outcome opens.
DECISION_CODES = frozenset({WARNING, BREACH_REQUESTED, NO_FURTHER_ACTION})
# Actions that need a respond-by date (MoJ ``respond_by_date_required``).
RESPOND_BY_CODES = frozenset({"ROM", WARNING, "EA08", "EA12"})
# No setting exists for the respond-by period yet; NDelius keeps one per action code.
RESPOND_BY_WORKING_DAYS = 5


class Decision(StrEnum):
    WARN = "warn"
    REFER = "refer"


DECISION_ACTION = {Decision.WARN: WARNING, Decision.REFER: BREACH_REQUESTED}
DECISION_LABELS = {Decision.WARN: "Give a first warning (EA02)",
                   Decision.REFER: "Refer for breach (BRE01)"}


def warning_period_end(warned_on: dt.date, months: int) -> dt.date:
    """The last day a warning given on ``warned_on`` covers (printed on the letter)."""
    return warned_on + relativedelta(months=months)


def warning_covers(warned_on: dt.date, failed_on: dt.date, decided_on: dt.date,
                   months: int) -> bool:
    """Whether a warning obliges referral for this failure (Sentencing Act 2020 Sch 10 para
    6(2), Sch 16 para 6(2): "a warning ... within the previous 12 months").

    The period is counted in calendar months with ``dateutil.relativedelta``: a warning
    given on day W covers a failure on day F when ``W <= decided_on`` and
    ``F <= W + relativedelta(months=12)``. So the anniversary of the warning is still inside
    (a warning of 3 Mar 2025 covers a failure on 3 Mar 2026, day 365, but not 4 Mar 2026,
    day 366; a warning of 1 Mar 2027 covers 1 Mar 2028, day 366 because 2028 is a leap
    year), and a warning given on 29 February runs to 28 February. The warning letter prints
    the same last date, so the letter and the rule always agree.

    The period is anchored on the failure, not on the decision, so a decision taken late
    cannot slip outside it; a warning given after this failure (for an earlier one) but
    before the decision also counts, because at the time of the decision the person "has
    been given a warning". ``warned_on`` is the date the warning was given, which the
    officer records with it (``action_date_problems``), never the day it was keyed, and
    ``decided_on`` is likewise the date the decision is taken.
    """
    return warned_on <= decided_on and failed_on <= warning_period_end(warned_on, months)


def action_date_problems(on: dt.date, today: dt.date, earliest: dt.date, earliest_what: str,
                         late_reason: str | None) -> dict[str, str]:
    """An enforcement decision or action carries the date it was taken (rule UPW-20 counts
    from it): not in the future, not before what it answers, and a date before the day it is
    keyed needs a reason, because the record is made late."""
    if on > today:
        return {"action_date": "The date it was taken cannot be in the future."}
    if on < earliest:
        return {"action_date": f"The date it was taken cannot be before {earliest_what} "
                               f"({earliest.day} {earliest:%b %Y})."}
    if on < today and not late_reason:
        return {"late_reason": "Say why this is recorded after the day it was taken."}
    return {}


def covering_warning(warnings: Iterable[dt.date], failed_on: dt.date, decided_on: dt.date,
                     months: int) -> dt.date | None:
    """The latest warning that obliges a referral for this failure (``warning_covers``)."""
    covering = [w for w in warnings if warning_covers(w, failed_on, decided_on, months)]
    return max(covering, default=None)


def decision_choices(must_refer: bool) -> tuple[Decision, ...]:
    """Rule UPW-20: a warning in the period leaves referral as the only lawful choice."""
    return (Decision.REFER,) if must_refer else (Decision.WARN, Decision.REFER)


def enforcement_due(calendar: WorkingCalendar, failed_on: dt.date, working_days: int) -> dt.date:
    """Rule UPW-19: the decision on a failure is due this many working days after it."""
    return calendar.add_working_days(failed_on, working_days)


def evidence_due(calendar: WorkingCalendar, absent_on: dt.date, working_days: int) -> dt.date:
    """Rule UPW-18: evidence of an acceptable absence is due this many working days after it."""
    return calendar.add_working_days(absent_on, working_days)


def breach_due(calendar: WorkingCalendar, failed_on: dt.date, working_days: int) -> dt.date:
    """Rule UPW-21: breach action is laid within this many working days of the failure."""
    return calendar.add_working_days(failed_on, working_days)


def respond_by(calendar: WorkingCalendar, code: str, action_date: dt.date,
               working_days: int = RESPOND_BY_WORKING_DAYS) -> dt.date | None:
    """The respond-by date of an action, for the codes that need one."""
    if code not in RESPOND_BY_CODES:
        return None
    return calendar.add_working_days(action_date, working_days)


def letter_respond_by(calendar: WorkingCalendar, recorded: dt.date | None,
                      printed_on: dt.date,
                      working_days: int = RESPOND_BY_WORKING_DAYS) -> dt.date | None:
    """Rule DOC-3: the respond-by date a letter prints. It is the date recorded with the
    decision (counted from the decision, not the printing), unless the letter is printed so
    late that the person would have fewer than ``working_days`` working days left: then they
    get that many from the day it is printed, so a letter never asks for a reply by a date
    already past."""
    if recorded is None:
        return None
    return max(recorded, calendar.add_working_days(printed_on, working_days))


@dataclass(frozen=True, slots=True)
class ActionFact:
    """An enforcement action as the rules need it."""

    code: str
    action_date: dt.date
    appointment_id: int | None


def live_warnings(actions: Iterable[ActionFact]) -> list[dt.date]:
    """Dates of first warnings on an order, leaving out any that were withdrawn (EA06)."""
    facts = list(actions)
    withdrawn = {a.appointment_id for a in facts if a.code == WARNING_WITHDRAWN}
    return sorted(a.action_date for a in facts
                  if a.code == WARNING and a.appointment_id not in withdrawn)
