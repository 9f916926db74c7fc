"""Unpaid Work: orders, assessments, projects, sessions, vans, pick-ups, appointments, money."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from upw_ttg.domain.codes import (
    AdjustmentKind,
    AdjustmentStatus,
    AllergyAction,
    MedicationEffect,
    OrderStatus,
    OrderSubtype,
    OrderType,
    PatternFrequency,
    PlacementPreference,
    Rating,
    RiskLevel,
    SessionStatus,
    WarrantMode,
    WarrantStatus,
)
from upw_ttg.storage.models.base import Base, EnumSet, Versioned, enum_column, utc_now


def _partial_index(name: str, column: str, where: str) -> Index:
    """An index of only the rows matching ``where``, on both SQLite and PostgreSQL."""
    return Index(name, column, sqlite_where=text(where), postgresql_where=text(where))


class UpwOrder(Versioned, Base):
    """An unpaid work requirement of a court order."""

    __tablename__ = "upw_order"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"),
                                           index=True)
    court: Mapped[str] = mapped_column(String(100))
    sentence_date: Mapped[dt.date] = mapped_column(Date)
    order_type: Mapped[OrderType] = enum_column(OrderType, nullable=False)
    subtype: Mapped[OrderSubtype] = enum_column(OrderSubtype, nullable=False,
                                                default=OrderSubtype.REGULAR)
    hours_ordered: Mapped[int] = mapped_column(Integer)
    standalone: Mapped[bool] = mapped_column(Boolean, default=True)
    ete_allowed: Mapped[bool] = mapped_column(Boolean, default=False)
    travel_time_eligible: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[OrderStatus] = enum_column(OrderStatus, nullable=False,
                                              default=OrderStatus.AWAITING_FIRST_SESSION)
    # NULL when no time limit applies (Sentencing Act 2026 s.36 in force).
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    closure_reason: Mapped[str | None] = mapped_column(String(200))
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    __table_args__ = (
        CheckConstraint("hours_ordered BETWEEN 40 AND 300", name="hours_ordered_range"),
        CheckConstraint("deadline IS NULL OR deadline > sentence_date", name="deadline_after"),
        Index("ix_upw_order_status", "status"),
    )


class OrderExtension(Base):
    __tablename__ = "order_extension"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("upw_order.id", ondelete="CASCADE"),
                                          index=True)
    granted_on: Mapped[dt.date] = mapped_column(Date)
    court: Mapped[str] = mapped_column(String(100))
    new_deadline: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200))


class UpwAssessment(Versioned, Base):
    """The UPW assessment; ``None`` in an explicit question means not yet answered."""

    __tablename__ = "upw_assessment"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"),
                                           index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("upw_order.id", ondelete="SET NULL"),
                                                 index=True)
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    completed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    # 21 characters, Mon..Sun x morning/afternoon/evening, 'Y' available, 'N' not.
    availability: Mapped[str] = mapped_column(String(21), default="N" * 21)
    placement_preference: Mapped[PlacementPreference | None] = enum_column(PlacementPreference)
    female_only_offered: Mapped[bool | None] = mapped_column(Boolean)
    risk_level: Mapped[RiskLevel | None] = enum_column(RiskLevel)
    risk_sexual_offending: Mapped[bool] = mapped_column(Boolean, default=False)
    risk_to_children: Mapped[bool] = mapped_column(Boolean, default=False)
    risk_to_vulnerable_adults: Mapped[bool] = mapped_column(Boolean, default=False)
    risk_violence: Mapped[bool] = mapped_column(Boolean, default=False)
    risk_hate_behaviour: Mapped[bool] = mapped_column(Boolean, default=False)
    risk_serious_group_offending: Mapped[bool] = mapped_column(Boolean, default=False)
    victim_exclusion_zone: Mapped[str | None] = mapped_column(String(200))
    restrictive_orders: Mapped[str | None] = mapped_column(String(200))
    no_female_supervisor: Mapped[bool] = mapped_column(Boolean, default=False)
    no_male_supervisor: Mapped[bool] = mapped_column(Boolean, default=False)
    close_supervision: Mapped[bool] = mapped_column(Boolean, default=False)
    hs_allergies: Mapped[bool | None] = mapped_column(Boolean)
    hs_allergies_detail: Mapped[str | None] = mapped_column(String(200))
    hs_allergy_action: Mapped[AllergyAction | None] = enum_column(AllergyAction)
    hs_epilepsy: Mapped[bool | None] = mapped_column(Boolean)
    hs_pregnancy: Mapped[bool | None] = mapped_column(Boolean)
    hs_mobility: Mapped[bool | None] = mapped_column(Boolean)
    hs_mobility_detail: Mapped[str | None] = mapped_column(String(200))
    hs_medication: Mapped[bool | None] = mapped_column(Boolean)
    # The medicine is for the office; the work sheet prints only its effect on safety.
    hs_medication_detail: Mapped[str | None] = mapped_column(String(200))
    # Every way the medication affects safety on site, one alert each on the work sheet.
    hs_medication_effects: Mapped[tuple[MedicationEffect, ...]] = mapped_column(
        EnumSet(MedicationEffect, 200), nullable=True, default=())
    vulnerable: Mapped[bool | None] = mapped_column(Boolean)
    vulnerability_detail: Mapped[str | None] = mapped_column(String(400))
    disabilities: Mapped[str | None] = mapped_column(String(400))
    reasonable_adjustments: Mapped[str | None] = mapped_column(String(400))
    literacy_need: Mapped[bool | None] = mapped_column(Boolean)
    driving_licence: Mapped[bool | None] = mapped_column(Boolean)
    vehicle_access: Mapped[bool | None] = mapped_column(Boolean)
    public_transport_accessible: Mapped[bool | None] = mapped_column(Boolean)
    ete_need: Mapped[bool | None] = mapped_column(Boolean)
    intensive_extra_hours: Mapped[int] = mapped_column(Integer, default=0)
    ppe_top: Mapped[str | None] = mapped_column(String(10))
    ppe_trousers: Mapped[str | None] = mapped_column(String(10))
    ppe_boots: Mapped[str | None] = mapped_column(String(10))
    ppe_gloves: Mapped[str | None] = mapped_column(String(10))
    __table_args__ = (
        CheckConstraint("intensive_extra_hours BETWEEN 0 AND 21", name="intensive_range"),
        CheckConstraint("length(availability) = 21", name="availability_grid"),
    )


class AssessmentCommitment(Base):
    """Employment, education, caring or religious commitment with its times."""

    __tablename__ = "assessment_commitment"
    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("upw_assessment.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    weekday: Mapped[int] = mapped_column(Integer)
    start_time: Mapped[dt.time] = mapped_column(Time)
    end_time: Mapped[dt.time] = mapped_column(Time)
    description: Mapped[str | None] = mapped_column(String(200))
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        CheckConstraint("end_time > start_time", name="end_after_start"),
        CheckConstraint("kind IN ('employment', 'education', 'caring', 'religious', 'other')",
                        name="kind"),
    )


class Project(Versioned, Base):
    __tablename__ = "project"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    project_type: Mapped[str] = mapped_column(ForeignKey("project_type.code"))
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), index=True)
    beneficiary: Mapped[str] = mapped_column(String(120))
    beneficiary_contact: Mapped[str | None] = mapped_column(String(120))
    beneficiary_phone: Mapped[str | None] = mapped_column(String(30))
    beneficiary_email: Mapped[str | None] = mapped_column(String(120))
    site_address: Mapped[str] = mapped_column(String(200))
    site_town: Mapped[str | None] = mapped_column(String(60))
    site_postcode: Mapped[str | None] = mapped_column(String(10))
    frequency: Mapped[PatternFrequency] = enum_column(PatternFrequency, nullable=False)
    # ISO weekdays as digits, e.g. "246" for Tuesday, Thursday, Saturday.
    weekdays: Mapped[str] = mapped_column(String(7))
    start_time: Mapped[dt.time] = mapped_column(Time)
    end_time: Mapped[dt.time] = mapped_column(Time)
    available_from: Mapped[dt.date] = mapped_column(Date)
    available_to: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    hi_vis_required: Mapped[bool] = mapped_column(Boolean, default=False)
    break_minutes: Mapped[int] = mapped_column(Integer, default=30)
    capacity: Mapped[int] = mapped_column(Integer)
    default_supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    female_only: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    __table_args__ = (
        CheckConstraint("capacity > 0", name="capacity_positive"),
        CheckConstraint("break_minutes >= 0", name="break_minutes"),
        CheckConstraint("end_time > start_time", name="end_after_start"),
    )


class ProjectTag(Base):
    __tablename__ = "project_tag"
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"),
                                            primary_key=True)
    tag: Mapped[str] = mapped_column(String(30), primary_key=True)


class Van(Versioned, Base):
    __tablename__ = "van"
    id: Mapped[int] = mapped_column(primary_key=True)
    registration: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    seats: Mapped[int] = mapped_column(Integer)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    __table_args__ = (CheckConstraint("seats > 0", name="seats_positive"),)


class PickupPoint(Versioned, Base):
    __tablename__ = "pickup_point"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(200))
    town: Mapped[str | None] = mapped_column(String(60))
    postcode: Mapped[str | None] = mapped_column(String(10))
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class UpwSession(Versioned, Base):
    """One project on one date: the unit people are placed on."""

    __tablename__ = "upw_session"
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="RESTRICT"))
    session_date: Mapped[dt.date] = mapped_column(Date)
    start_time: Mapped[dt.time] = mapped_column(Time)
    end_time: Mapped[dt.time] = mapped_column(Time)
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    van_id: Mapped[int | None] = mapped_column(ForeignKey("van.id"), index=True)
    female_only: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[SessionStatus] = enum_column(SessionStatus, nullable=False,
                                                default=SessionStatus.PLANNED)
    stood_down_reason: Mapped[str | None] = mapped_column(String(200))
    interpreter_booked: Mapped[bool] = mapped_column(Boolean, default=False)
    __table_args__ = (
        UniqueConstraint("project_id", "session_date", "start_time"),
        CheckConstraint("end_time > start_time", name="end_after_start"),
        Index("ix_upw_session_date", "session_date"),
    )


class SessionSupervisor(Base):
    """Extra supervisors on a session beyond the lead; capacity counts them all."""

    __tablename__ = "session_supervisor"
    session_id: Mapped[int] = mapped_column(ForeignKey("upw_session.id", ondelete="CASCADE"),
                                            primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), primary_key=True, index=True)


class SessionPickup(Base):
    __tablename__ = "session_pickup"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("upw_session.id", ondelete="CASCADE"))
    pickup_point_id: Mapped[int] = mapped_column(ForeignKey("pickup_point.id"))
    pickup_time: Mapped[dt.time] = mapped_column(Time)
    __table_args__ = (UniqueConstraint("session_id", "pickup_point_id"),)


class Appointment(Versioned, Base):
    """A person's place on a session and, afterwards, what happened."""

    __tablename__ = "appointment"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    order_id: Mapped[int] = mapped_column(ForeignKey("upw_order.id", ondelete="RESTRICT"),
                                          index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("upw_session.id", ondelete="RESTRICT"),
                                            index=True)
    session_pickup_id: Mapped[int | None] = mapped_column(
        ForeignKey("session_pickup.id", ondelete="SET NULL"))
    travels_by_van: Mapped[bool] = mapped_column(Boolean, default=False)
    sheet_row: Mapped[int | None] = mapped_column(Integer)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    end_time: Mapped[dt.time | None] = mapped_column(Time)
    outcome_code: Mapped[str | None] = mapped_column(ForeignKey("outcome_code.code"))
    penalty_minutes: Mapped[int] = mapped_column(Integer, default=0)
    minutes_credited: Mapped[int] = mapped_column(Integer, default=0)
    work_quality: Mapped[Rating | None] = enum_column(Rating, check_name="work_quality")
    behaviour: Mapped[Rating | None] = enum_column(Rating, check_name="behaviour")
    hi_vis_worn: Mapped[bool | None] = mapped_column(Boolean)
    notes: Mapped[str | None] = mapped_column(Text)
    notes_sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    override_reason: Mapped[str | None] = mapped_column(String(400))
    evidence_due: Mapped[dt.date | None] = mapped_column(Date)
    evidence_received_on: Mapped[dt.date | None] = mapped_column(Date)
    enforcement_due: Mapped[dt.date | None] = mapped_column(Date)
    __table_args__ = (
        UniqueConstraint("person_id", "session_id"),
        CheckConstraint("penalty_minutes >= 0", name="penalty_minutes"),
        CheckConstraint("minutes_credited >= 0", name="minutes_credited"),
        CheckConstraint("end_time IS NULL OR start_time IS NULL OR end_time > start_time",
                        name="end_after_start"),
        Index("ix_appointment_person", "person_id"),
        # The managers' figures find a year's failures to comply among every outcome.
        Index("ix_appointment_outcome", "outcome_code"),
        # The lists of work still to do read only the few appointments each index holds,
        # instead of every appointment the service ever booked (issue 12).
        _partial_index("ix_appointment_awaiting_outcome", "session_id", "outcome_code IS NULL"),
        _partial_index("ix_appointment_enforcement_due", "enforcement_due",
                       "enforcement_due IS NOT NULL"),
        _partial_index("ix_appointment_evidence_awaited", "evidence_due",
                       "evidence_due IS NOT NULL AND evidence_received_on IS NULL"),
    )


class Adjustment(Base):
    """A change in minutes owed with its reason; positive adds to what is owed."""

    __tablename__ = "adjustment"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("upw_order.id", ondelete="CASCADE"),
                                          index=True)
    appointment_id: Mapped[int | None] = mapped_column(
        ForeignKey("appointment.id", ondelete="SET NULL"), index=True)
    kind: Mapped[AdjustmentKind] = enum_column(AdjustmentKind, nullable=False)
    minutes: Mapped[int] = mapped_column(Integer)
    status: Mapped[AdjustmentStatus] = enum_column(AdjustmentStatus, nullable=False,
                                                   default=AdjustmentStatus.APPROVED)
    reason: Mapped[str] = mapped_column(String(200))
    adjusted_on: Mapped[dt.date] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    __table_args__ = (CheckConstraint("minutes <> 0", name="minutes_nonzero"),)


class EnforcementAction(Base):
    __tablename__ = "enforcement_action"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("upw_order.id", ondelete="CASCADE"),
                                          index=True)
    appointment_id: Mapped[int | None] = mapped_column(
        ForeignKey("appointment.id", ondelete="SET NULL"), index=True)
    action_code: Mapped[str] = mapped_column(ForeignKey("enforcement_action_code.code"))
    action_date: Mapped[dt.date] = mapped_column(Date)
    respond_by: Mapped[dt.date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    # Why an action dated before the day it was keyed was recorded late.
    late_reason: Mapped[str | None] = mapped_column(String(400))
    # When a manager overturned it (rule UPW-OVERSIGHT): kept for the record, but it no longer
    # settles the failure, counts as a warning or puts the order in breach.
    overturned_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class WarrantSerial(Base):
    """The next serial per issuing office; updated under lock so serials have no gaps."""

    __tablename__ = "warrant_serial"
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), primary_key=True)
    next_serial: Mapped[int] = mapped_column(Integer, default=1)


class TravelWarrant(Versioned, Base):
    __tablename__ = "travel_warrant"
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    serial: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"),
                                           index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("upw_session.id"), index=True)
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date] = mapped_column(Date)
    travel_from: Mapped[str] = mapped_column(String(100))
    travel_to: Mapped[str] = mapped_column(String(100))
    mode: Mapped[WarrantMode] = enum_column(WarrantMode, nullable=False)
    fare_pence: Mapped[int] = mapped_column(Integer)
    # A return ticket on each day of travel (the usual case), or a single one.
    return_journey: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    eligibility: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(String(200))
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    issued_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[WarrantStatus] = enum_column(WarrantStatus, nullable=False,
                                                default=WarrantStatus.ISSUED)
    void_reason: Mapped[str | None] = mapped_column(String(200))
    __table_args__ = (
        UniqueConstraint("office_id", "serial"),
        CheckConstraint("serial > 0", name="serial_positive"),
        CheckConstraint("fare_pence >= 0", name="fare"),
        CheckConstraint("valid_to >= valid_from", name="valid_range"),
        CheckConstraint("status <> 'void' OR void_reason IS NOT NULL", name="void_reason"),
    )
