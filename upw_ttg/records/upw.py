"""Plain data objects of UPW scheduling that services accept and return; never ORM objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from enum import StrEnum

from upw_ttg.domain.codes import (
    AllergyAction,
    Gender,
    MedicationEffect,
    PatternFrequency,
    PlacementPreference,
    RiskLevel,
    SessionStatus,
    WarrantMode,
    WarrantStatus,
)
from upw_ttg.domain.records_to_check import RecordToCheck
from upw_ttg.domain.upw_schedule import SkippedDay

COMMITMENT_KINDS = ("employment", "education", "caring", "religious", "other")


# --- assessment -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CommitmentInput:
    kind: str
    weekday: int  # 0 = Monday
    start_time: dt.time
    end_time: dt.time
    description: str | None = None


@dataclass(slots=True)
class AssessmentInput:
    """Every answer of the UPW assessment; ``None`` in an explicit question is unanswered."""

    person_id: int
    order_id: int | None = None
    availability: str = "N" * 21
    placement_preference: PlacementPreference | None = None
    female_only_offered: bool | None = None
    risk_level: RiskLevel | None = None
    risk_sexual_offending: bool = False
    risk_to_children: bool = False
    risk_to_vulnerable_adults: bool = False
    risk_violence: bool = False
    risk_hate_behaviour: bool = False
    risk_serious_group_offending: bool = False
    victim_exclusion_zone: str | None = None
    restrictive_orders: str | None = None
    no_female_supervisor: bool = False
    no_male_supervisor: bool = False
    close_supervision: bool = False
    hs_allergies: bool | None = None
    hs_allergies_detail: str | None = None
    hs_allergy_action: AllergyAction | None = None
    hs_epilepsy: bool | None = None
    hs_pregnancy: bool | None = None
    hs_mobility: bool | None = None
    hs_mobility_detail: str | None = None
    hs_medication: bool | None = None
    hs_medication_detail: str | None = None
    hs_medication_effects: tuple[MedicationEffect, ...] = ()
    vulnerable: bool | None = None
    vulnerability_detail: str | None = None
    disabilities: str | None = None
    reasonable_adjustments: str | None = None
    literacy_need: bool | None = None
    driving_licence: bool | None = None
    vehicle_access: bool | None = None
    public_transport_accessible: bool | None = None
    ete_need: bool | None = None
    intensive_extra_hours: int = 0
    ppe_top: str | None = None
    ppe_trousers: str | None = None
    ppe_boots: str | None = None
    ppe_gloves: str | None = None
    commitments: tuple[CommitmentInput, ...] = ()
    version: int | None = None


# The columns of ``upw_assessment`` that AssessmentInput carries one to one.
ASSESSMENT_COLUMNS: tuple[str, ...] = tuple(
    f.name for f in fields(AssessmentInput)
    if f.name not in ("person_id", "order_id", "commitments", "version"))


@dataclass(frozen=True, slots=True)
class AssessmentRecord:
    id: int
    person_id: int
    order_id: int | None
    completed_on: dt.date | None
    completed_by: str | None
    answers: AssessmentInput
    female_only_to_offer: bool  # gender identity is not male, so the offer must be recorded
    unanswered: tuple[str, ...]  # plain messages for what stops it being completed
    version: int
    updated_at: dt.datetime

    @property
    def complete(self) -> bool:
        return self.completed_on is not None

    def to_input(self) -> AssessmentInput:
        values = {f.name: getattr(self.answers, f.name) for f in fields(AssessmentInput)}
        values["version"] = self.version
        return AssessmentInput(**values)


# --- projects, vans, pick-up points, supervisors -------------------------------------------

@dataclass(slots=True)
class ProjectInput:
    code: str = ""
    name: str = ""
    project_type: str = "group"
    office_id: int | None = None
    beneficiary: str = ""
    beneficiary_contact: str | None = None
    beneficiary_phone: str | None = None
    beneficiary_email: str | None = None
    site_address: str = ""
    site_town: str | None = None
    site_postcode: str | None = None
    frequency: PatternFrequency = PatternFrequency.WEEKLY
    weekdays: tuple[int, ...] = ()  # ISO: 1 = Monday
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    available_from: dt.date | None = None
    available_to: dt.date | None = None
    end_date: dt.date | None = None
    hi_vis_required: bool = False
    break_minutes: int | None = None  # None: the setting's default
    capacity: int = 0
    default_supervisor_id: int | None = None
    female_only: bool = False
    active: bool = True
    tags: tuple[str, ...] = ()
    version: int | None = None
    # The skills the project practises (rule UPW-SKILLS); None keeps those on record.
    skill_ids: tuple[int, ...] | None = None


@dataclass(frozen=True, slots=True)
class ProjectRecord:
    id: int
    code: str
    name: str
    project_type: str
    office_id: int
    office_name: str
    delivery_unit_id: int
    beneficiary: str
    beneficiary_contact: str | None
    beneficiary_phone: str | None
    beneficiary_email: str | None
    site_address: str
    site_town: str | None
    site_postcode: str | None
    frequency: PatternFrequency
    weekdays: tuple[int, ...]
    start_time: dt.time
    end_time: dt.time
    available_from: dt.date
    available_to: dt.date | None
    end_date: dt.date | None
    hi_vis_required: bool
    break_minutes: int
    capacity: int
    default_supervisor_id: int | None
    female_only: bool
    active: bool
    tags: tuple[str, ...]
    version: int
    skill_ids: tuple[int, ...] = ()

    def to_input(self) -> ProjectInput:
        values = {f.name: getattr(self, f.name) for f in fields(ProjectInput)}
        return ProjectInput(**values)


@dataclass(slots=True)
class VanInput:
    registration: str = ""
    name: str = ""
    seats: int = 0
    office_id: int | None = None
    active: bool = True
    version: int | None = None


@dataclass(frozen=True, slots=True)
class VanRecord:
    id: int
    registration: str
    name: str
    seats: int
    office_id: int
    active: bool
    version: int


@dataclass(slots=True)
class PickupPointInput:
    name: str = ""
    address: str = ""
    postcode: str | None = None
    office_id: int | None = None
    active: bool = True
    version: int | None = None
    town: str | None = None


@dataclass(frozen=True, slots=True)
class PickupPointRecord:
    id: int
    name: str
    address: str
    postcode: str | None
    town: str | None
    office_id: int
    active: bool
    version: int


@dataclass(frozen=True, slots=True)
class SupervisorRow:
    id: int
    full_name: str
    gender: Gender
    office_id: int | None
    active: bool


# --- sessions ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SessionPickupRow:
    id: int
    pickup_point_id: int
    name: str
    address: str
    pickup_time: dt.time


@dataclass(frozen=True, slots=True)
class SessionRecord:
    id: int
    project_id: int
    project_code: str
    project_name: str
    project_type: str
    session_date: dt.date
    start_time: dt.time
    end_time: dt.time
    supervisors: tuple[SupervisorRow, ...]  # the lead first
    van_id: int | None
    van_name: str | None
    van_seats: int | None
    female_only: bool
    status: SessionStatus
    stood_down_reason: str | None
    interpreter_booked: bool
    places: int
    booked: int
    by_van: int
    pickups: tuple[SessionPickupRow, ...]
    version: int

    @property
    def fill(self) -> str:
        return f"{self.booked}/{self.places}"


@dataclass(frozen=True, slots=True)
class GenerationResult:
    created: tuple[dt.date, ...]
    already_there: tuple[dt.date, ...]
    skipped: tuple[SkippedDay, ...]


# --- placing ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PlacementRequest:
    order_id: int
    session_id: int
    session_pickup_id: int | None = None
    travels_by_van: bool = False
    override_reason: str | None = None


@dataclass(frozen=True, slots=True)
class AppointmentRow:
    id: int
    person_id: int
    order_id: int
    session_id: int
    session_pickup_id: int | None
    travels_by_van: bool
    override_reason: str | None
    outcome_code: str | None
    version: int


@dataclass(frozen=True, slots=True)
class SessionPerson:
    appointment_id: int
    person_id: int
    order_id: int
    crn: str
    name: str
    is_woman: bool
    phone: str | None
    pickup_name: str | None
    pickup_time: dt.time | None
    travels_by_van: bool
    interpreter_needed: bool
    override_reason: str | None
    outcome_code: str | None
    version: int


@dataclass(frozen=True, slots=True)
class SessionDetail:
    session: SessionRecord
    people: tuple[SessionPerson, ...]
    warnings: tuple[str, ...]
    to_check: tuple[RecordToCheck, ...] = ()


# --- planner, waiting list and auto-fill ---------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PlannerCell:
    session_id: int
    session_date: dt.date
    start_time: dt.time
    end_time: dt.time
    booked: int
    places: int
    van_booked: int
    van_seats: int | None
    female_only: bool
    women: int
    interpreter_needed: bool
    interpreter_booked: bool
    status: SessionStatus
    warnings: tuple[str, ...]

    @property
    def fill(self) -> str:
        return f"{self.booked}/{self.places}"


@dataclass(frozen=True, slots=True)
class PlannerRow:
    project_id: int
    project_code: str
    project_name: str
    project_type: str
    office_name: str
    female_only: bool
    days: tuple[tuple[PlannerCell, ...], ...]  # Monday..Sunday, sessions of that day


@dataclass(frozen=True, slots=True)
class WeekPlan:
    delivery_unit_id: int
    week_start: dt.date
    days: tuple[dt.date, ...]
    rows: tuple[PlannerRow, ...]
    to_check: tuple[RecordToCheck, ...] = ()


@dataclass(frozen=True, slots=True)
class WaitingRow:
    order_id: int
    person_id: int
    crn: str
    name: str
    office_name: str | None
    reasons: tuple[str, ...]
    minutes_booked_this_week: int
    minutes_target: int
    first_session_due: dt.date | None
    next_session: dt.date | None
    female_only_choice: bool
    interpreter_needed: bool


@dataclass(frozen=True, slots=True)
class ProposedPlacement:
    order_id: int
    person_id: int
    session_id: int
    session_pickup_id: int | None
    travels_by_van: bool
    session_date: dt.date
    start_time: dt.time
    end_time: dt.time
    project_name: str
    minutes: int


@dataclass(frozen=True, slots=True)
class Shortfall:
    order_id: int
    person_id: int
    crn: str
    name: str
    minutes_target: int
    minutes_proposed: int
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AutoFillProposal:
    week_start: dt.date
    delivery_unit_id: int | None
    placements: tuple[ProposedPlacement, ...]
    shortfalls: tuple[Shortfall, ...]
    orders_considered: int
    notes: tuple[str, ...] = ()
    to_check: tuple[RecordToCheck, ...] = ()


@dataclass(frozen=True, slots=True)
class ApplyResult:
    created: int
    already_there: int
    refused: tuple[tuple[ProposedPlacement, tuple[str, ...]], ...]


# --- stand-downs ---------------------------------------------------------------------------

class StandDownReason(StrEnum):
    WEATHER = "weather"
    VEHICLE = "vehicle"
    NO_SUPERVISOR = "no_supervisor"
    OTHER = "other"


STAND_DOWN_LABELS = {
    StandDownReason.WEATHER: "Weather",
    StandDownReason.VEHICLE: "Vehicle",
    StandDownReason.NO_SUPERVISOR: "No supervisor",
    StandDownReason.OTHER: "Other",
}


@dataclass(frozen=True, slots=True)
class SessionOffer:
    session_id: int
    project_name: str
    session_date: dt.date
    start_time: dt.time
    end_time: dt.time
    free_places: int
    warnings: tuple[str, ...]  # soft rules a booking would need a reason for


@dataclass(frozen=True, slots=True)
class PersonToTell:
    person_id: int
    order_id: int
    crn: str
    name: str
    phone: str | None
    pickup_name: str | None
    pickup_time: dt.time | None
    offers: tuple[SessionOffer, ...]
    warrant_serials: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StandDownResult:
    session_id: int
    reason: str
    people: tuple[PersonToTell, ...]
    warrants_flagged: tuple[WarrantRecord, ...]
    moved: tuple[AppointmentRow, ...] = ()


# --- travel warrants -----------------------------------------------------------------------

@dataclass(slots=True)
class WarrantInput:
    person_id: int
    office_id: int | None = None
    session_id: int | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    travel_from: str = ""
    travel_to: str = ""
    mode: WarrantMode = WarrantMode.BUS
    fare_pence: int = 0
    eligibility: str = ""
    reason: str = ""
    # A return ticket on each day of travel, or a single.
    return_journey: bool = True


@dataclass(frozen=True, slots=True)
class WarrantRecord:
    id: int
    office_id: int
    office_code: str
    office_name: str
    serial: int
    person_id: int
    crn: str
    name: str
    session_id: int | None
    valid_from: dt.date
    valid_to: dt.date
    travel_from: str
    travel_to: str
    mode: WarrantMode
    fare_pence: int
    eligibility: str
    reason: str
    issued_by: str | None
    issued_on: dt.date
    status: WarrantStatus
    void_reason: str | None
    version: int
    return_journey: bool = True

    @property
    def serial_text(self) -> str:
        return format_serial(self.office_code, self.serial)


def format_serial(office_code: str, serial: int) -> str:
    return f"{office_code}-{serial:06d}"


@dataclass(frozen=True, slots=True)
class SpendRow:
    office_id: int
    office_name: str
    month: dt.date  # the first of the month
    warrants: int
    total_pence: int
