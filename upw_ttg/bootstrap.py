"""Wires the database, migrations and services together; used by the UI, the CLI and tests."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy.orm import configure_mappers

from upw_ttg.files import make_private_folder

# Re-exported (``x as x`` marks a re-export): callers have always found these here.
from upw_ttg.paths import DATABASE_FILE as DATABASE_FILE
from upw_ttg.paths import AppLocation as AppLocation
from upw_ttg.paths import sqlite_url as sqlite_url
from upw_ttg.progress import CancelledFn, ProgressFn
from upw_ttg.services.access_log import AccessLogService
from upw_ttg.services.audit import AuditService
from upw_ttg.services.calendar import CalendarService
from upw_ttg.services.case_record import CaseRecordService
from upw_ttg.services.case_reviews import CaseReviewService
from upw_ttg.services.case_summary import CaseSummaryService
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.custody import CustodyService
from upw_ttg.services.directory import DirectoryService
from upw_ttg.services.orders import OrdersService
from upw_ttg.services.organisation import OrganisationService
from upw_ttg.services.people import PeopleService
from upw_ttg.services.restrictions import RestrictionService
from upw_ttg.services.roles import RoleService
from upw_ttg.services.settings import SettingsService
from upw_ttg.services.staff import StaffService
from upw_ttg.storage.database import Database
from upw_ttg.storage.migrate import MigrationResult, upgrade

if TYPE_CHECKING:

    from upw_ttg.demo.generator import DemoSummary
    from upw_ttg.services.attendance import AttendanceServices
    from upw_ttg.services.day_printing import DayPrintingService
    from upw_ttg.services.exchange.custody_import import CustodyImportService
    from upw_ttg.services.exchange.list_export import ListExportService
    from upw_ttg.services.exchange.national_export import NationalExportService
    from upw_ttg.services.exchange.people_export import PeopleExportService
    from upw_ttg.services.exchange.people_import import PeopleImportService
    from upw_ttg.services.figures import FiguresService
    from upw_ttg.services.subject_access import SubjectAccessService
    from upw_ttg.services.ttg.dashboard import DashboardService
    from upw_ttg.services.ttg.deadlines import DeadlineService
    from upw_ttg.services.ttg.events import CustodyEventService
    from upw_ttg.services.ttg.handover import HandoverService
    from upw_ttg.services.ttg.plans import PlanService
    from upw_ttg.services.ttg.printouts import PrintoutService
    from upw_ttg.services.ttg.referrals import ReferralService
    from upw_ttg.services.ttg.reviews import ReviewService
    from upw_ttg.services.upw import UpwServices

class AppServices:
    """Every service of one signed-in application, sharing one context.

    The Unpaid Work and Through the Gate services are built on first use, so starting the
    application does not wait for modules (and printing) that the first screen does not need.
    """

    # What is not a service: the shared context, where the data is, and the application's own
    # housekeeping (tests that walk every service method leave these out).
    HOUSEKEEPING = frozenset({"HOUSEKEEPING", "ctx", "location", "migration", "db", "close",
                              "database_description", "demo_state", "generate_demo"})

    def __init__(self, db: Database, location: AppLocation,
                 migration: MigrationResult | None = None):
        self.ctx = ServiceContext(db)
        self.location = location
        self.migration = migration
        self.staff = StaffService(self.ctx)
        self.roles = RoleService(self.ctx)
        self.people = PeopleService(self.ctx)
        self.restrictions = RestrictionService(self.ctx)
        self.orders = OrdersService(self.ctx)
        self.custody = CustodyService(self.ctx)
        self.settings = SettingsService(self.ctx)
        self.organisation = OrganisationService(self.ctx)
        self.directory = DirectoryService(self.ctx)
        # One calendar for everything, so a closure date moves UPW and TTG deadlines alike.
        self.calendar = CalendarService(self.ctx)
        self.audit = AuditService(self.ctx)
        self.access_log = AccessLogService(self.ctx)
        self.case_record = CaseRecordService(self.ctx)
        self.case_reviews = CaseReviewService(self.ctx)
        self.case_summary = CaseSummaryService(self.ctx, self.people, self.orders, self.custody)

    @property
    def db(self) -> Database:
        return self.ctx.db

    def close(self) -> None:
        self.ctx.db.dispose()

    def database_description(self) -> str:
        """Where the data is, for a status bar or About box; never a password."""
        return self.ctx.db.describe()

    def demo_state(self) -> str:
        """What the database holds as far as demo data is concerned (``upw_ttg.demo``)."""
        from upw_ttg.demo import demo_state

        return demo_state(self.ctx.db)

    def generate_demo(self, scale: str, *, progress: ProgressFn | None = None,
                      cancelled: CancelledFn | None = None) -> DemoSummary:
        """Fill a new database with made-up data (refused for real data; see ``generate_demo``)."""
        from upw_ttg.demo import generate_demo

        return generate_demo(self.ctx.db, scale, progress=progress, cancelled=cancelled)

    @cached_property
    def upw(self) -> UpwServices:
        from upw_ttg.services.upw import build_upw_services

        return build_upw_services(self.ctx)

    @cached_property
    def people_import(self) -> PeopleImportService:
        from upw_ttg.services.exchange.people_import import PeopleImportService
        return PeopleImportService(self.ctx)

    @cached_property
    def custody_import(self) -> CustodyImportService:
        from upw_ttg.services.exchange.custody_import import CustodyImportService
        return CustodyImportService(self.ctx)

    @cached_property
    def people_export(self) -> PeopleExportService:
        from upw_ttg.services.exchange.people_export import PeopleExportService
        return PeopleExportService(self.ctx)

    @cached_property
    def list_export(self) -> ListExportService:
        from upw_ttg.services.exchange.list_export import ListExportService
        return ListExportService(self.ctx)

    @cached_property
    def national_export(self) -> NationalExportService:
        from upw_ttg.services.exchange.national_export import NationalExportService
        return NationalExportService(self.ctx)

    @cached_property
    def subject_access(self) -> SubjectAccessService:
        from upw_ttg.services.subject_access import SubjectAccessService

        return SubjectAccessService(self.ctx)

    @cached_property
    def attendance(self) -> AttendanceServices:
        from upw_ttg.services.attendance import build_attendance

        return build_attendance(self.ctx)

    @cached_property
    def day_printing(self) -> DayPrintingService:
        from upw_ttg.services.day_printing import DayPrintingService

        return DayPrintingService(self.ctx, self.attendance.work_sheets, self.upw.documents,
                                  self.calendar)

    @cached_property
    def deadlines(self) -> DeadlineService:
        from upw_ttg.services.ttg.deadlines import DeadlineService

        return DeadlineService(self.ctx, self.calendar)

    @cached_property
    def plans(self) -> PlanService:
        from upw_ttg.services.ttg.plans import PlanService

        return PlanService(self.ctx, self.deadlines)

    @cached_property
    def reviews(self) -> ReviewService:
        from upw_ttg.services.ttg.reviews import ReviewService

        return ReviewService(self.ctx, self.deadlines)

    @cached_property
    def handover(self) -> HandoverService:
        from upw_ttg.services.ttg.handover import HandoverService

        return HandoverService(self.ctx, self.deadlines)

    @cached_property
    def referrals(self) -> ReferralService:
        from upw_ttg.services.ttg.referrals import ReferralService

        return ReferralService(self.ctx)

    @cached_property
    def custody_events(self) -> CustodyEventService:
        from upw_ttg.services.ttg.events import CustodyEventService

        return CustodyEventService(self.ctx)

    @cached_property
    def figures(self) -> FiguresService:
        from upw_ttg.services.figures import FiguresService

        return FiguresService(self.ctx, self.calendar)

    @cached_property
    def caseload(self) -> DashboardService:
        from upw_ttg.services.ttg.dashboard import DashboardService

        return DashboardService(self.ctx, self.deadlines)

    @cached_property
    def ttg_printouts(self) -> PrintoutService:
        from upw_ttg.services.ttg.printouts import PrintoutService

        return PrintoutService(self.ctx, self.deadlines, self.plans, self.reviews,
                               self.handover, self.referrals)


def build_services(db: Database, location: AppLocation,
                   migration: MigrationResult | None = None) -> AppServices:
    return AppServices(db, location, migration)


def open_app(location: AppLocation) -> AppServices:
    """Open (creating if needed) and migrate the database, backing it up before an upgrade."""
    make_private_folder(location.data_dir, tighten=True)
    db = Database(location.database_url)
    try:
        migration = upgrade(db, backup_dir=location.backups_dir)
    except BaseException:
        db.dispose()
        raise
    services = build_services(db, location, migration)
    # The models' mapping is finished here (about 30 ms), on the worker that opens the
    # database behind the sign-in window, not at the first query: the sign-in itself.
    configure_mappers()
    return services
