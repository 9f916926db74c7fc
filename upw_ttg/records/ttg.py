"""Plain data objects of Through the Gate for staff screens: plans, referrals, handovers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from upw_ttg.domain.codes import (
    ContactMethod,
    CustodyEventKind,
    CustodyStatus,
    DiversityCategory,
    Language,
    MappaLevel,
    NeedStatus,
    PlanStatus,
    ReferralStatus,
    ReleaseDateType,
    Responsibility,
    RiskLevel,
    TravelPayment,
)
from upw_ttg.domain.resettlement import DeadlineMove, Deadlines, PlanSection, on_persons_copy
from upw_ttg.records.directory import ProviderContact


@dataclass(frozen=True, slots=True)
class EpisodeDeadlines:
    """An episode's deadlines now, and which of them moved when its dates changed."""

    episode_id: int
    expected_release_date: dt.date | None
    expected_release_type: ReleaseDateType | None
    released_on: dt.date | None
    deadlines: Deadlines
    moves: tuple[DeadlineMove, ...]


# ---- The resettlement plan -----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ProgressRow:
    id: int
    entry_date: dt.date
    entry: str
    staff: str | None


@dataclass(frozen=True, slots=True)
class NeedRecord:
    id: int
    pathway_code: str
    pathway_name: str
    womens_support: bool
    own_words: str | None
    status: NeedStatus
    responsibility: Responsibility | None
    linked_to_offending: bool
    progress: tuple[ProgressRow, ...]
    version: int
    # The worker's choice for the person's copy; None leaves it to rule DOC-5.
    on_persons_copy: bool | None = None
    fallback_plan: str | None = None
    fallback_contact: str | None = None
    fallback_by: dt.date | None = None
    # The provider to call, when it is in the directory: its details as they are now.
    fallback_provider_id: int | None = None
    fallback_provider: ProviderContact | None = None

    @property
    def has_fallback(self) -> bool:
        """Whether anything of a fallback is recorded (rule TTG-FALLBACK)."""
        return any((self.fallback_plan, self.fallback_contact, self.fallback_by))

    @property
    def shown_to_person(self) -> bool:
        """Whether the need prints on the person's copy (rule DOC-5)."""
        return on_persons_copy(self.womens_support, self.status, self.on_persons_copy)


@dataclass(slots=True)
class NeedInput:
    """A need on one pathway; ``version`` None creates it (one need per pathway)."""

    pathway_code: str
    own_words: str | None = None
    status: NeedStatus = NeedStatus.NOT_STARTED
    responsibility: Responsibility | None = None
    linked_to_offending: bool = False
    version: int | None = None
    on_persons_copy: bool | None = None
    # If this part of the plan falls through: what happens, who to call, by when.
    fallback_plan: str | None = None
    fallback_contact: str | None = None
    fallback_by: dt.date | None = None
    # Who to call is a provider in the directory; its name is then the contact.
    fallback_provider_id: int | None = None


@dataclass(frozen=True, slots=True)
class ReleaseFallbackInput:
    """If the day of release falls through: what happens, who to call, by what time."""

    plan: str | None = None
    contact: str | None = None
    by: dt.time | None = None
    version: int | None = None
    provider_id: int | None = None


@dataclass(frozen=True, slots=True)
class ActionRecord:
    id: int
    need_id: int | None
    pathway_code: str | None
    description: str
    owner: str
    due_date: dt.date | None
    done_on: dt.date | None
    manages_risk: bool
    version: int
    # The owner, when it is a provider in the directory: its details as they are now.
    provider_id: int | None = None
    provider: ProviderContact | None = None

    @property
    def outstanding(self) -> bool:
        return self.done_on is None


@dataclass(slots=True)
class ActionInput:
    description: str = ""
    owner: str = ""
    due_date: dt.date | None = None
    need_id: int | None = None
    manages_risk: bool = False
    done_on: dt.date | None = None
    version: int | None = None
    provider_id: int | None = None


@dataclass(frozen=True, slots=True)
class StrengthRow:
    id: int
    kind: str  # "strength" or "protective_factor"
    description: str
    persons_wording: str | None = None  # as the person reads it on their own copy


@dataclass(frozen=True, slots=True)
class DiversityNeedRow:
    id: int
    category: DiversityCategory
    description: str
    adjustment: str


@dataclass(frozen=True, slots=True)
class ConsentRow:
    id: int
    agency: str
    consent_given: bool
    recorded_on: dt.date


@dataclass(frozen=True, slots=True)
class RiskOfHarm:
    level: RiskLevel | None
    mappa_level: MappaLevel | None
    summary: str | None
    da_check_requested: dt.date | None
    da_check_received: dt.date | None
    da_check_outcome: str | None
    cs_check_requested: dt.date | None
    cs_check_received: dt.date | None
    cs_check_outcome: str | None
    # Left out for a member whose roles do not read plans' risk sections (all else None).
    withheld: bool = False


WITHHELD_RISK = RiskOfHarm(None, None, None, None, None, None, None, None, None, withheld=True)


@dataclass(slots=True)
class RiskInput:
    level: RiskLevel | None = None
    mappa_level: MappaLevel | None = None
    summary: str | None = None
    da_check_requested: dt.date | None = None
    da_check_received: dt.date | None = None
    da_check_outcome: str | None = None
    cs_check_requested: dt.date | None = None
    cs_check_received: dt.date | None = None
    cs_check_outcome: str | None = None
    version: int | None = None


@dataclass(slots=True)
class AgreementInput:
    person_agrees: bool | None = None
    agreed_on: dt.date | None = None
    person_comments: str | None = None
    version: int | None = None


@dataclass(frozen=True, slots=True)
class PlanRecord:
    """The whole plan as one screen shows it; ``version`` guards the plan's own sections."""

    id: int
    episode_id: int
    person_id: int
    person_name: str
    crn: str
    prison_number: str
    prison_name: str
    status: PlanStatus
    due_date: dt.date | None  # from the current screening date and settings
    started_on: dt.date | None
    completed_on: dt.date | None
    completed_by: str | None
    needs: tuple[NeedRecord, ...]
    actions: tuple[ActionRecord, ...]
    strengths: tuple[StrengthRow, ...]
    strengths_none_identified: bool
    strengths_none_reason: str | None
    diversity_considered: bool
    diversity_needs: tuple[DiversityNeedRow, ...]
    risk: RiskOfHarm
    person_agrees: bool | None
    agreed_on: dt.date | None
    person_comments: str | None
    consents: tuple[ConsentRow, ...]
    deadline_moves: tuple[DeadlineMove, ...]
    version: int
    updated_at: dt.datetime
    updated_by: str | None
    # The completion gate's answer (services.ttg.completion), section by section.
    gaps: tuple[tuple[PlanSection, str], ...]
    deadlines: Deadlines
    reopened_on: dt.date | None
    reopened_by: str | None
    reopened_reason: str | None
    # If the day of release falls through (rule TTG-FALLBACK).
    release_fallback_plan: str | None = None
    release_fallback_contact: str | None = None
    release_fallback_by: dt.time | None = None
    release_fallback_provider_id: int | None = None
    release_fallback_provider: ProviderContact | None = None

    @property
    def has_release_fallback(self) -> bool:
        return any((self.release_fallback_plan, self.release_fallback_contact,
                    self.release_fallback_by))

    @property
    def missing_for_completion(self) -> list[str]:
        """What stops the plan being marked complete, in plain words; empty when it can be."""
        return [message for _section, message in self.gaps]

    @property
    def sections_answered(self) -> frozenset[PlanSection]:
        """The required sections with nothing missing."""
        return frozenset(PlanSection) - {section for section, _message in self.gaps}

    @property
    def reopened(self) -> bool:
        """Complete once, then an edit left a required section unanswered (rule TTG-7)."""
        return self.status == PlanStatus.DRAFT and self.reopened_on is not None

    def need(self, pathway_code: str) -> NeedRecord | None:
        return next((n for n in self.needs if n.pathway_code == pathway_code), None)


# ---- Referrals, pre-release review, handover -----------------------------------------------

@dataclass(frozen=True, slots=True)
class ReferralRecord:
    id: int
    plan_id: int
    pathway_code: str
    pathway_name: str
    provider: str
    sent_on: dt.date
    status: ReferralStatus
    response_expected_by: dt.date | None
    outcome: str | None
    withdrawn_reason_code: str | None
    withdrawn_reason: str | None
    overdue: bool
    version: int
    # The directory entry it points at, and its details as the directory holds them now.
    provider_id: int | None = None
    contact: ProviderContact | None = None


@dataclass(slots=True)
class ReferralInput:
    pathway_code: str = ""
    provider: str = ""
    sent_on: dt.date | None = None
    response_expected_by: dt.date | None = None
    status: ReferralStatus = ReferralStatus.SENT
    outcome: str | None = None
    withdrawn_reason_code: str | None = None
    version: int | None = None
    # A provider from the directory; None with ``provider`` typed for one not in it.
    provider_id: int | None = None


@dataclass(frozen=True, slots=True)
class OverdueReferral:
    referral: ReferralRecord
    episode_id: int
    person_name: str
    crn: str
    days_overdue: int
    person_id: int = 0


@dataclass(frozen=True, slots=True)
class FirstAppointment:
    with_whom: str | None
    at: dt.datetime | None
    where: str | None
    phone: str | None


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    id: int
    episode_id: int
    review_date: dt.date | None
    due_date: dt.date | None
    accommodation_found: bool | None
    accommodation_address: str | None
    id_status: str | None
    bank_account_status: str | None
    benefits_status: str | None
    gp_registered: bool | None
    gp_details: str | None
    prescriptions_on_day: str | None
    first_appointment: FirstAppointment
    version: int
    prescriptions_arranged: bool | None = None
    prescriptions_collect_from: str | None = None
    travel_route: str | None = None
    travel_payment: TravelPayment | None = None
    # The hostel or housing provider for the first night, the GP practice and the pharmacy,
    # when they are in the directory: their details as the directory holds them now.
    accommodation_provider_id: int | None = None
    accommodation_provider: ProviderContact | None = None
    gp_provider_id: int | None = None
    gp_provider: ProviderContact | None = None
    prescriptions_provider_id: int | None = None
    prescriptions_provider: ProviderContact | None = None


@dataclass(slots=True)
class ReviewInput:
    review_date: dt.date | None = None
    accommodation_found: bool | None = None
    accommodation_address: str | None = None
    id_status: str | None = None
    bank_account_status: str | None = None
    benefits_status: str | None = None
    gp_registered: bool | None = None
    gp_details: str | None = None
    prescriptions_on_day: str | None = None
    prescriptions_arranged: bool | None = None
    prescriptions_collect_from: str | None = None
    travel_route: str | None = None
    travel_payment: TravelPayment | None = None
    first_appointment_with: str | None = None
    first_appointment_at: dt.datetime | None = None
    first_appointment_where: str | None = None
    first_appointment_phone: str | None = None
    version: int | None = None
    accommodation_provider_id: int | None = None
    gp_provider_id: int | None = None
    prescriptions_provider_id: int | None = None


@dataclass(frozen=True, slots=True)
class ContactRow:
    id: int
    contact_date: dt.date
    method: ContactMethod
    shared: str
    acknowledged_on: dt.date | None
    chase_date: dt.date
    needs_chase: bool
    staff: str | None


@dataclass(slots=True)
class OfficerInput:
    """The community responsible officer; ``version`` is the handover's (None if new)."""

    ro_name: str | None = None
    ro_organisation: str | None = None
    ro_team: str | None = None
    ro_email: str | None = None
    ro_phone: str | None = None
    version: int | None = None


@dataclass(slots=True)
class ContactInput:
    contact_date: dt.date | None = None
    method: ContactMethod = ContactMethod.EMAIL
    shared: str = ""
    acknowledged_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class HandoverRecord:
    id: int
    episode_id: int
    ro_name: str | None
    ro_organisation: str | None
    ro_team: str | None
    ro_email: str | None
    ro_phone: str | None
    risk_info_shared: bool
    risk_info_shared_on: dt.date | None
    meeting_at: dt.datetime | None
    meeting_notes: str | None
    window_opens: dt.date | None
    contacts: tuple[ContactRow, ...]
    version: int

    @property
    def chasers(self) -> tuple[ContactRow, ...]:
        return tuple(c for c in self.contacts if c.needs_chase)


@dataclass(frozen=True, slots=True)
class ChaserRow:
    episode_id: int
    person_name: str
    crn: str
    ro_name: str | None
    ro_email: str | None
    contact: ContactRow
    person_id: int = 0


# ---- Custody events ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CustodyEventRow:
    id: int
    kind: CustodyEventKind
    event_date: dt.date
    from_prison: str | None
    to_prison: str | None
    reason: str
    recorded_by: str | None


@dataclass(frozen=True, slots=True)
class EpisodeState:
    """An episode after an event: where the person is, whether released, and the history."""

    episode_id: int
    prison_id: int
    prison_code: str
    prison_name: str
    status: CustodyStatus
    released_on: dt.date | None
    expected_release_date: dt.date | None
    expected_release_type: ReleaseDateType | None
    events: tuple[CustodyEventRow, ...]
    version: int


# ---- The caseload dashboard ----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CaseloadRow:
    """One person on a dashboard list; ``plan_id`` opens their plan (None: not started)."""

    episode_id: int
    person_id: int
    plan_id: int | None
    person_name: str
    crn: str
    prison_number: str
    prison_code: str
    worker_id: int | None
    worker_name: str | None
    expected_release_date: dt.date | None
    expected_release_type: ReleaseDateType | None
    date: dt.date | None
    note: str
    episode_version: int  # what an assignment made from this row was read at
    plan_reopened_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class WorkerCount:
    worker_id: int | None
    worker_name: str
    cases: int


@dataclass(frozen=True, slots=True)
class QualityFigure:
    label: str
    count: int
    total: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.count / self.total, 1) if self.total else None


@dataclass(frozen=True, slots=True)
class QualityFigures:
    """The inspection's TTG questions (4.2.1–4.2.3) as figures; plans counted are those due by
    today (or complete)."""

    plans_on_time: QualityFigure
    with_strengths: QualityFigure
    with_diversity: QualityFigure
    with_risk_of_harm: QualityFigure
    ro_contacted_before_release: QualityFigure
    since: dt.date

    def all(self) -> tuple[QualityFigure, ...]:
        return (self.plans_on_time, self.with_strengths, self.with_diversity,
                self.with_risk_of_harm, self.ro_contacted_before_release)


@dataclass(frozen=True, slots=True)
class Caseload:
    today: dt.date
    in_custody: int
    due_a_plan: tuple[CaseloadRow, ...]
    plans_overdue: tuple[CaseloadRow, ...]
    releases_within_12_weeks: tuple[CaseloadRow, ...]
    releases_within_24_weeks: tuple[CaseloadRow, ...]
    no_accommodation: tuple[CaseloadRow, ...]
    handover_not_started: tuple[CaseloadRow, ...]
    handovers_not_acknowledged: tuple[CaseloadRow, ...]
    referrals_overdue: tuple[CaseloadRow, ...]
    workers: tuple[WorkerCount, ...]
    quality: QualityFigures
    # People in custody whose dates cannot be right (before 1900 or after 2100) or could not
    # be worked out; they stay on the other lists wherever those could be computed.
    needs_attention: tuple[CaseloadRow, ...] = ()
    # People in custody no resettlement worker holds yet: the reception queue.
    not_assigned: tuple[CaseloadRow, ...] = ()
    # Reviews due because something changed (rule TTG-REVIEWDUE), one row per item.
    reviews_due: tuple[CaseloadRow, ...] = ()


# ---- The handover pack (staff only) --------------------------------------------------------

@dataclass(frozen=True, slots=True)
class EpisodeSummary:
    person_name: str
    crn: str
    date_of_birth: dt.date
    prison_name: str
    prison_code: str
    prison_number: str
    reception_date: dt.date
    screening_date: dt.date | None
    dates: dict[str, dt.date | None]
    expected_release_date: dt.date | None
    expected_release_type: ReleaseDateType | None
    released_on: dt.date | None
    status: CustodyStatus
    worker_name: str | None
    worker_email: str | None
    worker_phone: str | None


@dataclass(frozen=True, slots=True)
class HandoverPack:
    """Everything the community responsible officer receives, risk of harm included."""

    episode: EpisodeSummary
    plan: PlanRecord | None
    review: ReviewRecord | None
    handover: HandoverRecord | None
    referrals: tuple[ReferralRecord, ...]
    deadlines: EpisodeDeadlines
    printed_at: dt.datetime
    printed_by: str | None
    # The officer's choice; records print as they were written.
    language: Language = Language.ENGLISH
