"""Unpaid Work scheduling services: assessments, projects, sessions, placing, planning, money."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from upw_ttg.services.context import ServiceContext
from upw_ttg.services.upw.assessments import AssessmentService
from upw_ttg.services.upw.autofill import AutoFillService
from upw_ttg.services.upw.availability import SentencersSheetService
from upw_ttg.services.upw.broken_bookings import BrokenBookingsService
from upw_ttg.services.upw.certificates import CertificateService
from upw_ttg.services.upw.common import PlacementRefused
from upw_ttg.services.upw.induction import InductionService
from upw_ttg.services.upw.keep_apart import KeepApartService
from upw_ttg.services.upw.placement import PlacementService
from upw_ttg.services.upw.planner import PlannerService
from upw_ttg.services.upw.projects import ProjectsService
from upw_ttg.services.upw.risk_sharing import RiskSharingService
from upw_ttg.services.upw.sessions import SessionsService
from upw_ttg.services.upw.skills import SkillsService
from upw_ttg.services.upw.standdown import StandDownService
from upw_ttg.services.upw.texts import TextMessageService
from upw_ttg.services.upw.warrants import WarrantsService

if TYPE_CHECKING:
    from upw_ttg.services.upw.documents import UpwDocumentsService


@dataclass
class UpwServices:
    """Every UPW scheduling service on one context, for ``AppServices.upw``."""

    assessments: AssessmentService
    projects: ProjectsService
    sessions: SessionsService
    placement: PlacementService
    planner: PlannerService
    autofill: AutoFillService
    stand_downs: StandDownService
    warrants: WarrantsService
    keep_apart: KeepApartService
    broken: BrokenBookingsService
    risk_sharing: RiskSharingService
    texts: TextMessageService
    sentencers_sheet: SentencersSheetService
    skills: SkillsService
    certificates: CertificateService
    induction: InductionService
    ctx: ServiceContext = field(repr=False)

    @cached_property
    def documents(self) -> UpwDocumentsService:
        """Letters, manifests and warrants, built (with the printing library) when first used."""
        from upw_ttg.services.upw.documents import UpwDocumentsService

        return UpwDocumentsService(self.ctx)


def build_upw_services(ctx: ServiceContext) -> UpwServices:
    return UpwServices(
        assessments=AssessmentService(ctx), projects=ProjectsService(ctx),
        sessions=SessionsService(ctx), placement=PlacementService(ctx),
        planner=PlannerService(ctx), autofill=AutoFillService(ctx),
        stand_downs=StandDownService(ctx), warrants=WarrantsService(ctx),
        keep_apart=KeepApartService(ctx), broken=BrokenBookingsService(ctx),
        risk_sharing=RiskSharingService(ctx), texts=TextMessageService(ctx),
        sentencers_sheet=SentencersSheetService(ctx), skills=SkillsService(ctx),
        certificates=CertificateService(ctx), induction=InductionService(ctx),
        ctx=ctx)


__all__ = ["UpwServices", "build_upw_services", "PlacementRefused"]
