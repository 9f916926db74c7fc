"""Plain data objects of attendance, crediting and enforcement: the registers, ledgers and queues
the services return and accept; never ORM objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from upw_ttg.domain.codes import AdjustmentKind, AdjustmentStatus, OrderStatus, OutcomeCode, Rating
from upw_ttg.domain.crediting import IncentiveStatus, LedgerLine, minutes_between
from upw_ttg.domain.enforcement import Decision
from upw_ttg.domain.forecast import Rag
from upw_ttg.domain.orders import balance_minutes
from upw_ttg.domain.oversight import ReviewKind, ReviewVerdict
from upw_ttg.domain.records_to_check import RecordToCheck


@dataclass(slots=True)
class RegisterEntry:
    """What the register screen submits for one row; ``version`` is what it loaded."""

    appointment_id: int
    outcome_code: str | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    penalty_minutes: int = 0
    work_quality: Rating | None = None
    behaviour: Rating | None = None
    hi_vis_worn: bool | None = None
    notes: str | None = None
    notes_sensitive: bool = False
    version: int | None = None


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """One person on a register, in sheet order; times default to the session's."""

    appointment_id: int
    row_number: int
    person_id: int
    order_id: int
    crn: str
    name: str
    pickup: str | None
    outcome_code: str | None
    start_time: dt.time | None
    end_time: dt.time | None
    penalty_minutes: int
    minutes_credited: int
    work_quality: Rating | None
    behaviour: Rating | None
    hi_vis_worn: bool | None
    notes: str | None
    notes_sensitive: bool
    # Minutes still owed on the order leaving this appointment's own credit out.
    minutes_owed: int
    # An enforcement decision is recorded for this failure, so its outcome is locked.
    decided: bool
    version: int

    def to_entry(self) -> RegisterEntry:
        names = [f.name for f in fields(RegisterEntry)]
        return RegisterEntry(**{name: getattr(self, name) for name in names})


@dataclass(frozen=True, slots=True)
class Register:
    session_id: int
    sheet_id: str
    project_id: int
    project_code: str
    project_name: str
    project_type: str
    session_date: dt.date
    start_time: dt.time
    end_time: dt.time
    break_minutes: int
    hi_vis_required: bool
    supervisor: str | None
    stood_down: bool
    has_started: bool
    has_ended: bool
    sheet_printed: bool
    rows: tuple[RegisterRow, ...]
    # The outcomes the rules allow for this session now (only absences before it starts).
    outcome_choices: tuple[OutcomeCode, ...]
    # People whose row could not be worked out, named with what to check.
    to_check: tuple[RecordToCheck, ...] = ()

    @property
    def session_minutes(self) -> int:
        return minutes_between(self.start_time, self.end_time)

    def entries(self) -> list[RegisterEntry]:
        return [row.to_entry() for row in self.rows]


@dataclass(frozen=True, slots=True)
class RegisterSaveResult:
    register: Register
    changed: tuple[int, ...]
    notices: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MissingOutcomeRow:
    appointment_id: int
    session_id: int
    session_date: dt.date
    start_time: dt.time
    end_time: dt.time
    project_id: int
    project_code: str
    project_name: str
    delivery_unit_code: str
    person_id: int
    crn: str
    name: str
    days_overdue: int


@dataclass(frozen=True, slots=True)
class ProjectBacklog:
    project_id: int
    project_code: str
    project_name: str
    delivery_unit_code: str
    missing: int
    oldest: dt.date


@dataclass(frozen=True, slots=True)
class AdjustmentRow:
    id: int
    order_id: int
    appointment_id: int | None
    kind: AdjustmentKind
    minutes: int
    status: AdjustmentStatus
    reason: str
    adjusted_on: dt.date


@dataclass(frozen=True, slots=True)
class OrderTotals:
    """An order's totals as they stand (minutes): what was ordered, credited and approved as
    adjustments, and the deadline in force; ``services.order_totals`` builds them."""

    order_id: int
    ordered_minutes: int
    credited_minutes: int
    adjustment_minutes: int    # approved, all kinds
    deadline: dt.date | None   # the effective deadline: the latest extension, else the order's
    # Only when asked for (crediting needs them):
    ete_used_minutes: int | None = None   # credited on ETE projects plus approved ETE credit
    incentive_minutes: int | None = None  # the approved incentive reduction (negative or 0)

    @property
    def remaining_minutes(self) -> int:
        """Minutes still owed (rule UPW-15)."""
        return balance_minutes(self.ordered_minutes, self.adjustment_minutes,
                               self.credited_minutes)


@dataclass(frozen=True, slots=True)
class OrderLedger:
    """Rule UPW-15 made visible: every line traces to the hours ordered, an appointment or an
    adjustment, and ``remaining == max(0, ordered + adjustments - credited)``."""

    order_id: int
    person_id: int
    crn: str
    name: str
    hours_ordered: int
    ordered_minutes: int
    credited_minutes: int
    adjustment_minutes: int
    remaining_minutes: int
    pending_travel_minutes: int
    ete_cap_minutes: int
    ete_used_minutes: int
    status: OrderStatus
    deadline: dt.date | None
    completed_on: dt.date | None
    completion_letter_ready: bool
    incentive: IncentiveStatus
    lines: tuple[LedgerLine, ...]

    @property
    def ete_remaining_minutes(self) -> int:
        return max(0, self.ete_cap_minutes - self.ete_used_minutes)


@dataclass(frozen=True, slots=True)
class TravelTask:
    """A pending travel-time decision (rule UPW-13) for one attended appointment."""

    adjustment_id: int
    order_id: int
    appointment_id: int
    person_id: int
    crn: str
    name: str
    session_date: dt.date
    project_code: str
    project_name: str
    delivery_unit_code: str
    proposed_minutes: int
    cap_minutes: int


@dataclass(frozen=True, slots=True)
class EnforcementActionRow:
    id: int
    order_id: int
    appointment_id: int | None
    code: str
    description: str
    action_date: dt.date
    respond_by: dt.date | None
    outcome: str | None
    notes: str | None
    staff: str | None
    late_reason: str | None = None  # why it was recorded after the day it was taken
    overturned: bool = False  # by a manager's check (rule UPW-OVERSIGHT): it no longer counts


@dataclass(frozen=True, slots=True)
class DecisionInfo:
    """What the decision screen shows: the failure, the dates and what the law allows."""

    appointment_id: int
    order_id: int
    person_id: int
    crn: str
    name: str
    failed_on: dt.date
    outcome_code: str
    outcome_description: str
    project_name: str
    decision_due: dt.date | None
    breach_due: dt.date
    overdue: bool
    must_refer: bool
    choices: tuple[Decision, ...]
    covering_warning_on: dt.date | None
    covering_warning_ends: dt.date | None
    explanation: str
    decided: EnforcementActionRow | None
    as_of: dt.date  # the date of the decision the choices are for (today unless asked)


@dataclass(frozen=True, slots=True)
class QueueItem:
    appointment_id: int | None
    order_id: int
    person_id: int
    crn: str
    name: str
    event_date: dt.date
    code: str
    due: dt.date | None
    overdue: bool
    coordinator_id: int | None
    coordinator: str | None
    delivery_unit_code: str | None
    must_refer: bool = False
    # A manager overturned the decision or the accepted absence, and why (rule UPW-OVERSIGHT).
    reopened_reason: str | None = None


@dataclass(frozen=True, slots=True)
class EnforcementQueue:
    decisions: tuple[QueueItem, ...]
    evidence_overdue: tuple[QueueItem, ...]
    breaches_not_laid: tuple[QueueItem, ...]
    to_check: tuple[RecordToCheck, ...] = ()
    # Every evidence overdue, when ``evidence_overdue`` holds only the first page of them.
    evidence_overdue_total: int = 0
    # Decisions and accepted absences a manager overturned, not yet dealt with again.
    reopened: tuple[QueueItem, ...] = ()


@dataclass(frozen=True, slots=True)
class OrderForecast:
    order_id: int
    person_id: int
    crn: str
    name: str
    delivery_unit_code: str | None
    coordinator_id: int | None
    coordinator: str | None
    sentence_date: dt.date
    deadline: dt.date | None
    remaining_minutes: int
    booked_minutes: int
    last_booked: dt.date | None
    rate_per_week: int
    deliverable_minutes: int | None
    at_rate_minutes: int | None
    rag: Rag
    reason: str
    first_review: dt.date
    second_review: dt.date
    review_due: str | None
    needs_extension: bool


@dataclass(frozen=True, slots=True)
class DaySession:
    """A session in the day's print list."""

    session_id: int
    project_code: str
    project_name: str
    delivery_unit_code: str
    start_time: dt.time
    end_time: dt.time
    supervisor: str | None
    people: int


@dataclass(frozen=True, slots=True)
class CompletionDue:
    """A completed order whose completion letter has not been printed yet."""

    order_id: int
    person_id: int
    crn: str
    name: str
    completed_on: dt.date | None


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A decision or accepted absence waiting for a manager's check (rule UPW-OVERSIGHT)."""

    id: int
    kind: ReviewKind
    order_id: int
    appointment_id: int
    person_id: int
    crn: str
    name: str
    event_date: dt.date      # the session the failure or absence was on
    code: str                # the action decided, or the absence's outcome code
    description: str
    decided_on: dt.date
    decided_by_id: int | None
    decided_by: str | None
    delivery_unit_code: str | None
    notes: str | None        # the decision's circumstances, or the register's note
    verdict: ReviewVerdict | None
    reason: str | None
    version: int


@dataclass(frozen=True, slots=True)
class AgreementRate:
    """How often a manager agreed with one coordinator's, or one unit's, checked items."""

    key_id: int | None
    label: str
    agreed: int
    overturned: int
    rate: float | None


@dataclass(frozen=True, slots=True)
class ReviewQueue:
    items: tuple[ReviewItem, ...]
    by_coordinator: tuple[AgreementRate, ...]
    by_unit: tuple[AgreementRate, ...]
    sample_percent: int
