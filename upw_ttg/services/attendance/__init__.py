"""Unpaid Work attendance: registers, crediting and the ledger, forecast, enforcement, print."""

from __future__ import annotations

from dataclasses import dataclass

from upw_ttg.services.attendance.enforcement import EnforcementService
from upw_ttg.services.attendance.forecast import ForecastService
from upw_ttg.services.attendance.ledger import LedgerService
from upw_ttg.services.attendance.letters import LetterService
from upw_ttg.services.attendance.oversight import EnforcementReviewService
from upw_ttg.services.attendance.registers import RegisterService, apply_bulk_outcome
from upw_ttg.services.attendance.work_sheets import WorkSheetService
from upw_ttg.services.context import ServiceContext


@dataclass(frozen=True)
class AttendanceServices:
    """The attendance services over one context; ``AppServices.attendance`` holds one."""

    registers: RegisterService
    ledger: LedgerService
    enforcement: EnforcementService
    forecast: ForecastService
    work_sheets: WorkSheetService
    letters: LetterService
    reviews: EnforcementReviewService


def build_attendance(ctx: ServiceContext) -> AttendanceServices:
    return AttendanceServices(registers=RegisterService(ctx), ledger=LedgerService(ctx),
                              enforcement=EnforcementService(ctx), forecast=ForecastService(ctx),
                              work_sheets=WorkSheetService(ctx), letters=LetterService(ctx),
                              reviews=EnforcementReviewService(ctx))


__all__ = ["AttendanceServices", "EnforcementReviewService", "EnforcementService",
           "ForecastService", "LedgerService", "LetterService",
           "RegisterService", "WorkSheetService", "apply_bulk_outcome", "build_attendance"]
