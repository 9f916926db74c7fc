"""Through the Gate: custody episodes, resettlement plans, referrals, reviews and handovers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from upw_ttg.domain.codes import (
    ContactMethod,
    CustodyEventKind,
    CustodyStatus,
    DiversityCategory,
    MappaLevel,
    NeedStatus,
    PlanStatus,
    ReferralStatus,
    ReleaseDateType,
    Responsibility,
    RiskLevel,
    TravelPayment,
)
from upw_ttg.storage.models.base import Base, Versioned, enum_column, search_key, utc_now


class CustodyEpisode(Versioned, Base):
    __tablename__ = "custody_episode"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"),
                                           index=True)
    prison_id: Mapped[int] = mapped_column(ForeignKey("prison.id"), index=True)
    prison_number: Mapped[str] = mapped_column(search_key(7), unique=True)
    reception_date: Mapped[dt.date] = mapped_column(Date)
    sentence_length_days: Mapped[int | None] = mapped_column(Integer)
    screening_date: Mapped[dt.date | None] = mapped_column(Date)
    sentence_start_date: Mapped[dt.date | None] = mapped_column(Date)
    conditional_release_date: Mapped[dt.date | None] = mapped_column(Date)
    automatic_release_date: Mapped[dt.date | None] = mapped_column(Date)
    parole_eligibility_date: Mapped[dt.date | None] = mapped_column(Date)
    hdc_eligibility_date: Mapped[dt.date | None] = mapped_column(Date)
    hdc_approved_date: Mapped[dt.date | None] = mapped_column(Date)
    confirmed_release_date: Mapped[dt.date | None] = mapped_column(Date)
    licence_expiry_date: Mapped[dt.date | None] = mapped_column(Date)
    sentence_expiry_date: Mapped[dt.date | None] = mapped_column(Date)
    pss_end_date: Mapped[dt.date | None] = mapped_column(Date)
    # Denormalised from the dates above on every save, so dashboards can filter by index.
    expected_release_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    expected_release_type: Mapped[ReleaseDateType | None] = enum_column(ReleaseDateType)
    released_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[CustodyStatus] = enum_column(CustodyStatus, nullable=False,
                                                default=CustodyStatus.IN_CUSTODY)
    worker_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    __table_args__ = (
        CheckConstraint("length(prison_number) = 7", name="prison_number_length"),
        CheckConstraint("sentence_length_days IS NULL OR sentence_length_days > 0",
                        name="sentence_length"),
    )


class CustodyDateChange(Base):
    __tablename__ = "custody_date_change"
    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(
        ForeignKey("custody_episode.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[dt.date | None] = mapped_column(Date)
    new_value: Mapped[dt.date | None] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(String(200))
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class CustodyEvent(Base):
    """Transfer, recall, early release and the like, each with its reason."""

    __tablename__ = "custody_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(
        ForeignKey("custody_episode.id", ondelete="CASCADE"), index=True)
    kind: Mapped[CustodyEventKind] = enum_column(CustodyEventKind, nullable=False)
    event_date: Mapped[dt.date] = mapped_column(Date)
    from_prison_id: Mapped[int | None] = mapped_column(ForeignKey("prison.id"))
    to_prison_id: Mapped[int | None] = mapped_column(ForeignKey("prison.id"))
    reason: Mapped[str] = mapped_column(String(200))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class ResettlementPlan(Versioned, Base):
    __tablename__ = "resettlement_plan"
    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(
        ForeignKey("custody_episode.id", ondelete="CASCADE"), unique=True)
    status: Mapped[PlanStatus] = enum_column(PlanStatus, nullable=False,
                                             default=PlanStatus.DRAFT)
    started_on: Mapped[dt.date | None] = mapped_column(Date)
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    completed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    strengths_none_identified: Mapped[bool] = mapped_column(Boolean, default=False)
    strengths_none_reason: Mapped[str | None] = mapped_column(String(400))
    diversity_considered: Mapped[bool] = mapped_column(Boolean, default=False)
    risk_level: Mapped[RiskLevel | None] = enum_column(RiskLevel)
    mappa_level: Mapped[MappaLevel | None] = enum_column(MappaLevel)
    risk_summary: Mapped[str | None] = mapped_column(Text)
    da_check_requested: Mapped[dt.date | None] = mapped_column(Date)
    da_check_received: Mapped[dt.date | None] = mapped_column(Date)
    da_check_outcome: Mapped[str | None] = mapped_column(String(200))
    cs_check_requested: Mapped[dt.date | None] = mapped_column(Date)
    cs_check_received: Mapped[dt.date | None] = mapped_column(Date)
    cs_check_outcome: Mapped[str | None] = mapped_column(String(200))
    person_agrees: Mapped[bool | None] = mapped_column(Boolean)
    agreed_on: Mapped[dt.date | None] = mapped_column(Date)
    person_comments: Mapped[str | None] = mapped_column(Text)
    # Set when an edit left a complete plan with a required section unanswered (rule TTG-7);
    # cleared when the plan is completed again.
    reopened_on: Mapped[dt.date | None] = mapped_column(Date)
    reopened_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    reopened_reason: Mapped[str | None] = mapped_column(Text)
    # What happens if the day of release falls through: what, who to call, by what time
    # (rule TTG-FALLBACK).
    release_fallback_plan: Mapped[str | None] = mapped_column(String(400))
    release_fallback_contact: Mapped[str | None] = mapped_column(String(200))
    release_fallback_by: Mapped[dt.time | None] = mapped_column(Time)
    # Who to call, when it is a provider in the directory: its details print as they are
    # when printed (rule TTG-DIR4); the contact text keeps its name as saved.
    release_fallback_provider_id: Mapped[int | None] = mapped_column(
        ForeignKey("service_provider.id"))


class PlanNeed(Versioned, Base):
    __tablename__ = "plan_need"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("resettlement_plan.id", ondelete="CASCADE"))
    pathway_code: Mapped[str] = mapped_column(ForeignKey("pathway.code"))
    own_words: Mapped[str | None] = mapped_column(Text)
    status: Mapped[NeedStatus] = enum_column(NeedStatus, nullable=False,
                                             default=NeedStatus.NOT_STARTED)
    responsibility: Mapped[Responsibility | None] = enum_column(Responsibility)
    linked_to_offending: Mapped[bool] = mapped_column(Boolean, default=False)
    # Printed on the person's copy? None: the default of rule DOC-5.
    on_persons_copy: Mapped[bool | None] = mapped_column(Boolean)
    # What happens if this part of the plan falls through: what, who to call, by when
    # (rule TTG-FALLBACK).
    fallback_plan: Mapped[str | None] = mapped_column(String(400))
    fallback_contact: Mapped[str | None] = mapped_column(String(200))
    fallback_by: Mapped[dt.date | None] = mapped_column(Date)
    fallback_provider_id: Mapped[int | None] = mapped_column(ForeignKey("service_provider.id"))
    __table_args__ = (UniqueConstraint("plan_id", "pathway_code"),)


class NeedProgress(Base):
    __tablename__ = "need_progress"
    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("plan_need.id", ondelete="CASCADE"),
                                         index=True)
    entry_date: Mapped[dt.date] = mapped_column(Date)
    entry: Mapped[str] = mapped_column(Text)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))


class PlanAction(Versioned, Base):
    __tablename__ = "plan_action"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("resettlement_plan.id", ondelete="CASCADE"),
                                         index=True)
    need_id: Mapped[int | None] = mapped_column(ForeignKey("plan_need.id", ondelete="CASCADE"))
    description: Mapped[str] = mapped_column(String(400))
    owner: Mapped[str] = mapped_column(String(120))
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    manages_risk: Mapped[bool] = mapped_column(Boolean, default=False)
    # The owner, when it is a provider in the directory (rule TTG-DIR4).
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("service_provider.id"))


class PlanStrength(Base):
    __tablename__ = "plan_strength"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("resettlement_plan.id", ondelete="CASCADE"),
                                         index=True)
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(400))
    # The same strength worded for the person's own copy; the staff wording prints when unset.
    persons_wording: Mapped[str | None] = mapped_column(String(400))
    __table_args__ = (CheckConstraint("kind IN ('strength', 'protective_factor')", name="kind"),)


class PlanDiversityNeed(Base):
    __tablename__ = "plan_diversity_need"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("resettlement_plan.id", ondelete="CASCADE"),
                                         index=True)
    category: Mapped[DiversityCategory] = enum_column(DiversityCategory, nullable=False)
    description: Mapped[str] = mapped_column(String(400))
    adjustment: Mapped[str] = mapped_column(String(400))


class PlanConsent(Base):
    __tablename__ = "plan_consent"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("resettlement_plan.id", ondelete="CASCADE"),
                                         index=True)
    agency: Mapped[str] = mapped_column(String(120))
    consent_given: Mapped[bool] = mapped_column(Boolean)
    recorded_on: Mapped[dt.date] = mapped_column(Date)


class Referral(Versioned, Base):
    __tablename__ = "referral"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("resettlement_plan.id", ondelete="CASCADE"),
                                         index=True)
    pathway_code: Mapped[str] = mapped_column(ForeignKey("pathway.code"))
    # The name as it was when saved; a directory provider's current name is read through
    # provider_id, so printed documents give its details as they are today (rule TTG-DIR4).
    provider: Mapped[str] = mapped_column(String(120))
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("service_provider.id"),
                                                    index=True)
    sent_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[ReferralStatus] = enum_column(ReferralStatus, nullable=False,
                                                 default=ReferralStatus.SENT)
    response_expected_by: Mapped[dt.date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(400))
    withdrawn_reason_code: Mapped[str | None] = mapped_column(String(20))
    __table_args__ = (
        CheckConstraint("status <> 'withdrawn' OR withdrawn_reason_code IS NOT NULL",
                        name="withdrawn_reason"),
    )


class PreReleaseReview(Versioned, Base):
    __tablename__ = "pre_release_review"
    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(
        ForeignKey("custody_episode.id", ondelete="CASCADE"), unique=True)
    review_date: Mapped[dt.date | None] = mapped_column(Date)
    accommodation_found: Mapped[bool | None] = mapped_column(Boolean)
    accommodation_address: Mapped[str | None] = mapped_column(String(200))
    # The hostel or housing provider, when it is in the directory (rule TTG-DIR4).
    accommodation_provider_id: Mapped[int | None] = mapped_column(
        ForeignKey("service_provider.id"))
    id_status: Mapped[str | None] = mapped_column(String(100))
    bank_account_status: Mapped[str | None] = mapped_column(String(100))
    benefits_status: Mapped[str | None] = mapped_column(String(100))
    gp_registered: Mapped[bool | None] = mapped_column(Boolean)
    gp_details: Mapped[str | None] = mapped_column(String(200))
    # The GP practice and the pharmacy, when they are in the directory (rule TTG-DIR4); the
    # typed text keeps the name as saved.
    gp_provider_id: Mapped[int | None] = mapped_column(ForeignKey("service_provider.id"))
    # Staff notes; the person's sheet prints only whether it is arranged and where to collect.
    prescriptions_on_day: Mapped[str | None] = mapped_column(String(200))
    prescriptions_arranged: Mapped[bool | None] = mapped_column(Boolean)
    prescriptions_collect_from: Mapped[str | None] = mapped_column(String(200))
    prescriptions_provider_id: Mapped[int | None] = mapped_column(
        ForeignKey("service_provider.id"))
    travel_route: Mapped[str | None] = mapped_column(String(200))
    travel_payment: Mapped[TravelPayment | None] = enum_column(TravelPayment)
    first_appointment_with: Mapped[str | None] = mapped_column(String(120))
    first_appointment_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    first_appointment_where: Mapped[str | None] = mapped_column(String(200))
    first_appointment_phone: Mapped[str | None] = mapped_column(String(30))


class Handover(Versioned, Base):
    __tablename__ = "handover"
    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[int] = mapped_column(
        ForeignKey("custody_episode.id", ondelete="CASCADE"), unique=True)
    ro_name: Mapped[str | None] = mapped_column(String(120))
    ro_organisation: Mapped[str | None] = mapped_column(String(120))
    ro_team: Mapped[str | None] = mapped_column(String(120))
    ro_email: Mapped[str | None] = mapped_column(String(120))
    ro_phone: Mapped[str | None] = mapped_column(String(30))
    risk_info_shared: Mapped[bool] = mapped_column(Boolean, default=False)
    risk_info_shared_on: Mapped[dt.date | None] = mapped_column(Date)
    meeting_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    meeting_notes: Mapped[str | None] = mapped_column(Text)


class HandoverContact(Base):
    __tablename__ = "handover_contact"
    id: Mapped[int] = mapped_column(primary_key=True)
    handover_id: Mapped[int] = mapped_column(ForeignKey("handover.id", ondelete="CASCADE"),
                                             index=True)
    contact_date: Mapped[dt.date] = mapped_column(Date)
    method: Mapped[ContactMethod] = enum_column(ContactMethod, nullable=False)
    shared: Mapped[str] = mapped_column(String(400))
    acknowledged_on: Mapped[dt.date | None] = mapped_column(Date)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
