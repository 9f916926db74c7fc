"""Crediting hours (rules UPW-12 to UPW-16): credit, caps, the incentive reduction, the ledger."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from upw_ttg.domain.codes import OUTCOME_CODES, OUTCOMES_BY_CODE, AdjustmentKind

ATTENDED_CODES = frozenset(o.code for o in OUTCOME_CODES if o.attended)
ENFORCEABLE_CODES = frozenset(o.code for o in OUTCOME_CODES if o.enforceable)
# Rule UPW-13: travel time is credited only on group and individual placements, never on
# induction or ETE (MoJ ``travelTimeSupported``).
TRAVEL_TIME_PROJECT_TYPES = frozenset({"group", "individual"})
ETE_PROJECT_TYPE = "ete"
# Sentencing Act 2026 s.37 (MoJ configuration): qualify after 25% of the hours, then half an
# hour off for each further hour worked; the maximum follows as 25% of the order.
INCENTIVE_THRESHOLD = (1, 4)
INCENTIVE_AWARD = (1, 2)


def is_attended(code: str | None) -> bool:
    return code is not None and code in ATTENDED_CODES


def is_enforceable(code: str | None) -> bool:
    return code is not None and code in ENFORCEABLE_CODES


def minutes_between(start: dt.time, end: dt.time) -> int:
    """Whole minutes from ``start`` to ``end`` on the same day (negative if end is earlier)."""
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def credit_minutes(*, outcome_code: str | None, start: dt.time | None, end: dt.time | None,
                   penalty_minutes: int, break_minutes: int, owed_minutes: int) -> int:
    """Rule UPW-12: (end - start) - penalty - unpaid break, attended outcomes only.

    Never below 0 and never more than ``owed_minutes``, the minutes still owed on the order
    leaving this appointment's own credit out (so crediting it again gives the same answer).
    """
    if not is_attended(outcome_code) or start is None or end is None:
        return 0
    worked = minutes_between(start, end) - penalty_minutes - break_minutes
    return max(0, min(worked, owed_minutes))


def credit_problem(credited_minutes: int, session_minutes: int) -> str | None:
    """What is wrong when an appointment holds more credit than its session lasted, which
    rule UPW-12 never gives (the credit is the time worked, less penalty and break): hours
    written past the application, to be corrected before they are counted again."""
    if 0 <= credited_minutes <= session_minutes:
        return None
    return (f"Check the hours credited ({credited_minutes // 60} h {credited_minutes % 60:02d}) "
            f"against a session of {session_minutes // 60} h {session_minutes % 60:02d}: the "
            "credit cannot be more than the session's length.")


def ete_cap_minutes(hours_ordered: int, percent: int) -> int:
    """Rule UPW-14: the most ETE may count for, as minutes of the ordered hours."""
    return hours_ordered * 60 * percent // 100


class IncentiveState(StrEnum):
    OFF = "off"
    QUALIFYING = "qualifying"
    EARNING = "earning"
    DISQUALIFIED = "disqualified"


@dataclass(frozen=True, slots=True)
class IncentiveStatus:
    """Rule UPW-16 as MoJ computes it: current and projected discount, in minutes."""

    state: IncentiveState
    threshold_minutes: int
    qualifying_minutes: int
    current_discount: int
    projected_discount: int
    maximum_discount: int
    disqualified_on: dt.date | None


def incentive_status(*, enabled: bool, ordered_minutes: int,
                     credits: Iterable[tuple[dt.date, str, int]]) -> IncentiveStatus:
    """The incentive reduction from ``(date, outcome code, minutes credited)`` in date order.

    Qualifying time is the time worked before the first enforceable outcome; from that
    outcome on the person is disqualified and keeps what they had already earned.
    """
    num, den = INCENTIVE_THRESHOLD
    award_num, award_den = INCENTIVE_AWARD
    threshold = ordered_minutes * num // den
    # The discount stops growing when the time worked meets the reduced requirement:
    # W = (1 + d*q) / (1 + d) of the order, and the maximum discount is the rest.
    maximum = ordered_minutes - (ordered_minutes * (den * award_den + award_num * num)
                                 // (den * (award_den + award_num)))
    if not enabled:
        return IncentiveStatus(IncentiveState.OFF, threshold, 0, 0, 0, maximum, None)
    qualifying = 0
    disqualified_on = None
    for day, code, minutes in credits:
        if is_enforceable(code):
            disqualified_on = day
            break
        if is_attended(code):
            qualifying += minutes
    current = min(maximum, max(0, qualifying - threshold) * award_num // award_den)
    if disqualified_on is not None:
        state, projected = IncentiveState.DISQUALIFIED, current
    else:
        state = IncentiveState.EARNING if qualifying > threshold else IncentiveState.QUALIFYING
        projected = maximum
    return IncentiveStatus(state, threshold, qualifying, current, projected, maximum,
                           disqualified_on)


class LedgerLineKind(StrEnum):
    ORDERED = "ordered"
    APPOINTMENT = "appointment"
    ADJUSTMENT = "adjustment"


@dataclass(frozen=True, slots=True)
class LedgerLine:
    """One line of an order's ledger; ``change`` is its effect on the minutes owed.

    Pending and rejected adjustments are listed (so every decision is visible) with
    ``counts`` False and a change of 0.
    """

    on: dt.date
    kind: LedgerLineKind
    description: str
    change: int
    balance_after: int
    counts: bool
    appointment_id: int | None = None
    adjustment_id: int | None = None
    outcome_code: str | None = None
    adjustment_kind: AdjustmentKind | None = None
    status: str | None = None


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """Input to ``ledger_lines``: an appointment credit or an adjustment."""

    on: dt.date
    kind: LedgerLineKind
    description: str
    change: int
    counts: bool = True
    appointment_id: int | None = None
    adjustment_id: int | None = None
    outcome_code: str | None = None
    adjustment_kind: AdjustmentKind | None = None
    status: str | None = None


def ledger_lines(sentence_date: dt.date, ordered_minutes: int,
                 entries: Iterable[LedgerEntry]) -> list[LedgerLine]:
    """The ledger in date order, each line with the running balance (before the 0 floor)."""
    lines = [LedgerLine(sentence_date, LedgerLineKind.ORDERED, "Hours ordered", ordered_minutes,
                        ordered_minutes, True)]
    running = ordered_minutes
    # Appointments before adjustments on the same day, each in the order recorded.
    ordered = sorted(entries, key=lambda e: (e.on, e.kind != LedgerLineKind.APPOINTMENT,
                                             e.adjustment_id or e.appointment_id or 0))
    for entry in ordered:
        change = entry.change if entry.counts else 0
        running += change
        lines.append(LedgerLine(entry.on, entry.kind, entry.description, change, running,
                                entry.counts, entry.appointment_id, entry.adjustment_id,
                                entry.outcome_code, entry.adjustment_kind, entry.status))
    return lines


def outcome_description(code: str | None) -> str:
    if code is None:
        return "No outcome yet"
    outcome = OUTCOMES_BY_CODE.get(code)
    return f"{code} {outcome.description}" if outcome else code
