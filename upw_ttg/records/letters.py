"""The letters on a person's case, each its own line, and what each letter and the breach
summary print: the person-facing letters have no field for risk, health or offence information."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from upw_ttg.domain.codes import Language, OrderType
from upw_ttg.records.upw_print import OfficeContact

APPOINTMENT_LETTER = "Appointment letter"
WARNING_LETTER = "Warning letter"
BREACH_SUMMARY = "Breach summary"
COMPLETION_LETTER = "Completion letter"
# The failures a warning can answer: the enforceable outcome codes.
FAILURE_KINDS = ("UAAB", "AFTC", "ATSH")


@dataclass(frozen=True, slots=True)
class LetterLine:
    """One letter. ``opens`` says where it is reprinted: ``appointment_letter`` (the session,
    ``ref_id`` its id, ``appointment_id`` the person's place), ``warning_letter`` and
    ``breach_summary`` (printed again straight away; ``ref_id`` the appointment or the order),
    or ``order`` (the order's hours, where the completion letter is printed)."""

    when: dt.date
    kind: str
    about: str
    printed_on: dt.date | None
    times_printed: int
    opens: str
    ref_id: int
    appointment_id: int = 0


@dataclass(frozen=True, slots=True)
class LetterHead:
    """Who the letter is to and from; names, addresses and phone numbers only."""

    language: Language
    person_name: str
    address_lines: tuple[str, ...]
    crn: str
    office: OfficeContact
    letter_date: dt.date
    signatory: str


@dataclass(frozen=True, slots=True)
class NextSession:
    """Where and when the person is next expected: a date, times and a place, nothing more."""

    day: dt.date
    start_time: dt.time
    end_time: dt.time
    place: str
    address_lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class WarningLetter:
    """The letter describes the failure, says it is unacceptable, and says that a further
    failure within the warning period (the setting's months, to a stated date) leads to breach
    proceedings.

    No field can hold risk, health or offence information: the failure is described from the
    outcome code and the session, plus the decider's own words written for the person.
    """

    head: LetterHead
    court: str
    sentence_date: dt.date
    order_type: OrderType
    hours_ordered: int
    failure_code: str
    failure_date: dt.date
    project_name: str
    start_time: dt.time
    end_time: dt.time
    # The decider's description of what happened, written to be read by the person.
    circumstances: str | None
    warning_date: dt.date
    warning_ends_on: dt.date
    # The warning period in months (setting upw.warning_period_months), as the letter says it.
    warning_months: int
    respond_by: dt.date | None
    remaining_minutes: int
    # The next booked session after the letter is printed; None when none is booked.
    next_session: NextSession | None = None

    def __post_init__(self) -> None:
        if self.failure_code not in FAILURE_KINDS:
            raise ValueError(f"A warning answers an enforceable failure, not {self.failure_code}")


@dataclass(frozen=True, slots=True)
class CompletionLetter:
    """No field can hold risk, health or offence information."""

    head: LetterHead
    court: str
    sentence_date: dt.date
    order_type: OrderType
    hours_ordered: int
    completed_on: dt.date
    standalone: bool
    incentive_minutes: int
    projects: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BreachFailure:
    on: dt.date
    code: str
    project: str
    notes: str | None
    notes_withheld: bool


@dataclass(frozen=True, slots=True)
class BreachAction:
    """One action on the order; ``overturned_on`` when a manager overturned it (rule
    UPW-OVERSIGHT), with the manager's reason: it is kept for the record but no longer
    stands."""

    on: dt.date
    code: str
    description: str
    respond_by: dt.date | None
    text: str | None
    staff: str | None
    overturned_on: dt.date | None = None
    overturned_reason: str | None = None


@dataclass(frozen=True, slots=True)
class BreachAdjustment:
    """One approved change to the minutes owed, so the court can trace the total."""

    on: dt.date
    kind: str
    reason: str
    minutes: int


@dataclass(frozen=True, slots=True)
class BreachSummary:
    """The breach summary for the court file: staff-facing, so it may carry the notes on a
    failure (``notes_withheld`` when the reader may not see them)."""

    language: Language
    crn: str
    name: str
    date_of_birth: dt.date
    address_lines: tuple[str, ...]
    office: str | None
    coordinator: str | None
    court: str
    sentence_date: dt.date
    order_type: OrderType
    hours_ordered: int
    credited_minutes: int
    adjustment_minutes: int
    remaining_minutes: int
    deadline: dt.date | None
    attended: int
    acceptable: int
    failures: tuple[BreachFailure, ...]
    actions: tuple[BreachAction, ...]
    referred_on: dt.date | None
    breach_due: dt.date | None
    printed_at: dt.datetime
    printed_by: str | None
    adjustments: tuple[BreachAdjustment, ...] = ()
