"""Wires the database, migrations and services together; used by the UI, the CLI and tests."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from upw_ttg import paths
from upw_ttg.services.attendance import AttendanceServices, build_attendance
from upw_ttg.services.audit import AuditService
from upw_ttg.services.calendar import CalendarService
from upw_ttg.services.case_summary import CaseSummaryService
from upw_ttg.services.context import ServiceContext
from upw_ttg.services.custody import CustodyService
from upw_ttg.services.orders import OrdersService
from upw_ttg.services.people import PeopleService
from upw_ttg.services.settings import SettingsService
from upw_ttg.services.staff import StaffService
from upw_ttg.services.ttg.dashboard import DashboardService
from upw_ttg.services.ttg.deadlines import DeadlineService
from upw_ttg.services.ttg.events import CustodyEventService
from upw_ttg.services.ttg.handover import HandoverService
from upw_ttg.services.ttg.plans import PlanService
from upw_ttg.services.ttg.printouts import PrintoutService
from upw_ttg.services.ttg.referrals import ReferralService
from upw_ttg.services.ttg.reviews import ReviewService
from upw_ttg.services.upw import UpwServices, build_upw_services
from upw_ttg.storage.database import Database, sqlite_url
from upw_ttg.storage.migrate import MigrationResult, upgrade

DATABASE_FILE = "upw-ttg.db"


@dataclass(frozen=True)
class AppLocation:
    """Where this run keeps its data: a data folder and the database URL."""

    data_dir: Path
    database_url: str

    @classmethod
    def resolve(cls, data_dir: Path | str | None = None,
                database_url: str | None = None) -> AppLocation:
        """Options first, then UPW_TTG_DATABASE_URL / UPW_TTG_DATA_DIR, then the defaults."""
        folder = Path(data_dir) if data_dir else paths.default_data_dir()
        url = database_url or os.environ.get("UPW_TTG_DATABASE_URL") \
            or sqlite_url(folder / DATABASE_FILE)
        return cls(folder, url)

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def logs_dir(self) -> Path:
        return self.data_dir / "logs"


@dataclass
class AppServices:
    ctx: ServiceContext
    location: AppLocation
    migration: MigrationResult | None
    staff: StaffService
    people: PeopleService
    orders: OrdersService
    custody: CustodyService
    settings: SettingsService
    calendar: CalendarService
    audit: AuditService
    case_summary: CaseSummaryService
    deadlines: DeadlineService
    plans: PlanService
    reviews: ReviewService
    handover: HandoverService
    referrals: ReferralService
    custody_events: CustodyEventService
    caseload: DashboardService
    ttg_printouts: PrintoutService
    attendance: AttendanceServices
    upw: UpwServices

    @property
    def db(self) -> Database:
        return self.ctx.db

    def close(self) -> None:
        self.ctx.db.dispose()


def build_services(db: Database, location: AppLocation,
                   migration: MigrationResult | None = None) -> AppServices:
    ctx = ServiceContext(db)
    people = PeopleService(ctx)
    orders = OrdersService(ctx)
    custody = CustodyService(ctx)
    # One calendar for everything, so a closure date moves UPW and TTG deadlines alike.
    calendar = CalendarService(ctx)
    deadlines = DeadlineService(ctx, calendar)
    plans = PlanService(ctx, deadlines)
    reviews = ReviewService(ctx, deadlines)
    handover = HandoverService(ctx, deadlines)
    referrals = ReferralService(ctx)
    return AppServices(
        ctx=ctx, location=location, migration=migration, staff=StaffService(ctx),
        people=people, orders=orders, custody=custody, settings=SettingsService(ctx),
        calendar=calendar, audit=AuditService(ctx),
        case_summary=CaseSummaryService(ctx, people, orders, custody),
        deadlines=deadlines, plans=plans, reviews=reviews, handover=handover,
        referrals=referrals, custody_events=CustodyEventService(ctx),
        caseload=DashboardService(ctx, deadlines),
        ttg_printouts=PrintoutService(ctx, deadlines, plans, reviews, handover, referrals),
        attendance=build_attendance(ctx), upw=build_upw_services(ctx))


def open_app(location: AppLocation) -> AppServices:
    """Open (creating if needed) and migrate the database, backing it up before an upgrade."""
    location.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(location.database_url)
    try:
        migration = upgrade(db, backup_dir=location.backups_dir)
    except BaseException:
        db.dispose()
        raise
    return build_services(db, location, migration)
