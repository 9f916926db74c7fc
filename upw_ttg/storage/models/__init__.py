"""ORM models for the whole domain, imported together so the metadata is complete."""

from upw_ttg.storage.models.admin import (
    AuditEvent,
    ClosureDate,
    DeliveryUnit,
    DemoMarker,
    EnforcementActionCode,
    Office,
    OutcomeCodeRow,
    Pathway,
    Prison,
    ProjectType,
    Setting,
    Staff,
    StaffRole,
    UnknownNameSignIn,
)
from upw_ttg.storage.models.base import Base
from upw_ttg.storage.models.case_reviews import CaseChange, CaseReview, ReviewDue
from upw_ttg.storage.models.directory import (
    ServiceProvider,
    ServiceProviderArea,
    ServiceProviderPathway,
)
from upw_ttg.storage.models.exchange import ImportLayout, NationalExport, NationalExportItem
from upw_ttg.storage.models.figures import OrderMonth
from upw_ttg.storage.models.oversight import EnforcementReview
from upw_ttg.storage.models.people import KeepApart, Person, PersonAccess
from upw_ttg.storage.models.risk_sharing import RiskChange, RiskChangeContact
from upw_ttg.storage.models.skills import AppointmentSkill, ProjectSkill, Skill
from upw_ttg.storage.models.texts import TextMessage
from upw_ttg.storage.models.trail import AccessEvent, ChainHead
from upw_ttg.storage.models.ttg import (
    CustodyDateChange,
    CustodyEpisode,
    CustodyEvent,
    Handover,
    HandoverContact,
    NeedProgress,
    PlanAction,
    PlanConsent,
    PlanDiversityNeed,
    PlanNeed,
    PlanStrength,
    PreReleaseReview,
    Referral,
    ResettlementPlan,
)
from upw_ttg.storage.models.upw import (
    Adjustment,
    Appointment,
    AssessmentCommitment,
    EnforcementAction,
    OrderExtension,
    PickupPoint,
    Project,
    ProjectTag,
    SessionPickup,
    SessionSupervisor,
    TravelWarrant,
    UpwAssessment,
    UpwOrder,
    UpwSession,
    Van,
    WarrantSerial,
)
from upw_ttg.storage.models.upw_checks import BookingBreach

__all__ = [
    "AccessEvent", "Adjustment", "Appointment", "AppointmentSkill", "AssessmentCommitment",
    "AuditEvent", "Base",
    "BookingBreach", "CaseChange", "CaseReview", "ChainHead", "ClosureDate",
    "CustodyDateChange", "CustodyEpisode",
    "CustodyEvent", "DeliveryUnit", "DemoMarker", "EnforcementAction", "EnforcementActionCode",
    "EnforcementReview",
    "Handover", "HandoverContact", "ImportLayout", "KeepApart", "NationalExport",
    "NationalExportItem", "NeedProgress", "Office", "OrderExtension", "OrderMonth",
    "OutcomeCodeRow", "Pathway", "Person", "PersonAccess", "PickupPoint", "PlanAction",
    "PlanConsent", "PlanDiversityNeed", "PlanNeed", "PlanStrength", "PreReleaseReview", "Prison",
    "Project", "ProjectSkill", "ProjectTag", "ProjectType", "Referral", "ResettlementPlan",
    "ReviewDue", "RiskChange", "RiskChangeContact", "ServiceProvider", "ServiceProviderArea",
    "ServiceProviderPathway", "SessionPickup", "SessionSupervisor", "Setting", "Skill", "Staff",
    "StaffRole", "TextMessage", "TravelWarrant",
    "UnknownNameSignIn",
    "UpwAssessment", "UpwOrder", "UpwSession", "Van", "WarrantSerial",
]
